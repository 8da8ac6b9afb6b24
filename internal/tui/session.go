package tui

import (
	"errors"
	"fmt"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/oneonone/1on1/journal"
)

const paneEdit paneID = "edit"

// editSession owns the editing of notes: the built-in editor, its draft,
// $EDITOR and saving. It is the right pane while the editor is open. Each
// editing has a key ("edit-3", "ext-4") that its results carry, so a late
// answer for an earlier one is recognised.
//
// Text the user typed is never lost (SPEC 4.4): it stays in the editor and
// in its draft until it is saved or the user discards it; what $EDITOR
// gave back and could not be saved comes into the editor; a draft is never
// written over another; and quitting waits until the text is on disk.
type editSession struct {
	env      *env
	drafts   *draftKeeper
	ed       editorModel
	external map[string]externalEdit // $EDITOR editings under way
	n        int                     // editings so far, for keys
	w, h     int
	offers   []draft // drafts of earlier runs still to offer
	keptAt   string  // where unsaved text went when no draft could be written
}

func newEditSession(e *env, drafts *draftKeeper) *editSession {
	return &editSession{env: e, drafts: drafts, ed: newEditorModel(e.st), external: map[string]externalEdit{}}
}

// Messages of the edit session.
type (
	// newMeetingMsg starts a new 1:1 with a person from the template;
	// unless anyway is set, one already held today is offered instead.
	newMeetingMsg struct {
		handle string
		anyway bool
	}
	// noteStoredMsg tells the root a note was saved.
	noteStoredMsg struct {
		meeting journal.Meeting
		carried []journal.CarriedChange
	}
	discardEditorMsg struct{ key string }
	restoreDraftMsg  struct{ d draft }
	// dropDraftMsg deletes a kept draft; then, with edit set, the note is
	// opened as stored.
	dropDraftMsg struct {
		d    draft
		edit *editRequestMsg
	}
	offerNextMsg         struct{} // the draft question was put off
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
func (offerNextMsg) owner() paneID         { return paneEdit }
func (draftTargetLoadedMsg) owner() paneID { return paneEdit }
func (templateLoadedMsg) owner() paneID    { return paneEdit }
func (noteSavedMsg) owner() paneID         { return paneEdit }
func (tempNoteWrittenMsg) owner() paneID   { return paneEdit }
func (externalEditDoneMsg) owner() paneID  { return paneEdit }
func (draftTickMsg) owner() paneID         { return paneEdit }
func (draftWrittenMsg) owner() paneID      { return paneEdit }
func (draftDiscardedMsg) owner() paneID    { return paneEdit }
func (quitFlushedMsg) owner() paneID       { return paneEdit }
func (keptElsewhereMsg) owner() paneID     { return paneEdit }
func (pasteKeptMsg) owner() paneID         { return paneEdit }

// Init looks for drafts left by earlier runs.
func (s *editSession) Init() tea.Cmd { return findDraftsCmd(s.drafts, s.env.j) }

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

// open starts the built-in editor on mt; with restore, its text is unsaved
// changes to mt (a draft's, or what $EDITOR gave back), and is written to
// the draft at once. status is what the status line says then; with
// restore, the draft's path is added to a status that has words.
func (s *editSession) open(mt journal.Meeting, restore *string, status statusMsg) tea.Cmd {
	session := s.nextKey("edit")
	name := s.env.name(mt.Person)
	s.ed.file = draftFile(mt.ID, mt.Person, mt.Date, time.Now())
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
		if status.text != "" {
			status.text += " " + s.drafts.Path()
		}
		return tea.Batch(focusCmd(true), tea.Sequence(send(status), writeDraftCmd(s.drafts)))
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
		return loadTemplateCmd(j, msg.handle, s.env.today(), msg.anyway)
	case templateLoadedMsg:
		switch {
		case msg.err != nil:
			return errorCmd(msg.err)
		case msg.existing != 0:
			return openModalCmd(existingMeetingPrompt(s.env.name(msg.handle), msg.date, msg.existing, msg.handle))
		}
		cmd := s.open(journal.Meeting{Person: msg.handle, Date: msg.date, Note: msg.note}, nil, statusMsg{})
		if s.ed.active {
			s.ed.cursorTo(notesLine(s.ed.ta.Value()), 0) // newmeeting.go
		}
		return cmd
	case editHeldMsg:
		return editHeldCmd(j, msg.id) // newmeeting.go
	case meetingDatedMsg:
		if !s.ed.active || s.ed.meeting.ID != 0 {
			return nil
		}
		s.ed.setDate(msg.date)
		return statusCmd("this 1:1 is dated " + msg.date.String() + " · ctrl+s saves it")
	case editRequestMsg:
		return s.edit(msg)

	case tempNoteWrittenMsg:
		if msg.err != nil {
			delete(s.external, msg.key)
			return errorCmd(msg.err)
		}
		return externalEditCmd(msg.key, msg.path, msg.note)
	case externalEditDoneMsg:
		return s.externalDone(msg)
	case noteSavedMsg:
		return s.saved(msg)

	case discardEditorMsg:
		if msg.key == s.ed.key {
			s.ed.active = false
			return tea.Batch(discardDraftCmd(s.drafts), statusCmd("changes discarded"), s.offerNext())
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
	case pasteRefusedMsg:
		return keepPasteCmd(s.drafts.dir, msg.text)
	case pasteKeptMsg:
		if msg.err != nil {
			return errorTextCmd(fmt.Sprintf("the paste (%d lines) is more than the built-in editor holds (%d lines) and was not inserted; it could not be kept either (%v): it is still in your clipboard or terminal", msg.lines, maxEditorLines, msg.err))
		}
		return errorTextCmd(fmt.Sprintf("the paste (%d lines) is more than the built-in editor holds (%d lines) and was not inserted; it is kept in %s (use ctrl+o for $EDITOR)", msg.lines, maxEditorLines, msg.path))

	case quitFlushedMsg:
		if msg.err == nil {
			return tea.Quit
		}
		return openModalCmd(newKeepElsewhere(msg.err, suggestKeepPath(s.ed.meeting, time.Now()), s.ed.note()))
	case keptElsewhereMsg:
		if msg.err != nil {
			return errorTextCmd("could not write " + msg.path + ": " + msg.err.Error())
		}
		s.drafts.Forget()
		s.keptAt = msg.path
		return tea.Sequence(send(modalDoneMsg{}), tea.Quit)

	case draftsFoundMsg:
		if msg.err != nil {
			return errorCmd(msg.err)
		}
		s.offers = append(s.offers, msg.drafts...)
		return s.offerNext()
	case offerNextMsg:
		return s.offerNext()
	case restoreDraftMsg:
		return loadDraftTargetCmd(j, msg.d)
	case dropDraftMsg:
		err := s.drafts.Drop(msg.d.file)
		switch {
		case err != nil:
			return errorCmd(err)
		case msg.edit != nil:
			return s.edit(*msg.edit)
		}
		return s.offerNext()
	case draftTargetLoadedMsg:
		if msg.err != nil {
			return errorCmd(msg.err)
		}
		s.env.names[msg.person.Handle] = msg.person.Name
		text := msg.d.Note
		cmd := s.open(msg.meeting, &text, statusMsg{})
		if s.ed.active {
			// The draft is the editor's now, in its own file.
			s.ed.file = msg.d.file
			s.drafts.Adopt(s.ed.draft())
		}
		return cmd
	}
	if s.ed.active {
		// Cursor blinks.
		return s.ed.Update(msg)
	}
	return nil
}

// edit opens a note in the built-in editor or in $EDITOR. A note with a
// draft kept from earlier is not opened over it: the user chooses.
func (s *editSession) edit(msg editRequestMsg) tea.Cmd {
	mt := msg.meeting
	if d, ok := s.drafts.keptFor(mt.ID); ok {
		nc := journal.NoteContext{Date: mt.Date, Handle: mt.Person, Name: s.env.names[mt.Person]}
		if !alreadyStored(d.Note, mt.Note, nc) {
			return openModalCmd(newDeferrableConfirm(fmt.Sprintf("The 1:1 with %s on %s has unsaved text kept from earlier. Restore it into the editor? (n deletes it and opens the note as stored; esc leaves both)", clean(s.env.name(mt.Person)), mt.Date),
				restoreDraftMsg{d}, dropDraftMsg{d: d, edit: &msg}, nil))
		}
		if err := s.drafts.Drop(d.file); err != nil {
			return errorCmd(err)
		}
	}
	if msg.external {
		key := s.nextKey("ext")
		s.external[key] = externalEdit{meeting: mt}
		return writeTempNoteCmd(key, mt.Note, s.drafts.dir)
	}
	return s.open(mt, nil, statusMsg{})
}

// offerNext asks about the next draft of an earlier run, while the editor
// is closed.
func (s *editSession) offerNext() tea.Cmd {
	if len(s.offers) == 0 || s.ed.active {
		return nil
	}
	d := s.offers[0]
	s.offers = s.offers[1:]
	what := "a new 1:1"
	if d.Meeting != "" {
		what = "the 1:1"
	}
	return openModalCmd(newDeferrableConfirm(fmt.Sprintf("Unsaved text of %s with %s on %s was kept from an earlier session. Restore it into the editor? (n deletes it; esc keeps it for next time)", what, clean(d.Person), d.Date),
		restoreDraftMsg{d}, dropDraftMsg{d: d}, offerNextMsg{}))
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
		return tea.Batch(discardDraftCmd(s.drafts), s.offerNext())
	case key.Matches(msg, e.keys.Date):
		return openModalCmd(newDatePrompt(e.meeting.Date, s.env.today()))
	case key.Matches(msg, e.keys.External):
		s.external[e.key] = externalEdit{meeting: e.toSave()}
		return writeTempNoteCmd(e.key, e.note(), s.drafts.dir)
	}
	return e.Update(msg)
}

