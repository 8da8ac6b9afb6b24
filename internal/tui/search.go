package tui

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/list"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/oneonone/1on1/journal"
)

const paneSearch paneID = "search"

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

// searchPane is incremental search: typing restarts a short timer, and
// when it fires the journal is searched in a tea.Cmd.
type searchPane struct {
	env   *env
	input textinput.Model
	list  list.Model
	keys  searchKeyMap
	seq   int // edits of the query
	query string
	shown string // the query whose hits the list shows
	err   string
	done  bool // results are for the current query
	more  bool // more meetings match than are listed
	width int
}

func newSearchPane(e *env) *searchPane {
	in := textinput.New()
	in.Prompt = "search: "
	in.Placeholder = "words or \"a phrase\""
	return &searchPane{env: e, input: in, list: newList(e.st, 2, false), keys: newSearchKeyMap()}
}

func (m *searchPane) Title() string { return "Search" }
func (m *searchPane) Help() keyHelp { return m.keys }

// TakingText: every key but the list movers, enter and esc is the query's.
func (m *searchPane) TakingText() bool { return true }

// Load focuses the query and runs it again.
func (m *searchPane) Load() tea.Cmd {
	focus := m.input.Focus()
	if m.query == "" {
		return focus
	}
	m.seq++
	return tea.Batch(focus, searchCmd(m.env.j, m.seq, m.query))
}

func (m *searchPane) SetSize(w, h int) tea.Cmd {
	m.width = w
	m.input.Width = max(w-10, 1)
	m.list.SetSize(max(w, 0), max(h-2, 0))
	return nil
}

func (m *searchPane) setHits(msg searchFinishedMsg) tea.Cmd {
	// An answer for other text is old; one for the text in the box is
	// taken while none has come yet, even if a reload asked again since
	// (a reload under load must not starve the list of every answer).
	if msg.seq != m.seq && (msg.query != m.query || m.done) {
		return nil
	}
	m.done, m.more = true, msg.more
	m.err = errText(msg.err)
	rows := make([]list.Item, len(msg.hits))
	for i, h := range msg.hits {
		rows[i] = hitRow{h}
	}
	if msg.query == m.shown {
		// The same query run again (the journal changed): keep the place.
		return setItemsKeepingSelection(&m.list, rows)
	}
	m.shown = msg.query
	cmd := m.list.SetItems(rows)
	m.list.Select(0)
	return cmd
}

func (m *searchPane) selected() (journal.Hit, bool) {
	r, ok := m.list.SelectedItem().(hitRow)
	return r.h, ok
}

func (m *searchPane) Selected() selection {
	sel := selection{key: fmt.Sprintf("search:%d", m.list.Index())}
	if h, ok := m.selected(); ok {
		sel.meeting, sel.term = h.Meeting, h.Match
	}
	return sel
}

func (m *searchPane) Update(msg tea.Msg) (pane, tea.Cmd) {
	switch msg := msg.(type) {
	case searchTickMsg:
		if msg.seq == m.seq {
			return m, searchCmd(m.env.j, msg.seq, m.query)
		}
		return m, nil
	case searchFinishedMsg:
		return m, m.setHits(msg)
	case tea.MouseMsg:
		return m, wheelList(&m.list, msg)
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, m.keys.Back):
			return m, send(backMsg{})
		case key.Matches(msg, m.keys.Open):
			if h, ok := m.selected(); ok {
				return m, send(openPersonMsg{handle: h.Person, meeting: h.Meeting, term: h.Match})
			}
			return m, nil
		case key.Matches(msg, m.keys.Up), key.Matches(msg, m.keys.Down):
			k := tea.KeyMsg{Type: tea.KeyDown}
			if key.Matches(msg, m.keys.Up) {
				k.Type = tea.KeyUp
			}
			var cmd tea.Cmd
			m.list, cmd = m.list.Update(k)
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

func (m *searchPane) View() string {
	st := m.env.st
	status := ""
	switch {
	case m.err != "":
		status = st.Error.Render(m.err)
	case m.query == "":
		status = st.Dim.Render("type to search every note")
	case !m.done:
		status = st.Dim.Render("searching…")
	default:
		n := len(m.list.Items())
		status = st.Dim.Render(fmt.Sprintf("%d %s", n, plural(n, "meeting", "meetings")))
		if m.more {
			status = st.Dim.Render(fmt.Sprintf("showing %d of %d+ meetings — type more words to narrow", n, n))
		}
	}
	return fit(m.input.View(), m.width) + "\n" + fit(status, m.width) + "\n" + listView(m.list)
}
