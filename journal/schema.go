package journal

import (
	"bytes"
	"encoding/binary"
)

// SchemaVersion is the layout of buckets and records this code writes. A
// file with a higher version was written by a newer 1on1 and is refused; a
// file with a lower one has its derived data rebuilt when it is opened
// (migrate), since the notes alone decide it.
//
// Version 2 scopes an item's identity to its person (SPEC 2.1: the same
// block id in two people's notes is two items) and keeps each occurrence's
// due date, so that an item's due-date history is derived data.
//
// Version 3 keeps each note's reading (its items and pulse) beside it
// (bucketMeetingItems), so that reading a meeting never parses its note.
//
// Version 4 stores notes with S2 (noteS2V1) instead of DEFLATE, so that a
// search printing thousands of matches is not spent decompressing them. A
// 1on1 of schema 3 would fail on every such note; the version makes it
// refuse the file with ErrSchema instead. The upgrade re-encodes the
// notes and leaves the derived data as it is.
const SchemaVersion = 4

// The buckets of a journal file. Keys sort the way queries read them, so a
// cursor Seek answers range questions without a scan. Values that hold data
// go through encodeRecord (version + checksum); index keys hold no value.
var (
	// bucketMeta: "schema" → big-endian uint32 SchemaVersion; "id_salt" →
	// the journal's block id salt; "keeper" → keeper record (name, handle),
	// absent until set; "vault_dir", "vault_file" 0x00 path and
	// "vault_dirty" 0x00 handle: the vault (vault.go), absent without one.
	bucketMeta = []byte("meta")
	// bucketPeople: handle → person record.
	bucketPeople = []byte("people")
	// bucketMeetings: MeetingID (8 bytes, big-endian: date then sequence,
	// so keys sort by date) → meeting record (header, note, derived items).
	bucketMeetings = []byte("meetings")
	// bucketMeetingItems: MeetingID → the note's reading as saved: its
	// items as the note has them (texts as offsets into the note) and its
	// pulse (meetingitems.go). Derived; schema 3 on.
	bucketMeetingItems = []byte("meeting_items")
	// bucketByPerson: handle 0x00 MeetingID → nil: a person's meetings in
	// date order.
	bucketByPerson = []byte("by_person")
	// bucketItems: block id 0x00 handle → nil: whose notes use a block id,
	// so that an id given without a person finds its item, or says which
	// people share it.
	bucketItems = []byte("items")
	// bucketOccurrences: handle 0x00 block id 0x00 MeetingID → occurrence
	// record (state, due, text hash, due phrase and struck due dates as
	// that meeting's note has them). The last key of an item is its latest
	// meeting.
	bucketOccurrences = []byte("occurrences")
	// bucketPersonItems: handle 0x00 block id → item record: a commitment
	// or follow-up as its latest occurrence says, with first-seen date and
	// carried count. A person's items are one range: the ledger reads it.
	bucketPersonItems = []byte("person_items")
	// bucketOpen: due date (4 bytes, big-endian; undated sorts last as
	// 0xFFFFFFFF) then handle 0x00 block id → copy of the item record: open
	// commitments only, so overdue queries read one range whose size is
	// what is open, not what was ever written.
	bucketOpen = []byte("open")
	// bucketOpenFollowUps: handle 0x00 block id → copy of the item record.
	bucketOpenFollowUps = []byte("open_followups")
	// bucketTerms: term 0x00 first MeetingID of the chunk → posting chunk
	// record (ascending MeetingIDs, delta-encoded): the search index.
	bucketTerms = []byte("terms")
	// bucketQueue: handle 0x00 queue id → queued record: a topic or
	// feedback to give waiting for the next 1:1 (queue.go). The id becomes
	// the item's block id in the note that takes it, so an entry is
	// waiting exactly while no note holds its id. User data, not derived.
	bucketQueue = []byte("queue")
	// bucketTemplates: "default", "role/<role>" or "person/<handle>" →
	// template record: the markdown a new meeting starts from
	// (template.go). User data, not derived.
	bucketTemplates = []byte("templates")
)

