package journal

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

func queueJournal(t *testing.T) *Journal {
	t.Helper()
	j := openTemp(t)
	for _, p := range []Person{{Handle: "alice", Name: "Alice Martin"}, {Handle: "bob", Name: "Bob Li"}} {
		if _, err := j.AddPerson(p); err != nil {
			t.Fatal(err)
		}
	}
	return j
}

func mustQueue(t *testing.T, j *Journal, handle string, kind QueueKind, text, date string) Queued {
	t.Helper()
	q, err := j.Queue(handle, kind, text, day(t, date))
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func TestQueuedEntriesAreListedPerPersonAndKindInTheOrderQueued(t *testing.T) {
	j := queueJournal(t)
	a := mustQueue(t, j, "alice", QueueTopic, "the reorg timeline", "2026-11-20")
	b := mustQueue(t, j, "alice", QueueFeedback, "praise for the outage write-up", "2026-11-18")
	c := mustQueue(t, j, "alice", QueueTopic, "  conference\nbudget  ", "2026-11-21")
	mustQueue(t, j, "bob", QueueTopic, "hiring plan", "2026-11-21")

	topics, err := j.QueuedFor("alice", QueueTopic)
	if err != nil {
		t.Fatal(err)
	}
	if len(topics) != 2 || topics[0].ID != a.ID || topics[1].ID != c.ID {
		t.Fatalf("alice's topics: %+v", topics)
	}
	if topics[1].Text != "conference budget" {
		t.Errorf("a queued text is one line of a note, got %q", topics[1].Text)
	}
	fb, _ := j.QueuedFor("alice", QueueFeedback)
	if len(fb) != 1 || fb[0].ID != b.ID || fb[0].Age(day(t, "2026-12-07")) != 19 {
		t.Fatalf("alice's feedback: %+v", fb)
	}
	all, _ := j.QueuedFor("alice", 0)
	if len(all) != 3 {
		t.Errorf("both kinds: %d entries, want 3", len(all))
	}
	if a.ID == b.ID || a.ID == c.ID || !strings.HasPrefix(a.ID, "q") || !validID(a.ID) {
		t.Errorf("ids %q %q %q: want distinct block ids", a.ID, b.ID, c.ID)
	}
}

func TestQueueRefusesEmptyTextAndUnknownPeople(t *testing.T) {
	j := queueJournal(t)
	for _, tc := range []struct {
		name, handle, text string
		want               error
	}{
		{"empty", "alice", "", ErrInvalid},
		{"blank", "alice", " \n\t ", ErrInvalid},
		{"only a block id", "alice", "^abcd", ErrInvalid},
		{"too long", "alice", strings.Repeat("x", MaxQueuedText+1), ErrInvalid},
		{"not UTF-8", "alice", "caf\xe9", ErrInvalid},
		{"unknown person", "carol", "hello", ErrNotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := j.Queue(tc.handle, QueueTopic, tc.text, day(t, "2026-11-20")); !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
		})
	}
	if q, _ := j.QueuedFor("alice", 0); len(q) != 0 {
		t.Errorf("refused entries were stored: %+v", q)
	}
}

func TestUnqueueRemovesByIDOrPositionWithinTheKind(t *testing.T) {
	j := queueJournal(t)
	a := mustQueue(t, j, "alice", QueueTopic, "one", "2026-11-20")
	f := mustQueue(t, j, "alice", QueueFeedback, "praise", "2026-11-20")
	c := mustQueue(t, j, "alice", QueueTopic, "two", "2026-11-20")
	got, err := j.Unqueue("alice", QueueTopic, "2")
	if err != nil || got.ID != c.ID {
		t.Fatalf("unqueue topic 2: %+v %v", got, err)
	}
	if _, err := j.Unqueue("alice", QueueTopic, f.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("a feedback id removed as a topic: %v", err)
	}
	if _, err := j.Unqueue("bob", QueueTopic, a.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("alice's entry removed from bob's queue: %v", err)
	}
	if _, err := j.Unqueue("alice", QueueTopic, "^"+a.ID); err != nil {
		t.Fatal(err)
	}
	left, _ := j.QueuedFor("alice", 0)
	if len(left) != 1 || left[0].ID != f.ID {
		t.Fatalf("left: %+v", left)
	}
}

func TestAQueuedEntryLeavesTheQueueWhenANoteHoldsItAndComesBackWhenTheNoteGoes(t *testing.T) {
	j := queueJournal(t)
	q := mustQueue(t, j, "alice", QueueTopic, "the reorg timeline", "2026-11-20")
	m, err := j.AddMeeting(Meeting{Person: "alice", Date: day(t, "2026-11-22"), Note: "## To discuss\n\n- [ ] the reorg timeline ^" + q.ID + "\n"}, day(t, "2026-11-22"))
	if err != nil {
		t.Fatal(err)
	}
	if left, _ := j.QueuedFor("alice", 0); len(left) != 0 {
		t.Fatalf("saved in a note, still queued: %+v", left)
	}
	if _, err := j.Unqueue("alice", 0, q.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("an entry a note holds can be unqueued: %v", err)
	}
	if err := j.DeleteMeeting(m.ID); err != nil {
		t.Fatal(err)
	}
	left, _ := j.QueuedFor("alice", 0)
	if len(left) != 1 || left[0].ID != q.ID || left[0].Added != day(t, "2026-11-20") {
		t.Fatalf("after the note was deleted: %+v", left)
	}
}

