package journal

import (
	"bytes"
	"fmt"
	"strings"
)

// rewriteItem returns note with the item whose block id is id changed as ch
// says. Only the bytes of that item's lines change:
//
//   - ActionDone ticks the box ([x]; a plain follow-up bullet gets "[x] ")
//     and adds " done:<today>" before the block id unless a done date is
//     there;
//   - ActionDrop marks it [-] (a plain bullet gets "[-] ");
//   - ActionReopen clears the box ([ ]) and removes its done dates;
//   - ActionRedate strikes the due date in force with the day of the move
//     and writes the new one after it ("~~due:2026-12-11~~ (moved
//     2026-12-16) due:2027-01-17", SPEC 2.1), else, for an undated item,
//     adds " due:<date>" before the block id.
//
// The error wraps ErrNotFound when the note holds no item with that id,
// ErrNoteChanged when ch.Seen is set and the item's text is no longer
// ch.Seen, and ErrInvalid for an unknown action or a redate without a date.
func rewriteItem(note []byte, nc NoteContext, id string, ch Change, today Date) ([]byte, error) {
	// Of repeats of an id in one note the last speaks for the item (byID),
	// so the last is the one changed.
	var it *located
	items := scan(note, nc)
	for i := range items {
		if items[i].ID == id && id != "" {
			it = &items[i]
		}
	}
	if it == nil {
		return nil, fmt.Errorf("item %s: %w", id, ErrNotFound)
	}
	if ch.Seen != "" && ch.Seen != it.Text {
		return nil, fmt.Errorf("item %s: %w", id, ErrNoteChanged)
	}
	var edits []edit
	switch ch.Action {
	case ActionDone:
		var err error
		if edits, err = it.setState(StateDone); err != nil {
			return nil, fmt.Errorf("item %s: %w", id, err)
		}
		if it.Done.IsZero() && today > 0 {
			end := it.textEnd()
			edits = append(edits, edit{at: end, end: end, text: " done:" + today.String()})
		}
	case ActionDrop:
		var err error
		if edits, err = it.setState(StateDropped); err != nil {
			return nil, fmt.Errorf("item %s: %w", id, err)
		}
	case ActionReopen:
		// A bullet that is done or dropped by its own words ("(done)",
		// "~~…~~", "✅") gets an open box, which outranks them.
		if it.box >= 0 || it.row != nil || it.keyword() || it.State != StateOpen {
			edits, _ = it.setState(StateOpen)
		}
		if out := applyEdits(note, append(edits, it.removeDoneDates()...)); keepsShape(items, it, out, nc) {
			return out, nil
		}
		// Taking the date out would turn the line into something else ("#✅
		// 2026-11-20" into a heading): reopen and leave the date.
	case ActionRedate:
		if ch.Due <= 0 {
			return nil, fmt.Errorf("redate item %s: a due date is needed: %w", id, ErrInvalid)
		}
		edits = it.redateKeepingHistory(ch.Due, today)
	default:
		return nil, fmt.Errorf("change item %s: unknown action %d: %w", id, ch.Action, ErrInvalid)
	}
	out := applyEdits(note, edits)
	if !keepsShape(items, it, out, nc) && it.box < 0 && it.keyword() && ch.Action != ActionRedate {
		// Another keyword would give the item another owner (GitLab's TODO is
		// theirs, DONE nobody's): keep the keyword and put a box before it.
		state := map[Action]State{ActionDone: StateDone, ActionDrop: StateDropped, ActionReopen: StateOpen}[ch.Action]
		boxed := it.boxState(state)
		for _, e := range edits {
			if e.at != it.pieces[0].src || e.end != e.at+it.markerAt.end {
				boxed = append(boxed, e)
			}
		}
		out = applyEdits(note, boxed)
	}
	if !keepsShape(items, it, out, nc) {
		return nil, fmt.Errorf("change item %s: the note would change around it; edit the note by hand: %w", id, ErrInvalid)
	}
	return out, nil
}

// keepsShape reports whether out holds the same items as before on the same
// lines, the changed one included. Edits stay inside one item's text, but
// markdown reads some lines by their whole content (a "---" underline, a
// table's delimiter row), so the result is checked rather than assumed.
func keepsShape(before []located, changed *located, out []byte, nc NoteContext) bool {
	after := scan(out, nc)
	if len(after) != len(before) {
		return false
	}
	for i := range before {
		b, a := &before[i], &after[i]
		// A topic given a due date, or a topic with an owner mark or a date
		// given a box, becomes a promise (SPEC 2.4): the one change of kind
		// a change may make.
		dated := b == changed && b.Kind == FollowUp && a.Kind == Commitment
		if !dated && (a.Kind != b.Kind || a.Owner != b.Owner) || a.Line != b.Line || a.ID != b.ID {
			return false
		}
		if b != changed && (a.Text != b.Text || a.State != b.State || a.Due != b.Due || a.Done != b.Done) {
			return false
		}
	}
	return true
}

