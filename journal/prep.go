package journal

import (
	"fmt"
	"strconv"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// Prep is the agenda for the next 1:1 with a person.
type Prep struct {
	Person         Person
	Today          Date
	LastMeeting    Date // zero when none yet
	DaysSince      int  // -1 when none yet
	DueForOneOnOne bool
	Feedback       []PendingFeedback // feedback to give, queued or open in notes, oldest first
	Mine           []Item            // my open commitments to them, overdue first
	Theirs         []Item            // their open commitments to me, overdue first
	FollowUps      []Item            // open follow-ups, oldest first
	Wins           []Item            // wins recorded since the cadence window began, or at the last 1:1
	// Ledger is the promises settled (kept, kept late, dropped) in the
	// last 90 days, and every promise open now, as Mine and Theirs list
	// them, whatever its date: the figures agree with the lists above them
	// (issue 13), where a plain 90-day ledger would leave out a promise due
	// next week or overdue since spring.
	Ledger Ledger
	Pulse  PulseTrend // over the latest meetings
}

// LedgerWindow is how far back the prep agenda's ledger looks.
const LedgerWindow = 90

// Prep gathers the agenda for the next 1:1 with a person as of today.
func (j *Journal) Prep(handle string, today Date) (Prep, error) {
	p, err := j.Person(handle)
	if err != nil {
		return Prep{}, err
	}
	pr := Prep{Person: p, Today: today, DaysSince: -1}
	open, err := j.OpenCommitments(ItemFilter{Person: handle})
	if err != nil {
		return Prep{}, err
	}
	for _, it := range open {
		if it.Owner == Them {
			pr.Theirs = append(pr.Theirs, it)
		} else {
			pr.Mine = append(pr.Mine, it)
		}
	}
	if pr.FollowUps, err = j.OpenFollowUps(handle); err != nil {
		return Prep{}, err
	}
	if pr.Feedback, err = j.FeedbackToGive(handle); err != nil {
		return Prep{}, err
	}
	err = j.view(func(tx *bolt.Tx) error {
		since := today.AddDays(-p.Cadence)
		return eachPersonMeeting(tx, handle, true, func(id MeetingID) (bool, error) {
			switch {
			case id.Date() > today:
				return true, nil // written ahead: not held yet
			case pr.LastMeeting.IsZero():
				pr.LastMeeting = id.Date()
			case id.Date() <= since:
				return false, nil
			}
			m, err := getMeeting(tx, id)
			if err != nil {
				return false, err
			}
			for _, it := range m.Items {
				if it.Kind == Win {
					pr.Wins = append(pr.Wins, it)
				}
			}
			return true, nil
		})
	})
	if err != nil {
		return Prep{}, err
	}
	if !pr.LastMeeting.IsZero() {
		pr.DaysSince = int(today - pr.LastMeeting)
	}
	pr.DueForOneOnOne = dueForOneOnOne(pr.LastMeeting, p.Cadence, today)
	if pr.Pulse, err = j.PulseTrend(handle, today); err != nil {
		return Prep{}, err
	}
	if pr.Ledger, err = j.Ledger(handle, today.AddDays(-LedgerWindow), today, today); err != nil {
		return Prep{}, err
	}
	outstandingNow(&pr.Ledger.Mine, pr.Mine, today)
	outstandingNow(&pr.Ledger.Theirs, pr.Theirs, today)
	return pr, nil
}

// outstandingNow replaces the open figures of a ledger side (overdue,
// slipped, open) with those of the promises open today.
func outstandingNow(s *LedgerSide, open []Item, today Date) {
	s.Overdue, s.Slipped, s.Open = 0, 0, 0
	for _, it := range open {
		s.count(it.Outcome(today))
	}
}

// PrepFormat is how Prep.Format writes the agenda.
type PrepFormat struct {
	// IDs adds each item's block id ("^c7f3"), to find or name it in a
	// note; the agenda reads better without.
	IDs bool
}

// Markdown renders the agenda as a markdown document, without block ids.
func (pr Prep) Markdown() string { return pr.Format(PrepFormat{}) }

// Format renders the agenda as a markdown document as f says.
func (pr Prep) Format(f PrepFormat) string {
	var b strings.Builder
	p := pr.Person
	fmt.Fprintf(&b, "# Prep: 1:1 with %s (%s)\n\n", p.Name, p.Handle)
	switch {
	case pr.LastMeeting.IsZero():
		b.WriteString("No 1:1 yet")
	default:
		fmt.Fprintf(&b, "Last 1:1: %s (%s)", pr.LastMeeting, daysAgo(pr.DaysSince))
	}
	fmt.Fprintf(&b, " · cadence %d days", p.Cadence)
	if pr.DueForOneOnOne {
		b.WriteString(" · **due for a 1:1**")
	}
	b.WriteString("\n\n")
	if _, ok := pr.Pulse.Latest(); ok {
		line := "Pulse: " + pr.Pulse.Summary()
		if pr.Pulse.Dropped {
			line = "Pulse: " + strings.Replace(pr.Pulse.Summary(), " · dropped", " · **dropped", 1) + "** — ask how they are"
		}
		b.WriteString(line + "\n\n")
	}
	section := func(title string, items []Item, empty string) {
		fmt.Fprintf(&b, "## %s\n\n", title)
		if len(items) == 0 {
			fmt.Fprintf(&b, "_%s_\n\n", empty)
			return
		}
		for _, it := range items {
			b.WriteString("- " + describeItem(it, pr.Today, f.IDs) + "\n")
		}
		b.WriteString("\n")
	}
	if len(pr.Feedback) > 0 {
		// First: praise and corrections lose their worth with every day
		// they wait.
		b.WriteString("## Feedback to give\n\n")
		for _, f := range pr.Feedback {
			fmt.Fprintf(&b, "- %s, %s\n", escapeInline(f.Text), notedAgo(f.Age(pr.Today)))
		}
		b.WriteString("\n")
	}
	section(fmt.Sprintf("My open commitments to %s", p.FirstName()), pr.Mine, "None open.")
	section(fmt.Sprintf("%s's open commitments to me", p.FirstName()), pr.Theirs, "None open.")
	section("Follow-ups to raise", pr.FollowUps, "None open.")
	section("Wins to mention", pr.Wins, "None recorded lately.")
	fmt.Fprintf(&b, "## Trust ledger\n\n_Promises settled in the last %d days, and every one open now._\n\n", LedgerWindow)
	b.WriteString(compactLedgerTable(p.FirstName(), pr.Ledger))
	return b.String()
}

// describeItem writes an item as one markdown line: its state and date
// first, where a narrow pane never wraps them apart, then its text without
// the date tokens the state already says (Item.DisplayText), then what
// else is known of it, and its block id when ids is set.
func describeItem(it Item, today Date, ids bool) string {
	var lead string
	fl := it.Flags(today)
	switch {
	case fl.Has(FlagOverdue):
		lead = fmt.Sprintf("✗ **overdue %d %s** (due %s)", it.DaysOverdue(today), plural(it.DaysOverdue(today), "day"), it.Due)
	case fl.Has(FlagDueSoon):
		lead = fmt.Sprintf("◷ **due %s** (%s)", it.Due, daysAhead(int(it.Due-today)))
	case fl.Has(FlagUndated):
		lead = "? _undated_"
	case !it.Due.IsZero() && it.State == StateOpen:
		lead = "○ due " + it.Due.String()
	}
	var tags []string
	if fl.Has(FlagKeptLate) {
		tags = append(tags, fmt.Sprintf("kept %d %s late", it.DaysLate(), plural(it.DaysLate(), "day")))
	}
	if it.Kind == Commitment && it.State == StateDropped {
		tags = append(tags, "dropped")
	}
	if fl.Has(FlagSlipped) {
		tags = append(tags, "slipped from "+it.EffectiveDue().String())
	}
	if fl.Has(FlagRenegotiated) && it.State == StateOpen {
		tags = append(tags, "renegotiated")
	}
	if fl.Has(FlagCarried) {
		tags = append(tags, fmt.Sprintf("carried %d×", it.Carried))
	}
	if fl.Has(FlagStale) {
		tags = append(tags, "**stale**: unchanged in "+strconv.Itoa(it.Unchanged)+" notes — keep, re-date or drop?")
	}
	switch {
	case it.Kind == FollowUp && !it.FirstSeen.IsZero():
		tags = append(tags, "since "+it.FirstSeen.String())
	case it.Kind != Commitment && !it.Date.IsZero():
		tags = append(tags, it.Date.String())
	}
	if ids && it.ID != "" {
		tags = append(tags, "`^"+it.ID+"`")
	}
	s := escapeInline(it.DisplayText())
	if lead != "" {
		s = lead + " — " + s
	}
	if len(tags) > 0 {
		s += " · " + strings.Join(tags, " · ")
	}
	return s
}

// daysAhead says when a date that is near comes: "today", "tomorrow", "in
// 3 days".
func daysAhead(n int) string {
	switch n {
	case 0:
		return "today"
	case 1:
		return "tomorrow"
	}
	return fmt.Sprintf("in %d days", n)
}

// escapeInline keeps an item's text from opening markdown blocks when it
// is placed after a list marker.
func escapeInline(s string) string {
	s = strings.ReplaceAll(s, "\r", "")
	s = strings.ReplaceAll(s, "\n", " ")
	return s
}

func daysAgo(n int) string {
	switch n {
	case 0:
		return "today"
	case 1:
		return "yesterday"
	}
	if n < 0 {
		return fmt.Sprintf("in %d days", -n)
	}
	return fmt.Sprintf("%d days ago", n)
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// compactLedgerTable renders the prep's ledger with a row per figure and
// a column per direction, narrow enough for a pane beside a list (a column
// per figure cut its headers at 80 columns). Open and overdue are the
// promises open now, as listed above it (see Prep.Ledger).
func compactLedgerTable(first string, l Ledger) string {
	var b strings.Builder
	b.WriteString("| | mine | " + first + "'s |\n")
	b.WriteString("| --- | ---: | ---: |\n")
	row := func(name string, f func(LedgerSide) string) {
		fmt.Fprintf(&b, "| %s | %s | %s |\n", name, f(l.Mine), f(l.Theirs))
	}
	count := func(get func(LedgerSide) int) func(LedgerSide) string {
		return func(s LedgerSide) string { return strconv.Itoa(get(s)) }
	}
	row("kept", count(func(s LedgerSide) int { return s.Kept }))
	row("kept late", count(func(s LedgerSide) int { return s.KeptLate }))
	row("dropped", count(func(s LedgerSide) int { return s.Dropped }))
	row("overdue now", count(func(s LedgerSide) int { return s.Overdue }))
	row("slipped, open", count(func(s LedgerSide) int { return s.Slipped }))
	row("open, not due", count(func(s LedgerSide) int { return s.Open }))
	row("keep rate", func(s LedgerSide) string {
		if r, ok := s.KeepRate(); ok {
			return fmt.Sprintf("%.0f%%", r*100)
		}
		return "–"
	})
	return b.String()
}

// ledgerTable renders ledgers as one markdown table, graded as SPEC 3
// says; each ledger after the first is labelled with its period (the
// previous period of a review).
func ledgerTable(first string, ls ...Ledger) string {
	var b strings.Builder
	b.WriteString("| promises | kept | kept late | slipped | overdue | dropped | open | renegotiated | keep rate |\n")
	b.WriteString("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n")
	row := func(name string, s LedgerSide) {
		rate := "–"
		if r, ok := s.KeepRate(); ok {
			rate = fmt.Sprintf("%.0f%%", r*100)
		}
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %d | %d | %d | %d | %s |\n", name, s.Kept, s.KeptLate, s.Slipped, s.Overdue, s.Dropped, s.Open, s.Renegotiated, rate)
	}
	for i, l := range ls {
		when := ""
		if i > 0 {
			when = fmt.Sprintf(" (%s to %s)", l.From, l.To)
		}
		row("mine to "+first+when, l.Mine)
		row(first+"'s to me"+when, l.Theirs)
	}
	return b.String()
}
