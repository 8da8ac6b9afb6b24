package journal

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
)

// promise builds a commitment from a due-date history written as
// "2026-12-10@2026-12-01 2026-12-20@2026-12-09": each date with the day it
// was set.
func promise(t *testing.T, state State, done string, hist string) Item {
	t.Helper()
	it := Item{Kind: Commitment, Owner: Me, State: state}
	for _, f := range strings.Fields(hist) {
		due, set, _ := strings.Cut(f, "@")
		it.History = append(it.History, DueSet{Due: day(t, due), Set: day(t, set)})
	}
	if n := len(it.History); n > 0 {
		it.Due = it.History[n-1].Due
	}
	if done != "" {
		it.Done = day(t, done)
	}
	return it
}

// TestOutcomesFollowTheEffectiveDueDate pins SPEC 3's rules with dates on
// both sides of each boundary. The old due date is 2026-12-10 throughout.
func TestOutcomesFollowTheEffectiveDueDate(t *testing.T) {
	today := day(t, "2027-01-20")
	tests := []struct {
		name         string
		it           Item
		want         Outcome
		renegotiated bool
		slipped      bool // the flag: open and moved after a date passed
		eff          string
		daysLate     int
	}{
		{"moved the day before it was due, done on the new date: kept, renegotiated",
			promise(t, StateDone, "2026-12-20", "2026-12-10@2026-12-01 2026-12-20@2026-12-09"), OutcomeKept, true, false, "2026-12-20", 0},
		{"moved on the day it was due, done on the new date: kept, renegotiated",
			promise(t, StateDone, "2026-12-20", "2026-12-10@2026-12-01 2026-12-20@2026-12-10"), OutcomeKept, true, false, "2026-12-20", 0},
		{"moved on the day it was due, done a day after the new date: kept late by 1",
			promise(t, StateDone, "2026-12-21", "2026-12-10@2026-12-01 2026-12-20@2026-12-10"), OutcomeKeptLate, true, false, "2026-12-20", 1},
		{"moved the day after it was due, done on the new date: kept late against the old one",
			promise(t, StateDone, "2026-12-20", "2026-12-10@2026-12-01 2026-12-20@2026-12-11"), OutcomeKeptLate, false, false, "2026-12-10", 10},
		{"moved the day after it was due, open, new date not passed: slipped",
			promise(t, StateOpen, "", "2026-12-10@2026-12-01 2027-01-30@2026-12-11"), OutcomeSlipped, false, true, "2026-12-10", 0},
		{"moved the day after it was due, open, new date passed too: overdue",
			promise(t, StateOpen, "", "2026-12-10@2026-12-01 2027-01-19@2026-12-11"), OutcomeOverdue, false, true, "2026-12-10", 0},
		{"moved the day before, open, new date not passed: open, renegotiated",
			promise(t, StateOpen, "", "2026-12-10@2026-12-01 2027-01-30@2026-12-09"), OutcomeOpen, true, false, "2027-01-30", 0},
		{"done on its due date: kept",
			promise(t, StateDone, "2026-12-10", "2026-12-10@2026-12-01"), OutcomeKept, false, false, "2026-12-10", 0},
		{"done one day after its due date: kept late by 1",
			promise(t, StateDone, "2026-12-11", "2026-12-10@2026-12-01"), OutcomeKeptLate, false, false, "2026-12-10", 1},
		{"dropped after slipping: dropped, not slipped",
			promise(t, StateDropped, "", "2026-12-10@2026-12-01 2027-01-30@2026-12-15"), OutcomeDropped, false, false, "2026-12-10", 0},
		{"renegotiated twice, done on the last date: kept, renegotiated once as an item",
			promise(t, StateDone, "2026-12-30", "2026-12-10@2026-12-01 2026-12-20@2026-12-05 2026-12-30@2026-12-18"), OutcomeKept, true, false, "2026-12-30", 0},
		{"slipped, then renegotiated: the slipped-from date stays the bar",
			promise(t, StateDone, "2026-12-25", "2026-12-10@2026-12-01 2026-12-20@2026-12-12 2026-12-30@2026-12-19"), OutcomeKeptLate, true, false, "2026-12-10", 15},
		{"slipped twice: the earliest passed date is the bar",
			promise(t, StateDone, "2027-01-02", "2026-12-10@2026-12-01 2026-12-20@2026-12-12 2027-01-05@2026-12-22"), OutcomeKeptLate, false, false, "2026-12-10", 23},
		{"open, due today: open", promise(t, StateOpen, "", "2027-01-20@2027-01-01"), OutcomeOpen, false, false, "2027-01-20", 0},
		{"open, due yesterday: overdue", promise(t, StateOpen, "", "2027-01-19@2027-01-01"), OutcomeOverdue, false, false, "2027-01-19", 0},
		{"done and undated: kept", promise(t, StateDone, "2026-12-10", ""), OutcomeKept, false, false, "", 0},
		{"open and undated: open", promise(t, StateOpen, "", ""), OutcomeOpen, false, false, "", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.it.Outcome(today); got != tc.want {
				t.Errorf("outcome %v, want %v", got, tc.want)
			}
			if got := tc.it.Renegotiated(); got != tc.renegotiated {
				t.Errorf("renegotiated %v, want %v", got, tc.renegotiated)
			}
			fl := tc.it.Flags(today)
			if fl.Has(FlagSlipped) != tc.slipped || fl.Has(FlagRenegotiated) != tc.renegotiated {
				t.Errorf("flags %v: want slipped %v, renegotiated %v", fl.Names(), tc.slipped, tc.renegotiated)
			}
			if got := tc.it.EffectiveDue().String(); tc.eff != "" && got != tc.eff {
				t.Errorf("effective due %s, want %s", got, tc.eff)
			}
			if got := tc.it.DaysLate(); got != tc.daysLate {
				t.Errorf("days late %d, want %d", got, tc.daysLate)
			}
			var s LedgerSide
			s.add(tc.it, today)
			if s.Count(tc.want) != 1 || s.Total() != 1 {
				t.Errorf("ledger side %+v does not count it once as %v", s, tc.want)
			}
		})
	}
}

