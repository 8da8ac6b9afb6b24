package cli

import (
	"fmt"
	"io"

	"github.com/oneonone/1on1/journal"
	"github.com/spf13/cobra"
)

func init() { addVerb(newWeekCmd) }

func newWeekCmd(c *call) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "week [--json]",
		Short: "the next seven days: overdue, then 1:1s and promises due, day by day",
		Long: `Shows the week ahead from today: first what is already overdue (promises
not met, 1:1s past their cadence), then each of the seven days with the 1:1s
that fall due (last meeting + cadence) and the commitments due in both
directions, grouped by person.`,
		GroupID: groupPromises,
		Args:    args(0, 0, ""),
		RunE:    func(cmd *cobra.Command, args []string) error { return runWeek(c, asJSON) },
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	c.todayFlag(cmd)
	return cmd
}

// weekPersonJSON is one person's part of a day, or of the overdue part.
type weekPersonJSON struct {
	Person   string       `json:"person"`
	Name     string       `json:"name"`
	OneOnOne journal.Date `json:"one_on_one_due,omitempty"`
	Mine     []itemJSON   `json:"mine"`
	Theirs   []itemJSON   `json:"theirs"`
}

type weekDayJSON struct {
	Date    journal.Date     `json:"date"`
	Weekday string           `json:"weekday"`
	People  []weekPersonJSON `json:"people"`
}

type weekJSON struct {
	Today   journal.Date     `json:"today"`
	Overdue []weekPersonJSON `json:"overdue"`
	Days    []weekDayJSON    `json:"days"`
}

func weekPeopleView(ps []journal.WeekPerson, today journal.Date) []weekPersonJSON {
	out := make([]weekPersonJSON, 0, len(ps))
	for _, p := range ps {
		out = append(out, weekPersonJSON{
			Person: p.Person.Handle, Name: p.Person.Name, OneOnOne: p.OneOnOne,
			Mine: itemViews(p.Mine, today), Theirs: itemViews(p.Theirs, today),
		})
	}
	return out
}

func runWeek(c *call, asJSON bool) error {
	today, j, err := c.openToday(true)
	if err != nil {
		return err
	}
	defer j.Close()
	w, err := j.Week(today)
	if err != nil {
		return err
	}
	if asJSON {
		v := weekJSON{Today: w.Today, Overdue: weekPeopleView(w.Overdue, today), Days: []weekDayJSON{}}
		for _, d := range w.Days {
			v.Days = append(v.Days, weekDayJSON{Date: d.Date, Weekday: d.Date.Weekday().String(), People: weekPeopleView(d.People, today)})
		}
		return c.writeJSON(v)
	}
	keeper, err := j.Keeper()
	if err != nil {
		return err
	}
	out := c.env.Stdout
	last := w.Days[len(w.Days)-1].Date
	fmt.Fprintf(out, "The week from %s to %s\n", dayName(today, today), dayName(last, today))
	if len(w.Overdue) > 0 {
		fmt.Fprintln(out, "\nOverdue")
		writeWeekPeople(out, w.Overdue, today, keeper)
	}
	for _, d := range w.Days {
		fmt.Fprintf(out, "\n%s\n", dayName(d.Date, today))
		if d.Empty() {
			fmt.Fprintln(out, "  nothing due")
			continue
		}
		writeWeekPeople(out, d.People, today, keeper)
	}
	return nil
}

// dayName is "Mon 2026-11-30", with "(today)" or "(tomorrow)" when it is.
func dayName(d, today journal.Date) string {
	s := d.Weekday().String()[:3] + " " + d.String()
	switch d {
	case today:
		s += " (today)"
	case today.AddDays(1):
		s += " (tomorrow)"
	}
	return s
}

func writeWeekPeople(w io.Writer, ps []journal.WeekPerson, today journal.Date, keeper journal.Keeper) {
	for _, p := range ps {
		fmt.Fprintf(w, "  %s (%s)\n", p.Person.Name, p.Person.Handle)
		switch {
		case p.OneOnOne.IsZero():
		case p.OneOnOne < today:
			n := int(today - p.OneOnOne)
			fmt.Fprintf(w, "    1:1 due since %s (%s)\n", p.OneOnOne, ageText(n))
		default:
			fmt.Fprintln(w, "    1:1 due")
		}
		line := func(it journal.Item, arrow string) {
			tail := ""
			if n := it.DaysOverdue(today); n > 0 {
				tail = fmt.Sprintf(" — due %s, %s overdue", it.Due, ageText(n))
			}
			fmt.Fprintf(w, "    %s %s%s  ^%s\n", arrow, it.ListText(p.Person, keeper), tail, it.ID)
		}
		for _, it := range p.Theirs {
			line(it, p.Person.Handle+" → me:")
		}
		for _, it := range p.Mine {
			line(it, "me → "+p.Person.Handle+":")
		}
	}
}
