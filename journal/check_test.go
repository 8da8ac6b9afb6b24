package journal

import (
	"bytes"
	"errors"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// incompressible returns n bytes of random words: text that deflate
// cannot shrink much, so a note of it fills pages of its own.
func incompressible(n int) string {
	r := rand.New(rand.NewSource(int64(n)))
	b := make([]byte, n)
	for i := range b {
		b[i] = "abcdefghijklmnopqrstuvwxyz      "[r.Intn(32)]
	}
	return string(b)
}

// closedJournal writes a small journal, closes it and returns its path and
// the id of the meeting with the long note, whose record the tests damage.
func closedJournal(t *testing.T) (string, MeetingID) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "journal.db")
	j, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	mustPerson(t, j, "alice", "Alice Martin")
	mustMeeting(t, j, "alice", "2026-11-10", "## My commitments\n- [ ] send the deck by friday\n")
	m := mustMeeting(t, j, "alice", "2026-11-20", incompressible(3000)+"\n\n## Follow-ups\n- budget\n\n- [x] book the room\n- [ ] them: review due:2026-11-25\n")
	mustMeeting(t, j, "alice", "2026-11-27", "- [ ] carried ^c0de\n")
	if err := j.Close(); err != nil {
		t.Fatal(err)
	}
	return path, m.ID
}

// damage rewrites the file at path with fn applied to its bytes.
func damage(t *testing.T, path string, fn func(b []byte) []byte) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, fn(b), 0o600); err != nil {
		t.Fatal(err)
	}
}

// recordAt returns the offsets of a meeting's record in the file: the live
// copy and any stale copies bbolt left in freed pages.
func recordAt(t *testing.T, path string, b []byte, id MeetingID) (offsets []int, size int) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var rec []byte
	db.View(func(tx *bolt.Tx) error {
		rec = slices.Clone(tx.Bucket(bucketMeetings).Get(meetingKey(id)))
		return nil
	})
	db.Close()
	if len(rec) < 100 {
		t.Fatalf("meeting %s's record is %d bytes", id, len(rec))
	}
	for i := 0; ; {
		k := bytes.Index(b[i:], rec)
		if k < 0 {
			break
		}
		offsets = append(offsets, i+k)
		i += k + 1
	}
	if len(offsets) == 0 {
		t.Fatal("record not found in the file")
	}
	return offsets, len(rec)
}

// flipRecord flips a byte in the middle of every copy of a meeting's record.
func flipRecord(t *testing.T, path string, id MeetingID) {
	t.Helper()
	damage(t, path, func(b []byte) []byte {
		offs, n := recordAt(t, path, b, id)
		for _, at := range offs {
			b[at+n/2] ^= 0x20
		}
		return b
	})
}

