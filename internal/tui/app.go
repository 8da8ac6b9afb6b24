package tui

import (
	"errors"
	"fmt"
	"hash/fnv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/oneonone/1on1/journal"
)

// The smallest terminal the app lays out in; below it, one line asks for
// a larger one.
const (
	minWidth  = 50
	minHeight = 12
)

type view int

const (
	viewPeople view = iota
	viewPerson
	viewCommitments
	viewFollowUps
	viewLedger
	viewSearch
)

// globalKeyMap is the keys that work wherever no text is being typed;
// ForceQuit works everywhere.
type globalKeyMap struct {
	Next, Prev, Help, Quit, ForceQuit, Commitments, FollowUps, Ledger, Search, SearchSlash, Home, Backup key.Binding
}

func newGlobalKeyMap() globalKeyMap {
	return globalKeyMap{
		Next:        key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next pane")),
		Prev:        key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "prev pane")),
		Help:        key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "more keys")),
		Quit:        key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit:   key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit (keeps a draft)")),
		Commitments: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "commitments")),
		FollowUps:   key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "follow-ups")),
		Ledger:      key.NewBinding(key.WithKeys("l"), key.WithHelp("l", "ledger")),
		Search:      key.NewBinding(key.WithKeys("ctrl+f"), key.WithHelp("ctrl+f", "search")),
		SearchSlash: key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search")),
		Home:        key.NewBinding(key.WithKeys("H"), key.WithHelp("H", "people")),
		Backup:      key.NewBinding(key.WithKeys("ctrl+b"), key.WithHelp("ctrl+b", "back up now")),
	}
}

// helpKeys is the focused pane's keys followed by the global ones. Where
// text is being typed (the editor, a filter, the search box, a form) the
// global keys are letters of the text: only ForceQuit is shown, and the
// short help holds every key of the pane, since "?" is text there too.
type helpKeys struct {
	pane   keyHelp
	global globalKeyMap
	text   bool
}

func (h helpKeys) ShortHelp() []key.Binding {
	if h.text {
		var all []key.Binding
		for _, col := range h.pane.FullHelp() {
			all = append(all, col...)
		}
		return append(all, h.global.ForceQuit)
	}
	return append(h.pane.ShortHelp(), h.global.Next, h.global.Help, h.global.Quit)
}

func (h helpKeys) FullHelp() [][]key.Binding {
	g := h.global
	if h.text {
		return [][]key.Binding{h.ShortHelp()}
	}
	return append(h.pane.FullHelp(),
		[]key.Binding{g.Commitments, g.FollowUps, g.Ledger, g.Search, g.SearchSlash, g.Home, g.Backup},
		[]key.Binding{g.Next, g.Prev, g.Help, g.Quit, g.ForceQuit})
}

// modal is an overlay that takes every key while open.
type modal interface {
	Update(tea.Msg) tea.Cmd
	View(width int) string
	help() keyHelp
}

// model is the root: it owns layout, focus and routing. Keys go to the
// modal if one is open, else to a pane that is taking text, else to the
// global bindings, else to the focused pane; results of commands go to the
// pane that owns them whatever has focus.
type model struct {
	j       *journal.Journal
	today   journal.Date
	st      styles
	drafts  *draftKeeper
	tempDir string

	width, height int
	view, back    view
	focusRight    bool

	people   peopleModel
	meetings meetingsModel
	commits  itemsModel
	fups     itemsModel
	ledger   ledgerModel
	search   searchModel
	preview  previewModel
	editor   editorModel
	modal    modal

	help     help.Model
	keys     globalKeyMap
	status   string
	isErr    bool
	headline string
	names    map[string]string // handle → name

	meetingCache map[journal.MeetingID]journal.Meeting
	loading      map[journal.MeetingID]bool
	prep         *journal.Prep
	prepKey      string // the selection the prep was asked for
	selKey       string
	highlight    struct {
		meeting journal.MeetingID
		term    string
	}
	jump     *jumpToNoteMsg
	sessions int
	external map[string]journal.Meeting // $EDITOR sessions
	crashed  bool

	// testPanic makes F12 panic inside Update, for the end-to-end test of
	// the crash path. It is off unless Run finds ONEONONE_TEST_PANIC=1
	// at start, and in no help.
	testPanic key.Binding
}

