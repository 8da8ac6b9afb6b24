package journal

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func TestNewJournalIsPrivate(t *testing.T) {
	for _, mask := range []int{0o000, 0o022, 0o077} {
		old := syscall.Umask(mask)
		dir := filepath.Join(t.TempDir(), "data", "1on1")
		path := filepath.Join(dir, "journal.db")
		j, err := Open(path, Options{})
		syscall.Umask(old)
		if err != nil {
			t.Fatal(err)
		}
		j.Close()
		for name, want := range map[string]os.FileMode{dir: 0o700, path: 0o600} {
			fi, err := os.Stat(name)
			if err != nil {
				t.Fatal(err)
			}
			if got := fi.Mode().Perm(); got != want {
				t.Errorf("umask %03o: %s has mode %03o, want %03o", mask, name, got, want)
			}
		}
		leftovers, _ := filepath.Glob(filepath.Join(dir, ".journal-*"))
		if len(leftovers) > 0 {
			t.Errorf("umask %03o: temporary files left behind: %v", mask, leftovers)
		}
	}
}

func TestOpenRefusesWhatIsNotAJournal(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name  string
		setup func(path string)
		want  error
	}{
		{"an empty file", func(p string) { os.WriteFile(p, nil, 0o600) }, ErrCorrupt},
		{"a folder", func(p string) { os.Mkdir(p, 0o700) }, ErrCorrupt},
		{"a text file", func(p string) { os.WriteFile(p, bytes.Repeat([]byte("not a journal\n"), 1000), 0o600) }, ErrCorrupt},
		{"a short binary file", func(p string) { os.WriteFile(p, []byte{0xde, 0xad, 0xbe, 0xef}, 0o600) }, ErrCorrupt},
		{"a bbolt file of another program", func(p string) {
			db, _ := bolt.Open(p, 0o600, nil)
			db.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("other")); return err })
			db.Close()
		}, ErrCorrupt},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-"))
			tc.setup(path)
			before, _ := os.ReadFile(path)
			for _, ro := range []bool{false, true} {
				_, err := Open(path, Options{ReadOnly: ro})
				if !errors.Is(err, tc.want) {
					t.Errorf("read-only %v: got %v, want %v", ro, err, tc.want)
				}
			}
			after, _ := os.ReadFile(path)
			if !bytes.Equal(before, after) {
				t.Error("the file was changed")
			}
		})
	}
}

// The error names the file; how to make one is the client's to say.
func TestReadOnlyOpenOfMissingFileIsNotFoundAndCreatesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "none.db")
	_, err := Open(path, Options{ReadOnly: true})
	if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "no journal at "+path) || strings.Contains(err.Error(), "1on1") {
		t.Fatalf("got %v", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Error("a read-only open created the file")
	}
}

// TestAnotherJournalWaitsForAWriteThenGivesUpWithErrLocked: a second
// Journal on the file (as a second process would) waits while a write is
// in progress and, past its Timeout, reports ErrLocked in the library's
// words; once the write is done it opens at once.
func TestAnotherJournalWaitsForAWriteThenGivesUpWithErrLocked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.db")
	j, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	inside, leave := make(chan struct{}), make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- j.update(func(tx *bolt.Tx) error {
			close(inside)
			<-leave
			return nil
		})
	}()
	<-inside
	for _, ro := range []bool{false, true} {
		start := time.Now()
		_, err = Open(path, Options{ReadOnly: ro, Timeout: 200 * time.Millisecond})
		if took := time.Since(start); took < 200*time.Millisecond {
			t.Errorf("read-only %v: gave up after %v, before its timeout", ro, took)
		}
		if !errors.Is(err, ErrLocked) {
			t.Fatalf("read-only %v: got %v, want ErrLocked", ro, err)
		}
		msg := err.Error()
		if !strings.Contains(msg, "is in use by another process") || strings.Contains(msg, "--db") {
			t.Errorf("message %q should say the journal is in use by another process, without CLI flags", msg)
		}
	}
	close(leave)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	k, err := Open(path, Options{Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatalf("open after the write: %v", err)
	}
	k.Close()
}

func TestJournalFromANewerVersionIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.db")
	j, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	j.update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keySchema, schemaBytes(SchemaVersion+1))
	})
	j.Close()
	if _, err := Open(path, Options{}); !errors.Is(err, ErrSchema) {
		t.Fatalf("got %v, want ErrSchema", err)
	}
}

func TestFlippedByteInANoteIsReportedNotReturned(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.db")
	j, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	mustPerson(t, j, "alice", "Alice")
	m := mustMeeting(t, j, "alice", "2026-11-02", "We talked about the UNIQUEMARKER project.\n")
	j.Close()

	raw, _ := os.ReadFile(path)
	at := bytes.Index(raw, []byte("UNIQUEMARKER"))
	if at < 0 {
		t.Fatal("note text not found in file")
	}
	raw[at] ^= 0x20
	os.WriteFile(path, raw, 0o600)

	j, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	_, err = j.Meeting(m.ID)
	if !errors.Is(err, ErrCorrupt) {
		t.Fatalf("got %v, want ErrCorrupt", err)
	}
	if strings.Contains(err.Error(), "MARKER") {
		t.Error("the error leaks note text")
	}
}

func TestSavedNoteIsStampedAndOtherwiseUntouched(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "alice", "Alice Martin")
	note := "# 1:1\r\n\r\n\tcode stays\r\n- [x] ship it due:2026-11-01\r\n- [ ] write doc\r\n"
	m, err := j.AddMeeting(Meeting{Person: "alice", Date: day(t, "2026-11-02"), Note: note}, day(t, "2026-11-03"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(m.Note, "\r\n")
	if !strings.HasPrefix(lines[3], "- [x] ship it due:2026-11-01 done:2026-11-03 ^") {
		t.Errorf("ticked line not stamped with done date and id: %q", lines[3])
	}
	if !strings.HasPrefix(lines[4], "- [ ] write doc ^") {
		t.Errorf("open line not stamped with an id: %q", lines[4])
	}
	if lines[0] != "# 1:1" || lines[2] != "\tcode stays" || !strings.HasSuffix(m.Note, "\r\n") {
		t.Errorf("untouched lines changed: %q", m.Note)
	}
	again, err := j.Meeting(m.ID)
	if err != nil || again.Note != m.Note {
		t.Fatalf("stored note differs from the returned one: %v", err)
	}
	saved, err := j.SaveMeeting(again, day(t, "2026-11-20"))
	if err != nil {
		t.Fatal(err)
	}
	if saved.Note != m.Note {
		t.Errorf("saving a stamped note changed it:\n%q\n%q", m.Note, saved.Note)
	}
}

func TestBlockIDsAreUniqueAcrossTheJournal(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "alice", "Alice")
	seen := map[string]bool{}
	var b strings.Builder
	for i := 0; i < 50; i++ {
		b.WriteString("- [ ] task\n")
	}
	for i := 0; i < 40; i++ {
		d := day(t, "2026-01-01").AddDays(i)
		m, err := j.AddMeeting(Meeting{Person: "alice", Date: d, Note: b.String()}, d)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range m.Items {
			if it.ID == "" || seen[it.ID] {
				t.Fatalf("item id %q empty or issued twice", it.ID)
			}
			seen[it.ID] = true
		}
	}
}

func TestSameBlockIDInLaterNoteIsTheSameItemCarriedOver(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "alice", "Alice")
	m1 := mustMeeting(t, j, "alice", "2026-11-02", "- [ ] send the deck due:2026-11-06\n")
	id := m1.Items[0].ID
	mustMeeting(t, j, "alice", "2026-11-09", "- [ ] send the deck due:2026-11-06 ^"+id+"\n")
	m3 := mustMeeting(t, j, "alice", "2026-11-16", "- [ ] send the deck due:2026-11-06 ^"+id+"\n")

	it, err := j.Item(id)
	if err != nil {
		t.Fatal(err)
	}
	if it.Carried != 3 || it.FirstSeen != day(t, "2026-11-02") || it.Meeting != m3.ID {
		t.Errorf("carried %d first seen %s latest %s; want 3, 2026-11-02, %s", it.Carried, it.FirstSeen, it.Meeting, m3.ID)
	}
	if !it.Flags(day(t, "2026-11-23")).Has(FlagOverdue | FlagCarried) {
		t.Errorf("flags %v, want overdue and carried", it.Flags(day(t, "2026-11-23")).Names())
	}
	open, _ := j.OpenCommitments(ItemFilter{})
	if len(open) != 1 {
		t.Errorf("the carried commitment is listed %d times, want once", len(open))
	}
}

