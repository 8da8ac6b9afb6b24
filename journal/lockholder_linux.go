package journal

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// lockHolder returns the pid of a process holding a flock on f's file, 0
// when none is found: the kernel lists every lock in /proc/locks, with the
// pid that took it, so no pid file is needed, and none can name a process
// that died.
func lockHolder(f *os.File) int {
	fi, err := f.Stat()
	if err != nil {
		return 0
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return 0
	}
	locks, err := os.Open("/proc/locks")
	if err != nil {
		return 0
	}
	defer locks.Close()
	ino := ":" + strconv.FormatUint(st.Ino, 10)
	self := os.Getpid()
	sc := bufio.NewScanner(locks)
	for sc.Scan() {
		// "1: FLOCK  ADVISORY  WRITE 4121 fd:01:1234567 0 EOF"; waiters
		// are listed as "1: -> FLOCK …" and hold nothing.
		f := strings.Fields(sc.Text())
		if len(f) < 6 || f[1] != "FLOCK" || !strings.HasSuffix(f[5], ino) {
			continue
		}
		if pid, err := strconv.Atoi(f[4]); err == nil && pid > 0 && pid != self {
			return pid
		}
	}
	return 0
}