// newModel makes the root model. It is used by pointer: it holds every
// pane (over 200 KB), and copying it on each message cost more than the
// 2 ms a keystroke may take on a decade-sized journal.
func newModel(j *journal.Journal, today journal.Date, drafts *draftKeeper, glamourStyle string) *model {
	st := newStyles()
	h := help.New()
	h.ShortSeparator = " · "
	return &model{
		j: j, today: today, st: st, drafts: drafts, tempDir: drafts.dir,
		people:       newPeopleModel(st),
		meetings:     newMeetingsModel(st, today),
		commits:      newItemsModel(st, today, false),
		fups:         newItemsModel(st, today, true),
		ledger:       newLedgerModel(st),
		search:       newSearchModel(st),
		preview:      newPreviewModel(st, glamourStyle),
		editor:       newEditorModel(st),
		help:         h,
		keys:         newGlobalKeyMap(),
		names:        map[string]string{},
		meetingCache: map[journal.MeetingID]journal.Meeting{},
		loading:      map[journal.MeetingID]bool{},
		external:     map[string]journal.Meeting{},
		testPanic:    key.NewBinding(key.WithKeys("f12"), key.WithDisabled()),
	}
}

func (m *model) Init() tea.Cmd {
	return tea.Batch(loadPeopleCmd(m.j, m.today), findDraftCmd(m.drafts), warningsCmd(m.j))
}

func send(v tea.Msg) tea.Cmd { return func() tea.Msg { return v } }

func (m *model) setStatus(s string)    { m.status, m.isErr = s, false }
func (m *model) setError(err error)    { m.status, m.isErr = errText(err), true }
func (m *model) setErrorText(s string) { m.status, m.isErr = s, true }

func (m *model) tooSmall() bool { return m.width < minWidth || m.height < minHeight }

// Update routes messages; see model. It changes m in place.
func (m *model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.update(msg)
	if m.editor.active && m.editor.dirty() {
		// Memory only: the signal and panic handlers write it out.
		m.drafts.Set(m.editor.draft())
	}
	m.syncKeys()
	return m, cmd
}

// syncKeys switches the global keys on and off for the state Update left:
// "/" opens search only where it does not filter the list.
func (m *model) syncKeys() {
	m.keys.SearchSlash.SetEnabled(!m.leftFilters())
}

// takingText reports whether typed keys are text now: a modal, the editor,
// or a filter or search box in the focused pane.
func (m *model) takingText() bool {
	return m.modal != nil || m.editor.active || (!m.focusRight && m.leftTakingText())
}

func (m *model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		return m.layout()
	case tea.KeyMsg:
		return m.key(msg)
	case tea.MouseMsg:
		return m.mouse(msg)
	case cmdPanickedMsg:
		m.crashed = true
		return tea.Quit
	case noteRenderedMsg:
		m.preview.rendered(msg)
		return nil
	case modalDoneMsg:
		m.modal = nil
		if msg.then != nil {
			return send(msg.then)
		}
		return nil
	}
	return m.result(msg)
}

// key routes a key press.
func (m *model) key(msg tea.KeyMsg) tea.Cmd {
	if key.Matches(msg, m.testPanic) {
		// The value holds the note on purpose: the test checks it is never printed.
		panic("test panic with the note: " + m.editor.note())
	}
	if key.Matches(msg, m.keys.ForceQuit) {
		return tea.Quit // unsaved editor text is kept as a draft and offered next time
	}
	if m.tooSmall() {
		if key.Matches(msg, m.keys.Quit) {
			return tea.Quit
		}
		return nil
	}
	if m.modal != nil {
		return m.modal.Update(msg)
	}
	if m.editor.active {
		var cmd tea.Cmd
		m.editor, cmd = m.editor.Update(msg)
		return cmd
	}
	if !m.focusRight && m.leftTakingText() {
		return m.updateLeft(msg)
	}
	switch {
	case key.Matches(msg, m.keys.Quit):
		return tea.Quit
	case key.Matches(msg, m.keys.Help):
		m.help.ShowAll = !m.help.ShowAll
		return m.layout()
	case key.Matches(msg, m.keys.Next), key.Matches(msg, m.keys.Prev):
		m.focusRight = !m.focusRight
		return nil
	case key.Matches(msg, m.keys.Commitments):
		return m.switchView(viewCommitments)
	case key.Matches(msg, m.keys.FollowUps):
		return m.switchView(viewFollowUps)
	case key.Matches(msg, m.keys.Ledger):
		return m.switchView(viewLedger)
	case key.Matches(msg, m.keys.Home):
		return m.switchView(viewPeople)
	case key.Matches(msg, m.keys.Backup):
		m.setStatus("backing up…")
		return backupCmd(m.j, time.Now())
	case key.Matches(msg, m.keys.Search), key.Matches(msg, m.keys.SearchSlash):
		return m.switchView(viewSearch)
	}
	if m.focusRight {
		var cmd tea.Cmd
		if key.Matches(msg, m.preview.keys.Back) {
			m.focusRight = false
			return nil
		}
		m.preview, cmd = m.preview.Update(msg)
		return cmd
	}
	return m.updateLeft(msg)
}

