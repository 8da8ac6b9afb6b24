package journal

// How a search reads the notes it names: records by a cursor stepping
// back, notes into a buffer per worker, and a one-word search only as far
// as the line its word is first on.

import (
	"bytes"
	"encoding/binary"
	"strings"
	"sync"

	bolt "go.etcd.io/bbolt"
)

// firstLine is a test for reader.notePrefix: whether the start of a note
// holds w, an ASCII query word, and the end of the line it is first on,
// so that matchNote cuts the same hit from it as from the whole note (the
// first match that ends inside the start is the first match of all). A
// note with a character that lower-cases into w's letters (indexFold) is
// read whole. Each call looks only at what the last did not. A value, not
// a closure: one per note read, on the stack.
type firstLine struct {
	w            string
	at, from     int
	hasK, hasI   bool
	whole, found bool
}

func newFirstLine(w string) firstLine {
	return firstLine{w: w, hasK: strings.Contains(w, "k"), hasI: strings.Contains(w, "i")}
}

// holds is the test.
func (f *firstLine) holds(p string) bool {
	if f.whole {
		return false
	}
	if !f.found {
		if f.hasK && strings.Contains(p[f.from:], "\u212a") || f.hasI && strings.Contains(p[f.from:], "\u0130") {
			f.whole = true
			return false
		}
		k := indexFoldASCII(p[f.from:], f.w)
		if k < 0 {
			// A match may begin in the last len(w)-1 bytes, and a
			// Kelvin sign in the last two.
			f.from = max(0, len(p)-max(len(f.w)-1, 2))
			return false
		}
		f.at, f.found = f.from+k, true
	}
	return strings.IndexByte(p[f.at:], '\n') >= 0
}

// noteBufs holds the buffers notes are decompressed into by matchBatch.
// 16 KB holds all but the longest notes; those get a slice of their own.
var noteBufs = sync.Pool{New: func() any { b := make([]byte, 16<<10); return &b }}

// recordWalk reads meeting records for descending ids. Where the ids are
// dense (a common word's matches) the next record is a step or two back
// from the last one, and stepping a cursor is cheaper than descending the
// tree again for each; where they are sparse it seeks.
type recordWalk struct {
	c    *bolt.Cursor
	k, v []byte
	key  [8]byte
}

func newRecordWalk(b *bolt.Bucket) *recordWalk { return &recordWalk{c: b.Cursor()} }

// get returns the record of id, or nil; ids must come in descending order.
func (w *recordWalk) get(id MeetingID) []byte {
	binary.BigEndian.PutUint64(w.key[:], uint64(id))
	key := w.key[:]
	if w.k == nil {
		if w.k, w.v = w.c.Seek(key); w.k == nil {
			w.k, w.v = w.c.Last()
		}
	}
	for n := 0; w.k != nil && bytes.Compare(w.k, key) > 0; n++ {
		if n == 4 {
			w.k, w.v = w.c.Seek(key)
			break
		}
		w.k, w.v = w.c.Prev()
	}
	if w.k == nil {
		// Stepped back past the first record: the ids to come are all
		// smaller, so none is there; stay on the first record.
		w.k, w.v = w.c.First()
		return nil
	}
	if bytes.Equal(w.k, key) {
		return w.v
	}
	return nil
}
