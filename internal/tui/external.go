package tui

// The $EDITOR half of the edit session: the note goes to a 0600 temp file
// in the drafts folder, the user's editor runs on it with the terminal
// handed over (tea.ExecProcess), and what it gives back is saved, or kept.

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/editor"

	"github.com/oneonone/1on1/journal"
)

// externalEdit is a note given to $EDITOR: the meeting as it was opened,
// and the text the editor gave back.
type externalEdit struct {
	meeting journal.Meeting
	text    string
}

type externalEditDoneMsg struct {
	key     string
	changed bool
	note    string
	err     error
}

// tempNoteWrittenMsg says the note was written to a 0600 temp file for
// $EDITOR.
type tempNoteWrittenMsg struct {
	key, path, note string
	err             error
}

// writeTempNoteCmd writes the note to a 0600 temp file for $EDITOR.
func writeTempNoteCmd(key, note, dir string) tea.Cmd {
	return guard(func() any {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return tempNoteWrittenMsg{key: key, err: fmt.Errorf("temp file for $EDITOR: %w", err)}
		}
		f, err := os.CreateTemp(dir, "1on1-note-*.md")
		if err != nil {
			return tempNoteWrittenMsg{key: key, err: fmt.Errorf("temp file for $EDITOR: %w", err)}
		}
		path := f.Name()
		_, err = f.WriteString(note)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Chmod(path, 0o600)
		}
		if err != nil {
			os.Remove(path)
			return tempNoteWrittenMsg{key: key, err: fmt.Errorf("temp file for $EDITOR: %w", err)}
		}
		return tempNoteWrittenMsg{key: key, path: path, note: note}
	})
}

// externalEditCmd runs the user's editor on the temp file with the
// terminal handed over, reads the file back and removes it.
func externalEditCmd(key, path, note string) tea.Cmd {
	c, err := editorCommand(path)
	if err != nil {
		os.Remove(path)
		return send(externalEditDoneMsg{key: key, err: err})
	}
	return tea.ExecProcess(c, func(runErr error) tea.Msg {
		defer os.Remove(path)
		// Read back even when the editor failed: it may have written the
		// text before it did, and that text is the user's.
		b, err := os.ReadFile(path)
		msg := externalEditDoneMsg{key: key, note: string(b), changed: err == nil && string(b) != note}
		switch {
		case runErr != nil:
			msg.err = fmt.Errorf("%s: %w", filepath.Base(c.Path), runErr)
		case err != nil:
			msg.err = fmt.Errorf("read back the note: %w", err)
		}
		return msg
	})
}

// editorCommand edits path in $VISUAL, else in what charmbracelet/x/editor
// picks: $EDITOR with its arguments, else the platform's default (nano;
// notepad on Windows). x/editor does not read $VISUAL, which terminal users
// set for a full-screen editor, so it is looked at first here.
func editorCommand(path string) (*exec.Cmd, error) {
	if v := strings.Fields(os.Getenv("VISUAL")); len(v) > 0 {
		return exec.Command(v[0], append(v[1:], path)...), nil
	}
	return editor.Command("1on1", path)
}

// externalDone saves what $EDITOR gave back. From the built-in editor
// (ctrl+o), the text comes into it first, so a failed save leaves it there.
func (s *editSession) externalDone(msg externalEditDoneMsg) tea.Cmd {
	ext, ok := s.external[msg.key]
	delete(s.external, msg.key)
	if !ok {
		return nil
	}
	ext.text = msg.note
	fromEditor := s.fromEditor(msg.key)
	if msg.err != nil {
		if msg.changed {
			// The editor failed after the text was changed: keep it.
			return s.keepExternal(msg.key, ext, "$EDITOR failed ("+msg.err.Error()+"); nothing was saved")
		}
		return errorCmd(msg.err)
	}
	if !msg.changed && !(fromEditor && s.ed.dirty()) {
		return statusCmd("no changes")
	}
	if fromEditor {
		if !s.ed.setText(msg.note) {
			// The built-in editor cannot hold it: the draft does.
			d := s.ed.draft()
			d.Note = msg.note
			s.drafts.Set(d)
		}
		s.ed.saving = true
	}
	s.external[msg.key] = ext // until the save answers
	mt := ext.meeting
	mt.Note = msg.note
	return tea.Sequence(statusCmd("saving…"), saveNoteCmd(s.env.j, msg.key, mt, false, s.env.today()))
}

// keepExternal keeps text from $EDITOR that was not saved: in the built-in
// editor and its draft, or where the editor cannot hold it, in a draft
// named in the status line.
func (s *editSession) keepExternal(key string, ext externalEdit, why string) tea.Cmd {
	switch {
	case s.fromEditor(key):
		if s.ed.setText(ext.text) {
			s.drafts.Set(s.ed.draft())
			return tea.Sequence(errorTextCmd(why+"; your text is in the editor and in the draft "+s.drafts.Path()), writeDraftCmd(s.drafts))
		}
	case !s.ed.active:
		cmd := s.open(ext.meeting, &ext.text, statusMsg{text: why + "; your text is in the editor and in the draft", err: true})
		if s.ed.active {
			return cmd
		}
	}
	mt := ext.meeting
	d := draft{Person: mt.Person, Date: mt.Date.String(), Time: mt.Time, Rev: mt.Rev, Note: ext.text,
		file: draftFile(0, mt.Person, mt.Date, time.Now())}
	if mt.ID != 0 {
		d.Meeting = mt.ID.String()
	}
	path, err := s.drafts.Keep(d)
	if err != nil {
		return errorTextCmd(why + "; your text could not be kept either (" + err.Error() + ")")
	}
	return errorTextCmd(why + "; your text is kept in " + path + " and offered when you start 1on1 again")
}
