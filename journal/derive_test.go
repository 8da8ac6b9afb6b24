package journal

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// The occurrence a note's reading keeps of an item (with what dueOf said
// as the note was read) must be the one reading the item's text again
// gives: check and every save compare and store it.
func TestOccurrenceFromReadingIsReread(t *testing.T) {
	var notes []string
	for _, glob := range []string{"testdata/realnotes/*.md", "testdata/extract/*.md"} {
		m, _ := filepath.Glob(glob)
		notes = append(notes, m...)
	}
	if len(notes) < 20 {
		t.Fatalf("only %d notes to read", len(notes))
	}
	nc := NoteContext{Handle: "ana", Name: "Ana Ruiz", Keeper: Keeper{Name: "Robin Hale", Handle: "robin"}}
	n := 0
	for _, path := range notes {
		note, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		// Bases on several weekdays and month ends: phrases resolve
		// against them.
		for _, base := range []Date{isoDay("2026-12-04"), isoDay("2026-11-30"), isoDay("2027-01-31")} {
			nc.Date = base
			for _, r := range []NoteReading{Read(note, nc), stamped(note, nc)} {
				if len(r.memos) != len(r.Items) {
					t.Fatalf("%s: %d memos for %d items", path, len(r.memos), len(r.Items))
				}
				for i, it := range r.Items {
					it.Date = base
					got, want := occurrenceMemo(it, r.memos[i]), occurrenceOf(it)
					if !reflect.DeepEqual(got, want) {
						t.Errorf("%s line %d: occurrence from the reading %+v, read again %+v", filepath.Base(path), it.Line, got, want)
					}
					if want.phrase != "" || !want.due.IsZero() {
						n++
					}
				}
			}
		}
	}
	if n < 100 {
		t.Errorf("only %d dated occurrences compared: the corpus lost its due dates?", n)
	}
}

// stamped is the reading a save makes: done dates and block ids added.
func stamped(note []byte, nc NoteContext) NoteReading {
	k := 0
	_, r, _ := stampRead(note, nc, nc.Date, func() string { k++; return "x" + string(rune('a'+k%26)) + string(rune('a'+k/26%26)) })
	return r
}
