package cli

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/oneonone/1on1/journal"
	"github.com/spf13/cobra"
)

func init() {
	addVerb(newPrepCmd)
	addVerb(newReviewCmd)
	addVerb(newLedgerCmd)
	addVerb(newSearchCmd)
}

func newPrepCmd(c *call) *cobra.Command {
	var ids bool
	cmd := &cobra.Command{
		Use:               "prep HANDLE",
		ValidArgsFunction: c.completeHandle,
		Short:             "the agenda for the next 1:1 with a person",
		Long: `Prints the agenda for the next 1:1 with a person as markdown: open
commitments both ways (overdue first), follow-ups, recent wins and the
ledger of the last 90 days. Rendered on a terminal, plain when piped or
with NO_COLOR.`,
		GroupID: groupNotes,
		Args:    args(1, 1, "HANDLE"),
		RunE:    func(cmd *cobra.Command, args []string) error { return runPrep(c, args[0], ids) },
	}
	c.todayFlag(cmd)
	cmd.Flags().BoolVar(&ids, "ids", false, "show each item's block id (^c7f3)")
	return cmd
}

func runPrep(c *call, handle string, ids bool) error {
	today, j, p, err := c.openPerson(true, handle)
	if err != nil {
		return err
	}
	defer j.Close()
	pr, err := j.Prep(p.Handle, today)
	if err != nil {
		return err
	}
	return c.printMarkdown(pr.Format(journal.PrepFormat{IDs: ids}))
}

// periodFlags are --since and --until.
type periodFlags struct{ since, until string }

func (f *periodFlags) add(cmd *cobra.Command, sinceHelp, untilHelp string) {
	cmd.Flags().StringVar(&f.since, "since", "", sinceHelp)
	cmd.Flags().StringVar(&f.until, "until", "", untilHelp)
}

func newReviewCmd(c *call) *cobra.Command {
	var f periodFlags
	cmd := &cobra.Command{
		Use:               "review HANDLE --since D",
		ValidArgsFunction: c.completeHandle,
		Short:             "the review packet for a person over a period",
		Long: `Prints the review packet for a person over a period as markdown: meetings,
wins, feedback, every commitment placed in the period and the ledger.`,
		GroupID: groupNotes,
		Args:    args(1, 1, "HANDLE"),
		RunE:    func(cmd *cobra.Command, args []string) error { return runReview(c, cmd, args[0], f) },
	}
	f.add(cmd, "the first day of the period, `YYYY-MM-DD` (required)", "the last day of the period, `YYYY-MM-DD` (default: today)")
	c.todayFlag(cmd)
	return cmd
}

func runReview(c *call, cmd *cobra.Command, handle string, f periodFlags) error {
	since, until := &f.since, &f.until
	if *since == "" {
		return usagef(cmd, "missing --since D")
	}
	today, err := c.todayDate()
	if err != nil {
		return err
	}
	from, err := dateFlag("since", *since)
	if err != nil {
		return err
	}
	to := today
	if *until != "" {
		if to, err = dateFlag("until", *until); err != nil {
			return err
		}
	}
	if to < from {
		return fmt.Errorf("--until %s is before --since %s", to, from)
	}
	j, p, err := c.openHandle(true, handle)
	if err != nil {
		return err
	}
	defer j.Close()
	r, err := j.Review(p.Handle, from, to, today)
	if err != nil {
		return err
	}
	return c.printMarkdown(r.Markdown())
}

type hitJSON struct {
	Meeting string       `json:"meeting"`
	Person  string       `json:"person"`
	Date    journal.Date `json:"date"`
	Line    int          `json:"line"`
	Snippet string       `json:"snippet"`
	Match   string       `json:"match"`
}

// searchFlags are the flags of "search".
type searchFlags struct {
	periodFlags
	person string
	limit  int
	json   bool
}

func newSearchCmd(c *call) *cobra.Command {
	var f searchFlags
	cmd := &cobra.Command{
		Use:               "search QUERY",
		ValidArgsFunction: noFiles,
		Short:             "find notes that hold every word",
		Long: `Finds the notes that hold every word and "quoted phrase" of QUERY, newest
first. A word also finds longer words it begins ("deck" finds "decks").`,
		GroupID: groupNotes,
		Args:    args(1, -1, "QUERY"),
		RunE:    func(cmd *cobra.Command, args []string) error { return runSearch(c, cmd, args, f) },
	}
	cmd.Flags().StringVar(&f.person, "person", "", "only notes with the person `HANDLE`")
	cmd.RegisterFlagCompletionFunc("person", c.completePersonFlag)
	f.add(cmd, "only notes from `YYYY-MM-DD` on", "only notes up to `YYYY-MM-DD`")
	cmd.Flags().IntVar(&f.limit, "limit", 50, "most notes listed; 0 lists every match")
	cmd.Flags().BoolVar(&f.json, "json", false, "print JSON")
	return cmd
}

func runSearch(c *call, cmd *cobra.Command, args []string, f searchFlags) error {
	who, since, until, limit, asJSON := &f.person, &f.since, &f.until, &f.limit, &f.json
	if *limit < 0 {
		return usagef(cmd, "--limit must be 0 (every match) or more")
	}
	from, to, err := period(*since, *until)
	if err != nil {
		return err
	}
	j, err := c.open(true)
	if err != nil {
		return err
	}
	defer j.Close()
	q := journal.Query{Text: strings.Join(args, " "), From: from, To: to, Limit: *limit}
	if *limit == 0 {
		q.Limit = -1 // every match
	}
	if *who != "" {
		p, err := person(j, *who)
		if err != nil {
			return err
		}
		q.Person = p.Handle
	}
	hits, err := j.Search(q)
	if err != nil {
		return err
	}
	if *asJSON {
		out := make([]hitJSON, 0, len(hits))
		for _, h := range hits {
			out = append(out, hitJSON{Meeting: h.Meeting.String(), Person: h.Person, Date: h.Date, Line: h.Line, Snippet: h.Snippet, Match: h.Match})
		}
		return c.writeJSON(out)
	}
	err = c.printTable(len(hits), "No notes match.", "DATE\tPERSON\tMEETING\tLINE\tSNIPPET", func(w io.Writer) {
		// Rows appended in place, not formatted: --limit 0 prints thousands.
		var row []byte
		for _, h := range hits {
			row = h.Date.Append(row[:0])
			row = append(append(append(row, '\t'), h.Person...), '\t')
			row = append(h.Meeting.Append(row), '\t')
			row = append(strconv.AppendInt(row, int64(h.Line), 10), '\t')
			row = append(appendTruncated(row, strings.TrimSpace(h.Snippet), 80), '\n')
			w.Write(row)
		}
	})
	if err == nil && *limit > 0 && len(hits) == *limit {
		fmt.Fprintf(c.env.Stderr, "(the %d newest matches; older ones may exist: --limit N shows more, --limit 0 every match)\n", *limit)
	}
	return err
}
