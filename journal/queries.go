package journal

import (
	"bytes"
	"errors"
	"fmt"
	"sort"

	bolt "go.etcd.io/bbolt"
)

// Item returns the commitment or follow-up with that block id as it stands
// today. An id belongs to one person (SPEC 2.1): when several people's
// notes use it, Item fails with an *AmbiguousError (ErrAmbiguous) naming
// them, and PersonItem says which is meant. ErrNotFound when no note has it.
func (j *Journal) Item(id string) (Item, error) {
	var it Item
	err := j.view(func(tx *bolt.Tx) error {
		handle, err := itemOwner(tx, id, "")
		if err != nil {
			return err
		}
		it, err = getPersonItem(tx, handle, id)
		return err
	})
	return it, err
}

// PersonItem returns a person's commitment or follow-up with that block id
// as it stands today, or ErrNotFound.
func (j *Journal) PersonItem(handle, id string) (Item, error) {
	var it Item
	err := j.view(func(tx *bolt.Tx) (err error) {
		it, err = getPersonItem(tx, handle, id)
		return err
	})
	return it, err
}

// ItemPeople returns the handles of the people whose notes use the block
// id, sorted; none when no note does.
func (j *Journal) ItemPeople(id string) ([]string, error) {
	var out []string
	err := j.view(func(tx *bolt.Tx) error {
		out = idPeople(tx, id)
		return nil
	})
	return out, err
}

func idPeople(tx *bolt.Tx, id string) []string {
	var out []string
	prefix := prefixKey([]byte(id))
	c := tx.Bucket(bucketItems).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		out = append(out, string(k[len(prefix):]))
	}
	return out
}

// itemOwner returns the handle of the person whose item the id names:
// handle itself when given, else the one person whose notes use the id.
func itemOwner(tx *bolt.Tx, id, handle string) (string, error) {
	if handle != "" {
		return handle, nil
	}
	people := idPeople(tx, id)
	switch len(people) {
	case 0:
		return "", fmt.Errorf("no item with id %q: %w", id, ErrNotFound)
	case 1:
		return people[0], nil
	}
	return "", &AmbiguousError{ID: id, People: people}
}

func getPersonItem(tx *bolt.Tx, handle, id string) (Item, error) {
	rec := tx.Bucket(bucketPersonItems).Get(itemKey(handle, id))
	if rec == nil {
		return Item{}, fmt.Errorf("no item with id %q in the notes of %s: %w", id, keyName(handle), ErrNotFound)
	}
	it, err := decodeItem(rec)
	if err != nil {
		return Item{}, fmt.Errorf("item %s of %s: %w", keyName(id), keyName(handle), err)
	}
	return it, nil
}

// ItemFilter narrows a list of items. Zero fields do not filter.
type ItemFilter struct {
	Person string // a handle
	Owner  Owner  // Me or Them
	// Archived includes archived people's items, which are left out
	// unless Person names one.
	Archived bool
}

func (f ItemFilter) match(it Item) bool {
	return (f.Person == "" || it.Person == f.Person) && (f.Owner == 0 || it.Owner == f.Owner)
}

// OpenCommitments returns every open commitment that matches f, in the
// order a person reads them: overdue first (longest overdue first), then by
// due date, then undated. Archived people's commitments are left out unless
// f names the person. Its cost grows with the open commitments, not with
// the size of the journal.
func (j *Journal) OpenCommitments(f ItemFilter) ([]Item, error) {
	var out []Item
	err := j.view(func(tx *bolt.Tx) error {
		archived, err := archivedPeople(tx)
		if err != nil {
			return err
		}
		c := tx.Bucket(bucketOpen).Cursor()
		// Counting first is a walk over keys; growing a slice of
		// thousands of items copied them a dozen times.
		n := 0
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			n++
		}
		out = make([]Item, 0, n)
		for k, v := c.First(); k != nil; k, v = c.Next() {
			it, err := decodeItem(v)
			if err != nil {
				_, _, id := splitOpenKey(k)
				return fmt.Errorf("item %s: %w", keyName(id), err)
			}
			if f.match(it) && (f.Person != "" || f.Archived || !archived[it.Person]) {
				out = append(out, it)
			}
		}
		return nil
	})
	return out, err
}

