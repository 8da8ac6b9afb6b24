package journal

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	bolt "go.etcd.io/bbolt"
)

// Share returns a recap of a meeting for the other person, ready to paste
// in chat or mail: the note without its private sections (SPEC 2.2) and
// without block ids, then the meeting's commitments both ways as they
// stand today, with their due dates. id 0 means the person's latest
// meeting held on or before today.
func (j *Journal) Share(handle string, id MeetingID, today Date) (string, error) {
	var m Meeting
	var p Person
	err := j.view(func(tx *bolt.Tx) error {
		var err error
		if p, err = getPerson(tx, handle); err != nil {
			return err
		}
		if id == 0 {
			err = eachPersonMeeting(tx, handle, true, func(mid MeetingID) (bool, error) {
				if mid.Date() > today {
					return true, nil
				}
				id = mid
				return false, nil
			})
			if err != nil {
				return err
			}
			if id == 0 {
				return fmt.Errorf("no meeting with %s yet: %w", handle, ErrNotFound)
			}
		}
		if m, err = getMeeting(tx, id); err != nil {
			return err
		}
		if m.Person != handle {
			return fmt.Errorf("meeting %s is not with %s: %w", id, handle, ErrNotFound)
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	items, err := j.Current(m.Items)
	if err != nil {
		return "", err
	}
	note := []byte(m.Note)
	private := privateLines(note)
	var b strings.Builder
	b.WriteString(strings.TrimRight(shareableNote(note, private), "\n"))
	b.WriteString("\n\n---\n\n")
	fmt.Fprintf(&b, "**Commitments from our 1:1 of %s**\n\n", m.Date)
	side := func(title string, owner Owner) {
		fmt.Fprintf(&b, "%s\n\n", title)
		n := 0
		for _, it := range items {
			if it.Kind != Commitment || it.Owner != owner || private[it.Line] {
				continue
			}
			n++
			b.WriteString("- " + shareItem(it) + "\n")
		}
		if n == 0 {
			b.WriteString("- none\n")
		}
		b.WriteString("\n")
	}
	side("Me → "+p.FirstName()+":", Me)
	side(p.FirstName()+" → me:", Them)
	return strings.TrimRight(b.String(), "\n") + "\n", nil
}

// dateTokensRE matches the date tokens of an item's text (due, done, a
// struck earlier due date and when it moved), which the recap says in words.
var dateTokensRE = regexp.MustCompile(`\s*(~~(due:|📅\s*)\d{4}-\d{2}-\d{2}~~(\s*\(moved \d{4}-\d{2}-\d{2}\))?|(due:|done:|📅\s*|✅\s*)\d{4}-\d{2}-\d{2})`)

// shareItem writes a commitment of the recap: its text without date
// tokens, then where it stands.
func shareItem(it Item) string {
	s := strings.TrimSpace(dateTokensRE.ReplaceAllString(escapeInline(withoutAge(it.Text)), ""))
	switch it.State {
	case StateDone:
		if it.Done.IsZero() {
			return s + " — done"
		}
		return s + " — done " + it.Done.String()
	case StateDropped:
		return s + " — dropped"
	}
	if it.Due.IsZero() {
		return s + " — no date yet"
	}
	return s + " — due " + it.Due.String()
}

// shareableNote returns the note without the lines of private sections
// and without block ids at the ends of lines (outside code).
func shareableNote(note []byte, private map[int]bool) string {
	var b strings.Builder
	fence := ""
	for i, line := range strings.SplitAfter(string(note), "\n") {
		if private[i+1] {
			continue
		}
		body := strings.TrimRight(line, "\r\n")
		eol := line[len(body):]
		t := strings.TrimLeft(body, " \t>")
		switch {
		case fence != "":
			if strings.HasPrefix(t, fence) {
				fence = ""
			}
		case strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~"):
			fence = t[:3]
		default:
			body = withoutBlockID(body)
			if strings.TrimSpace(body) == "" && strings.TrimSpace(line) != "" {
				continue // a line that held only a block id
			}
		}
		b.WriteString(body + eol)
	}
	return b.String()
}

// withoutBlockID drops a trailing " ^id" from a line, or the whole line
// when it is only "^id" (a block id on a line of its own).
func withoutBlockID(line string) string {
	trimmed := strings.TrimRight(line, " \t")
	end, id := splitBlockID(trimmed)
	if id != "" {
		return trimmed[:end]
	}
	if s := strings.TrimSpace(trimmed); len(s) > 1 && s[0] == '^' && validID(s[1:]) {
		return ""
	}
	return line
}

// privateLines returns the 1-based lines of a note's private sections: a
// heading that says "private" and everything up to the next heading of the
// same or a higher level (SPEC 2.2).
func privateLines(note []byte) map[int]bool {
	doc := noteParser.Parse(text.NewReader(note))
	lines := newLineIndex(note)
	out := map[int]bool{}
	type open struct{ level, line int }
	var cur *open
	closeAt := func(line int) {
		for l := cur.line; l < line; l++ {
			out[l] = true
		}
		cur = nil
	}
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		h, ok := n.(*ast.Heading)
		if !ok {
			continue
		}
		start := nodeLine(h, note, lines)
		if start < 0 {
			continue
		}
		if cur != nil && h.Level <= cur.level {
			closeAt(start)
		}
		if cur == nil && slices.Contains(headingWords(string(headingText(h, note))), "private") {
			cur = &open{level: h.Level, line: start}
		}
	}
	if cur != nil {
		last := len(lines) // lineIndex also counts the empty line after a final newline
		if bytes.HasSuffix(note, []byte("\n")) {
			last--
		}
		closeAt(last + 1)
	}
	return out
}

// nodeLine returns the 1-based line a heading starts on, or -1.
func nodeLine(h *ast.Heading, note []byte, lines lineIndex) int {
	if h.Lines().Len() > 0 {
		return lines.lineOf(h.Lines().At(0).Start)
	}
	// An empty heading ("##") has no lines; find it by its neighbours.
	if prev := h.PreviousSibling(); prev != nil && prev.Lines().Len() > 0 {
		segs := prev.Lines()
		return lines.lineOf(segs.At(segs.Len()-1).Stop) + 1
	}
	return -1
}

// headingText returns the raw text of a heading's lines.
func headingText(h *ast.Heading, note []byte) []byte {
	var b bytes.Buffer
	for i := 0; i < h.Lines().Len(); i++ {
		s := h.Lines().At(i)
		b.Write(note[s.Start:s.Stop])
		b.WriteByte(' ')
	}
	return b.Bytes()
}
