package tui

import (
	"errors"
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/oneonone/1on1/journal"
)

const paneEdit paneID = "edit"

// editSession owns the editing of notes: the built-in editor, its draft,
// $EDITOR and saving. It is the right pane while the editor is open. Each
// editing has a key ("edit-3", "ext-4") that its results carry, so a late
// answer for an earlier one is recognised.
type editSession struct {
	env      *env
	drafts   *draftKeeper
	tempDir  string
	ed       editorModel
	external map[string]journal.Meeting // $EDITOR editings under way
	n        int                        // editings so far, for keys
	w, h     int
}

func newEditSession(e *env, drafts *draftKeeper) *editSession {
	return &editSession{env: e, drafts: drafts, tempDir: drafts.dir, ed: newEditorModel(e.st),
		external: map[string]journal.Meeting{}}
}

// Messages of the edit session.
type (
	// newMeetingMsg starts a new 1:1 with a person from the template.
	newMeetingMsg struct{ handle string }
	// noteStoredMsg tells the root a note was saved.
	noteStoredMsg        struct{ meeting journal.Meeting }
	discardEditorMsg     struct{ key string }
	restoreDraftMsg      struct{ d draft }
	dropDraftMsg         struct{}
	draftTargetLoadedMsg struct {
		d       draft
		person  journal.Person
		meeting journal.Meeting
		err     error
	}
)

func (newMeetingMsg) owner() paneID        { return paneEdit }
func (editRequestMsg) owner() paneID       { return paneEdit }
func (discardEditorMsg) owner() paneID     { return paneEdit }
func (restoreDraftMsg) owner() paneID      { return paneEdit }
func (dropDraftMsg) owner() paneID         { return paneEdit }
func (draftTargetLoadedMsg) owner() paneID { return paneEdit }
func (templateLoadedMsg) owner() paneID    { return paneEdit }
func (noteSavedMsg) owner() paneID         { return paneEdit }
func (tempNoteWrittenMsg) owner() paneID   { return paneEdit }
func (externalEditDoneMsg) owner() paneID  { return paneEdit }
func (draftTickMsg) owner() paneID         { return paneEdit }
func (draftWrittenMsg) owner() paneID      { return paneEdit }
func (draftDiscardedMsg) owner() paneID    { return paneEdit }
func (draftFoundMsg) owner() paneID        { return paneEdit }

// Init looks for a draft left by an earlier run.
func (s *editSession) Init() tea.Cmd { return findDraftCmd(s.drafts) }

// active reports whether the built-in editor is open.
func (s *editSession) active() bool { return s.ed.active }

// text is the editor's note, for the crash test only.
func (s *editSession) text() string { return s.ed.note() }

func (s *editSession) Title() string       { return s.ed.title() }
func (s *editSession) View() string        { return s.ed.View() }
func (s *editSession) Help() keyHelp       { return s.ed.keys }
func (s *editSession) TakingText() bool    { return true }
func (s *editSession) Selected() selection { return selection{} }
func (s *editSession) Load() tea.Cmd       { return nil }

func (s *editSession) SetSize(w, h int) tea.Cmd {
	s.w, s.h = w, h
	s.ed.setSize(w, h)
	return nil
}

func (s *editSession) nextKey(kind string) string {
	s.n++
	return fmt.Sprintf("%s-%d", kind, s.n)
}

// open starts the built-in editor on mt; with restore, its text is the
// draft's, unsaved. status is what the status line says then.
func (s *editSession) open(mt journal.Meeting, restore *string, status statusMsg) tea.Cmd {
	session := s.nextKey("edit")
	name := s.env.name(mt.Person)
	var ok bool
	if restore != nil {
		ok = s.ed.restore(mt, name, session, *restore, s.w, s.h)
	} else {
		ok = s.ed.open(mt, name, session, s.w, s.h)
	}
	if !ok {
		return errorTextCmd("the built-in editor cannot keep this note unchanged (control characters, invalid UTF-8 or over 10,000 lines); press E to use $EDITOR")
	}
	if restore != nil {
		s.drafts.Set(s.ed.draft())
	}
	return tea.Batch(focusCmd(true), send(status))
}

// Update handles keys while the editor is open and every result of an
// editing, whatever has focus.
func (s *editSession) Update(msg tea.Msg) (pane, tea.Cmd) {
	cmd := s.update(msg)
	if s.ed.dirty() {
		// Memory only: the signal and panic handlers write it out.
		s.drafts.Set(s.ed.draft())
	}
	return s, cmd
}

