// Command 1on1 is a terminal journal for one-on-one meetings. It only wires
// the command line (package cli) to the process.
package main

import (
	"os"

	"github.com/oneonone/1on1/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], cli.StdEnv()))
}
