package journal

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// checkReportClean runs the journal's own check on a closed file and fails
// on any finding.
func checkReportClean(t *testing.T, path string) {
	t.Helper()
	rep, err := CheckFile(path)
	if err != nil {
		t.Errorf("CheckFile %s: %v", path, err)
		return
	}
	if !rep.OK {
		t.Errorf("CheckFile %s is not clean:\n%s", path, rep)
	}
}

// damageMarker is a word in exactly one note of the damage tests.
func damageMarker(i int) string { return fmt.Sprintf("zqdmg%04d", i) }
func secretText(i int) string   { return "secret-" + damageMarker(i) + "-text" }

// damageBase is a real journal and what it holds.
type damageBase struct {
	path     string
	pageSize int
	people   map[string]Person
	// Every version of every meeting and item that was ever committed:
	// bbolt falls back to the previous transaction when the newer of its
	// two meta pages is damaged, which is a consistent older state, not
	// a wrong note.
	meetings map[MeetingID][]Meeting
	items    map[string][]Item
	markers  map[string]MeetingID // damageMarker → meeting
}

// buildDamageBase writes a journal of three people and 150 meetings, some
// of them long enough for overflow pages, and records what it holds.
func buildDamageBase(t *testing.T) *damageBase {
	t.Helper()
	b := &damageBase{
		path:     filepath.Join(t.TempDir(), "journal.db"),
		people:   map[string]Person{},
		meetings: map[MeetingID][]Meeting{},
		items:    map[string][]Item{},
		markers:  map[string]MeetingID{},
	}
	j, err := Open(b.path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	j.view(func(tx *bolt.Tx) error { b.pageSize = tx.DB().Info().PageSize; return nil })
	for _, h := range []string{"alice", "bob", "carol"} {
		b.people[h] = mustPerson(t, j, h, strings.ToUpper(h[:1])+h[1:]+" Example")
	}
	r := rand.New(rand.NewPCG(42, 42))
	start := day(t, "2025-01-06")
	for i := range 150 {
		h := []string{"alice", "bob", "carol"}[i%3]
		var note strings.Builder
		fmt.Fprintf(&note, "# 1:1 %s\n\n%s\n\n- [ ] send the deck by friday\n- [x] them: review the plan\n- [ ] me: book the room due:2025-12-01\n\n## Follow-ups\n- hiring\n\n## Wins\n- shipped %s\n",
			damageMarker(i), secretText(i), damageMarker(i))
		for range r.IntN(30) {
			note.WriteString("A line of filler about the roadmap, the team and the quarter.\n")
		}
		if i%15 == 0 {
			note.WriteString(strings.Repeat("A very long note that needs overflow pages. ", 300))
		}
		d := start + Date(i*3)
		m, err := j.AddMeeting(Meeting{Person: h, Date: d, Note: note.String()}, d)
		if err != nil {
			t.Fatal(err)
		}
		b.markers[damageMarker(i)] = m.ID
	}
	record := func() {
		err := j.ForEachMeeting(func(m Meeting) error {
			if v := b.meetings[m.ID]; len(v) == 0 || !reflect.DeepEqual(v[len(v)-1], m) {
				b.meetings[m.ID] = append(v, m)
			}
			for _, it := range m.Items {
				if it.ID == "" {
					continue
				}
				got, err := j.Item(it.ID)
				if err != nil {
					return err
				}
				if v := b.items[it.ID]; len(v) == 0 || !reflect.DeepEqual(v[len(v)-1], got) {
					b.items[it.ID] = append(v, got)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	record()
	// Tick some items, so that ChangeItem's rewrites are on disk too.
	open, err := j.OpenCommitments(ItemFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range open[:20] {
		changed, err := j.ChangeItem(it.ID, Change{Action: ActionDone}, start+400)
		if err != nil {
			t.Fatal(err)
		}
		m, err := j.Meeting(changed.Meeting)
		if err != nil {
			t.Fatal(err)
		}
		b.meetings[m.ID] = append(b.meetings[m.ID], m)
		for _, it := range m.Items {
			if it.ID == "" {
				continue
			}
			got, err := j.Item(it.ID)
			if err != nil {
				t.Fatal(err)
			}
			if v := b.items[it.ID]; !reflect.DeepEqual(v[len(v)-1], got) {
				b.items[it.ID] = append(v, got)
			}
		}
	}
	if err := j.Close(); err != nil {
		t.Fatal(err)
	}
	checkBolt(t, b.path)
	checkReportClean(t, b.path)
	return b
}

// damageCase makes one damaged journal at path from the base file.
type damageCase struct {
	name string
	make func(t *testing.T, path string, base []byte)
	// noteFlip is the meeting whose note text the case damages, if any: it
	// must be reported, by queries and by CheckFile.
	noteFlip MeetingID
}

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// damageCases generates the damaged journals: truncations, zeroed pages,
// byte flips in meta and data pages, flips inside note text, and files
// that are not journals at all. The generator is seeded, so a failing case
// has the same name and bytes on every run.
func damageCases(t *testing.T, b *damageBase, base []byte) []damageCase {
	r := rand.New(rand.NewPCG(20261122, 3))
	size, ps := len(base), b.pageSize
	pages := size / ps
	var cases []damageCase
	add := func(name string, fn func(t *testing.T, path string, base []byte)) {
		cases = append(cases, damageCase{name: name, make: fn})
	}
	mutate := func(name string, fn func(c []byte) []byte) {
		add(name, func(t *testing.T, path string, base []byte) {
			writeFile(t, path, fn(bytes.Clone(base)))
		})
	}

	cuts := []int{1, 16, 100, 512, ps - 1, ps, ps + 1, 2*ps - 1, 2 * ps, 2*ps + 100, 3 * ps, 4 * ps,
		size / 4, size / 3, size / 2, size - ps, size - ps/2, size - 1}
	for range 16 {
		cuts = append(cuts, 1+r.IntN(size-1))
	}
	for _, n := range cuts {
		mutate(fmt.Sprintf("truncated to %d bytes", n), func(c []byte) []byte { return c[:n] })
	}

	zero := func(c []byte, pg int) {
		clear(c[pg*ps : min(len(c), (pg+1)*ps)])
	}
	for _, pg := range []int{0, 1, 2, 3} {
		mutate(fmt.Sprintf("page %d zeroed", pg), func(c []byte) []byte { zero(c, pg); return c })
	}
	mutate("both meta pages zeroed", func(c []byte) []byte { zero(c, 0); zero(c, 1); return c })
	for range 20 {
		pg := 2 + r.IntN(pages-2)
		mutate(fmt.Sprintf("data page %d zeroed", pg), func(c []byte) []byte { zero(c, pg); return c })
	}

	// bbolt's meta (magic, version, page size, root, freelist, pgid, txid,
	// checksum) is the first 80 bytes of pages 0 and 1.
	for range 20 {
		pg, off, x := r.IntN(2), r.IntN(96), byte(1+r.IntN(255))
		mutate(fmt.Sprintf("meta page %d byte %d ^ %#x", pg, off, x), func(c []byte) []byte { c[pg*ps+off] ^= x; return c })
	}
	for range 6 {
		off, x := r.IntN(96), byte(1+r.IntN(255))
		mutate(fmt.Sprintf("both meta pages byte %d ^ %#x", off, x), func(c []byte) []byte {
			c[off] ^= x
			c[ps+off] ^= x
			return c
		})
	}

	for range 40 {
		n := 1 + r.IntN(8)
		offs := make([]int, n)
		xs := make([]byte, n)
		for i := range offs {
			offs[i], xs[i] = 2*ps+r.IntN(size-2*ps), byte(1+r.IntN(255))
		}
		mutate(fmt.Sprintf("data pages %d bytes flipped at %v", n, offs), func(c []byte) []byte {
			for i, o := range offs {
				c[o] ^= xs[i]
			}
			return c
		})
	}

	for _, i := range []int{0, 7, 15, 64, 149} {
		// Find the meeting's record as bbolt stores it (the note may be
		// compressed), wherever it is: old copies of a page stay in free
		// pages, so it may be in the file more than once.
		id := b.markers[damageMarker(i)]
		rec := storedRecord(t, b.path, bucketMeetings, meetingKey(id))
		var ats []int
		for at := 0; ; {
			k := bytes.Index(base[at:], rec)
			if k < 0 {
				break
			}
			ats = append(ats, at+k+5+(len(rec)-5)/2)
			at += k + 1
		}
		if len(ats) == 0 {
			t.Fatalf("the record of meeting %s is not in the file", id)
		}
		cases = append(cases, damageCase{
			name:     fmt.Sprintf("one bit changed inside the note record of meeting %s", id),
			noteFlip: id,
			make: func(t *testing.T, path string, base []byte) {
				c := bytes.Clone(base)
				for _, at := range ats {
					c[at] ^= 0x01
				}
				writeFile(t, path, c)
			},
		})
	}

	add("an empty file", func(t *testing.T, path string, _ []byte) { writeFile(t, path, nil) })
	add("a folder in its place", func(t *testing.T, path string, _ []byte) {
		if err := os.Mkdir(path, 0o700); err != nil {
			t.Fatal(err)
		}
	})
	add("a text file", func(t *testing.T, path string, _ []byte) {
		writeFile(t, path, []byte("# My notes\n\n- [ ] not a journal\n"))
	})
	add("a PNG image", func(t *testing.T, path string, _ []byte) {
		writeFile(t, path, append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 3*ps)...))
	})
	add("an SQLite database header", func(t *testing.T, path string, _ []byte) {
		c := make([]byte, 4*ps)
		copy(c, "SQLite format 3\x00")
		writeFile(t, path, c)
	})
	add("64 KiB of random bytes", func(t *testing.T, path string, _ []byte) {
		c := make([]byte, 64<<10)
		for i := range c {
			c[i] = byte(r.Uint32())
		}
		writeFile(t, path, c)
	})
	editBolt := func(t *testing.T, path string, base []byte, fn func(tx *bolt.Tx) error) {
		if base != nil {
			writeFile(t, path, base)
		}
		db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Update(fn); err != nil {
			t.Fatal(err)
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
	}
	add("another program's bbolt database", func(t *testing.T, path string, _ []byte) {
		editBolt(t, path, nil, func(tx *bolt.Tx) error {
			b, err := tx.CreateBucket([]byte("settings"))
			if err != nil {
				return err
			}
			return b.Put([]byte("theme"), []byte("dark"))
		})
	})
	add("a journal from a future schema version", func(t *testing.T, path string, base []byte) {
		editBolt(t, path, base, func(tx *bolt.Tx) error {
			return tx.Bucket(bucketMeta).Put(keySchema, schemaBytes(SchemaVersion+1))
		})
	})
	add("a schema version of the wrong length", func(t *testing.T, path string, base []byte) {
		editBolt(t, path, base, func(tx *bolt.Tx) error {
			return tx.Bucket(bucketMeta).Put(keySchema, []byte{1})
		})
	})
	add("a journal missing its search index bucket", func(t *testing.T, path string, base []byte) {
		editBolt(t, path, base, func(tx *bolt.Tx) error { return tx.DeleteBucket(bucketTerms) })
	})
	add("a meeting record replaced by garbage", func(t *testing.T, path string, base []byte) {
		editBolt(t, path, base, func(tx *bolt.Tx) error {
			return tx.Bucket(bucketMeetings).Put(meetingKey(b.markers[damageMarker(3)]), []byte("garbage"))
		})
	})
	return cases
}

// damageOutcome is what a damaged journal did.
type damageOutcome struct {
	refused    error // Open's error
	queryErrs  int   // queries that failed
	queries    int
	check      CheckReport
	checkErr   error
	noteErrors int // Meeting() on the damaged note failed as it should
}

// inspectDamaged opens a damaged journal read-only and runs every query;
// whatever a query returns without error must be what the base journal
// held. It reports anything else with t.Errorf.
func inspectDamaged(t *testing.T, path string, b *damageBase, tc damageCase) (out damageOutcome) {
	j, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		out.refused = err
		if !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrSchema) {
			t.Errorf("Open: %v, want ErrCorrupt or ErrSchema", err)
		}
		if !strings.Contains(err.Error(), path) {
			t.Errorf("Open's error does not name the file: %v", err)
		}
	} else {
		q := func(what string, err error) {
			out.queries++
			if err != nil {
				out.queryErrs++
				if strings.Contains(err.Error(), "zqdmg") {
					t.Errorf("%s: error holds note text: %v", what, err)
				}
			}
		}
		sameMeeting := func(what string, m Meeting) {
			versions, ok := b.meetings[m.ID]
			if !ok {
				t.Errorf("%s returned meeting %s, which was never written", what, m.ID)
				return
			}
			for _, want := range versions {
				if m.Note == want.Note && m.Person == want.Person && m.Date == want.Date && m.Rev == want.Rev &&
					(m.Items == nil || reflect.DeepEqual(m.Items, want.Items)) {
					return
				}
			}
			t.Errorf("%s returned meeting %s with a note, header or items that differ from every version saved", what, m.ID)
		}
		sameItem := func(what string, it Item) {
			for _, want := range b.items[it.ID] {
				if reflect.DeepEqual(it, want) {
					return
				}
			}
			t.Errorf("%s returned item %s that differs from every version saved", what, it.ID)
		}
		people, err := j.People(true)
		q("People", err)
		for _, p := range people {
			if !reflect.DeepEqual(p, b.people[p.Handle]) {
				t.Errorf("People returned %q, which differs from the one saved", p.Handle)
			}
		}
		for id := range b.meetings {
			m, err := j.Meeting(id)
			q("Meeting", err)
			if err == nil {
				sameMeeting("Meeting", m)
			} else if id == tc.noteFlip {
				out.noteErrors++
				if !errors.Is(err, ErrCorrupt) {
					t.Errorf("Meeting %s with a changed bit: %v, want ErrCorrupt", id, err)
				}
			}
		}
		q("ForEachMeeting", j.ForEachMeeting(func(m Meeting) error { sameMeeting("ForEachMeeting", m); return nil }))
		for h := range b.people {
			ms, err := j.Meetings(h)
			q("Meetings", err)
			for _, m := range ms {
				sameMeeting("Meetings", m)
			}
			_, err = j.Prep(h, Date(20500))
			q("Prep", err)
			_, err = j.Ledger(h, 0, 0, Date(20500))
			q("Ledger", err)
		}
		for marker, id := range b.markers {
			hits, err := j.Search(Query{Text: marker})
			q("Search", err)
			for _, h := range hits {
				if h.Meeting != id {
					t.Errorf("Search %s found meeting %s, want %s", marker, h.Meeting, id)
				}
			}
		}
		for id := range b.items {
			it, err := j.Item(id)
			q("Item", err)
			if err == nil {
				sameItem("Item", it)
			}
		}
		open, err := j.OpenCommitments(ItemFilter{})
		q("OpenCommitments", err)
		for _, it := range open {
			sameItem("OpenCommitments", it)
		}
		flagged, err := j.Flagged(Date(20500), ItemFilter{})
		q("Flagged", err)
		for _, it := range flagged {
			sameItem("Flagged", it)
		}
		fu, err := j.OpenFollowUps("")
		q("OpenFollowUps", err)
		for _, it := range fu {
			sameItem("OpenFollowUps", it)
		}
		_, err = j.PeopleStatus(Date(20500), true)
		q("PeopleStatus", err)
		if err := j.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	}
	// The TUI opens for writing: opening and closing must not write either.
	if w, err := Open(path, Options{}); err == nil {
		if err := w.Close(); err != nil {
			t.Errorf("Close after a writable open: %v", err)
		}
	} else if out.refused == nil {
		t.Logf("a writable Open refused what a read-only one opened: %v", err)
	}
	out.check, out.checkErr = CheckFile(path)
	if out.checkErr != nil {
		if !errors.Is(out.checkErr, ErrCorrupt) && !errors.Is(out.checkErr, ErrSchema) {
			t.Errorf("CheckFile: %v, want a report, ErrCorrupt or ErrSchema", out.checkErr)
		}
	} else {
		for _, p := range out.check.Problems {
			if strings.Contains(p, "zqdmg") {
				t.Errorf("CheckFile's report holds note text: %s", p)
			}
		}
		if out.check.OK && out.queryErrs > 0 {
			t.Errorf("CheckFile says the journal is healthy, but %d of %d queries failed", out.queryErrs, out.queries)
		}
	}
	if tc.noteFlip != 0 {
		if out.refused == nil && out.noteErrors == 0 {
			t.Errorf("a changed bit in meeting %s's note record was not reported by Meeting", tc.noteFlip)
		}
		if out.checkErr == nil && !containsID(out.check.Damaged, tc.noteFlip) {
			t.Errorf("CheckFile does not name meeting %s as damaged: %s", tc.noteFlip, out.check)
		}
	}
	return out
}

// storedRecord returns a copy of the value under key in a bucket of a
// closed journal file.
func storedRecord(t *testing.T, path string, bucket, key []byte) []byte {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var rec []byte
	db.View(func(tx *bolt.Tx) error {
		rec = bytes.Clone(tx.Bucket(bucket).Get(key))
		return nil
	})
	if len(rec) < 16 {
		t.Fatalf("no record under %x in %s", key, bucket)
	}
	return rec
}

func containsID(ids []MeetingID, id MeetingID) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// treeSum is fileSum for a file or a folder (which must stay empty).
func treeSum(t *testing.T, path string) [32]byte {
	t.Helper()
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		entries, _ := os.ReadDir(path)
		return [32]byte{byte(len(entries)), 'd'}
	}
	return fileSum(t, path)
}

// TestDamagedJournalsGiveClearErrorsNeverWrongNotes runs every query and
// CheckFile on more than a hundred damaged copies of a real journal. Each
// is refused by Open with ErrCorrupt or ErrSchema, or opens and then every
// query either answers exactly what was saved or fails — never a panic,
// never a hang, never a note that differs from the one saved — and the
// file is left byte-identical by read-only use and by a writable open and
// close.
func TestDamagedJournalsGiveClearErrorsNeverWrongNotes(t *testing.T) {
	b := buildDamageBase(t)
	base, err := os.ReadFile(b.path)
	if err != nil {
		t.Fatal(err)
	}
	cases := damageCases(t, b, base)
	if len(cases) < 100 {
		t.Fatalf("only %d damaged journals", len(cases))
	}
	var refused, failing, clean, checkFlagged int
	for i, tc := range cases {
		t.Run(fmt.Sprintf("%03d %s", i, tc.name), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "journal.db")
			tc.make(t, path, base)
			before := treeSum(t, path)
			done := make(chan damageOutcome, 1)
			go func() {
				var out damageOutcome
				defer func() {
					if r := recover(); r != nil {
						t.Errorf("panic: %v", r)
					}
					done <- out
				}()
				out = inspectDamaged(t, path, b, tc)
			}()
			var out damageOutcome
			select {
			case out = <-done:
			case <-time.After(30 * time.Second):
				t.Fatalf("no answer within 30s: a hang")
			}
			if treeSum(t, path) != before {
				t.Errorf("read-only use, or opening and closing for writing, changed the file")
			}
			switch {
			case out.refused != nil:
				refused++
				t.Logf("Open: %v", out.refused)
			case out.queryErrs > 0:
				failing++
				t.Logf("%d of %d queries failed", out.queryErrs, out.queries)
			default:
				clean++
			}
			if out.checkErr != nil || !out.check.OK {
				checkFlagged++
			}
		})
	}
	t.Logf("%d damaged journals: %d refused by Open, %d opened with failing queries, %d opened and answered everything as saved; CheckFile flagged %d",
		len(cases), refused, failing, clean, checkFlagged)
}

// TestFailedOpenOfADamagedFileReleasesIt: when bbolt panics while opening
// a damaged file, it has already taken the file lock; Open must let go of
// it, or the process's own CheckFile, Repair or next Open is told that the
// journal "is open in another process".
func TestFailedOpenOfADamagedFileReleasesIt(t *testing.T) {
	b := buildDamageBase(t)
	base, err := os.ReadFile(b.path)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{2 * b.pageSize, 4 * b.pageSize, len(base) / 3} {
		for _, readOnly := range []bool{false, true} {
			t.Run(fmt.Sprintf("truncated to %d, read-only %v", n, readOnly), func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "journal.db")
				writeFile(t, path, base[:n])
				for i := range 2 {
					j, err := Open(path, Options{ReadOnly: readOnly, Timeout: 200 * time.Millisecond})
					if err == nil {
						j.Close()
						continue
					}
					if errors.Is(err, ErrLocked) {
						t.Fatalf("open %d: %v: an earlier failed open kept the lock", i+1, err)
					}
				}
				if _, err := CheckFile(path); errors.Is(err, ErrLocked) {
					t.Fatalf("CheckFile after a failed open: %v", err)
				}
			})
		}
	}
}
