// Package atomicfile writes a file so that a reader, or a crash at any
// moment, sees either the old file or the new one, never half of one: the
// data goes to a temporary file in the same folder, is synced, renamed over
// the target, and the folder is synced so the rename itself is durable.
//
// Every writer of 1on1 goes through it: the journal's backups, compaction
// and export, the app's drafts, the CLI's JSON export.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Options tune one write. The zero value is the safe default: mode 0600,
// file and folder synced.
type Options struct {
	// Perm is the file's mode, applied whatever the umask; 0 means 0600.
	Perm fs.FileMode
	// NoSync skips both fsyncs. Only for a caller that makes a whole tree
	// durable at once afterwards (an export of thousands of notes syncs its
	// file system once instead of once per file).
	NoSync bool
}

// Write writes data to path atomically.
func Write(path string, data []byte, opt Options) error {
	return WriteFrom(path, opt, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// WriteFrom writes what fill writes to path atomically. When fill fails, or
// anything after it does, the temporary file is removed and path is left as
// it was.
func WriteFrom(path string, opt Options, fill func(w io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	// The temporary name starts with a dot so that folder readers (import,
	// editors' file lists) pass over it.
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
			err = fmt.Errorf("write %s: %w", path, err)
		}
	}()
	perm := opt.Perm
	if perm == 0 {
		perm = 0o600
	}
	// Before any byte is written: a private file is never readable by
	// others, not even for a moment.
	if err = f.Chmod(perm); err != nil {
		return err
	}
	if err = fill(f); err != nil {
		return err
	}
	if !opt.NoSync {
		if err = f.Sync(); err != nil {
			return err
		}
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp, path); err != nil {
		return err
	}
	if opt.NoSync {
		return nil
	}
	if err := SyncDir(dir); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// Replace renames the finished file tmp over path and syncs the folder, for
// a writer that builds the temporary file itself (bbolt compaction). tmp
// must be in path's folder and already synced.
func Replace(tmp, path string) error {
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("replace %s: %w", path, err)
	}
	if err := SyncDir(filepath.Dir(path)); err != nil {
		return fmt.Errorf("replace %s: %w", path, err)
	}
	return nil
}

// SyncDir makes the entries of dir durable (a rename or a new file in it).
// File systems and platforms that cannot sync a folder are not an error.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) && !errors.Is(err, errors.ErrUnsupported) {
		return err
	}
	return nil
}
