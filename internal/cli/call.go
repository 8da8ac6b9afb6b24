package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/oneonone/1on1/internal/termsafe"

	"github.com/oneonone/1on1/journal"
	"github.com/spf13/cobra"
)

// call is one run of the command: its environment and the flags every
// verb shares. The verbs' constructors close over it.
type call struct {
	env   Env
	db    string // --db
	today string // --today

	warned bool // the permission warning was given
}

// todayFlag shows --today in cmd's help: the verbs whose output depends on
// the date add it. Every verb accepts it (the root's hidden copy).
func (c *call) todayFlag(cmd *cobra.Command) {
	cmd.Flags().StringVar(&c.today, "today", "", "the `YYYY-MM-DD` to take as today (default: $ONEONONE_TODAY, else the clock)")
}

// args checks that from min to max positional arguments were given (max
// -1: any number); what names the missing ones.
func args(min, max int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		switch {
		case len(args) < min:
			return usagef(cmd, "missing %s", what)
		case max >= 0 && len(args) > max:
			return usagef(cmd, "unexpected argument %q", args[max])
		}
		return nil
	}
}

// path is where the journal lives for this call.
func (c *call) path() (string, error) {
	return JournalPath(c.db, c.env.getenv, c.env.HomeDir)
}

// open opens the journal: read-only verbs never change the file. A verb
// that meets a write in progress elsewhere waits for it (wait.go).
func (c *call) open(readOnly bool) (*journal.Journal, error) {
	j, err := c.openWith(journal.Options{ReadOnly: readOnly, Waiting: waitNotice(c.env), VaultError: c.vaultWarning})
	if err == nil && !c.warned {
		c.warned = true
		warnIfShared(c.env, j)
	}
	return j, err
}

// openQuietly opens the journal as open does but without the warning about
// a journal others can read, which the app and demo have never given, and
// without a waiting message on standard error, where the app draws. The
// journal's path is j.Path().
func (c *call) openQuietly(readOnly bool) (*journal.Journal, error) {
	return c.openWith(journal.Options{ReadOnly: readOnly})
}

func (c *call) openWith(opts journal.Options) (*journal.Journal, error) {
	p, err := c.path()
	if err != nil {
		return nil, err
	}
	if opts.Timeout, err = lockTimeout(c.env); err != nil {
		return nil, err
	}
	j, err := journal.Open(p, opts)
	return j, openHints(p, err)
}

// openHints adds to an error opening the journal at path what the user
// can do about it.
func openHints(path string, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, journal.ErrLocked):
		return &hintedError{err: err, hints: []string{lockedHint}}
	case errors.Is(err, journal.ErrNotFound):
		return &hintedError{err: err, hints: []string{"start one with '1on1 people add NAME' (or try '1on1 demo'), or name another with --db or $ONEONONE_DB"}}
	case errors.Is(err, journal.ErrCorrupt):
		return &hintedError{err: err, hints: append([]string{"'1on1 check' shows what is wrong"}, restoreHints(path)...)}
	}
	return err
}

// restoreHints say where the backups of the journal at path are and how
// one is put back.
func restoreHints(path string) []string {
	return []string{
		"the app's daily backups are in " + journal.BackupDir(path) + "; to restore one, move the damaged file away, then: cp BACKUP " + path,
	}
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

// openPerson resolves today, opens the journal and looks up the person
// with handle: the opening of every verb about one person. The journal is
// closed again when the person is not found.
func (c *call) openPerson(readOnly bool, handle string) (journal.Date, *journal.Journal, journal.Person, error) {
	today, err := c.todayDate()
	if err != nil {
		return 0, nil, journal.Person{}, err
	}
	j, p, err := c.openHandle(readOnly, handle)
	return today, j, p, err
}

// openHandle opens the journal and looks up the person with handle,
// closing the journal again when there is none.
func (c *call) openHandle(readOnly bool, handle string) (*journal.Journal, journal.Person, error) {
	j, err := c.open(readOnly)
	if err != nil {
		return nil, journal.Person{}, err
	}
	p, err := person(j, handle)
	if err != nil {
		j.Close()
		return nil, journal.Person{}, err
	}
	return j, p, nil
}

// warnIfShared warns, without refusing, when others may read or replace
// the journal (the journal's own warnings, which the app shows too): notes
// about people are private, but the file is the user's to share.
func warnIfShared(env Env, j *journal.Journal) {
	for _, w := range j.Warnings() {
		fmt.Fprintln(env.Stderr, "1on1: warning: "+w)
	}
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
	return parseDate("for --"+name, v)
}

// The dates the journal holds: day 0 is its "no date".
const dateRange = "from 1970-01-02 to 9999-12-31"

// parseDate parses a YYYY-MM-DD date given as what ("for --date"), saying
// the range when the date is a real one outside it.
func parseDate(what, v string) (journal.Date, error) {
	d, err := journal.ParseDate(v)
	if err == nil {
		return d, nil
	}
	if _, terr := time.Parse("2006-01-02", v); terr == nil {
		return 0, fmt.Errorf("date %s %s is out of range: use one %s", v, what, dateRange)
	}
	return 0, fmt.Errorf("bad date %q %s: use YYYY-MM-DD, %s", v, what, dateRange)
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
	defer w.Flush()
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// jsonOut is standard output for JSON: C1 controls and bidi overrides,
// which encoding/json leaves raw, are escaped so that the output is safe
// on a terminal too.
func (c *call) jsonOut() *termsafe.Writer {
	return termsafe.NewJSONWriter(c.env.raw())
}

// raw is standard output without the termsafe writer, for output that is safe by
// construction (JSON, mdterm's rendering).
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
		return p, notFoundf("no person with handle %q; see '1on1 people list' or add them with '1on1 people add'", handle)
	}
	return p, err
}

// notFoundError is a person, meeting or item that is not in the journal,
// said in the command line's words; it exits with its own code.
type notFoundError struct{ msg string }

func (e *notFoundError) Error() string        { return e.msg }
func (e *notFoundError) Is(target error) bool { return target == journal.ErrNotFound }

func notFoundf(format string, args ...any) error {
	return &notFoundError{msg: fmt.Sprintf(format, args...)}
}

// itemID strips the leading ^ of a block id as people copy it.
func itemID(s string) string { return strings.TrimPrefix(strings.TrimSpace(s), "^") }

// itemRef reads an item as given on the command line: ID, ^ID, or
// HANDLE/ID (HANDLE/^ID) when the id is in more than one person's notes.
func itemRef(s string) (handle, id string) {
	s = strings.TrimSpace(s)
	if h, rest, ok := strings.Cut(s, "/"); ok {
		return strings.TrimSpace(h), itemID(rest)
	}
	return "", itemID(s)
}
