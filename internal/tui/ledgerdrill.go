package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/list"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/oneonone/1on1/journal"
)

// ledgerItemsLoadedMsg is the promises behind one person's ledger over a
// range, as the journal grades them.
type ledgerItemsLoadedMsg struct {
	handle string
	rng    int
	items  []journal.Item
	err    error
}

func (ledgerItemsLoadedMsg) owner() paneID { return paneLedger }

func loadLedgerItemsCmd(j *journal.Journal, handle string, today journal.Date, rng int) tea.Cmd {
	return guard(func() any {
		cur, _, _ := ledgerRanges[rng].periods(today)
		items, err := j.LedgerItems(handle, cur.From, cur.To, today)
		return ledgerItemsLoadedMsg{handle: handle, rng: rng, items: items, err: err}
	})
}

// drillOutcomes is the o key's cycle: every promise (0), then one figure.
var drillOutcomes = []journal.Outcome{0, journal.OutcomeKept, journal.OutcomeKeptLate, journal.OutcomeSlipped,
	journal.OutcomeOverdue, journal.OutcomeDropped, journal.OutcomeOpen}

// ledgerDrill is the list of the promises behind one person's figures,
// shown in the ledger pane until esc.
type ledgerDrill struct {
	handle, name string
	list         list.Model
	items        []journal.Item
	outcome      int // index in drillOutcomes
	today        journal.Date
	loaded       bool
}

func newLedgerDrill(e *env, p journal.Person) *ledgerDrill {
	return &ledgerDrill{handle: p.Handle, name: p.FirstName(), list: newList(e.st, 2, true), today: e.today()}
}

func (d *ledgerDrill) load(e *env, rng int) tea.Cmd {
	return loadLedgerItemsCmd(e.j, d.handle, e.today(), rng)
}

func (d *ledgerDrill) title() string {
	t := "Promises · " + clean(d.name)
	if o := drillOutcomes[d.outcome]; o != 0 {
		t += " · " + o.String()
	}
	return t
}

// setItems shows the items of the picked outcome; the outcome is the
// journal's, never worked out here.
func (d *ledgerDrill) setItems(items []journal.Item, today journal.Date) tea.Cmd {
	d.loaded, d.items, d.today = true, items, today
	want := drillOutcomes[d.outcome]
	var rows []list.Item
	for _, it := range items {
		if want == 0 || it.Outcome(today) == want {
			rows = append(rows, drillRow{it: it, today: today})
		}
	}
	return setItemsKeepingSelection(&d.list, rows)
}

func (d *ledgerDrill) selected(e *env) selection {
	sel := selection{key: fmt.Sprintf("drill:%s:%d:%d", d.handle, d.outcome, d.list.Index())}
	if r, ok := d.list.SelectedItem().(drillRow); ok {
		sel.doc = &doc{key: "d:" + r.it.ID + r.it.Meeting.String(), title: "Promise",
			plain: drillText(r.it, r.today, e.st), isPlain: true}
	}
	return sel
}

func (d *ledgerDrill) view() string {
	if d.loaded && len(d.list.Items()) == 0 {
		return "  no promises here in the range"
	}
	return listView(d.list)
}

// updateDrill handles a message while the promises are listed: enter
// opens the selected one's note at its line, o picks the outcome, esc
// goes back to the people.
func (m *ledgerPane) updateDrill(msg tea.Msg) tea.Cmd {
	d := m.drill
	switch msg := msg.(type) {
	case tea.MouseMsg:
		return wheelList(&d.list, msg)
	case tea.KeyMsg:
		if listTakingText(&d.list) || d.list.FilterState() == list.FilterApplied && msg.String() == "esc" {
			break
		}
		switch {
		case key.Matches(msg, m.keys.Back):
			m.drill = nil
			m.syncKeys()
			return nil
		case key.Matches(msg, m.keys.Outcome):
			d.outcome = (d.outcome + 1) % len(drillOutcomes)
			d.list.Select(0)
			return d.setItems(d.items, d.today)
		case key.Matches(msg, m.keys.Open):
			if r, ok := d.list.SelectedItem().(drillRow); ok {
				return send(openPersonMsg{handle: r.it.Person, meeting: r.it.Meeting, term: markTerm(r.it.Text)})
			}
			return nil
		}
	}
	var cmd tea.Cmd
	d.list, cmd = d.list.Update(msg)
	return cmd
}

// drillRow is one promise behind the ledger: whose, its outcome and text.
type drillRow struct {
	it    journal.Item
	today journal.Date
}

func (r drillRow) FilterValue() string { return r.it.Text }
func (r drillRow) rowKey() string      { return "d:" + r.it.ID }

func (r drillRow) lines(w int, st styles, _ bool) []string {
	// Two lines, as in Commitments: the text has the first to itself.
	return []string{
		fit(clean(r.it.DisplayText()), w),
		outcomeBadge(r.it.Outcome(r.today), st) + st.Dim.Render(" · "+ownerLabel(r.it)),
	}
}

// outcomeBadge is an outcome in a few styled cells.
func outcomeBadge(o journal.Outcome, st styles) string {
	switch o {
	case journal.OutcomeKept:
		return st.Done.Render("✓ kept")
	case journal.OutcomeKeptLate:
		return st.DueSoon.Render("◷ late")
	case journal.OutcomeSlipped:
		return st.DueSoon.Render("↷ slip")
	case journal.OutcomeOverdue:
		return st.Overdue.Render("✗ over")
	case journal.OutcomeDropped:
		return st.Dim.Render("– drop")
	}
	return st.Dim.Render("○ open")
}

// drillText is the preview of one promise: its outcome, dates and the
// history of its due date.
func drillText(it journal.Item, today journal.Date, st styles) string {
	var b strings.Builder
	b.WriteString(st.PaneTitle.Render(clean(it.DisplayText())) + "\n\n")
	row := func(k, v string) { fmt.Fprintf(&b, "%-10s %s\n", k, v) }
	row("whose", ownerLabel(it))
	o := it.Outcome(today)
	out := o.String()
	if o == journal.OutcomeKeptLate {
		out += fmt.Sprintf(", %d days late", it.DaysLate())
	}
	if o == journal.OutcomeOverdue {
		out += fmt.Sprintf(", %d days", it.DaysOverdue(today))
	}
	row("outcome", out)
	row("promised", it.FirstSeen.String())
	if d := it.EffectiveDue(); !d.IsZero() {
		row("due", d.String())
	} else {
		row("due", "undated")
	}
	if !it.Done.IsZero() {
		row("done", it.Done.String())
	}
	row("last note", it.Date.String())
	if moves := it.Moves(); len(moves) > 0 {
		b.WriteString("\nhistory\n")
		if h := it.History[0]; !h.Due.IsZero() {
			fmt.Fprintf(&b, "  %s set %s\n", h.Due, h.Set)
		}
		for _, mv := range moves {
			kind := "renegotiated"
			if mv.Slip() {
				kind = "slipped"
			}
			to := mv.To.String()
			if mv.To.IsZero() {
				to = "undated"
			}
			fmt.Fprintf(&b, "  → %s on %s (%s)\n", to, mv.On, kind)
		}
	}
	b.WriteString(st.Dim.Render("\nenter: the note at this line · esc: the ledger"))
	return b.String()
}
