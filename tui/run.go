// Package tui is the terminal interface of 1on1: a Bubble Tea program with
// a list pane and a preview/editor pane over a journal.
package tui

import (
	"errors"
	"time"

	"github.com/oneonone/1on1/journal"
)

// Config is what the app needs from its caller besides the journal.
type Config struct {
	// Now returns the current time; the app's "today" is its date. Tests
	// and ONEONONE_TODAY pin it.
	Now func() time.Time
	// DataDir is the folder (mode 0700) where drafts of unsaved notes are
	// kept, normally the journal's folder.
	DataDir string
}

// Run runs the app on j until the user quits.
func Run(j *journal.Journal, cfg Config) error {
	return errors.New("the TUI is being built") // replaced by the TUI work
}
