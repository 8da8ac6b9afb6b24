//go:build !unix

package journal

import "os"

// releaseFileLock does nothing where bbolt's lock goes with the handle.
func releaseFileLock(f *os.File) {}

// tryLock leaves the lock to bbolt, which waits for it itself.
func tryLock(f *os.File, exclusive bool) (bool, error) { return true, nil }

// fileID tells files apart where the system says how; elsewhere versions
// rely on the transaction id alone.
type fileID struct{}

func fileIdentity(fi os.FileInfo) fileID { return fileID{} }

// lockHolder is not known here.
func lockHolder(f *os.File) int { return 0 }