// TestCarriedIDsAcrossNotesMakeTheHistory: a promise written again in a
// later note with another date was moved on that note's day.
func TestCarriedIDsAcrossNotesMakeTheHistory(t *testing.T) {
	tests := []struct {
		name, second string
		want         Outcome
		flag         Flag
	}{
		{"re-dated in a note the day before it was due", "2026-12-09", OutcomeOpen, FlagRenegotiated},
		{"re-dated in a note on the day it was due", "2026-12-10", OutcomeOpen, FlagRenegotiated},
		{"re-dated in a note the day after it was due", "2026-12-11", OutcomeSlipped, FlagSlipped},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			j := openTemp(t)
			mustPerson(t, j, "ana", "Ana")
			m := mustMeeting(t, j, "ana", "2026-12-01", "- [ ] me: send the deck due:2026-12-10\n")
			id := m.Items[0].ID
			mustMeeting(t, j, "ana", tc.second, "- [ ] me: send the deck due:2027-01-30 ^"+id+"\n")
			it, err := j.Item(id)
			if err != nil {
				t.Fatal(err)
			}
			today := day(t, "2027-01-20")
			if got := it.Outcome(today); got != tc.want {
				t.Errorf("outcome %v, want %v (history %+v)", got, tc.want, it.History)
			}
			if !it.Flags(today).Has(tc.flag) {
				t.Errorf("flags %v, want %v", it.Flags(today).Names(), tc.flag.Names())
			}
			want := []DueSet{{day(t, "2026-12-10"), day(t, "2026-12-01")}, {day(t, "2027-01-30"), day(t, tc.second)}}
			if fmt.Sprint(it.History) != fmt.Sprint(want) {
				t.Errorf("history %v, want %v", it.History, want)
			}
			mustCheckOK(t, j, "after the carried note")
		})
	}
}

// TestARedateIsWrittenIntoTheNoteAndReadBack: re-dating from the app or the
// CLI (ChangeItem) strikes the old date with the day of the move; the
// history comes back from the note alone, as Repair rebuilds it.
func TestARedateIsWrittenIntoTheNoteAndReadBack(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "ana", "Ana")
	m := mustMeeting(t, j, "ana", "2026-12-01", "- [ ] me: send the deck by dec 11\n")
	id := m.Items[0].ID
	if _, err := j.ChangeItem(id, Change{Action: ActionRedate, Due: day(t, "2026-12-20")}, day(t, "2026-12-09")); err != nil {
		t.Fatal(err)
	}
	it, err := j.ChangeItem(id, Change{Action: ActionRedate, Due: day(t, "2027-01-17")}, day(t, "2026-12-21"))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := j.Meeting(m.ID)
	wantLine := "- [ ] me: send the deck ~~due:2026-12-11~~ (moved 2026-12-09) ~~due:2026-12-20~~ (moved 2026-12-21) due:2027-01-17 ^" + id
	if line := strings.Split(got.Note, "\n")[0]; line != wantLine {
		t.Errorf("line %q\nwant %q", line, wantLine)
	}
	if it.Due != day(t, "2027-01-17") || len(it.History) != 3 {
		t.Fatalf("item %+v", it)
	}
	mv := it.Moves()
	if !mv[0].Renegotiation() || !mv[1].Slip() {
		t.Errorf("moves %+v: want a renegotiation, then a slip", mv)
	}
	today := day(t, "2027-01-10")
	if it.Outcome(today) != OutcomeSlipped || it.EffectiveDue() != day(t, "2026-12-20") {
		t.Errorf("outcome %v, effective due %s", it.Outcome(today), it.EffectiveDue())
	}
	before := it
	if _, err := j.Repair(); err != nil {
		t.Fatal(err)
	}
	after, _ := j.Item(id)
	if fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("repair rebuilt %+v\nwant %+v", after, before)
	}
	mustCheckOK(t, j, "after the re-dates")
}

