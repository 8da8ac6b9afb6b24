package journal

// Why this file is long: Saving a meeting with everything derived from it in one transaction,
// and reading meetings back.

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"
)

// appendFill is the bbolt fill for buckets whose keys mostly arrive in
// ascending order.
const appendFill = 0.9

// MaxNoteSize is the largest note the journal stores.
const MaxNoteSize = 8 << 20

var timeRE = lazyRegexp(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)

func (m *Meeting) validate() error {
	if m.Date <= 0 {
		return fmt.Errorf("meeting needs a date: %w", ErrInvalid)
	}
	if m.Time != "" && !timeRE().MatchString(m.Time) {
		return fmt.Errorf("time %q: use HH:MM, 00:00 to 23:59: %w", m.Time, ErrInvalid)
	}
	if len(m.Note) > MaxNoteSize {
		return fmt.Errorf("note of %d bytes is larger than the %d MiB a note may hold: %w", len(m.Note), MaxNoteSize>>20, ErrInvalid)
	}
	// Text that is not UTF-8 could be stored, but not carried: JSON would
	// turn it into U+FFFD and import would refuse it, so an export would
	// lose it. It is refused here, where the client still holds the text.
	if at := invalidUTF8At(m.Note); at >= 0 {
		return fmt.Errorf("note is not UTF-8 text: the byte at offset %d (line %d) is not; save it as UTF-8: %w", at, 1+strings.Count(m.Note[:at], "\n"), ErrInvalid)
	}
	return nil
}

