package journal

import (
	"math"
	"sort"
)

// DaysPastCadence is how many days the person has waited beyond their
// cadence for a 1:1 (negative while not yet due); someone never met has
// waited longest of all.
func (s PersonStatus) DaysPastCadence() int {
	if s.DaysSince < 0 {
		return math.MaxInt32
	}
	return s.DaysSince - s.Cadence
}

// SortByUrgency orders people as a manager triages a Monday morning: first
// those I owe overdue promises to (most overdue first), then those who owe
// me overdue promises or are due for a 1:1, longest past their cadence
// first, then everyone else; ties by name, then handle.
func SortByUrgency(ps []PersonStatus) {
	tier := func(s PersonStatus) int {
		switch {
		case s.OverdueMine > 0:
			return 0
		case s.OverdueTheirs > 0 || s.DueForOneOnOne:
			return 1
		}
		return 2
	}
	sort.SliceStable(ps, func(a, b int) bool {
		x, y := ps[a], ps[b]
		if tx, ty := tier(x), tier(y); tx != ty {
			return tx < ty
		}
		if x.OverdueMine != y.OverdueMine {
			return x.OverdueMine > y.OverdueMine
		}
		if dx, dy := x.DaysPastCadence(), y.DaysPastCadence(); dx != dy {
			return dx > dy
		}
		if x.OverdueTheirs != y.OverdueTheirs {
			return x.OverdueTheirs > y.OverdueTheirs
		}
		if x.Name != y.Name {
			return x.Name < y.Name
		}
		return x.Handle < y.Handle
	})
}
