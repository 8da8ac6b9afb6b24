package tui

import (
	"fmt"
	"hash/fnv"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/oneonone/1on1/journal"
)

// model is the root: it owns layout (layout.go), focus and routing, and
// holds the panes. Keys go to the modal if one is open, else to the
// focused pane if it is taking text, else to the global bindings
// (keys.go), else to the focused pane. Results of commands go to the pane
// that owns them (see owned) whatever has focus; what panes ask of the
// app as a whole (change an item, save a person) is in actions.go.
//
// Adding a view: a type that implements pane in a file of its own, and
// one line in newModel's views.
type model struct {
	env *env

	width, height int
	view, back    paneID // the left pane; where search's esc returns
	focusRight    bool

	panes   map[paneID]pane // the left panes
	names   map[paneID]string
	preview *previewPane
	prep    *prepPane
	edit    *editSession
	modal   modal

	help     help.Model
	keys     globalKeyMap
	status   string
	isErr    bool
	headline string
	selKey   string          // the left pane's selection the preview shows
	day      journal.Date    // the date the screen was loaded for
	version  journal.Version // the journal as the screen was loaded from (live.go)
	crashed  bool
	backTo   *backFrame   // where esc in meetings returns after a jump (backstack.go)
	undos    []undoRecord // changes made from lists, newest last (undo.go)
	mouseOff bool         // M gave the mouse back to the terminal, to select text
	vault    vaultState   // the vault's state on the status line (vault.go)

	// testPanic makes F12 panic inside Update, for the end-to-end test of
	// the crash path. It is off unless Run finds ONEONONE_TEST_PANIC=1
	// at start, and in no help.
	testPanic key.Binding
}

// newModel makes the root model. It is used by pointer: copying every pane
// on each message cost more than the 2 ms a keystroke may take on a
// decade-sized journal.
func newModel(j *journal.Journal, now func() time.Time, drafts *draftKeeper, glamourStyle string) *model {
	e := &env{j: j, st: newStyles(), now: now, names: map[string]string{}}
	h := help.New()
	h.ShortSeparator = " · "
	m := &model{
		env: e, view: panePeople, back: panePeople,
		panes:     map[paneID]pane{},
		names:     map[paneID]string{},
		preview:   newPreviewPane(e, panePreview, glamourStyle),
		prep:      newPrepPane(e, glamourStyle),
		edit:      newEditSession(e, drafts),
		help:      h,
		keys:      newGlobalKeyMap(),
		testPanic: key.NewBinding(key.WithKeys("f12"), key.WithDisabled()),
	}
	// The left panes: id, the header's name, the pane, and the global key
	// that shows it (none for meetings, reached from People).
	for _, v := range []struct {
		id   paneID
		name string
		p    pane
		key  key.Binding
	}{
		{panePeople, "People", newPeoplePane(e), viewKey("H", "people")},
		{paneMeetings, "Meetings", newMeetingsPane(e), key.Binding{}},
		{paneCommitments, "Commitments", newItemsPane(e, false), viewKey("c", "commitments")},
		{paneFollowUps, "Follow-ups", newItemsPane(e, true), viewKey("f", "follow-ups")},
		{paneLedger, "Ledger", newLedgerPane(e), viewKey("l", "ledger")},
		{paneSearch, "Search", newSearchPane(e), viewKey("ctrl+f", "search")},
		{paneWeek, "Week", newWeekPane(e), viewKey("w", "week ahead")},
	} {
		m.panes[v.id], m.names[v.id] = v.p, v.name
		if len(v.key.Keys()) > 0 {
			m.keys.addView(v.id, v.key)
		}
	}
	return m
}

func (m *model) Init() tea.Cmd {
	m.day = m.env.today()
	return tea.Batch(m.panes[panePeople].Load(), m.edit.Init(), warningsCmd(m.env.j), firstVersionCmd(m.env.j), loadKeeperCmd(m.env.j),
		vaultCheckCmd(m.env.j, m.day, "", "", 0))
}

// pane is the pane with id.
func (m *model) pane(id paneID) pane {
	switch id {
	case panePreview:
		return m.preview
	case panePrep:
		return m.prep
	case paneEdit:
		return m.edit
	}
	return m.panes[id]
}

// right is what the right side shows: the editor, a prep, or the preview.
func (m *model) right() pane {
	switch {
	case m.edit.active():
		return m.edit
	case m.prep.showing():
		return m.prep
	}
	return m.preview
}

// focused is the pane that keys go to.
func (m *model) focused() pane {
	if m.edit.active() || m.focusRight {
		return m.right()
	}
	return m.panes[m.view]
}

