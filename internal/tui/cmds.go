package tui

import (
	"errors"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/oneonone/1on1/journal"
)

// Every read and write of the journal happens in one of these tea.Cmds; the
// message each returns is named for what happened and carries the id it
// belongs to, so the root can hand it to the pane that owns it.

// cmdPanickedMsg says a command panicked; the app quits and reports it
// without the panic's value, which could hold note text.
type cmdPanickedMsg struct{}

// guard runs a command and turns a panic in it into cmdPanickedMsg instead
// of a crash that would leave the terminal raw.
func guard(fn func() any) tea.Cmd {
	return func() (msg tea.Msg) {
		defer func() {
			if r := recover(); r != nil {
				msg = cmdPanickedMsg{}
			}
		}()
		return fn()
	}
}

type peopleLoadedMsg struct {
	people []journal.PersonStatus
	err    error
}

func loadPeopleCmd(j *journal.Journal, today journal.Date, withArchived bool) tea.Cmd {
	return guard(func() any {
		ps, err := j.PeopleStatus(today, withArchived)
		return peopleLoadedMsg{people: ps, err: err}
	})
}

type meetingsLoadedMsg struct {
	handle   string
	person   journal.Person
	meetings []journal.Meeting
	open     []journal.Item // open commitments
	fups     []journal.Item // open follow-ups
	err      error
}

func loadMeetingsCmd(j *journal.Journal, handle string) tea.Cmd {
	return guard(func() any {
		msg := meetingsLoadedMsg{handle: handle}
		if msg.person, msg.err = j.Person(handle); msg.err != nil {
			return msg
		}
		// The journal gives items as they stand today, not as each note
		// wrote them: the app and the CLI agree on every flag.
		if msg.meetings, msg.err = j.Meetings(handle); msg.err != nil {
			return msg
		}
		if msg.open, msg.err = j.OpenCommitments(journal.ItemFilter{Person: handle}); msg.err != nil {
			return msg
		}
		msg.fups, msg.err = j.OpenFollowUps(handle)
		return msg
	})
}

func (peopleLoadedMsg) owner() paneID      { return panePeople }
func (meetingsLoadedMsg) owner() paneID    { return paneMeetings }
func (meetingLoadedMsg) owner() paneID     { return panePreview }
func (prepLoadedMsg) owner() paneID        { return panePrep }
func (commitmentsLoadedMsg) owner() paneID { return paneCommitments }
func (followUpsLoadedMsg) owner() paneID   { return paneFollowUps }
func (searchFinishedMsg) owner() paneID    { return paneSearch }
func (searchTickMsg) owner() paneID        { return paneSearch }

type meetingLoadedMsg struct {
	id      journal.MeetingID
	meeting journal.Meeting
	err     error
}

func loadMeetingCmd(j *journal.Journal, id journal.MeetingID) tea.Cmd {
	return guard(func() any {
		m, err := j.Meeting(id)
		return meetingLoadedMsg{id: id, meeting: m, err: err}
	})
}

type prepLoadedMsg struct {
	handle string
	prep   journal.Prep
	err    error
}

func loadPrepCmd(j *journal.Journal, handle string, today journal.Date) tea.Cmd {
	return guard(func() any {
		p, err := j.Prep(handle, today)
		return prepLoadedMsg{handle: handle, prep: p, err: err}
	})
}

type templateLoadedMsg struct {
	handle   string
	date     journal.Date
	note     string
	existing journal.MeetingID // a 1:1 with them already on date: offered instead
	err      error
}

// loadTemplateCmd reads the template of a new 1:1 on today, or, unless
// anyway, the 1:1 with the person already held today.
func loadTemplateCmd(j *journal.Journal, handle string, today journal.Date, anyway bool) tea.Cmd {
	return guard(func() any {
		if !anyway {
			id, ok, err := j.MeetingOn(handle, today)
			if err != nil || ok {
				return templateLoadedMsg{handle: handle, date: today, existing: id, err: err}
			}
		}
		n, err := j.Template(handle, today)
		return templateLoadedMsg{handle: handle, date: today, note: n, err: err}
	})
}

// noteSavedMsg reports the save of an editor's text. key is the editor
// session's key, so a late answer for an older session is recognised.
type noteSavedMsg struct {
	key     string
	meeting journal.Meeting
	carried []journal.CarriedChange // changes applied to later notes too
	err     error
}