// mark sets the item's checkbox to c unless it already holds one of keep;
// a plain bullet gets a checkbox.
func (it *located) mark(c byte, keep string) []edit {
	if it.box < 0 {
		at := it.pieces[0].src
		return []edit{{at: at, end: at, text: "[" + string(c) + "] "}}
	}
	// The box's state byte: the note is not at hand, so compare through the
	// state the scan read.
	cur := map[State]byte{StateOpen: ' ', StateDone: 'x', StateDropped: '-'}[it.State]
	if strings.IndexByte(keep, cur) >= 0 {
		return nil
	}
	return []edit{{at: it.box + 1, end: it.box + 2, text: string(c)}}
}

// removeDoneDates removes every done:/✅ token and the blanks before it on
// its line. Tokens that are all of the item's text stay: without text it
// would be no item at all.
func (it *located) removeDoneDates() []edit {
	var edits []edit
	toks := dateTokens(doneTokenRe(), it.Text)
	rest := []byte(it.Text)
	for i := len(toks) - 1; i >= 0; i-- {
		rest = append(rest[:toks[i].tok.start], rest[toks[i].tok.end:]...)
	}
	if len(bytes.TrimSpace(rest)) == 0 {
		return nil
	}
	for _, tok := range toks {
		start := tok.tok.start
		for start > 0 && (it.raw[start-1] == ' ' || it.raw[start-1] == '\t') && it.sameLine(start-1, tok.tok.start) {
			start--
		}
		end := tok.tok.end
		if start == tok.tok.start {
			// The token starts its line: take the blanks after it instead.
			for end < len(it.Text) && (it.Text[end] == ' ' || it.Text[end] == '\t') && it.sameLine(tok.tok.end, end+1) {
				end++
			}
		}
		for _, r := range it.srcRanges(textRange{start, end}) {
			edits = append(edits, edit{at: r.start, end: r.end})
		}
	}
	return edits
}

// sameLine reports whether raw[a:b] lies within one piece, that is one line
// of the note.
func (it *located) sameLine(a, b int) bool {
	for _, pc := range it.pieces {
		if a >= pc.text && b <= pc.text+pc.n {
			return true
		}
	}
	return false
}

// redate sets the item's due date to due.
func (it *located) redate(due Date) []edit {
	iso := due.String()
	if it.row != nil && it.row.hasDue {
		r := it.row.due
		if r.start == r.end {
			iso += " "
		}
		return []edit{{at: r.start, end: r.end, text: iso}}
	}
	if !it.Due.IsZero() {
		span := it.due
		if !it.dueToken {
			// "before Dec 9", "next Tuesday": an ISO date in their place
			// would read as another day, or none; "by <date>" reads as it.
			if start, keep := dueLead(it.Text, it.due); !keep {
				span.start, iso = start, "by "+iso
			}
		}
		if r := it.srcRanges(span); len(r) == 1 && it.sameLine(span.start, span.end) {
			return []edit{{at: r[0].start, end: r[0].end, text: iso}}
		}
	}
	// No date, or a phrase split over lines: a due: token comes first
	// whatever the phrase says.
	end := it.textEnd()
	return []edit{{at: end, end: end, text: " due:" + iso}}
}

// setState returns the edits that give the item the state s, in the form
// the item is written in: its checkbox; the task keyword leading it (TODO,
// DONE, WONT…); a table row's status cell. A plain bullet gets a checkbox.
func (it *located) setState(s State) ([]edit, error) {
	switch {
	case it.row != nil:
		if !it.row.hasStatus {
			if s == StateDropped {
				return nil, fmt.Errorf("its table has no status column to mark it dropped: %w", ErrInvalid)
			}
			return nil, nil // done and open read from its done date
		}
		word := map[State]string{StateOpen: "Open", StateDone: "Done", StateDropped: "Dropped"}[s]
		if statusState(it.row.statusText) == s && it.row.statusText != "" {
			return nil, nil
		}
		r := it.row.status
		if r.start == r.end {
			word += " "
		}
		return []edit{{at: r.start, end: r.end, text: word}}, nil
	case it.box < 0 && it.keyword():
		if it.State == s {
			return nil, nil
		}
		var word string
		switch s {
		case StateDone:
			word = "DONE"
		case StateDropped:
			word = "CANCELED"
			if it.gitlab {
				word = "WONT"
			}
		default:
			word = "TODO"
			if it.gitlab && it.Owner == Me {
				word = "DOTO"
			}
		}
		r := it.srcRanges(it.markerAt)
		if len(r) != 1 {
			return nil, fmt.Errorf("its keyword is split over lines: %w", ErrInvalid)
		}
		return []edit{{at: r[0].start, end: r[0].end, text: word}}, nil
	}
	return it.boxState(s), nil
}

// boxState sets the item's checkbox to s; a plain bullet gets one.
func (it *located) boxState(s State) []edit {
	switch s {
	case StateDone:
		return it.mark('x', "xX")
	case StateDropped:
		return it.mark('-', "-~")
	}
	return it.mark(' ', " /")
}

// keyword reports whether the item leads with a task keyword that holds its
// state (TODO, DONE, LATER…); "AI:" and "Action:" hold none.
func (it *located) keyword() bool {
	return it.marker != noMarker && it.marker != markAction && it.marker != markDiscuss
}
