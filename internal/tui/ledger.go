package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/list"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/oneonone/1on1/journal"
)

const paneLedger paneID = "ledger"

// ledgerRow is one person in the ledger view.
type ledgerRow struct{ l personLedger }

func (r ledgerRow) FilterValue() string { return r.l.person.Name + " " + r.l.person.Handle }

func (r ledgerRow) lines(w int, st styles, _ bool) []string {
	return []string{spread(clean(r.l.person.Name), "me "+rate(r.l.total.Mine)+" · them "+rate(r.l.total.Theirs), w)}
}

func rate(s journal.LedgerSide) string {
	if r, ok := s.KeepRate(); ok {
		return fmt.Sprintf("%3.0f%%", r*100)
	}
	return "   –"
}

// ledgerKeyMap is the ledger's own key; moving and filtering are the list's.
type ledgerKeyMap struct{ Back key.Binding }

func newLedgerKeyMap() ledgerKeyMap {
	return ledgerKeyMap{
		Back: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "people")),
	}
}

func (k ledgerKeyMap) ShortHelp() []key.Binding  { return []key.Binding{k.Back} }
func (k ledgerKeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// ledgerPane lists people with their keep rates; the preview shows the
// selected person's ledger and monthly trend.
type ledgerPane struct {
	env    *env
	list   list.Model
	keys   ledgerKeyMap
	loaded bool
}

func newLedgerPane(e *env) *ledgerPane {
	return &ledgerPane{env: e, list: newList(e.st, 1, true), keys: newLedgerKeyMap()}
}

// syncKeys lets esc clear an applied filter before it goes back.
func (m *ledgerPane) syncKeys() {
	m.keys.Back.SetEnabled(m.list.FilterState() != list.FilterApplied)
}

func (m *ledgerPane) Title() string            { return "Ledger" }
func (m *ledgerPane) Help() keyHelp            { return listHelp{nav: m.list.KeyMap, pane: m.keys} }
func (m *ledgerPane) SetSize(w, h int) tea.Cmd { m.list.SetSize(max(w, 0), max(h, 0)); return nil }
func (m *ledgerPane) Load() tea.Cmd            { return loadLedgersCmd(m.env.j, m.env.today()) }
func (m *ledgerPane) TakingText() bool         { return listTakingText(&m.list) }

func (m *ledgerPane) setLedgers(ls []personLedger) tea.Cmd {
	m.loaded = true
	rows := make([]list.Item, len(ls))
	for i, l := range ls {
		rows[i] = ledgerRow{l}
	}
	return setItemsKeepingSelection(&m.list, rows)
}

func (m *ledgerPane) Selected() selection {
	sel := selection{key: fmt.Sprintf("ledger:%d", m.list.Index())}
	if r, ok := m.list.SelectedItem().(ledgerRow); ok {
		sel.doc = &doc{key: "l:" + r.l.person.Handle, title: "Ledger", plain: ledgerText(r.l, m.env.st), isPlain: true}
	}
	return sel
}

func (m *ledgerPane) Update(msg tea.Msg) (pane, tea.Cmd) {
	switch msg := msg.(type) {
	case ledgersLoadedMsg:
		if msg.err != nil {
			return m, errorCmd(msg.err)
		}
		return m, m.setLedgers(msg.ledgers)
	case tea.MouseMsg:
		return m, wheelList(&m.list, msg)
	case tea.KeyMsg:
		if !m.TakingText() && key.Matches(msg, m.keys.Back) {
			return m, send(backMsg{})
		}
	}
	var cmd tea.Cmd
	m.list, cmd = m.list.Update(msg)
	m.syncKeys()
	return m, cmd
}

func (m *ledgerPane) View() string { return listView(m.list) }

// ledgerText is the preview of one person's ledger: both directions, then
// a bar per month for the last year.
func ledgerText(l personLedger, st styles) string {
	var b strings.Builder
	first := l.person.FirstName()
	fmt.Fprintf(&b, "%s\n\n", st.PaneTitle.Render("Trust ledger: "+clean(l.person.Name)))
	fmt.Fprintf(&b, "%-16s %5s %5s %7s %7s %5s %6s\n", "promises", "kept", "late", "overdue", "dropped", "open", "rate")
	side := func(name string, s journal.LedgerSide) {
		line := fmt.Sprintf("%-16s %5d %5d %7d %7d %5d %6s", name, s.Kept, s.KeptLate, s.Overdue, s.Dropped, s.Open, strings.TrimSpace(rate(s)))
		if s.Overdue > 0 {
			line = st.Overdue.Render(line)
		}
		b.WriteString(line + "\n")
	}
	side("mine to "+clean(first), l.total.Mine)
	side(clean(first)+"'s to me", l.total.Theirs)
	b.WriteString("\nkeep rate by month (last 12)\n")
	spark := func(get func(journal.Ledger) journal.LedgerSide) string {
		var s strings.Builder
		for _, m := range l.months {
			s.WriteString(bar(get(m)))
		}
		return s.String()
	}
	var months strings.Builder
	for _, m := range l.months {
		name := m.From.Time().Format("Jan")
		months.WriteString(name[:1])
	}
	fmt.Fprintf(&b, "%-8s %s\n", "", months.String())
	fmt.Fprintf(&b, "%-8s %s\n", "mine", st.BarMine.Render(spark(func(l journal.Ledger) journal.LedgerSide { return l.Mine })))
	fmt.Fprintf(&b, "%-8s %s\n", "theirs", st.BarTheir.Render(spark(func(l journal.Ledger) journal.LedgerSide { return l.Theirs })))
	b.WriteString(st.Dim.Render("\n▁…█ keep rate 0–100% · · no promise came due"))
	return b.String()
}

var bars = []rune("▁▂▃▄▅▆▇█")

func bar(s journal.LedgerSide) string {
	r, ok := s.KeepRate()
	if !ok {
		return "·"
	}
	i := int(r*float64(len(bars)-1) + 0.5)
	return string(bars[min(max(i, 0), len(bars)-1)])
}
