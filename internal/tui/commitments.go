package tui

import (
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/list"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/oneonone/1on1/journal"
)

// itemRow is one open commitment or follow-up across people.
type itemRow struct {
	it    journal.Item
	today journal.Date
}

func (r itemRow) FilterValue() string { return r.it.Person + " " + r.it.Text }

func (r itemRow) lines(w int, st styles, _ bool) []string {
	who := r.it.Person
	if r.it.Kind == journal.Commitment {
		who = ownerLabel(r.it)
	}
	return []string{
		spread(clean(r.it.Text), itemFlag(r.it, r.today, st), w),
		st.Dim.Render(who + " · " + r.it.Date.String()),
	}
}

// itemsKeyMap is the keys of the commitments and follow-ups views; moving
// and filtering are the list's (see listHelp).
type itemsKeyMap struct {
	Done, Drop, Redate, Jump, Owner, Back key.Binding
}

func newItemsKeyMap(followUps bool) itemsKeyMap {
	k := itemsKeyMap{
		Done:   key.NewBinding(key.WithKeys(" ", "x"), key.WithHelp("space/x", "tick done")),
		Drop:   key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "drop")),
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
	return []key.Binding{k.Done, k.Drop, k.Redate, k.Jump, k.Owner}
}

func (k itemsKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Done, k.Drop, k.Redate}, {k.Jump, k.Owner, k.Back}}
}

// Intents of the item lists.
type (
	changeItemMsg struct {
		item   journal.Item
		action journal.Action
	}
	redateAskedMsg struct{ item journal.Item }
	jumpToNoteMsg  struct {
		meeting   journal.MeetingID
		person    string
		highlight string
	}
)

// itemsModel is the commitments view (every open commitment across people)
// and, with followUps set, the follow-ups view.
type itemsModel struct {
	st        styles
	list      list.Model
	keys      itemsKeyMap
	today     journal.Date
	followUps bool
	owner     journal.Owner // commitments: 0 all, Me or Them
	loaded    bool
	width     int
}

func newItemsModel(st styles, today journal.Date, followUps bool) itemsModel {
	m := itemsModel{st: st, list: newList(st, 2, true), keys: newItemsKeyMap(followUps), today: today, followUps: followUps}
	m.list.KeyMap.Filter.SetHelp("/", "filter by person/text")
	m.syncKeys()
	return m
}

// syncKeys switches off the keys that need a selected item when there is
// none, and esc's "back" while it clears a filter instead.
func (m *itemsModel) syncKeys() {
	_, has := m.selected()
	m.keys.Done.SetEnabled(has)
	m.keys.Drop.SetEnabled(has)
	m.keys.Redate.SetEnabled(has && !m.followUps)
	m.keys.Jump.SetEnabled(has)
	m.keys.Back.SetEnabled(m.list.FilterState() != list.FilterApplied)
}

func (m *itemsModel) help() keyHelp { return listHelp{nav: m.list.KeyMap, pane: m.keys} }

func (m *itemsModel) setSize(w, h int) {
	m.width = w
	m.list.SetSize(max(w, 0), max(h-1, 0))
}

func (m *itemsModel) filter() journal.ItemFilter { return journal.ItemFilter{Owner: m.owner} }

// setItems shows items in the order the journal gives: overdue first.
func (m *itemsModel) setItems(items []journal.Item) tea.Cmd {
	idx := m.list.Index()
	m.loaded = true
	rows := make([]list.Item, len(items))
	for i, it := range items {
		rows[i] = itemRow{it: it, today: m.today}
	}
	cmd := m.list.SetItems(rows)
	if n := len(m.list.Items()); n > 0 {
		m.list.Select(min(idx, n-1))
	}
	m.syncKeys()
	return cmd
}

// remove takes an item off the list at once, before the reload confirms.
func (m *itemsModel) remove(id string) {
	for i, it := range m.list.Items() {
		if it.(itemRow).it.ID == id {
			m.list.RemoveItem(i)
			m.syncKeys()
			return
		}
	}
}

func (m *itemsModel) selected() (journal.Item, bool) {
	r, ok := m.list.SelectedItem().(itemRow)
	return r.it, ok
}

func (m *itemsModel) takingText() bool { return listTakingText(&m.list) }

func (m itemsModel) Update(msg tea.Msg) (itemsModel, tea.Cmd) {
	send := func(v tea.Msg) tea.Cmd { return func() tea.Msg { return v } }
	if km, ok := msg.(tea.KeyMsg); ok && !m.takingText() {
		it, _ := m.selected()
		switch {
		case key.Matches(km, m.keys.Back):
			return m, send(backMsg{})
		case key.Matches(km, m.keys.Owner):
			m.owner = (m.owner + 1) % 3
			return m, send(reloadItemsMsg{})
		case key.Matches(km, m.keys.Done):
			return m, send(changeItemMsg{item: it, action: journal.ActionDone})
		case key.Matches(km, m.keys.Drop):
			return m, send(changeItemMsg{item: it, action: journal.ActionDrop})
		case key.Matches(km, m.keys.Redate):
			return m, send(redateAskedMsg{item: it})
		case key.Matches(km, m.keys.Jump):
			return m, send(jumpToNoteMsg{meeting: it.Meeting, person: it.Person})
		}
	}
	var cmd tea.Cmd
	m.list, cmd = m.list.Update(msg)
	m.syncKeys()
	return m, cmd
}

// reloadItemsMsg asks the root to load the list again (filter changed).
type reloadItemsMsg struct{}

func (m itemsModel) View() string {
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
	n := len(m.list.Items())
	if !m.loaded {
		head = "loading…"
	} else if n == 0 {
		head += " · none open"
	}
	return fit(m.st.Dim.Render(head), m.width) + "\n" + listView(m.list)
}
