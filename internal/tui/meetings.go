package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/list"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/oneonone/1on1/journal"
)

const paneMeetings paneID = "meetings"

// meetingRow is one meeting of a person. What it shows is worked out
// once, when the list is loaded, not on every frame: a note can be long.
type meetingRow struct {
	m             journal.Meeting
	first         string // the note's first line, cleaned
	open, overdue int    // open commitments of the note, and how many are overdue
}

func newMeetingRow(mt journal.Meeting, today journal.Date) meetingRow {
	r := meetingRow{m: mt, first: clean(firstLine(mt.Note))}
	for _, it := range mt.Items {
		if it.Kind == journal.Commitment && it.State == journal.StateOpen {
			r.open++
			if it.Flags(today).Has(journal.FlagOverdue) {
				r.overdue++
			}
		}
	}
	return r
}

func (r meetingRow) FilterValue() string { return r.m.Date.String() }

func (r meetingRow) lines(w int, st styles, _ bool) []string {
	title := r.m.Date.String()
	if r.m.Time != "" {
		title += " " + r.m.Time
	}
	right := ""
	if r.overdue > 0 {
		right = st.Overdue.Render(fmt.Sprintf("✗ %d overdue", r.overdue))
	} else if r.open > 0 {
		right = st.Dim.Render(fmt.Sprintf("%d open", r.open))
	}
	// The date wins, then the counts; the note's first line takes what is
	// left.
	room := w - lipgloss.Width(title) - 2 - lipgloss.Width(right) - 1
	if room < 4 {
		return []string{spreadLeft(title, right, w)}
	}
	return []string{spread(title+"  "+st.Dim.Render(ansi.Truncate(r.first, room, "…")), right, w)}
}

// firstLine is a note's first non-empty line without heading marks.
func firstLine(note string) string {
	for note != "" {
		var l string
		l, note, _ = strings.Cut(note, "\n")
		if l = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(l), "#")); l != "" {
			return l
		}
	}
	return ""
}

// meetingsKeyMap is the meetings list's own keys; moving is the list's.
type meetingsKeyMap struct {
	View, Edit, External, New, Prep, Back key.Binding
}

func newMeetingsKeyMap() meetingsKeyMap {
	return meetingsKeyMap{
		View:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "read note")),
		Edit:     key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit")),
		External: key.NewBinding(key.WithKeys("E"), key.WithHelp("E", "$EDITOR")),
		New:      key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new 1:1")),
		Prep:     key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "prep")),
		Back:     key.NewBinding(key.WithKeys("esc", "backspace"), key.WithHelp("esc", "people")),
	}
}

func (k meetingsKeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.View, k.Edit, k.New, k.Prep, k.Back}
}

func (k meetingsKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.View, k.Edit, k.External}, {k.New, k.Prep, k.Back}}
}

// Intents of the meetings pane.
type (
	editRequestMsg struct {
		meeting  journal.Meeting
		external bool
	}
	backMsg struct{}
)

// meetingsPane lists one person's meetings, newest first, under a line
// with their open items.
type meetingsPane struct {
	env    *env
	list   list.Model
	keys   meetingsKeyMap
	person journal.Person
	open   []journal.Item
	fups   []journal.Item
	width  int
	loaded bool

	// jump is the meeting to select once the list is loaded; highlight is
	// the meeting shown with a search term marked, and the term.
	jump      openPersonMsg
	highlight openPersonMsg
	pulse     journal.PulseTrend // from the loaded meetings (journal.TrendOf)
}

func newMeetingsPane(e *env) *meetingsPane {
	m := &meetingsPane{env: e, list: newList(e.st, 1, false), keys: newMeetingsKeyMap()}
	m.syncKeys()
	return m
}

// syncKeys switches off the keys that need a selected meeting when there
// is none, and new 1:1 and prep until the person is known.
func (m *meetingsPane) syncKeys() {
	_, has := m.selected()
	for _, b := range []*key.Binding{&m.keys.View, &m.keys.Edit, &m.keys.External} {
		b.SetEnabled(has)
	}
	m.keys.New.SetEnabled(m.person.Handle != "")
	m.keys.Prep.SetEnabled(m.person.Handle != "")
}

func (m *meetingsPane) Title() string    { return clean(m.env.name(m.person.Handle)) }
func (m *meetingsPane) Help() keyHelp    { return listHelp{nav: m.list.KeyMap, pane: m.keys} }
func (m *meetingsPane) TakingText() bool { return false }

func (m *meetingsPane) SetSize(w, h int) tea.Cmd {
	m.width = w
	m.list.SetSize(max(w, 0), max(h-2, 0))
	return nil
}

func (m *meetingsPane) Load() tea.Cmd {
	if m.person.Handle == "" {
		return nil
	}
	return loadMeetingsCmd(m.env.j, m.person.Handle)
}

