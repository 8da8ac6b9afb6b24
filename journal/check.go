package journal

// Why this file is long: Check compares every record with what the notes derive; the page walk
// (pagewalk.go) and repair (repair.go) are apart.

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"

	bolt "go.etcd.io/bbolt"
)

// maxProblems caps the problems a report lists; a badly damaged file would
// otherwise print thousands of lines that say the same.
const maxProblems = 100

// CheckReport is what Check found.
type CheckReport struct {
	OK       bool     // nothing is wrong
	Problems []string // what is wrong, one sentence each, without note text
	People   int      // person records
	Meetings int      // meeting records, readable or not
	Items    int      // commitments and follow-ups
	// Warnings are things wrong in the notes themselves, such as a block
	// id given to several items of one note: the journal reads them
	// consistently, so the file is healthy, but the user should edit the
	// notes. Repair cannot fix them.
	Warnings []string
	// Damaged are the notes whose record is unreadable: Repair cannot
	// rebuild them, a backup may hold them.
	Damaged []MeetingID

	pagesDamaged bool // the page structure is damaged: Repair cannot help
}

// String returns the report as a person reads it.
func (r CheckReport) String() string {
	var b strings.Builder
	if r.OK {
		fmt.Fprintf(&b, "journal is healthy: %s\n", r.counts())
		r.warnings(&b)
		return b.String()
	}
	fmt.Fprintf(&b, "journal has problems (%s):\n", r.counts())
	for _, p := range r.Problems {
		fmt.Fprintf(&b, "  - %s\n", p)
	}
	if len(r.Damaged) > 0 {
		ids := make([]string, len(r.Damaged))
		for i, id := range r.Damaged {
			ids[i] = id.String()
		}
		fmt.Fprintf(&b, "unreadable notes (restore them from a backup): %s\n", strings.Join(ids, ", "))
	}
	if r.pagesDamaged {
		b.WriteString("the file's pages are damaged: restore the newest backup that checks clean\n")
	} else {
		b.WriteString("derived data (items, indexes) can be rebuilt from the notes\n")
	}
	r.warnings(&b)
	return b.String()
}

func (r CheckReport) warnings(b *strings.Builder) {
	for _, w := range r.Warnings {
		fmt.Fprintf(b, "warning: %s\n", w)
	}
}

func (r CheckReport) counts() string {
	people := "people"
	if r.People == 1 {
		people = "person"
	}
	return fmt.Sprintf("%d %s, %d %s, %d %s", r.People, people, r.Meetings, plural(r.Meetings, "meeting"), r.Items, plural(r.Items, "item"))
}

// CheckFile checks the journal at path without changing it: the file is
// opened read-only and left byte-identical. It runs bbolt's own
// consistency check (after a bounds-checked walk of the page structure, so
// that a damaged page becomes a problem in the report rather than a crash),
// checks the schema version, every record's checksum in every bucket, and
// that the data derived from the notes matches them: each note is
// re-extracted with its stored person, and the by_person index, the
// occurrences, the items, person_items, open and open_followups must be
// what those items make; the search index must hold every note's terms.
//
// CheckFile returns an error only when the file cannot be checked at all:
// it is missing, not a journal (ErrCorrupt), held by a writer for longer than DefaultTimeout (ErrLocked)
// or written by a newer 1on1 (ErrSchema).
func CheckFile(path string) (CheckReport, error) {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return CheckReport{}, fmt.Errorf("check %s: no such file: %w", path, ErrNotFound)
	case err != nil:
		return CheckReport{}, fmt.Errorf("check %s: %w", path, err)
	case fi.IsDir():
		return CheckReport{}, fmt.Errorf("check %s: it is a folder, not a journal file: %w", path, ErrCorrupt)
	case fi.Size() == 0:
		return CheckReport{}, fmt.Errorf("check %s: the file is empty (0 bytes), not a journal: %w", path, ErrCorrupt)
	}
	// PreLoadFreelist reads the freelist now, under openBolt's guard,
	// rather than later in bbolt's check goroutine.
	db, _, err := openBolt(path, &bolt.Options{ReadOnly: true, PreLoadFreelist: true}, lockPolicy{timeout: DefaultTimeout})
	if err != nil {
		return CheckReport{}, err
	}
	defer db.Close()
	return checkDB(db, path)
}