// Update routes messages; see model. It changes m in place.
func (m *model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	editing := m.edit.active()
	cmd := m.update(msg)
	if m.edit.active() != editing {
		// The editor opened or closed: the help line and the right pane
		// changed.
		cmd = tea.Batch(cmd, m.layout(), m.syncPreview())
	}
	m.syncKeys()
	return m, cmd
}

// syncKeys switches off the global keys that the focused pane binds itself
// ("/" filters a list).
func (m *model) syncKeys() {
	if m.help.ShowAll {
		m.keys.Help.SetHelp("?/esc", "close help")
	} else {
		m.keys.Help.SetHelp("?", "more keys")
	}
	m.keys.Undo.SetEnabled(len(m.undos) > 0)
	toggleHelp(&m.keys.Mouse, m.mouseOff, "M", "mouse on (wheel, clicks)", "mouse off (select text)")
	m.syncBackHelp()
	m.keys.SearchSlash.SetEnabled(true)
	m.keys.SearchSlash.SetEnabled(!shadows(m.focused().Help(), m.keys.SearchSlash))
}

// takingText reports whether typed keys are text now.
func (m *model) takingText() bool { return m.modal != nil || m.focused().TakingText() }

func (m *model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		return m.layout()
	case tea.KeyMsg:
		return m.key(msg)
	case tea.MouseMsg:
		if m.tooSmall() || m.modal != nil {
			return nil
		}
		if weekClicked(msg) { // the header's counts open the week (week.go)
			return m.switchView(paneWeek)
		}
		return m.route(m.focusedID(), msg)
	case cmdPanickedMsg:
		m.crashed = true
		return tea.Quit
	case clockTickMsg:
		return m.tick()
	case journalPolledMsg:
		return m.polled(msg)
	case journalChangedMsg:
		return m.liveReload()
	case statusMsg:
		m.status, m.isErr = msg.text, msg.err
		return nil
	case openModalMsg:
		m.modal = msg.m
		m.help.ShowAll = false // the question must be seen
		return nil
	case modalDoneMsg:
		m.modal = nil
		if msg.then != nil {
			return send(msg.then)
		}
		return nil
	case focusMsg:
		if msg.from == "" || msg.from == m.view {
			m.focusRight = msg.right
		}
		return nil
	case backMsg:
		if cmd, ok := m.goBack(); ok {
			return cmd
		}
		if m.view == paneSearch {
			return m.switchView(m.back)
		}
		return m.switchView(panePeople)
	case peopleLoadedMsg:
		if msg.err == nil {
			m.headline = headline(msg.people)
			for _, p := range msg.people {
				m.env.names[p.Handle] = p.Name
			}
		}
	case openPersonMsg:
		return m.jump(msg)
	case prepRequestMsg:
		if m.single() {
			m.focusRight = true // one pane at a time: show the prep
		}
	case noteStoredMsg:
		mt := msg.meeting
		m.prep.close() // the 1:1 it prepared is written: show the note
		m.status, m.isErr = fmt.Sprintf("saved the 1:1 with %s on %s", mt.Person, mt.Date), false
		for _, c := range msg.carried {
			// A change in an older note took in the latest one too: say so.
			m.status += "; " + c.String()
		}
		return tea.Batch(m.route(paneMeetings, openPersonMsg{handle: mt.Person, meeting: mt.ID}), m.switchView(paneMeetings), m.reload())
	}
	if o, ok := msg.(owned); ok {
		return m.route(o.owner(), msg)
	}
	if cmd, ok := m.act(msg); ok {
		return cmd
	}
	if cmd, ok := m.keeperAct(msg); ok {
		return cmd
	}
	if cmd, ok := m.vaultAct(msg); ok {
		return cmd
	}
	// Anything else (cursor blinks, list status timers) goes to the editor
	// while it is open and to the list of the current view.
	var cmd tea.Cmd
	if m.edit.active() {
		cmd = m.route(paneEdit, msg)
	}
	return tea.Batch(cmd, m.route(m.view, msg))
}

// route gives msg to the pane id; a change in the left pane shows its
// selection in the preview.
func (m *model) route(id paneID, msg tea.Msg) tea.Cmd {
	p, cmd := m.pane(id).Update(msg)
	if _, left := m.panes[id]; left {
		m.panes[id] = p
		if id == m.view {
			cmd = tea.Batch(cmd, m.syncPreview())
		}
	}
	return cmd
}

func (m *model) focusedID() paneID {
	switch m.focused() {
	case m.edit:
		return paneEdit
	case m.prep:
		return panePrep
	case m.preview:
		return panePreview
	}
	return m.view
}

