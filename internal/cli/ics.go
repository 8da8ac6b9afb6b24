package cli

import (
	"fmt"
	"io"

	"github.com/oneonone/1on1/internal/atomicfile"
	"github.com/oneonone/1on1/journal"
	"github.com/spf13/cobra"
)

func init() { addVerb(newICSCmd) }

type icsFlags struct {
	out  string
	mine bool
}

func newICSCmd(c *call) *cobra.Command {
	var f icsFlags
	cmd := &cobra.Command{
		Use:   "ics [--out FILE] [--mine]",
		Short: "an iCalendar file of dated promises and the next 1:1s",
		Long: `Writes an iCalendar file (RFC 5545) with an all-day event on the due date
of every open dated commitment — "alice → me: …" and "me → alice: …" — and
one for each person's next 1:1 (last meeting + cadence; today when already
due). Every event keeps its UID from run to run, so a calendar that
subscribes to the file (or re-imports it) moves events instead of adding
copies. --mine leaves out the other side's promises.

Without --out the calendar goes to standard output; --out writes it
atomically, so a calendar app reading the file never sees half of it:

  1on1 ics --out ~/calendars/1on1.ics   # e.g. from cron, every morning`,
		GroupID: groupPromises,
		Args:    args(0, 0, ""),
		RunE:    func(cmd *cobra.Command, args []string) error { return runICS(c, f) },
	}
	cmd.Flags().StringVar(&f.out, "out", "", "write the calendar to `FILE` instead of standard output")
	cmd.Flags().BoolVar(&f.mine, "mine", false, "only my commitments (and the 1:1s)")
	c.todayFlag(cmd)
	return cmd
}

func runICS(c *call, f icsFlags) error {
	today, j, err := c.openToday(true)
	if err != nil {
		return err
	}
	defer j.Close()
	opts := journal.CalendarOptions{Mine: f.mine}
	if f.out == "" {
		// The calendar's text is one printable line per property: the
		// journal replaced every control character.
		return j.WriteCalendar(c.env.raw(), today, opts)
	}
	err = atomicfile.WriteFrom(f.out, atomicfile.Options{}, func(w io.Writer) error {
		return j.WriteCalendar(w, today, opts)
	})
	if err != nil {
		return fmt.Errorf("calendar: %w", err)
	}
	_, err = fmt.Fprintf(c.env.Stdout, "Wrote %s\n", f.out)
	return err
}
