// Package startup keeps package initialisation from talking to the
// terminal. Bubble Tea v1's init asks the terminal for its background
// colour (OSC 11) and waits up to 5 s for an answer that a terminal inside
// script(1), some multiplexers or CI never sends: every verb, `version`
// included, took 5 s there.
//
// Go initialises packages in import-path order among those whose imports
// are done (the spec's rule since Go 1.21). This package imports only
// syscall, so it is initialised before os and hence before termenv,
// lipgloss and bubbletea. It sets TERM=dumb for the length of package
// initialisation, for which termenv sends no query; package termbg, which
// imports bubbletea and so is initialised after it, puts TERM back and
// asks about the background only when drawing colour needs it.
package startup

import "syscall"

var (
	term, hadTerm = syscall.Getenv("TERM")
	restored      bool
)

func init() {
	syscall.Setenv("TERM", "dumb")
}

// RestoreEnv puts TERM back as the process was started with. It is
// idempotent.
func RestoreEnv() {
	if restored {
		return
	}
	restored = true
	if hadTerm {
		syscall.Setenv("TERM", term)
	} else {
		syscall.Unsetenv("TERM")
	}
}
