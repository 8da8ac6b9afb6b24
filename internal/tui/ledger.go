package tui

// Why this file is long: The Ledger pane: its range picker, comparison, sort and drill-down are
// one pane's state and keys.

import (
	"fmt"
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/list"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/oneonone/1on1/journal"
)

const paneLedger paneID = "ledger"

// ledgerRange is a choice of the range picker: the last n days, this
// quarter, or everything (n 0, quarter false).
type ledgerRange struct {
	name    string
	days    int
	quarter bool
}

// ledgerRanges is the range picker's cycle; r moves along it.
var ledgerRanges = []ledgerRange{
	{name: "last 30 days", days: 30},
	{name: "last 90 days", days: 90},
	{name: "last 365 days", days: 365},
	{name: "this quarter", quarter: true},
	{name: "all time"},
}

// defaultLedgerRange is the last 90 days, as `ledger --compare` takes.
const defaultLedgerRange = 1

// periods returns the range as of today and the one it is compared with:
// the same number of days before, or the previous quarter; ok is false
// for all time, which has nothing before it.
func (r ledgerRange) periods(today journal.Date) (cur, prev journal.Period, ok bool) {
	switch {
	case r.days > 0:
		cur = journal.Period{From: today.AddDays(-(r.days - 1)), To: today}
		prev, ok = cur.Previous()
	case r.quarter:
		t := today.Time()
		first := t.Month() - (t.Month()-1)%3
		cur = journal.Period{From: journal.NewDate(t.Year(), first, 1), To: today}
		prev = journal.Period{From: journal.NewDate(t.Year(), first-3, 1), To: cur.From.AddDays(-1)}
		ok = true
	}
	return cur, prev, ok
}

// ledgerSort orders the people: by name, or least reliable first by my
// keep rate or by theirs.
type ledgerSort int

const (
	sortByName ledgerSort = iota
	sortByMine
	sortByTheirs
)

var ledgerSortNames = [...]string{sortByName: "by name", sortByMine: "my rate", sortByTheirs: "their rate"}

// personLedger is the ledger of one person over the picked range, the
// period before it, and each of the last twelve months.
type personLedger struct {
	person  journal.PersonStatus
	total   journal.Ledger
	prev    journal.Ledger
	hasPrev bool
	months  []journal.Ledger
}

// ledgersLoadedMsg is the ledger of every active person for one range.
type ledgersLoadedMsg struct {
	rng     int
	ledgers []personLedger
	err     error
}

func (ledgersLoadedMsg) owner() paneID { return paneLedger }

func loadLedgersCmd(j *journal.Journal, today journal.Date, rng int) tea.Cmd {
	return guard(func() any {
		ps, err := j.PeopleStatus(today, false)
		if err != nil {
			return ledgersLoadedMsg{err: err}
		}
		cur, prev, hasPrev := ledgerRanges[rng].periods(today)
		want := []journal.Period{cur}
		if hasPrev {
			want = append(want, prev)
		}
		out := make([]personLedger, 0, len(ps))
		for _, p := range ps {
			pl := personLedger{person: p, hasPrev: hasPrev}
			ls, err := j.Ledgers(p.Handle, want, today)
			if err != nil {
				return ledgersLoadedMsg{err: err}
			}
			pl.total = ls[0]
			if hasPrev {
				pl.prev = ls[1]
			}
			if pl.months, err = j.MonthlyLedger(p.Handle, 12, today); err != nil {
				return ledgersLoadedMsg{err: err}
			}
			out = append(out, pl)
		}
		return ledgersLoadedMsg{rng: rng, ledgers: out}
	})
}

// ledgerRow is one person in the ledger view.
type ledgerRow struct{ l personLedger }

func (r ledgerRow) FilterValue() string { return r.l.person.Name + " " + r.l.person.Handle }

