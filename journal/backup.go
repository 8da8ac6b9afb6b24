package journal

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/oneonone/1on1/internal/atomicfile"
)

// AutoBackupsKept is how many daily backups AutoBackup keeps.
const AutoBackupsKept = 7

// BackupOptions tune Backup.
type BackupOptions struct {
	// Force replaces whatever file is at the path, not only an earlier
	// backup (a link there is replaced, never what it points to).
	Force bool
}

// Backup writes a consistent copy of the journal to path, also while the
// journal is in use: the copy is what one read transaction sees, written to
// a temporary file in path's folder, synced, renamed into place and the
// folder synced, so path holds the old backup or the new one, never half
// of one. The copy has mode 0600. Copying the live file with cp instead can
// give a broken copy. Backup refuses to write over the journal itself, and,
// unless opt.Force, over a file that is not a bbolt database (an earlier
// backup): a mistyped path never costs a note (*OverwriteError).
func (j *Journal) Backup(path string, opt BackupOptions) error {
	if same, err := sameFile(path, j.path); err != nil || same {
		if err == nil {
			err = fmt.Errorf("backup to %s: that is the journal itself; choose another file: %w", path, ErrInvalid)
		}
		return err
	}
	if fi, err := os.Lstat(path); err == nil {
		switch {
		case fi.IsDir() || (!fi.Mode().IsRegular() && fi.Mode()&os.ModeSymlink == 0):
			return fmt.Errorf("backup to %s: it is a %s, not a file: %w", path, kindOf(fi.Mode()), ErrInvalid)
		case !opt.Force && (fi.Mode()&os.ModeSymlink != 0 || !isBoltFile(path)):
			return &OverwriteError{Dir: filepath.Dir(path), Files: []string{filepath.Base(path)}, What: "backup"}
		}
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

// BackupDir returns the folder that holds the backups of the journal at
// journalPath: the journal's file name with ".backups" added, beside it
// (journal.db → journal.db.backups), so that two journals in one folder
// never share backups (SPEC 5).
func BackupDir(journalPath string) string { return journalPath + ".backups" }

// DraftDir returns the folder for the drafts of unsaved notes of the
// journal at journalPath: journal.db → journal.db.drafts, beside it.
func DraftDir(journalPath string) string { return journalPath + ".drafts" }

// AutoBackup keeps daily backups of the journal in BackupDir: if the
// backup for now's day (YYYY-MM-DD.db) is not there yet it writes it with
// Backup and returns its path, then prunes the daily backups to the
// AutoBackupsKept most recently taken; when the day's backup exists it
// returns "". now should be the wall clock, not a pinned "today": a
// backup is named for the day it was taken.
//
// A backup's time is when it was taken (the file's modification time),
// never the date in its name, and one taken "after" now (a clock that ran
// ahead, a file copied in from elsewhere) is kept but not counted: it can
// never push out backups taken since. Backups taken on demand (BackupNow)
// are not pruned.
func (j *Journal) AutoBackup(now time.Time) (string, error) {
	if now.IsZero() {
		return "", fmt.Errorf("auto backup needs the time: %w", ErrInvalid)
	}
	dir := BackupDir(j.path)
	path := filepath.Join(dir, now.Format(time.DateOnly)+".db")
	if _, err := os.Lstat(path); err == nil {
		return "", nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("auto backup %s: %w", path, err)
	}
	if err := j.Backup(path, BackupOptions{}); err != nil {
		return "", err
	}
	backups, err := listBackups(dir, now)
	if err != nil {
		return path, err
	}
	kept := 1 // today's stays, even if the clock went back
	for _, b := range backups {
		if b.path == path || !b.daily || b.future {
			continue
		}
		kept++
		if kept > AutoBackupsKept {
			if err := os.Remove(b.path); err != nil && !errors.Is(err, os.ErrNotExist) {
				return path, fmt.Errorf("auto backup: remove old backup: %w", err)
			}
		}
	}
	return path, nil
}

// BackupNow writes a backup into BackupDir named for the moment
// (YYYY-MM-DD-HHMMSS.db), as the app's "back up now" does, and returns its
// path. Such backups are the user's: AutoBackup never prunes them.
func (j *Journal) BackupNow(now time.Time) (string, error) {
	path := filepath.Join(BackupDir(j.path), now.Format("2006-01-02-150405")+".db")
	return path, j.Backup(path, BackupOptions{})
}

// isBoltFile reports whether the file at path starts as a bbolt database
// does: a meta page with bbolt's magic number, in either byte order.
func isBoltFile(path string) bool {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return false
	}
	defer f.Close()
	var head [20]byte
	if _, err := io.ReadFull(f, head[:]); err != nil {
		return false
	}
	m := head[16:20]
	return binary.LittleEndian.Uint32(m) == 0xED0CDAED || binary.BigEndian.Uint32(m) == 0xED0CDAED
}

// backupFile is a backup found on disk.
type backupFile struct {
	path   string
	taken  time.Time // modification time: when Backup renamed it into place
	daily  bool      // named YYYY-MM-DD.db, AutoBackup's
	future bool      // taken after the reference time: a clock ran ahead
}

// listBackups returns the backups in dir, most recently taken first and
// those taken after now last: AutoBackup's YYYY-MM-DD.db and BackupNow's
// YYYY-MM-DD-HHMMSS.db, and the journal-YYYY-MM-DD.db names that earlier
// versions wrote into a shared "backups" folder. Only regular files count;
// a missing dir has none.
func listBackups(dir string, now time.Time) ([]backupFile, error) {
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
		if !e.Type().IsRegular() {
			continue
		}
		stem, ok := strings.CutSuffix(name, ".db")
		if !ok {
			continue
		}
		legacy := false
		if s, ok := strings.CutPrefix(stem, "journal-"); ok {
			stem, legacy = s, true
		}
		daily := false
		if _, err := time.Parse(time.DateOnly, stem); err == nil {
			daily = !legacy
		} else if _, err := time.Parse("2006-01-02-150405", stem); err != nil {
			continue
		}
		fi, err := e.Info()
		if err != nil {
			continue // removed meanwhile
		}
		out = append(out, backupFile{
			path:   filepath.Join(dir, name),
			taken:  fi.ModTime(),
			daily:  daily,
			future: fi.ModTime().After(now.Add(futureSlack)),
		})
	}
	sort.SliceStable(out, func(a, b int) bool {
		x, y := out[a], out[b]
		if x.future != y.future {
			return !x.future
		}
		return x.taken.After(y.taken)
	})
	return out, nil
}

// futureSlack is how far past now a backup's time may be and still count
// as taken now: file systems round times, and clocks drift a little.
const futureSlack = time.Minute
