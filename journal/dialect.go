package journal

import (
	"bytes"
	"strings"
)

// Other tools' task dialects (SPEC 2.4): Logseq's and GitLab's leading
// markers, "AI:"/"Action:" leads, and the bullets that only look like
// promises (decisions, past events, template placeholders).

// marker is a task keyword leading an item's text.
type marker uint8

const (
	noMarker     marker = iota
	markTodo            // TODO: open; theirs in a GitLab agenda
	markDoto            // DOTO: open, mine (GitLab)
	markLater           // LATER, NOW, DOING: open (Logseq)
	markDone            // DONE
	markWont            // WONT: dropped (GitLab)
	markCanceled        // CANCELED, CANCELLED: dropped (Logseq)
	markDiscuss         // DISCUSS: a topic (GitLab)
	markAction          // "AI:", "Action:", "Action item:": open
)

var markerWords = []struct {
	word  string
	m     marker
	colon bool // the word must be followed by ':'
}{
	{"TODO", markTodo, false}, {"DOTO", markDoto, false}, {"LATER", markLater, false},
	{"NOW", markLater, false}, {"DOING", markLater, false}, {"DONE", markDone, false},
	{"WONT", markWont, false}, {"CANCELED", markCanceled, false}, {"CANCELLED", markCanceled, false},
	{"DISCUSS", markDiscuss, false}, {"AI", markAction, true}, {"Action item", markAction, true},
	{"Action", markAction, true}, {"ACTION", markAction, true},
}

// leadMarker reads a marker at the start of text. Keywords are upper case,
// as both tools write them, and stand alone: "TODO list for the quarter" and
// "NOWhere" are prose. n is the length of the marker and the blanks and
// colon after it.
func leadMarker(text string) (marker, int) {
	t := strings.TrimLeft(text, "*_")
	for _, mw := range markerWords {
		if !strings.HasPrefix(t, mw.word) {
			continue
		}
		rest := t[len(mw.word):]
		rest = strings.TrimLeft(rest, "*_")
		if mw.colon {
			switch {
			case strings.HasPrefix(rest, ":"):
				rest = rest[1:]
			case ownerAfterLabel(rest):
				// "AI (Robin): draft…", "AI - @nia - confirm…", "Action — [Kim] …":
				// the owner between label and action is read as a lead.
				rest = strings.TrimLeft(rest, " \t-—–")
			default:
				continue
			}
		} else {
			rest = strings.TrimPrefix(rest, ":")
			if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
				continue
			}
			// A keyword used as a noun: "TODO list", "DONE items".
			w := lower(leadingWord(strings.TrimLeft(rest, " \t")))
			if w == "list" || w == "lists" || w == "items" || w == "item" || w == "is" || w == "was" {
				continue
			}
		}
		body := strings.TrimLeft(rest, " \t")
		if strings.TrimSpace(body) == "" {
			return noMarker, 0
		}
		return mw.m, len(text) - len(body)
	}
	return noMarker, 0
}

// ownerAfterLabel reports whether what follows "AI" or "Action" is an
// owner in parentheses and a colon ("(Robin):"), or a dash and a mention or
// bracket ("- @nia", "— [Kim]"): the label then needs no colon of its own.
// "AI - the future of search" stays prose.
func ownerAfterLabel(rest string) bool {
	if strings.HasPrefix(rest, " (") || strings.HasPrefix(rest, "(") {
		r := strings.TrimLeft(rest, " ")
		end := strings.IndexByte(r, ')')
		return end > 1 && end < 40 && strings.HasPrefix(strings.TrimLeft(r[end+1:], "*_ "), ":")
	}
	for _, d := range []string{" - ", " — ", " – "} {
		if r, ok := strings.CutPrefix(rest, d); ok {
			r = strings.TrimLeft(r, " *_")
			return strings.HasPrefix(r, "@") || strings.HasPrefix(r, "[")
		}
	}
	return false
}