func TestAPhraseResolvesOnceAcrossCarriedNotes(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "ana", "Ana")
	m := mustMeeting(t, j, "ana", "2026-12-01", "- [ ] me: send the deck by dec 20\n")
	id := m.Items[0].ID
	mustMeeting(t, j, "ana", "2027-01-05", "- [ ] me: send the deck by dec 20 ^"+id+"\n")
	it, _ := j.Item(id)
	if it.Due != day(t, "2026-12-20") {
		t.Errorf("due %s: the copied phrase moved the promise; want 2026-12-20", it.Due)
	}
	if !it.Flags(day(t, "2027-01-06")).Has(FlagOverdue) {
		t.Errorf("flags %v, want overdue", it.Flags(day(t, "2027-01-06")).Names())
	}
	// Another phrase in the later note is a new date, set that day.
	mustMeeting(t, j, "ana", "2027-01-12", "- [ ] me: send the deck by jan 30 ^"+id+"\n")
	it, _ = j.Item(id)
	if it.Due != day(t, "2027-01-30") || len(it.History) != 2 || !it.Moves()[0].Slip() {
		t.Errorf("after a new phrase: due %s, history %v", it.Due, it.History)
	}
	mustCheckOK(t, j, "phrases")
}

func TestStaleIsThreeNotesUnchanged(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "ana", "Ana")
	today := day(t, "2026-12-01")
	m := mustMeeting(t, j, "ana", "2026-11-02", "- [ ] me: update the wiki due:2026-12-20\n- [ ] follow-up: hiring plan\n")
	wiki, fup := m.Items[0].ID, m.Items[1].ID
	note := "- [ ] me: update the wiki due:2026-12-20 ^" + wiki + "\n- [ ] follow-up: hiring plan ^" + fup + "\n"
	mustMeeting(t, j, "ana", "2026-11-09", note)
	it, _ := j.Item(wiki)
	if it.Flags(today).Has(FlagStale) {
		t.Error("stale after two notes")
	}
	mustMeeting(t, j, "ana", "2026-11-16", note)
	for _, id := range []string{wiki, fup} {
		if it, _ := j.Item(id); !it.Flags(today).Has(FlagStale) {
			t.Errorf("^%s not stale after three unchanged notes: %+v", id, it)
		}
	}
	mustMeeting(t, j, "ana", "2026-11-23", strings.Replace(note, "update the wiki", "update the wiki (started)", 1))
	if it, _ := j.Item(wiki); it.Flags(today).Has(FlagStale) {
		t.Error("stale though its text changed in the latest note")
	}
	mustMeeting(t, j, "ana", "2026-11-30", strings.Replace(note, "due:2026-12-20", "due:2026-12-27", 1))
	if it, _ := j.Item(wiki); it.Flags(today).Has(FlagStale) {
		t.Error("stale though its due date changed")
	}
}

// TestOutcomesPartitionTheItems: for random histories, every commitment
// is counted exactly once and the keep rate's inputs add up.
func TestOutcomesPartitionTheItems(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	base := day(t, "2026-01-01")
	for round := 0; round < 2000; round++ {
		today := base.AddDays(r.Intn(200))
		var items []Item
		want := map[Outcome]int{}
		reneg := 0
		for i := r.Intn(8); i >= 0; i-- {
			it := Item{Kind: Commitment, Owner: Me, State: State(1 + r.Intn(3))}
			set := base.AddDays(r.Intn(100))
			for k := r.Intn(4); k > 0; k-- {
				it.History = append(it.History, DueSet{Due: set.AddDays(r.Intn(40) - 5), Set: set})
				set = set.AddDays(r.Intn(30))
			}
			if n := len(it.History); n > 0 {
				it.Due = it.History[n-1].Due
			}
			if it.State == StateDone && r.Intn(4) > 0 {
				it.Done = base.AddDays(r.Intn(200))
			}
			items = append(items, it)
			want[it.Outcome(today)]++
			if it.Renegotiated() {
				reneg++
			}
		}
		var s LedgerSide
		for _, it := range items {
			s.add(it, today)
		}
		if s.Total() != len(items) {
			t.Fatalf("round %d: %d items counted as %d: %+v", round, len(items), s.Total(), s)
		}
		for o := OutcomeDropped; o <= OutcomeOpen; o++ {
			if s.Count(o) != want[o] {
				t.Fatalf("round %d: %v counted %d, want %d", round, o, s.Count(o), want[o])
			}
		}
		if s.Renegotiated != reneg {
			t.Fatalf("round %d: renegotiated %d, want %d", round, s.Renegotiated, reneg)
		}
		if rate, ok := s.KeepRate(); ok != (s.Kept+s.KeptLate+s.Slipped+s.Overdue > 0) ||
			ok && rate != float64(s.Kept)/float64(s.Kept+s.KeptLate+s.Slipped+s.Overdue) {
			t.Fatalf("round %d: keep rate %v %v from %+v", round, rate, ok, s)
		}
	}
}