func TestLatestMeetingDecidesAnItemsState(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "alice", "Alice")
	m1 := mustMeeting(t, j, "alice", "2026-11-02", "- [ ] draft the RFC\n")
	id := m1.Items[0].ID
	m2 := mustMeeting(t, j, "alice", "2026-11-09", "- [x] draft the RFC done:2026-11-08 ^"+id+"\n")
	if it, _ := j.Item(id); it.State != StateDone || it.Done != day(t, "2026-11-08") {
		t.Fatalf("after the later note ticks it: %v done %s", it.State, it.Done)
	}
	if open, _ := j.OpenCommitments(ItemFilter{}); len(open) != 0 {
		t.Errorf("a done commitment is still listed open")
	}
	// An older note added afterwards does not override the latest one.
	mustMeeting(t, j, "alice", "2026-10-26", "- [ ] draft the RFC ^"+id+"\n")
	if it, _ := j.Item(id); it.State != StateDone || it.Carried != 3 {
		t.Errorf("an older note changed the state: %v carried %d", it.State, it.Carried)
	}
	// Deleting the latest note hands the decision back to the one before.
	if err := j.DeleteMeeting(m2.ID); err != nil {
		t.Fatal(err)
	}
	if it, _ := j.Item(id); it.State != StateOpen || it.Carried != 2 {
		t.Errorf("after deleting the latest note: %v carried %d, want open, 2", it.State, it.Carried)
	}
}

func TestChangeItemRewritesItsLineInTheLatestNote(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "alice", "Alice")
	m := mustMeeting(t, j, "alice", "2026-11-02", "Intro line.\n\n- [ ] send the deck by friday\n- [ ] other thing\n\nOutro.\n")
	deck := itemByText(t, m.Items, "send the deck")
	today := day(t, "2026-11-10")

	cases := []struct {
		name  string
		ch    Change
		line  string
		state State
	}{
		{"tick", Change{Action: ActionDone}, "- [x] send the deck by friday done:2026-11-10 ^" + deck.ID, StateDone},
		{"reopen", Change{Action: ActionReopen}, "- [ ] send the deck by friday ^" + deck.ID, StateOpen},
		{"redate", Change{Action: ActionRedate, Due: day(t, "2026-11-20")}, "- [ ] send the deck ~~due:2026-11-06~~ (moved 2026-11-10) due:2026-11-20 ^" + deck.ID, StateOpen},
		{"drop", Change{Action: ActionDrop}, "- [-] send the deck ~~due:2026-11-06~~ (moved 2026-11-10) due:2026-11-20 ^" + deck.ID, StateDropped},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			it, err := j.ChangeItem(deck.ID, tc.ch, today)
			if err != nil {
				t.Fatal(err)
			}
			if it.State != tc.state {
				t.Errorf("state %v, want %v", it.State, tc.state)
			}
			got, _ := j.Meeting(m.ID)
			lines := strings.Split(got.Note, "\n")
			if lines[2] != tc.line {
				t.Errorf("line is %q, want %q", lines[2], tc.line)
			}
			if lines[0] != "Intro line." || !strings.HasPrefix(lines[3], "- [ ] other thing ^") || lines[5] != "Outro." {
				t.Errorf("other lines changed: %q", got.Note)
			}
		})
	}
}

func TestChangeItemRefusesWhenTheLineNoLongerSaysWhatWasSeen(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "alice", "Alice")
	m := mustMeeting(t, j, "alice", "2026-11-02", "- [ ] send the deck\n")
	id := m.Items[0].ID
	m.Note = "- [ ] send the slides ^" + id + "\n"
	if _, err := j.SaveMeeting(m, day(t, "2026-11-02")); err != nil {
		t.Fatal(err)
	}
	_, err := j.ChangeItem(id, Change{Action: ActionDone, Seen: "send the deck"}, day(t, "2026-11-03"))
	if !errors.Is(err, ErrNoteChanged) {
		t.Fatalf("got %v, want ErrNoteChanged", err)
	}
	if it, _ := j.Item(id); it.State != StateOpen {
		t.Error("the refused change was applied")
	}
	if _, err := j.ChangeItem("zzzz", Change{Action: ActionDone}, day(t, "2026-11-03")); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown id: got %v, want ErrNotFound", err)
	}
}