// usesGitLabTags reports whether a note uses GitLab's agenda tags, the only
// place where a bare TODO is the person's and not mine.
func usesGitLabTags(note []byte) bool {
	for _, tag := range [][]byte{[]byte("DOTO "), []byte("DISCUSS "), []byte("WONT ")} {
		if bytes.Contains(note, tag) {
			return true
		}
	}
	return false
}

// notAPromise reports whether a checkbox-less line under an action heading
// reports a decision or a past event rather than a promise ("Agreed to keep
// the stand-up", "Offsite booked for May 4"), or is a template's
// placeholder ("_Example: …_").
func notAPromise(text string) bool {
	if isPlaceholder(text) {
		return true
	}
	t := lower(strings.TrimLeft(text, "*_ "))
	for _, w := range []string{"approved", "agreed", "decided", "decision", "we agreed", "we decided", "confirmed", "fyi", "note:", "noted"} {
		if strings.HasPrefix(t, w) {
			return true
		}
	}
	for _, w := range []string{" booked for ", " was booked", " is booked", " has been "} {
		if strings.Contains(t, w) {
			return true
		}
	}
	return false
}

// isPlaceholder reports whether text is a template's placeholder: wholly
// in italics, or led by "Example:".
func isPlaceholder(text string) bool {
	t := strings.TrimSpace(text)
	if len(t) >= 2 && (t[0] == '_' || t[0] == '*') && t[len(t)-1] == t[0] && !strings.HasPrefix(t, "**") {
		return true
	}
	l := lower(strings.TrimLeft(t, "*_ "))
	return strings.HasPrefix(l, "example:") || strings.HasPrefix(l, "e.g.")
}

// blockOwner reads the text of a list item that has items nested under
// it and reports whose they are when the text is only a name: Logseq's
// "[[Sam Ortiz]]", "**Ana**", "Ana:", "@ana", "Ana's items", "For Ana:";
// "Both", "We", "Shared" are nobody's alone, so mine (SPEC 2.1 rule 3).
func (n names) blockOwner(text string) Owner {
	t := lower(strings.TrimSpace(text))
	t = strings.TrimSpace(strings.TrimSuffix(strings.Trim(t, "*_"), ":"))
	t = strings.TrimSpace(strings.Trim(t, "*_"))
	t = strings.TrimPrefix(t, "for ")
	t = strings.TrimPrefix(t, "@")
	if t == "" {
		return 0
	}
	switch t {
	case "both", "we", "us", "shared", "together", "both of us", "joint", "everyone", "all":
		return Me
	}
	p, l := n.whoIs(t)
	if p != partyMe && p != partyThem {
		return 0
	}
	rest := strings.TrimSpace(t[l:])
	if rest == "" {
		return p.owner()
	}
	if r, ok := strings.CutPrefix(rest, "'s"); ok || strings.HasPrefix(rest, "’s") {
		if !ok {
			r = rest[len("’s"):]
		}
		switch strings.TrimSpace(r) {
		case "", "items", "action items", "actions", "to-dos", "todos", "tasks", "next steps", "commitments":
			return p.owner()
		}
	}
	return 0
}

// boxGlyphs are the checkbox characters of notes pasted from documents
// (Google Docs, Word, Notion): an item led by one is a task item, open or
// done as the glyph says.
var boxGlyphs = []struct {
	glyph string
	state State
}{
	{"☐", StateOpen}, {"◻️", StateOpen}, {"◻", StateOpen}, {"⬜", StateOpen},
	{"☑️", StateDone}, {"☑", StateDone}, {"☒", StateDone}, {"✅", StateDone},
	{"✔️", StateDone}, {"✔", StateDone}, {"✓", StateDone},
}

