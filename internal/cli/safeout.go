package cli

import (
	"bytes"
	"io"
	"unicode/utf8"
)

// Notes are text from anywhere (pasted from chat, imported from other
// tools); a terminal obeys the control bytes in them — clearing the screen,
// retitling the window, faking a link. Every byte the command prints for a
// person passes through safeWriter, which shows control characters instead
// of sending them. Only the command's own styling (glamour on a terminal,
// the progress line) bypasses it, and what glamour renders was made safe
// first.

// safeText returns s with C0 controls other than newline and tab, DEL and
// the C1 controls (U+0080–U+009F) replaced by visible stand-ins: the
// Unicode control pictures (␛ for ESC, ␇ for BEL) and U+FFFD for C1.
func safeText(s string) string {
	var b bytes.Buffer
	w := &safeWriter{w: &b}
	w.Write([]byte(s))
	w.flush()
	return b.String()
}

// safeWriter replaces control characters on their way to w.
type safeWriter struct {
	w       io.Writer
	pending []byte // the first byte of a two-byte sequence cut by a Write
	// json writes C1 controls as \u0080 escapes and leaves the rest, for
	// JSON, where encoding/json has escaped C0 already.
	json bool
}

func (s *safeWriter) Write(p []byte) (int, error) {
	n := len(p)
	if len(s.pending) > 0 {
		p = append(s.pending, p...)
		s.pending = nil
	}
	out := make([]byte, 0, len(p))
	for i := 0; i < len(p); {
		c := p[i]
		switch {
		case c == '\n' || c == '\t' || (s.json && c < 0x80):
			out = append(out, c)
			i++
		case c < 0x20:
			out = utf8.AppendRune(out, rune(0x2400+int(c)))
			i++
		case c == 0x7f:
			out = append(out, "␡"...)
			i++
		case c == 0xc2 && i+1 == len(p):
			s.pending = []byte{c} // maybe the start of a C1 control
			i++
		case c == 0xc2 && p[i+1] >= 0x80 && p[i+1] <= 0x9f && s.json:
			out = append(out, `\u00`...)
			out = append(out, "0123456789abcdef"[p[i+1]>>4], "0123456789abcdef"[p[i+1]&15])
			i += 2
		case c == 0xc2 && p[i+1] >= 0x80 && p[i+1] <= 0x9f:
			out = append(out, "\uFFFD"...)
			i += 2
		default:
			out = append(out, c)
			i++
		}
	}
	if _, err := s.w.Write(out); err != nil {
		return 0, err
	}
	return n, nil
}

// flush writes a byte held back at the end of the output.
func (s *safeWriter) flush() {
	if len(s.pending) > 0 {
		s.w.Write(s.pending)
		s.pending = nil
	}
}