func TestQueuesTravelInThePersonFileOfAnExport(t *testing.T) {
	j := handMadeJournal(t)
	mustQueue(t, j, "alice", QueueTopic, `the "reorg" timeline: dates`, "2026-11-20")
	mustQueue(t, j, "alice", QueueFeedback, "praise for the outage write-up", "2026-11-18")
	mustQueue(t, j, "zoe", QueueFeedback, "thanks for the budget 張", "2026-11-19")
	roundTrip(t, j)

	dir := filepath.Join(t.TempDir(), "x")
	if _, err := j.ExportMarkdown(dir, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	alice, _ := os.ReadFile(filepath.Join(dir, "people", "alice.md"))
	if !strings.Contains(string(alice), "topics:\n  - \"2026-11-20 the \\\"reorg\\\" timeline: dates ^q") ||
		!strings.Contains(string(alice), "feedback_to_give:\n  - \"2026-11-18 praise for the outage write-up ^q") {
		t.Errorf("alice's file:\n%s", alice)
	}
	bob, _ := os.ReadFile(filepath.Join(dir, "people", "bob.md"))
	if strings.Contains(string(bob), "topics") || strings.Contains(string(bob), "feedback_to_give") {
		t.Errorf("a person without a queue exports as before:\n%s", bob)
	}

	// Importing the same folder again queues nothing twice.
	k := openTemp(t)
	for range 2 {
		if _, err := k.ImportMarkdown(dir, nil); err != nil {
			t.Fatal(err)
		}
	}
	if q, _ := k.QueuedFor("alice", 0); len(q) != 2 {
		t.Errorf("after two imports alice has %d queued, want 2", len(q))
	}
}

func TestAHandWrittenQueueLineIsImported(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "people"), 0o700)
	os.WriteFile(filepath.Join(dir, "people", "kim.md"), []byte("---\nname: Kim\ntopics:\n  - ask about the offsite\n  - \"2026-10-01 dated one\"\nfeedback_to_give:\n  - 'thanks for the demo'\nrole: peer\n---\nctx\n"), 0o600)
	j := openTemp(t)
	for range 2 {
		rep, err := j.ImportMarkdown(dir, nil)
		if err != nil || len(rep.Problems) > 0 {
			t.Fatal(err, rep.Problems)
		}
	}
	q, _ := j.QueuedFor("kim", 0)
	if len(q) != 3 || q[0].Text != "ask about the offsite" || q[1].Added != day(t, "2026-10-01") || q[2].Kind != QueueFeedback {
		t.Fatalf("kim's queue: %+v", q)
	}
	p, _ := j.Person("kim")
	if p.Role != RolePeer {
		t.Errorf("the queue lines hid the role that follows them: %+v", p)
	}
}

// dropAddedBuckets makes the journal at path look as a schema 1 journal
// made before the queue and templates did, or, with SchemaVersion, as a
// current journal whose root page lost those buckets.
func dropAddedBuckets(t *testing.T, path string, schema uint32) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range addedBuckets {
			if err := tx.DeleteBucket(b); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketMeta).Put(keySchema, schemaBytes(schema))
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
}

// journalWithoutAddedBuckets is a closed journal with alice in it, as
// dropAddedBuckets leaves it.
func journalWithoutAddedBuckets(t *testing.T, schema uint32) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "journal.db")
	j, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := j.AddPerson(Person{Handle: "alice"}); err != nil {
		t.Fatal(err)
	}
	j.Close()
	dropAddedBuckets(t, path, schema)
	return path
}

func TestAJournalFromBeforeQueuesOpensAndGainsItsQueue(t *testing.T) {
	path := journalWithoutAddedBuckets(t, 1)
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only open of an older journal: %v", err)
	}
	if q, err := ro.QueuedFor("alice", 0); err != nil || len(q) != 0 {
		t.Errorf("older journal read-only: %v %v", q, err)
	}
	if rep, err := ro.Check(); err != nil || !rep.OK {
		t.Errorf("check calls an upgraded journal damaged: %v %s", err, rep)
	}
	ro.Close()

	j, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("open of an older journal: %v", err)
	}
	defer j.Close()
	if _, err := j.Queue("alice", QueueTopic, "x", day(t, "2026-11-20")); err != nil {
		t.Fatalf("queue in an older journal: %v", err)
	}
}

