package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

func init() { addVerb(newManCmd) }

func newManCmd(c *call) *cobra.Command {
	var dir string
	cmd := &cobra.Command{
		Use:   "man",
		Short: "print the manual page 1on1(1)",
		Long: `Prints the manual page 1on1(1), made from the same command tree as the help:
every verb with its usage and summary, the journal's location and the exit
codes. With --dir, writes it and a page per verb (1on1-due.1, …) into DIR.

  1on1 man > ~/.local/share/man/man1/1on1.1     # then: man 1on1
  1on1 man --dir ~/.local/share/man/man1        # also: man 1on1-due`,
		Args:              args(0, 0, ""),
		ValidArgsFunction: noFiles,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runMan(c, cmd.Root(), dir)
		},
	}
	cmd.Flags().StringVar(&dir, "dir", "", "write 1on1.1 and a page per verb into `DIR`")
	cmd.MarkFlagDirname("dir")
	return cmd
}

// The pages are written here rather than by cobra/doc: its markdown to
// roff step links blackfriday, whose initialisation every verb paid at
// start-up (issue 16), for text that is plain already.
func runMan(c *call, root *cobra.Command, dir string) error {
	month := time.Now().Format("Jan 2006")
	addHelpFlags(root)
	if dir == "" {
		return writeManPage(c.env.raw(), root, month)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("man pages: %w", err)
	}
	var walk func(cmd *cobra.Command) error
	walk = func(cmd *cobra.Command) error {
		var b strings.Builder
		if err := writeManPage(&b, cmd, month); err != nil {
			return err
		}
		name := strings.ReplaceAll(cmd.CommandPath(), " ", "-") + ".1"
		if err := os.WriteFile(filepath.Join(dir, name), []byte(b.String()), 0o644); err != nil {
			return fmt.Errorf("man pages: %w", err)
		}
		for _, sub := range manVerbs(cmd) {
			if err := walk(sub); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(root); err != nil {
		return err
	}
	fmt.Fprintf(c.env.Stderr, "wrote 1on1.1 and the verbs' pages to %s\n", dir)
	return nil
}

// manVerbs are the sub-commands of cmd a page lists.
func manVerbs(cmd *cobra.Command) []*cobra.Command {
	var subs []*cobra.Command
	for _, sub := range cmd.Commands() {
		if sub.IsAvailableCommand() && sub.Name() != "help" {
			subs = append(subs, sub)
		}
	}
	return subs
}

// writeManPage writes cmd's page in roff (man(7)): name, synopsis,
// description, options, and for the root every verb.
func writeManPage(w io.Writer, cmd *cobra.Command, month string) error {
	var b strings.Builder
	path := cmd.CommandPath()
	fmt.Fprintf(&b, ".nh\n.TH \"%s\" \"1\" \"%s\" \"1on1 %s\" \"1on1 manual\"\n", strings.ToUpper(strings.ReplaceAll(path, " ", "-")), month, roffEscape(version()))
	fmt.Fprintf(&b, ".SH NAME\n%s \\- %s\n", roffEscape(strings.ReplaceAll(path, " ", "-")), roffEscape(cmd.Short))
	fmt.Fprintf(&b, ".SH SYNOPSIS\n\\fB%s\\fP\n", roffEscape(cmd.UseLine()))
	long := cmd.Long
	if long == "" {
		long = cmd.Short
	}
	b.WriteString(".SH DESCRIPTION\n")
	roffText(&b, long)
	roffFlags(&b, "OPTIONS", cmd.NonInheritedFlags())
	roffFlags(&b, "OPTIONS INHERITED FROM PARENT COMMANDS", cmd.InheritedFlags())
	if !cmd.HasParent() {
		b.WriteString(".SH VERBS\n")
		var walk func(cmd *cobra.Command)
		walk = func(cmd *cobra.Command) {
			for _, sub := range manVerbs(cmd) {
				fmt.Fprintf(&b, ".TP\n\\fB%s\\fP\n%s\n", roffEscape(sub.UseLine()), roffEscape(sub.Short))
				walk(sub)
			}
		}
		walk(cmd)
	}
	var see []string
	if cmd.HasParent() {
		see = append(see, strings.ReplaceAll(cmd.Parent().CommandPath(), " ", "-"))
	}
	for _, sub := range manVerbs(cmd) {
		see = append(see, strings.ReplaceAll(sub.CommandPath(), " ", "-"))
	}
	if len(see) > 0 {
		b.WriteString(".SH SEE ALSO\n")
		for i, s := range see {
			if i > 0 {
				b.WriteString(",\n")
			}
			fmt.Fprintf(&b, "\\fB%s\\fP(1)", roffEscape(s))
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// roffText writes help text: blank lines part paragraphs, and indented
// lines (the examples) are kept as they are, in a no-fill block.
func roffText(b *strings.Builder, text string) {
	inExample := false
	for _, line := range strings.Split(strings.TrimSpace(text), "\n") {
		example := strings.HasPrefix(line, "  ")
		switch {
		case example && !inExample:
			b.WriteString(".PP\n.RS 4\n.nf\n")
		case !example && inExample:
			b.WriteString(".fi\n.RE\n")
		}
		inExample = example
		switch {
		case strings.TrimSpace(line) == "":
			if !inExample {
				b.WriteString(".PP\n")
			}
		case inExample:
			b.WriteString(roffEscape(strings.TrimPrefix(line, "  ")) + "\n")
		default:
			b.WriteString(roffEscape(line) + "\n")
		}
	}
	if inExample {
		b.WriteString(".fi\n.RE\n")
	}
}

// roffFlags writes a section of flags, each with its usage line.
func roffFlags(b *strings.Builder, title string, flags *pflag.FlagSet) {
	if !flags.HasAvailableFlags() {
		return
	}
	fmt.Fprintf(b, ".SH %s\n", title)
	flags.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		name, usage := pflag.UnquoteUsage(f)
		b.WriteString(".TP\n")
		if f.Shorthand != "" {
			fmt.Fprintf(b, "\\fB\\-%s\\fP, ", f.Shorthand)
		}
		fmt.Fprintf(b, "\\fB\\-\\-%s\\fP", roffEscape(f.Name))
		if name != "" {
			fmt.Fprintf(b, " \\fI%s\\fP", roffEscape(name))
		}
		b.WriteString("\n" + roffEscape(usage) + "\n")
	})
}

// roffEscape makes text safe as roff: backslashes escaped, hyphens kept
// as hyphens, and a line that would start with a control character made
// plain text.
func roffEscape(s string) string {
	s = strings.ReplaceAll(s, `\`, `\e`)
	s = strings.ReplaceAll(s, "-", `\-`)
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
}
