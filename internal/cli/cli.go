// Package cli is the command line of 1on1: the verbs, their flags and help,
// where the journal lives, what "today" is, and how errors become exit codes.
// main.go only calls Main.
package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sort"
	"strings"
	"time"

	"golang.org/x/term"
)

// Env is everything a run of the command touches outside the journal, so
// that tests can run verbs in-process with a fixed clock and no terminal.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Getenv reads an environment variable; nil means none is set.
	Getenv func(string) string
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// StdinTTY, StdoutTTY and StderrTTY say which streams are terminals.
	StdinTTY, StdoutTTY, StderrTTY bool
	// HomeDir returns the user's home folder; nil means os.UserHomeDir.
	HomeDir func() (string, error)

	// rawStdout and rawStderr are the streams without safeWriter, for
	// output the command styles itself. Main sets them.
	rawStdout, rawStderr io.Writer
}

// StdEnv returns the process's own environment.
func StdEnv() Env {
	return Env{
		Stdin:     os.Stdin,
		Stdout:    os.Stdout,
		Stderr:    os.Stderr,
		Getenv:    os.Getenv,
		Now:       time.Now,
		StdinTTY:  term.IsTerminal(int(os.Stdin.Fd())),
		StdoutTTY: term.IsTerminal(int(os.Stdout.Fd())),
		StderrTTY: term.IsTerminal(int(os.Stderr.Fd())),
		HomeDir:   os.UserHomeDir,
	}
}

func (e Env) getenv(k string) string {
	if e.Getenv == nil {
		return ""
	}
	return e.Getenv(k)
}

func (e Env) now() time.Time {
	if e.Now == nil {
		return time.Now()
	}
	return e.Now()
}

// Exit codes.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// usageError is a mistake in how the command was called: exit code 2.
type usageError struct {
	verb string
	msg  string
}

func (e *usageError) Error() string {
	if e.verb == "" {
		return e.msg + " (see '1on1 help')"
	}
	return e.msg + " (see '1on1 " + e.verb + " --help')"
}

func usagef(verb, format string, args ...any) error {
	return &usageError{verb: verb, msg: fmt.Sprintf(format, args...)}
}

// verb is one sub-command.
type verb struct {
	name    string
	args    string // the synopsis after the name
	summary string
	run     func(c *call) error
}

// verbs lists every verb in the order help shows them.
func verbs() []verb {
	return []verb{
		{"people", "[list|add|edit|archive|unarchive] …", "list, add and edit the people you hold 1:1s with", runPeople},
		{"note", "HANDLE [--date D] [--time HH:MM] [--file F | -]", "add a meeting note from a file, standard input or $EDITOR", runNote},
		{"meetings", "HANDLE [--json]", "list a person's meetings, newest first", runMeetings},
		{"show", "MEETING-ID [--json]", "print a meeting's note", runShow},
		{"due", "[--person H] [--mine|--theirs] [--today D] [--json]", "flagged commitments: overdue, due soon, undated", runDue},
		{"prep", "HANDLE [--today D]", "the agenda for the next 1:1 with a person", runPrep},
		{"ledger", "[HANDLE] [--since D] [--until D] [--json]", "the trust ledger: promises kept both ways", runLedger},
		{"review", "HANDLE --since D [--until D]", "the review packet for a person over a period", runReview},
		{"search", "QUERY [--person H] [--since D] [--until D] [--limit N] [--json]", "find notes that hold every word", runSearch},
		{"followups", "[HANDLE] [--json]", "open follow-ups to raise next time", runFollowUps},
		{"done", "ITEM-ID", "tick a commitment or follow-up in its note", runAction("done")},
		{"drop", "ITEM-ID", "drop a commitment openly (- [-])", runAction("drop")},
		{"reopen", "ITEM-ID", "re-open a done or dropped item", runAction("reopen")},
		{"redate", "ITEM-ID DATE", "set an item's due date (2026-12-01, friday, next week…)", runRedate},
		{"demo", "[--people N] [--years Y] [--seed S] [--today D] [--force]", "fill a journal with realistic sample data", runDemo},
		{"export", "DIR [--json FILE]", "write every person and note as markdown files", runExport},
		{"import", "DIR", "read markdown notes with front matter into the journal", runImport},
		{"backup", "FILE", "write a consistent copy of the journal", runBackup},
		{"check", "[--repair]", "verify the journal file; --repair rebuilds derived data", runCheck},
		{"version", "", "print the version", runVersion},
		{"help", "[VERB]", "show help", nil},
	}
}