func TestSaveMeetingRefusesAStaleRevision(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "alice", "Alice")
	m := mustMeeting(t, j, "alice", "2026-11-02", "first\n")
	a, b := m, m
	a.Note = "edited in one place\n"
	if _, err := j.SaveMeeting(a, a.Date); err != nil {
		t.Fatal(err)
	}
	b.Note = "edited in another\n"
	if _, err := j.SaveMeeting(b, b.Date); !errors.Is(err, ErrNoteChanged) {
		t.Fatalf("got %v, want ErrNoteChanged", err)
	}
	got, _ := j.Meeting(m.ID)
	if got.Note != "edited in one place\n" {
		t.Errorf("note is %q", got.Note)
	}
}

func TestChangingAMeetingsDateMovesItAndItsItems(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "alice", "Alice")
	m := mustMeeting(t, j, "alice", "2026-11-02", "- [ ] task\n\nunicorn\n")
	m.Date = day(t, "2026-11-05")
	moved, err := j.SaveMeeting(m, m.Date)
	if err != nil {
		t.Fatal(err)
	}
	if moved.ID == m.ID || moved.ID.Date() != m.Date {
		t.Fatalf("id %s for date %s", moved.ID, m.Date)
	}
	if _, err := j.Meeting(m.ID); !errors.Is(err, ErrNotFound) {
		t.Error("the old id still answers")
	}
	it, _ := j.Item(moved.Items[0].ID)
	if it.Meeting != moved.ID || it.Carried != 1 {
		t.Errorf("item points at %s carried %d", it.Meeting, it.Carried)
	}
	hits, _ := j.Search(Query{Text: "unicorn"})
	if len(hits) != 1 || hits[0].Meeting != moved.ID {
		t.Errorf("search finds %v", hits)
	}
}

func TestMeetingsAreListedNewestFirst(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "alice", "Alice")
	mustPerson(t, j, "alicia", "Alicia")
	for _, d := range []string{"2026-03-01", "2026-01-01", "2026-02-01"} {
		mustMeeting(t, j, "alice", d, "note "+d+"\n")
	}
	mustMeeting(t, j, "alicia", "2026-04-01", "not alice's\n")
	ms, err := j.Meetings("alice")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range ms {
		got = append(got, m.Date.String())
	}
	if strings.Join(got, " ") != "2026-03-01 2026-02-01 2026-01-01" {
		t.Errorf("got %v", got)
	}
	if _, err := j.Meetings("bob"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown person: %v", err)
	}
}

func TestPeopleAreValidatedAndDefaulted(t *testing.T) {
	j := openTemp(t)
	cases := []struct {
		name string
		p    Person
		want error
	}{
		{"defaults", Person{Handle: "bob"}, nil},
		{"upper-case handle", Person{Handle: "Bob"}, ErrInvalid},
		{"handle with space", Person{Handle: "bo b"}, ErrInvalid},
		{"unknown role", Person{Handle: "carol", Role: "boss"}, ErrInvalid},
		{"negative cadence", Person{Handle: "dan", Cadence: -3}, ErrInvalid},
		{"taken handle", Person{Handle: "bob"}, ErrExists},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := j.AddPerson(tc.p)
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
		})
	}
	p, _ := j.Person("bob")
	if p.Name != "bob" || p.Role != RoleReport || p.Cadence != DefaultCadence {
		t.Errorf("defaults: %+v", p)
	}
	if err := j.SetArchived("bob", true); err != nil {
		t.Fatal(err)
	}
	if ps, _ := j.People(false); len(ps) != 0 {
		t.Errorf("archived person listed: %v", ps)
	}
	if ps, _ := j.People(true); len(ps) != 1 {
		t.Errorf("archived person missing from the full list: %v", ps)
	}
}

