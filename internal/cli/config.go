package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// config: what the journal knows about its keeper (SPEC 2.4).
func init() {
	addVerb(newConfigCmd)
}

func newConfigCmd(c *call) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "config [name NAME… | handle HANDLE]",
		Short: "show or set who keeps the journal",
		Long: `Without arguments, shows the journal's settings.

'config name "Jordan Lee"' records who keeps the journal: in notes, that
name, its first name ("Jordan to send…", "@Jordan") and the handle set with
'config handle jordan' then mean you, as @me and @Myself do. Every note is
read again, since the owner of the promises they mark changes.
'config name ""' clears it.`,
		GroupID: groupFile,
		Args:    args(0, -1, "KEY"),
		Example: `  1on1 config name "Jordan Lee"
  1on1 config handle jordan
  1on1 config --json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return showConfig(c, asJSON)
			}
			return setConfig(c, cmd, args[0], args[1:])
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

type configJSON struct {
	Name   string `json:"name"`
	Handle string `json:"handle"`
}

func showConfig(c *call, asJSON bool) error {
	j, err := c.open(true)
	if err != nil {
		return err
	}
	defer j.Close()
	k, err := j.Keeper()
	if err != nil {
		return err
	}
	if asJSON {
		return c.writeJSON(configJSON{Name: k.Name, Handle: k.Handle})
	}
	name, handle := k.Name, k.Handle
	if name == "" {
		name = `not set — '1on1 config name "Your Name"' lets notes name you`
	}
	if handle == "" {
		handle = "not set"
	}
	_, err = fmt.Fprintf(c.env.Stdout, "name    %s\nhandle  %s\n", name, handle)
	return err
}

func setConfig(c *call, cmd *cobra.Command, key string, values []string) error {
	value := strings.Join(values, " ")
	switch key {
	case "name", "handle":
	default:
		return usagef(cmd, "unknown setting %q: use name or handle", key)
	}
	j, err := c.open(len(values) == 0)
	if err != nil {
		return err
	}
	defer j.Close()
	k, err := j.Keeper()
	if err != nil {
		return err
	}
	if len(values) == 0 {
		v := k.Name
		if key == "handle" {
			v = k.Handle
		}
		_, err = fmt.Fprintln(c.env.Stdout, v)
		return err
	}
	if key == "name" {
		k.Name = value
	} else {
		k.Handle = value
	}
	if err := j.SetKeeper(k); err != nil {
		return err
	}
	k, err = j.Keeper()
	if err != nil {
		return err
	}
	switch {
	case key == "name" && k.Name == "":
		_, err = fmt.Fprintln(c.env.Stdout, "Keeper's name cleared.")
	case key == "name":
		_, err = fmt.Fprintf(c.env.Stdout, "Keeper: %s. In notes, %q and %q now mean you.\n", k.Name, k.Name, strings.Fields(k.Name)[0])
	case k.Handle == "":
		_, err = fmt.Fprintln(c.env.Stdout, "Keeper's handle cleared.")
	default:
		_, err = fmt.Fprintf(c.env.Stdout, "Keeper's handle: %s. In notes, @%s now means you.\n", k.Handle, k.Handle)
	}
	return err
}