// Main runs the command with args (without the program name) and returns
// the process's exit code. Errors are one line on env.Stderr.
func Main(args []string, env Env) (code int) {
	defer func() {
		// A bug must still end in one line, not a stack trace, and the
		// panic's value may hold note text: it is shown only on request.
		if r := recover(); r != nil {
			fmt.Fprintln(env.Stderr, "1on1: internal error; please report it with the command you ran (ONEONONE_DEBUG=1 shows details, which may include note text)")
			if env.Getenv != nil && env.Getenv("ONEONONE_DEBUG") == "1" {
				fmt.Fprintf(env.Stderr, "%v\n%s", r, debug.Stack())
			}
			code = exitError
		}
	}()
	// Output for scripts (a pipe, a file) is buffered: a listing is
	// thousands of small writes. On a terminal every line shows at once.
	if !env.StdoutTTY && env.Stdout != nil {
		buf := bufio.NewWriterSize(env.Stdout, 64<<10)
		env.Stdout = buf
		defer buf.Flush()
	}
	// Everything printed for people goes through safeWriter; the raw
	// streams stay for glamour, JSON and the progress line.
	env.rawStdout, env.rawStderr = env.Stdout, env.Stderr
	out, errw := &safeWriter{w: env.Stdout}, &safeWriter{w: env.Stderr}
	env.Stdout, env.Stderr = out, errw
	defer out.flush()
	defer errw.flush()
	err := run(args, env)
	if err == nil || errors.Is(err, errHelp) {
		return exitOK
	}
	fmt.Fprintln(env.Stderr, "1on1: "+oneLine(err.Error()))
	var ue *usageError
	if errors.As(err, &ue) {
		return exitUsage
	}
	return exitError
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func run(args []string, env Env) error {
	// Flags given before the verb: --db PATH, --today D.
	var pre []string
	for len(args) > 0 && strings.HasPrefix(args[0], "-") && args[0] != "-" {
		a := args[0]
		switch {
		case a == "-h" || a == "--help" || a == "-help":
			printHelp(env.Stdout)
			return nil
		case a == "--version" || a == "-version":
			return runVersion(&call{env: env})
		case a == "--db" || a == "-db" || a == "--today" || a == "-today":
			if len(args) < 2 {
				return usagef("", "flag %s needs a value", a)
			}
			pre = append(pre, args[0], args[1])
			args = args[2:]
		case strings.HasPrefix(a, "--db=") || strings.HasPrefix(a, "-db=") ||
			strings.HasPrefix(a, "--today=") || strings.HasPrefix(a, "-today="):
			pre = append(pre, a)
			args = args[1:]
		default:
			return usagef("", "unknown flag %s", a)
		}
	}
	if len(args) == 0 {
		c := &call{env: env, name: ""}
		fs := c.flags("", "", true)
		if err := c.parse(fs, pre); err != nil {
			return err
		}
		return runTUI(c)
	}
	name := args[0]
	if name == "help" {
		if len(args) > 1 {
			for _, v := range verbs() {
				if v.name == args[1] && v.run != nil {
					return v.run(&call{env: env, name: v.name, verb: v, args: []string{"--help"}})
				}
			}
			return usagef("", "no verb %q", args[1])
		}
		printHelp(env.Stdout)
		return nil
	}
	for _, v := range verbs() {
		if v.name == name && v.run != nil {
			rest := append(append([]string{}, pre...), args[1:]...)
			return v.run(&call{env: env, name: v.name, verb: v, args: rest})
		}
	}
	return usagef("", "no verb %q%s", name, suggest(name))
}

func suggest(name string) string {
	var names []string
	for _, v := range verbs() {
		if strings.HasPrefix(v.name, name) || strings.HasPrefix(name, v.name) {
			names = append(names, v.name)
		}
	}
	sort.Strings(names)
	if len(names) == 0 {
		return ""
	}
	return "; did you mean " + strings.Join(names, " or ") + "?"
}

func printHelp(w io.Writer) {
	fmt.Fprint(w, `1on1 is a terminal journal for one-on-one meetings.

Usage:
  1on1                 open the journal in the terminal app
  1on1 VERB [ARGS]     run one verb (1on1 VERB --help for its flags)

Verbs:
`)
	for _, v := range verbs() {
		fmt.Fprintf(w, "  %-10s %s\n", v.name, v.summary)
	}
	fmt.Fprint(w, `
Every verb takes --db PATH. The journal is found at --db, else $ONEONONE_DB,
else $XDG_DATA_HOME/1on1/journal.db, else ~/.local/share/1on1/journal.db.
"Today" is --today YYYY-MM-DD, else $ONEONONE_TODAY, else the clock.
`)
}

func runVersion(c *call) error {
	if c.verb.name != "" {
		fs := c.flags("", "Prints the version of 1on1.")
		if err := c.parse(fs, c.args); err != nil {
			return err
		}
	}
	fmt.Fprintln(c.env.Stdout, "1on1 "+version())
	return nil
}

// version is the module version when built from a tagged module, else the
// VCS revision, else "dev".
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			return "dev-" + s.Value[:12]
		}
	}
	return "dev"
}
