//go:build unix

package journal

import (
	"os"
	"syscall"
)

// releaseFileLock drops the flock bbolt took on f. Closing f alone is not
// enough once bbolt has mapped the file: the mapping keeps the open file,
// and with it the lock, alive.
func releaseFileLock(f *os.File) {
	_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
}
