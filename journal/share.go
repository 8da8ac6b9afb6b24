package journal

import (
	"fmt"
	"strings"

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
	private := PrivateSpans(note)
	var b strings.Builder
	b.WriteString(strings.TrimRight(withoutBlockIDs(string(WithoutPrivate(note))), "\n"))
	b.WriteString("\n\n---\n\n")
	fmt.Fprintf(&b, "**Commitments from our 1:1 of %s**\n\n", m.Date)
	side := func(title string, owner Owner) {
		fmt.Fprintf(&b, "%s\n\n", title)
		n := 0
		for _, it := range items {
			if it.Kind != Commitment || it.Owner != owner || InPrivate(note, private, it.Line) {
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

// shareItem writes a commitment of the recap: its text without date
// tokens, then where it stands.
func shareItem(it Item) string {
	s := strings.TrimSpace(escapeInline(withoutAge(it.DisplayText())))
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

// withoutBlockIDs returns the note without block ids at the ends of lines
// (outside code).
func withoutBlockIDs(note string) string {
	var b strings.Builder
	fence := ""
	for _, line := range strings.SplitAfter(note, "\n") {
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
