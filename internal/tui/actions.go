package tui

import (
	"errors"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/oneonone/1on1/journal"
)

// act handles what panes and modals ask of the app as a whole, and the
// results that concern no one pane: changes to items and people, backups,
// warnings. ok is false for a message that is none of these.
func (m *model) act(msg tea.Msg) (cmd tea.Cmd, ok bool) {
	j, today := m.env.j, m.env.today()
	switch msg := msg.(type) {
	case warningsFoundMsg:
		if len(msg.warnings) > 0 {
			m.status, m.isErr = "warning: "+strings.Join(msg.warnings, "; "), true
		}
	case backupWrittenMsg:
		m.setResult("backup written to "+msg.path, msg.err)

	case changeItemMsg:
		ch := journal.Change{Action: msg.action, Due: msg.due}
		return tea.Batch(changeItemCmd(j, msg.item, ch, today), m.syncPreview()), true
	case itemChangedMsg:
		switch {
		case errors.Is(msg.err, journal.ErrNoteChanged):
			m.status, m.isErr = "that line changed in its note since the list was loaded; the list is reloaded, try again", true
		case msg.err != nil:
			m.setResult("", msg.err)
		case msg.undo != nil:
			m.pushUndo(*msg.undo)
			m.status, m.isErr = msg.undo.what+" · u undo", false
		default:
			// Another write came between: done, but not undoable exactly.
			m.status, m.isErr = changeWords(msg.action, msg.item, msg.item)+" (no undo: the note was written meanwhile)", false
		}
		return m.reload(), true

	case undoneMsg:
		return m.undone(msg), true

	case personSubmitMsg:
		return savePersonCmd(j, msg.person, msg.add), true
	case personSavedMsg:
		if msg.err != nil {
			if f, ok := m.modal.(*personForm); ok {
				f.err = errText(msg.err)
				return nil, true
			}
			m.setResult("", msg.err)
			return nil, true
		}
		m.modal = nil
		m.setResult("saved "+clean(msg.person.Name), nil)
		return m.reload(), true
	case archiveConfirmedMsg:
		return archivePersonCmd(j, msg.handle, true), true
	case restoreRequestMsg:
		return archivePersonCmd(j, msg.handle, false), true
	case personArchivedMsg:
		if msg.err != nil {
			m.setResult("", msg.err)
			return nil, true
		}
		if msg.archived {
			m.setResult("archived "+msg.handle+" · A shows archived people, x there restores", nil)
		} else {
			m.setResult("restored "+msg.handle+": back in the lists and flags", nil)
		}
		return m.reload(), true
	default:
		return nil, false
	}
	return nil, true
}

// archiveConfirmedMsg archives a person.
type archiveConfirmedMsg struct{ handle string }

// setResult shows what an action did, or its error.
func (m *model) setResult(done string, err error) {
	if err != nil {
		m.status, m.isErr = errText(err), true
		return
	}
	m.status, m.isErr = done, false
}
