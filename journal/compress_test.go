package journal

import (
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"
)

// codecNotes are notes of every shape a codec can trip over: empty, just
// under and over the compression threshold, non-ASCII, CRLF, binary
// rubbish, long repeats, the largest note allowed, and the real-world
// notes of testdata/realnotes.
func codecNotes(t testing.TB) []string {
	rng := rand.New(rand.NewPCG(1, 2))
	noise := make([]byte, 4000)
	for i := range noise {
		noise[i] = byte(rng.Uint32())
	}
	notes := []string{
		"",
		"x",
		strings.Repeat("a", minCompress-1),
		strings.Repeat("a", minCompress),
		"## Notes\n- 王小明 said the 🚀 launch is ready\r\n- [ ] me: send the deck by friday ^a1b2\r\n",
		string(noise),
		strings.Repeat("- [ ] them: the budget review due:2026-12-01\n", 500),
		strings.Repeat("x", MaxNoteSize),
	}
	real, _ := filepath.Glob("testdata/realnotes/*.md")
	for _, p := range real {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		notes = append(notes, string(b))
	}
	return notes
}

// deflateRecord is encodeMeeting as 1on1 wrote it before schema 4: notes
// from minCompress bytes on stored noteDeflateV1.
func deflateRecord(t testing.TB, m Meeting) []byte {
	t.Helper()
	var w writer
	w.uvarint(uint64(m.ID))
	w.str(m.Person)
	w.varint(int64(m.Date))
	w.str(m.Time)
	w.uvarint(m.Rev)
	var buf bytes.Buffer
	fw, err := flate.NewWriterDict(&buf, flate.DefaultCompression, noteDictV1)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write([]byte(m.Note))
	if err := fw.Close(); err != nil {
		t.Fatal(err)
	}
	if len(m.Note) >= minCompress && buf.Len() < len(m.Note) {
		w.b = append(w.b, noteDeflateV1)
		w.uvarint(uint64(len(m.Note)))
		w.uvarint(uint64(buf.Len()))
		w.b = append(w.b, buf.Bytes()...)
	} else {
		w.b = append(w.b, noteRaw)
		w.str(m.Note)
	}
	return frame(w.b)
}

// noteEncoding returns the encoding byte of a stored meeting's note.
func noteEncoding(t testing.TB, v []byte) byte {
	t.Helper()
	payload, err := unframe(v)
	if err != nil {
		t.Fatal(err)
	}
	r := reader{b: payload}
	r.uvarint()
	r.str()
	r.varint()
	r.str()
	r.uvarint()
	if r.err != nil || len(r.b) == 0 {
		t.Fatalf("meeting record without a note: %v", r.err)
	}
	return r.b[0]
}

// TestNotesReadBackInEveryEncoding: what is saved reads back byte for
// byte, compressed once it pays; notes saved DEFLATE by earlier versions
// still read.
func TestNotesReadBackInEveryEncoding(t *testing.T) {
	for i, note := range codecNotes(t) {
		m := Meeting{ID: MeetingID(i + 1), Person: "ana", Date: day(t, "2026-11-02"), Time: "10:00", Rev: 3, Note: note}
		for _, rec := range [][]byte{encodeMeeting(m), deflateRecord(t, m)} {
			got, err := decodeMeeting(rec)
			if err != nil {
				t.Fatalf("note %d (%d bytes, encoding %d): %v", i, len(note), noteEncoding(t, rec), err)
			}
			if got.Note != note || got.ID != m.ID || got.Person != m.Person || got.Rev != m.Rev || got.Time != m.Time {
				t.Fatalf("note %d (%d bytes, encoding %d) reads back different", i, len(note), noteEncoding(t, rec))
			}
			buf := make([]byte, 64)
			r := reader{b: rec[5:]}
			r.uvarint()
			r.str()
			r.varint()
			r.str()
			r.uvarint()
			if s := r.noteInto(buf); s != note || r.err != nil {
				t.Fatalf("note %d read into a buffer reads back different: %v", i, r.err)
			}
		}
		enc := noteEncoding(t, encodeMeeting(m))
		compressible := len(note) >= minCompress && (strings.HasPrefix(note, "##") || strings.Count(note, note[:1]) == len(note))
		if compressible && enc != noteS2V1 {
			t.Errorf("note %d (%d bytes) stored with encoding %d, want S2", i, len(note), enc)
		}
		if len(note) < minCompress && enc != noteRaw {
			t.Errorf("note %d (%d bytes) stored with encoding %d, want raw", i, len(note), enc)
		}
	}
}

