package cli

import (
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/oneonone/1on1/internal/demo"
	"github.com/spf13/cobra"
)

const demoAbout = `Fills a journal with a realistic sample: people with weekly or fortnightly
1:1s and notes whose promises were mostly kept, some late, some dropped,
some carried from one 1:1 to the next and some overdue. The same --seed and
--today give the same journal. Without flags it makes a small journal to
explore (6 people, half a year); --people 40 --years 10 makes the decade
benchmark corpus. It refuses a journal that already holds people unless
--force, which keeps the old file beside the new one as <file>.before-demo.`

func init() { addVerb(newDemoCmd) }

// demoFlags are the flags of "demo".
type demoFlags struct {
	people, years int
	seed          int64
	force         bool
}

func newDemoCmd(c *call) *cobra.Command {
	var f demoFlags
	cmd := &cobra.Command{
		Use:     "demo",
		Short:   "fill a journal with realistic sample data",
		Long:    demoAbout,
		GroupID: groupFile,
		Args:    args(0, 0, ""),
		RunE:    func(cmd *cobra.Command, args []string) error { return runDemo(c, cmd, f) },
	}
	fs := cmd.Flags()
	fs.IntVar(&f.people, "people", 6, "number of people")
	fs.IntVar(&f.years, "years", 0, "years of history (0: half a year)")
	fs.Int64Var(&f.seed, "seed", 1, "the seed; the same seed gives the same journal")
	fs.BoolVar(&f.force, "force", false, "replace a journal that already holds people")
	c.todayFlag(cmd)
	return cmd
}

func runDemo(c *call, cmd *cobra.Command, f demoFlags) error {
	people, years, seed, force := &f.people, &f.years, &f.seed, &f.force
	if *people < 1 || *people > 1000 {
		return usagef(cmd, "--people must be from 1 to 1000")
	}
	if *years < 0 || *years > 50 {
		return usagef(cmd, "--years must be from 0 to 50")
	}
	today, err := c.todayDate()
	if err != nil {
		return err
	}
	j, err := c.openQuietly(false)
	if err != nil {
		return err
	}
	path := j.Path()
	ps, err := j.People(true)
	if err != nil {
		j.Close()
		return err
	}
	if len(ps) > 0 {
		if !*force {
			j.Close()
			return fmt.Errorf("the journal at %s already holds %d people; use --db for another file, or --force to replace it (the old file is kept)", path, len(ps))
		}
		if err := j.Close(); err != nil {
			return err
		}
		kept := path + ".before-demo"
		for n := 2; exists(kept); n++ {
			kept = path + ".before-demo-" + strconv.Itoa(n)
		}
		if err := os.Rename(path, kept); err != nil {
			return fmt.Errorf("keep the old journal: %w", err)
		}
		fmt.Fprintf(c.env.Stderr, "kept the old journal as %s\n", kept)
		if j, err = c.openQuietly(false); err != nil {
			return err
		}
	}
	defer j.Close()
	pr := newProgress(c.env, "writing the demo journal")
	start := time.Now()
	st, err := demo.Generate(j, demo.Options{People: *people, Years: *years, Seed: *seed, Today: today, Progress: pr.update})
	pr.finish()
	if err != nil {
		return err
	}
	fmt.Fprintf(c.env.Stdout, "demo journal at %s: %d people, %d meetings, %d commitments, %d follow-ups (%.1fs)\n",
		path, st.People, st.Meetings, st.Commitments, st.FollowUps, time.Since(start).Seconds())
	fmt.Fprintln(c.env.Stdout, "Try: 1on1 due, 1on1 people, 1on1 ledger, or 1on1 alone to open the app.")
	return nil
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}
