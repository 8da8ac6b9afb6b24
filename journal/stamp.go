package journal

import (
	"sort"
)

// Stamp returns the note with, on save (SPEC 2.1):
//
//  1. " done:<done>" added to every ticked commitment and follow-up ([x] or
//     [X]) that carries no done date (done: or ✅ form), before its block
//     id;
//  2. " ^<id>" appended to every commitment and follow-up without a block
//     id, ids from newID.
//
// Every other byte is preserved exactly: CRLF line endings, tabs, trailing
// text, syntax the journal does not know. Stamping a stamped note changes
// nothing. A zero done date stamps no done dates, and a nil newID no ids;
// an id from newID that is not letters, digits and dashes, or that the note
// already holds, is asked for again a few times and then skipped.
// changed reports whether anything was added.
func Stamp(note []byte, nc NoteContext, done Date, newID func() string) (out []byte, changed bool) {
	items := scan(note, nc)
	used := make(map[string]bool)
	for _, it := range items {
		if it.ID != "" {
			used[it.ID] = true
		}
	}
	var edits []edit
	for i := range items {
		it := &items[i]
		if it.Kind != Commitment && it.Kind != FollowUp {
			continue
		}
		if it.State == StateDone && it.Done.IsZero() && done > 0 {
			edits = append(edits, edit{at: it.textEnd(), end: it.textEnd(), text: " done:" + done.String()})
		}
		if it.ID == "" && newID != nil {
			if id := freshID(newID, used); id != "" {
				end := it.srcOffset(len(it.raw))
				edits = append(edits, edit{at: end, end: end, text: " ^" + id})
			}
		}
	}
	if len(edits) == 0 {
		return note, false
	}
	return applyEdits(note, edits), true
}

// freshID asks newID for an id the note does not hold yet.
func freshID(newID func() string, used map[string]bool) string {
	for range 8 {
		id := newID()
		if validID(id) && !used[id] {
			used[id] = true
			return id
		}
	}
	return ""
}

// edit replaces note[at:end] with text; at == end inserts.
type edit struct {
	at, end int
	text    string
}

// applyEdits returns a copy of note with edits made. Edits must not overlap;
// insertions at the same offset land in the order given.
func applyEdits(note []byte, edits []edit) []byte {
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].at < edits[j].at })
	n := len(note)
	for _, e := range edits {
		n += len(e.text) - (e.end - e.at)
	}
	out := make([]byte, 0, n)
	last := 0
	for _, e := range edits {
		out = append(out, note[last:e.at]...)
		out = append(out, e.text...)
		last = e.end
	}
	return append(out, note[last:]...)
}