// leftTakingText reports whether the left pane is taking typed text.
func (m *model) leftTakingText() bool {
	switch m.view {
	case viewPeople:
		return m.people.takingText()
	case viewCommitments:
		return m.commits.takingText()
	case viewFollowUps:
		return m.fups.takingText()
	case viewLedger:
		return m.ledger.takingText()
	case viewSearch:
		return true
	}
	return false
}

// leftFilters reports whether "/" filters the left list; where it does
// not, "/" opens search.
func (m *model) leftFilters() bool {
	if m.focusRight {
		return false
	}
	switch m.view {
	case viewPeople, viewCommitments, viewFollowUps, viewLedger:
		return true
	}
	return false
}

func (m *model) updateLeft(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch m.view {
	case viewPeople:
		m.people, cmd = m.people.Update(msg)
	case viewPerson:
		m.meetings, cmd = m.meetings.Update(msg)
	case viewCommitments:
		m.commits, cmd = m.commits.Update(msg)
	case viewFollowUps:
		m.fups, cmd = m.fups.Update(msg)
	case viewLedger:
		m.ledger, cmd = m.ledger.Update(msg)
	case viewSearch:
		m.search, cmd = m.search.Update(msg)
	}
	return tea.Batch(cmd, m.syncPreview())
}

func (m *model) mouse(msg tea.MouseMsg) tea.Cmd {
	if m.tooSmall() || m.modal != nil {
		return nil
	}
	if m.editor.active {
		m.editor.wheel(msg.Button)
		return nil
	}
	var k tea.KeyMsg
	switch msg.Button {
	case tea.MouseButtonWheelUp:
		k = tea.KeyMsg{Type: tea.KeyUp}
	case tea.MouseButtonWheelDown:
		k = tea.KeyMsg{Type: tea.KeyDown}
	default:
		return nil
	}
	if m.focusRight {
		if k.Type == tea.KeyUp {
			m.preview.vp.ScrollUp(3)
		} else {
			m.preview.vp.ScrollDown(3)
		}
		return nil
	}
	if m.view == viewSearch {
		var cmd tea.Cmd
		m.search.list, cmd = m.search.list.Update(k)
		return tea.Batch(cmd, m.syncPreview())
	}
	return m.updateLeft(k)
}

// switchView shows a top-level view and loads its data.
func (m *model) switchView(v view) tea.Cmd {
	if v == viewSearch && m.view != viewSearch {
		m.back = m.view
	}
	m.view = v
	m.focusRight = false
	m.prep = nil
	var cmd tea.Cmd
	switch v {
	case viewPeople:
		cmd = loadPeopleCmd(m.j, m.today)
	case viewCommitments:
		cmd = loadCommitmentsCmd(m.j, m.commits.filter())
	case viewFollowUps:
		cmd = loadFollowUpsCmd(m.j)
	case viewLedger:
		cmd = loadLedgersCmd(m.j, m.today)
	case viewSearch:
		cmd = m.search.focus()
	}
	return tea.Batch(cmd, m.layout(), m.syncPreview())
}

// reload loads again what the current view and the header show.
func (m *model) reload() tea.Cmd {
	m.meetingCache = map[journal.MeetingID]journal.Meeting{}
	cmds := []tea.Cmd{loadPeopleCmd(m.j, m.today)}
	switch m.view {
	case viewPerson:
		cmds = append(cmds, loadMeetingsCmd(m.j, m.meetings.person.Handle))
	case viewCommitments:
		cmds = append(cmds, loadCommitmentsCmd(m.j, m.commits.filter()))
	case viewFollowUps:
		cmds = append(cmds, loadFollowUpsCmd(m.j))
	case viewLedger:
		cmds = append(cmds, loadLedgersCmd(m.j, m.today))
	case viewSearch:
		m.search.seq++
		cmds = append(cmds, searchCmd(m.j, m.search.seq, m.search.query))
	}
	if m.prep != nil {
		cmds = append(cmds, loadPrepCmd(m.j, m.prep.Person.Handle, m.today))
	}
	return tea.Batch(cmds...)
}

func (m *model) openPerson(handle string) tea.Cmd {
	if m.meetings.person.Handle != handle {
		m.meetings = newMeetingsModel(m.st, m.today)
		m.meetings.person = journal.Person{Handle: handle, Name: m.names[handle]}
	}
	m.view = viewPerson
	m.focusRight = false
	return tea.Batch(loadMeetingsCmd(m.j, handle), m.layout(), m.syncPreview())
}

// openEditor starts the built-in editor on mt.
func (m *model) openEditor(mt journal.Meeting, restoreText *string) tea.Cmd {
	m.sessions++
	session := fmt.Sprintf("edit-%d", m.sessions)
	name := m.names[mt.Person]
	if name == "" {
		name = mt.Person
	}
	w, h := m.rightInner()
	var ok bool
	if restoreText != nil {
		ok = m.editor.restore(mt, name, session, *restoreText, w, h)
	} else {
		ok = m.editor.open(mt, name, session, w, h)
	}
	if !ok {
		m.setErrorText("the built-in editor cannot keep this note unchanged (control characters, invalid UTF-8 or over 10,000 lines); press E to use $EDITOR")
		return nil
	}
	m.focusRight = true
	m.setStatus("")
	if restoreText != nil {
		m.drafts.Set(m.editor.draft())
	}
	return m.layout()
}

