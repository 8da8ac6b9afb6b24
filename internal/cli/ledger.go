package cli

// Why this file is long: The ledger verb's four views (the table, --compare, --by, --items) share
// its flags and JSON shapes, so they stay together.

import (
	"fmt"
	"io"
	"strings"

	"github.com/oneonone/1on1/journal"
	"github.com/spf13/cobra"
)

// ledgerSideJSON is one direction of a ledger (SPEC 6 names).
type ledgerSideJSON struct {
	Kept         int      `json:"kept"`
	KeptLate     int      `json:"kept_late"`
	DaysLate     int      `json:"days_late"`
	Slipped      int      `json:"slipped"`
	Overdue      int      `json:"overdue"`
	Dropped      int      `json:"dropped"`
	Open         int      `json:"open"`
	Renegotiated int      `json:"renegotiated"`
	KeepRate     *float64 `json:"keep_rate"` // null when nothing has come due
}

// periodJSON is a ledger over one period.
type periodJSON struct {
	From   journal.Date   `json:"from,omitempty"`
	To     journal.Date   `json:"to,omitempty"`
	Mine   ledgerSideJSON `json:"mine"`
	Theirs ledgerSideJSON `json:"theirs"`
}

// changeJSON is the change of each keep rate from the previous period, in
// percentage points; null when either rate is undefined.
type changeJSON struct {
	Mine   *float64 `json:"mine"`
	Theirs *float64 `json:"theirs"`
}

// ledgerJSON is one person's ledger, or the team's (Team set, Person
// empty), with the previous period (--compare) or a table of periods (--by).
type ledgerJSON struct {
	Person   string         `json:"person"`
	Name     string         `json:"name"`
	Team     bool           `json:"team,omitempty"`
	From     journal.Date   `json:"from,omitempty"`
	To       journal.Date   `json:"to,omitempty"`
	Mine     ledgerSideJSON `json:"mine"`
	Theirs   ledgerSideJSON `json:"theirs"`
	Previous *periodJSON    `json:"previous,omitempty"`
	Change   *changeJSON    `json:"change,omitempty"`
	Periods  []periodJSON   `json:"periods,omitempty"`
}

func sideView(s journal.LedgerSide) ledgerSideJSON {
	v := ledgerSideJSON{Kept: s.Kept, KeptLate: s.KeptLate, DaysLate: s.DaysLate, Slipped: s.Slipped, Overdue: s.Overdue,
		Dropped: s.Dropped, Open: s.Open, Renegotiated: s.Renegotiated}
	if r, ok := s.KeepRate(); ok {
		v.KeepRate = &r
	}
	return v
}

func periodView(l journal.Ledger) periodJSON {
	return periodJSON{From: l.From, To: l.To, Mine: sideView(l.Mine), Theirs: sideView(l.Theirs)}
}

func rateText(s journal.LedgerSide) string {
	if r, ok := s.KeepRate(); ok {
		return fmt.Sprintf("%.0f%%", r*100)
	}
	return "-"
}

// ledgerFlags are the flags of "ledger".
type ledgerFlags struct {
	periodFlags
	json     bool
	compare  bool
	by       string
	items    bool
	outcomes string
}

func newLedgerCmd(c *call) *cobra.Command {
	var f ledgerFlags
	cmd := &cobra.Command{
		Use:               "ledger [HANDLE]",
		ValidArgsFunction: c.completeHandle,
		Short:             "the trust ledger: promises kept both ways",
		Long: `Prints the trust ledger, both ways: my promises to each person and theirs to
me, each counted once as kept, kept late, slipped, overdue, dropped or open,
judged against its effective due date (a date moved on or before the day it
was due is renegotiated, and moves the bar; one moved after it had passed
slipped, and does not). Keep rate = kept ÷ (kept + kept late + slipped +
overdue); renegotiated counts the promises moved in time, whatever came of
them. Every active person and a team line when no HANDLE.

--compare puts the previous period of the same length beside the range
(the last 90 days when no --since), with the change of each keep rate.
--by month or --by quarter gives a row per period (the last 12 months or 4
quarters when no --since). --items lists the promises behind the figures,
with their due-date history; --outcome keeps some outcomes only.`,
		GroupID: groupPromises,
		Args:    args(0, 1, ""),
		RunE:    func(cmd *cobra.Command, args []string) error { return runLedger(c, cmd, args, f) },
	}
	f.add(cmd, "only commitments due (or done) from `YYYY-MM-DD` on", "only commitments due (or done) up to `YYYY-MM-DD`")
	cmd.Flags().BoolVar(&f.json, "json", false, "print JSON")
	cmd.Flags().BoolVar(&f.compare, "compare", false, "show the previous period beside, with the change")
	cmd.Flags().StringVar(&f.by, "by", "", "a row per `month` or quarter")
	cmd.Flags().BoolVar(&f.items, "items", false, "list the promises behind the figures")
	cmd.Flags().StringVar(&f.outcomes, "outcome", "", "with --items, only these `OUTCOMES` (kept, late, slipped, overdue, dropped, open; comma-separated)")
	c.todayFlag(cmd)
	return cmd
}

