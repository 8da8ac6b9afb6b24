package cli

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/oneonone/1on1/journal"
	"github.com/spf13/cobra"
)

const dueAbout = `Lists the open commitments that need attention as of today: overdue first
(promises not met), then due within 3 days, then undated. Each line shows the
owner, the person, the due date, days overdue, how many notes carried it, the
meeting it was last written in and its id for done/drop/redate.`

func init() {
	addVerb(newDueCmd)
	addVerb(newFollowUpsCmd)
	for _, name := range []string{"done", "drop", "reopen"} {
		name := name
		addVerb(func(c *call) *cobra.Command { return newActionCmd(c, name) })
	}
	addVerb(newRedateCmd)
}

// dueFlags are the flags of "due".
type dueFlags struct {
	person             string
	mine, theirs, json bool
}

func newDueCmd(c *call) *cobra.Command {
	var f dueFlags
	cmd := &cobra.Command{
		Use:     "due",
		Short:   "flagged commitments: overdue, due soon, undated",
		Long:    dueAbout,
		GroupID: groupPromises,
		Args:    args(0, 0, ""),
		RunE:    func(cmd *cobra.Command, args []string) error { return runDue(c, cmd, f) },
	}
	fs := cmd.Flags()
	fs.StringVar(&f.person, "person", "", "only commitments with the person `HANDLE`")
	cmd.RegisterFlagCompletionFunc("person", c.completePersonFlag)
	fs.BoolVar(&f.mine, "mine", false, "only my commitments")
	fs.BoolVar(&f.theirs, "theirs", false, "only their commitments")
	fs.BoolVar(&f.json, "json", false, "print JSON")
	c.todayFlag(cmd)
	return cmd
}

func runDue(c *call, cmd *cobra.Command, fl dueFlags) error {
	who, mine, theirs, asJSON := &fl.person, &fl.mine, &fl.theirs, &fl.json
	if *mine && *theirs {
		return usagef(cmd, "give --mine or --theirs, not both")
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
		// Thousands of rows on a large journal: appended field by field,
		// without a format string or a string per date.
		var row []byte
		texts := journal.DisplayTexts(items)
		for i, it := range items {
			fl := it.Flags(today)
			flag := "undated"
			switch {
			case fl.Has(journal.FlagOverdue):
				flag = "overdue"
			case fl.Has(journal.FlagDueSoon):
				flag = "due soon"
			}
			row = append(append(row[:0], flag...), '\t')
			row = append(append(row, it.Owner.String()...), '\t')
			row = append(append(row, it.Person...), '\t')
			if it.Due.IsZero() {
				row = append(row, '-')
			} else {
				row = it.Due.Append(row)
			}
			row = append(row, '\t')
			if n := it.DaysOverdue(today); n > 0 {
				row = append(strconv.AppendInt(row, int64(n), 10), 'd')
			} else {
				row = append(row, '-')
			}
			row = append(row, '\t')
			if it.Carried > 1 {
				row = append(strconv.AppendInt(row, int64(it.Carried), 10), "×"...)
			} else {
				row = append(row, '-')
			}
			row = append(it.Meeting.Append(append(row, '\t')), "\t^"...)
			row = append(append(row, it.ID...), '\t')
			row = append(append(row, truncate(texts[i], 70)...), '\n')
			w.Write(row)
		}
	})
}

func newFollowUpsCmd(c *call) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:               "followups [HANDLE]",
		ValidArgsFunction: c.completeHandle,
		Short:             "open follow-ups to raise next time",
		Long:              "Lists the open follow-ups to raise at the next 1:1, oldest first.",
		GroupID:           groupPromises,
		Args:              args(0, 1, ""),
		RunE:              func(cmd *cobra.Command, args []string) error { return runFollowUps(c, args, asJSON) },
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	c.todayFlag(cmd)
	return cmd
}

func runFollowUps(c *call, args []string, asJSON bool) error {
	today, j, err := c.openToday(true)
	if err != nil {
		return err
	}
	defer j.Close()
	handle := ""
	if len(args) == 1 {
		p, err := person(j, args[0])
		if err != nil {
			return err
		}
		handle = p.Handle
	}
	items, err := j.OpenFollowUps(handle)
	if err != nil {
		return err
	}
	if asJSON {
		return c.writeJSON(itemViews(items, today))
	}
	return c.printTable(len(items), "No open follow-ups.", "PERSON\tSINCE\tMEETING\tID\tFOLLOW-UP", func(w io.Writer) {
		for _, it := range items {
			fmt.Fprintf(w, "%s\t%s\t%s\t^%s\t%s\n", it.Person, it.FirstSeen, it.Meeting, it.ID, truncate(it.DisplayText(), 70))
		}
	})
}

