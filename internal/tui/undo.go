package tui

import (
	"errors"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/oneonone/1on1/journal"
)

// Undo: every change made from a list (tick, drop, re-date, close,
// reopen) records the note as it was before, and u (or ctrl+z) puts it
// back byte for byte. The record holds the revision the change produced:
// undo saves over that revision only, so a note changed since by anyone
// else (the CLI beside the app, an editor) is never clobbered.

// undoRecord is one change that can be undone.
type undoRecord struct {
	meeting journal.MeetingID
	rev     uint64 // the note's revision right after the change
	note    string // the note's text before the change
	what    string // "ticked 'send the deck'"
}

// undoLimit bounds the stack: a day's triage, not a history.
const undoLimit = 50

// changeItemCmd changes an item and, when nothing else wrote the note in
// between, returns what undoes it.
func changeItemCmd(j *journal.Journal, it journal.Item, ch journal.Change, today journal.Date) tea.Cmd {
	return guard(func() any {
		ch.Seen = it.Text
		// The note the change will rewrite is the item's latest: read it
		// now, and keep it only if the change is the very next revision.
		var before journal.Meeting
		var beforeErr error
		if cur, err := j.Item(it.ID); err == nil {
			before, beforeErr = j.Meeting(cur.Meeting)
		} else {
			beforeErr = err
		}
		got, err := j.ChangeItem(it.ID, ch, today)
		msg := itemChangedMsg{id: it.ID, action: ch.Action, item: got, err: err}
		if err != nil || beforeErr != nil || got.Meeting != before.ID {
			return msg
		}
		after, err := j.Meeting(got.Meeting)
		if err != nil || after.Rev != before.Rev+1 {
			return msg
		}
		msg.undo = &undoRecord{meeting: after.ID, rev: after.Rev, note: before.Note, what: changeWords(ch.Action, it, got)}
		return msg
	})
}

// changeWords says what a change did, for the status line.
func changeWords(a journal.Action, before, after journal.Item) string {
	q := quoteItem(before.DisplayText())
	switch a {
	case journal.ActionDone:
		if before.Kind == journal.FollowUp {
			return "closed " + q
		}
		return "ticked " + q
	case journal.ActionDrop:
		return "dropped " + q
	case journal.ActionReopen:
		return "reopened " + quoteItem(after.DisplayText())
	case journal.ActionRedate:
		if after.Due.IsZero() {
			return "cleared the date of " + q
		}
		return "re-dated " + q + " to " + after.Due.String()
	}
	return "changed " + q
}

// quoteItem is an item's text in quotes, short enough to leave room on
// the status line for how to undo.
func quoteItem(s string) string { return "'" + ansi.Truncate(clean(s), 40, "…") + "'" }

type undoneMsg struct {
	rec undoRecord
	err error
}

// undoCmd puts a note back as it was before rec's change, unless the note
// has changed since.
func undoCmd(j *journal.Journal, rec undoRecord, today journal.Date) tea.Cmd {
	return guard(func() any {
		cur, err := j.Meeting(rec.meeting)
		if err != nil {
			return undoneMsg{rec: rec, err: err}
		}
		if cur.Rev != rec.rev {
			return undoneMsg{rec: rec, err: fmt.Errorf("undo: %w", journal.ErrNoteChanged)}
		}
		cur.Note = rec.note
		_, err = j.SaveMeeting(cur, today) // refused if another write came first
		return undoneMsg{rec: rec, err: err}
	})
}

// pushUndo records a change; the oldest falls off past undoLimit.
func (m *model) pushUndo(r undoRecord) {
	m.undos = append(m.undos, r)
	if len(m.undos) > undoLimit {
		m.undos = m.undos[len(m.undos)-undoLimit:]
	}
}

// undo undoes the last change made from a list.
func (m *model) undo() tea.Cmd {
	if len(m.undos) == 0 {
		m.status, m.isErr = "nothing to undo", false
		return nil
	}
	rec := m.undos[len(m.undos)-1]
	m.undos = m.undos[:len(m.undos)-1]
	m.status, m.isErr = "undoing…", false
	return undoCmd(m.env.j, rec, m.env.today())
}

// undone reports an undo.
func (m *model) undone(msg undoneMsg) tea.Cmd {
	switch {
	case errors.Is(msg.err, journal.ErrNoteChanged):
		m.status, m.isErr = "not undone: the note changed since ("+msg.rec.what+")", true
	case msg.err != nil:
		m.setResult("", msg.err)
	default:
		m.status, m.isErr = "undone: "+msg.rec.what, false
		if len(m.undos) > 0 {
			m.status += " · u undo the one before"
		}
	}
	return m.reload()
}
