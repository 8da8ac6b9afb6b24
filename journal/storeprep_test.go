package journal

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// AddMeetings reads and encodes a batch on all cores (prepareBatch), but
// what it stores must be what storing the notes one by one stores: the
// same notes, block ids (fresh ones free of those the notes before took),
// done dates, items and derived records.
func TestAddMeetingsBatchIsOneByOne(t *testing.T) {
	dir := t.TempDir()
	batchPath, onePath := filepath.Join(dir, "batch.db"), filepath.Join(dir, "one.db")
	j, err := Open(batchPath, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []Person{{Handle: "ana", Name: "Ana Ruiz"}, {Handle: "bo", Name: "Bo Chen"}} {
		if _, err := j.AddPerson(p); err != nil {
			t.Fatal(err)
		}
	}
	j.Close()
	// The same file, so the same id salt: fresh ids must come out equal.
	b, err := os.ReadFile(batchPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(onePath, b, 0o600); err != nil {
		t.Fatal(err)
	}

	var ms []Meeting
	notes, _ := filepath.Glob("testdata/realnotes/*.md")
	date := day(t, "2026-01-05")
	for i, path := range notes {
		note, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		person := []string{"ana", "bo"}[i%2]
		ms = append(ms, Meeting{Person: person, Date: date.AddDays(i / 2 * 7), Note: string(note)})
	}
	// Notes that need fresh ids, ticked items that take a done date, and
	// a note that keeps an id another note of the batch holds.
	for i := 0; i < 30; i++ {
		ms = append(ms, Meeting{Person: "ana", Date: date.AddDays(400 + i), Note: fmt.Sprintf(
			"## Action items\n- [ ] I send the draft %d by friday\n- [x] Ana reviews the plan %d\n- [ ] Ana books the room ^keep%d\n", i, i, i%3)})
	}
	stamp := day(t, "2027-03-01")

	jb, err := Open(batchPath, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer jb.Close()
	batch, err := jb.AddMeetings(ms, stamp)
	if err != nil {
		t.Fatal(err)
	}
	jo, err := Open(onePath, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer jo.Close()
	var one []Meeting
	for _, m := range ms {
		got, err := jo.AddMeeting(m, stamp)
		if err != nil {
			t.Fatal(err)
		}
		one = append(one, got)
	}
	fresh := 0
	for i := range ms {
		if batch[i].Note != one[i].Note || batch[i].ID != one[i].ID || !reflect.DeepEqual(batch[i].Items, one[i].Items) {
			t.Fatalf("meeting %d stored in a batch differs from one stored alone:\n%s\n---\n%s", i, batch[i].Note, one[i].Note)
		}
		fresh += strings.Count(batch[i].Note, "^") - strings.Count(ms[i].Note, "^")
	}
	if fresh < 60 {
		t.Errorf("only %d fresh block ids given: the batch did not exercise stamping", fresh)
	}
	for _, h := range []string{"ana", "bo"} {
		lb, err := jb.LedgerItems(h, 0, 0, stamp)
		if err != nil {
			t.Fatal(err)
		}
		lo, err := jo.LedgerItems(h, 0, 0, stamp)
		if err != nil {
			t.Fatal(err)
		}
		if len(lb) == 0 || !reflect.DeepEqual(lb, lo) {
			t.Errorf("%s: the batch's %d items differ from the one-by-one %d", h, len(lb), len(lo))
		}
	}
	for _, j := range []*Journal{jb, jo} {
		if rep, err := j.Check(); err != nil || !rep.OK {
			t.Errorf("check: %v %s", err, rep)
		}
	}
}

// A batch fails as a whole at its first bad meeting, with that meeting's
// error, whether the note is too large once stamped or the person is
// missing, and stores nothing.
func TestAddMeetingsBatchFailsWhole(t *testing.T) {
	j := openTemp(t)
	if _, err := j.AddPerson(Person{Handle: "ana", Name: "Ana Ruiz"}); err != nil {
		t.Fatal(err)
	}
	d := day(t, "2026-03-02")
	ok := Meeting{Person: "ana", Date: d, Note: "- [ ] I send the deck by friday\n"}
	// Just under the limit: the block ids stamped on its lines tip it over.
	line := "- [ ] I call them " + strings.Repeat("x", 1000) + "\n"
	n := MaxNoteSize/len(line) - 1
	big := Meeting{Person: "ana", Date: d, Note: strings.Repeat(line, n) + "\n" + strings.Repeat("y", MaxNoteSize-n*len(line)-2)}
	if len(big.Note) > MaxNoteSize {
		t.Fatalf("the large note is already %d bytes", len(big.Note))
	}
	nobody := Meeting{Person: "zed", Date: d, Note: "hello\n"}
	for _, tc := range []struct {
		name string
		ms   []Meeting
		want error
		in   string
	}{
		{"too large once stamped", []Meeting{ok, big, nobody}, ErrInvalid, "larger than"},
		{"person missing", []Meeting{ok, nobody, big}, ErrNotFound, ""},
	} {
		_, err := j.AddMeetings(tc.ms, d)
		if !errors.Is(err, tc.want) || !strings.Contains(fmt.Sprint(err), tc.in) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
		if ms, _ := j.Meetings("ana"); len(ms) != 0 {
			t.Errorf("%s: %d meetings stored by a failed batch", tc.name, len(ms))
		}
	}
}
