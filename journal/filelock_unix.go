//go:build unix

package journal

import (
	"errors"
	"os"
	"syscall"
)

// releaseFileLock drops the flock bbolt took on f. Closing f alone is not
// enough once bbolt has mapped the file: the mapping keeps the open file,
// and with it the lock, alive.
func releaseFileLock(f *os.File) {
	_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
}

// tryLock takes the flock that bbolt would take on f — shared to read,
// exclusive to write — without waiting; false means another holds it.
// bbolt's own try on the same file then succeeds at once.
func tryLock(f *os.File, exclusive bool) (bool, error) {
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	for {
		err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
		switch {
		case err == nil:
			return true, nil
		case errors.Is(err, syscall.EWOULDBLOCK):
			return false, nil
		case errors.Is(err, syscall.EINTR):
			continue
		default:
			return false, err
		}
	}
}

// fileID tells files apart: Compact puts a new file where the old one was.
type fileID struct{ dev, ino uint64 }

func fileIdentity(fi os.FileInfo) fileID {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return fileID{uint64(st.Dev), uint64(st.Ino)}
	}
	return fileID{}
}
