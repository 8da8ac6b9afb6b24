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
			if !strings.HasPrefix(rest, ":") {
				continue
			}
			rest = rest[1:]
		} else {
			rest = strings.TrimPrefix(rest, ":")
			if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
				continue
			}
			// A keyword used as a noun: "TODO list", "DONE items".
			w := strings.ToLower(leadingWord(strings.TrimLeft(rest, " \t")))
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
	t := strings.ToLower(strings.TrimLeft(text, "*_ "))
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
	l := strings.ToLower(strings.TrimLeft(t, "*_ "))
	return strings.HasPrefix(l, "example:") || strings.HasPrefix(l, "e.g.")
}

// logseqOwnerBlock reports whether a list item's text is only a page link
// to someone, "[[Sam Ortiz]]", and whom it names: Logseq nests a person's
// tasks under such a block.
func (n names) logseqOwnerBlock(text string) Owner {
	t := strings.TrimSpace(text)
	if !strings.HasPrefix(t, "[[") || !strings.HasSuffix(t, "]]") || strings.Count(t, "[[") != 1 {
		return 0
	}
	inner := strings.ToLower(strings.TrimSpace(t[2 : len(t)-2]))
	if p, l := n.whoIs(inner); l == len(inner) {
		return p.owner()
	}
	return 0
}