// result handles the messages of commands and of panes' intents.
func (m *model) result(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case warningsFoundMsg:
		if len(msg.warnings) > 0 {
			m.setErrorText("warning: " + strings.Join(msg.warnings, "; "))
		}
		return nil

	case backupWrittenMsg:
		if msg.err != nil {
			m.setError(msg.err)
		} else {
			m.setStatus("backup written to " + msg.path)
		}
		return nil

	case peopleLoadedMsg:
		if msg.err != nil {
			m.setError(msg.err)
			return nil
		}
		m.headline = headline(msg.people)
		for _, p := range msg.people {
			m.names[p.Handle] = p.Name
		}
		cmd := m.people.setPeople(msg.people)
		return tea.Batch(cmd, m.syncPreview())

	case meetingsLoadedMsg:
		if msg.err != nil {
			m.setError(msg.err)
			return nil
		}
		if m.view != viewPerson || msg.handle != m.meetings.person.Handle {
			return nil
		}
		for _, mt := range msg.meetings {
			m.meetingCache[mt.ID] = mt
		}
		cmd := m.meetings.setData(msg)
		if j := m.jump; j != nil && j.person == msg.handle {
			m.jump = nil
			if m.meetings.selectMeeting(j.meeting) {
				m.highlight.meeting, m.highlight.term = j.meeting, j.highlight
				m.focusRight = true
			}
		}
		return tea.Batch(cmd, m.syncPreview())

	case meetingLoadedMsg:
		delete(m.loading, msg.id)
		if msg.err == nil {
			m.meetingCache[msg.id] = msg.meeting
		}
		return m.syncPreview()

	case prepLoadedMsg:
		if msg.err != nil {
			m.setError(msg.err)
			return nil
		}
		m.prep = &msg.prep
		m.prepKey = m.selectionKey()
		return m.syncPreview()

	case templateLoadedMsg:
		if msg.err != nil {
			m.setError(msg.err)
			return nil
		}
		return m.openEditor(journal.Meeting{Person: msg.handle, Date: msg.date, Note: msg.note}, nil)

	case openPersonMsg:
		return m.openPerson(msg.handle)
	case prepRequestMsg:
		return loadPrepCmd(m.j, msg.handle, m.today)
	case newMeetingMsg:
		return loadTemplateCmd(m.j, msg.handle, m.today)
	case focusPreviewMsg:
		m.focusRight = true
		return nil
	case backMsg:
		if m.view == viewSearch {
			return m.switchView(m.back)
		}
		return m.switchView(viewPeople)

	case editRequestMsg:
		if msg.external {
			m.sessions++
			session := fmt.Sprintf("ext-%d", m.sessions)
			m.external[session] = msg.meeting
			return writeTempNoteCmd(session, msg.meeting.Note, m.tempDir)
		}
		return m.openEditor(msg.meeting, nil)

	case externalAskMsg:
		if msg.key != m.editor.key {
			return nil
		}
		m.external[msg.key] = m.editor.toSave()
		return writeTempNoteCmd(msg.key, m.editor.note(), m.tempDir)
	case tempNoteWrittenMsg:
		if msg.err != nil {
			delete(m.external, msg.key)
			m.setError(msg.err)
			return nil
		}
		return externalEditCmd(msg.key, msg.path, msg.note)
	case externalEditDoneMsg:
		mt, ok := m.external[msg.key]
		delete(m.external, msg.key)
		if !ok {
			return nil
		}
		if msg.err != nil {
			m.setError(msg.err)
			return nil
		}
		fromEditor := m.editor.active && msg.key == m.editor.key
		if !msg.changed && !(fromEditor && m.editor.dirty()) {
			m.setStatus("no changes")
			return nil
		}
		mt.Note = msg.note
		if fromEditor {
			m.editor.saving = true
		}
		return saveNoteCmd(m.j, msg.key, mt, false, m.today)

	case saveRequestMsg:
		if msg.key != m.editor.key || !m.editor.active {
			return nil
		}
		m.editor.saving = true
		m.setStatus("saving…")
		return saveNoteCmd(m.j, msg.key, m.editor.toSave(), m.editor.force, m.today)

	case noteSavedMsg:
		if msg.err == nil {
			m.prep = nil // the 1:1 it prepared is written: show the note
		}
		return m.noteSaved(msg)

	case closeAskedMsg:
		m.modal = newConfirm("Discard the unsaved changes to this note?", discardEditorMsg{msg.key}, nil)
		return nil
	case editorClosedMsg:
		if msg.key == m.editor.key {
			m.editor.active = false
			return tea.Batch(discardDraftCmd(m.drafts), m.layout(), m.syncPreview())
		}
		return nil
	case discardEditorMsg:
		if msg.key == m.editor.key {
			m.editor.active = false
			m.setStatus("changes discarded")
			return tea.Batch(discardDraftCmd(m.drafts), m.layout(), m.syncPreview())
		}
		return nil

	case draftTickMsg:
		if m.editor.active && msg.seq == m.editor.seq && m.editor.dirty() {
			m.drafts.Set(m.editor.draft())
			return writeDraftCmd(m.drafts)
		}
		return nil
	case draftWrittenMsg:
		if msg.err != nil {
			m.setErrorText("could not keep a draft (" + msg.err.Error() + "); your text is still in the editor")
		}
		return nil
	case draftDiscardedMsg:
		if msg.err != nil {
			m.setError(msg.err)
		}
		return nil
	case draftFoundMsg:
		if msg.err != nil {
			m.setError(msg.err)
			return nil
		}
		if msg.draft == nil {
			return nil
		}
		d := *msg.draft
		what := "a new 1:1"
		if d.Meeting != "" {
			what = "the 1:1"
		}
		m.modal = newDeferrableConfirm(fmt.Sprintf("Unsaved text of %s with %s on %s was kept from an earlier session. Restore it into the editor? (n deletes it; esc keeps it for next time)", what, clean(d.Person), d.Date),
			restoreDraftMsg{d}, dropDraftMsg{})
		return nil
	case restoreDraftMsg:
		return loadDraftTargetCmd(m.j, msg.d)
	case dropDraftMsg:
		return discardDraftCmd(m.drafts)
	case draftTargetLoadedMsg:
		if msg.err != nil {
			m.setError(msg.err)
			return nil
		}
		m.names[msg.person.Handle] = msg.person.Name
		text := msg.d.Note
		return m.openEditor(msg.meeting, &text)

	case changeItemMsg:
		if msg.action != journal.ActionRedate {
			m.commits.remove(msg.item.ID)
			m.fups.remove(msg.item.ID)
		}
		return tea.Batch(changeItemCmd(m.j, msg.item, journal.Change{Action: msg.action}, m.today), m.syncPreview())
	case redateAskedMsg:
		m.modal = newRedate(msg.item, m.today)
		return nil
	case redateMsg:
		return changeItemCmd(m.j, msg.item, journal.Change{Action: journal.ActionRedate, Due: msg.due}, m.today)
	case itemChangedMsg:
		if msg.err != nil {
			if errors.Is(msg.err, journal.ErrNoteChanged) {
				m.setErrorText("that line changed in its note since the list was loaded; the list is reloaded, try again")
			} else {
				m.setError(msg.err)
			}
			return m.reload()
		}
		switch msg.action {
		case journal.ActionDone:
			m.setStatus("ticked done: " + clean(msg.item.Text))
		case journal.ActionDrop:
			m.setStatus("dropped: " + clean(msg.item.Text))
		case journal.ActionRedate:
			m.setStatus("re-dated to " + msg.item.Due.String() + ": " + clean(msg.item.Text))
		}
		return m.reload()
	case reloadItemsMsg:
		return m.reload()
	case jumpToNoteMsg:
		j := msg
		m.jump = &j
		return m.openPerson(msg.person)

	case commitmentsLoadedMsg:
		if msg.err != nil {
			m.setError(msg.err)
			return nil
		}
		return tea.Batch(m.commits.setItems(msg.items), m.syncPreview())
	case followUpsLoadedMsg:
		if msg.err != nil {
			m.setError(msg.err)
			return nil
		}
		return tea.Batch(m.fups.setItems(msg.items), m.syncPreview())
	case ledgersLoadedMsg:
		if msg.err != nil {
			m.setError(msg.err)
			return nil
		}
		return tea.Batch(m.ledger.setLedgers(msg.ledgers), m.syncPreview())

	case searchTickMsg:
		if msg.seq == m.search.seq {
			return searchCmd(m.j, msg.seq, m.search.query)
		}
		return nil
	case searchFinishedMsg:
		return tea.Batch(m.search.setHits(msg), m.syncPreview())

	case personFormMsg:
		m.modal = newPersonForm(msg.person)
		return nil
	case personSubmitMsg:
		return savePersonCmd(m.j, msg.person, msg.add)
	case personSavedMsg:
		if msg.err != nil {
			if f, ok := m.modal.(*personForm); ok {
				f.err = errText(msg.err)
				return nil
			}
			m.setError(msg.err)
			return nil
		}
		m.modal = nil
		m.setStatus("saved " + clean(msg.person.Name))
		return m.reload()
	case archiveAskedMsg:
		m.modal = newConfirm(fmt.Sprintf("Archive %s? Their notes are kept; they leave the lists and flags.", clean(msg.person.Name)), archiveConfirmedMsg{msg.person.Handle}, nil)
		return nil
	case archiveConfirmedMsg:
		return archivePersonCmd(m.j, msg.handle)
	case personArchivedMsg:
		if msg.err != nil {
			m.setError(msg.err)
			return nil
		}
		m.setStatus("archived " + msg.handle)
		return m.reload()
	}
	// Anything else (cursor blinks, list status timers) goes to the pane
	// that may own it.
	var cmds []tea.Cmd
	var cmd tea.Cmd
	if m.editor.active {
		m.editor, cmd = m.editor.Update(msg)
		cmds = append(cmds, cmd)
	}
	// The lists' own messages (filter matches, status timeouts) go back
	// to the list of the current view.
	cmds = append(cmds, m.updateLeft(msg))
	return tea.Batch(cmds...)
}

