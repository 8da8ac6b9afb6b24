package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/oneonone/1on1/journal"
)

const dueAbout = `Lists the open commitments that need attention as of today: overdue first
(promises not met), then due within 3 days, then undated. Each line shows the
owner, the person, the due date, days overdue, how many notes carried it, the
meeting it was last written in and its id for done/drop/redate.`

func runDue(c *call) error {
	fs := c.flags("[--person H] [--mine|--theirs] [--today D] [--json]", dueAbout, true)
	who := fs.String("person", "", "only commitments with this person")
	mine := fs.Bool("mine", false, "only my commitments")
	theirs := fs.Bool("theirs", false, "only their commitments")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := c.parseArgs(fs, 0, 0, ""); err != nil {
		return err
	}
	if *mine && *theirs {
		return usagef(c.name, "give --mine or --theirs, not both")
	}
	today, j, err := c.openToday(true)
	if err != nil {
		return err
	}
	defer j.Close()
	var f journal.ItemFilter
	if *who != "" {
		p, err := person(j, *who)
		if err != nil {
			return err
		}
		f.Person = p.Handle
	}
	switch {
	case *mine:
		f.Owner = journal.Me
	case *theirs:
		f.Owner = journal.Them
	}
	items, err := j.Flagged(today, f)
	if err != nil {
		return err
	}
	if *asJSON {
		return c.writeJSON(itemViews(items, today))
	}
	empty := "Nothing flagged: no open commitment is overdue, due soon or undated."
	header := "FLAG\tOWNER\tPERSON\tDUE\tOVERDUE\tCARRIED\tMEETING\tID\tCOMMITMENT"
	return c.printTable(len(items), empty, header, func(w io.Writer) {
		for _, it := range items {
			fl := it.Flags(today)
			flag := "undated"
			switch {
			case fl.Has(journal.FlagOverdue):
				flag = "overdue"
			case fl.Has(journal.FlagDueSoon):
				flag = "due soon"
			}
			due, over := "-", "-"
			if !it.Due.IsZero() {
				due = it.Due.String()
			}
			if n := it.DaysOverdue(today); n > 0 {
				over = fmt.Sprintf("%dd", n)
			}
			carried := "-"
			if it.Carried > 1 {
				carried = fmt.Sprintf("%d×", it.Carried)
			}
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t^%s\t%s\n", flag, it.Owner, it.Person, due, over, carried,
				it.Meeting, it.ID, truncate(it.Text, 70))
		}
	})
}

func runFollowUps(c *call) error {
	fs := c.flags("[HANDLE] [--json]", "Lists the open follow-ups to raise at the next 1:1, oldest first.", true)
	asJSON := fs.Bool("json", false, "print JSON")
	if err := c.parseArgs(fs, 0, 1, ""); err != nil {
		return err
	}
	today, j, err := c.openToday(true)
	if err != nil {
		return err
	}
	defer j.Close()
	handle := ""
	if len(c.pos) == 1 {
		p, err := person(j, c.pos[0])
		if err != nil {
			return err
		}
		handle = p.Handle
	}
	items, err := j.OpenFollowUps(handle)
	if err != nil {
		return err
	}
	if *asJSON {
		return c.writeJSON(itemViews(items, today))
	}
	return c.printTable(len(items), "No open follow-ups.", "PERSON\tSINCE\tMEETING\tID\tFOLLOW-UP", func(w io.Writer) {
		for _, it := range items {
			fmt.Fprintf(w, "%s\t%s\t%s\t^%s\t%s\n", it.Person, it.FirstSeen, it.Meeting, it.ID, truncate(it.Text, 70))
		}
	})
}

// runAction returns the verb that ticks, drops or re-opens one item.
func runAction(name string) func(c *call) error {
	action := map[string]journal.Action{"done": journal.ActionDone, "drop": journal.ActionDrop, "reopen": journal.ActionReopen}[name]
	about := map[string]string{
		"done":   "Ticks a commitment or follow-up: its line in the latest note that holds it becomes - [x] with done:<today>.",
		"drop":   "Drops a commitment openly: its line becomes - [-]. A dropped promise is never counted as broken.",
		"reopen": "Re-opens a done or dropped item: its line becomes - [ ] and loses its done date.",
	}[name]
	return func(c *call) error {
		fs := c.flags("ITEM-ID [--today D]", about+"\nIds are shown by 'due' and 'followups', with or without the ^.", true)
		asJSON := fs.Bool("json", false, "print the changed item as JSON")
		if err := c.parseArgs(fs, 1, 1, "ITEM-ID"); err != nil {
			return err
		}
		return changeItem(c, c.pos[0], journal.Change{Action: action}, *asJSON)
	}
}

func runRedate(c *call) error {
	fs := c.flags("ITEM-ID DATE [--today D]", `Sets the due date of a commitment, rewriting its line with due:DATE.
DATE is YYYY-MM-DD or a phrase resolved against today: friday, tomorrow,
next week, end of month, dec 3, in 2 weeks.`, true)
	asJSON := fs.Bool("json", false, "print the changed item as JSON")
	if err := c.parseArgs(fs, 2, -1, "ITEM-ID and DATE"); err != nil {
		return err
	}
	today, err := c.todayDate()
	if err != nil {
		return err
	}
	phrase := strings.Join(c.pos[1:], " ")
	due, ok := journal.ResolveDue(strings.TrimPrefix(strings.TrimSpace(phrase), "by "), today)
	if !ok {
		return fmt.Errorf("bad date %q: use YYYY-MM-DD or a phrase like friday, next week, end of month, dec 3", phrase)
	}
	return changeItem(c, c.pos[0], journal.Change{Action: journal.ActionRedate, Due: due}, *asJSON)
}

func changeItem(c *call, rawID string, ch journal.Change, asJSON bool) error {
	today, j, err := c.openToday(false)
	if err != nil {
		return err
	}
	defer j.Close()
	id := itemID(rawID)
	if _, err := j.Item(id); errors.Is(err, journal.ErrNotFound) {
		return fmt.Errorf("no item ^%s; ids are listed by '1on1 due' and '1on1 followups'", id)
	} else if err != nil {
		return err
	}
	it, err := j.ChangeItem(id, ch, today)
	if errors.Is(err, journal.ErrNotFound) {
		return fmt.Errorf("no item ^%s; ids are listed by '1on1 due' and '1on1 followups'", id)
	}
	if err != nil {
		return err
	}
	if asJSON {
		return c.writeJSON(itemView(it, today))
	}
	what := map[journal.Action]string{journal.ActionDone: "done", journal.ActionDrop: "dropped",
		journal.ActionReopen: "re-opened", journal.ActionRedate: "due " + ch.Due.String()}[ch.Action]
	fmt.Fprintf(c.env.Stdout, "%s: ^%s %s (%s, meeting %s)\n", what, it.ID, truncate(it.Text, 70), it.Person, it.Meeting)
	return nil
}
