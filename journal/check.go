package journal

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"time"

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
		b.WriteString("derived data (items, indexes) can be rebuilt from the notes with '1on1 check --repair'\n")
	}
	return b.String()
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
// it is missing, not a journal (ErrCorrupt), held by a writer (ErrLocked)
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
	db, err := openBolt(path, &bolt.Options{ReadOnly: true, Timeout: DefaultTimeout, PreLoadFreelist: true})
	if err != nil {
		return CheckReport{}, err
	}
	defer db.Close()
	return checkDB(db, path, false)
}

// Check is CheckFile on an open journal. On a journal open for writing it
// runs in a write transaction, which it rolls back: bbolt's check is not
// safe beside a writer.
func (j *Journal) Check() (CheckReport, error) {
	j.mu.RLock()
	defer j.mu.RUnlock()
	return checkDB(j.db, j.path, !j.readOnly)
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

func (c *checker) problem(format string, args ...any) {
	if len(c.rep.Problems) >= maxProblems {
		c.dropped++
		return
	}
	c.rep.Problems = append(c.rep.Problems, fmt.Sprintf(format, args...))
}

func checkDB(db *bolt.DB, path string, writable bool) (CheckReport, error) {
	var c checker
	var tx *bolt.Tx
	if err := guarded(func() (err error) { tx, err = db.Begin(writable); return err }); err != nil {
		return CheckReport{}, fmt.Errorf("check %s: %w", path, err)
	}
	defer guarded(tx.Rollback)

	f, err := os.Open(path)
	if err != nil {
		return CheckReport{}, fmt.Errorf("check %s: %w", path, err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return CheckReport{}, fmt.Errorf("check %s: %w", path, err)
	}
	st := walkPages(f, fi.Size(), db.Info().PageSize)
	f.Close()
	for _, p := range st.problems {
		c.problem("file structure: %s", p)
	}
	for _, name := range sortedKeys(st.damaged) {
		c.problem("bucket %s: %s", name, st.damaged[name])
	}
	c.rep.pagesDamaged = !st.sound()
	if st.sound() {
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
	} else {
		c.problem("bbolt's own check was not run: the page structure is damaged; restore a backup")
	}
	if len(st.problems) == 0 {
		if err := guarded(func() error { return c.records(tx, st.buckets) }); err != nil {
			return CheckReport{}, fmt.Errorf("check %s: %w", path, err)
		}
	}
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
	for _, name := range allBuckets {
		if tx.Bucket(name) == nil {
			c.problem("bucket %s is missing", name)
		}
	}
	if meta := bucket(bucketMeta); meta != nil {
		v := meta.Get(keySchema)
		if len(v) != 4 {
			c.problem("the schema version is missing or damaged")
		} else if ver := uint32(v[0])<<24 | uint32(v[1])<<16 | uint32(v[2])<<8 | uint32(v[3]); ver > SchemaVersion {
			return fmt.Errorf("schema %d, this 1on1 reads up to %d: %w", ver, SchemaVersion, ErrSchema)
		} else if ver == 0 {
			c.problem("the schema version is 0")
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

	var meetings []Meeting
	damaged := map[MeetingID]bool{}
	if b := bucket(bucketMeetings); b != nil {
		c.eachRecord(b, bucketMeetings, func(k, v []byte) {
			c.rep.Meetings++
			if len(k) != 8 {
				c.problem("meetings: a key of %d bytes is no meeting id", len(k))
				return
			}
			id := meetingIDFromKey(k)
			m, err := decodeMeeting(v)
			switch {
			case err != nil:
				c.rep.Damaged = append(c.rep.Damaged, id)
				damaged[id] = true
				c.problem("meeting %s: the note's record is unreadable (%v)", id, err)
			case m.ID != id:
				c.rep.Damaged = append(c.rep.Damaged, id)
				damaged[id] = true
				c.problem("meeting %s: the record says it is meeting %s", id, m.ID)
			default:
				m.Note = strings.Clone(m.Note)
				meetings = append(meetings, m)
			}
		})
	}

	postings := map[string][]MeetingID{}
	if b := bucket(bucketTerms); b != nil {
		c.eachRecord(b, bucketTerms, func(k, v []byte) {
			ids, err := decodePostings(v)
			if err != nil {
				c.problem("search index: a posting record is unreadable (%v)", err)
				return
			}
			term, _ := splitKey(k)
			postings[string(term)] = append(postings[string(term)], ids...)
		})
	}
	// have holds every derived record as stored; records are compared
	// byte for byte with what the notes say they must be.
	have := map[string]map[string]string{}
	for _, name := range itemBuckets {
		set := map[string]string{}
		if b := bucket(name); b != nil {
			c.eachRecord(b, name, func(k, v []byte) { set[string(k)] = string(v) })
		}
		have[string(name)] = set
	}
	for k, v := range have[string(bucketItems)] {
		if _, err := decodePointer([]byte(v)); err != nil {
			c.problem("items %s: the record is unreadable (%v)", keyName(k), err)
		}
	}
	for _, name := range [][]byte{bucketPersonItems, bucketOpen, bucketOpenFollowUps} {
		for k, v := range have[string(name)] {
			if _, err := decodeItem([]byte(v)); err != nil {
				c.problem("%s %s: the record is unreadable (%v)", name, keyName(k), err)
			}
		}
	}
	c.rep.Items = len(have[string(bucketPersonItems)])

	for _, name := range [][]byte{bucketMeetings, bucketPeople} {
		if !sound[string(name)] {
			return nil // derived data cannot be judged without its sources
		}
	}
	want := deriveAll(meetings, people, func(m Meeting) { c.problem("meeting %s: its person %s is missing", m.ID, keyName(m.Person)) })

	// Entries that belong to an unreadable note cannot be judged.
	ofDamaged := func(mid MeetingID) bool { return damaged[mid] }
	touched := map[string]bool{}
	for k := range have[string(bucketOccurrences)] {
		id, mk := splitKey([]byte(k))
		if ofDamaged(meetingIDFromKey(mk)) {
			touched[string(id)] = true
		}
	}
	skip := func(name []byte, k string) bool {
		switch string(name) {
		case string(bucketByPerson):
			_, mk := splitKey([]byte(k))
			return ofDamaged(meetingIDFromKey(mk))
		case string(bucketOccurrences):
			id, mk := splitKey([]byte(k))
			return ofDamaged(meetingIDFromKey(mk)) || touched[string(id)]
		case string(bucketItems):
			return touched[k]
		case string(bucketOpen):
			_, id := splitOpenKey([]byte(k))
			return touched[id]
		}
		_, id := splitKey([]byte(k))
		return touched[string(id)]
	}
	for _, name := range itemBuckets {
		c.compareRecords(name, want[string(name)], have[string(name)], func(k string) bool { return skip(name, k) })
	}

	if sound[string(bucketTerms)] {
		missing := 0
		for _, m := range meetings {
			for t := range noteTerms(m.Note) {
				if _, found := slices.BinarySearch(postings[t], m.ID); !found {
					missing++
				}
			}
		}
		if missing > 0 {
			c.problem("search index: %d terms of the notes are missing", missing)
		}
	}
	return nil
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

// compareRecords reports records missing from have, stale in it, or
// different from what the notes say.
func (c *checker) compareRecords(name []byte, want, have map[string]string, skip func(string) bool) {
	missing, stale, wrong := 0, 0, 0
	for k, w := range want {
		if skip(k) {
			continue
		}
		h, ok := have[k]
		switch {
		case !ok:
			missing++
		case h != w:
			wrong++
		}
	}
	for k := range have {
		if _, ok := want[k]; !ok && !skip(k) {
			stale++
		}
	}
	c.reportMismatch(name, missing, stale, wrong)
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

// itemBuckets are the derived buckets other than the search index.
var itemBuckets = [][]byte{bucketByPerson, bucketOccurrences, bucketItems, bucketPersonItems, bucketOpen, bucketOpenFollowUps}

// deriveAll computes, from the readable notes in id order, every record
// of itemBuckets that saving them would have written, by bucket and key.
// noPerson is told of each meeting whose person record is missing; its
// note is read with the handle alone.
func deriveAll(meetings []Meeting, people map[string]Person, noPerson func(m Meeting)) map[string]map[string]string {
	d := map[string]map[string]string{}
	for _, name := range itemBuckets {
		d[string(name)] = map[string]string{}
	}
	type span struct {
		first, last MeetingID
		item        Item
		n           int
	}
	spans := map[string]*span{}
	for _, m := range meetings {
		p, ok := people[m.Person]
		if !ok {
			noPerson(m)
			p = Person{Handle: m.Person, Name: m.Person}
		}
		d[string(bucketByPerson)][string(joinKey([]byte(m.Person), meetingKey(m.ID)))] = ""
		for _, it := range meetingItems(m, p) {
			if it.ID == "" {
				continue
			}
			d[string(bucketOccurrences)][string(joinKey([]byte(it.ID), meetingKey(m.ID)))] = ""
			s := spans[it.ID]
			if s == nil {
				s = &span{first: m.ID}
				spans[it.ID] = s
			}
			// Meetings come in id order; a note holding an id twice is one
			// occurrence, and the last of the repeats speaks for it.
			if s.last != m.ID {
				s.n++
			}
			s.last, s.item = m.ID, it
		}
	}
	for _, s := range spans {
		it := s.item
		it.FirstSeen, it.Carried = s.first.Date(), s.n
		for _, e := range itemEntries(it) {
			d[string(e.bucket)][string(e.key)] = string(e.value)
		}
	}
	return d
}

// RepairReport says what Repair rebuilt and which notes it could not read.
type RepairReport struct {
	Meetings   int         // notes the derived data was rebuilt from
	Unreadable []MeetingID // note records that could not be read, left in place
	// Backup is the newest backup (AutoBackup's, in the journal's folder or
	// its backups subfolder) that holds the unreadable notes readable; empty
	// when there are none or no backup holds them.
	Backup string
}

// Repair rebuilds all derived data — the by_person, items, occurrences,
// person_items, open, open_followups and search buckets (derivedBuckets) —
// from the notes, in one transaction. Notes themselves are
// never changed. An unreadable note record is left in place, never
// deleted, and reported with the newest backup that holds it readable. A
// file whose page structure is damaged is not repaired: it fails with
// ErrCorrupt, and a backup is the way back.
func (j *Journal) Repair() (RepairReport, error) {
	var rep RepairReport
	err := j.update(func(tx *bolt.Tx) error {
		f, err := os.Open(j.path)
		if err != nil {
			return err
		}
		fi, err := f.Stat()
		if err != nil {
			f.Close()
			return err
		}
		st := walkPages(f, fi.Size(), j.db.Info().PageSize)
		f.Close()
		if !st.sound() {
			return fmt.Errorf("the file's page structure is damaged, so derived data cannot be rebuilt safely; restore a backup: %w", ErrCorrupt)
		}
		people := map[string]Person{}
		err = tx.Bucket(bucketPeople).ForEach(func(k, v []byte) error {
			if p, err := decodePerson(v); err == nil {
				people[p.Handle] = p
			}
			return nil
		})
		if err != nil {
			return err
		}
		var meetings []Meeting
		err = tx.Bucket(bucketMeetings).ForEach(func(k, v []byte) error {
			m, err := decodeMeeting(v)
			if err != nil || len(k) != 8 || m.ID != meetingIDFromKey(k) {
				rep.Unreadable = append(rep.Unreadable, meetingIDFromKey(k))
				return nil
			}
			m.Note = strings.Clone(m.Note)
			meetings = append(meetings, m)
			return nil
		})
		if err != nil {
			return err
		}
		d := deriveAll(meetings, people, func(Meeting) {})
		for _, name := range derivedBuckets {
			if err := tx.DeleteBucket(name); err != nil && !errors.Is(err, bolt.ErrBucketNotFound) {
				return err
			}
			if _, err := tx.CreateBucket(name); err != nil {
				return err
			}
		}
		put := func(name []byte, k, v []byte) error { return tx.Bucket(name).Put(k, v) }
		for name, records := range d {
			for k, v := range records {
				var val []byte
				if v != "" {
					val = []byte(v)
				}
				if err := put([]byte(name), []byte(k), val); err != nil {
					return err
				}
			}
		}
		terms := map[string][]MeetingID{}
		for _, m := range meetings {
			for t := range noteTerms(m.Note) {
				terms[t] = append(terms[t], m.ID) // meetings come in id order
			}
		}
		for t, ids := range terms {
			for len(ids) > 0 {
				n := min(len(ids), chunkSize)
				if err := put(bucketTerms, joinKey([]byte(t), meetingKey(ids[0])), encodePostings(ids[:n])); err != nil {
					return err
				}
				ids = ids[n:]
			}
		}
		rep.Meetings = len(meetings)
		return nil
	})
	if err != nil {
		return RepairReport{}, fmt.Errorf("repair %s: %w", j.path, err)
	}
	if len(rep.Unreadable) > 0 {
		rep.Backup = j.backupHolding(rep.Unreadable)
	}
	return rep, nil
}

// backupHolding returns the newest backup that holds every one of ids
// readable, else the newest that holds most of them, else "".
func (j *Journal) backupHolding(ids []MeetingID) string {
	dir := filepath.Dir(j.path)
	var all []backupFile
	for _, d := range []string{dir, filepath.Join(dir, "backups")} {
		bs, _ := listBackups(d)
		all = append(all, bs...)
	}
	sort.SliceStable(all, func(a, b int) bool { return all[a].date > all[b].date })
	best, bestN := "", 0
	for _, b := range all {
		n := backupHolds(b.path, ids)
		if n == len(ids) {
			return b.path
		}
		if n > bestN {
			best, bestN = b.path, n
		}
	}
	return best
}

// backupHolds counts the notes of ids a backup holds readable.
func backupHolds(path string, ids []MeetingID) int {
	db, err := openBolt(path, &bolt.Options{ReadOnly: true, Timeout: 100 * time.Millisecond})
	if err != nil {
		return 0
	}
	defer db.Close()
	n := 0
	_ = guarded(func() error {
		return db.View(func(tx *bolt.Tx) error {
			b := tx.Bucket(bucketMeetings)
			if b == nil {
				return nil
			}
			for _, id := range ids {
				if v := b.Get(meetingKey(id)); v != nil {
					if m, err := decodeMeeting(v); err == nil && m.ID == id {
						n++
					}
				}
			}
			return nil
		})
	})
	return n
}

// pageWalker reads the page structure of a bbolt file with plain reads,
// bounds-checked at every step, before anything follows its pointers
// through the memory map. bbolt trusts its pages: a flipped byte in a page
// header or a branch pointer sends it past the end of the mapping (a memory
// fault), round a loop (a stack overflow) or over garbage — and its own
// Check does that in a goroutine of its own, where no recover reaches.
// Only a file this walk finds sound is handed to bbolt's Check.
//
// The layout read here is bbolt's file format version 2, stable since
// boltdb: a 16-byte page header (id, flags, count, overflow) and 16-byte
// branch and leaf elements, in the machine's byte order.
type pageWalker struct {
	r        io.ReaderAt
	size     int64  // file size
	pageSize uint64 //
	hwm      uint64 // pages in use, from the meta page
	seen     map[uint64]bool
}

const (
	pageHeaderSize  = 16
	pageElementSize = 16
	branchPageFlag  = 0x01
	leafPageFlag    = 0x02
	freelistFlag    = 0x10
	bucketLeafFlag  = 0x01
	boltMagic       = 0xED0CDAED
	boltVersion     = 2
	noFreelist      = ^uint64(0)
	maxTreeDepth    = 64
)

var native = binary.NativeEndian

// fileStructure is what the walk found.
type fileStructure struct {
	problems []string        // damage in the file as a whole
	buckets  map[string]bool // top-level buckets whose pages are sound
	damaged  map[string]string
}

// sound reports whether every page of the file is sound.
func (s fileStructure) sound() bool { return len(s.problems) == 0 && len(s.damaged) == 0 }

// walkPages checks the structure of a bbolt file of the given page size.
func walkPages(r io.ReaderAt, size int64, pageSize int) fileStructure {
	fs := fileStructure{buckets: map[string]bool{}, damaged: map[string]string{}}
	w := &pageWalker{r: r, size: size, pageSize: uint64(pageSize), seen: map[uint64]bool{}}
	root, freelist, err := w.meta()
	if err != nil {
		fs.problems = append(fs.problems, err.Error())
		return fs
	}
	if uint64(size) < w.hwm*w.pageSize {
		fs.problems = append(fs.problems, fmt.Sprintf("the file is truncated: it holds %d bytes, its header says %d", size, w.hwm*w.pageSize))
		return fs
	}
	w.seen[0], w.seen[1] = true, true
	if freelist != noFreelist {
		if err := w.freelist(freelist); err != nil {
			fs.problems = append(fs.problems, err.Error())
		}
	}
	err = w.tree(root, 0, func(key, value []byte, isBucket bool) error {
		if !isBucket {
			return fmt.Errorf("a value where only buckets belong")
		}
		if err := w.bucket(value, 1); err != nil {
			fs.damaged[string(key)] = err.Error()
			return nil
		}
		fs.buckets[string(key)] = true
		return nil
	})
	if err != nil {
		fs.problems = append(fs.problems, "the root of the file: "+err.Error())
	}
	return fs
}

// meta reads both meta pages and returns the root page and freelist page of
// the valid one with the higher transaction id, as bbolt does.
func (w *pageWalker) meta() (root, freelist uint64, err error) {
	var bestTx uint64
	found := false
	for i := uint64(0); i < 2; i++ {
		b := make([]byte, 64)
		if _, err := w.r.ReadAt(b, int64(i*w.pageSize+pageHeaderSize)); err != nil {
			continue
		}
		h := fnv.New64a()
		h.Write(b[:56])
		if native.Uint32(b[0:4]) != boltMagic || native.Uint32(b[4:8]) != boltVersion || native.Uint64(b[56:64]) != h.Sum64() {
			continue
		}
		if tx := native.Uint64(b[48:56]); !found || tx > bestTx {
			found, bestTx = true, tx
			root, freelist, w.hwm = native.Uint64(b[16:24]), native.Uint64(b[32:40]), native.Uint64(b[40:48])
		}
	}
	if !found {
		return 0, 0, fmt.Errorf("both meta pages are damaged")
	}
	return root, freelist, nil
}

// page reads page id with its overflow pages, and marks them seen.
func (w *pageWalker) page(id uint64) ([]byte, error) {
	if id < 2 || id >= w.hwm {
		return nil, fmt.Errorf("page %d is out of bounds (%d pages)", id, w.hwm)
	}
	hdr := make([]byte, pageHeaderSize)
	if _, err := w.r.ReadAt(hdr, int64(id*w.pageSize)); err != nil {
		return nil, fmt.Errorf("page %d cannot be read: %v", id, err)
	}
	if got := native.Uint64(hdr[0:8]); got != id {
		return nil, fmt.Errorf("page %d says it is page %d", id, got)
	}
	overflow := uint64(native.Uint32(hdr[12:16]))
	if id+overflow >= w.hwm {
		return nil, fmt.Errorf("page %d runs past the last page", id)
	}
	for k := id; k <= id+overflow; k++ {
		if w.seen[k] {
			return nil, fmt.Errorf("page %d is used twice", k)
		}
		w.seen[k] = true
	}
	p := make([]byte, (overflow+1)*w.pageSize)
	if _, err := w.r.ReadAt(p, int64(id*w.pageSize)); err != nil {
		return nil, fmt.Errorf("page %d cannot be read: %v", id, err)
	}
	return p, nil
}

func (w *pageWalker) freelist(id uint64) error {
	p, err := w.page(id)
	if err != nil {
		return fmt.Errorf("freelist: %v", err)
	}
	if native.Uint16(p[8:10])&freelistFlag == 0 {
		return fmt.Errorf("freelist: page %d is not a freelist page", id)
	}
	n, start := uint64(native.Uint16(p[10:12])), uint64(pageHeaderSize)
	if n == 0xFFFF {
		if len(p) < pageHeaderSize+8 {
			return fmt.Errorf("freelist: page %d is too short", id)
		}
		n, start = native.Uint64(p[pageHeaderSize:]), pageHeaderSize+8
	}
	if n > uint64(len(p)) || start+n*8 > uint64(len(p)) {
		return fmt.Errorf("freelist: page %d lists more pages than it holds", id)
	}
	for i := uint64(0); i < n; i++ {
		if f := native.Uint64(p[start+i*8:]); f < 2 || f >= w.hwm {
			return fmt.Errorf("freelist: page %d names page %d, out of bounds", id, f)
		}
	}
	return nil
}

// bucket walks the pages of a bucket, given its value in the parent.
func (w *pageWalker) bucket(v []byte, depth int) error {
	if len(v) < 16 {
		return fmt.Errorf("a bucket header is cut short")
	}
	nested := func(key, value []byte, isBucket bool) error {
		if isBucket {
			return w.bucket(value, depth+1)
		}
		return nil
	}
	if root := native.Uint64(v[0:8]); root != 0 {
		return w.tree(root, depth, nested)
	}
	// An inline bucket: its one leaf page follows the header.
	inline := v[16:]
	if len(inline) < pageHeaderSize || native.Uint16(inline[8:10])&leafPageFlag == 0 {
		return fmt.Errorf("an inline bucket is damaged")
	}
	return w.leaf(inline, "an inline bucket", nested)
}

// tree walks the branch and leaf pages under page id, calling fn for every
// leaf element.
func (w *pageWalker) tree(id uint64, depth int, fn func(key, value []byte, isBucket bool) error) error {
	if depth > maxTreeDepth {
		return fmt.Errorf("page %d is nested %d deep: the pages loop", id, depth)
	}
	p, err := w.page(id)
	if err != nil {
		return err
	}
	flags, count := native.Uint16(p[8:10]), uint64(native.Uint16(p[10:12]))
	switch {
	case flags&branchPageFlag != 0:
		if count == 0 || pageHeaderSize+count*pageElementSize > uint64(len(p)) {
			return fmt.Errorf("branch page %d holds a bad element count", id)
		}
		for i := uint64(0); i < count; i++ {
			e := p[pageHeaderSize+i*pageElementSize:]
			pos, ksize := uint64(native.Uint32(e[0:4])), uint64(native.Uint32(e[4:8]))
			if pageHeaderSize+i*pageElementSize+pos+ksize > uint64(len(p)) {
				return fmt.Errorf("branch page %d: a key runs past the page", id)
			}
			if err := w.tree(native.Uint64(e[8:16]), depth+1, fn); err != nil {
				return err
			}
		}
		return nil
	case flags&leafPageFlag != 0:
		return w.leaf(p, fmt.Sprintf("leaf page %d", id), fn)
	}
	return fmt.Errorf("page %d is neither a branch nor a leaf page", id)
}

// leaf checks the elements of a leaf page (or an inline bucket's page).
func (w *pageWalker) leaf(p []byte, name string, fn func(key, value []byte, isBucket bool) error) error {
	count := uint64(native.Uint16(p[10:12]))
	if pageHeaderSize+count*pageElementSize > uint64(len(p)) {
		return fmt.Errorf("%s holds a bad element count", name)
	}
	for i := uint64(0); i < count; i++ {
		at := pageHeaderSize + i*pageElementSize
		e := p[at:]
		flags := native.Uint32(e[0:4])
		pos, ksize, vsize := uint64(native.Uint32(e[4:8])), uint64(native.Uint32(e[8:12])), uint64(native.Uint32(e[12:16]))
		if at+pos+ksize+vsize > uint64(len(p)) {
			return fmt.Errorf("%s: a key or value runs past the page", name)
		}
		k := p[at+pos : at+pos+ksize]
		if err := fn(k, p[at+pos+ksize:at+pos+ksize+vsize], flags&bucketLeafFlag != 0); err != nil {
			return err
		}
	}
	return nil
}
