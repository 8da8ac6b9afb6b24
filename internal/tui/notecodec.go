package tui

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The bubbles textarea turns every '\r' into a line break, tabs into four
// spaces, and drops other control characters. A note must survive a save
// byte for byte, so the editor never sees those bytes raw: noteCodec maps
// them to visible marks and back.
const (
	tabMark = '⇥' // a tab in the note
	crMark  = '␍' // a carriage return not followed by a line feed
)

// noteCodec converts between a note and the text the textarea holds.
type noteCodec struct {
	crlf  bool // every line ends in CRLF: edit with LF, save with CRLF
	tabs  bool // tabMark stands for '\t'
	lones bool // crMark stands for a lone '\r'
}

// encodeNote returns the editor text for note, or ok=false when the note
// holds something the built-in editor could not give back unchanged
// (invalid UTF-8, control characters, marks that are already in use).
func encodeNote(note string) (text string, c noteCodec, ok bool) {
	if !utf8.ValidString(note) {
		return "", c, false
	}
	for _, r := range note {
		if r != '\n' && r != '\t' && r != '\r' && unicode.IsControl(r) {
			return "", c, false
		}
	}
	lf := strings.Count(note, "\n")
	if lf > 0 && strings.Count(note, "\r\n") == lf {
		c.crlf = true
		note = strings.ReplaceAll(note, "\r\n", "\n")
	}
	c.tabs = !strings.ContainsRune(note, tabMark)
	c.lones = !strings.ContainsRune(note, crMark)
	if strings.ContainsRune(note, '\t') {
		if !c.tabs {
			return "", c, false
		}
		note = strings.ReplaceAll(note, "\t", string(tabMark))
	}
	if strings.ContainsRune(note, '\r') {
		if !c.lones {
			return "", c, false
		}
		note = strings.ReplaceAll(note, "\r", string(crMark))
	}
	return note, c, true
}

// decode returns the note for editor text.
func (c noteCodec) decode(text string) string {
	if c.tabs {
		text = strings.ReplaceAll(text, string(tabMark), "\t")
	}
	if c.lones {
		text = strings.ReplaceAll(text, string(crMark), "\r")
	}
	if c.crlf {
		text = strings.ReplaceAll(text, "\n", "\r\n")
	}
	return text
}

// encodePaste is pasted text as the textarea should take it: line ends as
// the note has them (CRLF is restored on save), and tabs and lone carriage
// returns as their marks, so that they are kept and not turned into spaces
// or line breaks.
func (c noteCodec) encodePaste(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	if c.tabs {
		s = strings.ReplaceAll(s, "\t", string(tabMark))
	}
	if c.lones {
		s = strings.ReplaceAll(s, "\r", string(crMark))
	}
	return s
}
