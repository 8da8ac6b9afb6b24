package journal

import (
	"fmt"
	"sort"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// Review is the packet for a performance or growth conversation: what a
// person achieved and the promises between us over a date range.
type Review struct {
	Person      Person
	From, To    Date
	Today       Date
	Meetings    int
	Wins        []Item
	Feedback    []Item
	Commitments []Item // every commitment placed in the range, both ways
	Ledger      Ledger
	keeper      Keeper // read with the notes: the keeper's name is a label too
	// Previous is the ledger of the period of the same length just
	// before, when the range has both ends; zero otherwise.
	Previous    Ledger
	HasPrevious bool
}

// Review gathers the review packet for a person over [from, to].
func (j *Journal) Review(handle string, from, to, today Date) (Review, error) {
	r := Review{From: from, To: to, Today: today}
	err := j.view(func(tx *bolt.Tx) error {
		var err error
		if r.keeper, err = keeperOf(tx); err != nil {
			return err
		}
		if r.Person, err = getPerson(tx, handle); err != nil {
			return err
		}
		err = eachPersonMeeting(tx, handle, false, func(id MeetingID) (bool, error) {
			d := id.Date()
			if to != 0 && d > to {
				return false, nil // ids ascend: nothing later is in range
			}
			if from != 0 && d < from {
				return true, nil
			}
			m, err := getMeeting(tx, id)
			if err != nil {
				return false, err
			}
			r.Meetings++
			for _, it := range m.Items {
				switch it.Kind {
				case Win:
					r.Wins = append(r.Wins, it)
				case Feedback:
					r.Feedback = append(r.Feedback, it)
				}
			}
			return true, nil
		})
		if err != nil {
			return err
		}
		items, err := personItems(tx, handle)
		if err != nil {
			return err
		}
		for _, it := range items {
			if d := LedgerDate(it); it.Kind == Commitment && (from == 0 || d >= from) && (to == 0 || d <= to) {
				r.Commitments = append(r.Commitments, it)
			}
			// Feedback to give, ticked, is feedback given on the day of the
			// tick (SPEC 2.2).
			if d := it.Done; it.Kind == FeedbackToGive && it.State == StateDone && !d.IsZero() && (from == 0 || d >= from) && (to == 0 || d <= to) {
				given := it
				given.Text, given.Direction, given.Date = withoutAge(it.Text), Given, d
				r.Feedback = append(r.Feedback, given)
			}
		}
		sort.SliceStable(r.Feedback, func(a, b int) bool { return r.Feedback[a].Date < r.Feedback[b].Date })
		sort.SliceStable(r.Commitments, func(a, b int) bool {
			return LedgerDate(r.Commitments[a]) < LedgerDate(r.Commitments[b])
		})
		return nil
	})
	if err != nil {
		return Review{}, err
	}
	periods := []Period{{From: from, To: to}}
	prev, hasPrev := Period{From: from, To: to}.Previous()
	if hasPrev {
		periods = append(periods, prev)
	}
	ls, err := j.Ledgers(handle, periods, today)
	if err != nil {
		return Review{}, err
	}
	r.Ledger = ls[0]
	if hasPrev {
		r.Previous, r.HasPrevious = ls[1], true
	}
	return r, nil
}

// Markdown renders the packet as a markdown document.
func (r Review) Markdown() string {
	var b strings.Builder
	p := r.Person
	period := r.From.String() + " to " + r.To.String()
	if r.From.IsZero() {
		period = "up to " + r.To.String()
	}
	if r.To.IsZero() {
		period = r.From.String() + " to " + r.Today.String()
	}
	fmt.Fprintf(&b, "# Review: %s (%s), %s\n\n", p.Name, p.Handle, period)
	fmt.Fprintf(&b, "%d %s in the period.\n\n", r.Meetings, plural(r.Meetings, "1:1"))
	b.WriteString("## Wins\n\n")
	if len(r.Wins) == 0 {
		b.WriteString("_None recorded._\n")
	}
	for _, it := range r.Wins {
		fmt.Fprintf(&b, "- %s — %s\n", escapeInline(it.Text), it.Date)
	}
	b.WriteString("\n## Feedback\n\n")
	if len(r.Feedback) == 0 {
		b.WriteString("_None recorded._\n")
	}
	for _, it := range r.Feedback {
		dir := ""
		if it.Direction != 0 {
			dir = " (" + it.Direction.String() + ")"
		}
		fmt.Fprintf(&b, "- %s%s — %s\n", escapeInline(it.Text), dir, it.Date)
	}
	b.WriteString("\n## Trust ledger\n\n")
	if r.HasPrevious {
		b.WriteString(ledgerTable(p.FirstName(), r.Ledger, r.Previous))
		for _, side := range []struct {
			name      string
			now, then LedgerSide
		}{{"My keep rate", r.Ledger.Mine, r.Previous.Mine}, {p.FirstName() + "'s keep rate", r.Ledger.Theirs, r.Previous.Theirs}} {
			a, ok1 := side.now.KeepRate()
			c, ok2 := side.then.KeepRate()
			if ok1 && ok2 {
				fmt.Fprintf(&b, "\n%s: %.0f%%, %s from %.0f%% the period before.", side.name, a*100, pointsChange((a-c)*100), c*100)
			}
		}
		b.WriteString("\n")
	} else {
		b.WriteString(ledgerTable(p.FirstName(), r.Ledger))
	}
	b.WriteString("\n## Commitments\n\n")
	if len(r.Commitments) == 0 {
		b.WriteString("_None in the period._\n")
	}
	n := namesOf(p.noteContext(0, r.keeper))
	for _, it := range r.Commitments {
		owner := "me"
		if it.Owner == Them {
			owner = p.FirstName()
		}
		// The label says whose it is: a prefix the note gave the text
		// ("me: …", "dima: …") would say it twice (issue 10 item 12).
		it.Text = n.withoutOwnerLabel(it.Text)
		fmt.Fprintf(&b, "- [%s] %s: %s — %s · `^%s`\n", it.Outcome(r.Today), owner, escapeInline(it.Text), historyLine(it, r.Today), it.ID)
	}
	return b.String()
}

// pointsChange writes a change of keep rate: "▲ 12 points", "▼ 3 points",
// "unchanged".
func pointsChange(d float64) string {
	switch {
	case d >= 0.5:
		return fmt.Sprintf("▲ %.0f points", d)
	case d <= -0.5:
		return fmt.Sprintf("▼ %.0f points", -d)
	}
	return "unchanged"
}

// historyLine is a commitment's story with the dates it moved through:
// "re-dated twice, kept 3 days late (due 2026-12-11 → 2026-12-20 → 2027-01-17)".
func historyLine(it Item, today Date) string {
	s := it.Story(today)
	if len(it.History) > 1 {
		dates := make([]string, len(it.History))
		for i, h := range it.History {
			dates[i] = h.Due.String()
		}
		s += " (due " + strings.Join(dates, " → ") + ")"
	}
	return s
}