// Check is CheckFile on an open journal. It holds the file shared, as a
// read does, so that no writer — bbolt's check is not safe beside one —
// can start until it is done.
func (j *Journal) Check() (CheckReport, error) {
	j.mu.RLock()
	defer j.mu.RUnlock()
	var rep CheckReport
	err := j.withFile(false, true, func(db *bolt.DB, _ fileID) (err error) {
		rep, err = checkDB(db, j.path)
		return err
	})
	return rep, err
}

// guarded runs fn with memory faults turned into panics, and panics into
// ErrCorrupt: reading a damaged file must not crash the program.
func guarded(fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("reading a damaged page failed: %w", ErrCorrupt)
		}
	}()
	return fn()
}

// checker gathers the problems of one check.
type checker struct {
	rep     CheckReport
	dropped int
}

// merge adds what another checker found, its problems after c's.
func (c *checker) merge(o *checker) {
	for _, p := range o.rep.Problems {
		c.problem("%s", p)
	}
	c.dropped += o.dropped
	c.rep.People += o.rep.People
	c.rep.Meetings += o.rep.Meetings
	c.rep.Items += o.rep.Items
	c.rep.Damaged = append(c.rep.Damaged, o.rep.Damaged...)
	for _, w := range o.rep.Warnings {
		if len(c.rep.Warnings) < maxProblems {
			c.rep.Warnings = append(c.rep.Warnings, w)
		}
	}
}

// bboltCheck runs bbolt's own consistency check.
func (c *checker) bboltCheck(tx *bolt.Tx) {
	n := 0
	err := guarded(func() error {
		for err := range tx.Check() {
			if n++; n <= 10 {
				c.problem("bbolt check: %v", err)
			}
		}
		return nil
	})
	if err != nil {
		c.problem("bbolt check: %v", err)
	}
	if n > 10 {
		c.problem("bbolt check: %d more problems", n-10)
	}
}

func (c *checker) problem(format string, args ...any) {
	if len(c.rep.Problems) >= maxProblems {
		c.dropped++
		return
	}
	c.rep.Problems = append(c.rep.Problems, fmt.Sprintf(format, args...))
}

