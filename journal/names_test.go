package journal

import (
	"reflect"
	"testing"
)

// The names a note is read with are made once per person and keeper and
// shared: what is shared must be what namesOf makes for each context,
// whatever was asked before it.
func TestSharedNamesAreNamesOf(t *testing.T) {
	ncs := []NoteContext{
		{Handle: "ana", Name: "Ana Ruiz", Keeper: Keeper{Name: "Robin Hale", Handle: "robin"}},
		{Handle: "ana", Name: "Ana Ruiz", Role: "manager", Keeper: Keeper{Name: "Robin Hale", Handle: "robin"}},
		{Handle: "ana", Name: "Ana Ruiz", Keeper: Keeper{Name: "Ana Lopez", Handle: "alo"}},
		{Handle: "ana", Name: "Ana María Ruiz", Keeper: Keeper{Name: "Robin Hale", Handle: "robin"}},
		{Handle: "bo", Name: "Bo Chen"},
		{Handle: "ana", Name: "Ana Ruiz"},
	}
	for round := 0; round < 2; round++ {
		for i, nc := range ncs {
			nc.Date = Date(1000 + i*round)
			if got, want := sharedNamesOf(nc), namesOf(nc); !reflect.DeepEqual(got, want) {
				t.Errorf("round %d, context %d: shared names %+v, namesOf %+v", round, i, got, want)
			}
		}
	}
}
