package tui

import (
	"fmt"

	"github.com/oneonone/1on1/journal"
)

// itemFlag is the short, styled state of an item as of today: overdue in
// red with its days, due soon, undated, done or dropped.
func itemFlag(it journal.Item, today journal.Date, st styles) string {
	switch it.State {
	case journal.StateDone:
		return st.Done.Render("✓ done")
	case journal.StateDropped:
		return st.Dim.Render("– dropped")
	}
	if it.Kind == journal.FollowUp {
		return st.Badge.Render("↻ follow-up")
	}
	if it.Kind != journal.Commitment {
		return st.Dim.Render("• " + it.Kind.String())
	}
	f := it.Flags(today)
	switch {
	case f.Has(journal.FlagOverdue):
		d := it.DaysOverdue(today)
		return st.Overdue.Render(fmt.Sprintf("✗ overdue %dd", d))
	case f.Has(journal.FlagDueSoon):
		return st.DueSoon.Render("◷ due " + it.Due.String())
	case f.Has(journal.FlagUndated):
		return st.Undated.Render("? undated")
	}
	return st.Dim.Render("○ due " + it.Due.String())
}

// itemFlagShort is itemFlag in a few cells, for a row too narrow for it:
// "✗ 13d", "◷ 11-24".
func itemFlagShort(it journal.Item, today journal.Date, st styles) string {
	if it.State != journal.StateOpen || it.Kind != journal.Commitment {
		return itemFlag(it, today, st)
	}
	f := it.Flags(today)
	due := it.Due.String()
	if len(due) > 5 {
		due = due[5:]
	}
	switch {
	case f.Has(journal.FlagOverdue):
		return st.Overdue.Render(fmt.Sprintf("✗ %dd", it.DaysOverdue(today)))
	case f.Has(journal.FlagDueSoon):
		return st.DueSoon.Render("◷ " + due)
	case f.Has(journal.FlagUndated):
		return st.Undated.Render("?")
	}
	return st.Dim.Render("○ " + due)
}

// ownerLabel says whose promise an item is: "me → alice" or "alice → me".
func ownerLabel(it journal.Item) string {
	if it.Owner == journal.Them {
		return it.Person + " → me"
	}
	return "me → " + it.Person
}

// legend lists a note's commitments and follow-ups with their flags, for
// the preview to show above the rendered note.
func legend(m journal.Meeting, today journal.Date, st styles) []string {
	var out []string
	for _, it := range m.Items {
		if it.Kind != journal.Commitment && it.Kind != journal.FollowUp {
			continue
		}
		// "mine"/"theirs", not "me:"/"them:", which the text may already
		// start with ("me: me: send the deck").
		who := ""
		if it.Kind == journal.Commitment {
			who = "mine · "
			if it.Owner == journal.Them {
				who = "theirs · "
			}
		}
		out = append(out, itemFlag(it, today, st)+"  "+who+clean(it.DisplayText()))
	}
	return out
}
