package cli

import (
	"errors"
	"path/filepath"
	"time"

	"github.com/oneonone/1on1/journal"
)

// JournalPath returns where the journal lives (SPEC 5): the --db flag,
// else $ONEONONE_DB, else $XDG_DATA_HOME/1on1/journal.db, else
// ~/.local/share/1on1/journal.db. A relative XDG_DATA_HOME is ignored, as
// the XDG specification says.
func JournalPath(flagDB string, getenv func(string) string, home func() (string, error)) (string, error) {
	if flagDB != "" {
		return flagDB, nil
	}
	if getenv != nil {
		if p := getenv("ONEONONE_DB"); p != "" {
			return p, nil
		}
		if x := getenv("XDG_DATA_HOME"); x != "" && filepath.IsAbs(x) {
			return filepath.Join(x, "1on1", "journal.db"), nil
		}
	}
	if home == nil {
		return "", errors.New("cannot find the home folder; use --db PATH or set ONEONONE_DB")
	}
	h, err := home()
	if err != nil || h == "" {
		return "", errors.New("cannot find the home folder; use --db PATH or set ONEONONE_DB")
	}
	return filepath.Join(h, ".local", "share", "1on1", "journal.db"), nil
}

// Today returns the date to take as today: the --today flag, else
// $ONEONONE_TODAY, else the date of now in its own location.
func Today(flagToday string, getenv func(string) string, now time.Time) (journal.Date, error) {
	if flagToday != "" {
		return parseDate("for --today", flagToday)
	}
	if getenv != nil {
		if v := getenv("ONEONONE_TODAY"); v != "" {
			return parseDate("in ONEONONE_TODAY", v)
		}
	}
	return journal.DateOf(now), nil
}
