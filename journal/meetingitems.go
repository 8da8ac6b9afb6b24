package journal

import (
	"strings"

	bolt "go.etcd.io/bbolt"
)

// A meeting's reading — its items as its note has them and its pulse —
// is kept beside the note (bucketMeetingItems), written whenever the note
// is, so that reading a meeting never parses markdown: opening a person
// with 500 notes read every one of them with goldmark (about 200 ms on the
// decade). It is derived data: Repair and the upgrade of an older journal
// rebuild it, check compares it with a fresh reading.
//
// An item's text is nearly always a run of its note's bytes, so the record
// holds where it starts and how long it is rather than the text itself
// (the file stays within twice the markdown): tag 0 is a literal string,
// tag n > 0 the n−1th byte of the note.

// encodeMeetingItems frames what a note reads as: its pulse and its items.
func encodeMeetingItems(note string, items []Item, pulse int, hasPulse bool) []byte {
	var w writer
	w.b = make([]byte, 0, 8+len(items)*20)
	w.bool(hasPulse)
	w.varint(int64(pulse))
	w.uvarint(uint64(len(items)))
	var lines []int // offsets of line starts, made when first needed
	for _, it := range items {
		w.str(it.ID)
		w.b = append(w.b, byte(it.Kind), byte(it.Owner), byte(it.Direction), byte(it.State))
		if off := textOffset(note, &lines, it); off >= 0 {
			w.uvarint(uint64(off) + 1)
			w.uvarint(uint64(len(it.Text)))
		} else {
			w.uvarint(0)
			w.str(it.Text)
		}
		w.varint(int64(it.Due))
		w.varint(int64(it.Done))
		w.uvarint(uint64(it.Line))
	}
	return frame(w.b)
}

// textOffset returns where the item's text stands in the note, on or after
// its line, or -1 when it is not a run of the note's bytes (text joined
// from several lines).
func textOffset(note string, lines *[]int, it Item) int {
	if it.Text == "" {
		return -1
	}
	if *lines == nil {
		*lines = append(*lines, 0)
		for i := 0; i < len(note); i++ {
			if note[i] == '\n' {
				*lines = append(*lines, i+1)
			}
		}
	}
	from := 0
	if it.Line >= 1 && it.Line <= len(*lines) {
		from = (*lines)[it.Line-1]
	}
	if i := strings.Index(note[from:], it.Text); i >= 0 {
		return from + i
	}
	return -1
}

// decodeMeetingItems fills m's items and pulse from its record; the texts
// share m.Note's bytes.
func decodeMeetingItems(b []byte, m *Meeting) error {
	payload, err := unframe(b)
	if err != nil {
		return err
	}
	r := reader{b: payload}
	hasPulse := r.bool()
	pulse := int(r.varint())
	n := r.uvarint()
	if n > uint64(len(r.b)) { // several bytes at least per item: a damaged count
		r.fail()
	}
	var items []Item
	if n > 0 && r.err == nil {
		items = make([]Item, 0, n)
	}
	for i := uint64(0); i < n && r.err == nil; i++ {
		var it Item
		it.ID = r.str()
		if len(r.b) < 4 {
			r.fail()
			break
		}
		it.Kind, it.Owner, it.Direction, it.State = Kind(r.b[0]), Owner(r.b[1]), Direction(r.b[2]), State(r.b[3])
		r.b = r.b[4:]
		if tag := r.uvarint(); tag == 0 {
			it.Text = r.str()
		} else {
			off, size := tag-1, r.uvarint()
			if off > uint64(len(m.Note)) || size > uint64(len(m.Note))-off {
				r.fail()
				break
			}
			it.Text = m.Note[off : off+size]
		}
		it.Due = Date(r.varint())
		it.Done = Date(r.varint())
		it.Line = int(r.uvarint())
		items = append(items, it)
	}
	if r.err == nil && len(r.b) != 0 {
		r.fail()
	}
	if r.err != nil {
		return r.err
	}
	m.Items = placeItems(items, *m)
	m.Pulse, m.HasPulse = pulse, hasPulse
	return nil
}

// storedItems fills m's items and pulse from the stored reading; ok is
// false when there is none or it does not decode (damaged derived data:
// the caller reads the note instead, and check reports it).
func storedItems(tx *bolt.Tx, m *Meeting) (ok bool) {
	b := tx.Bucket(bucketMeetingItems)
	if b == nil {
		return false
	}
	v := b.Get(meetingKey(m.ID))
	if v == nil {
		return false
	}
	return decodeMeetingItems(v, m) == nil
}

// meetingItemsRecord is the record a note's reading makes, for deriveAll.
func meetingItemsRecord(m Meeting, r NoteReading) string {
	return string(encodeMeetingItems(m.Note, r.Items, r.Pulse, r.HasPulse))
}
