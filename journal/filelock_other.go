//go:build !unix

package journal

import "os"

// releaseFileLock does nothing where bbolt's lock goes with the handle.
func releaseFileLock(f *os.File) {}
