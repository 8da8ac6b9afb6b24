package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

// The smallest verb, and the pattern for a new one: a file with a
// constructor returning the cobra command, registered by init.
func init() { addVerb(newVersionCmd) }

func newVersionCmd(c *call) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "print the version",
		Long:  "Prints the version of 1on1 (also: 1on1 --version).",
		Args:  args(0, 0, ""),
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := fmt.Fprintln(c.env.Stdout, "1on1 "+version())
			return err
		},
	}
}