// TestNotesShrinkAsBefore: S2 may not cost the file its size budget on
// notes nobody tuned the dictionary for: the real-world notes of
// testdata/realnotes take at most 15 % more room than DEFLATE gave them
// (12 % when this was written), and stay under two thirds of their size.
func TestNotesShrinkAsBefore(t *testing.T) {
	var raw, s2, deflated int
	real, _ := filepath.Glob("testdata/realnotes/*.md")
	for _, p := range real {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		m := Meeting{ID: 1, Person: "ana", Note: string(b)}
		raw += len(b)
		s2 += len(encodeMeeting(m))
		deflated += len(deflateRecord(t, m))
	}
	if s2 > deflated*115/100 {
		t.Errorf("%d bytes of real notes: %d stored S2, %d DEFLATE (more than 15 %% apart)", raw, s2, deflated)
	}
	if raw < s2*3/2 {
		t.Errorf("%d bytes of real notes stored in %d: under 1.5×", raw, s2)
	}
}

// damagedNoteErr decodes a meeting record whose payload was damaged after
// framing (so its checksum still holds), and fails the test on a panic or
// an error other than ErrCorrupt.
func damagedNoteErr(t *testing.T, payload []byte) (string, error) {
	t.Helper()
	r := reader{b: payload}
	r.uvarint()
	r.str()
	r.varint()
	r.str()
	r.uvarint()
	note := r.note()
	if r.err != nil && !errors.Is(r.err, ErrCorrupt) {
		t.Fatalf("damaged note: %v, want ErrCorrupt", r.err)
	}
	return note, r.err
}

// FuzzDamagedNote damages a stored note at the fuzzer's choice of place
// and value. Through the record, as every reader meets it, the damage is
// ErrCorrupt (the record's checksum), never a wrong note. Beneath the
// checksum (a damage it missed, or one made before it was computed) and
// truncated anywhere, the codec still never panics and fails only with
// ErrCorrupt.
func FuzzDamagedNote(f *testing.F) {
	notes := codecNotes(f)
	for i := range notes {
		f.Add(uint16(i), uint16(40), byte(0xff), true)
		f.Add(uint16(i), uint16(12), byte(0x01), false)
	}
	f.Fuzz(func(t *testing.T, which, at uint16, x byte, deflate bool) {
		note := notes[int(which)%len(notes)]
		m := Meeting{ID: 7, Person: "ana", Date: 20000, Note: note}
		rec := encodeMeeting(m)
		if deflate {
			rec = deflateRecord(t, m)
		}
		i := 5 + int(at)%(len(rec)-5)
		damaged := bytes.Clone(rec)
		damaged[i] ^= x | 1
		got, err := decodeMeeting(damaged)
		if err == nil {
			t.Fatalf("a damaged record read as a note (%d bytes)", len(got.Note))
		}
		if !errors.Is(err, ErrCorrupt) {
			t.Fatalf("damaged record: %v, want ErrCorrupt", err)
		}
		payload := bytes.Clone(rec[5:])
		payload[i-5] ^= x | 1
		damagedNoteErr(t, payload)
		// Truncated anywhere: ErrCorrupt, never a panic.
		if _, err := damagedNoteErr(t, rec[5:5+int(at)%(len(rec)-5)]); err == nil && int(at)%(len(rec)-5) < len(rec)-5 {
			t.Fatalf("a truncated record read as a note")
		}
	})
}

