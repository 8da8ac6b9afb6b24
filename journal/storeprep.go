package journal

import (
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Storing a note is mostly work on the note alone — reading it, encoding
// its record, its terms and its items' occurrences — and little on the
// file. For a batch of new notes (AddMeetings: import, the demo) that work
// runs ahead on all cores while the transaction writes the notes before,
// in the batch's order.

// preparedNote is a note read, stamped and encoded, ready to be written.
type preparedNote struct {
	record []byte          // encodeMeeting
	items  []byte          // the meeting_items record
	terms  map[string]bool // noteTerms
	occs   []preparedOcc   // one per item with a block id (eachOccurrence)
}

// preparedOcc is the occurrence record of one item of a note.
type preparedOcc struct {
	id  string
	rec []byte
}

// prepareNote sets m's note, items and pulse to note, stamped, and its
// reading, and encodes its records. m's ID, person, date, time and Rev
// must be final.
func prepareNote(m *Meeting, note []byte, read NoteReading) (*preparedNote, error) {
	if len(note) > MaxNoteSize {
		// Stamps add a few bytes a line: the stored note must still be
		// one the journal reads back.
		return nil, fmt.Errorf("note of %d bytes with its block ids is larger than the %d MiB a note may hold: %w", len(note), MaxNoteSize>>20, ErrInvalid)
	}
	m.Pulse, m.HasPulse = read.Pulse, read.HasPulse
	m.Note = string(note)
	m.Items = placeItems(read.Items, *m)
	pre := &preparedNote{
		record: encodeMeeting(*m),
		items:  encodeMeetingItems(m.Note, m.Items, m.Pulse, m.HasPulse),
		terms:  noteTerms(m.Note),
	}
	_ = eachOccurrence(m.Items, read.memos, func(it Item, o occurrence) error {
		pre.occs = append(pre.occs, preparedOcc{it.ID, encodeOccurrence(o)})
		return nil
	})
	return pre, nil
}

// batchNote is one note of a batch as prepared ahead of the transaction.
type batchNote struct {
	m   Meeting // as it will be stored, once pre is set
	pre *preparedNote
	err error
	// A note that needs fresh block ids keeps its scan: which ids are
	// free depends on the notes stored before it, so it is stamped in
	// the transaction, in order (stampScanned).
	st    *scanState
	found []located
}

// batchChunk is how many notes are prepared together: enough to keep both
// cores busy, few enough that writing starts early.
const batchChunk = 64

// storeBatch stores new meetings, with their final ids, as storeMeeting
// would one after the other in tx, and sets each to what is stored. The
// notes are read and encoded on all cores, a chunk ahead of the writes.
func storeBatch(tx *bolt.Tx, ms []Meeting, people map[string]Person, stamp Date, te termEdits) error {
	keeper, err := keeperOf(tx)
	if err != nil {
		return err
	}
	nc := func(m Meeting) NoteContext { return people[m.Person].noteContext(m.Date, keeper) }
	notes := make([]batchNote, len(ms))
	chunks := (len(ms) + batchChunk - 1) / batchChunk
	ready := make(chan int, 4) // chunks prepared, in order
	quit := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer close(ready)
		for c := 0; c < chunks; c++ {
			lo, hi := c*batchChunk, min((c+1)*batchChunk, len(ms))
			parallelFor(hi-lo, 1, func(i int) {
				n := &notes[lo+i]
				n.m = ms[lo+i]
				note := []byte(n.m.Note)
				st, found := scanAll(note, nc(n.m))
				needsID := false
				out, read, _ := stampScanned(note, nc(n.m), stamp, func() string { needsID = true; return "" }, st, found)
				if needsID {
					n.st, n.found = st, found
					return
				}
				n.pre, n.err = prepareNote(&n.m, out, read)
			})
			select {
			case ready <- c:
			case <-quit:
				return
			}
		}
	}()
	defer func() {
		close(quit)
		<-done
	}()
	for c := range ready {
		lo, hi := c*batchChunk, min((c+1)*batchChunk, len(ms))
		for i := lo; i < hi; i++ {
			n := &notes[i]
			if n.pre == nil && n.err == nil {
				note, read, _ := stampScanned([]byte(n.m.Note), nc(n.m), stamp, newIDGenerator(tx, n.m), n.st, n.found)
				n.pre, n.err = prepareNote(&n.m, note, read)
			}
			if n.err == nil {
				n.err = storePrepared(tx, nil, &n.m, n.pre, te)
			}
			if n.err != nil {
				return fmt.Errorf("add meeting with %s on %s: %w", n.m.Person, n.m.Date, n.err)
			}
			ms[i] = n.m
			*n = batchNote{} // what is written is not needed again
		}
	}
	return nil
}