// key routes a key press.
func (m *model) key(msg tea.KeyMsg) tea.Cmd {
	if key.Matches(msg, m.testPanic) {
		// The value holds the note on purpose: the test checks it is never printed.
		panic("test panic with the note: " + m.edit.text())
	}
	if key.Matches(msg, m.keys.ForceQuit) {
		return m.edit.quit() // once unsaved editor text is kept as a draft
	}
	if m.tooSmall() {
		if key.Matches(msg, m.keys.Quit) {
			return m.edit.quit()
		}
		return nil
	}
	// The status line told what the last action did: the next one clears
	// it (issue 13), so an old "saved" never sits beside another view.
	m.status, m.isErr = "", false
	if m.modal != nil {
		return m.modal.Update(msg)
	}
	if m.focused().TakingText() {
		return m.route(m.focusedID(), msg)
	}
	if m.help.ShowAll && msg.Type == tea.KeyEsc {
		m.help.ShowAll = false
		return m.layout()
	}
	if msg.Type == tea.KeyEsc && !m.edit.active() {
		// After a jump, esc from the note or the meetings goes back.
		if cmd, ok := m.goBack(); ok {
			return cmd
		}
	}
	switch {
	case key.Matches(msg, m.keys.Quit):
		return m.edit.quit()
	case key.Matches(msg, m.keys.Help):
		m.help.ShowAll = !m.help.ShowAll
		return m.layout()
	case key.Matches(msg, m.keys.Next), key.Matches(msg, m.keys.Prev):
		m.focusRight = !m.focusRight
		return nil
	case key.Matches(msg, m.keys.Undo):
		return m.undo()
	case key.Matches(msg, m.keys.Backup):
		m.status, m.isErr = "backing up…", false
		return backupCmd(m.env.j, time.Now())
	case key.Matches(msg, m.keys.Queue), key.Matches(msg, m.keys.Share):
		return weeklyKey(m, msg) // week.go
	case key.Matches(msg, m.keys.Keeper):
		return openModalCmd(newKeeperForm())
	case key.Matches(msg, m.keys.Mouse):
		return m.toggleMouse()
	case key.Matches(msg, m.keys.Sync):
		return m.vaultKey() // vault.go
	}
	if id, ok := m.keys.view(msg); ok {
		return m.switchView(id)
	}
	return m.route(m.focusedID(), msg)
}

// switchView shows a left pane and loads its data.
func (m *model) switchView(id paneID) tea.Cmd {
	m.backTo = nil // another view chosen: the way back is forgotten
	if id == paneSearch && m.view != paneSearch {
		m.back = m.view
	}
	m.view = id
	m.focusRight = false
	m.prep.close()
	return tea.Batch(m.panes[id].Load(), m.layout(), m.syncPreview())
}

// reload loads again what the current view, the preview, a prep and the
// header show.
func (m *model) reload() tea.Cmd {
	cmds := []tea.Cmd{m.panes[panePeople].Load(), m.preview.Load(), m.prep.Load(), loadKeeperCmd(m.env.j)}
	if m.view != panePeople {
		cmds = append(cmds, m.panes[m.view].Load())
	}
	return tea.Batch(cmds...)
}

// syncPreview shows the left pane's selection in the preview; a prep asked
// for another row goes away.
func (m *model) syncPreview() tea.Cmd {
	sel := m.panes[m.view].Selected()
	if sel.key != m.selKey {
		m.selKey = sel.key
		m.prep.selectionChanged(sel.key)
	}
	return m.preview.show(sel)
}

// clockTickMsg comes every half minute (Run sends it): "today" follows the
// clock while the app stays open.
type clockTickMsg struct{}

// tick reloads everything that shows flags or dates once the date has
// changed since the screen was loaded.
func (m *model) tick() tea.Cmd {
	today := m.env.today()
	if today == m.day {
		return nil
	}
	m.day = today
	return m.reload()
}

func hash(s string) string {
	h := fnv.New64a()
	h.Write([]byte(s))
	return fmt.Sprintf("%x", h.Sum64())
}

// toggleMouse gives the mouse to the terminal, so that text can be
// selected and copied as in any terminal program, or takes it back for the
// wheel and the header's clicks.
func (m *model) toggleMouse() tea.Cmd {
	m.mouseOff = !m.mouseOff
	if m.mouseOff {
		m.status = "mouse off: select text to copy · M turns it back on"
		return tea.DisableMouse
	}
	m.status = "mouse on: the wheel scrolls · M turns it off to select text"
	return tea.EnableMouseCellMotion
}
