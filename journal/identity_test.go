package journal

import (
	"errors"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// TestAnIDBelongsToOnePerson: the same block id in two people's notes is
// two items (SPEC 2.1), in every query and every write.
func TestAnIDBelongsToOnePerson(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "ana", "Ana")
	mustPerson(t, j, "ravi", "Ravi")
	mustMeeting(t, j, "ana", "2026-11-02", "- [ ] me: send Ana the deck due:2026-11-10 ^task-1\n")
	mustMeeting(t, j, "ravi", "2026-11-05", "- [x] me: book Ravi's room due:2026-11-06 done:2026-11-06 ^task-1\n")
	today := day(t, "2026-11-20")

	due, err := j.Flagged(today, ItemFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(due) != 1 || due[0].Person != "ana" || !due[0].Flags(today).Has(FlagOverdue) {
		t.Fatalf("flagged %+v: Ana's overdue promise must stay overdue", due)
	}
	for _, tc := range []struct {
		handle string
		kept   int
		over   int
	}{{"ana", 0, 1}, {"ravi", 1, 0}} {
		l, err := j.Ledger(tc.handle, 0, 0, today)
		if err != nil {
			t.Fatal(err)
		}
		if l.Mine.Kept != tc.kept || l.Mine.Overdue != tc.over {
			t.Errorf("%s's ledger %+v, want kept %d overdue %d", tc.handle, l.Mine, tc.kept, tc.over)
		}
	}

	_, err = j.Item("task-1")
	var amb *AmbiguousError
	if !errors.As(err, &amb) || !errors.Is(err, ErrAmbiguous) || strings.Join(amb.People, ",") != "ana,ravi" {
		t.Fatalf("Item of a shared id: %v, want an AmbiguousError naming ana and ravi", err)
	}
	if !strings.Contains(err.Error(), "ana, ravi") {
		t.Errorf("error %q does not list the people", err)
	}
	if _, err := j.ChangeItem("task-1", Change{Action: ActionDone}, today); !errors.Is(err, ErrAmbiguous) {
		t.Errorf("ChangeItem without a person: %v, want ErrAmbiguous", err)
	}
	it, err := j.ChangeItem("task-1", Change{Action: ActionDone, Person: "ana"}, today)
	if err != nil {
		t.Fatal(err)
	}
	if it.Person != "ana" || it.State != StateDone {
		t.Errorf("changed %+v", it)
	}
	if r, _ := j.PersonItem("ravi", "task-1"); r.Done != day(t, "2026-11-06") || !strings.Contains(r.Text, "Ravi's room") {
		t.Errorf("Ravi's item changed with Ana's: %+v", r)
	}
	if ppl, _ := j.ItemPeople("task-1"); strings.Join(ppl, ",") != "ana,ravi" {
		t.Errorf("ItemPeople %v", ppl)
	}
	// Moving a note to the other person moves its item, and only it.
	ms, _ := j.Meetings("ravi")
	ms[0].Person = "ana"
	if _, err := j.SaveMeeting(ms[0], today); err != nil {
		t.Fatal(err)
	}
	if ppl, _ := j.ItemPeople("task-1"); strings.Join(ppl, ",") != "ana" {
		t.Errorf("after the move ItemPeople %v", ppl)
	}
	mustCheckOK(t, j, "shared ids")
}

func TestCheckWarnsOfAnIDRepeatedInOneNote(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "ana", "Ana")
	m := mustMeeting(t, j, "ana", "2026-11-02", "- [ ] me: send the deck ^dup1\n- [ ] me: book the room ^ok22\n\n- [ ] them: review ^dup1\n")
	mustMeeting(t, j, "ana", "2026-11-09", "- [ ] me: once ^dup1\n")
	rep, err := j.Check()
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0], "^dup1") || !strings.Contains(rep.Warnings[0], "1, 4") ||
		!strings.Contains(rep.Warnings[0], m.ID.String()) {
		t.Fatalf("warnings %q: want one naming ^dup1 on lines 1, 4 of %s", rep.Warnings, m.ID)
	}
	if !strings.Contains(rep.String(), "warning: ") || strings.Contains(rep.String(), "send the deck") {
		t.Errorf("report %q: want the warning, without note text", rep.String())
	}
}