func runLedger(c *call, cmd *cobra.Command, args []string, f ledgerFlags) error {
	today, err := c.todayDate()
	if err != nil {
		return err
	}
	from, to, err := period(f.since, f.until)
	if err != nil {
		return err
	}
	var outcomes []journal.Outcome
	if f.outcomes != "" {
		if !f.items {
			return usagef(cmd, "--outcome goes with --items")
		}
		for _, s := range strings.Split(f.outcomes, ",") {
			o, ok := journal.ParseOutcome(s)
			if !ok {
				return usagef(cmd, "unknown outcome %q: use kept, late, slipped, overdue, dropped or open", strings.TrimSpace(s))
			}
			outcomes = append(outcomes, o)
		}
	}
	var periods []journal.Period
	switch f.by {
	case "":
	case "month", "months", "quarter", "quarters":
		if f.compare || f.items {
			return usagef(cmd, "--by does not go with --compare or --items")
		}
		if to == 0 {
			to = today
		}
		if from == 0 {
			tt := to.Time()
			if strings.HasPrefix(f.by, "month") {
				from = journal.NewDate(tt.Year(), tt.Month()-11, 1)
			} else {
				from = journal.NewDate(tt.Year(), tt.Month()-9-(tt.Month()-1)%3, 1)
			}
		}
		if strings.HasPrefix(f.by, "month") {
			periods = journal.Months(from, to)
		} else {
			periods = journal.Quarters(from, to)
		}
	default:
		return usagef(cmd, "--by %q: use month or quarter", f.by)
	}
	if f.compare {
		if f.items {
			return usagef(cmd, "--compare does not go with --items")
		}
		if to == 0 {
			to = today
		}
		if from == 0 {
			from = to.AddDays(-89)
		}
	}

	j, err := c.open(true)
	if err != nil {
		return err
	}
	defer j.Close()
	var people []journal.Person
	if len(args) == 1 {
		p, err := person(j, args[0])
		if err != nil {
			return err
		}
		people = []journal.Person{p}
	} else if people, err = j.People(false); err != nil {
		return err
	}
	if f.items {
		return ledgerItems(c, j, people, len(args) == 0, from, to, today, outcomes, f.json)
	}

	cur := journal.Period{From: from, To: to}
	prev, hasPrev := cur.Previous()
	type row struct {
		view         ledgerJSON
		now, before  journal.Ledger
		periods      []journal.Ledger
		handle, name string
		team         bool
	}
	var rows []row
	build := func(handle, name string, team bool) error {
		want := []journal.Period{cur}
		if f.compare && hasPrev {
			want = append(want, prev)
		}
		want = append(want, periods...)
		ls, err := j.Ledgers(handle, want, today)
		if err != nil {
			return err
		}
		r := row{now: ls[0], handle: handle, name: name, team: team}
		v := ledgerJSON{Person: handle, Name: name, Team: team, From: from, To: to, Mine: sideView(ls[0].Mine), Theirs: sideView(ls[0].Theirs)}
		rest := ls[1:]
		if f.compare && hasPrev {
			r.before = ls[1]
			pv := periodView(ls[1])
			v.Previous = &pv
			ch := changeJSON{}
			if c := ls[0].Mine.ChangeFrom(ls[1].Mine); c.Known {
				ch.Mine = &c.Points
			}
			if c := ls[0].Theirs.ChangeFrom(ls[1].Theirs); c.Known {
				ch.Theirs = &c.Points
			}
			v.Change = &ch
			rest = ls[2:]
		}
		for _, l := range rest {
			v.Periods = append(v.Periods, periodView(l))
		}
		r.periods = rest
		r.view = v
		rows = append(rows, r)
		return nil
	}
	for _, p := range people {
		if err := build(p.Handle, p.Name, false); err != nil {
			return err
		}
	}
	if len(args) == 0 && len(people) > 0 {
		if err := build("", "team", true); err != nil {
			return err
		}
	}
	if f.json {
		out := make([]ledgerJSON, 0, len(rows))
		for _, r := range rows {
			out = append(out, r.view)
		}
		return c.writeJSON(out)
	}

	who := func(r row) string {
		if r.team {
			return "team"
		}
		return r.handle
	}
	sides := func(l journal.Ledger) []struct {
		label string
		s     journal.LedgerSide
	} {
		return []struct {
			label string
			s     journal.LedgerSide
		}{{"mine", l.Mine}, {"theirs", l.Theirs}}
	}
	counts := func(s journal.LedgerSide) string {
		return fmt.Sprintf("%d\t%d\t%d\t%d\t%d\t%d\t%d\t%s", s.Kept, s.KeptLate, s.Slipped, s.Overdue, s.Dropped, s.Open, s.Renegotiated, rateText(s))
	}
	const cols = "KEPT\tKEPT LATE\tSLIPPED\tOVERDUE\tDROPPED\tOPEN\tRENEGOTIATED\tKEEP RATE"
	switch {
	case len(periods) > 0:
		fmt.Fprintf(c.env.Stdout, "By %s, %s to %s.\n\n", strings.TrimSuffix(f.by, "s"), from, to)
		return c.printTable(len(rows), "No people yet.", "PERIOD\tPERSON\tPROMISES\t"+cols, func(w io.Writer) {
			for _, r := range rows {
				for i, l := range r.periods {
					for _, side := range sides(l) {
						fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", periodLabel(periods[i], f.by), who(r), side.label, counts(side.s))
					}
				}
			}
		})
	case f.compare:
		if hasPrev {
			fmt.Fprintf(c.env.Stdout, "%s to %s, beside the previous period %s to %s.\n\n", from, to, prev.From, prev.To)
		}
		return c.printTable(len(rows), "No people yet.", "PERSON\tPROMISES\t"+cols+"\tBEFORE\tCHANGE", func(w io.Writer) {
			for _, r := range rows {
				for i, side := range sides(r.now) {
					before := sides(r.before)[i].s
					fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", who(r), side.label, counts(side.s), rateText(before), side.s.ChangeFrom(before).String())
				}
			}
		})
	}
	return c.printTable(len(rows), "No people yet.", "PERSON\tPROMISES\t"+cols, func(w io.Writer) {
		for _, r := range rows {
			for _, side := range sides(r.now) {
				fmt.Fprintf(w, "%s\t%s\t%s\n", who(r), side.label, counts(side.s))
			}
		}
	})
}

