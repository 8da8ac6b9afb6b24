// Package cli is the command line of 1on1: the verbs, their flags and help,
// where the journal lives, what "today" is, and how errors become exit codes.
// main.go only calls Main.
//
// The verbs are github.com/spf13/cobra commands. Adding a verb is one new
// file: a constructor returning the *cobra.Command, registered from that
// file's init function with addVerb (see version.go for the smallest one).
// The root command, the shared flags (--db, --today) and the exit codes live
// here; the per-call helpers (opening the journal, parsing dates, printing
// tables and JSON) in call.go.
package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/oneonone/1on1/journal"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/oneonone/1on1/internal/termsafe"
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

	// rawStdout and rawStderr are the streams without termsafe, for
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

// Exit codes, documented in the README's "Exit codes". Scripts branch on
// the last two (as restic's 10 and 11): "try again later" and "wrong name"
// call for different reactions than any other failure.
const (
	exitOK       = 0
	exitError    = 1
	exitUsage    = 2
	exitNotFound = 10 // no such person, meeting, item or journal file
	exitLocked   = 11 // another process holds the journal
)

// usageError is a mistake in how the command was called: exit code 2.
type usageError struct {
	path string // the command's path, "1on1 people add"
	msg  string
}

func (e *usageError) Error() string {
	return e.msg + " (see '" + e.path + " --help')"
}

// usagef returns a usage error of cmd.
func usagef(cmd *cobra.Command, format string, args ...any) error {
	return &usageError{path: cmd.CommandPath(), msg: fmt.Sprintf(format, args...)}
}

// Command groups, in the order the root's help lists them.
const (
	groupNotes    = "notes"
	groupPromises = "promises"
	groupFile     = "file"
)

// verbs holds the constructor of every top-level verb. Each verb's file
// adds its own from an init function, so that a new verb is one new file;
// the list is complete before main runs and never changes after.
var verbs []func(*call) *cobra.Command

// addVerb registers a top-level verb; call it from an init function.
func addVerb(newCmd func(*call) *cobra.Command) { verbs = append(verbs, newCmd) }

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
		stderr := env.Stderr
		defer func() {
			// The last of the output is written here: a full disk must
			// not end in success with the listing cut short.
			if err := buf.Flush(); err != nil && code == exitOK {
				fmt.Fprintln(stderr, "1on1: "+oneLine(err.Error()))
				code = exitError
			}
		}()
	}
	// Everything printed for people goes through termsafe; the raw
	// streams stay for rendered markdown, JSON and the progress line.
	env.rawStdout, env.rawStderr = env.Stdout, env.Stderr
	out, errw := termsafe.NewWriter(env.Stdout), termsafe.NewWriter(env.Stderr)
	env.Stdout, env.Stderr = out, errw
	defer out.Flush()
	defer errw.Flush()

	c := &call{env: env}
	root := newRoot(c)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	fmt.Fprintln(env.Stderr, "1on1: "+oneLine(err.Error()))
	for _, h := range hints(err) {
		fmt.Fprintln(env.Stderr, "hint: "+h)
	}
	return exitCode(err)
}

