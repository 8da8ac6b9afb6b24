package tui

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/list"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/oneonone/1on1/journal"
)

// hitRow is one search result.
type hitRow struct{ h journal.Hit }

func (r hitRow) FilterValue() string { return r.h.Snippet }

func (r hitRow) lines(w int, st styles, _ bool) []string {
	return []string{
		spread(r.h.Person, st.Dim.Render(fmt.Sprintf("%s · line %d", r.h.Date, r.h.Line)), w),
		st.Dim.Render(clean(r.h.Snippet)),
	}
}

type searchKeyMap struct{ Up, Down, Open, Back key.Binding }

func newSearchKeyMap() searchKeyMap {
	return searchKeyMap{
		Up:   key.NewBinding(key.WithKeys("up", "ctrl+p"), key.WithHelp("↑", "up")),
		Down: key.NewBinding(key.WithKeys("down", "ctrl+n"), key.WithHelp("↓", "down")),
		Open: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open meeting")),
		Back: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	}
}

func (k searchKeyMap) ShortHelp() []key.Binding  { return []key.Binding{k.Up, k.Down, k.Open, k.Back} }
func (k searchKeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// searchModel is incremental search: typing restarts a short timer, and
// when it fires the journal is searched in a tea.Cmd.
type searchModel struct {
	st    styles
	input textinput.Model
	list  list.Model
	keys  searchKeyMap
	seq   int // edits of the query
	query string
	err   string
	done  bool // results are for the current query
	width int
}

func newSearchModel(st styles) searchModel {
	in := textinput.New()
	in.Prompt = "search: "
	in.Placeholder = "words or \"a phrase\""
	return searchModel{st: st, input: in, list: newList(st, 2, false), keys: newSearchKeyMap()}
}

func (m *searchModel) focus() tea.Cmd { return m.input.Focus() }

func (m *searchModel) setSize(w, h int) {
	m.width = w
	m.input.Width = max(w-10, 1)
	m.list.SetSize(max(w, 0), max(h-2, 0))
}

func (m *searchModel) setHits(msg searchFinishedMsg) tea.Cmd {
	if msg.seq != m.seq {
		return nil // an older query
	}
	m.done = true
	m.err = errText(msg.err)
	rows := make([]list.Item, len(msg.hits))
	for i, h := range msg.hits {
		rows[i] = hitRow{h}
	}
	cmd := m.list.SetItems(rows)
	m.list.Select(0)
	return cmd
}

func (m *searchModel) selected() (journal.Hit, bool) {
	r, ok := m.list.SelectedItem().(hitRow)
	return r.h, ok
}

// Update gives every key but the list movers, enter and esc to the query.
func (m searchModel) Update(msg tea.Msg) (searchModel, tea.Cmd) {
	send := func(v tea.Msg) tea.Cmd { return func() tea.Msg { return v } }
	if km, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(km, m.keys.Back):
			return m, send(backMsg{})
		case key.Matches(km, m.keys.Open):
			if h, ok := m.selected(); ok {
				return m, send(jumpToNoteMsg{meeting: h.Meeting, person: h.Person, highlight: h.Match})
			}
			return m, nil
		case key.Matches(km, m.keys.Up), key.Matches(km, m.keys.Down):
			var cmd tea.Cmd
			m.list, cmd = m.list.Update(tea.KeyMsg{Type: map[bool]tea.KeyType{true: tea.KeyUp, false: tea.KeyDown}[key.Matches(km, m.keys.Up)]})
			return m, cmd
		}
		var cmd tea.Cmd
		m.input, cmd = m.input.Update(msg)
		if m.input.Value() != m.query {
			m.query = m.input.Value()
			m.seq++
			m.done = false
			return m, tea.Batch(cmd, searchTick(m.seq))
		}
		return m, cmd
	}
	var cmd tea.Cmd
	m.list, cmd = m.list.Update(msg)
	return m, cmd
}

func (m searchModel) View() string {
	status := ""
	switch {
	case m.err != "":
		status = m.st.Error.Render(m.err)
	case m.query == "":
		status = m.st.Dim.Render("type to search every note")
	case !m.done:
		status = m.st.Dim.Render("searching…")
	default:
		n := len(m.list.Items())
		status = m.st.Dim.Render(fmt.Sprintf("%d %s", n, plural(n, "meeting", "meetings")))
	}
	return fit(m.input.View(), m.width) + "\n" + fit(status, m.width) + "\n" + listView(m.list)
}
