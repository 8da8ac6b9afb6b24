// Package tui is the terminal interface of 1on1: a Bubble Tea program with
// a list pane and a preview/editor pane over a journal.
package tui

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"golang.org/x/term"

	"github.com/oneonone/1on1/internal/termbg"
	"github.com/oneonone/1on1/journal"
)

// Config is what the app needs from its caller besides the journal.
type Config struct {
	// Now returns the current time; the app's "today" is its date. Tests
	// and ONEONONE_TODAY pin it.
	Now func() time.Time
}

// errCrashed is what Run returns after an internal error; it holds no
// note text and no panic value.
var errCrashed = errors.New("1on1 stopped after an internal error")

// Run runs the app on j until the user quits.
//
// Unsaved editor text is kept in a draft (a 0600 file in the folder named
// after the journal, journal.db.drafts) while typing, on SIGTERM and
// SIGHUP, and on a crash; the next start offers to restore it. After a crash the terminal is
// restored and only a generic message and the draft's place are printed:
// never the panic's value, which could hold note text.
func Run(j *journal.Journal, cfg Config) (err error) {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	drafts := newDraftKeeper(journal.DraftDir(j.Path()))

	glamourStyle := "notty"
	if os.Getenv("NO_COLOR") != "" {
		lipgloss.SetColorProfile(termenv.Ascii)
	} else if lipgloss.ColorProfile() != termenv.Ascii {
		glamourStyle = "light"
		if termbg.Dark() {
			glamourStyle = "dark"
		}
	}

	var saved *term.State
	if term.IsTerminal(int(os.Stdin.Fd())) {
		saved, _ = term.GetState(int(os.Stdin.Fd()))
	}

	m := newModel(j, cfg.Now, drafts, glamourStyle)
	if os.Getenv("ONEONONE_TEST_PANIC") == "1" {
		// Read once here, for the end-to-end test of the crash path only.
		m.testPanic.SetEnabled(true)
	}
	p := tea.NewProgram(m, tea.WithAltScreen(), tea.WithMouseCellMotion(),
		tea.WithoutCatchPanics(), tea.WithoutSignalHandler())

	// SIGTERM and SIGHUP never reach Update: write the draft here, then
	// stop the program, which restores the terminal.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGINT)
	defer signal.Stop(sigs)
	stopped := make(chan os.Signal, 1)
	go func() {
		s, ok := <-sigs
		if !ok {
			return
		}
		drafts.Flush()
		stopped <- s
		p.Kill()
	}()

	defer func() {
		if r := recover(); r != nil {
			// r is dropped unread: it may hold note text.
			crashReport(drafts, func() { restoreTerminal(saved) }, os.Stderr)
			err = errCrashed
		}
	}()

	// "Today" follows the clock: the model looks at it every half minute.
	ticker := time.NewTicker(30 * time.Second)
	defer ticker.Stop()
	go func() {
		for range ticker.C {
			p.Send(clockTickMsg{})
		}
	}()

	final, runErr := p.Run()
	if drafts.Pending() {
		if ferr := drafts.Flush(); ferr != nil {
			fmt.Fprintf(os.Stderr, "1on1: could not keep the unsaved note: %v\n", ferr)
		} else {
			fmt.Fprintf(os.Stderr, "Your unsaved note is kept in %s and will be offered when you start 1on1 again.\n", drafts.Path())
		}
	}
	if fm, ok := final.(*model); ok && fm.edit.keptAt != "" {
		fmt.Fprintf(os.Stderr, "Your unsaved note is in %s.\n", fm.edit.keptAt)
	}
	if fm, ok := final.(*model); ok && fm.crashed {
		fmt.Fprintln(os.Stderr, "1on1 stopped after an internal error.")
		return errCrashed
	}
	select {
	case s := <-stopped:
		return fmt.Errorf("stopped by %v", s)
	default:
	}
	if runErr != nil && !errors.Is(runErr, tea.ErrProgramKilled) {
		return fmt.Errorf("terminal: %w", runErr)
	}
	return nil
}

// crashReport is what the app does after a panic: keep the unsaved note,
// give the terminal back, and say what happened in words that hold no note
// text and not the panic's value.
func crashReport(drafts *draftKeeper, restore func(), w io.Writer) {
	ferr := drafts.Flush()
	restore()
	fmt.Fprintln(w, "1on1 stopped after an internal error. Nothing was written to the journal by the failing step.")
	switch {
	case ferr != nil:
		fmt.Fprintf(w, "Your unsaved note could not be kept in %s.\n", drafts.dir)
	case drafts.Pending():
		fmt.Fprintf(w, "Your unsaved note is kept in %s and will be offered when you start 1on1 again.\n", drafts.Path())
	}
}

// restoreTerminal undoes what the program did to the terminal when it
// could not do so itself: raw mode, the alternate screen, mouse reporting
// and the hidden cursor.
func restoreTerminal(saved *term.State) {
	fmt.Fprint(os.Stdout, "\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?2004l\x1b[?25h\x1b[?1049l")
	if saved != nil {
		term.Restore(int(os.Stdin.Fd()), saved)
	}
}