func checkDB(db *bolt.DB, path string) (CheckReport, error) {
	var c checker
	var tx *bolt.Tx
	if err := guarded(func() (err error) { tx, err = db.Begin(false); return err }); err != nil {
		return CheckReport{}, fmt.Errorf("check %s: %w", path, err)
	}
	defer guarded(tx.Rollback)

	st, err := pageStructure(db, path)
	if err != nil {
		return CheckReport{}, fmt.Errorf("check %s: %w", path, err)
	}
	for _, p := range st.problems {
		c.problem("file structure: %s", p)
	}
	for _, name := range sortedKeys(st.damaged) {
		c.problem("bucket %s: %s", name, st.damaged[name])
	}
	c.rep.pagesDamaged = !st.sound()
	// bbolt's own check and the reading of the records run side by side
	// (both read only); the report lists bbolt's problems first.
	var pages checker
	checked := make(chan struct{})
	if st.sound() {
		go func() {
			defer close(checked)
			pages.bboltCheck(tx)
		}()
	} else {
		close(checked)
		pages.problem("bbolt's own check was not run: the page structure is damaged; restore a backup")
	}
	var rc checker
	if len(st.problems) == 0 {
		err = guarded(func() error { return rc.records(tx, st.buckets) })
	}
	<-checked // before the transaction ends
	if err != nil {
		return CheckReport{}, fmt.Errorf("check %s: %w", path, err)
	}
	c.merge(&pages)
	c.merge(&rc)
	if c.dropped > 0 {
		c.rep.Problems = append(c.rep.Problems, fmt.Sprintf("%d more problems not listed", c.dropped))
	}
	c.rep.OK = len(c.rep.Problems) == 0 && len(c.rep.Damaged) == 0
	return c.rep, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// records checks the schema, every record, and the derived data, in the
// buckets whose pages are sound.
func (c *checker) records(tx *bolt.Tx, sound map[string]bool) error {
	bucket := func(name []byte) *bolt.Bucket {
		if !sound[string(name)] {
			return nil
		}
		return tx.Bucket(name)
	}
	ver := uint32(SchemaVersion)
	if meta := bucket(bucketMeta); meta != nil {
		v := meta.Get(keySchema)
		if len(v) != 4 {
			c.problem("the schema version is missing or damaged")
		} else if ver = binary.BigEndian.Uint32(v); ver > SchemaVersion {
			return fmt.Errorf("schema %d, this 1on1 reads up to %d: %w", ver, SchemaVersion, ErrSchema)
		} else if ver == 0 {
			c.problem("the schema version is 0")
		}
	}
	for _, name := range allBuckets {
		if tx.Bucket(name) == nil && (ver == SchemaVersion || !isAddedBucket(name)) {
			c.problem("bucket %s is missing", name)
		}
	}

	people := map[string]Person{}
	if b := bucket(bucketPeople); b != nil {
		c.eachRecord(b, bucketPeople, func(k, v []byte) {
			p, err := decodePerson(v)
			switch {
			case err != nil:
				c.problem("person %s: the record is unreadable (%v)", keyName(k), err)
			case p.Handle != string(k):
				c.problem("person %s: the record names %s", keyName(k), keyName(p.Handle))
			default:
				people[p.Handle] = p
			}
			c.rep.People++
		})
	}

	// The search index is read beside the meetings; its problems are
	// listed after theirs.
	var (
		postings    map[string][]MeetingID
		postingsErr error
		index       checker
	)
	indexRead := make(chan struct{})
	go func() {
		defer close(indexRead)
		postingsErr = guarded(func() error {
			postings = index.postings(bucket(bucketTerms))
			return nil
		})
	}()
	var meetings []Meeting
	damaged := map[MeetingID]bool{}
	if b := bucket(bucketMeetings); b != nil {
		// The records are gathered, then inflated on all cores.
		type rec struct {
			id  MeetingID
			v   []byte
			m   Meeting
			err error
		}
		var recs []rec
		c.eachRecord(b, bucketMeetings, func(k, v []byte) {
			c.rep.Meetings++
			if len(k) != 8 {
				c.problem("meetings: a key of %d bytes is no meeting id", len(k))
				return
			}
			recs = append(recs, rec{id: meetingIDFromKey(k), v: v})
		})
		parallelFor(len(recs), 32, func(i int) {
			r := &recs[i]
			// A value may point into a damaged page: a fault here is
			// this record's damage, not a crash (see guarded).
			r.err = guarded(func() (err error) {
				r.m, err = decodeMeeting(r.v) // the note is a copy: it outlives the transaction
				return err
			})
		})
		meetings = make([]Meeting, 0, len(recs))
		for _, r := range recs {
			switch {
			case r.err != nil:
				c.rep.Damaged = append(c.rep.Damaged, r.id)
				damaged[r.id] = true
				c.problem("meeting %s: the note's record is unreadable (%v)", r.id, r.err)
			case r.m.ID != r.id:
				c.rep.Damaged = append(c.rep.Damaged, r.id)
				damaged[r.id] = true
				c.problem("meeting %s: the record says it is meeting %s", r.id, r.m.ID)
			default:
				meetings = append(meetings, r.m)
			}
		}
	}

	<-indexRead
	if postingsErr != nil {
		return postingsErr
	}
	c.merge(&index)
	// Every note's terms must be in the index: beside the reading of the
	// notes below.
	var missingTerms atomic.Int64
	termsChecked := make(chan struct{})
	go func() {
		defer close(termsChecked)
		if sound[string(bucketTerms)] {
			missingTerms.Store(missingPostings(meetings, postings))
		}
	}()
	defer func() { <-termsChecked }() // on every return
	for _, name := range [][]byte{bucketMeetings, bucketPeople} {
		if !sound[string(name)] {
			// Derived data cannot be judged without its sources: only
			// whether its records read.
			for _, name := range itemBuckets {
				if b := bucket(name); b != nil {
					c.eachRecord(b, name, func(k, v []byte) { c.readable(name, k, v) })
				}
			}
			return nil
		}
	}
	keeper, _ := keeperOf(tx) // a damaged keeper record reads as none
	want := deriveAllWith(meetings, people, keeper, func(m Meeting) { c.problem("meeting %s: its person %s is missing", m.ID, keyName(m.Person)) }, c.repeatedIDs)

	// Entries that belong to an unreadable note cannot be judged: nor can
	// the items (person and id) it holds.
	ofDamaged := func(mid MeetingID) bool { return damaged[mid] }
	touched := map[string]bool{}
	if b := bucket(bucketOccurrences); b != nil && len(damaged) > 0 {
		c.eachRecord(b, bucketOccurrences, func(k, _ []byte) {
			if handle, id, mid := splitOccurrenceKey(k); ofDamaged(mid) {
				touched[string(itemKey(handle, id))] = true
			}
		})
	}
	skip := func(name []byte, k string) bool {
		if len(damaged) == 0 {
			return false
		}
		switch string(name) {
		case string(bucketByPerson):
			_, mk := splitKey([]byte(k))
			return ofDamaged(meetingIDFromKey(mk))
		case string(bucketMeetingItems):
			return ofDamaged(meetingIDFromKey([]byte(k)))
		case string(bucketOccurrences):
			handle, id, mid := splitOccurrenceKey([]byte(k))
			return ofDamaged(mid) || touched[string(itemKey(handle, id))]
		case string(bucketItems):
			id, handle := splitKey([]byte(k))
			return touched[string(itemKey(string(handle), string(id)))]
		case string(bucketOpen):
			_, handle, id := splitOpenKey([]byte(k))
			return touched[string(itemKey(handle, id))]
		}
		return touched[k]
	}
	// Every record as stored is compared byte for byte with what the notes
	// say it must be, in one pass over the bucket (no copy of it is made:
	// the decade holds about a million derived records). The buckets are
	// compared side by side, each with its own list of problems, listed
	// in bucket order.
	subs := make([]checker, len(itemBuckets))
	errs := make([]error, len(itemBuckets))
	parallelFor(len(itemBuckets), 1, func(i int) {
		c, name := &subs[i], itemBuckets[i]
		errs[i] = guarded(func() error {
			c.compare(bucket(name), name, want[string(name)], skip, len(damaged) > 0)
			return nil
		})
	})
	for i := range subs {
		if errs[i] != nil {
			return errs[i]
		}
		c.merge(&subs[i])
	}
	<-termsChecked
	if missing := missingTerms.Load(); missing > 0 {
		c.problem("search index: %d terms of the notes are missing", missing)
	}
	return nil
}

// compare compares the records of b, the derived bucket name, with w, what
// the notes say they must be; skip says which keys cannot be judged (when
// some notes are unreadable).
func (c *checker) compare(b *bolt.Bucket, name []byte, w map[string]string, skip func(name []byte, k string) bool, skipping bool) {
	var matched, stale, wrong int
	if b != nil {
		c.eachRecord(b, name, func(k, v []byte) {
			c.readable(name, k, v)
			if skip(name, string(k)) {
				return
			}
			rec, ok := w[string(k)]
			switch {
			case !ok:
				stale++
			case rec != string(v):
				matched++
				wrong++
			default:
				matched++
			}
		})
	}
	expected := len(w)
	if skipping {
		expected = 0
		for k := range w {
			if !skip(name, k) {
				expected++
			}
		}
	}
	c.reportMismatch(name, expected-matched, stale, wrong)
}

// postings reads the search index, term by term (nil b: none).
func (c *checker) postings(b *bolt.Bucket) map[string][]MeetingID {
	postings := map[string][]MeetingID{}
	if b == nil {
		return postings
	}
	c.eachRecord(b, bucketTerms, func(k, v []byte) {
		ids, err := decodePostings(v)
		if err != nil {
			c.problem("search index: a posting record is unreadable (%v)", err)
			return
		}
		term, _ := splitKey(k)
		postings[string(term)] = append(postings[string(term)], ids...)
	})
	return postings
}

// missingPostings counts the terms of the notes that the index does not
// list for their note, each term once per note. Terms are looked up as
// the note is read, without a set of them: most are found, and only those
// missing are kept.
func missingPostings(meetings []Meeting, postings map[string][]MeetingID) int64 {
	var missing atomic.Int64
	parallelFor(len(meetings), 16, func(i int) {
		m := meetings[i]
		var lost map[string]bool
		tokenBytes(m.Note, func(t []byte) {
			if _, found := slices.BinarySearch(postings[string(t)], m.ID); !found && !lost[string(t)] {
				if lost == nil {
					lost = map[string]bool{}
				}
				lost[string(t)] = true
			}
		})
		missing.Add(int64(len(lost)))
	})
	return missing.Load()
}

// eachRecord calls fn for every key and value of b, and reports nested
// buckets, which no journal bucket holds.
func (c *checker) eachRecord(b *bolt.Bucket, name []byte, fn func(k, v []byte)) {
	cur := b.Cursor()
	for k, v := cur.First(); k != nil; k, v = cur.Next() {
		if v == nil && b.Bucket(k) != nil {
			c.problem("%s: holds a nested bucket, which no journal has", name)
			continue
		}
		fn(k, v)
	}
}

// readable reports a derived record that does not decode, and counts the
// items.
func (c *checker) readable(name, k, v []byte) {
	switch string(name) {
	case string(bucketOccurrences):
		if _, err := decodeOccurrence(v); err != nil {
			_, id, _ := splitOccurrenceKey(k)
			c.problem("occurrences %s: the record is unreadable (%v)", keyName(id), err)
		}
	case string(bucketPersonItems), string(bucketOpen), string(bucketOpenFollowUps):
		if _, err := decodeItem(v); err != nil {
			c.problem("%s %s: the record is unreadable (%v)", name, keyName(string(k)), err)
		}
		if string(name) == string(bucketPersonItems) {
			c.rep.Items++
		}
	}
}

func (c *checker) reportMismatch(name []byte, missing, stale, wrong int) {
	var parts []string
	if missing > 0 {
		parts = append(parts, fmt.Sprintf("%d missing", missing))
	}
	if stale > 0 {
		parts = append(parts, fmt.Sprintf("%d stale", stale))
	}
	if wrong > 0 {
		parts = append(parts, fmt.Sprintf("%d that do not match their notes", wrong))
	}
	if len(parts) > 0 {
		c.problem("%s: %s entries", name, strings.Join(parts, ", "))
	}
}

// repeatedIDs reports each block id that one note gives to more than one
// item: the journal reads the last of them, so the others are lost to the
// ledger. Repair cannot fix this; the note must be edited.
func (c *checker) repeatedIDs(m Meeting, items []Item) {
	lines := map[string][]string{}
	var order []string
	for _, it := range items {
		if it.ID == "" {
			continue
		}
		if lines[it.ID] == nil {
			order = append(order, it.ID)
		}
		lines[it.ID] = append(lines[it.ID], strconv.Itoa(it.Line))
	}
	for _, id := range order {
		if n := len(lines[id]); n > 1 && len(c.rep.Warnings) < maxProblems {
			c.rep.Warnings = append(c.rep.Warnings, fmt.Sprintf("meeting %s (%s): block id ^%s is on %d lines (%s); only the last counts: give each item its own id, or delete the extra ids to get new ones on save",
				m.ID, keyName(m.Person), keyName(id), n, strings.Join(lines[id], ", ")))
		}
	}
}