func (r ledgerRow) lines(w int, st styles, _ bool) []string {
	side := func(now, prev journal.LedgerSide) string {
		s := rate(now)
		if r.l.hasPrev {
			s += arrow(now, prev)
		}
		return s
	}
	// Two lines, as on the people list: the name is never cut for the
	// rates, and they read in the app's words, mine and theirs.
	return []string{
		fit(clean(r.l.person.Name), w),
		st.Dim.Render("mine ") + side(r.l.total.Mine, r.l.prev.Mine) + st.Dim.Render(" · theirs ") + side(r.l.total.Theirs, r.l.prev.Theirs),
	}
}

// sortLedgers orders ls by s; least reliable first, people with no rate
// yet last, ties by name.
func sortLedgers(ls []personLedger, s ledgerSort) {
	get := func(l personLedger) journal.LedgerSide {
		if s == sortByTheirs {
			return l.total.Theirs
		}
		return l.total.Mine
	}
	sort.SliceStable(ls, func(a, b int) bool {
		if s != sortByName {
			ra, oka := get(ls[a]).KeepRate()
			rb, okb := get(ls[b]).KeepRate()
			if oka != okb {
				return oka
			}
			if oka && ra != rb {
				return ra < rb
			}
		}
		return strings.ToLower(ls[a].person.Name) < strings.ToLower(ls[b].person.Name)
	})
}

// ledgerKeyMap is the ledger's own keys; moving and filtering are the list's.
type ledgerKeyMap struct {
	Range, Sort, Open, Outcome, Back key.Binding
}

func newLedgerKeyMap() ledgerKeyMap {
	return ledgerKeyMap{
		Range:   key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "range")),
		Sort:    key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sort")),
		Open:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "promises")),
		Outcome: key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "outcome")),
		Back:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "people")),
	}
}

