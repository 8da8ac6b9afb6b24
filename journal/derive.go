package journal

import (
	"sync"

	bolt "go.etcd.io/bbolt"
)

// itemBuckets are the derived buckets other than the search index.
var itemBuckets = [][]byte{bucketByPerson, bucketOccurrences, bucketItems, bucketPersonItems, bucketOpen, bucketOpenFollowUps, bucketMeetingItems}

// deriveAll computes, from the readable notes in id order, every record
// of itemBuckets that saving them would have written, by bucket and key.
// noPerson is told of each meeting whose person record is missing; its
// note is read with the handle alone.
func deriveAll(meetings []Meeting, people map[string]Person, keeper Keeper, noPerson func(m Meeting)) map[string]map[string]string {
	return deriveAllWith(meetings, people, keeper, noPerson, nil)
}

// deriveAllWith is deriveAll that also shows each note's items, in id
// order, to each (when set): check reads them once for both.
func deriveAllWith(meetings []Meeting, people map[string]Person, keeper Keeper, noPerson func(m Meeting), each func(m Meeting, items []Item)) map[string]map[string]string {
	// Each bucket's map is made below; d itself is written by one
	// goroutine at a time (the WaitGroup orders them).
	d := make(map[string]map[string]string, len(itemBuckets))
	type span struct {
		occs   []occurrence
		latest Item
	}
	// idOcc is one item of a note with what the note says of it.
	type idOcc struct {
		id   string
		it   Item
		occ  occurrence
		rec  string // encodeOccurrence(occ)
		okey string // its key in occurrences
		ikey string // the item's key (itemKey)
	}
	spans := map[string]*span{}
	var order []string
	// Reading every note is most of the work (check, repair): on all cores,
	// with everything that depends on one note alone.
	items := make([][]Item, len(meetings))
	readings := make([]string, len(meetings))
	owned := make([][]idOcc, len(meetings))
	parallelFor(len(meetings), 16, func(i int) {
		m := meetings[i]
		p, ok := people[m.Person]
		if !ok {
			p = Person{Handle: m.Person, Name: m.Person}
		}
		r := Read([]byte(m.Note), p.noteContext(m.Date, keeper))
		readings[i] = meetingItemsRecord(m, r)
		items[i] = placeItems(r.Items, m)
		// A note holding an id twice is one occurrence; the last of the
		// repeats speaks for it (byID).
		_ = eachOccurrence(items[i], r.memos, func(it Item, o occurrence) error {
			owned[i] = append(owned[i], idOcc{it.ID, it, o, string(encodeOccurrence(o)), string(occurrenceKey(m.Person, it.ID, m.ID)), string(itemKey(m.Person, it.ID))})
			return nil
		})
	})
	// The records of each bucket go into its map beside the others'.
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		byPerson, readingsOf := make(map[string]string, len(meetings)), make(map[string]string, len(meetings))
		for i, m := range meetings {
			byPerson[string(joinKey([]byte(m.Person), meetingKey(m.ID)))] = ""
			readingsOf[string(meetingKey(m.ID))] = readings[i]
		}
		d[string(bucketByPerson)], d[string(bucketMeetingItems)] = byPerson, readingsOf
	}()
	occs := map[string]string{}
	go func() {
		defer wg.Done()
		n := 0
		for _, o := range owned {
			n += len(o)
		}
		occs = make(map[string]string, n)
		for _, o := range owned {
			for _, x := range o {
				occs[x.okey] = x.rec
			}
		}
	}()
	for i, m := range meetings {
		if _, ok := people[m.Person]; !ok {
			noPerson(m)
		}
		if each != nil {
			each(m, items[i])
		}
		for _, x := range owned[i] {
			key := x.ikey
			s := spans[key]
			if s == nil {
				s = &span{}
				spans[key] = s
				order = append(order, key)
			}
			s.occs = append(s.occs, x.occ)
			s.latest = x.it
		}
	}
	entries := make([][]itemEntry, len(order))
	parallelFor(len(order), 64, func(i int) {
		s := spans[order[i]]
		entries[i] = itemEntries(mergeOccurrences(s.latest, s.occs))
	})
	wg.Wait()
	d[string(bucketOccurrences)] = occs
	// One bucket's map per worker: an item has a record in each of
	// items and person_items, and in open or open_followups while open.
	itemMaps := [][]byte{bucketItems, bucketPersonItems, bucketOpen, bucketOpenFollowUps}
	made := make([]map[string]string, len(itemMaps))
	parallelFor(len(itemMaps), 1, func(k int) {
		name := itemMaps[k]
		size := 0
		if k < 2 {
			size = len(order)
		}
		w := make(map[string]string, size)
		for _, es := range entries {
			for _, e := range es {
				if string(e.bucket) == string(name) {
					w[string(e.key)] = string(e.value)
				}
			}
		}
		made[k] = w
	})
	for k, name := range itemMaps {
		d[string(name)] = made[k]
	}
	return d
}

// placeItems fills in the meeting that items come from.
func placeItems(items []Item, m Meeting) []Item {
	for i := range items {
		it := &items[i]
		it.Person, it.Meeting, it.Date, it.FirstSeen, it.Carried = m.Person, m.ID, m.Date, m.Date, 1
	}
	return items
}

// byID maps a note's items with block ids by id; of repeats in one note the
// last speaks for the item, as Extract orders them.
func byID(items []Item) map[string]Item {
	out := make(map[string]Item, len(items))
	for _, it := range items {
		if it.ID != "" {
			out[it.ID] = it
		}
	}
	return out
}

// eachOccurrence calls fn with each item of a note that has a block id and
// what the note says of it, in note order; of repeats of an id the last
// speaks for it, as in byID. memos are the note's reading's, by item.
func eachOccurrence(items []Item, memos []*dueMemo, fn func(it Item, o occurrence) error) error {
	last := make(map[string]int, len(items))
	for i, it := range items {
		if it.ID != "" {
			last[it.ID] = i
		}
	}
	for i, it := range items {
		if it.ID == "" || last[it.ID] != i {
			continue
		}
		var memo *dueMemo
		if i < len(memos) {
			memo = memos[i]
		}
		if err := fn(it, occurrenceMemo(it, memo)); err != nil {
			return err
		}
	}
	return nil
}

// itemEntry is one record the journal keeps for an item.
type itemEntry struct{ bucket, key, value []byte }

// itemEntries lists every record kept for an item: an index entry by id, its
// record under its person, and a copy in an open index while it is open.
// The questions asked most — what is due, a person's ledger — so read one
// range of one bucket and never look items up one by one.
func itemEntries(it Item) []itemEntry {
	rec := encodeItem(it)
	owned := itemKey(it.Person, it.ID)
	e := []itemEntry{
		{bucketItems, joinKey([]byte(it.ID), []byte(it.Person)), nil},
		{bucketPersonItems, owned, rec},
	}
	if it.State == StateOpen {
		switch it.Kind {
		case Commitment:
			e = append(e, itemEntry{bucketOpen, openKey(it.Due, it.Person, it.ID), rec})
		case FollowUp:
			e = append(e, itemEntry{bucketOpenFollowUps, owned, rec})
		}
	}
	return e
}

func deleteEntries(tx *bolt.Tx, es []itemEntry) error {
	for _, e := range es {
		if err := tx.Bucket(e.bucket).Delete(e.key); err != nil {
			return err
		}
	}
	return nil
}