// Flagged returns the open commitments that carry a flag as of today:
// overdue first, then due soon, then undated. Commitments due later than
// DueSoonDays are left out.
func (j *Journal) Flagged(today Date, f ItemFilter) ([]Item, error) {
	open, err := j.OpenCommitments(f)
	if err != nil {
		return nil, err
	}
	out := open[:0]
	for _, it := range open {
		if it.Flags(today)&(FlagOverdue|FlagDueSoon|FlagUndated) != 0 {
			out = append(out, it)
		}
	}
	return out, nil
}

// OpenFollowUps returns the open follow-ups with a person (every active
// person when handle is empty), oldest first.
func (j *Journal) OpenFollowUps(handle string) ([]Item, error) {
	var out []Item
	err := j.view(func(tx *bolt.Tx) error {
		archived, err := archivedPeople(tx)
		if err != nil {
			return err
		}
		var prefix []byte
		if handle != "" {
			if _, err := getPerson(tx, handle); err != nil {
				return err
			}
			prefix = prefixKey([]byte(handle))
		}
		c := tx.Bucket(bucketOpenFollowUps).Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			who, id := splitKey(k)
			if handle == "" && archived[string(who)] {
				continue
			}
			it, err := decodeItem(v)
			if err != nil {
				return fmt.Errorf("item %s: %w", keyName(id), err)
			}
			out = append(out, it)
		}
		return nil
	})
	sort.SliceStable(out, func(a, b int) bool { return out[a].FirstSeen < out[b].FirstSeen })
	return out, err
}

func archivedPeople(tx *bolt.Tx) (map[string]bool, error) {
	out := map[string]bool{}
	err := tx.Bucket(bucketPeople).ForEach(func(k, v []byte) error {
		p, err := decodePerson(v)
		if err != nil {
			return fmt.Errorf("person %s: %w", keyName(k), err)
		}
		if p.Archived {
			out[p.Handle] = true
		}
		return nil
	})
	return out, err
}

// personItems returns every commitment and follow-up of a person, or of
// everyone when handle is empty.
func personItems(tx *bolt.Tx, handle string) ([]Item, error) {
	var out []Item
	err := eachPersonItem(tx, handle, func(it Item) { out = append(out, it) })
	return out, err
}

// eachPersonItem calls fn with each item of a person (everyone's when
// handle is empty), one at a time: the whole journal's items are a
// hundred megabytes and more as one slice.
func eachPersonItem(tx *bolt.Tx, handle string, fn func(Item)) error {
	var prefix []byte
	if handle != "" {
		prefix = prefixKey([]byte(handle))
	}
	c := tx.Bucket(bucketPersonItems).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		it, err := decodeItem(v)
		if err != nil {
			_, id := splitKey(k)
			return fmt.Errorf("item %s: %w", keyName(id), err)
		}
		fn(it)
	}
	return nil
}

// PersonStatus is a person with what the home list shows about them.
type PersonStatus struct {
	Person
	Meetings       int  // number of meetings held
	LastMeeting    Date // zero when none yet
	DaysSince      int  // days since the last meeting; -1 when none yet
	DueForOneOnOne bool // DaysSince ≥ cadence, or never met
	OverdueMine    int  // my overdue commitments to them
	OverdueTheirs  int  // their overdue commitments to me
	DueSoon        int  // open commitments due within DueSoonDays, both ways
	OpenMine       int
	OpenTheirs     int
	OpenFollowUps  int
}

// PeopleStatus returns every active person (and archived ones when
// withArchived is set) with their counts as of today, sorted by handle.
func (j *Journal) PeopleStatus(today Date, withArchived bool) ([]PersonStatus, error) {
	people, err := j.People(withArchived)
	if err != nil {
		return nil, err
	}
	open, err := j.OpenCommitments(ItemFilter{Archived: withArchived})
	if err != nil {
		return nil, err
	}
	out := make([]PersonStatus, len(people))
	idx := map[string]int{}
	err = j.view(func(tx *bolt.Tx) error {
		for i, p := range people {
			idx[p.Handle] = i
			st := PersonStatus{Person: p, DaysSince: -1}
			err := eachPersonMeeting(tx, p.Handle, true, func(id MeetingID) (bool, error) {
				// A note dated after today (one written ahead) is not the
				// last 1:1 held.
				if st.LastMeeting.IsZero() && id.Date() <= today {
					st.LastMeeting = id.Date()
				}
				st.Meetings++
				return true, nil
			})
			if err != nil {
				return err
			}
			if !st.LastMeeting.IsZero() {
				st.DaysSince = int(today - st.LastMeeting)
			}
			st.DueForOneOnOne = dueForOneOnOne(st.LastMeeting, p.Cadence, today)
			out[i] = st
		}
		c := tx.Bucket(bucketOpenFollowUps).Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			who, _ := splitKey(k)
			if i, ok := idx[string(who)]; ok {
				out[i].OpenFollowUps++
			}
		}
		return nil
	})
	for _, it := range open {
		i, ok := idx[it.Person]
		if !ok {
			continue
		}
		st := &out[i]
		fl := it.Flags(today)
		mine := it.Owner != Them
		switch {
		case mine:
			st.OpenMine++
		default:
			st.OpenTheirs++
		}
		if fl.Has(FlagOverdue) {
			if mine {
				st.OverdueMine++
			} else {
				st.OverdueTheirs++
			}
		}
		if fl.Has(FlagDueSoon) {
			st.DueSoon++
		}
	}
	return out, err
}

