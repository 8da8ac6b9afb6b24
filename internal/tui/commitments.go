package tui

import (
	"fmt"
	"sort"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/list"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/oneonone/1on1/journal"
)

const (
	paneCommitments paneID = "commitments"
	paneFollowUps   paneID = "follow-ups"
)

// itemRow is one open commitment or follow-up across people.
type itemRow struct {
	it    journal.Item
	text  string // the item's text as the list shows it (journal.ListText)
	today journal.Date
}

func (r itemRow) FilterValue() string { return r.it.Person + " " + r.it.Text }

func (r itemRow) lines(w int, st styles, _ bool) []string {
	who := r.it.Person
	if r.it.Kind == journal.Commitment {
		who = ownerLabel(r.it)
	}
	// The text has the first line to itself; who, the date and the flag
	// share the second, where the date wins over the flag.
	// Narrower: the flag, then the date, in short forms.
	date := r.it.Date.String()
	flag := itemFlag(r.it, r.today, st)
	fits := func() bool { return lipgloss.Width(who+" · "+date)+1+lipgloss.Width(flag) <= w }
	if !fits() {
		flag = itemFlagShort(r.it, r.today, st)
	}
	if !fits() {
		date = date[min(5, len(date)):]
	}
	text := r.text
	if text == "" {
		text = r.it.DisplayText()
	}
	return []string{fit(clean(text), w), spreadLeft(st.Dim.Render(who+" · "+date), flag, w)}
}

// itemsKeyMap is the keys of the commitments and follow-ups views; moving
// and filtering are the list's (see listHelp).
type itemsKeyMap struct {
	Done, Reopen, Drop, Redate, Jump, Owner, Closed, Group, Back key.Binding
}

func newItemsKeyMap(followUps bool) itemsKeyMap {
	k := itemsKeyMap{
		Done:   key.NewBinding(key.WithKeys(" ", "x"), key.WithHelp("space/x", "tick done")),
		Reopen: key.NewBinding(key.WithKeys(" ", "x"), key.WithHelp("space/x", "reopen"), key.WithDisabled()),
		Drop:   key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "drop")),
		Closed: key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "show done/dropped")),
		Group:  key.NewBinding(key.WithKeys("P"), key.WithHelp("P", "group by person")),
		Redate: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "re-date")),
		Jump:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "source note")),
		Owner:  key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "mine/theirs/all")),
		Back:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "people")),
	}
	if followUps {
		k.Done.SetHelp("space/x", "close")
		k.Redate.SetEnabled(false)
		k.Owner.SetEnabled(false)
	}
	return k
}

func (k itemsKeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Done, k.Reopen, k.Drop, k.Redate, k.Jump, k.Owner, k.Closed}
}

func (k itemsKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Done, k.Reopen, k.Drop, k.Redate}, {k.Jump, k.Owner, k.Closed, k.Group, k.Back}}
}

// changeItemMsg asks to tick, drop or re-date an item.
type changeItemMsg struct {
	item   journal.Item
	action journal.Action
	due    journal.Date // re-date only
}

// itemsPane is the commitments view (every open commitment across people)
// and, with followUps set, the follow-ups view.
type itemsPane struct {
	env       *env
	id        paneID
	list      list.Model
	keys      itemsKeyMap
	followUps bool
	owner     journal.Owner // commitments: 0 all, Me or Them
	closed    bool          // done and dropped items shown too (closed.go)
	byPerson  bool          // grouped by person, overdue first within each
	items     []journal.Item
	texts     []string // items' list texts, as journal.ListTexts gives them
	loaded    bool
	width     int
}

func newItemsPane(e *env, followUps bool) *itemsPane {
	id := paneCommitments
	if followUps {
		id = paneFollowUps
	}
	m := &itemsPane{env: e, id: id, list: newList(e.st, 2, true), keys: newItemsKeyMap(followUps), followUps: followUps}
	m.list.KeyMap.Filter.SetHelp("/", "filter by @person/text")
	m.list.Filter = itemFilter(e)
	m.syncKeys()
	return m
}

// syncKeys switches off the keys that need a selected item when there is
// none, and esc's "back" while it clears a filter instead.
func (m *itemsPane) syncKeys() {
	it, has := m.selected()
	open := has && it.State == journal.StateOpen
	m.keys.Done.SetEnabled(open)
	m.keys.Reopen.SetEnabled(has && !open)
	m.keys.Drop.SetEnabled(open)
	m.keys.Redate.SetEnabled(open && !m.followUps)
	toggleHelp(&m.keys.Group, m.byPerson, "P", "ungroup", "group by person")
	toggleHelp(&m.keys.Closed, m.closed, "v", "hide done/dropped", "show done/dropped")
	m.keys.Jump.SetEnabled(has)
	m.keys.Back.SetEnabled(m.list.FilterState() != list.FilterApplied)
}

func (m *itemsPane) Title() string {
	if m.followUps {
		return filterTitle("Follow-ups", &m.list)
	}
	return filterTitle("Commitments", &m.list)
}

func (m *itemsPane) Help() keyHelp    { return listHelp{nav: m.list.KeyMap, pane: m.keys} }
func (m *itemsPane) TakingText() bool { return listTakingText(&m.list) }

