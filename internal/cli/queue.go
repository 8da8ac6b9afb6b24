package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/oneonone/1on1/journal"
	"github.com/spf13/cobra"
)

// topic and tell: the two queues of the weekly loop (SPEC 4.6).
func init() {
	addVerb(func(c *call) *cobra.Command { return newQueueCmd(c, journal.QueueTopic) })
	addVerb(func(c *call) *cobra.Command { return newQueueCmd(c, journal.QueueFeedback) })
}

type queueFlags struct {
	remove string
	json   bool
}

func newQueueCmd(c *call, kind journal.QueueKind) *cobra.Command {
	var f queueFlags
	use, short, long := "topic HANDLE [TEXT…]", "queue a topic for the next 1:1, or list the queue",
		`With TEXT, queues a topic to raise at the next 1:1 with a person; the
next meeting's template lists it under "To discuss", and it leaves the queue
when that note is saved (and comes back if the note is deleted).
Without TEXT, lists the topics waiting, numbered. --remove takes one off by
its number or id.`
	if kind == journal.QueueFeedback {
		use, short, long = "tell HANDLE [TEXT…]", "queue feedback to give at the next 1:1, or list it",
			`With TEXT, queues feedback to give at the next 1:1 with a person — praise
noticed in a review, a correction — so it is not forgotten by the time you
meet; the next meeting's template lists it first, under "Feedback to give",
with its age. It leaves the queue when that note is saved.
Without TEXT, lists the feedback waiting, numbered. --remove takes one off
by its number or id.`
	}
	cmd := &cobra.Command{
		Use:               use,
		Short:             short,
		Long:              long,
		GroupID:           groupNotes,
		Args:              args(1, -1, "HANDLE"),
		ValidArgsFunction: c.completeHandle,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runQueue(c, cmd, kind, args[0], strings.Join(args[1:], " "), f)
		},
	}
	cmd.Flags().StringVar(&f.remove, "remove", "", "take an entry off the queue by its `N` (from the list) or id")
	cmd.Flags().BoolVar(&f.json, "json", false, "print JSON")
	c.todayFlag(cmd)
	return cmd
}

// queuedJSON is a queued entry as scripts read it.
type queuedJSON struct {
	ID      string       `json:"id"`
	Person  string       `json:"person"`
	Kind    string       `json:"kind"`
	Text    string       `json:"text"`
	Added   journal.Date `json:"added,omitempty"`
	AgeDays int          `json:"age_days"`
}

func queuedView(q journal.Queued, today journal.Date) queuedJSON {
	return queuedJSON{ID: q.ID, Person: q.Person, Kind: q.Kind.String(), Text: q.Text, Added: q.Added, AgeDays: q.Age(today)}
}

func runQueue(c *call, cmd *cobra.Command, kind journal.QueueKind, handle, text string, f queueFlags) error {
	if f.remove != "" && text != "" {
		return usagef(cmd, "give TEXT to queue or --remove to take one off, not both")
	}
	today, j, p, err := c.openPerson(text == "" && f.remove == "", handle)
	if err != nil {
		return err
	}
	defer j.Close()
	what := "topic"
	if kind == journal.QueueFeedback {
		what = "feedback"
	}
	switch {
	case text != "":
		q, err := j.Queue(p.Handle, kind, text, today)
		if err != nil {
			return err
		}
		if f.json {
			return c.writeJSON(queuedView(q, today))
		}
		_, err = fmt.Fprintf(c.env.Stdout, "Queued %s for the next 1:1 with %s: %s (^%s)\n", what, p.FirstName(), q.Text, q.ID)
		return err
	case f.remove != "":
		q, err := j.Unqueue(p.Handle, kind, f.remove)
		if errors.Is(err, journal.ErrNotFound) {
			return notFoundf("no %s %q waiting for %s; see '1on1 %s %s'", what, f.remove, p.Handle, cmd.Name(), p.Handle)
		}
		if err != nil {
			return err
		}
		if f.json {
			return c.writeJSON(queuedView(q, today))
		}
		_, err = fmt.Fprintf(c.env.Stdout, "Removed %s for %s: %s\n", what, p.FirstName(), q.Text)
		return err
	}
	queued, err := j.QueuedFor(p.Handle, kind)
	if err != nil {
		return err
	}
	if f.json {
		out := make([]queuedJSON, 0, len(queued))
		for _, q := range queued {
			out = append(out, queuedView(q, today))
		}
		return c.writeJSON(out)
	}
	empty := fmt.Sprintf("Nothing queued for %s. Add one with '1on1 %s %s TEXT'.", p.FirstName(), cmd.Name(), p.Handle)
	return c.printTable(len(queued), empty, "N\tADDED\tAGE\tID\tTEXT", func(w io.Writer) {
		for i, q := range queued {
			fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\n", i+1, q.Added, ageText(q.Age(today)), q.ID, q.Text)
		}
	})
}

// ageText says how long ago something was noted, in days.
func ageText(days int) string {
	switch days {
	case 0:
		return "today"
	case 1:
		return "1 day"
	}
	return fmt.Sprintf("%d days", days)
}
