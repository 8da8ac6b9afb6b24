package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/oneonone/1on1/internal/editor"
	"github.com/oneonone/1on1/journal"
	"github.com/spf13/cobra"
)

func init() { addVerb(newTemplateCmd) }

const templateAbout = `A new meeting's note starts from a template: markdown with placeholders
the journal fills in. The built-in one holds, in order, the feedback to give
(with its age), the queued topics ("To discuss"), the open commitments both
ways and the open follow-ups carried over, the stale items asking to keep,
re-date or drop them, a question from the bank (career, wellbeing, feedback
for me, blockers; not one asked in the last 6 meetings) and a pulse line.

A template can be set for everyone, for a role (--role report) or for one
person (HANDLE); the most specific one wins. Placeholders:

  {{name}} {{first_name}} {{handle}} {{date}}
  {{feedback}} {{topics}} {{mine}} {{theirs}} {{followups}} {{stale}}
  {{question}} {{pulse}}

The item placeholders write their own headings, so carried items keep their
owner; one a template leaves out is added at its end, so no open promise is
ever dropped by a template.`

type templateFlags struct {
	role, file string
}

func newTemplateCmd(c *call) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "template [show|edit|reset|next] [HANDLE | --role R]",
		Short:   "show or edit the template of new meetings, per person or role",
		Long:    templateAbout,
		GroupID: groupNotes,
		Args:    args(0, 0, ""),
		RunE:    func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	sub := func(name, short, long string, run func(cmd *cobra.Command, scope string, f templateFlags) error) {
		var f templateFlags
		s := &cobra.Command{
			Use:   name + " [HANDLE | --role R]",
			Short: short,
			Long:  long,
			Args:  args(0, 1, ""),
			RunE: func(cmd *cobra.Command, args []string) error {
				handle := ""
				if len(args) == 1 {
					handle = strings.ToLower(args[0])
				}
				if handle != "" && f.role != "" {
					return usagef(cmd, "give HANDLE or --role, not both")
				}
				return run(cmd, journal.TemplateScope(handle, journal.Role(strings.ToLower(f.role))), f)
			},
		}
		s.Flags().StringVar(&f.role, "role", "", "the template of everyone with role `R` (report, peer, manager, stakeholder, other)")
		if name == "edit" {
			s.Flags().StringVar(&f.file, "file", "", "set the template from file `F` (- for standard input) instead of opening $EDITOR")
		}
		cmd.AddCommand(s)
	}
	sub("show", "print the template that applies", "Prints the template that applies to a person, a role or everyone: its own, else the next wider one, else the built-in one.",
		func(cmd *cobra.Command, scope string, f templateFlags) error { return runTemplateShow(c, scope) })
	sub("edit", "edit a template in $EDITOR", "Opens $EDITOR on the template that applies (or reads --file) and saves it as the template of the person, the role or everyone.",
		func(cmd *cobra.Command, scope string, f templateFlags) error {
			return runTemplateEdit(c, scope, f.file)
		})
	sub("reset", "remove a template, so the next wider one applies", "Removes the template of a person, a role or everyone; the next wider one (in the end the built-in one) applies again.",
		func(cmd *cobra.Command, scope string, f templateFlags) error { return runTemplateReset(c, scope) })
	var date string
	next := &cobra.Command{
		Use:   "next HANDLE [--date D]",
		Short: "print the note a new meeting with a person would start from",
		Long: `Prints the note a new 1:1 with a person would start from, filled in: what
'1on1 note HANDLE' opens in $EDITOR and the app's new meeting shows. Save an
edited copy with '1on1 note HANDLE --file F'; the queued topics and feedback
leave the queue then.`,
		Args: args(1, 1, "HANDLE"),
		RunE: func(cmd *cobra.Command, args []string) error { return runTemplateNext(c, args[0], date) },
	}
	next.Flags().StringVar(&date, "date", "", "the meeting's date, `YYYY-MM-DD` (default: today)")
	c.todayFlag(next)
	cmd.AddCommand(next)
	return cmd
}

