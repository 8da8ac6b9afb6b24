// Package termbg decides whether the terminal has a dark background, at
// the moment drawing colour first needs it and never during start-up.
package termbg

import (
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	// Imported for its init order: bubbletea's init must have run (with
	// TERM=dumb, see package startup) before TERM is put back here.
	_ "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"golang.org/x/sys/unix"
	"golang.org/x/term"

	"github.com/oneonone/1on1/internal/startup"
)

// queryTimeout bounds the wait for the terminal's answer. A terminal that
// does not know OSC 11 still answers the cursor query sent with it at
// once; only a terminal that answers nothing waits this long.
const queryTimeout = 150 * time.Millisecond

func init() {
	startup.RestoreEnv()
	// termenv's default output read its colour profile from TERM=dumb.
	termenv.SetDefaultOutput(termenv.NewOutput(os.Stdout))
}

var (
	once sync.Once
	dark bool
)

// Dark reports whether the terminal's background is dark, and tells
// lipgloss so that adaptive colours follow. COLORFGBG (set by many
// terminals) answers without a query; otherwise the terminal on standard
// output is asked once, with a short timeout. Not a terminal, or no
// answer: dark.
func Dark() bool {
	once.Do(func() {
		dark = detect(os.Getenv)
		lipgloss.SetHasDarkBackground(dark)
	})
	return dark
}

func detect(getenv func(string) string) bool {
	if v := getenv("COLORFGBG"); strings.Contains(v, ";") {
		parts := strings.Split(v, ";")
		if bg, err := strconv.Atoi(parts[len(parts)-1]); err == nil {
			// 0-6 and 8 are the dark ANSI colours; 7 and 9-15 light.
			return bg < 7 || bg == 8
		}
	}
	if !term.IsTerminal(int(os.Stdout.Fd())) {
		return true
	}
	switch t := getenv("TERM"); {
	case t == "dumb", strings.HasPrefix(t, "screen"), strings.HasPrefix(t, "tmux"):
		// Multiplexers serve several terminals at once; termenv does not
		// ask them either.
		return true
	}
	c, ok := query(queryTimeout)
	if !ok {
		return true
	}
	return c.dark()
}

// rgb is a colour the terminal reported; the fourth byte marks it set.
type rgb [4]uint8

// dark reports an HSL lightness under one half, as termenv decides.
func (c rgb) dark() bool {
	hi := max(c[0], c[1], c[2])
	lo := min(c[0], c[1], c[2])
	return int(hi)+int(lo) < 255
}

// query asks the controlling terminal for its background colour (OSC 11)
// followed by its cursor position (CSI 6n), which every terminal answers:
// the second answer ends the wait early on a terminal that ignores OSC 11.
func query(timeout time.Duration) (rgb, bool) {
	tty, err := os.OpenFile("/dev/tty", os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		return rgb{}, false
	}
	defer tty.Close()
	fd := int(tty.Fd())
	// A background job that reads the terminal is stopped (SIGTTIN).
	if pg, err := unix.IoctlGetInt(fd, unix.TIOCGPGRP); err != nil || pg != unix.Getpgrp() {
		return rgb{}, false
	}
	saved, err := term.MakeRaw(fd)
	if err != nil {
		return rgb{}, false
	}
	defer term.Restore(fd, saved)
	if _, err := tty.WriteString("\x1b]11;?\x1b\\\x1b[6n"); err != nil {
		return rgb{}, false
	}
	deadline := time.Now().Add(timeout)
	var got []byte
	buf := make([]byte, 256)
	for len(got) < 1024 {
		left := time.Until(deadline)
		if left <= 0 {
			return rgb{}, false
		}
		fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
		n, err := unix.Poll(fds, int(left/time.Millisecond)+1)
		if err == unix.EINTR {
			continue
		}
		if err != nil || n == 0 {
			return rgb{}, false
		}
		k, err := tty.Read(buf)
		if err != nil {
			return rgb{}, false
		}
		got = append(got, buf[:k]...)
		if c, done := parseReply(got); done {
			return c, c != rgb{}
		}
	}
	return rgb{}, false
}

// parseReply reads the terminal's answers so far: done once the cursor
// report (ESC [ row ; col R) has arrived, with the colour if an OSC 11
// answer (ESC ] 11 ; rgb:RRRR/GGGG/BBBB, ended by BEL or ST) came first.
func parseReply(b []byte) (rgb, bool) {
	s := string(b)
	i := strings.Index(s, "\x1b[")
	for i >= 0 {
		rest := s[i+2:]
		j := strings.IndexFunc(rest, func(r rune) bool { return !(r >= '0' && r <= '9' || r == ';') })
		if j > 0 && rest[j] == 'R' {
			break
		}
		k := strings.Index(rest, "\x1b[")
		if k < 0 {
			return rgb{}, false
		}
		i += 2 + k
	}
	if i < 0 {
		return rgb{}, false
	}
	o := strings.Index(s[:i], "\x1b]11;rgb:")
	if o < 0 {
		return rgb{}, true
	}
	v := s[o+len("\x1b]11;rgb:") : i]
	v = strings.TrimRight(strings.TrimSuffix(v, "\x1b\\"), "\a")
	parts := strings.Split(v, "/")
	if len(parts) != 3 {
		return rgb{}, true
	}
	var c rgb
	for n, p := range parts {
		if len(p) < 2 {
			return rgb{}, true
		}
		v, err := strconv.ParseUint(p[:2], 16, 8)
		if err != nil {
			return rgb{}, true
		}
		c[n] = uint8(v)
	}
	c[3] = 1
	return c, true
}