// saveNoteCmd stores a note: AddMeeting for a new meeting, SaveMeeting for
// an existing one. With force, an existing meeting is saved over whatever
// revision is stored now (the user chose to after ErrNoteChanged).
func saveNoteCmd(j *journal.Journal, key string, m journal.Meeting, force bool, today journal.Date) tea.Cmd {
	return guard(func() any {
		if m.ID == 0 {
			saved, err := j.AddMeeting(m, today)
			return noteSavedMsg{key: key, meeting: saved, err: err}
		}
		if force {
			cur, err := j.Meeting(m.ID)
			if err != nil {
				return noteSavedMsg{key: key, err: err}
			}
			m.Rev = cur.Rev
		}
		saved, carried, err := j.SaveMeetingCarry(m, today)
		return noteSavedMsg{key: key, meeting: saved, carried: carried, err: err}
	})
}

type itemChangedMsg struct {
	id     string
	action journal.Action
	item   journal.Item
	undo   *undoRecord // nil when the change cannot be undone exactly
	err    error
}

// commitmentsLoadedMsg and followUpsLoadedMsg carry the items and, for
// each, the text a list shows (journal.ListTexts).
type commitmentsLoadedMsg struct {
	items []journal.Item
	texts []string
	err   error
}

type followUpsLoadedMsg struct {
	items []journal.Item
	texts []string
	err   error
}

type searchFinishedMsg struct {
	seq   int
	query string
	hits  []journal.Hit
	more  bool // more meetings match than searchLimit
	err   error
}

// searchLimit is how many meetings the search view lists: enough to pick
// from, and the screen says when more match (issue 13).
const searchLimit = 100

func searchCmd(j *journal.Journal, seq int, q string) tea.Cmd {
	return guard(func() any {
		if strings.TrimSpace(q) == "" {
			return searchFinishedMsg{seq: seq, query: q}
		}
		// One more than is shown tells that more exist.
		hits, err := j.Search(journal.Query{Text: q, Limit: searchLimit + 1})
		more := len(hits) > searchLimit
		if more {
			hits = hits[:searchLimit]
		}
		return searchFinishedMsg{seq: seq, query: q, hits: hits, more: more, err: err}
	})
}

type personSavedMsg struct {
	person journal.Person
	added  bool
	err    error
}

func savePersonCmd(j *journal.Journal, p journal.Person, add bool) tea.Cmd {
	return guard(func() any {
		var saved journal.Person
		var err error
		if add {
			saved, err = j.AddPerson(p)
		} else {
			saved, err = j.UpdatePerson(p)
		}
		return personSavedMsg{person: saved, added: add, err: err}
	})
}

type personArchivedMsg struct {
	handle   string
	archived bool // archived, or restored
	err      error
}

func archivePersonCmd(j *journal.Journal, handle string, archived bool) tea.Cmd {
	return guard(func() any {
		return personArchivedMsg{handle: handle, archived: archived, err: j.SetArchived(handle, archived)}
	})
}

// Drafts.

type draftWrittenMsg struct{ err error }

func writeDraftCmd(k *draftKeeper) tea.Cmd {
	return guard(func() any { return draftWrittenMsg{err: k.Flush()} })
}

type draftDiscardedMsg struct{ err error }

func discardDraftCmd(k *draftKeeper) tea.Cmd {
	return guard(func() any { return draftDiscardedMsg{err: k.Discard()} })
}

// draftTickMsg fires after a pause in typing; seq says which edit it
// follows, so only the last edit of a burst writes the draft.
type draftTickMsg struct{ seq int }

func draftTick(seq int) tea.Cmd {
	return tea.Tick(400*time.Millisecond, func(time.Time) tea.Msg { return draftTickMsg{seq: seq} })
}

// searchTickMsg debounces incremental search the same way.
type searchTickMsg struct{ seq int }

func searchTick(seq int) tea.Cmd {
	return tea.Tick(150*time.Millisecond, func(time.Time) tea.Msg { return searchTickMsg{seq: seq} })
}

// errText says what went wrong without note text (journal errors never
// hold any).
func errText(err error) string {
	switch {
	case errors.Is(err, journal.ErrNoteChanged):
		return "the note changed since it was opened (saved elsewhere)"
	case err == nil:
		return ""
	}
	return err.Error()
}

// backupWrittenMsg reports an online backup taken from the app: one read
// transaction, beside anything else that reads or writes the journal.
type backupWrittenMsg struct {
	path string
	err  error
}

// backupCmd writes a consistent copy of the journal, named for the moment,
// into the journal's backups folder.
func backupCmd(j *journal.Journal, now time.Time) tea.Cmd {
	return guard(func() any {
		path, err := j.BackupNow(now)
		return backupWrittenMsg{path: path, err: err}
	})
}

// warningsFoundMsg carries what the user should know about the journal
// file (another user can read it), shown in the status line at start: the
// screen would hide a warning printed before it.
type warningsFoundMsg struct{ warnings []string }

func warningsCmd(j *journal.Journal) tea.Cmd {
	return guard(func() any { return warningsFoundMsg{warnings: j.Warnings()} })
}
