package journal

import (
	"sort"

	bolt "go.etcd.io/bbolt"
)

// WeekDays is how many days the week ahead holds, today included.
const WeekDays = 7

// Week is the week ahead as of a day (SPEC 4.6): what is already overdue,
// then, day by day, the 1:1s that fall due and the commitments due in both
// directions, grouped by person.
type Week struct {
	Today   Date
	Overdue []WeekPerson // commitments due before today and 1:1s that fell due before today
	Days    []WeekDay    // today and the WeekDays-1 days after it, each present even when empty
}

// WeekDay is one day of the week ahead.
type WeekDay struct {
	Date   Date
	People []WeekPerson // by handle
}

// WeekPerson is what one person has on one day (or in the overdue part).
type WeekPerson struct {
	Person Person
	// OneOnOne is the day a 1:1 falls due (last meeting + cadence), or
	// zero when none falls due here. Someone never met is due today.
	OneOnOne Date
	Mine     []Item // my open commitments to them due here, earliest first
	Theirs   []Item // theirs to me
}

// Empty reports whether the day holds nothing.
func (d WeekDay) Empty() bool { return len(d.People) == 0 }

// Week gathers the week ahead from today for every active person.
func (j *Journal) Week(today Date) (Week, error) {
	w := Week{Today: today}
	people, err := j.People(false)
	if err != nil {
		return w, err
	}
	open, err := j.OpenCommitments(ItemFilter{})
	if err != nil {
		return w, err
	}
	next, err := j.nextOneOnOnes(people, today)
	if err != nil {
		return w, err
	}
	end := today.AddDays(WeekDays)
	overdue := map[string]*WeekPerson{}
	days := make([]map[string]*WeekPerson, WeekDays)
	byHandle := map[string]Person{}
	slot := func(d Date, p Person) *WeekPerson {
		m := overdue
		if d >= today {
			i := int(d - today)
			if days[i] == nil {
				days[i] = map[string]*WeekPerson{}
			}
			m = days[i]
		}
		if m[p.Handle] == nil {
			m[p.Handle] = &WeekPerson{Person: p}
		}
		return m[p.Handle]
	}
	for _, n := range next {
		byHandle[n.Person.Handle] = n.Person
		if n.due < end {
			slot(n.due, n.Person).OneOnOne = n.due
		}
	}
	for _, it := range open {
		p, ok := byHandle[it.Person]
		if !ok || it.Due.IsZero() || it.Due >= end {
			continue
		}
		s := slot(it.Due, p)
		if it.Owner == Them {
			s.Theirs = append(s.Theirs, it)
		} else {
			s.Mine = append(s.Mine, it)
		}
	}
	w.Overdue = sortedWeekPeople(overdue)
	for i := range WeekDays {
		w.Days = append(w.Days, WeekDay{Date: today.AddDays(i), People: sortedWeekPeople(days[i])})
	}
	return w, nil
}

// sortedWeekPeople lists a day's people by handle, each with their
// commitments earliest due first.
func sortedWeekPeople(m map[string]*WeekPerson) []WeekPerson {
	out := make([]WeekPerson, 0, len(m))
	for _, wp := range m {
		for _, items := range [][]Item{wp.Mine, wp.Theirs} {
			sort.SliceStable(items, func(a, b int) bool { return items[a].Due < items[b].Due })
		}
		out = append(out, *wp)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Person.Handle < out[b].Person.Handle })
	return out
}

type nextOneOnOne struct {
	Person    Person
	last, due Date
}

// nextOneOnOnes returns when each person's next 1:1 falls due: the last
// meeting held + cadence (which may have passed), or today for someone
// never met. A note dated after today is not a meeting held.
func (j *Journal) nextOneOnOnes(people []Person, today Date) ([]nextOneOnOne, error) {
	out := make([]nextOneOnOne, 0, len(people))
	err := j.view(func(tx *bolt.Tx) error {
		for _, p := range people {
			n := nextOneOnOne{Person: p, due: today}
			err := eachPersonMeeting(tx, p.Handle, true, func(id MeetingID) (bool, error) {
				if id.Date() > today {
					return true, nil
				}
				n.last = id.Date()
				return false, nil
			})
			if err != nil {
				return err
			}
			if !n.last.IsZero() {
				n.due = n.last.AddDays(p.Cadence)
			}
			out = append(out, n)
		}
		return nil
	})
	return out, err
}