// oldCodecJournal makes a closed journal in a folder of its own as 1on1
// wrote it before schema 4: notes (those that a note may be) stored
// DEFLATE, schema 3. It returns its path and its meetings as they
// read.
func oldCodecJournal(t *testing.T, notes []string) (string, []Meeting) {
	t.Helper()
	// Not openTemp: its clean-up checks a file this test damages.
	j, err := Open(filepath.Join(t.TempDir(), "journal.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	mustPerson(t, j, "ana", strings.Repeat("Ana Long Name ", 20)) // a page of its own for freeALivePage
	var ms []Meeting
	for i, note := range notes {
		if note == "" || !utf8.ValidString(note) {
			continue
		}
		ms = append(ms, mustMeeting(t, j, "ana", NewDate(2020, 1, 1).AddDays(i).String(), note))
	}
	for i := range ms { // as they read once every note is in
		m, err := j.Meeting(ms[i].ID)
		if err != nil {
			t.Fatal(err)
		}
		ms[i] = m
	}
	path := j.Path()
	j.Close()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketMeetings)
		for _, m := range ms {
			stored, err := decodeMeeting(b.Get(meetingKey(m.ID)))
			if err != nil {
				return err
			}
			if err := b.Put(meetingKey(m.ID), deflateRecord(t, stored)); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketMeta).Put(keySchema, schemaBytes(3))
	})
	if err != nil {
		t.Fatal(err)
	}
	// Compacted, as demo and import leave a journal: no free pages that
	// the upgrade could fill instead of growing the file.
	packed := path + ".packed"
	dst, err := bolt.Open(packed, 0o600, nil)
	if err == nil {
		err = bolt.Compact(dst, db, 16<<20)
		if cerr := dst.Close(); err == nil {
			err = cerr
		}
	}
	db.Close()
	if err == nil {
		err = os.Rename(packed, path)
	}
	if err != nil {
		t.Fatal(err)
	}
	return path, ms
}

// TestASchema3JournalHasItsNotesReencoded: a journal whose notes were
// stored DEFLATE (schema 3) opens, read-only too, with every note and
// search as before; the open stores the notes S2 and leaves the derived
// data as it was. The same journal with a damaged page is refused and
// left untouched.
func TestASchema3JournalHasItsNotesReencoded(t *testing.T) {
	build := func(t *testing.T) (string, []Meeting) { return oldCodecJournal(t, codecNotes(t)) }
	derived := func(t *testing.T, path string) map[string]string {
		db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		out := map[string]string{}
		db.View(func(tx *bolt.Tx) error {
			for _, name := range derivedBuckets {
				tx.Bucket(name).ForEach(func(k, v []byte) error {
					out[string(name)+"/"+string(k)] = string(v)
					return nil
				})
			}
			enc := map[byte]int{}
			tx.Bucket(bucketMeetings).ForEach(func(k, v []byte) error { enc[noteEncoding(t, v)]++; return nil })
			out["encodings"] = strings.TrimSpace(strings.Repeat("x", enc[noteDeflateV1]))
			return nil
		})
		return out
	}

	path, ms := build(t)
	oldSize := pagesSize(t, path)
	before := derived(t, path)
	if before["encodings"] == "" {
		t.Fatal("the old journal holds no DEFLATE note")
	}
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only open of a schema 3 journal: %v", err)
	}
	for _, m := range ms {
		got, err := ro.Meeting(m.ID)
		if err != nil || got.Note != m.Note || got.Rev != m.Rev || len(got.Items) != len(m.Items) || len(m.Items) > 0 && !reflect.DeepEqual(got.Items, m.Items) {
			t.Fatalf("meeting %s after the upgrade differs: %v", m.ID, err)
		}
	}
	hits, err := ro.Search(Query{Text: "budget", Limit: -1})
	if err != nil || len(hits) == 0 {
		t.Errorf("search after the upgrade: %d hits, %v", len(hits), err)
	}
	if rep, err := ro.Check(); err != nil || !rep.OK {
		t.Errorf("check after the upgrade: %v %s", err, rep)
	}
	ro.Close()
	if size := pagesSize(t, path); size > oldSize*11/10 {
		t.Errorf("the upgrade grew the file's pages from %d to %d bytes", oldSize, size)
	}
	after := derived(t, path)
	if after["encodings"] != "" {
		t.Errorf("%d notes still stored DEFLATE after the upgrade", len(after["encodings"]))
	}
	delete(before, "encodings")
	delete(after, "encodings")
	if len(before) != len(after) {
		t.Errorf("derived data changed by the upgrade: %d records, then %d", len(before), len(after))
	}
	for k, v := range before {
		if after[k] != v {
			t.Errorf("derived record %q changed by the upgrade", k)
		}
	}
	if ver, err := (&Journal{path: path, readOnly: true, timeout: DefaultTimeout}).checkSchema(); err != nil || ver != SchemaVersion {
		t.Errorf("schema after the upgrade: %d, %v", ver, err)
	}

	t.Run("damaged", func(t *testing.T) {
		path, _ := build(t)
		freeALivePage(t, path, []byte("Ana Long Name"))
		sum := fileSum(t, path)
		for _, ro := range []bool{true, false} {
			if _, err := Open(path, Options{ReadOnly: ro}); !errors.Is(err, ErrCorrupt) {
				t.Errorf("Open (read-only %v) of a damaged schema 3 journal: %v, want ErrCorrupt", ro, err)
			}
		}
		if fileSum(t, path) != sum {
			t.Error("a damaged schema 3 journal was written by its upgrade")
		}
	})
}

