package cli

import (
	"errors"
	"fmt"
	"time"

	"github.com/oneonone/1on1/internal/tui"
)

// runTUI opens the journal in the terminal app. Without a terminal it says
// so instead of drawing a screen nobody sees.
func runTUI(c *call) error {
	if !c.env.StdinTTY || !c.env.StdoutTTY {
		return errors.New("the app needs a terminal; in scripts use a verb such as '1on1 due' (see '1on1 help')")
	}
	today, err := c.todayDate()
	if err != nil {
		return err
	}
	j, err := c.openQuietly(false)
	if err != nil {
		return err
	}
	defer j.Close()
	// A daily safety copy, before anything can change; a failure is worth
	// a warning, not a refusal to start.
	if _, err := j.AutoBackup(c.env.now()); err != nil {
		fmt.Fprintf(c.env.Stderr, "1on1: warning: daily backup failed: %v\n", oneLine(err.Error()))
	}
	now := c.env.now
	if c.today != "" || c.env.getenv("ONEONONE_TODAY") != "" {
		// A pinned day keeps the clock's time of day, so the app still
		// sees time pass within it.
		now = func() time.Time {
			t := c.env.now()
			d := today.Time()
			return time.Date(d.Year(), d.Month(), d.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
		}
	}
	return tui.Run(j, tui.Config{Now: now})
}