func TestCheckFileReportsDamageWithoutPanicAndWithoutChangingTheFile(t *testing.T) {
	tests := []struct {
		name    string
		make    func(t *testing.T) string
		wantErr error // nil: a report is expected
		check   func(t *testing.T, rep CheckReport, id MeetingID)
	}{
		{"clean journal", func(t *testing.T) string { p, _ := closedJournal(t); return p }, nil,
			func(t *testing.T, rep CheckReport, _ MeetingID) {
				if !rep.OK || rep.People != 1 || rep.Meetings != 3 || rep.Items == 0 {
					t.Errorf("report %+v, want OK with 1 person and 3 meetings", rep)
				}
			}},
		{"flipped byte in a note", func(t *testing.T) string {
			p, id := closedJournal(t)
			flipRecord(t, p, id)
			return p
		}, nil, func(t *testing.T, rep CheckReport, id MeetingID) {
			if rep.OK || !slices.Equal(rep.Damaged, []MeetingID{id}) {
				t.Errorf("damaged %v, want [%s]; report:\n%s", rep.Damaged, id, rep)
			}
			if !strings.Contains(rep.String(), id.String()) {
				t.Errorf("report does not name meeting %s:\n%s", id, rep)
			}
		}},
		{"zero-filled data page", func(t *testing.T) string {
			p, id := closedJournal(t)
			damage(t, p, func(b []byte) []byte {
				ps := os.Getpagesize()
				offs, _ := recordAt(t, p, b, id)
				for _, at := range offs {
					at = at / ps * ps
					clear(b[at : at+ps])
				}
				return b
			})
			return p
		}, nil, func(t *testing.T, rep CheckReport, _ MeetingID) {
			if rep.OK || !strings.Contains(rep.String(), "bucket meetings") {
				t.Errorf("report does not name the damaged bucket:\n%s", rep)
			}
		}},
		{"truncated file", func(t *testing.T) string {
			p, _ := closedJournal(t)
			damage(t, p, func(b []byte) []byte { return b[:4*os.Getpagesize()] })
			return p
		}, ErrCorrupt, nil},
		{"empty file", func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "journal.db")
			os.WriteFile(p, nil, 0o600)
			return p
		}, ErrCorrupt, nil},
		{"a folder", func(t *testing.T) string { return t.TempDir() }, ErrCorrupt, nil},
		{"not a bbolt file", func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "journal.db")
			os.WriteFile(p, bytes.Repeat([]byte("SQLite format 3\x00"), 2048), 0o600)
			return p
		}, ErrCorrupt, nil},
		{"missing file", func(t *testing.T) string { return filepath.Join(t.TempDir(), "nope.db") }, ErrNotFound, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := tc.make(t)
			var before [32]byte
			if fi, err := os.Stat(path); err == nil && !fi.IsDir() {
				before = fileSum(t, path)
			}
			rep, err := CheckFile(path)
			t.Logf("err: %v\nreport:\n%s", err, rep)
			if fi, err := os.Stat(path); err == nil && !fi.IsDir() && fileSum(t, path) != before {
				t.Error("check changed the file")
			}
			if tc.wantErr != nil {
				// A truncated file may open and then be reported, or fail to open.
				if err == nil && tc.name == "truncated file" {
					if rep.OK {
						t.Errorf("truncated file reported healthy:\n%s", rep)
					}
					return
				}
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("err %v, want %v", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			_, id := closedJournalID(t, path)
			tc.check(t, rep, id)
		})
	}
}

// closedJournalID finds the meeting id of the marker note by date: it is
// the only meeting on 2026-11-20.
func closedJournalID(t *testing.T, path string) (string, MeetingID) {
	return path, newMeetingID(day(t, "2026-11-20"), 2)
}

// derivedSnapshot returns every key and value of the derived buckets.
func derivedSnapshot(t *testing.T, path string) map[string]string {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := map[string]string{}
	db.View(func(tx *bolt.Tx) error {
		for _, name := range derivedBuckets {
			if string(name) == string(bucketTerms) {
				continue // chunking may differ; completeness is what Check proves
			}
			tx.Bucket(name).ForEach(func(k, v []byte) error {
				out[string(name)+"/"+string(k)] = string(v)
				return nil
			})
		}
		return nil
	})
	return out
}

func TestRepairRebuildsDerivedDataFromTheNotes(t *testing.T) {
	tests := []struct {
		name  string
		harm  func(tx *bolt.Tx) error
		ofBkt string
	}{
		{"open index entries deleted", func(tx *bolt.Tx) error {
			k, _ := tx.Bucket(bucketOpen).Cursor().First()
			return tx.Bucket(bucketOpen).Delete(k)
		}, "open"},
		{"stale item", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketItems).Put(joinKey([]byte("zzzz"), []byte("alice")), nil)
		}, "items"},
		{"item with a wrong state", func(tx *bolt.Tx) error {
			b := tx.Bucket(bucketPersonItems)
			k, v := b.Cursor().First()
			it, err := decodeItem(v)
			if err != nil {
				return err
			}
			it.State = StateDropped
			return b.Put(k, encodeItem(it))
		}, "person_items"},
		{"search index emptied", func(tx *bolt.Tx) error {
			if err := tx.DeleteBucket(bucketTerms); err != nil {
				return err
			}
			_, err := tx.CreateBucket(bucketTerms)
			return err
		}, "search index"},
		{"person index and occurrences lost", func(tx *bolt.Tx) error {
			for _, name := range [][]byte{bucketByPerson, bucketOccurrences} {
				k, _ := tx.Bucket(name).Cursor().Last()
				if err := tx.Bucket(name).Delete(k); err != nil {
					return err
				}
			}
			return nil
		}, "by_person"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path, _ := closedJournal(t)
			want := derivedSnapshot(t, path)
			db, err := bolt.Open(path, 0o600, nil)
			if err != nil {
				t.Fatal(err)
			}
			if err := db.Update(tc.harm); err != nil {
				t.Fatal(err)
			}
			db.Close()
			rep, err := CheckFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if rep.OK || !strings.Contains(rep.String(), tc.ofBkt) {
				t.Fatalf("check did not find the harm in %s:\n%s", tc.ofBkt, rep)
			}
			j, err := Open(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			rr, err := j.Repair()
			if err != nil {
				t.Fatal(err)
			}
			if rr.Meetings != 3 || len(rr.Unreadable) != 0 {
				t.Errorf("repair %+v, want 3 meetings and nothing unreadable", rr)
			}
			if rep, err := j.Check(); err != nil || !rep.OK {
				t.Errorf("check after repair: %v\n%s", err, rep)
			}
			j.Close()
			checkBolt(t, path)
			got := derivedSnapshot(t, path)
			for k, v := range want {
				if got[k] != v {
					t.Errorf("after repair %q differs from what saving wrote", k)
				}
			}
			if len(got) != len(want) {
				t.Errorf("%d derived entries after repair, %d before the harm", len(got), len(want))
			}
		})
	}
}