// TestAKilledUpgradeLeavesTheOldJournalOrTheNew kills the process
// upgrading a schema 3 journal (SIGKILL) at moments spread over the
// upgrade: the file then opens, every note reads as it did, and check
// finds it healthy — the upgrade is one transaction.
func TestAKilledUpgradeLeavesTheOldJournalOrTheNew(t *testing.T) {
	if testing.Short() {
		t.Skip("kills processes")
	}
	real, _ := filepath.Glob("testdata/realnotes/*.md")
	var notes []string
	for round := range 40 {
		for _, p := range real {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			notes = append(notes, string(b)+fmt.Sprintf("\n- round %d\n", round))
		}
	}
	path, ms := oldCodecJournal(t, notes)
	orig, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	upgrade := func(p string, kill time.Duration) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
		cmd.Env = append(os.Environ(), helperEnv+"=upgrade", "ONEONONE_HELPER_DB="+p)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		if kill >= 0 {
			time.Sleep(kill)
			cmd.Process.Signal(syscall.SIGKILL)
		}
		cmd.Wait()
	}
	p := filepath.Join(t.TempDir(), "journal.db")
	if err := os.WriteFile(p, orig, 0o600); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	upgrade(p, -1)
	whole := time.Since(start)
	// Every note page is rewritten and the old ones freed: compacted
	// after, the file is not the larger for it.
	if size := pagesSize(t, p); size > pagesSize(t, path)*11/10 {
		t.Errorf("the upgrade grew the file's pages from %d to %d bytes", pagesSize(t, path), size)
	}
	for trial := range 8 {
		if err := os.WriteFile(p, orig, 0o600); err != nil {
			t.Fatal(err)
		}
		upgrade(p, whole*time.Duration(trial)/8)
		j, err := Open(p, Options{ReadOnly: true})
		if err != nil {
			t.Fatalf("trial %d: open after a killed upgrade: %v", trial, err)
		}
		for _, m := range ms {
			got, err := j.Meeting(m.ID)
			if err != nil || got.Note != m.Note {
				t.Fatalf("trial %d: meeting %s after a killed upgrade: %v", trial, m.ID, err)
			}
		}
		if rep, err := j.Check(); err != nil || !rep.OK {
			t.Errorf("trial %d: check after a killed upgrade: %v %s", trial, err, rep)
		}
		j.Close()
	}
	t.Logf("an upgrade of %d notes takes %v", len(ms), whole)
}

// pagesSize is how far into the file bbolt's pages reach (a file may
// run on past them, grown ahead of need).
func pagesSize(t *testing.T, path string) int64 {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int64
	db.View(func(tx *bolt.Tx) error { n = tx.Size(); return nil })
	return n
}
