package journal

import (
	"bytes"
	"sort"
)

// Stamp returns the note with, on save (SPEC 2.1):
//
//  1. " done:<done>" added to every ticked commitment and follow-up ([x] or
//     [X]) that carries no done date (done: or ✅ form), before its block
//     id;
//  2. " ^<id>" appended to every commitment, follow-up and feedback to
//     give without a block id, ids from newID.
//
// A row of an action-item table takes both at the end of its action cell.
//
// Every other byte is preserved exactly: CRLF line endings, tabs, trailing
// text, syntax the journal does not know. Stamping a stamped note changes
// nothing. A zero done date stamps no done dates, and a nil newID no ids;
// an id from newID that is not letters, digits and dashes, or that the note
// already holds, is asked for again a few times and then skipped.
// changed reports whether anything was added.
func Stamp(note []byte, nc NoteContext, done Date, newID func() string) (out []byte, changed bool) {
	out, _, changed = stampItems(note, nc, done, newID)
	return out, changed
}

// stampItems is Stamp that also returns the items of the note it returns,
// as Extract would give them, parsing the note once where it can: saving
// a note is the journal's hottest path.
func stampItems(note []byte, nc NoteContext, done Date, newID func() string) (out []byte, items []Item, changed bool) {
	out, r, changed := stampRead(note, nc, done, newID)
	return out, r.Items, changed
}

// stampRead is stampItems that also returns the rest of the note's reading
// (pulse, private sections), which stamps never change but for offsets.
func stampRead(note []byte, nc NoteContext, done Date, newID func() string) (out []byte, r NoteReading, changed bool) {
	st, found := scanAll(note, nc)
	return stampScanned(note, nc, done, newID, st, found)
}

// stampScanned is stampRead of a note already scanned (scanAll).
func stampScanned(note []byte, nc NoteContext, done Date, newID func() string, st *scanState, found []located) (out []byte, r NoteReading, changed bool) {
	out, r.Items, changed = stampFound(note, nc, done, newID, found)
	r.Pulse, r.HasPulse = st.pulse, st.hasPulse
	r.memos = memosOf(found)
	if changed && len(st.private) > 0 {
		r.Private = PrivateSpans(out)
	} else {
		r.Private = st.private
	}
	return out, r, changed
}

func stampFound(note []byte, nc NoteContext, done Date, newID func() string, found []located) (out []byte, items []Item, changed bool) {
	used := make(map[string]bool)
	for _, it := range found {
		if it.ID != "" {
			used[it.ID] = true
		}
	}
	var (
		edits []edit
		// multiLine is set when a stamp lands on a continuation line, the
		// only place where markdown might read the stamped line differently.
		multiLine bool
	)
	items = make([]Item, len(found))
	for i := range found {
		it := &found[i]
		items[i] = it.Item
		if it.Kind != Commitment && it.Kind != FollowUp && it.Kind != FeedbackToGive || !it.stampable(note) {
			continue
		}
		n := len(edits)
		if it.State == StateDone && it.Done.IsZero() && done > 0 {
			edits = append(edits, edit{at: it.textEnd(), end: it.textEnd(), text: " done:" + done.String()})
			items[i].Text += " done:" + done.String()
			items[i].Done = done
		}
		if it.ID == "" && newID != nil {
			if id := freshID(newID, used); id != "" {
				end := it.srcOffset(len(it.raw))
				edits = append(edits, edit{at: end, end: end, text: " ^" + id})
				items[i].ID = id
			}
		}
		if len(edits) > n && (len(it.pieces) > 1 || it.box >= 0 && bytes.IndexByte(note[it.box:it.pieces[0].src], '\n') >= 0) {
			multiLine = true
		}
	}
	if len(edits) == 0 {
		return note, items, false
	}
	out = applyEdits(note, edits)
	if multiLine {
		after, ok := stampKeepsShape(found, out, nc, done)
		if !ok {
			// Markdown read the stamped note differently: better no stamps
			// than a note whose items moved.
			return note, itemsOf(found), false
		}
		return out, itemsOf(after), true
	}
	// Stamps on single-line items add text at the end of their line, which
	// changes nothing else markdown sees: items are as predicted above.
	return out, items, true
}

func itemsOf(found []located) []Item {
	items := make([]Item, len(found))
	for i, f := range found {
		items[i] = f.Item
	}
	return items
}

// memosOf returns what dueOf said of each item's text, in found's order.
func memosOf(found []located) []*dueMemo {
	memos := make([]*dueMemo, len(found))
	for i, f := range found {
		memos[i] = f.memo
	}
	return memos
}

// stampable reports whether text can be added at the end of the item's last
// line without changing what markdown makes of it. A last line that is a
// bare list marker ("*", "1.") is paragraph text only while it is bare: with
// text after it, it starts a list item.
func (it *located) stampable(note []byte) bool {
	last := it.pieces[len(it.pieces)-1]
	if it.box >= 0 && !bytes.ContainsRune(note[it.box:last.src], '\n') {
		return true // the checkbox comes first on that line
	}
	return !bareListMarker(note[last.src : last.src+last.n])
}

// bareListMarker reports whether line is "*", "-", "+", "1." or "1)".
func bareListMarker(line []byte) bool {
	switch {
	case len(line) == 1:
		return line[0] == '*' || line[0] == '-' || line[0] == '+'
	case len(line) >= 2 && len(line) <= 10 && (line[len(line)-1] == '.' || line[len(line)-1] == ')'):
		for _, c := range line[:len(line)-1] {
			if c < '0' || c > '9' {
				return false
			}
		}
		return true
	}
	return false
}

// stampKeepsShape reports whether the stamped note out holds the items of
// the note before it on the same lines, changed only by the stamps.
func stampKeepsShape(before []located, out []byte, nc NoteContext, done Date) ([]located, bool) {
	after := scan(out, nc)
	if len(after) != len(before) {
		return nil, false
	}
	for i := range before {
		b, a := &before[i], &after[i]
		if a.Kind != b.Kind || a.Line != b.Line || a.State != b.State || a.Owner != b.Owner || a.Due != b.Due ||
			b.ID != "" && a.ID != b.ID || a.Text != b.Text && a.Text != b.Text+" done:"+done.String() {
			return nil, false
		}
	}
	return after, true
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