type (
	discardEditorMsg    struct{ key string }
	restoreDraftMsg     struct{ d draft }
	dropDraftMsg        struct{}
	archiveConfirmedMsg struct{ handle string }
)

// noteSaved finishes a save: the editor closes and the draft goes, or on
// failure the text stays in the editor and the draft.
func (m *model) noteSaved(msg noteSavedMsg) tea.Cmd {
	fromEditor := m.editor.active && msg.key == m.editor.key
	if fromEditor {
		m.editor.saving = false
	}
	if msg.err != nil {
		switch {
		case errors.Is(msg.err, journal.ErrNoteChanged) && fromEditor:
			m.editor.force = true
			m.setErrorText("the note changed elsewhere since you opened it: ctrl+s again saves yours over it, esc discards yours; your text is in the draft")
		case fromEditor:
			m.setErrorText("not saved: " + errText(msg.err) + "; your text is still here and in the draft")
		default:
			m.setErrorText("not saved: " + errText(msg.err))
		}
		if fromEditor {
			m.drafts.Set(m.editor.draft())
			return writeDraftCmd(m.drafts)
		}
		return nil
	}
	mt := msg.meeting
	m.setStatus(fmt.Sprintf("saved the 1:1 with %s on %s", mt.Person, mt.Date))
	var cmds []tea.Cmd
	if fromEditor {
		m.editor.active = false
		cmds = append(cmds, discardDraftCmd(m.drafts))
	}
	m.meetingCache[mt.ID] = mt
	j := jumpToNoteMsg{meeting: mt.ID, person: mt.Person}
	m.jump = &j
	m.view = viewPerson
	if m.meetings.person.Handle != mt.Person {
		m.meetings = newMeetingsModel(m.st, m.today)
		m.meetings.person = journal.Person{Handle: mt.Person, Name: m.names[mt.Person]}
	}
	cmds = append(cmds, m.reload(), m.layout())
	return tea.Batch(cmds...)
}

