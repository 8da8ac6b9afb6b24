// Package termsafe makes text from notes, names and contexts safe to write
// to a terminal. A terminal obeys control characters: ESC and the C1 CSI
// (U+009B) start sequences that retitle the window, write the clipboard
// (OSC 52), fake links (OSC 8) or clear the screen. Bidi overrides and
// other invisible format characters make text read differently from what
// it is. Every piece of user text on its way to the terminal goes through
// Text, Line or a Writer; the program's own styling (SGR) is added after.
package termsafe

import (
	"encoding/binary"
	"io"
	"strconv"
	"unicode/utf8"
	"unsafe"
)

// Stand-ins, one scheme for the whole program: a C0 control shows as its
// Unicode control picture (␛ for ESC, ␇ for BEL), DEL as ␡, a C1 control
// and a byte that is not UTF-8 as U+FFFD, and an invisible format
// character as its code point in angle brackets, as less(1) shows it
// (<U+202E>).
const (
	delPicture  = "␡"
	replacement = "\uFFFD"
)

// Text returns s with every control character other than newline and tab,
// and every invisible format character, replaced by a visible stand-in. A
// carriage return shows (␍) unless it ends a line (CRLF): a lone one
// would move the cursor back over text already printed.
func Text(s string) string { return clean(s, false) }

// Line is Text for one-line labels (a list row, a title, the status line):
// newlines, carriage returns and tabs become spaces as well.
func Line(s string) string { return clean(s, true) }

// clean is the one rule set; it returns s itself when nothing changes, so
// that the common case does not allocate.
func clean(s string, oneLine bool) string {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if standIn(r, n, oneLine, prevRune(s, i)) != "" || (r == utf8.RuneError && n == 1) {
			b := make([]byte, 0, len(s)+16)
			return string(appendClean(append(b, s[:i]...), s[i:], oneLine, prevRune(s, i)))
		}
		i += n
	}
	return s
}

func prevRune(s string, i int) rune {
	if i == 0 {
		return 0
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return r
}

// appendClean appends the clean form of s to b; prev is the rune before s.
func appendClean(b []byte, s string, oneLine bool, prev rune) []byte {
	return appendCleanMode(b, s, oneLine, false, prev)
}

// appendCleanMode is appendClean; in json mode, s is JSON text from
// encoding/json (which escaped C0 controls in strings already): what Text
// would replace is written as a \u escape instead, which is safe on a
// terminal and gives the same string back to a JSON reader.
func appendCleanMode(b []byte, s string, oneLine, json bool, prev rune) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f || (json && c < 0x80) {
			b = append(b, c)
			i++
			prev = rune(c)
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == '\r' && !oneLine && i+1 < len(s) && s[i+1] == '\n' {
			// A CRLF line end is a line end.
		} else if r == utf8.RuneError && n == 1 {
			b = append(b, replacement...)
		} else if st := standIn(r, n, oneLine, prev); st != "" && json {
			b = appendJSONEscape(b, r)
			r = 0
		} else if st != "" {
			b = append(b, st...)
			r = 0 // a tag after a shown one is not part of a flag either
		} else {
			b = append(b, s[i:i+n]...)
		}
		prev = r
		i += n
	}
	return b
}

// standIn returns what to print instead of r, or "" to print r itself.
func standIn(r rune, n int, oneLine bool, prev rune) string {
	switch {
	case r == '\n' || r == '\t':
		if oneLine {
			return " "
		}
		return ""
	case r == '\r' && oneLine:
		return " "
	case r < 0x20:
		return string(rune(0x2400 + r))
	case r == 0x7f:
		return delPicture
	case r >= 0x80 && r <= 0x9f:
		return replacement
	case r < 0xad:
		return ""
	case invisible(r, prev):
		return "<U+" + strconv.FormatInt(int64(r), 16) + ">"
	}
	return ""
}

// invisible reports the format characters that change how text reads
// without showing: bidi embeddings, overrides, isolates and marks (the
// "Trojan Source" characters), zero-width spaces and joiners that are not
// part of an emoji or a script's shaping, the BOM, line and paragraph
// separators, and tag characters outside a flag sequence.
func invisible(r, prev rune) bool {
	switch {
	case r == 0x061c, r == 0x180e:
		return true
	case r == 0x200b, r == 0x200e, r == 0x200f:
		return true
	case r >= 0x2028 && r <= 0x202e:
		return true
	case r >= 0x2060 && r <= 0x206f:
		return true
	case r == 0xfeff:
		return true
	case r >= 0xfff9 && r <= 0xfffb: // interlinear annotation controls
		return true
	case r == 0x115f, r == 0x1160, r == 0x3164, r == 0xffa0: // Hangul fillers, blank letters
		return true
	case r == 0xe0001, r >= 0xe0020 && r <= 0xe007f:
		// Tags spell subdivision flags after U+1F3F4 (🏴 England);
		// anywhere else they smuggle invisible ASCII.
		return !(prev == 0x1f3f4 || (prev >= 0xe0020 && prev <= 0xe007f))
	}
	return false
}

