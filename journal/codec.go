package journal

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"sync"
	"unsafe"
)

// Every stored value is framed as: one byte of record version, a CRC-32C of
// the payload, then the payload. bbolt checksums only its meta pages, so a
// flipped bit in a data page would otherwise come back as a wrong note.

const recordVersion = 1

// crcTable is made on first use: making it sets up crc32's SSE4.2 tables,
// which every start paid before (issue 16).
var crcTable = sync.OnceValue(func() *crc32.Table { return crc32.MakeTable(crc32.Castagnoli) })

var errShortRecord = errors.New("record is truncated")

func frame(payload []byte) []byte {
	out := make([]byte, 5, 5+len(payload))
	out[0] = recordVersion
	binary.BigEndian.PutUint32(out[1:5], crc32.Checksum(payload, crcTable()))
	return append(out, payload...)
}

// unframe checks a record's version and checksum and returns its payload,
// which aliases b.
func unframe(b []byte) ([]byte, error) {
	if len(b) < 5 {
		return nil, fmt.Errorf("%w: %w", ErrCorrupt, errShortRecord)
	}
	if b[0] != recordVersion {
		return nil, fmt.Errorf("%w: record version %d is unknown", ErrCorrupt, b[0])
	}
	if crc32.Checksum(b[5:], crcTable()) != binary.BigEndian.Uint32(b[1:5]) {
		return nil, fmt.Errorf("%w: record checksum mismatch", ErrCorrupt)
	}
	return b[5:], nil
}

// writer appends the fields of one record.
type writer struct{ b []byte }

func (w *writer) uvarint(v uint64) { w.b = binary.AppendUvarint(w.b, v) }
func (w *writer) varint(v int64)   { w.b = binary.AppendVarint(w.b, v) }
func (w *writer) str(s string)     { w.uvarint(uint64(len(s))); w.b = append(w.b, s...) }
func (w *writer) bool(v bool) {
	if v {
		w.b = append(w.b, 1)
	} else {
		w.b = append(w.b, 0)
	}
}

// reader reads the fields of one record; the first error sticks and every
// later read returns zero values, so decoders check err once at the end.
type reader struct {
	b   []byte
	err error
	// owned: b is the reader's own copy, never written, so strings may
	// share its memory instead of copying.
	owned bool
}

func (r *reader) fail() {
	if r.err == nil {
		r.err = fmt.Errorf("%w: %w", ErrCorrupt, errShortRecord)
	}
	r.b = nil
}

func (r *reader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) varint() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

// str copies, so the result outlives the transaction.
func (r *reader) str() string {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.fail()
		return ""
	}
	var s string
	if r.owned {
		s = unsafe.String(unsafe.SliceData(r.b), int(n))
	} else {
		s = string(r.b[:n])
	}
	r.b = r.b[n:]
	return s
}

func (r *reader) bool() bool {
	if len(r.b) < 1 {
		r.fail()
		return false
	}
	v := r.b[0] != 0
	r.b = r.b[1:]
	return v
}

func encodePerson(p Person) []byte {
	var w writer
	w.str(p.Handle)
	w.str(p.Name)
	w.str(string(p.Role))
	w.varint(int64(p.Cadence))
	w.str(p.Context)
	w.bool(p.Archived)
	return frame(w.b)
}

func decodePerson(b []byte) (Person, error) {
	payload, err := unframe(b)
	if err != nil {
		return Person{}, err
	}
	r := reader{b: payload}
	p := Person{
		Handle:   r.str(),
		Name:     r.str(),
		Role:     Role(r.str()),
		Cadence:  int(r.varint()),
		Context:  r.str(),
		Archived: r.bool(),
	}
	return p, r.err
}

func (w *writer) item(it Item) {
	w.str(it.ID)
	w.b = append(w.b, byte(it.Kind), byte(it.Owner), byte(it.Direction), byte(it.State))
	w.str(it.Text)
	w.varint(int64(it.Due))
	w.varint(int64(it.Done))
	w.uvarint(uint64(it.Line))
	w.str(it.Person)
	w.uvarint(uint64(it.Meeting))
	w.varint(int64(it.Date))
	w.varint(int64(it.FirstSeen))
	w.uvarint(uint64(it.Carried))
	w.uvarint(uint64(it.Unchanged))
	w.uvarint(uint64(len(it.History)))
	for _, h := range it.History {
		w.varint(int64(h.Due))
		w.varint(int64(h.Set))
	}
}