func runTemplateNext(c *call, handle, date string) error {
	today, j, p, err := c.openPerson(true, handle)
	if err != nil {
		return err
	}
	defer j.Close()
	d, err := dateFlag("date", date)
	if err != nil {
		return err
	}
	if d == 0 {
		d = today
	}
	note, err := j.Template(p.Handle, d)
	if err != nil {
		return err
	}
	_, err = fmt.Fprint(c.env.Stdout, note)
	return err
}

// templateSource reads the template of scope, with the CLI's words for a
// person or role that does not exist.
func templateSource(c *call, scope string) (string, bool, error) {
	j, err := c.open(true)
	if err != nil {
		return "", false, err
	}
	defer j.Close()
	src, own, err := j.TemplateSource(scope)
	return src, own, scopeError(scope, err)
}

func scopeError(scope string, err error) error {
	if errors.Is(err, journal.ErrNotFound) {
		return notFoundf("no person with handle %q; see '1on1 people list'", strings.TrimPrefix(scope, "person/"))
	}
	return err
}

func scopeName(scope string) string {
	if scope == "" {
		return "everyone"
	}
	kind, name, _ := strings.Cut(scope, "/")
	if kind == "role" {
		return "the role " + name
	}
	return name
}

func runTemplateShow(c *call, scope string) error {
	src, _, err := templateSource(c, scope)
	if err != nil {
		return err
	}
	_, err = fmt.Fprint(c.env.Stdout, src)
	return err
}

func runTemplateEdit(c *call, scope, file string) error {
	src, _, err := templateSource(c, scope)
	if err != nil {
		return err
	}
	var text []byte
	switch file {
	case "-":
		text, err = io.ReadAll(io.LimitReader(c.env.Stdin, journal.MaxNoteSize+1))
	case "":
		// The journal is closed while the editor runs: the app and other
		// verbs keep working meanwhile.
		text, err = editTemplate(c, src)
		if err == nil && string(text) == src {
			fmt.Fprintln(c.env.Stderr, "template left unchanged: nothing saved")
			return nil
		}
	default:
		text, err = os.ReadFile(file)
	}
	if err != nil {
		return fmt.Errorf("read the template: %w", err)
	}
	if strings.TrimSpace(string(text)) == "" {
		return errors.New("the template is empty: nothing saved (use 'template reset' to remove one)")
	}
	j, err := c.open(false)
	if err != nil {
		return err
	}
	defer j.Close()
	if err := scopeError(scope, j.SetTemplateSource(scope, string(text))); err != nil {
		return err
	}
	_, err = fmt.Fprintf(c.env.Stdout, "saved the template of %s\n", scopeName(scope))
	return err
}

func runTemplateReset(c *call, scope string) error {
	j, err := c.open(false)
	if err != nil {
		return err
	}
	defer j.Close()
	if err := scopeError(scope, j.SetTemplateSource(scope, "")); err != nil {
		return err
	}
	_, err = fmt.Fprintf(c.env.Stdout, "removed the template of %s\n", scopeName(scope))
	return err
}

// editTemplate opens the editor on src in a private temporary file and
// returns what the editor left there.
func editTemplate(c *call, src string) ([]byte, error) {
	f, err := os.CreateTemp("", "1on1-template-*.md") // mode 0600
	if err != nil {
		return nil, fmt.Errorf("make a file for the editor: %w", err)
	}
	path := f.Name()
	defer os.Remove(path)
	_, err = f.WriteString(src)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("make a file for the editor: %w", err)
	}
	cmd, err := editor.Command(c.env.getenv, path, 1)
	if err != nil {
		return nil, err
	}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("editor %s: %v; the template was not saved", editor.Name(c.env.getenv), err)
	}
	return os.ReadFile(path)
}
