package cli

import (
	"fmt"
	"sync"
	"time"
)

// The journal is held only for the length of each transaction (SPEC 4.5),
// so a verb run beside the app, or beside another verb, waits for the
// write in progress instead of failing. A wait past journal.WaitNotice is
// said once on standard error, so that a pause is never a mystery; a wait
// past journal.DefaultTimeout ends in the journal's ErrLocked, with a hint
// (openHints).

// lockTimeoutVar names how long a verb waits for another process's write
// before it gives up with exit code 11: a duration such as 5s (default
// journal.DefaultTimeout), for scripts that would rather fail fast.
const lockTimeoutVar = "ONEONONE_LOCK_TIMEOUT"

// lockTimeout reads lockTimeoutVar; zero means the journal's default.
func lockTimeout(env Env) (time.Duration, error) {
	v := env.getenv(lockTimeoutVar)
	if v == "" {
		return 0, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("bad %s=%q: use a duration such as 10s or 500ms", lockTimeoutVar, v)
	}
	return d, nil
}

// waitNotice returns the journal's Waiting callback for a verb: one line
// on standard error, the first time only.
func waitNotice(env Env) func(pid int) {
	var once sync.Once
	return func(pid int) {
		once.Do(func() {
			who := "another process"
			if pid > 0 {
				who = fmt.Sprintf("another process (pid %d)", pid)
			}
			fmt.Fprintf(env.Stderr, "1on1: waiting for the journal: %s is writing to it…\n", who)
		})
	}
}