func (r *reader) item() Item {
	var it Item
	it.ID = r.str()
	if len(r.b) < 4 {
		r.fail()
		return it
	}
	it.Kind, it.Owner, it.Direction, it.State = Kind(r.b[0]), Owner(r.b[1]), Direction(r.b[2]), State(r.b[3])
	r.b = r.b[4:]
	it.Text = r.str()
	it.Due = Date(r.varint())
	it.Done = Date(r.varint())
	it.Line = int(r.uvarint())
	it.Person = r.str()
	it.Meeting = MeetingID(r.uvarint())
	it.Date = Date(r.varint())
	it.FirstSeen = Date(r.varint())
	it.Carried = int(r.uvarint())
	it.Unchanged = int(r.uvarint())
	n := r.uvarint()
	if n > uint64(len(r.b)) { // two bytes at least per entry: a damaged count
		r.fail()
		return it
	}
	if n > 0 {
		it.History = make([]DueSet, 0, n)
	}
	for i := uint64(0); i < n && r.err == nil; i++ {
		it.History = append(it.History, DueSet{Due: Date(r.varint()), Set: Date(r.varint())})
	}
	return it
}

// encodeOccurrence and decodeOccurrence frame what one note says of an
// item (bucketOccurrences).
func encodeOccurrence(o occurrence) []byte {
	var w writer
	w.varint(int64(o.date))
	w.b = append(w.b, byte(o.state))
	w.varint(int64(o.due))
	w.uvarint(o.text)
	w.str(o.phrase)
	w.uvarint(uint64(len(o.struck)))
	for _, s := range o.struck {
		w.varint(int64(s.due))
		w.varint(int64(s.moved))
	}
	return frame(w.b)
}

func decodeOccurrence(b []byte) (occurrence, error) {
	payload, err := unframe(b)
	if err != nil {
		return occurrence{}, err
	}
	r := reader{b: payload}
	var o occurrence
	o.date = Date(r.varint())
	if len(r.b) < 1 {
		r.fail()
		return o, r.err
	}
	o.state = State(r.b[0])
	r.b = r.b[1:]
	o.due = Date(r.varint())
	o.text = r.uvarint()
	o.phrase = r.str()
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.fail()
	}
	for i := uint64(0); i < n && r.err == nil; i++ {
		o.struck = append(o.struck, struckDue{due: Date(r.varint()), moved: Date(r.varint())})
	}
	return o, r.err
}

func encodeItem(it Item) []byte {
	var w writer
	w.item(it)
	return frame(w.b)
}

func decodeItem(b []byte) (Item, error) {
	payload, err := unframe(b)
	if err != nil {
		return Item{}, err
	}
	// One copy of the record backs all of the item's strings: a list of
	// thousands of items then costs one allocation per item, not four.
	r := reader{b: bytes.Clone(payload), owned: true}
	it := r.item()
	return it, r.err
}

// encodeMeeting stores a meeting's header and note. Its items are not
// stored with it: they are derived from the note and kept apart
// (meetingitems.go), so the note stays the one source.
func encodeMeeting(m Meeting) []byte {
	var w writer
	w.b = make([]byte, 0, len(m.Note)+64)
	w.uvarint(uint64(m.ID))
	w.str(m.Person)
	w.varint(int64(m.Date))
	w.str(m.Time)
	w.uvarint(m.Rev)
	w.note(m.Note)
	return frame(w.b)
}

// decodeMeeting decodes a meeting record, without its items.
func decodeMeeting(b []byte) (Meeting, error) { return decodeMeetingInto(b, nil) }

// decodeMeetingInto is decodeMeeting decompressing the note into buf when
// it has room (reader.noteInto): the note is then valid only until buf is
// used again.
func decodeMeetingInto(b, buf []byte) (Meeting, error) {
	m, r, err := decodeMeetingHead(b)
	if err != nil {
		return m, err
	}
	m.Note = r.noteInto(buf)
	return m, r.err
}

// decodeMeetingHead decodes a meeting record but its note, and returns a
// reader at the note.
func decodeMeetingHead(b []byte) (Meeting, reader, error) {
	payload, err := unframe(b)
	if err != nil {
		return Meeting{}, reader{}, err
	}
	r := reader{b: payload}
	m := Meeting{
		ID:     MeetingID(r.uvarint()),
		Person: r.str(),
		Date:   Date(r.varint()),
		Time:   r.str(),
		Rev:    r.uvarint(),
	}
	return m, r, r.err
}

// encodePostings delta-encodes ascending meeting ids.
func encodePostings(ids []MeetingID) []byte {
	var w writer
	w.b = make([]byte, 0, 2+len(ids)*3)
	w.uvarint(uint64(len(ids)))
	var prev MeetingID
	for _, id := range ids {
		w.uvarint(uint64(id - prev))
		prev = id
	}
	return frame(w.b)
}

func decodePostings(b []byte) ([]MeetingID, error) {
	payload, err := unframe(b)
	if err != nil {
		return nil, err
	}
	r := reader{b: payload}
	n := r.uvarint()
	if n > uint64(len(payload)) {
		r.fail()
	}
	if r.err != nil {
		return nil, r.err
	}
	ids := make([]MeetingID, 0, n)
	var prev MeetingID
	for i := uint64(0); i < n && r.err == nil; i++ {
		prev += MeetingID(r.uvarint())
		ids = append(ids, prev)
	}
	return ids, r.err
}