// show shows msg's person, from scratch when it is another person.
func (m *meetingsPane) show(msg openPersonMsg) {
	if m.person.Handle != msg.handle {
		*m = *newMeetingsPane(m.env)
		m.person = journal.Person{Handle: msg.handle, Name: m.env.names[msg.handle]}
	}
	m.jump = msg
}

func (m *meetingsPane) setData(msg meetingsLoadedMsg) tea.Cmd {
	keep := m.person.Handle == msg.handle
	var sel journal.MeetingID
	if cur, ok := m.selected(); ok && keep {
		sel = cur.ID
	}
	m.person, m.open, m.fups, m.loaded = msg.person, msg.open, msg.fups, true
	m.pulse = journal.TrendOf(msg.meetings, m.env.today())
	items := make([]list.Item, len(msg.meetings))
	today := m.env.today()
	for i, mt := range msg.meetings {
		items[i] = newMeetingRow(mt, today)
	}
	cmd := m.list.SetItems(items)
	if !keep {
		m.list.Select(0)
	}
	if sel != 0 {
		m.selectMeeting(sel)
	}
	m.syncKeys()
	return cmd
}

func (m *meetingsPane) selectMeeting(id journal.MeetingID) bool {
	for i, it := range m.list.Items() {
		if it.(meetingRow).m.ID == id {
			m.list.Select(i)
			return true
		}
	}
	return false
}

func (m *meetingsPane) selected() (journal.Meeting, bool) {
	r, ok := m.list.SelectedItem().(meetingRow)
	return r.m, ok
}

func (m *meetingsPane) Selected() selection {
	sel := selection{key: fmt.Sprintf("person:%d:%s", m.list.Index(), m.person.Handle)}
	if mt, ok := m.selected(); ok {
		sel.meeting, sel.known = mt.ID, &mt
		if m.highlight.meeting == mt.ID {
			sel.term = m.highlight.term
		}
	}
	return sel
}

func (m *meetingsPane) Update(msg tea.Msg) (pane, tea.Cmd) {
	switch msg := msg.(type) {
	case openPersonMsg:
		m.show(msg)
		return m, nil
	case meetingsLoadedMsg:
		if msg.err != nil {
			return m, errorCmd(msg.err)
		}
		if msg.handle != m.person.Handle {
			return m, nil
		}
		cmd := m.setData(msg)
		if j := m.jump; j.meeting != 0 && j.handle == msg.handle {
			m.jump = openPersonMsg{}
			if m.selectMeeting(j.meeting) {
				m.highlight = j
				cmd = tea.Batch(cmd, focusFromCmd(paneMeetings, true))
			}
		}
		return m, cmd
	case tea.MouseMsg:
		return m, wheelList(&m.list, msg)
	case tea.KeyMsg:
		sel, _ := m.selected()
		switch {
		case key.Matches(msg, m.keys.Back):
			return m, send(backMsg{})
		case key.Matches(msg, m.keys.New):
			return m, send(newMeetingMsg{handle: m.person.Handle})
		case key.Matches(msg, m.keys.Prep):
			return m, send(prepRequestMsg{handle: m.person.Handle, forKey: m.Selected().key})
		case key.Matches(msg, m.keys.View):
			return m, focusFromCmd(paneMeetings, true)
		case key.Matches(msg, m.keys.Edit):
			return m, send(editRequestMsg{meeting: sel})
		case key.Matches(msg, m.keys.External):
			return m, send(editRequestMsg{meeting: sel, external: true})
		}
	}
	var cmd tea.Cmd
	m.list, cmd = m.list.Update(msg)
	m.syncKeys()
	return m, cmd
}

func (m *meetingsPane) View() string {
	st := m.env.st
	today := m.env.today()
	var overdue, mine, theirs int
	for _, it := range m.open {
		if it.Owner == journal.Them {
			theirs++
		} else {
			mine++
		}
		if it.Flags(today).Has(journal.FlagOverdue) {
			overdue++
		}
	}
	line := fmt.Sprintf("open: %d mine · %d theirs · %d %s", mine, theirs, len(m.fups), plural(len(m.fups), "follow-up", "follow-ups"))
	if overdue > 0 {
		line += " · " + st.Overdue.Render(fmt.Sprintf("%d overdue", overdue))
	}
	head := fit(st.Dim.Render(clean(string(m.person.Role)))+"  "+line, m.width)
	if !m.loaded {
		head = fit("loading…", m.width)
	}
	pulse := ""
	if _, ok := m.pulse.Latest(); ok {
		pulse = "pulse " + m.pulse.Summary()
		if m.pulse.Dropped {
			pulse = st.Overdue.Render(pulse)
		}
	}
	body := listView(m.list)
	if m.loaded && len(m.list.Items()) == 0 {
		body = st.Dim.Render("no 1:1 yet · n starts one")
	}
	return head + "\n" + fit(pulse, m.width) + "\n" + body
}