func (m *itemsPane) SetSize(w, h int) tea.Cmd {
	m.width = w
	m.list.SetSize(max(w, 0), max(h-1, 0))
	return nil
}

func (m *itemsPane) Load() tea.Cmd {
	return loadItemsCmd(m.env.j, m.followUps, journal.ItemFilter{Owner: m.owner}, m.closed)
}

// setItems shows items in the order the journal gives: overdue first.
func (m *itemsPane) setItems(items []journal.Item, texts []string) tea.Cmd {
	m.loaded = true
	m.items, m.texts = items, texts
	today := m.env.today()
	rows := make([]list.Item, len(items))
	for i, it := range items {
		row := itemRow{it: it, today: today}
		if i < len(texts) {
			row.text = texts[i]
		}
		rows[i] = row
	}
	if m.byPerson {
		// Stable: each person's items keep the journal's order.
		sort.SliceStable(rows, func(a, b int) bool { return rows[a].(itemRow).it.Person < rows[b].(itemRow).it.Person })
	}
	cmd := setItemsKeepingSelection(&m.list, rows)
	m.syncKeys()
	return cmd
}

// remove takes an item off the list at once, before the reload confirms.
func (m *itemsPane) remove(id string) {
	for i, it := range m.list.Items() {
		if it.(itemRow).it.ID == id {
			m.list.RemoveItem(i)
			m.syncKeys()
			return
		}
	}
}

func (m *itemsPane) selected() (journal.Item, bool) {
	r, ok := m.list.SelectedItem().(itemRow)
	return r.it, ok
}

func (m *itemsPane) Selected() selection {
	sel := selection{key: fmt.Sprintf("%s:%d", m.id, m.list.Index())}
	if it, ok := m.selected(); ok {
		sel.meeting = it.Meeting
	}
	return sel
}

// change asks for an item to be ticked or dropped; it leaves the list at
// once, before the reload confirms.
func (m *itemsPane) change(it journal.Item, a journal.Action) tea.Cmd {
	m.remove(it.ID)
	return send(changeItemMsg{item: it, action: a})
}

func (m *itemsPane) Update(msg tea.Msg) (pane, tea.Cmd) {
	switch msg := msg.(type) {
	case commitmentsLoadedMsg:
		if msg.err != nil {
			return m, errorCmd(msg.err)
		}
		return m, m.setItems(msg.items, msg.texts)
	case followUpsLoadedMsg:
		if msg.err != nil {
			return m, errorCmd(msg.err)
		}
		return m, m.setItems(msg.items, msg.texts)
	case filterMatchesMsg:
		if msg.term != m.list.FilterValue() {
			return m, nil // a result for earlier text
		}
		var cmd tea.Cmd
		m.list, cmd = m.list.Update(msg.matches)
		m.syncKeys()
		return m, cmd
	case tea.MouseMsg:
		return m, wheelList(&m.list, msg)
	case tea.KeyMsg:
		if m.TakingText() {
			var cmd tea.Cmd
			m.list, cmd = m.list.Update(msg)
			if m.list.FilterState() == list.Filtering {
				// Filter now, not in a command: enter right after typing
				// must apply what was typed (see filterMatchesMsg).
				m.list.SetFilterText(m.list.FilterValue())
				m.list.SetFilterState(list.Filtering)
			}
			m.syncKeys()
			return m, tagFilter(cmd, m.id, m.list.FilterValue())
		}
		it, _ := m.selected()
		switch {
		case key.Matches(msg, m.keys.Back):
			return m, send(backMsg{})
		case key.Matches(msg, m.keys.Owner):
			m.owner = (m.owner + 1) % 3
			return m, m.Load()
		case key.Matches(msg, m.keys.Group):
			m.byPerson = !m.byPerson
			cmd := m.setItems(m.items, m.texts)
			return m, cmd
		case key.Matches(msg, m.keys.Closed):
			m.closed = !m.closed
			return m, m.Load()
		case key.Matches(msg, m.keys.Done):
			return m, m.change(it, journal.ActionDone)
		case key.Matches(msg, m.keys.Reopen):
			return m, send(changeItemMsg{item: it, action: journal.ActionReopen})
		case key.Matches(msg, m.keys.Drop):
			return m, m.change(it, journal.ActionDrop)
		case key.Matches(msg, m.keys.Redate):
			return m, openModalCmd(newRedate(it, m.env.today()))
		case key.Matches(msg, m.keys.Jump):
			return m, send(openPersonMsg{handle: it.Person, meeting: it.Meeting, term: markTerm(it.Text)})
		}
	}
	var cmd tea.Cmd
	m.list, cmd = m.list.Update(msg)
	m.syncKeys()
	return m, cmd
}

func (m *itemsPane) View() string {
	head := ""
	if !m.followUps {
		switch m.owner {
		case journal.Me:
			head = "showing: mine"
		case journal.Them:
			head = "showing: theirs"
		default:
			head = "showing: mine and theirs"
		}
	} else {
		head = "open follow-ups, oldest first"
	}
	if m.byPerson {
		head += " · by person"
	}
	if m.closed {
		head += " · then done/dropped"
	}
	n := len(m.list.Items())
	if !m.loaded {
		head = "loading…"
	} else if n == 0 {
		head += " · none open"
	}
	return fit(m.env.st.Dim.Render(head), m.width) + "\n" + listView(m.list)
}