// leadGlyph reads a checkbox glyph leading text and returns the state it
// gives and its length with the blanks after it. A ✅ followed by a date is
// Obsidian Tasks' done date, read elsewhere.
func leadGlyph(text string) (State, int, bool) {
	for _, g := range boxGlyphs {
		rest, ok := strings.CutPrefix(text, g.glyph)
		if !ok {
			continue
		}
		body := strings.TrimLeft(rest, " \t")
		if len(body) == len(rest) || strings.TrimSpace(body) == "" {
			return 0, 0, false // "✓" glued to a word, or nothing after it
		}
		if len(body) >= 10 && body[4] == '-' && body[7] == '-' {
			if _, err := ParseDate(body[:10]); err == nil {
				return 0, 0, false
			}
		}
		return g.state, len(text) - len(body), true
	}
	return 0, 0, false
}

// ballotGlyph reports whether text starts with a ballot box (☐ ☑ ☒ ⬜ ◻),
// not a check mark.
func ballotGlyph(text string) bool {
	for _, g := range []string{"☐", "☑", "☒", "⬜", "◻"} {
		if strings.HasPrefix(text, g) {
			return true
		}
	}
	return false
}

// skipGlyph returns text without a leading checkbox glyph.
func skipGlyph(text string) string {
	if _, n, ok := leadGlyph(text); ok {
		return text[n:]
	}
	return text
}

// struckThrough reports whether an item's action is struck out
// ("~~Book the team lunch~~ (venue closed)"): released, not kept.
func struckThrough(text string) bool {
	t := strings.TrimLeft(text, " \t")
	if !strings.HasPrefix(t, "~~") {
		return false
	}
	end := strings.Index(t[2:], "~~")
	if end <= 0 {
		return false
	}
	inner := lower(strings.TrimSpace(t[2 : 2+end]))
	// A struck due date is history (SPEC 2.1), not a struck action.
	return !strings.HasPrefix(inner, "due") && !strings.HasPrefix(inner, "📅")
}

// trailingStatus reads a status said after an item without a box: "(done)",
// "— done", "[cancelled]", "(won't do)", "— deprioritized". 0 when none.
func trailingStatus(text string) State {
	t := lower(strings.TrimSpace(text))
	t = strings.TrimRight(t, ".!*_ ")
	for _, w := range []struct {
		word  string
		state State
	}{
		{"done", StateDone}, {"completed", StateDone}, {"complete", StateDone}, {"finished", StateDone}, {"shipped", StateDone},
		{"cancelled", StateDropped}, {"canceled", StateDropped}, {"dropped", StateDropped}, {"won't do", StateDropped},
		{"wont do", StateDropped}, {"won’t do", StateDropped}, {"no longer needed", StateDropped}, {"not needed", StateDropped},
		{"descoped", StateDropped}, {"deprioritized", StateDropped}, {"deprioritised", StateDropped},
	} {
		for _, f := range []string{"(" + w.word + ")", "[" + w.word + "]", "— " + w.word, "– " + w.word, " - " + w.word, "-- " + w.word} {
			if strings.HasSuffix(t, f) {
				return w.state
			}
		}
	}
	return 0
}

// noAction reports whether an item's text, past any owner label, says that
// nothing is to be done ("none", "n/a", "nothing this week", "TBD") or is
// only a name: no promise.
func (n names) noAction(body string) bool {
	t := lower(strings.TrimSpace(n.withoutOwnerLabel(skipGlyph(body))))
	t = strings.Trim(t, " \t.!*_-—–:")
	switch t {
	case "", "none", "nothing", "n/a", "na", "tbd", "tba", "no action", "no actions", "nothing to do", "nothing yet", "no action items":
		return true
	}
	for _, p := range []string{"none this", "none for", "none needed", "none yet", "none at", "none,", "none from", "nothing this", "nothing for",
		"nothing needed", "nothing else", "nothing new", "nothing yet", "nothing pending", "nothing to", "nothing from", "no action ", "no actions ", "no action items "} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	p, l := n.whoIs(strings.TrimPrefix(t, "@"))
	return (p == partyMe || p == partyThem) && l == len(strings.TrimPrefix(t, "@"))
}
