package journal

import (
	"testing"
)

// weekJournal: today is Monday 2026-11-30.
func weekJournal(t *testing.T) *Journal {
	t.Helper()
	j := openTemp(t)
	for _, p := range []Person{
		{Handle: "alice", Name: "Alice Martin", Cadence: 7},
		{Handle: "bob", Name: "Bob Li", Cadence: 14},
		{Handle: "carol", Name: "Carol Diaz"},
		{Handle: "dave", Name: "Dave Old", Archived: true},
	} {
		if _, err := j.AddPerson(p); err != nil {
			t.Fatal(err)
		}
	}
	add := func(handle, date, note string) {
		t.Helper()
		if _, err := j.AddMeeting(Meeting{Person: handle, Date: day(t, date), Note: note}, day(t, date)); err != nil {
			t.Fatal(err)
		}
	}
	add("alice", "2026-11-20", "## My commitments\n- [ ] send the deck due:2026-12-02\n- [ ] undated thing\n\n## Alice's commitments\n- [ ] review the RFC due:2026-11-28\n- [ ] write the brief due:2026-12-02\n")
	add("bob", "2026-11-25", "## Bob's commitments\n- [ ] hiring plan due:2026-12-06\n- [x] done already due:2026-12-01\n\n## My commitments\n- [ ] budget due:2026-12-07\n")
	add("dave", "2026-11-01", "- [ ] archived promise due:2026-12-01\n")
	add("alice", "2026-12-03", "a note written ahead\n")
	return j
}

func TestWeekShowsOverdueThenEachDayByPerson(t *testing.T) {
	j := weekJournal(t)
	today := day(t, "2026-11-30")
	w, err := j.Week(today)
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Days) != WeekDays || w.Days[0].Date != today || w.Days[6].Date != day(t, "2026-12-06") {
		t.Fatalf("days: %+v", w.Days)
	}
	// Overdue: alice's 1:1 (last 2026-11-20 + 7 = 11-27) and her RFC.
	if len(w.Overdue) != 1 || w.Overdue[0].Person.Handle != "alice" || w.Overdue[0].OneOnOne != day(t, "2026-11-27") ||
		len(w.Overdue[0].Theirs) != 1 || w.Overdue[0].Theirs[0].Due != day(t, "2026-11-28") || len(w.Overdue[0].Mine) != 0 {
		t.Fatalf("overdue: %+v", w.Overdue)
	}
	// Today: carol, never met, is due for a first 1:1.
	if len(w.Days[0].People) != 1 || w.Days[0].People[0].Person.Handle != "carol" || w.Days[0].People[0].OneOnOne != today {
		t.Fatalf("today: %+v", w.Days[0].People)
	}
	// Wednesday: both of alice's promises due that day, one each way.
	wed := w.Days[2]
	if len(wed.People) != 1 || len(wed.People[0].Mine) != 1 || len(wed.People[0].Theirs) != 1 || !wed.People[0].OneOnOne.IsZero() {
		t.Fatalf("wednesday: %+v", wed.People)
	}
	// Sunday: bob's hiring plan; his 1:1 (12-09) and my budget (12-07) fall after the week.
	sun := w.Days[6]
	if len(sun.People) != 1 || sun.People[0].Person.Handle != "bob" || len(sun.People[0].Theirs) != 1 || len(sun.People[0].Mine) != 0 {
		t.Fatalf("sunday: %+v", sun.People)
	}
	for _, d := range w.Days {
		for _, p := range d.People {
			if p.Person.Handle == "dave" {
				t.Errorf("an archived person is in the week: %+v", p)
			}
			for _, it := range append(p.Mine, p.Theirs...) {
				if it.State != StateOpen || it.Due.IsZero() {
					t.Errorf("not an open dated commitment: %+v", it)
				}
			}
		}
	}
	if !w.Days[1].Empty() || w.Days[2].Empty() {
		t.Errorf("empty days: %v %v", w.Days[1].Empty(), w.Days[2].Empty())
	}
}

func TestWeekOfAnEmptyJournalHasSevenEmptyDays(t *testing.T) {
	j := openTemp(t)
	w, err := j.Week(day(t, "2026-11-30"))
	if err != nil || len(w.Days) != WeekDays || len(w.Overdue) != 0 {
		t.Fatalf("%+v %v", w, err)
	}
	for _, d := range w.Days {
		if !d.Empty() {
			t.Errorf("%s holds %+v", d.Date, d.People)
		}
	}
}
