package journal

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/oneonone/1on1/internal/atomicfile"
)

// AutoBackupsKept is how many daily backups AutoBackup keeps.
const AutoBackupsKept = 7

// Backup writes a consistent copy of the journal to path, also while the
// journal is in use: the copy is what one read transaction sees, written to
// a temporary file in path's folder, synced, renamed into place and the
// folder synced, so path holds the old backup or the new one, never half
// of one. The copy has mode 0600. Copying the live file with cp instead can
// give a broken copy. Backup refuses to write over the journal itself.
func (j *Journal) Backup(path string) error {
	if same, err := sameFile(path, j.path); err != nil || same {
		if err == nil {
			err = fmt.Errorf("backup to %s: that is the journal itself; choose another file: %w", path, ErrInvalid)
		}
		return err
	}
	if err := ensureDir(filepath.Dir(path)); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	err := atomicfile.WriteFrom(path, atomicfile.Options{}, func(w io.Writer) error {
		return j.view(func(tx *bolt.Tx) error {
			_, err := tx.WriteTo(w)
			return err
		})
	})
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return nil
}

// sameFile reports whether a and b name the same file; a missing a is not b.
func sameFile(a, b string) (bool, error) {
	fa, err := os.Stat(a)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("backup to %s: %w", a, err)
	}
	fb, err := os.Stat(b)
	if err != nil {
		return false, nil
	}
	return os.SameFile(fa, fb), nil
}

// AutoBackup keeps daily backups in dir: if there is no journal-<today>.db
// yet it writes one with Backup and returns its path, then removes all but
// the newest AutoBackupsKept; if today's backup exists it returns "". dir
// is made with mode 0700 when missing. Repair looks for these backups in
// the journal's own folder and in its "backups" subfolder.
func (j *Journal) AutoBackup(dir string, today Date) (string, error) {
	if today <= 0 {
		return "", fmt.Errorf("auto backup needs today's date: %w", ErrInvalid)
	}
	path := filepath.Join(dir, backupName(today))
	if _, err := os.Lstat(path); err == nil {
		return "", nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("auto backup %s: %w", path, err)
	}
	if err := j.Backup(path); err != nil {
		return "", err
	}
	backups, err := listBackups(dir)
	if err != nil {
		return path, err
	}
	kept := 0
	for _, b := range backups {
		if b.path == path {
			continue // today's stays, even if the clock went back
		}
		kept++
		if kept >= AutoBackupsKept {
			if err := os.Remove(b.path); err != nil && !errors.Is(err, os.ErrNotExist) {
				return path, fmt.Errorf("auto backup: remove old backup: %w", err)
			}
		}
	}
	return path, nil
}

func backupName(d Date) string { return "journal-" + d.String() + ".db" }

type backupFile struct {
	path string
	date Date
}

// listBackups returns the journal-YYYY-MM-DD.db files in dir, newest
// first; a missing dir has none.
func listBackups(dir string) ([]backupFile, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list backups in %s: %w", dir, err)
	}
	var out []backupFile
	for _, e := range entries {
		name := e.Name()
		ds, ok := strings.CutPrefix(name, "journal-")
		if !ok || !e.Type().IsRegular() {
			continue
		}
		ds, ok = strings.CutSuffix(ds, ".db")
		if !ok {
			continue
		}
		d, err := ParseDate(ds)
		if err != nil || backupName(d) != name {
			continue
		}
		out = append(out, backupFile{filepath.Join(dir, name), d})
	}
	sort.Slice(out, func(a, b int) bool { return out[a].date > out[b].date })
	return out, nil
}