// dueForOneOnOne: never met, or the days since the last meeting are at
// least the cadence.
func dueForOneOnOne(last Date, cadence int, today Date) bool {
	return last.IsZero() || int(today-last) >= cadence
}

// DueForOneOnOne returns the active people due for a 1:1 as of today,
// longest waiting first.
func (j *Journal) DueForOneOnOne(today Date) ([]PersonStatus, error) {
	all, err := j.PeopleStatus(today, false)
	if err != nil {
		return nil, err
	}
	var out []PersonStatus
	for _, st := range all {
		if st.DueForOneOnOne {
			out = append(out, st)
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].LastMeeting < out[b].LastMeeting })
	return out, nil
}

// Current returns items as they stand today rather than as one note wrote
// them: each commitment or follow-up with a block id takes its state, due
// and done dates, history and carried count from its person's item, keeping
// the line it has in the note at hand. An older note that still shows a
// promise open must not flag it when a later note ticked it. Meeting,
// Meetings and ForEachMeeting already return items this way.
func (j *Journal) Current(items []Item) ([]Item, error) {
	out := make([]Item, len(items))
	copy(out, items)
	err := j.view(func(tx *bolt.Tx) error { return projectItems(tx, out, false) })
	return out, err
}

// currentItems replaces, in place, each item of a stored note that has a
// block id by its person's item, keeping its line. Every such item has a
// record: a missing one is damage, reported rather than hidden.
func currentItems(tx *bolt.Tx, items []Item) error { return projectItems(tx, items, true) }

func projectItems(tx *bolt.Tx, items []Item, stored bool) error {
	for i, it := range items {
		if it.ID == "" {
			continue
		}
		now, err := getPersonItem(tx, it.Person, it.ID)
		if errors.Is(err, ErrNotFound) && !stored {
			continue
		}
		if errors.Is(err, ErrNotFound) {
			return fmt.Errorf("item %s of %s: its record is missing: %w", keyName(it.ID), keyName(it.Person), ErrCorrupt)
		}
		if err != nil {
			return err
		}
		now.Line = it.Line
		items[i] = now
	}
	return nil
}

// itemsOfPerson is one person's item records, read in one range scan and
// decoded when first asked for: currentItems for all of a person's notes.
type itemsOfPerson struct {
	handle  string
	raw     map[string][]byte // by block id; valid for the transaction
	decoded map[string]Item
}

func personItemRecords(tx *bolt.Tx, handle string) *itemsOfPerson {
	p := &itemsOfPerson{handle: handle, raw: map[string][]byte{}, decoded: map[string]Item{}}
	prefix := prefixKey([]byte(handle))
	c := tx.Bucket(bucketPersonItems).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		p.raw[string(k[len(prefix):])] = v
	}
	return p
}

// project is currentItems for items of this person's notes. The items it
// gives for one id share their History.
func (p *itemsOfPerson) project(items []Item) error {
	for i, it := range items {
		if it.ID == "" {
			continue
		}
		now, ok := p.decoded[it.ID]
		if !ok {
			rec, found := p.raw[it.ID]
			if !found || it.Person != p.handle {
				return fmt.Errorf("item %s of %s: its record is missing: %w", keyName(it.ID), keyName(it.Person), ErrCorrupt)
			}
			var err error
			if now, err = decodeItem(rec); err != nil {
				return fmt.Errorf("item %s of %s: %w", keyName(it.ID), keyName(it.Person), err)
			}
			p.decoded[it.ID] = now
		}
		now.Line = it.Line
		items[i] = now
	}
	return nil
}