func (s *editSession) update(msg tea.Msg) tea.Cmd {
	j := s.env.j
	switch msg := msg.(type) {
	case tea.KeyMsg:
		return s.key(msg)
	case tea.MouseMsg:
		s.ed.wheel(msg.Button)
		return nil

	case newMeetingMsg:
		return loadTemplateCmd(j, msg.handle, s.env.today())
	case templateLoadedMsg:
		if msg.err != nil {
			return errorCmd(msg.err)
		}
		return s.open(journal.Meeting{Person: msg.handle, Date: msg.date, Note: msg.note}, nil, statusMsg{})
	case editRequestMsg:
		if msg.external {
			key := s.nextKey("ext")
			s.external[key] = msg.meeting
			return writeTempNoteCmd(key, msg.meeting.Note, s.tempDir)
		}
		return s.open(msg.meeting, nil, statusMsg{})

	case tempNoteWrittenMsg:
		if msg.err != nil {
			delete(s.external, msg.key)
			return errorCmd(msg.err)
		}
		return externalEditCmd(msg.key, msg.path, msg.note)
	case externalEditDoneMsg:
		mt, ok := s.external[msg.key]
		delete(s.external, msg.key)
		if !ok {
			return nil
		}
		if msg.err != nil {
			return errorCmd(msg.err)
		}
		fromEditor := s.fromEditor(msg.key)
		if !msg.changed && !(fromEditor && s.ed.dirty()) {
			return statusCmd("no changes")
		}
		mt.Note = msg.note
		if fromEditor {
			s.ed.saving = true
		}
		return saveNoteCmd(j, msg.key, mt, false, s.env.today())
	case noteSavedMsg:
		return s.saved(msg)

	case discardEditorMsg:
		if msg.key == s.ed.key {
			s.ed.active = false
			return tea.Batch(discardDraftCmd(s.drafts), statusCmd("changes discarded"))
		}
		return nil
	case draftTickMsg:
		if s.ed.active && msg.seq == s.ed.seq && s.ed.dirty() {
			s.drafts.Set(s.ed.draft())
			return writeDraftCmd(s.drafts)
		}
		return nil
	case draftWrittenMsg:
		if msg.err != nil {
			return errorTextCmd("could not keep a draft (" + msg.err.Error() + "); your text is still in the editor")
		}
		return nil
	case draftDiscardedMsg:
		if msg.err != nil {
			return errorCmd(msg.err)
		}
		return nil
	case draftFoundMsg:
		if msg.err != nil {
			return errorCmd(msg.err)
		}
		if msg.draft == nil {
			return nil
		}
		d := *msg.draft
		what := "a new 1:1"
		if d.Meeting != "" {
			what = "the 1:1"
		}
		return openModalCmd(newDeferrableConfirm(fmt.Sprintf("Unsaved text of %s with %s on %s was kept from an earlier session. Restore it into the editor? (n deletes it; esc keeps it for next time)", what, clean(d.Person), d.Date),
			restoreDraftMsg{d}, dropDraftMsg{}))
	case restoreDraftMsg:
		return loadDraftTargetCmd(j, msg.d)
	case dropDraftMsg:
		return discardDraftCmd(s.drafts)
	case draftTargetLoadedMsg:
		if msg.err != nil {
			return errorCmd(msg.err)
		}
		s.env.names[msg.person.Handle] = msg.person.Name
		text := msg.d.Note
		return s.open(msg.meeting, &text, statusMsg{})
	}
	if s.ed.active {
		// Cursor blinks.
		return s.ed.Update(msg)
	}
	return nil
}

// key is a key press while the editor is open.
func (s *editSession) key(msg tea.KeyMsg) tea.Cmd {
	e := &s.ed
	switch {
	case key.Matches(msg, e.keys.Save):
		if e.saving {
			return nil
		}
		e.saving = true
		// In sequence: the save's own answer must come after "saving…".
		return tea.Sequence(statusCmd("saving…"), saveNoteCmd(s.env.j, e.key, e.toSave(), e.force, s.env.today()))
	case key.Matches(msg, e.keys.Close):
		if e.dirty() {
			return openModalCmd(newConfirm("Discard the unsaved changes to this note?", discardEditorMsg{e.key}, nil))
		}
		e.active = false
		return discardDraftCmd(s.drafts)
	case key.Matches(msg, e.keys.External):
		s.external[e.key] = e.toSave()
		return writeTempNoteCmd(e.key, e.note(), s.tempDir)
	}
	return e.Update(msg)
}

// fromEditor reports whether a result with key belongs to the open editor.
func (s *editSession) fromEditor(key string) bool { return s.ed.active && key == s.ed.key }

// saved finishes a save: the editor closes and the draft goes, or on
// failure the text stays in the editor and the draft.
func (s *editSession) saved(msg noteSavedMsg) tea.Cmd {
	fromEditor := s.fromEditor(msg.key)
	if fromEditor {
		s.ed.saving = false
	}
	if msg.err != nil {
		var text string
		switch {
		case errors.Is(msg.err, journal.ErrNoteChanged) && fromEditor:
			s.ed.force = true
			text = "the note changed elsewhere since you opened it: ctrl+s again saves yours over it, esc discards yours; your text is in the draft"
		case fromEditor:
			text = "not saved: " + errText(msg.err) + "; your text is still here and in the draft"
		default:
			text = "not saved: " + errText(msg.err)
		}
		if fromEditor {
			s.drafts.Set(s.ed.draft())
			return tea.Sequence(errorTextCmd(text), writeDraftCmd(s.drafts))
		}
		return errorTextCmd(text)
	}
	var cmds []tea.Cmd
	if fromEditor {
		s.ed.active = false
		cmds = append(cmds, discardDraftCmd(s.drafts))
	}
	return tea.Batch(append(cmds, send(noteStoredMsg{msg.meeting}))...)
}