// newActionCmd returns the verb that ticks, drops or re-opens one item.
func newActionCmd(c *call, name string) *cobra.Command {
	action := map[string]journal.Action{"done": journal.ActionDone, "drop": journal.ActionDrop, "reopen": journal.ActionReopen}[name]
	about := map[string]string{
		"done":   "Ticks a commitment or follow-up: its line in the latest note that holds it becomes - [x] with done:<today>.",
		"drop":   "Drops a commitment openly: its line becomes - [-]. A dropped promise is never counted as broken.",
		"reopen": "Re-opens a done or dropped item: its line becomes - [ ] and loses its done date.",
	}[name]
	short := map[string]string{
		"done":   "tick a commitment or follow-up in its note",
		"drop":   "drop a commitment openly (- [-])",
		"reopen": "re-open a done or dropped item",
	}[name]
	var asJSON bool
	cmd := &cobra.Command{
		Use:               name + " ITEM-ID",
		ValidArgsFunction: c.completeOpenItem,
		Short:             short,
		Long: about + "\nIds are shown by 'due' and 'followups', with or without the ^. An id belongs to one\n" +
			"person: when two people's notes use it, say whose as HANDLE/ID (ana/^c7f3).",
		GroupID: groupPromises,
		Args:    args(1, 1, "ITEM-ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return changeItem(c, args[0], journal.Change{Action: action}, asJSON)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the changed item as JSON")
	c.todayFlag(cmd)
	if name == "reopen" {
		cmd.ValidArgsFunction = c.completeClosedItem
	}
	return cmd
}

func newRedateCmd(c *call) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:               "redate ITEM-ID DATE",
		ValidArgsFunction: c.completeOpenItem,
		Short:             "set an item's due date (2026-12-01, friday, next week…)",
		Long: `Sets the due date of a commitment, rewriting its line with due:DATE.
DATE is YYYY-MM-DD or a phrase resolved against today: friday, tomorrow,
next week, end of month, dec 3, in 2 weeks.`,
		GroupID: groupPromises,
		Args:    args(2, -1, "ITEM-ID and DATE"),
		RunE:    func(cmd *cobra.Command, args []string) error { return runRedate(c, args, asJSON) },
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the changed item as JSON")
	c.todayFlag(cmd)
	return cmd
}

func runRedate(c *call, args []string, asJSON bool) error {
	today, err := c.todayDate()
	if err != nil {
		return err
	}
	phrase := strings.Join(args[1:], " ")
	due, ok := journal.ResolveDue(strings.TrimPrefix(strings.TrimSpace(phrase), "by "), today)
	if !ok {
		return fmt.Errorf("bad date %q: use YYYY-MM-DD or a phrase like friday, next week, end of month, dec 3", phrase)
	}
	return changeItem(c, args[0], journal.Change{Action: journal.ActionRedate, Due: due}, asJSON)
}

func changeItem(c *call, rawID string, ch journal.Change, asJSON bool) error {
	today, j, err := c.openToday(false)
	if err != nil {
		return err
	}
	defer j.Close()
	handle, id := itemRef(rawID)
	ch.Person = handle
	var amb *journal.AmbiguousError
	it, err := j.ChangeItem(id, ch, today)
	switch {
	case errors.Is(err, journal.ErrNotFound) && handle != "":
		return notFoundf("no item ^%s in the notes of %s; ids are listed by '1on1 due' and '1on1 followups'", id, handle)
	case errors.Is(err, journal.ErrNotFound):
		return notFoundf("no item ^%s; ids are listed by '1on1 due' and '1on1 followups'", id)
	case errors.As(err, &amb):
		verb := map[journal.Action]string{journal.ActionDone: "done", journal.ActionDrop: "drop",
			journal.ActionReopen: "reopen", journal.ActionRedate: "redate"}[ch.Action]
		return fmt.Errorf("%w, e.g. '1on1 %s %s/^%s' (an id belongs to one person)", err, verb, amb.People[0], id)
	case err != nil:
		return err
	}
	if asJSON {
		return c.writeJSON(itemView(it, today))
	}
	what := map[journal.Action]string{journal.ActionDone: "done", journal.ActionDrop: "dropped",
		journal.ActionReopen: "re-opened", journal.ActionRedate: "due " + ch.Due.String()}[ch.Action]
	fmt.Fprintf(c.env.Stdout, "%s: ^%s %s (%s, meeting %s)\n", what, it.ID, truncate(it.DisplayText(), 70), it.Person, it.Meeting)
	return nil
}