// quit ends the app once the editor's unsaved text is on disk; when it
// cannot be written, it asks where to keep it instead of quitting.
func (s *editSession) quit() tea.Cmd {
	if !s.drafts.Pending() {
		return tea.Quit
	}
	return guard(func() any { return quitFlushedMsg{err: s.drafts.Flush()} })
}

// fromEditor reports whether a result with key belongs to the open editor.
func (s *editSession) fromEditor(key string) bool { return s.ed.active && key == s.ed.key }

// saved finishes a save: the editor closes and the draft goes, or on
// failure the text stays in the editor and the draft.
func (s *editSession) saved(msg noteSavedMsg) tea.Cmd {
	fromEditor := s.fromEditor(msg.key)
	ext, isExt := s.external[msg.key]
	delete(s.external, msg.key)
	if fromEditor {
		s.ed.saving = false
	}
	if msg.err != nil {
		switch {
		case errors.Is(msg.err, journal.ErrNoteChanged) && fromEditor:
			s.ed.force = true
			s.drafts.Set(s.ed.draft())
			return tea.Sequence(errorTextCmd("the note changed elsewhere since you opened it: ctrl+s again saves yours over it, esc discards yours; your text is in the draft"), writeDraftCmd(s.drafts))
		case fromEditor:
			s.drafts.Set(s.ed.draft())
			return tea.Sequence(errorTextCmd("not saved: "+errText(msg.err)+"; your text is still here and in the draft"), writeDraftCmd(s.drafts))
		case isExt:
			// $EDITOR's text, from the preview: into the built-in editor.
			return s.keepExternal(msg.key, ext, "not saved: "+errText(msg.err))
		}
		return errorTextCmd("not saved: " + errText(msg.err))
	}
	var cmds []tea.Cmd
	if fromEditor {
		s.ed.active = false
		cmds = append(cmds, discardDraftCmd(s.drafts))
	}
	return tea.Batch(append(cmds, send(noteStoredMsg{msg.meeting, msg.carried}), s.offerNext())...)
}
