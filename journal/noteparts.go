package journal

import (
	"strconv"
	"strings"
)

// Parts of a note that are not items: the meeting's pulse (SPEC 2.2, 2.4)
// and the private sections left out of everything made to be shared.

// Span is a half-open byte range of a note.
type Span struct{ Start, End int }

var (
	// pulseRe reads a pulse line: "pulse: 7/10", "**Mood:** 4/5", "Energy
	// level? 6/10", "- Energy: 8/10", after an optional bold label
	// ("**Check-in:** Energy level? 7/10").
	pulseRe = lazyRegexp(`(?i)^(?:[-*+][ \t]+)?(?:\*\*[^*]{1,40}\*\*:?[ \t]+)?[*_]{0,2}(pulse|mood|energy(?:[ \t]+level)?)[*_]{0,2}[ \t]*[:?][*_]{0,2}[ \t]*(\d{1,2})[ \t]*/[ \t]*(10|5)[*_]{0,2}[ \t]*\.?$`)
	// scaleRe reads "Scale 1-10: 7".
	scaleRe = lazyRegexp(`(?i)^(?:[-*+][ \t]+)?[*_]{0,2}scale(?:[ \t]+of)?[ \t]+1[ \t]*(?:-|–|to)[ \t]*10[*_]{0,2}[ \t]*[:?]?[*_]{0,2}[ \t]*(\d{1,2})[ \t]*\.?$`)
)

// pulseOfLine reads a line of its own as a pulse on the 0–10 scale.
func pulseOfLine(line string) (int, bool) {
	if len(line) > 120 || !strings.ContainsAny(line, "/0123456789") {
		return 0, false
	}
	if m := pulseRe().FindStringSubmatch(line); m != nil {
		n, _ := strconv.Atoi(m[2])
		den, _ := strconv.Atoi(m[3])
		if n > den {
			return 0, false
		}
		return n * 10 / den, true
	}
	if m := scaleRe().FindStringSubmatch(line); m != nil {
		n, _ := strconv.Atoi(m[1])
		if n > 10 {
			return 0, false
		}
		return n, true
	}
	return 0, false
}

// NoteReading is what a note says beyond its text.
type NoteReading struct {
	Items []Item
	// Pulse is the person's mood or energy on a 0–10 scale, from the
	// first pulse line; HasPulse says whether the note has one.
	Pulse    int
	HasPulse bool
	// Private are the note's private sections: from a heading that says
	// "private" to the next heading of the same or a higher level.
	Private []Span
	// memos are what dueOf said of each item's text as the note was
	// read (a memo may be of an older text: dueSpan checks).
	memos []*dueMemo
}

// Read reads a note's items, pulse and private sections in one parse.
func Read(note []byte, nc NoteContext) NoteReading {
	st, found := scanAll(note, nc)
	r := NoteReading{Pulse: st.pulse, HasPulse: st.hasPulse, Private: st.private}
	if len(found) > 0 {
		r.Items, r.memos = itemsOf(found), memosOf(found)
	}
	return r
}

// PulseOf returns a note's pulse on a 0–10 scale; ok is false when it has
// none.
func PulseOf(note []byte) (pulse int, ok bool) {
	r := Read(note, NoteContext{})
	return r.Pulse, r.HasPulse
}

// PrivateSpans returns the byte ranges of a note's private sections, each
// from its heading's line to the next heading of the same or a higher
// level, in order.
func PrivateSpans(note []byte) []Span {
	return Read(note, NoteContext{}).Private
}

// WithoutPrivate returns the note with its private sections left out, for
// everything made to be shared.
func WithoutPrivate(note []byte) []byte {
	spans := PrivateSpans(note)
	if len(spans) == 0 {
		return note
	}
	out := make([]byte, 0, len(note))
	last := 0
	for _, s := range spans {
		out = append(out, note[last:s.Start]...)
		last = s.End
	}
	return append(out, note[last:]...)
}

// InPrivate reports whether the 1-based line of a note falls in one of its
// private spans, as an item's Line does.
func InPrivate(note []byte, spans []Span, line int) bool {
	if len(spans) == 0 || line < 1 {
		return false
	}
	idx := newLineIndex(note)
	if line > len(idx) {
		return false
	}
	off := idx[line-1]
	for _, s := range spans {
		if off >= s.Start && off < s.End {
			return true
		}
	}
	return false
}