// invalidUTF8At returns the offset of the first byte of s that is not
// UTF-8, or -1.
func invalidUTF8At(s string) int {
	if utf8.ValidString(s) {
		return -1
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// AddMeeting stores a new meeting and returns it as stored: with its ID,
// its note stamped (block ids on every commitment and follow-up, done dates
// on ticked items, stamped as done on `stamp`, normally today) and its items.
// The person must exist.
func (j *Journal) AddMeeting(m Meeting, stamp Date) (Meeting, error) {
	ms, err := j.AddMeetings([]Meeting{m}, stamp)
	if err != nil {
		return Meeting{}, err
	}
	return ms[0], nil
}

// AddMeetings stores several new meetings in one transaction: all or none.
// Importers and the demo use it to build large journals quickly.
func (j *Journal) AddMeetings(ms []Meeting, stamp Date) ([]Meeting, error) {
	out := make([]Meeting, len(ms))
	err := j.writeNotes(func(tx *bolt.Tx, te termEdits) error {
		// Ids first, in order, up to the first meeting that cannot be
		// stored; then the notes, read and encoded on all cores
		// (storeBatch).
		people := map[string]Person{}
		var stop error
		batch := make([]Meeting, 0, len(ms))
		for _, m := range ms {
			if stop = m.validate(); stop != nil {
				break
			}
			if _, ok := people[m.Person]; !ok {
				p, err := getPerson(tx, m.Person)
				if stop = err; err != nil {
					break
				}
				people[m.Person] = p
			}
			seq, err := tx.Bucket(bucketMeetings).NextSequence()
			if err != nil {
				return err
			}
			m.ID = newMeetingID(m.Date, seq)
			m.Rev = 1
			batch = append(batch, m)
		}
		if err := storeBatch(tx, batch, people, stamp, te); err != nil {
			return err
		}
		copy(out, batch)
		return stop
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// SaveMeeting stores a changed meeting: its note (stamped as AddMeeting
// does), date, time or person. It fails with ErrNoteChanged when m.Rev is
// not the stored revision (someone saved since m was read). A new date
// gives the meeting a new ID; the returned meeting has it. Like
// SaveMeetingCarry, it applies a change made here to an item that a later
// note holds to that note too.
func (j *Journal) SaveMeeting(m Meeting, stamp Date) (Meeting, error) {
	saved, _, err := j.SaveMeetingCarry(m, stamp)
	return saved, err
}

// saveMeeting stores a changed meeting, then runs after in the same
// transaction with the meeting as it was and as stored.
func (j *Journal) saveMeeting(m Meeting, stamp Date, after func(tx *bolt.Tx, old, m *Meeting, te termEdits) error) (Meeting, error) {
	if err := m.validate(); err != nil {
		return Meeting{}, err
	}
	err := j.writeNotes(func(tx *bolt.Tx, te termEdits) error {
		old, err := getMeeting(tx, m.ID)
		if err != nil {
			return err
		}
		if old.Rev != m.Rev {
			return fmt.Errorf("save meeting %s: %w", m.ID, ErrNoteChanged)
		}
		p, err := getPerson(tx, m.Person)
		if err != nil {
			return err
		}
		if m.Date != old.Date {
			seq, err := tx.Bucket(bucketMeetings).NextSequence()
			if err != nil {
				return err
			}
			m.ID = newMeetingID(m.Date, seq)
		}
		m.Rev = old.Rev + 1
		if err := storeMeeting(tx, &old, &m, p, stamp, te); err != nil {
			return err
		}
		if err := after(tx, &old, &m, te); err != nil {
			return err
		}
		return currentItems(tx, m.Items)
	})
	if err != nil {
		return Meeting{}, err
	}
	return m, nil
}

// DeleteMeeting removes a meeting and everything derived from it.
func (j *Journal) DeleteMeeting(id MeetingID) error {
	return j.writeNotes(func(tx *bolt.Tx, te termEdits) error {
		old, err := getMeeting(tx, id)
		if err != nil {
			return err
		}
		return storeMeeting(tx, &old, nil, Person{}, 0, te)
	})
}

// Meeting returns one meeting with its note and items. Its commitments
// and follow-ups are as they stand today (Current): a promise this note
// shows open but a later note ticked is done, each on this note's line.
func (j *Journal) Meeting(id MeetingID) (Meeting, error) {
	var m Meeting
	err := j.view(func(tx *bolt.Tx) (err error) {
		if m, err = getMeeting(tx, id); err != nil {
			return err
		}
		return currentItems(tx, m.Items)
	})
	return m, err
}

// getMeeting reads a meeting with its items as its note has them.
func getMeeting(tx *bolt.Tx, id MeetingID) (Meeting, error) {
	v := tx.Bucket(bucketMeetings).Get(meetingKey(id))
	if v == nil {
		return Meeting{}, fmt.Errorf("no meeting %s: %w", id, ErrNotFound)
	}
	m, err := decodeMeeting(v)
	if err == nil {
		err = withItems(tx, &m)
	}
	if err != nil {
		return Meeting{}, fmt.Errorf("meeting %s: %w", id, err)
	}
	return m, nil
}

// withItems fills m.Items (and its pulse) as they were derived when it
// was saved: from the stored reading, else from its note — extraction
// depends only on the note, its date and its person. A note whose person
// record is missing or damaged is still read, with the handle alone: one
// bad record must not hide the rest of the journal.
func withItems(tx *bolt.Tx, m *Meeting) error {
	if storedItems(tx, m) {
		return nil
	}
	p, err := getPerson(tx, m.Person)
	if err != nil {
		p = Person{Handle: m.Person, Name: m.Person}
	}
	keeper, _ := keeperOf(tx) // a damaged keeper record must not hide the notes
	readNote(m, p, keeper)
	return nil
}

// readNote fills m's items and pulse by reading its note.
func readNote(m *Meeting, p Person, keeper Keeper) {
	r := Read([]byte(m.Note), p.noteContext(m.Date, keeper))
	m.Items = placeItems(r.Items, *m)
	m.Pulse, m.HasPulse = r.Pulse, r.HasPulse
}

// Meetings returns a person's meetings, newest first, with notes and items
// as they stand today (see Meeting).
func (j *Journal) Meetings(handle string) ([]Meeting, error) {
	var out []Meeting
	err := j.view(func(tx *bolt.Tx) error {
		p, err := getPerson(tx, handle)
		if err != nil {
			return err
		}
		keeper, _ := keeperOf(tx) // a damaged keeper record must not hide the notes
		// The records are gathered first (their bytes stay valid for the
		// transaction), then decoded on all cores: inflating ~500 notes is
		// most of opening a person.
		type rec struct {
			id            MeetingID
			note, reading []byte
		}
		var recs []rec
		meetings, readings := tx.Bucket(bucketMeetings), tx.Bucket(bucketMeetingItems)
		err = eachPersonMeeting(tx, handle, true, func(id MeetingID) (bool, error) {
			k := meetingKey(id)
			v := meetings.Get(k)
			if v == nil {
				return false, fmt.Errorf("no meeting %s: %w", id, ErrNotFound)
			}
			r := rec{id: id, note: v}
			if readings != nil {
				r.reading = readings.Get(k)
			}
			recs = append(recs, r)
			return true, nil
		})
		if err != nil {
			return err
		}
		out = make([]Meeting, len(recs))
		errs := make([]error, len(recs))
		parallelFor(len(recs), 32, func(i int) {
			m, err := decodeMeeting(recs[i].note)
			if err == nil && (recs[i].reading == nil || decodeMeetingItems(recs[i].reading, &m) != nil) {
				readNote(&m, p, keeper)
			}
			out[i], errs[i] = m, err
		})
		// The person's items are one range: read it once rather than
		// looking each item up (a person has thousands).
		now := personItemRecords(tx, handle)
		for i := range out {
			if errs[i] != nil {
				return fmt.Errorf("meeting %s: %w", recs[i].id, errs[i])
			}
			if err := now.project(out[i].Items); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err // never a meeting whose items are not as they stand
	}
	return out, nil
}

// ForEachMeeting calls fn for every meeting in date order, oldest first,
// each with its note and items as they stand today (see Meeting); an error
// from fn stops the walk and is returned. fn must not write to the journal.
func (j *Journal) ForEachMeeting(fn func(Meeting) error) error {
	return j.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeetings).ForEach(func(k, v []byte) error {
			m, err := decodeMeeting(v)
			if err == nil {
				err = withItems(tx, &m)
			}
			if err == nil {
				err = currentItems(tx, m.Items)
			}
			if err != nil {
				return fmt.Errorf("meeting %s: %w", meetingIDFromKey(k), err)
			}
			return fn(m)
		})
	})
}

// eachPersonMeeting walks a person's meeting ids, newest first when
// newestFirst is set, until fn returns false or an error.
func eachPersonMeeting(tx *bolt.Tx, handle string, newestFirst bool, fn func(MeetingID) (bool, error)) error {
	prefix := prefixKey([]byte(handle))
	c := tx.Bucket(bucketByPerson).Cursor()
	var k []byte
	if newestFirst {
		k, _ = c.Seek(joinKey([]byte(handle), []byte{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}))
		if k == nil {
			k, _ = c.Last()
		} else if !bytes.HasPrefix(k, prefix) || len(k) != len(prefix)+8 {
			k, _ = c.Prev()
		}
	} else {
		k, _ = c.Seek(prefix)
	}
	for ; k != nil && bytes.HasPrefix(k, prefix); k = step(c, newestFirst) {
		more, err := fn(meetingIDFromKey(k[len(prefix):]))
		if err != nil || !more {
			return err
		}
	}
	return nil
}

func step(c *bolt.Cursor, back bool) []byte {
	var k []byte
	if back {
		k, _ = c.Prev()
	} else {
		k, _ = c.Next()
	}
	return k
}

// writeNotes runs fn in one write transaction, then applies the search
// index changes fn collected, in the same transaction.
func (j *Journal) writeNotes(fn func(tx *bolt.Tx, te termEdits) error) error {
	return j.update(func(tx *bolt.Tx) error {
		te := termEdits{}
		if err := fn(tx, te); err != nil {
			return err
		}
		return te.flush(tx.Bucket(bucketTerms))
	})
}

// storeMeeting replaces old (nil for a new meeting) by m (nil to delete)
// together with every piece of derived data: the person index, item
// occurrences and states, and the search index. It runs inside the caller's
// write transaction, so note and derived data change together.
//
// Search index changes are collected in te; the caller flushes them before
// the transaction commits.
func storeMeeting(tx *bolt.Tx, old, m *Meeting, p Person, stamp Date, te termEdits) error {
	var pre *preparedNote
	if m != nil {
		keeper, err := keeperOf(tx)
		if err != nil {
			return err
		}
		note, read, _ := stampRead([]byte(m.Note), p.noteContext(m.Date, keeper), stamp, newIDGenerator(tx, *m))
		if pre, err = prepareNote(m, note, read); err != nil {
			return err
		}
	}
	return storePrepared(tx, old, m, pre, te)
}

// storePrepared is storeMeeting with m already read, stamped and encoded
// (pre; nil when m is nil).
func storePrepared(tx *bolt.Tx, old, m *Meeting, pre *preparedNote, te termEdits) error {
	for _, x := range []*Meeting{old, m} {
		if x != nil {
			if err := touchVault(tx, x.Person); err != nil {
				return err
			}
		}
	}
	meetings, byPerson, occ := tx.Bucket(bucketMeetings), tx.Bucket(bucketByPerson), tx.Bucket(bucketOccurrences)
	// Meeting ids grow with the date, so most notes are appended: fill
	// pages before splitting them, or the file holds half-empty pages.
	meetings.FillPercent = appendFill
	// affected holds the items (person, id) whose derived records change.
	affected := map[[2]string]bool{}
	var oldTerms, newTerms map[string]bool
	var oldID, newID MeetingID
	if old != nil {
		oldID = old.ID
		oldTerms = noteTerms(old.Note)
		if err := meetings.Delete(meetingKey(old.ID)); err != nil {
			return err
		}
		if err := byPerson.Delete(joinKey([]byte(old.Person), meetingKey(old.ID))); err != nil {
			return err
		}
		if err := tx.Bucket(bucketMeetingItems).Delete(meetingKey(old.ID)); err != nil {
			return err
		}
		for _, it := range old.Items {
			if it.ID == "" {
				continue
			}
			affected[[2]string{old.Person, it.ID}] = true
			if err := occ.Delete(occurrenceKey(old.Person, it.ID, old.ID)); err != nil {
				return err
			}
		}
	}
	if m != nil {
		newID = m.ID
		newTerms = pre.terms
		if err := meetings.Put(meetingKey(m.ID), pre.record); err != nil {
			return err
		}
		if err := byPerson.Put(joinKey([]byte(m.Person), meetingKey(m.ID)), nil); err != nil {
			return err
		}
		items := tx.Bucket(bucketMeetingItems)
		items.FillPercent = appendFill
		if err := items.Put(meetingKey(m.ID), pre.items); err != nil {
			return err
		}
		for _, o := range pre.occs {
			affected[[2]string{m.Person, o.id}] = true
			if err := occ.Put(occurrenceKey(m.Person, o.id, m.ID), o.rec); err != nil {
				return err
			}
		}
	}
	known := map[MeetingID]map[string]Item{}
	if m != nil {
		known[m.ID] = byID(m.Items)
	}
	for k := range affected {
		if err := refreshItem(tx, k[0], k[1], known); err != nil {
			return err
		}
	}
	te.move(oldID, oldTerms, newID, newTerms)
	return nil
}

// refreshItem recomputes a person's item from its occurrences: the latest
// meeting decides its state, their number is how often it was carried, and
// together they give its due-date history. known holds the items, by id, of
// meetings already read in this transaction.
func refreshItem(tx *bolt.Tx, handle, id string, known map[MeetingID]map[string]Item) error {
	if old, err := getPersonItem(tx, handle, id); err == nil {
		if err := deleteEntries(tx, itemEntries(old)); err != nil {
			return err
		}
	} else if !errors.Is(err, ErrNotFound) {
		// A damaged record cannot say which entries it had; drop what
		// the key alone names, and let the new record replace it.
		if err := tx.Bucket(bucketPersonItems).Delete(itemKey(handle, id)); err != nil {
			return err
		}
		if err := tx.Bucket(bucketItems).Delete(joinKey([]byte(id), []byte(handle))); err != nil {
			return err
		}
	}
	prefix := occurrencePrefix(handle, id)
	c := tx.Bucket(bucketOccurrences).Cursor()
	var last MeetingID
	var occs []occurrence
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		if len(k) != len(prefix)+8 {
			continue // another id that begins with this one's bytes
		}
		last = meetingIDFromKey(k[len(prefix):])
		o, err := decodeOccurrence(v)
		if err != nil {
			return fmt.Errorf("item %s of %s: %w", keyName(id), keyName(handle), err)
		}
		occs = append(occs, o)
	}
	if len(occs) == 0 {
		return nil
	}
	inNote, ok := known[last]
	if !ok {
		m, err := getMeeting(tx, last)
		if err != nil {
			return fmt.Errorf("item %s: %w", id, err)
		}
		inNote = byID(m.Items)
		known[last] = inNote
	}
	it, ok := inNote[id]
	if !ok {
		return fmt.Errorf("item %s: meeting %s no longer holds it: %w", id, last, ErrCorrupt)
	}
	for _, e := range itemEntries(mergeOccurrences(it, occs)) {
		if err := tx.Bucket(e.bucket).Put(e.key, e.value); err != nil {
			return err
		}
	}
	return nil
}

// idInUse reports whether any person's notes use the block id: new ids are
// unique in the whole journal, though an id only names an item together
// with its person.
func idInUse(items *bolt.Bucket, id string) bool {
	k, _ := items.Cursor().Seek(prefixKey([]byte(id)))
	return k != nil && bytes.HasPrefix(k, prefixKey([]byte(id)))
}

// newIDGenerator returns block ids unused in the journal and in m's note.
// They derive from the journal's salt and the meeting id: the same journal
// given the same notes in the same order gives the same ids, and another
// journal gives others. A journal with a vault derives them from the
// person, the meeting's date and the note instead of the meeting id, which
// each machine numbers its own way: two journals that share the vault
// (and so its salt) and take in the same new note stamp the same ids, and
// their files do not conflict.
func newIDGenerator(tx *bolt.Tx, m Meeting) func() string {
	mid, note := m.ID, m.Note
	seed := ""
	if vaultDirOf(tx) != "" {
		sum := sha256.Sum256([]byte(note))
		seed = m.Person + "/" + m.Date.String() + "/" + hex.EncodeToString(sum[:8])
	}
	items := tx.Bucket(bucketItems)
	salt := tx.Bucket(bucketMeta).Get(keyIDSalt) // nil in journals made before the salt
	issued := map[string]bool{}
	attempt := uint64(0)
	return func() string {
		for {
			attempt++
			h := fnv.New64a()
			h.Write(salt)
			if seed != "" {
				fmt.Fprintf(h, "%s/%d", seed, attempt)
			} else {
				fmt.Fprintf(h, "%d/%d", mid, attempt)
			}
			id := strconv.FormatUint(h.Sum64(), 36)
			size := 4
			if attempt > 64 {
				size = 6 // a crowded journal: widen rather than spin
			}
			if len(id) > size {
				id = id[len(id)-size:]
			}
			if issued[id] || idInUse(items, id) || strings.Contains(note, "^"+id) {
				continue
			}
			issued[id] = true
			return id
		}
	}
}

// MeetingOn returns the latest of a person's meetings on date d; ok is
// false when there is none (so that a client can offer to open it rather
// than start a second one that day).
func (j *Journal) MeetingOn(handle string, d Date) (id MeetingID, ok bool, err error) {
	err = j.view(func(tx *bolt.Tx) error {
		if _, err := getPerson(tx, handle); err != nil {
			return err
		}
		return eachPersonMeeting(tx, handle, true, func(m MeetingID) (bool, error) {
			switch {
			case m.Date() > d:
				return true, nil
			case m.Date() == d:
				id, ok = m, true
			}
			return false, nil
		})
	})
	return id, ok, err
}
