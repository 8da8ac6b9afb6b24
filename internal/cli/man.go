package cli

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
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

func runMan(c *call, root *cobra.Command, dir string) error {
	header := &doc.GenManHeader{Title: "1ON1", Section: "1", Source: "1on1 " + version(), Manual: "1on1 manual"}
	root.DisableAutoGenTag = true
	// The page of the root lists every verb, so that "man 1on1" alone
	// shows the whole command.
	root.Long += "\n\n" + verbList(root)
	if dir == "" {
		return doc.GenMan(root, header, c.env.raw())
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("man pages: %w", err)
	}
	if err := doc.GenManTree(root, header, dir); err != nil {
		return fmt.Errorf("man pages: %w", err)
	}
	fmt.Fprintf(c.env.Stderr, "wrote 1on1.1 and the verbs' pages to %s\n", dir)
	return nil
}

// verbList is the markdown section of the root's page naming every verb
// and sub-verb with its usage line and summary.
func verbList(root *cobra.Command) string {
	var b strings.Builder
	b.WriteString("# VERBS\n")
	var walk func(cmd *cobra.Command)
	walk = func(cmd *cobra.Command) {
		for _, sub := range cmd.Commands() {
			if !sub.IsAvailableCommand() || sub.Name() == "help" {
				continue
			}
			fmt.Fprintf(&b, "\n**%s**\n: %s\n", sub.UseLine(), sub.Short)
			walk(sub)
		}
	}
	walk(root)
	return b.String()
}