// TestAChangeInAnOlderNoteTakes: ticking, dropping, re-dating or
// re-opening a carried item in an older note changes the item, by applying
// the same change to its latest note in the same save.
func TestAChangeInAnOlderNoteTakes(t *testing.T) {
	tests := []struct {
		name      string
		from, to  string // the older note's line before and after the edit
		action    Action
		wantState State
		wantDue   string
		wantLine  string // the latest note's line after
	}{
		{"ticked", "- [ ] me: send the deck due:2026-12-10", "- [x] me: send the deck due:2026-12-10 done:2026-12-02",
			ActionDone, StateDone, "2026-12-10", "- [x] me: send the deck due:2026-12-10 done:2026-12-02"},
		{"ticked without a done date: stamped today", "- [ ] me: send the deck due:2026-12-10", "- [x] me: send the deck due:2026-12-10",
			ActionDone, StateDone, "2026-12-10", "- [x] me: send the deck due:2026-12-10 done:2026-12-04"},
		{"dropped", "- [ ] me: send the deck due:2026-12-10", "- [-] me: send the deck due:2026-12-10",
			ActionDrop, StateDropped, "2026-12-10", "- [-] me: send the deck due:2026-12-10"},
		{"re-dated", "- [ ] me: send the deck due:2026-12-10", "- [ ] me: send the deck due:2026-12-20",
			ActionRedate, StateOpen, "2026-12-20", "- [ ] me: send the deck ~~due:2026-12-10~~ (moved 2026-12-04) due:2026-12-20"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			j := openTemp(t)
			mustPerson(t, j, "ana", "Ana")
			old := mustMeeting(t, j, "ana", "2026-11-23", tc.from+"\n")
			id := old.Items[0].ID
			latest := mustMeeting(t, j, "ana", "2026-11-30", tc.from+" ^"+id+"\n")
			old, _ = j.Meeting(old.ID)
			old.Note = strings.Replace(old.Note, tc.from, tc.to, 1)
			saved, carried, err := j.SaveMeetingCarry(old, day(t, "2026-12-04"))
			if err != nil {
				t.Fatal(err)
			}
			if len(carried) != 1 || carried[0].Action != tc.action || carried[0].Meeting != latest.ID {
				t.Fatalf("carried %+v, want one %v in %s", carried, tc.action, latest.ID)
			}
			if want := "^" + id + " also " + tc.action.String() + " in the 1:1 of 2026-11-30"; carried[0].String() != want {
				t.Errorf("message %q, want %q", carried[0].String(), want)
			}
			it, _ := j.Item(id)
			if it.State != tc.wantState || it.Due.String() != tc.wantDue {
				t.Errorf("item %v due %s, want %v due %s", it.State, it.Due, tc.wantState, tc.wantDue)
			}
			if saved.Items[0].State != tc.wantState {
				t.Errorf("the saved note's item says %v", saved.Items[0].State)
			}
			got, _ := j.Meeting(latest.ID)
			if line := strings.TrimSuffix(strings.Split(got.Note, "\n")[0], " ^"+id); line != tc.wantLine {
				t.Errorf("latest line %q\nwant %q", line, tc.wantLine)
			}
			mustCheckOK(t, j, tc.name)
		})
	}
}

func TestAChangeInTheLatestNoteCarriesNothing(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "ana", "Ana")
	m := mustMeeting(t, j, "ana", "2026-11-23", "- [ ] me: send the deck\n")
	m.Note = strings.Replace(m.Note, "[ ]", "[x]", 1)
	_, carried, err := j.SaveMeetingCarry(m, day(t, "2026-11-24"))
	if err != nil || len(carried) != 0 {
		t.Errorf("carried %v, err %v", carried, err)
	}
}

// TestAnOldJournalIsUpgradedOnOpen: a schema-1 file (ids not scoped to
// people) opens, read-only too, with its derived data rebuilt.
func TestAnOldJournalIsUpgradedOnOpen(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "ana", "Ana")
	m := mustMeeting(t, j, "ana", "2026-11-02", "- [ ] me: send the deck due:2026-11-10\n")
	path := j.Path()
	j.Close()
	// Make it look like version 1: old version number, derived data in
	// the old layout (here: emptied, with one key of the old form).
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, name := range itemBuckets {
			if name[0] == 'b' { // keep by_person
				continue
			}
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
			if _, err := tx.CreateBucket(name); err != nil {
				return err
			}
		}
		if err := tx.Bucket(bucketItems).Put([]byte(m.Items[0].ID), frame([]byte("ana"))); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchema, schemaBytes(1))
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only open of an old journal: %v", err)
	}
	it, err := ro.Item(m.Items[0].ID)
	if err != nil || it.Due != day(t, "2026-11-10") {
		t.Errorf("item after upgrade %+v, %v", it, err)
	}
	rep, err := ro.Check()
	if err != nil || !rep.OK {
		t.Errorf("check after upgrade: %v %s", err, rep)
	}
	ro.Close()
	j2, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	j2.Close()
}
