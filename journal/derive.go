package journal

import bolt "go.etcd.io/bbolt"

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
	d := map[string]map[string]string{}
	for _, name := range itemBuckets {
		d[string(name)] = map[string]string{}
	}
	type span struct {
		occs   []occurrence
		latest Item
	}
	// idOcc is one item of a note with what the note says of it.
	type idOcc struct {
		id  string
		it  Item
		occ occurrence
		rec string // encodeOccurrence(occ)
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
			owned[i] = append(owned[i], idOcc{it.ID, it, o, string(encodeOccurrence(o))})
			return nil
		})
	})
	for i, m := range meetings {
		if _, ok := people[m.Person]; !ok {
			noPerson(m)
		}
		d[string(bucketByPerson)][string(joinKey([]byte(m.Person), meetingKey(m.ID)))] = ""
		d[string(bucketMeetingItems)][string(meetingKey(m.ID))] = readings[i]
		if each != nil {
			each(m, items[i])
		}
		for _, x := range owned[i] {
			d[string(bucketOccurrences)][string(occurrenceKey(m.Person, x.id, m.ID))] = x.rec
			key := string(itemKey(m.Person, x.id))
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
	for _, es := range entries {
		for _, e := range es {
			d[string(e.bucket)][string(e.key)] = string(e.value)
		}
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
