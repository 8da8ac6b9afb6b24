package journal

import (
	"testing"
)

// The people list sorted by urgency: my overdue promises first, then
// theirs or a 1:1 that is due, longest past the cadence first, then the
// rest by name (issue 13).
func TestSortByUrgencyPutsMyOverduePromisesFirstThenDueOneOnOnes(t *testing.T) {
	st := func(h string, mine, theirs, since, cadence int) PersonStatus {
		s := PersonStatus{Person: Person{Handle: h, Name: h, Cadence: cadence}, OverdueMine: mine, OverdueTheirs: theirs, DaysSince: since}
		s.DueForOneOnOne = since < 0 || since >= cadence
		return s
	}
	ps := []PersonStatus{
		st("ann", 0, 0, 3, 14),  // nothing: last
		st("bea", 0, 2, 5, 14),  // theirs overdue, not due: 9 days before cadence
		st("cy", 1, 0, 2, 14),   // one of mine overdue
		st("dan", 0, 0, 30, 14), // 16 days past cadence
		st("eve", 3, 0, 1, 7),   // three of mine overdue: first
		st("fay", 0, 0, -1, 14), // never met: longest waiting
		st("gus", 0, 0, 20, 14), // 6 days past
		st("abe", 0, 0, 10, 14), // nothing: by name, before ann
	}
	SortByUrgency(ps)
	want := []string{"eve", "cy", "fay", "dan", "gus", "bea", "abe", "ann"}
	for i, s := range ps {
		if s.Handle != want[i] {
			var got []string
			for _, s := range ps {
				got = append(got, s.Handle)
			}
			t.Fatalf("order %v, want %v", got, want)
		}
	}
}