func (k ledgerKeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Open, k.Range, k.Sort, k.Outcome, k.Back}
}
func (k ledgerKeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// ledgerPane lists people with their keep rates over a picked range; the
// preview shows the selected person's ledger beside the period before and
// the monthly trend. enter lists the promises behind the figures (see
// ledgerdrill.go).
type ledgerPane struct {
	env     *env
	list    list.Model
	keys    ledgerKeyMap
	loaded  bool
	rng     int
	order   ledgerSort
	ledgers []personLedger
	drill   *ledgerDrill // the promises behind one person's figures, while open
	w, h    int
}

func newLedgerPane(e *env) *ledgerPane {
	m := &ledgerPane{env: e, list: newList(e.st, 2, true), keys: newLedgerKeyMap(), rng: defaultLedgerRange}
	m.syncKeys()
	return m
}

// syncKeys lets esc clear an applied filter before it goes back, and
// offers each key only where it does something.
func (m *ledgerPane) syncKeys() {
	drill := m.drill != nil
	m.keys.Back.SetEnabled(drill || m.list.FilterState() != list.FilterApplied)
	m.keys.Range.SetEnabled(!drill)
	m.keys.Sort.SetEnabled(!drill)
	m.keys.Sort.SetHelp("s", "sort: "+ledgerSortNames[(m.order+1)%3])
	m.keys.Range.SetHelp("r", "range")
	m.keys.Outcome.SetEnabled(drill)
	m.keys.Back.SetHelp("esc", "people")
	m.keys.Open.SetHelp("enter", "promises")
	if drill {
		m.keys.Back.SetHelp("esc", "ledger")
		m.keys.Open.SetHelp("enter", "source note")
	}
}

func (m *ledgerPane) Title() string {
	if m.drill != nil {
		return m.drill.title()
	}
	t := "Ledger · " + ledgerRanges[m.rng].name
	if m.order != sortByName {
		t += " · " + ledgerSortNames[m.order]
	}
	return t
}

func (m *ledgerPane) Help() keyHelp {
	if m.drill != nil {
		return listHelp{nav: m.drill.list.KeyMap, pane: m.keys}
	}
	return listHelp{nav: m.list.KeyMap, pane: m.keys}
}

func (m *ledgerPane) SetSize(w, h int) tea.Cmd {
	m.w, m.h = max(w, 0), max(h, 0)
	m.list.SetSize(m.w, m.h)
	if m.drill != nil {
		m.drill.list.SetSize(m.w, m.h)
	}
	return nil
}

func (m *ledgerPane) Load() tea.Cmd {
	cmds := []tea.Cmd{loadLedgersCmd(m.env.j, m.env.today(), m.rng)}
	if m.drill != nil {
		cmds = append(cmds, m.drill.load(m.env, m.rng))
	}
	return tea.Batch(cmds...)
}

func (m *ledgerPane) TakingText() bool {
	if m.drill != nil {
		return listTakingText(&m.drill.list)
	}
	return listTakingText(&m.list)
}

func (m *ledgerPane) setLedgers(ls []personLedger) tea.Cmd {
	m.loaded = true
	m.ledgers = ls
	sorted := append([]personLedger(nil), ls...)
	sortLedgers(sorted, m.order)
	rows := make([]list.Item, len(sorted))
	for i, l := range sorted {
		rows[i] = ledgerRow{l}
	}
	return setItemsKeepingSelection(&m.list, rows)
}

func (m *ledgerPane) Selected() selection {
	if m.drill != nil {
		return m.drill.selected(m.env)
	}
	sel := selection{key: fmt.Sprintf("ledger:%d:%d", m.rng, m.list.Index())}
	if r, ok := m.list.SelectedItem().(ledgerRow); ok {
		sel.doc = &doc{key: fmt.Sprintf("l:%s:%d", r.l.person.Handle, m.rng), title: "Ledger",
			plain: ledgerText(r.l, ledgerRanges[m.rng], m.env.today(), m.env.st), isPlain: true}
	}
	return sel
}

func (m *ledgerPane) Update(msg tea.Msg) (pane, tea.Cmd) {
	switch msg := msg.(type) {
	case ledgersLoadedMsg:
		if msg.err != nil {
			return m, errorCmd(msg.err)
		}
		if msg.rng != m.rng {
			return m, nil // an answer for a range the user has left
		}
		return m, m.setLedgers(msg.ledgers)
	case ledgerItemsLoadedMsg:
		if msg.err != nil {
			return m, errorCmd(msg.err)
		}
		if m.drill != nil && msg.handle == m.drill.handle && msg.rng == m.rng {
			return m, m.drill.setItems(msg.items, m.env.today())
		}
		return m, nil
	}
	if m.drill != nil {
		return m, m.updateDrill(msg)
	}
	switch msg := msg.(type) {
	case tea.MouseMsg:
		return m, wheelList(&m.list, msg)
	case tea.KeyMsg:
		if m.TakingText() {
			break
		}
		switch {
		case key.Matches(msg, m.keys.Back):
			return m, send(backMsg{})
		case key.Matches(msg, m.keys.Range):
			m.rng = (m.rng + 1) % len(ledgerRanges)
			m.syncKeys()
			return m, tea.Batch(m.Load(), statusCmd("ledger: "+ledgerRanges[m.rng].name))
		case key.Matches(msg, m.keys.Sort):
			m.order = (m.order + 1) % 3
			m.syncKeys()
			cmd := m.setLedgers(m.ledgers)
			m.list.Select(0) // the least reliable is the point of sorting
			return m, cmd
		case key.Matches(msg, m.keys.Open):
			if r, ok := m.list.SelectedItem().(ledgerRow); ok {
				m.drill = newLedgerDrill(m.env, r.l.person.Person)
				m.drill.list.SetSize(m.w, m.h)
				m.syncKeys()
				return m, m.drill.load(m.env, m.rng)
			}
			return m, nil
		}
	}
	var cmd tea.Cmd
	m.list, cmd = m.list.Update(msg)
	m.syncKeys()
	return m, cmd
}

func (m *ledgerPane) View() string {
	if m.drill != nil {
		return m.drill.view()
	}
	return listView(m.list)
}