func TestReadOnlyUseLeavesTheFileByteIdentical(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.db")
	j, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	mustPerson(t, j, "alice", "Alice")
	m := mustMeeting(t, j, "alice", "2026-11-02", "## Wins\n- shipped\n\n- [ ] deck by friday\n- [ ] follow-up: career\n")
	j.Close()
	before := fileSum(t, path)

	j, err = Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	today := day(t, "2026-11-23")
	j.People(true)
	j.PeopleStatus(today, true)
	j.Meetings("alice")
	j.Meeting(m.ID)
	j.Flagged(today, ItemFilter{})
	j.OpenFollowUps("")
	j.Ledger("alice", 0, 0, today)
	j.MonthlyLedger("alice", 12, today)
	j.Prep("alice", today)
	j.Review("alice", 0, 0, today)
	j.Template("alice", today)
	j.Search(Query{Text: "deck"})
	if _, err := j.AddPerson(Person{Handle: "bob"}); err == nil {
		t.Error("a read-only journal accepted a write")
	}
	j.Close()
	if fileSum(t, path) != before {
		t.Error("read-only use changed the file")
	}
}

func TestRenamingAPersonRereadsWhoseCommitmentsAreWhose(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "al", "Alice Martin")
	m := mustMeeting(t, j, "al", "2026-11-02", "- [ ] Alex: send the deck\n- [ ] Alice: draft the RFC\n")
	deck := itemByText(t, m.Items, "Alex:")
	if deck.Owner != Me {
		t.Fatalf("before the rename, %q is %v", deck.Text, deck.Owner)
	}
	if _, err := j.UpdatePerson(Person{Handle: "al", Name: "Alex Martin"}); err != nil {
		t.Fatal(err)
	}
	if it, _ := j.Item(deck.ID); it.Owner != Them {
		t.Errorf("after renaming to Alex, %q is %v, want them", it.Text, it.Owner)
	}
	rep, err := j.Check()
	if err != nil || !rep.OK {
		t.Errorf("check after rename: %v\n%s", err, rep)
	}
}

func TestCreatingAJournalClearsTempFilesOfKilledProcesses(t *testing.T) {
	dir := t.TempDir()
	stale := filepath.Join(dir, ".journal-123.tmp")
	fresh := filepath.Join(dir, ".journal-456.tmp")
	for _, f := range []string{stale, fresh} {
		if err := os.WriteFile(f, []byte("half-made"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Now().Add(-2 * staleTemp)
	os.Chtimes(stale, old, old)
	j, err := Open(filepath.Join(dir, "journal.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	j.Close()
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Error("a stale temporary file was left behind")
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Error("a fresh temporary file, maybe another process's, was removed")
	}
}

func TestANoteWithThousandsOfCommitmentsIsStoredWhole(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "alice", "Alice")
	var b strings.Builder
	for i := 0; i < 5000; i++ {
		fmt.Fprintf(&b, "- [ ] task %d\n", i)
	}
	m := mustMeeting(t, j, "alice", "2026-11-02", b.String())
	if len(m.Items) != 5000 {
		t.Fatalf("%d items", len(m.Items))
	}
	open, _ := j.OpenCommitments(ItemFilter{})
	if len(open) != 5000 {
		t.Errorf("%d open commitments, want 5000", len(open))
	}
}

func TestCompactLosesNoWriteMadeWhileItRuns(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "alice", "Alice")
	var wg sync.WaitGroup
	var added []MeetingID
	var mu sync.Mutex
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < 60; i++ {
			d := day(t, "2026-01-01").AddDays(i)
			m, err := j.AddMeeting(Meeting{Person: "alice", Date: d, Note: fmt.Sprintf("- [ ] task %d\n", i)}, d)
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			added = append(added, m.ID)
			mu.Unlock()
		}
	}()
	for i := 0; i < 5; i++ {
		if err := j.Compact(); err != nil {
			t.Fatal(err)
		}
	}
	wg.Wait()
	for _, id := range added {
		if _, err := j.Meeting(id); err != nil {
			t.Errorf("meeting %s acknowledged, then lost: %v", id, err)
		}
	}
	if rep, err := j.Check(); err != nil || !rep.OK {
		t.Errorf("check after compacting under writes: %v\n%s", err, rep)
	}
}