type draftTargetLoadedMsg struct {
	d       draft
	person  journal.Person
	meeting journal.Meeting
	err     error
}

// loadDraftTargetCmd finds what a draft belongs to: its meeting at the
// revision the draft started from (so a save after someone else's is
// caught), or a new meeting when it was one or is gone.
func loadDraftTargetCmd(j *journal.Journal, d draft) tea.Cmd {
	return guard(func() any {
		msg := draftTargetLoadedMsg{d: d}
		if msg.person, msg.err = j.Person(d.Person); msg.err != nil {
			return msg
		}
		date, err := journal.ParseDate(d.Date)
		if err != nil {
			msg.err = fmt.Errorf("draft: %w", err)
			return msg
		}
		msg.meeting = journal.Meeting{Person: d.Person, Date: date, Time: d.Time}
		if d.Meeting != "" {
			id, err := journal.ParseMeetingID(d.Meeting)
			if err == nil {
				if mt, err := j.Meeting(id); err == nil {
					mt.Rev = d.Rev
					msg.meeting = mt
				}
			}
		}
		return msg
	})
}

// syncPreview puts the document that goes with the left pane's selection
// into the preview, loading a meeting first when it is not at hand.
func (m *model) syncPreview() tea.Cmd {
	sel := m.selectionKey()
	if sel != m.selKey {
		m.selKey = sel
		// The prep belongs to the row it was asked for: moving to another
		// row (a meeting of the same person included) shows that row.
		if m.prep != nil && sel != m.prepKey {
			m.prep = nil
		}
	}
	if m.prep != nil {
		md := m.prep.Markdown()
		return m.preview.setDoc(doc{key: "prep:" + hash(md), title: "Prep: " + clean(m.prep.Person.Name), markdown: md})
	}
	switch m.view {
	case viewPeople:
		if s, ok := m.people.selected(); ok {
			md := personSummary(s)
			return m.preview.setDoc(doc{key: "p:" + hash(md), title: clean(s.Name), markdown: md})
		}
		if m.people.empty() {
			return m.preview.setDoc(doc{key: "welcome", title: "Welcome", markdown: welcomeMarkdown})
		}
	case viewPerson:
		if mt, ok := m.meetings.selected(); ok {
			return m.showMeeting(mt.ID, "")
		}
	case viewCommitments:
		if it, ok := m.commits.selected(); ok {
			return m.showMeeting(it.Meeting, "")
		}
	case viewFollowUps:
		if it, ok := m.fups.selected(); ok {
			return m.showMeeting(it.Meeting, "")
		}
	case viewLedger:
		if l, ok := m.ledger.selected(); ok {
			return m.preview.setDoc(doc{key: "l:" + l.person.Handle, title: "Ledger", plain: ledgerText(l, m.st), isPlain: true})
		}
	case viewSearch:
		if h, ok := m.search.selected(); ok {
			return m.showMeeting(h.Meeting, h.Match)
		}
	}
	return m.preview.setDoc(doc{})
}