// Writer writes the clean form of what is written to it, for streams of
// text (a command's whole output). A UTF-8 sequence cut between two writes
// is held back until the rest arrives; Flush writes what is held.
type Writer struct {
	w       io.Writer
	oneLine bool
	json    bool
	pending []byte
	prev    rune
}

// NewWriter returns a Writer that writes Text of its input to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// NewJSONWriter returns a Writer for JSON from encoding/json: it leaves
// the JSON as it is but for the characters Text would replace, which it
// writes as \u escapes, so a reader gets the same strings back and a
// terminal shows them as text.
func NewJSONWriter(w io.Writer) *Writer { return &Writer{w: w, json: true} }

// Write writes the clean form of p. It reports len(p) on success.
func (s *Writer) Write(p []byte) (int, error) {
	n := len(p)
	if len(s.pending) > 0 {
		p = append(s.pending, p...)
		s.pending = nil
	}
	// Hold back an incomplete sequence at the end, and a carriage return
	// whose line feed may be in the next write.
	cut := len(p)
	if cut > 0 && p[cut-1] == '\r' {
		cut--
	}
	for k := cut - 1; k >= 0 && k >= cut-utf8.UTFMax; k-- {
		if utf8.RuneStart(p[k]) {
			if !utf8.FullRune(p[k:cut]) {
				cut = k
			}
			break
		}
	}
	if cut < len(p) {
		s.pending = append([]byte(nil), p[cut:]...)
		p = p[:cut]
	}
	// Most output is clean already: it goes on as it is, not copied.
	out := p
	if k, prev := cleanPrefix(p, s.oneLine, s.json, s.prev); k < len(p) {
		out = appendCleanMode(append(make([]byte, 0, len(p)+16), p[:k]...), string(p[k:]), s.oneLine, s.json, prev)
	}
	if len(p) > 0 {
		s.prev, _ = utf8.DecodeLastRune(p)
	}
	if _, err := s.w.Write(out); err != nil {
		return 0, err
	}
	return n, nil
}

// WriteString is Write for a string, without copying it first.
func (s *Writer) WriteString(str string) (int, error) {
	return s.Write(unsafe.Slice(unsafe.StringData(str), len(str))) // Write never changes p
}

// cleanPrefix returns how many bytes at the start of p appendCleanMode
// would copy unchanged, and the rune before the first that it would not.
func cleanPrefix(p []byte, oneLine, json bool, prev rune) (int, rune) {
	for i := 0; i < len(p); {
		if !json {
			// Eight bytes at a time while all are printable ASCII
			// (0x20-0x7e): a listing of thousands of lines is mostly that.
			const ones, highs = 0x0101010101010101, 0x8080808080808080
			k := i
			for ; k+8 <= len(p); k += 8 {
				x := binary.LittleEndian.Uint64(p[k:])
				below := (x - 0x20*ones) &^ x & highs // a byte under 0x20
				above := (x + 1*ones | x) & highs     // a byte of 0x7f or more
				if below|above != 0 {
					break
				}
			}
			if k > i {
				i, prev = k, rune(p[k-1])
				continue
			}
		}
		c := p[i]
		if c >= 0x20 && c < 0x7f || (json && c < 0x80) {
			i++
			prev = rune(c)
			continue
		}
		r, n := utf8.DecodeRune(p[i:])
		// A carriage return is dropped or replaced, never kept.
		if r == '\r' || r == utf8.RuneError && n == 1 || standIn(r, n, oneLine, prev) != "" {
			return i, prev
		}
		prev = r
		i += n
	}
	return len(p), prev
}

// Flush writes a sequence held back at the end of the output, cleaned.
func (s *Writer) Flush() error {
	if len(s.pending) == 0 {
		return nil
	}
	p := s.pending
	s.pending = nil
	_, err := s.w.Write(appendCleanMode(nil, string(p), s.oneLine, s.json, s.prev))
	return err
}

func appendJSONEscape(b []byte, r rune) []byte {
	const hex = "0123456789abcdef"
	u := func(b []byte, v rune) []byte {
		return append(b, '\\', 'u', hex[v>>12&15], hex[v>>8&15], hex[v>>4&15], hex[v&15])
	}
	if r > 0xffff {
		r -= 0x10000
		return u(u(b, 0xd800+(r>>10)), 0xdc00+(r&0x3ff))
	}
	return u(b, r)
}

// FirstControl returns the byte offset of the first control character in
// s that a terminal would obey, other than newline, tab and SGR styling
// (ESC [ digits and semicolons m, which only sets colours and attributes),
// or -1 when there is none. Tests use it to check what is written to the
// terminal.
func FirstControl(s string) int {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\n' || c == '\t':
			i++
		case c == 0x1b:
			j := i + 1
			if j >= len(s) || s[j] != '[' {
				return i
			}
			for j++; j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';' || s[j] == ':'); j++ {
			}
			if j >= len(s) || s[j] != 'm' {
				return i
			}
			i = j + 1
		case c < 0x20 || c == 0x7f:
			return i
		case c < 0x80:
			i++
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if (r >= 0x80 && r <= 0x9f) || (r == utf8.RuneError && n == 1) || invisible(r, prevRune(s, i)) {
				return i
			}
			i += n
		}
	}
	return -1
}