// periodLabel names a month ("2026-11") or a quarter ("2026 Q4").
func periodLabel(p journal.Period, by string) string {
	t := p.From.Time()
	if strings.HasPrefix(by, "month") {
		return t.Format("2006-01")
	}
	return fmt.Sprintf("%d Q%d", t.Year(), (int(t.Month())-1)/3+1)
}

// ledgerItems lists the commitments behind the ledger's figures.
func ledgerItems(c *call, j *journal.Journal, people []journal.Person, everyone bool, from, to, today journal.Date, outcomes []journal.Outcome, asJSON bool) error {
	handle := ""
	if !everyone {
		handle = people[0].Handle
	}
	items, err := j.LedgerItems(handle, from, to, today, outcomes...)
	if err != nil {
		return err
	}
	if everyone {
		// Archived people's promises are left out, as in the ledger's rows.
		active := map[string]bool{}
		for _, p := range people {
			active[p.Handle] = true
		}
		kept := items[:0]
		for _, it := range items {
			if active[it.Person] {
				kept = append(kept, it)
			}
		}
		items = kept
	}
	if asJSON {
		return c.writeJSON(itemViews(items, today))
	}
	return c.printTable(len(items), "No promises in the range.", "PERSON\tOWNER\tOUTCOME\tDUE\tDONE\tHISTORY\tID\tTEXT", func(w io.Writer) {
		for _, it := range items {
			done := "-"
			if !it.Done.IsZero() {
				done = it.Done.String()
			}
			due := "-"
			if d := it.EffectiveDue(); !d.IsZero() {
				due = d.String()
			}
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t^%s\t%s\n", it.Person, it.Owner, it.Outcome(today), due, done,
				historyText(it), it.ID, truncate(it.DisplayText(), 60))
		}
	})
}

// historyText writes an item's due dates with the day each was set:
// "2026-12-11 → 2026-12-20 (12-16, slipped)".
func historyText(it journal.Item) string {
	if len(it.History) < 2 {
		return "-"
	}
	var b strings.Builder
	b.WriteString(it.History[0].Due.String())
	for _, mv := range it.Moves() {
		kind := "renegotiated"
		if mv.Slip() {
			kind = "slipped"
		}
		fmt.Fprintf(&b, " → %s (%s %s)", mv.To, kind, mv.On)
	}
	return b.String()
}