func (m *model) showMeeting(id journal.MeetingID, term string) tea.Cmd {
	mt, ok := m.meetingCache[id]
	if !ok {
		if m.loading[id] {
			return nil
		}
		m.loading[id] = true
		return tea.Batch(m.preview.setDoc(doc{key: "loading", title: "loading…", isPlain: true}), loadMeetingCmd(m.j, id))
	}
	if term == "" && m.highlight.meeting == id {
		term = m.highlight.term
	}
	name := m.names[mt.Person]
	if name == "" {
		name = mt.Person
	}
	title := clean(name) + " · " + mt.Date.String()
	if mt.Time != "" {
		title += " " + mt.Time
	}
	return m.preview.setDoc(doc{
		key:       fmt.Sprintf("m:%s:%d", mt.ID, mt.Rev),
		title:     title,
		legend:    legend(mt, m.today, m.st),
		markdown:  mt.Note,
		highlight: term,
		meeting:   mt,
	})
}

// selectionKey names what the left pane has selected.
func (m *model) selectionKey() string {
	switch m.view {
	case viewPeople:
		if s, ok := m.people.selected(); ok {
			return "people:" + s.Handle
		}
	case viewPerson:
		return fmt.Sprintf("person:%d:%s", m.meetings.list.Index(), m.meetings.person.Handle)
	}
	return fmt.Sprintf("%d:%d", m.view, m.leftIndex())
}

func (m *model) leftIndex() int {
	switch m.view {
	case viewCommitments:
		return m.commits.list.Index()
	case viewFollowUps:
		return m.fups.list.Index()
	case viewLedger:
		return m.ledger.list.Index()
	case viewSearch:
		return m.search.list.Index()
	}
	return 0
}

func hash(s string) string {
	h := fnv.New64a()
	h.Write([]byte(s))
	return fmt.Sprintf("%x", h.Sum64())
}

// headline is the header's summary: "3 overdue · 2 due soon · 1 person
// due for a 1:1".
func headline(ps []journal.PersonStatus) string {
	var overdue, soon, due int
	for _, p := range ps {
		overdue += p.OverdueMine + p.OverdueTheirs
		soon += p.DueSoon
		if p.DueForOneOnOne {
			due++
		}
	}
	return fmt.Sprintf("%d overdue · %d due soon · %d %s due for a 1:1", overdue, soon, due, plural(due, "person", "people"))
}

// Layout.

func (m *model) leftOuter() int {
	if m.width < 80 {
		return m.width / 2
	}
	return min(max(m.width*2/5, 30), 60)
}

func (m *model) helpView() string {
	m.help.Width = m.width
	v := m.help.View(helpKeys{pane: m.focusedKeys(), global: m.keys, text: m.takingText()})
	// The full help drops columns that do not fit, but its first column
	// can alone be wider than a narrow terminal.
	lines := strings.Split(v, "\n")
	for i, l := range lines {
		if lipgloss.Width(l) > m.width {
			lines[i] = ansi.Truncate(l, m.width, "…")
		}
	}
	return strings.Join(lines, "\n")
}

func (m *model) bodyHeight() int { return max(m.height-2-lipgloss.Height(m.helpView()), 3) }

// rightInner is the editor's and preview's size inside their border,
// below the title line.
func (m *model) rightInner() (int, int) {
	return max(m.width-m.leftOuter()-2, 1), max(m.bodyHeight()-3, 1)
}

func (m *model) layout() tea.Cmd {
	if m.width <= 0 || m.height <= 0 {
		return nil
	}
	lw := max(m.leftOuter()-2, 1)
	lh := max(m.bodyHeight()-3, 1)
	m.people.setSize(lw, lh)
	m.meetings.setSize(lw, lh)
	m.commits.setSize(lw, lh)
	m.fups.setSize(lw, lh)
	m.ledger.setSize(lw, lh)
	m.search.setSize(lw, lh)
	rw, rh := m.rightInner()
	m.editor.setSize(rw, rh)
	return m.preview.setSize(rw, rh)
}