// A current journal that lacks a bucket has a damaged page: opening it,
// for reading or for writing, says so and writes nothing, where making
// the bucket anew would write into a damaged file (a CI run of the damage
// test once changed such a file).
func TestACurrentJournalMissingABucketIsRefusedUntouched(t *testing.T) {
	path := journalWithoutAddedBuckets(t, SchemaVersion)
	before := fileSum(t, path)
	for _, ro := range []bool{true, false} {
		if _, err := Open(path, Options{ReadOnly: ro}); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "queue") {
			t.Errorf("Open (read-only %v) of a current journal without its queue bucket: %v, want ErrCorrupt naming it", ro, err)
		}
	}
	if rep, err := CheckFile(path); err != nil || rep.OK {
		t.Errorf("check calls a current journal without its queue bucket healthy: %v %s", err, rep)
	}
	if fileSum(t, path) != before {
		t.Error("opening a damaged journal wrote to it")
	}
}

// An older journal is upgraded by a write; one whose pages are damaged
// is refused instead, untouched. The damage here is one no read trips
// over: the freelist names a page that is in use, so the upgrade's write
// would overwrite live data.
func TestAnOlderJournalWithADamagedPageIsNotUpgraded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.db")
	j, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 40 {
		mustPerson(t, j, fmt.Sprintf("p%02d", i), strings.Repeat("A long name ", 20))
	}
	j.Close()
	dropAddedBuckets(t, path, 1)
	freeALivePage(t, path, []byte("p00"))
	before := fileSum(t, path)
	for _, ro := range []bool{true, false} {
		if _, err := Open(path, Options{ReadOnly: ro}); !errors.Is(err, ErrCorrupt) {
			t.Errorf("Open (read-only %v) of an older journal with a damaged page: %v, want ErrCorrupt", ro, err)
		}
	}
	if fileSum(t, path) != before {
		t.Error("an older journal with a damaged page was written by its upgrade")
	}
}

func TestQueuesTravelInTheJSONExport(t *testing.T) {
	j := queueJournal(t)
	a := mustQueue(t, j, "alice", QueueTopic, "the reorg timeline", "2026-11-20")
	mustQueue(t, j, "alice", QueueFeedback, "praise for the outage write-up", "2026-11-18")
	var doc bytes.Buffer
	if err := j.ExportJSON(&doc, day(t, "2026-11-23")); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(doc.String(), `"queue": [`) || !strings.Contains(doc.String(), `"kind": "feedback"`) {
		t.Fatalf("no queue in the JSON export:\n%s", doc.String())
	}
	k := openTemp(t)
	for range 2 {
		if rep, err := k.ImportJSON(bytes.NewReader(doc.Bytes()), nil); err != nil || len(rep.Problems) > 0 {
			t.Fatal(rep, err)
		}
	}
	q, _ := k.QueuedFor("alice", 0)
	if len(q) != 2 || q[0].ID != a.ID || q[0].Added != a.Added || q[1].Kind != QueueFeedback {
		t.Fatalf("after import: %+v", q)
	}
	if q, _ := k.QueuedFor("bob", 0); len(q) != 0 {
		t.Errorf("bob: %+v", q)
	}
}

// freeALivePage adds the page holding marker to the freelist of the
// journal at path, as a damaged freelist page might.
func freeALivePage(t *testing.T, path string, marker []byte) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const ps = 4096
	at := bytes.Index(data, marker)
	if at < 0 {
		t.Fatal("marker not in the file")
	}
	live := uint64(at / ps)
	// The meta page with the higher txid is the current one: its
	// freelist field (page header 16 + magic, version, page size, flags
	// 16 + root bucket 16) names the freelist page.
	metaAt := func(p int) (txid, freelist uint64) {
		m := data[p*ps+16:]
		return binary.LittleEndian.Uint64(m[48:]), binary.LittleEndian.Uint64(m[32:])
	}
	tx0, fl0 := metaAt(0)
	tx1, fl1 := metaAt(1)
	fl := fl0
	if tx1 > tx0 {
		fl = fl1
	}
	page := data[fl*ps:]
	if flags := binary.LittleEndian.Uint16(page[8:]); flags != 0x10 {
		t.Fatalf("page %d is not a freelist page (flags %#x)", fl, flags)
	}
	count := int(binary.LittleEndian.Uint16(page[10:]))
	ids := []uint64{live}
	for i := range count {
		ids = append(ids, binary.LittleEndian.Uint64(page[16+8*i:]))
	}
	slices.Sort(ids)
	if 16+8*len(ids) > ps || count == 0xFFFF {
		t.Fatal("the freelist page has no room")
	}
	binary.LittleEndian.PutUint16(page[10:], uint16(len(ids)))
	for i, id := range ids {
		binary.LittleEndian.PutUint64(page[16+8*i:], id)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}