// allBuckets lists every bucket, created with a new journal.
var allBuckets = [][]byte{
	bucketMeta, bucketPeople, bucketMeetings, bucketByPerson, bucketItems,
	bucketOccurrences, bucketPersonItems, bucketOpen, bucketOpenFollowUps, bucketTerms,
	bucketQueue, bucketTemplates, bucketMeetingItems,
}

// addedBuckets came after the first journals were made (schema 1): the
// queue and templates with schema 2, meeting_items with schema 3. The
// upgrade creates them; only an older journal may lack them, and there a
// read reads a missing one as empty.
var addedBuckets = [][]byte{bucketQueue, bucketTemplates, bucketMeetingItems}

// isAddedBucket reports whether name is one of addedBuckets.
func isAddedBucket(name []byte) bool {
	for _, b := range addedBuckets {
		if bytes.Equal(b, name) {
			return true
		}
	}
	return false
}

// derivedBuckets are rebuilt from the notes by Repair.
var derivedBuckets = [][]byte{
	bucketByPerson, bucketItems, bucketOccurrences, bucketPersonItems,
	bucketOpen, bucketOpenFollowUps, bucketTerms, bucketMeetingItems,
}

var (
	keySchema = []byte("schema")
	// keyIDSalt: 8 random bytes made with the journal; block ids derive
	// from them, so two journals never hand out the same sequence of ids
	// (an import of one into the other would merge unrelated promises).
	keyIDSalt = []byte("id_salt")
	// keyKeeper: who keeps the journal (Keeper), read with every note.
	keyKeeper = []byte("keeper")
)

const sep = 0x00

// joinKey returns a 0x00 b; handles, block ids and terms never hold 0x00.
func joinKey(a []byte, b ...[]byte) []byte {
	n := len(a) + 1
	for _, x := range b {
		n += len(x)
	}
	k := make([]byte, 0, n)
	k = append(k, a...)
	k = append(k, sep)
	for _, x := range b {
		k = append(k, x...)
	}
	return k
}

// prefixKey returns a 0x00, the prefix of every joinKey(a, …).
func prefixKey(a []byte) []byte { return joinKey(a) }

// splitKey returns what follows the first 0x00 of k.
func splitKey(k []byte) (head, tail []byte) {
	i := bytes.IndexByte(k, sep)
	if i < 0 {
		return k, nil
	}
	return k[:i], k[i+1:]
}

func meetingKey(id MeetingID) []byte {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(id))
	return b[:]
}

func meetingIDFromKey(b []byte) MeetingID {
	if len(b) != 8 {
		return 0
	}
	return MeetingID(binary.BigEndian.Uint64(b))
}

// itemKey names an item: its person's handle, then its block id.
func itemKey(handle, id string) []byte { return joinKey([]byte(handle), []byte(id)) }

// occurrencePrefix is the prefix of every occurrence key of an item.
func occurrencePrefix(handle, id string) []byte { return prefixKey(itemKey(handle, id)) }

// occurrenceKey names one meeting's occurrence of an item.
func occurrenceKey(handle, id string, mid MeetingID) []byte {
	return append(occurrencePrefix(handle, id), meetingKey(mid)...)
}

// splitOccurrenceKey is the inverse of occurrenceKey.
func splitOccurrenceKey(k []byte) (handle, id string, mid MeetingID) {
	if len(k) < 9 {
		return "", "", 0
	}
	h, rest := splitKey(k[:len(k)-9])
	return string(h), string(rest), meetingIDFromKey(k[len(k)-8:])
}

// openKey orders open commitments by due date, undated last.
func openKey(due Date, handle, id string) []byte {
	var b [4]byte
	v := uint32(0xFFFFFFFF)
	if !due.IsZero() {
		v = uint32(due)
	}
	binary.BigEndian.PutUint32(b[:], v)
	return append(b[:], itemKey(handle, id)...)
}

// splitOpenKey is the inverse of openKey.
func splitOpenKey(k []byte) (due Date, handle, id string) {
	if len(k) < 4 {
		return 0, "", ""
	}
	v := binary.BigEndian.Uint32(k[:4])
	if v != 0xFFFFFFFF {
		due = Date(v)
	}
	h, i := splitKey(k[4:])
	return due, string(h), string(i)
}