// exitCode maps an error to the process's exit code.
func exitCode(err error) int {
	var ue *usageError
	switch {
	case errors.As(err, &ue):
		return exitUsage
	case errors.Is(err, journal.ErrLocked):
		return exitLocked
	case errors.Is(err, journal.ErrNotFound):
		return exitNotFound
	}
	return exitError
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// hints are what the user can do about an error, in the command line's
// words, printed as "hint:" lines under it (as age does): the journal's
// errors do not know the command's flags.
func hints(err error) []string {
	var out []string
	var kept *keptNoteError
	if errors.As(err, &kept) {
		out = append(out, "save it once that is fixed with: "+kept.retry())
	}
	var h *hintedError
	switch {
	case errors.As(err, &h):
		out = append(out, h.hints...)
	case errors.Is(err, journal.ErrLocked):
		out = append(out, lockedHint)
	case errors.Is(err, journal.ErrCorrupt):
		out = append(out, "'1on1 check' shows what is damaged; '1on1 check --repair' rebuilds what can be derived from the notes")
	}
	return out
}

const lockedHint = "a 1on1 or another program may be stuck holding it; close it and try again, or use --db for another journal"

// hintedError is an error with what the user can do about it, known where
// the command line caught it.
type hintedError struct {
	err   error
	hints []string
}

func (e *hintedError) Error() string { return e.err.Error() }
func (e *hintedError) Unwrap() error { return e.err }

// newRoot builds the command tree for one run; c receives the shared
// flags.
func newRoot(c *call) *cobra.Command {
	root := &cobra.Command{
		Use:   "1on1",
		Short: "a terminal journal for one-on-one meetings",
		Long: `1on1 is a terminal journal for one-on-one meetings: a markdown note for
every 1:1, from which it pulls the commitments each side made, follow-ups,
wins and feedback. Without a verb it opens the journal in the terminal app.

The journal is found at --db, else $ONEONONE_DB, else
$XDG_DATA_HOME/1on1/journal.db, else ~/.local/share/1on1/journal.db.
"Today" is --today YYYY-MM-DD, else $ONEONONE_TODAY, else the clock.

Exit codes: 0 success, 1 an error, 2 a usage error, 10 not found (no such
person, meeting, item or journal), 11 the journal is open in another process.`,
		Version:       version(),
		Args:          noVerb,
		SilenceErrors: true,
		SilenceUsage:  true,
		RunE:          func(cmd *cobra.Command, args []string) error { return runTUI(c) },
	}
	root.SuggestionsMinimumDistance = 2
	root.SetVersionTemplate("1on1 {{.Version}}\n")
	root.SetIn(c.env.Stdin)
	root.SetOut(c.env.Stdout)
	root.SetErr(c.env.Stderr)
	root.SetFlagErrorFunc(flagError)
	root.AddGroup(
		&cobra.Group{ID: groupNotes, Title: "People and notes:"},
		&cobra.Group{ID: groupPromises, Title: "Commitments:"},
		&cobra.Group{ID: groupFile, Title: "The journal file:"},
	)
	root.PersistentFlags().StringVar(&c.db, "db", "", "the journal `FILE` (default: $ONEONONE_DB, else the XDG data folder)")
	// --today is accepted by every verb, so that an alias with it works
	// anywhere, but shown only by the verbs that depend on the date (which
	// add their own visible copy with todayFlag).
	root.PersistentFlags().StringVar(&c.today, "today", "", "the date to take as today")
	root.PersistentFlags().MarkHidden("today")
	c.todayFlag(root)
	root.PersistentPreRunE = func(cmd *cobra.Command, args []string) error { return emptyFlags(cmd) }
	root.SetHelpCommand(newHelpCmd(root))
	for _, newCmd := range verbs {
		root.AddCommand(newCmd(c))
	}
	root.InitDefaultCompletionCmd()
	completionWords(root)
	return root
}

// mayBeEmpty are the flags whose empty value means something: --context ""
// clears a person's context.
var mayBeEmpty = map[string]bool{"context": true}

// emptyFlags refuses a flag given with an empty value, which would
// otherwise act as if it were not given: --db "" (an unset variable in a
// script) must not quietly use the default journal.
func emptyFlags(cmd *cobra.Command) error {
	var err error
	cmd.Flags().Visit(func(f *pflag.Flag) {
		if err == nil && f.Value.Type() == "string" && strings.TrimSpace(f.Value.String()) == "" && !mayBeEmpty[f.Name] {
			err = usagef(cmd, "--%s is empty: give a value, or leave the flag out", f.Name)
		}
	})
	return err
}

// completionWords puts cobra's "completion" verb in the words of the
// other verbs' help.
func completionWords(root *cobra.Command) {
	for _, cmd := range root.Commands() {
		if cmd.Name() != "completion" {
			continue
		}
		cmd.Short = "print a shell completion script (bash, zsh, fish, powershell)"
		for _, sh := range cmd.Commands() {
			sh.Short = "print the completion script for " + sh.Name()
		}
	}
}

// noVerb is the root's argument check: any argument is a verb it does not
// know.
func noVerb(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	msg := fmt.Sprintf("no verb %q", args[0])
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		msg += "; did you mean " + strings.Join(s, " or ") + "?"
	}
	return &usageError{path: "1on1", msg: msg}
}

// flagError turns the flag parser's errors into usage errors in plain
// words.
func flagError(cmd *cobra.Command, err error) error {
	var iv *pflag.InvalidValueError
	if errors.As(err, &iv) {
		f := iv.GetFlag()
		want := map[string]string{"int": "a whole number", "int64": "a whole number", "bool": "true or false"}[f.Value.Type()]
		if want == "" {
			want = "a " + f.Value.Type()
		}
		return usagef(cmd, "--%s wants %s, not %q", f.Name, want, iv.GetValue())
	}
	return usagef(cmd, "%s", err.Error())
}

// newHelpCmd replaces cobra's help verb, which answers an unknown topic
// with the root's usage and success; here it is a usage error.
func newHelpCmd(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "help [VERB]",
		Short: "show help for 1on1 or one of its verbs",
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			target, _, err := root.Find(args)
			if err != nil {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var names []string
			for _, sub := range target.Commands() {
				if sub.IsAvailableCommand() && strings.HasPrefix(sub.Name(), toComplete) {
					names = append(names, sub.Name()+"\t"+sub.Short)
				}
			}
			return names, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			target, rest, err := root.Find(args)
			if err != nil || len(rest) > 0 {
				return &usageError{path: "1on1", msg: fmt.Sprintf("no verb %q", strings.Join(args, " "))}
			}
			addHelpFlags(target)
			return target.Help()
		},
	}
}

// addHelpFlags gives cmd and the verbs under it their --help flag, which
// cobra adds only to a command it runs: "help VERB" and the manual show
// verbs without running them. It is done on their way, not for the whole
// tree at every start (issue 16).
func addHelpFlags(cmd *cobra.Command) {
	cmd.InitDefaultHelpFlag()
	for _, sub := range cmd.Commands() {
		addHelpFlags(sub)
	}
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