func (m *model) focusedKeys() keyHelp {
	switch {
	case m.modal != nil:
		return m.modal.help()
	case m.editor.active:
		return m.editor.keys
	case m.focusRight:
		return m.preview.keys
	}
	switch m.view {
	case viewPerson:
		return m.meetings.help()
	case viewCommitments:
		return m.commits.help()
	case viewFollowUps:
		return m.fups.help()
	case viewLedger:
		return m.ledger.help()
	case viewSearch:
		return m.search.keys
	}
	return m.people.help()
}

var viewNames = map[view]string{
	viewPeople: "People", viewPerson: "Meetings", viewCommitments: "Commitments",
	viewFollowUps: "Follow-ups", viewLedger: "Ledger", viewSearch: "Search",
}

// View draws the screen from state alone: no I/O, no markdown rendering.
// It is drawn on every key, so it builds lines directly (see box) rather
// than through lipgloss's border and join, which measure every line again.
func (m *model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	if m.tooSmall() {
		return fit(fmt.Sprintf("1on1 needs a terminal of at least %d×%d; please enlarge it", minWidth, minHeight), m.width)
	}
	head := spread(m.st.HeaderTitle.Render("1on1")+" · "+m.st.Header.Render(viewNames[m.view]),
		m.st.HeaderFlags.Render(m.headline)+"  "+m.st.Dim.Render(m.today.String()), m.width)

	helpLine := m.helpView()
	bh := max(m.height-2-lipgloss.Height(helpLine), 3) // bodyHeight, with the help drawn once
	lw := m.leftOuter()
	rw := m.width - lw
	leftTitle := viewNames[m.view]
	if m.view == viewPerson {
		leftTitle = clean(m.names[m.meetings.person.Handle])
		if leftTitle == "" {
			leftTitle = m.meetings.person.Handle
		}
	}
	var left string
	switch m.view {
	case viewPeople:
		left = m.people.View()
	case viewPerson:
		left = m.meetings.View()
	case viewCommitments:
		left = m.commits.View()
	case viewFollowUps:
		left = m.fups.View()
	case viewLedger:
		left = m.ledger.View()
	case viewSearch:
		left = m.search.View()
	}
	rightTitle, right := m.preview.doc.title, m.preview.View()
	switch {
	case m.modal != nil:
		rightTitle, right = "", m.modal.View(max(rw-4, 1))
	case m.editor.active:
		rightTitle, right = m.editor.title(), m.editor.View()
	}
	lb := m.box(leftTitle, left, lw, bh, !m.focusRight && m.modal == nil)
	rb := m.box(rightTitle, right, rw, bh, m.focusRight || m.modal != nil)

	status := m.st.Status.Render(m.status)
	if m.isErr {
		status = m.st.Error.Render(m.status)
	}
	var b strings.Builder
	b.Grow((m.width + 16) * m.height)
	b.WriteString(head)
	for i := range lb {
		b.WriteByte('\n')
		b.WriteString(lb[i])
		b.WriteString(rb[i])
	}
	b.WriteByte('\n')
	b.WriteString(fit(status, m.width))
	b.WriteByte('\n')
	b.WriteString(helpLine)
	return b.String()
}

// box draws a pane as lines of exactly w cells: a border (thick when
// focused), a title line (marked when focused) and content cut and padded
// to the pane's size. Both panes of a frame have the same height, so their
// lines are joined side by side as they are.
func (m *model) box(title, content string, w, h int, focused bool) []string {
	iw, ih := max(w-2, 1), max(h-2, 1)
	marker := "  "
	border, edge := lipgloss.NormalBorder(), m.st.PaneEdge
	if focused {
		marker = "▸ "
		border, edge = lipgloss.ThickBorder(), m.st.PaneEdgeFocused
	}
	left, right := edge.Render(border.Left), edge.Render(border.Right)
	out := make([]string, 0, ih+2)
	out = append(out, edge.Render(border.TopLeft+strings.Repeat(border.Top, iw)+border.TopRight))
	out = append(out, left+fit(m.st.PaneTitle.Render(marker+title), iw)+right)
	rest := content
	for len(out) < ih+1 && rest != "" {
		l, tail, _ := strings.Cut(rest, "\n")
		rest = tail
		out = append(out, left+fit(l, iw)+right)
	}
	blank := left + strings.Repeat(" ", iw) + right
	for len(out) < ih+1 {
		out = append(out, blank)
	}
	return append(out, edge.Render(border.BottomLeft+strings.Repeat(border.Bottom, iw)+border.BottomRight))
}
