package cli

import (
	"fmt"
	"io"
	"time"
)

// progress draws one line on stderr, rewritten in place, for long work. It
// draws nothing when stderr is not a terminal, so logs stay clean.
type progress struct {
	w     io.Writer
	what  string
	on    bool
	drawn bool
	last  time.Time
}

func newProgress(env Env, what string) *progress {
	w := env.rawStderr
	if w == nil {
		w = env.Stderr
	}
	return &progress{w: w, what: what, on: env.StderrTTY}
}

// update is the callback journal and demo call after each batch.
func (p *progress) update(done, total int) {
	if !p.on || total <= 0 {
		return
	}
	if done < total && time.Since(p.last) < 100*time.Millisecond {
		return
	}
	p.last = time.Now()
	fmt.Fprintf(p.w, "\r%s: %d/%d (%d%%)\x1b[K", p.what, done, total, done*100/total)
	p.drawn = true
}

// finish ends the line so that what follows starts on its own.
func (p *progress) finish() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.drawn = false
	}
}