func TestRepairLeavesUnreadableNotesAndNamesTheBackupThatHoldsThem(t *testing.T) {
	path, id := closedJournal(t)
	j, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// The older backup sits where earlier versions kept them; the newer
	// in the journal's own backups folder.
	old := filepath.Join(filepath.Dir(path), "backups", "journal-2026-11-28.db")
	if err := j.Backup(old, BackupOptions{}); err != nil {
		t.Fatal(err)
	}
	taken := time.Now().Add(-48 * time.Hour)
	os.Chtimes(old, taken, taken)
	newer, err := j.AutoBackup(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	j.Close()
	// The newer backup lost the note too: the older one is the way back.
	for _, p := range []string{path, newer} {
		flipRecord(t, p, id)
	}
	j, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	rr, err := j.Repair()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rr.Unreadable, []MeetingID{id}) || rr.Backup != old || rr.Meetings != 2 {
		t.Errorf("repair %+v, want unreadable [%s], backup %s, 2 meetings", rr, id, old)
	}
	rep, err := j.Check()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rep.Damaged, []MeetingID{id}) || len(rep.Problems) != 1 {
		t.Errorf("after repair the check should name only the unreadable note:\n%s", rep)
	}
	if err := j.view(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketMeetings).Get(meetingKey(id)) == nil {
			return errors.New("the unreadable note record was deleted")
		}
		return nil
	}); err != nil {
		t.Error(err)
	}
}

// TestCheckFileSurvivesRandomByteFlips flips random bytes anywhere in a
// journal — meta pages, branch pointers, page headers, records — and
// checks that CheckFile never crashes, fails only with ErrCorrupt, and
// never writes to the file. ONEONONE_LONG=1 runs 5,000 flips.
func TestCheckFileSurvivesRandomByteFlips(t *testing.T) {
	src, _ := closedJournal(t)
	orig, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	trials := 300
	if longRun() {
		trials = 5000
	}
	r := rand.New(rand.NewSource(7))
	for i := 0; i < trials; i++ {
		b := slices.Clone(orig)
		at := r.Intn(len(b))
		b[at] ^= byte(1 + r.Intn(255))
		path := filepath.Join(t.TempDir(), "journal.db")
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		before := fileSum(t, path)
		rep, err := CheckFile(path)
		if fileSum(t, path) != before {
			t.Fatalf("flip at %d: check changed the file", at)
		}
		if err != nil && !errors.Is(err, ErrCorrupt) {
			t.Errorf("flip at %d: error %v is not ErrCorrupt", at, err)
		}
		if err == nil && !rep.OK && len(rep.Problems) == 0 && len(rep.Damaged) == 0 {
			t.Errorf("flip at %d: a report that is not OK names nothing", at)
		}
	}
}

// A copy taken while the clock ran ahead looks newest by its name and its
// time; repair must name the backup actually taken last.
func TestRepairNamesTheLastRealBackupNotAStaleFutureOne(t *testing.T) {
	path, id := closedJournal(t)
	j, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(BackupDir(path), "2031-01-01.db")
	if err := j.Backup(stale, BackupOptions{}); err != nil {
		t.Fatal(err)
	}
	ahead := time.Now().AddDate(4, 0, 0)
	os.Chtimes(stale, ahead, ahead)
	real, err := j.AutoBackup(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	j.Close()
	flipRecord(t, path, id)
	j, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	rr, err := j.Repair()
	if err != nil {
		t.Fatal(err)
	}
	if rr.Backup != real {
		t.Errorf("repair points at %s, want the backup taken last, %s", rr.Backup, real)
	}
}
