package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/oneonone/1on1/journal"
)

// errHelp ends a run that printed help: exit code 0.
var errHelp = errors.New("help shown")

// call is one run of one verb: its environment, arguments and the flags
// every verb shares.
type call struct {
	env  Env
	name string
	verb verb
	args []string

	db    string // --db
	today string // --today, when the verb has it
	pos   []string
	fs    *flag.FlagSet
}

// flags returns the verb's flag set with --db, and --today when the verb
// uses today's date. usage is the synopsis, about a paragraph of help.
func (c *call) flags(usage, about string, withToday ...bool) *flag.FlagSet {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&c.db, "db", "", "the journal file (default: $ONEONONE_DB, else the XDG data folder)")
	if len(withToday) > 0 && withToday[0] {
		fs.StringVar(&c.today, "today", "", "the date to take as today, YYYY-MM-DD (default: $ONEONONE_TODAY, else the clock)")
	} else {
		// Accepted everywhere so a shell alias with --today works on any
		// verb; shown only where it matters.
		fs.StringVar(&c.today, "today", "", "")
	}
	fs.Usage = func() {
		w := c.env.Stdout
		name := "1on1"
		if c.name != "" {
			name += " " + c.name
		}
		fmt.Fprintf(w, "Usage: %s %s\n\n", name, usage)
		if about != "" {
			fmt.Fprintln(w, about)
			fmt.Fprintln(w)
		}
		fmt.Fprintln(w, "Flags:")
		fs.VisitAll(func(f *flag.Flag) {
			if f.Usage == "" {
				return
			}
			arg, help := flag.UnquoteUsage(f)
			if arg != "" {
				arg = " " + arg
			}
			fmt.Fprintf(w, "  --%s%s\n      %s\n", f.Name, arg, help)
		})
	}
	c.fs = fs
	return fs
}

// parse parses flags anywhere among the arguments ("note alice --date D"),
// leaving the others in c.pos. After "--" everything is an argument.
func (c *call) parse(fs *flag.FlagSet, args []string) error {
	var tail []string
	for i, a := range args {
		if a == "--" {
			tail = args[i+1:]
			args = args[:i]
			break
		}
	}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.Usage()
				return errHelp
			}
			return &usageError{verb: c.name, msg: strings.TrimPrefix(err.Error(), "flag provided but not defined: ")}
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	c.pos = append(pos, tail...)
	return nil
}

// parseArgs parses the verb's flags among c.args and checks that from min
// to max positional arguments remain (max -1: any number); what names the
// missing ones.
func (c *call) parseArgs(fs *flag.FlagSet, min, max int, what string) error {
	if err := c.parse(fs, c.args); err != nil {
		return err
	}
	return c.wantArgs(min, max, what)
}

// wantArgs checks the number of positional arguments.
func (c *call) wantArgs(min, max int, what string) error {
	switch {
	case len(c.pos) < min:
		return usagef(c.name, "missing %s", what)
	case max >= 0 && len(c.pos) > max:
		return usagef(c.name, "unexpected argument %q", c.pos[max])
	}
	return nil
}

// path is where the journal lives for this call.
func (c *call) path() (string, error) {
	return JournalPath(c.db, c.env.getenv, c.env.HomeDir)
}

// lockWait is how long a verb waits for another process to release the
// journal. Long enough to outlast another verb finishing its write, short
// enough that a journal held by the app is reported well within a second.
const lockWait = 400 * time.Millisecond

// open opens the journal: read-only verbs never change the file.
func (c *call) open(readOnly bool) (*journal.Journal, error) {
	j, err := c.openQuietly(readOnly)
	if err == nil {
		warnIfShared(c.env, j.Path())
	}
	return j, err
}

// openQuietly opens the journal as open does but without the warning about
// a journal others can read, which the app and demo have never given. The
// journal's path is j.Path().
func (c *call) openQuietly(readOnly bool) (*journal.Journal, error) {
	p, err := c.path()
	if err != nil {
		return nil, err
	}
	return journal.Open(p, journal.Options{ReadOnly: readOnly, Timeout: lockWait})
}

// openToday resolves today and opens the journal, as most verbs begin once
// their arguments are checked. The caller closes the journal.
func (c *call) openToday(readOnly bool) (journal.Date, *journal.Journal, error) {
	today, err := c.todayDate()
	if err != nil {
		return 0, nil, err
	}
	j, err := c.open(readOnly)
	return today, j, err
}

// warnIfShared warns, without refusing, when others may read the journal:
// notes about people are private, but the file is the user's to share.
func warnIfShared(env Env, path string) {
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm()&0o077 == 0 {
		return
	}
	fmt.Fprintf(env.Stderr, "1on1: warning: the journal %s can be read by other users (mode %04o); make it private with: chmod 600 %s\n",
		path, fi.Mode().Perm(), path)
}

// todayDate is the date this call takes as today.
func (c *call) todayDate() (journal.Date, error) {
	return Today(c.today, c.env.getenv, c.env.now())
}

// dateFlag parses the value of a date flag; empty is the zero Date.
func dateFlag(name, v string) (journal.Date, error) {
	if v == "" {
		return 0, nil
	}
	d, err := journal.ParseDate(v)
	if err != nil {
		return 0, fmt.Errorf("bad date %q for --%s: use YYYY-MM-DD", v, name)
	}
	return d, nil
}

// period parses the --since and --until flags that bound a listing; an
// empty one is the zero Date, which leaves that end open.
func period(since, until string) (from, to journal.Date, err error) {
	if from, err = dateFlag("since", since); err != nil {
		return 0, 0, err
	}
	if to, err = dateFlag("until", until); err != nil {
		return 0, 0, err
	}
	if from != 0 && to != 0 && from > to {
		return 0, 0, fmt.Errorf("--since %s is after --until %s: give the earlier date first", from, to)
	}
	return from, to, nil
}

// writeJSON prints v as indented JSON.
func (c *call) writeJSON(v any) error {
	w := c.jsonOut()
	defer w.flush()
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// jsonOut is standard output for JSON: C1 controls, which encoding/json
// leaves raw, are escaped so that the output is safe on a terminal too.
func (c *call) jsonOut() *safeWriter {
	return &safeWriter{w: c.env.raw(), json: true}
}

// raw is standard output without safeWriter, for output that is safe by
// construction (JSON, glamour's rendering of safe text).
func (e Env) raw() io.Writer {
	if e.rawStdout != nil {
		return e.rawStdout
	}
	return e.Stdout
}

// person checks that a handle names someone, with a hint when it does not.
func person(j *journal.Journal, handle string) (journal.Person, error) {
	p, err := j.Person(strings.ToLower(handle))
	if errors.Is(err, journal.ErrNotFound) {
		return p, fmt.Errorf("no person with handle %q; see '1on1 people list' or add them with '1on1 people add'", handle)
	}
	return p, err
}

// itemID strips the leading ^ of a block id as people copy it.
func itemID(s string) string { return strings.TrimPrefix(strings.TrimSpace(s), "^") }
