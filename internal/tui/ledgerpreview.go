package tui

// The ledger's figures as text: keep rates, their change from the period
// before, and the preview of one person's ledger.

import (
	"fmt"
	"strings"

	"github.com/oneonone/1on1/journal"
)

func rate(s journal.LedgerSide) string {
	if r, ok := s.KeepRate(); ok {
		return fmt.Sprintf("%3.0f%%", r*100)
	}
	return "   –"
}

// changeText is a change as the journal writes it, with the pane's dash
// for a rate that cannot be told.
func changeText(c journal.RateChange) string {
	if !c.Known {
		return "–"
	}
	return c.String()
}

// arrow is the one-cell direction of a change: ▲ up, ▼ down, = the same,
// a space when it cannot be told.
func arrow(now, prev journal.LedgerSide) string {
	if a := now.ChangeFrom(prev).Arrow(); a != "" {
		return a
	}
	return " "
}

// ledgerText is the preview of one person's ledger over the range: each
// figure both ways beside the period before, then a bar per month for
// the last year.
func ledgerText(l personLedger, r ledgerRange, today journal.Date, st styles) string {
	var b strings.Builder
	first := clean(l.person.FirstName())
	fmt.Fprintf(&b, "%s\n", st.PaneTitle.Render("Trust ledger: "+clean(l.person.Name)))
	cur, prev, _ := r.periods(today)
	if cur.From.IsZero() {
		b.WriteString(st.Dim.Render("all time") + "\n\n")
	} else {
		fmt.Fprintf(&b, "%s\n", st.Dim.Render(fmt.Sprintf("%s: %s to %s", r.name, cur.From, cur.To)))
		fmt.Fprintf(&b, "%s\n\n", st.Dim.Render(fmt.Sprintf("before: %s to %s", prev.From, prev.To)))
	}
	mine, theirs := l.total.Mine, l.total.Theirs
	pm, pt := l.prev.Mine, l.prev.Theirs
	if l.hasPrev {
		fmt.Fprintf(&b, "%-12s %6s %6s %7s %6s\n", "", "mine", "before", "theirs", "before")
	} else {
		fmt.Fprintf(&b, "%-12s %6s %7s\n", "", "mine", "theirs")
	}
	figure := func(name string, get func(journal.LedgerSide) string) {
		if l.hasPrev {
			fmt.Fprintf(&b, "%-12s %6s %6s %7s %6s\n", name, get(mine), get(pm), get(theirs), get(pt))
		} else {
			fmt.Fprintf(&b, "%-12s %6s %7s\n", name, get(mine), get(theirs))
		}
	}
	count := func(o journal.Outcome) func(journal.LedgerSide) string {
		return func(s journal.LedgerSide) string { return fmt.Sprint(s.Count(o)) }
	}
	for _, o := range []journal.Outcome{journal.OutcomeKept, journal.OutcomeKeptLate, journal.OutcomeSlipped,
		journal.OutcomeOverdue, journal.OutcomeDropped, journal.OutcomeOpen} {
		figure(o.String(), count(o))
	}
	figure("renegotiated", func(s journal.LedgerSide) string { return fmt.Sprint(s.Renegotiated) })
	figure("keep rate", func(s journal.LedgerSide) string { return strings.TrimSpace(rate(s)) })
	if l.hasPrev {
		fmt.Fprintf(&b, "%-12s %13s %14s\n", "change", changeText(mine.ChangeFrom(pm)), changeText(theirs.ChangeFrom(pt)))
	}
	if mine.Overdue+theirs.Overdue > 0 {
		b.WriteString(st.Overdue.Render(fmt.Sprintf("overdue: %d mine to %s, %d %s's to me", mine.Overdue, first, theirs.Overdue, first)) + "\n")
	}
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
	b.WriteString(st.Dim.Render("\n▁…█ keep rate 0–100% · · no promise came due · enter: the promises"))
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
