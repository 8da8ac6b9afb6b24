package journal

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestBackupWhileAnotherGoroutineWritesIsAConsistentPrefix(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "alice", "Alice")
	d := day(t, "2026-11-20")
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var writeErr error
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			note := fmt.Sprintf("write %d\n- [ ] task %d by friday\n", i, i)
			if _, err := j.AddMeeting(Meeting{Person: "alice", Date: d.AddDays(i % 40), Note: note}, d); err != nil {
				writeErr = err
				return
			}
		}
	}()
	dir := t.TempDir()
	var paths []string
	for i := 0; i < 5; i++ {
		p := filepath.Join(dir, fmt.Sprintf("backup-%d.db", i))
		if err := j.Backup(p, BackupOptions{}); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	close(stop)
	wg.Wait()
	if writeErr != nil {
		t.Fatal(writeErr)
	}
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			fi, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			if fi.Mode().Perm() != 0o600 {
				t.Errorf("mode %v, want 0600", fi.Mode().Perm())
			}
			rep, err := CheckFile(p)
			if err != nil || !rep.OK {
				t.Fatalf("check of backup: %v\n%s", err, rep)
			}
			b, err := Open(p, Options{ReadOnly: true})
			if err != nil {
				t.Fatal(err)
			}
			defer b.Close()
			var seen []int
			err = b.ForEachMeeting(func(m Meeting) error {
				n, err := strconv.Atoi(strings.TrimPrefix(strings.SplitN(m.Note, "\n", 2)[0], "write "))
				seen = append(seen, n)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			sort.Ints(seen)
			for i, n := range seen {
				if n != i {
					t.Fatalf("backup holds writes %v…: not a prefix of the writes", seen[:i+1])
				}
			}
			if len(seen) != rep.Meetings {
				t.Errorf("%d notes read, check counted %d", len(seen), rep.Meetings)
			}
		})
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != len(paths) {
		t.Errorf("%d files in the backup folder, want %d: temp files left behind", len(entries), len(paths))
	}
}

func TestBackupRefusesToOverwriteTheJournal(t *testing.T) {
	j := openTemp(t)
	if err := j.Backup(j.Path(), BackupOptions{}); !errors.Is(err, ErrInvalid) {
		t.Errorf("backup onto the journal: %v, want ErrInvalid", err)
	}
}

func TestAutoBackupKeepsOnePerDayAndTheSevenLastTaken(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "alice", "Alice")
	dir := BackupDir(j.Path())
	start := time.Date(2026, 11, 1, 9, 0, 0, 0, time.Local)
	for i := 0; i < 10; i++ {
		now := start.AddDate(0, 0, i)
		p, err := j.AutoBackup(now)
		if err != nil {
			t.Fatal(err)
		}
		if want := filepath.Join(dir, now.Format("2006-01-02")+".db"); p != want {
			t.Errorf("day %d: wrote %q, want %q", i, p, want)
		}
		// Taken on that day, as the clock would have said.
		os.Chtimes(p, now, now)
		again, err := j.AutoBackup(now.Add(time.Hour))
		if err != nil || again != "" {
			t.Errorf("second backup the same day: %q %v, want none", again, err)
		}
	}
	want := "2026-11-10.db 2026-11-09.db 2026-11-08.db 2026-11-07.db 2026-11-06.db 2026-11-05.db 2026-11-04.db"
	if got := backupNames(t, dir, start.AddDate(0, 0, 10)); got != want {
		t.Errorf("kept %v, want %s", got, want)
	}
	if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("backup folder: %v %v, want mode 0700", fi.Mode().Perm(), err)
	}
}

func TestBackupFoldersAreNamedAfterTheJournalFile(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "work.db"), filepath.Join(dir, "home.db")
	if BackupDir(a) == BackupDir(b) || DraftDir(a) == DraftDir(b) || BackupDir(a) == DraftDir(a) {
		t.Fatalf("two journals in one folder share a folder: %s %s %s %s", BackupDir(a), BackupDir(b), DraftDir(a), DraftDir(b))
	}
	if BackupDir(a) != filepath.Join(dir, "work.db.backups") || DraftDir(a) != filepath.Join(dir, "work.db.drafts") {
		t.Errorf("folders %s, %s; SPEC 5 names them work.db.backups and work.db.drafts", BackupDir(a), DraftDir(a))
	}
	now := time.Date(2026, 11, 30, 9, 0, 0, 0, time.Local)
	for _, path := range []string{a, b} {
		j, err := Open(path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		// The second journal's daily backup is not skipped because the
		// first one's exists.
		p, err := j.AutoBackup(now)
		j.Close()
		if err != nil || p == "" {
			t.Fatalf("%s: daily backup %q, %v", path, p, err)
		}
		if filepath.Dir(p) != BackupDir(path) {
			t.Errorf("%s backed up into %s", path, p)
		}
	}
}

// A start with a clock (or a pinned day) in the future left a backup whose
// name and time are ahead of every real one; later real backups must not be
// pruned because of it, and it is not pruned in their place either.
func TestAFutureBackupNeverPushesOutRealOnes(t *testing.T) {
	for _, tc := range []struct {
		name   string
		future string // the stray file's name
	}{
		{"named and taken in the future", "2030-01-01.db"},
		{"named in the past, taken in the future", "2026-10-01.db"},
		{"taken on demand in the future", "2031-05-05-101010.db"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			j := openTemp(t)
			dir := BackupDir(j.Path())
			ahead := time.Date(2030, 1, 1, 9, 0, 0, 0, time.Local)
			stray := filepath.Join(dir, tc.future)
			if err := j.Backup(stray, BackupOptions{}); err != nil {
				t.Fatal(err)
			}
			os.Chtimes(stray, ahead, ahead)
			start := time.Date(2026, 11, 1, 9, 0, 0, 0, time.Local)
			for i := 0; i < 12; i++ {
				now := start.AddDate(0, 0, i)
				p, err := j.AutoBackup(now)
				if err != nil || p == "" {
					t.Fatalf("day %d: %q %v", i, p, err)
				}
				os.Chtimes(p, now, now)
			}
			got := backupNames(t, dir, start.AddDate(0, 0, 12))
			want := "2026-11-12.db 2026-11-11.db 2026-11-10.db 2026-11-09.db 2026-11-08.db 2026-11-07.db 2026-11-06.db " + tc.future
			if got != want {
				t.Errorf("kept %s\nwant %s", got, want)
			}
		})
	}
}

func TestBackupNowIsNeverPruned(t *testing.T) {
	j := openTemp(t)
	start := time.Date(2026, 11, 1, 9, 0, 0, 0, time.Local)
	manual, err := j.BackupNow(start)
	if err != nil {
		t.Fatal(err)
	}
	os.Chtimes(manual, start, start)
	for i := 1; i <= 9; i++ {
		now := start.AddDate(0, 0, i)
		p, _ := j.AutoBackup(now)
		os.Chtimes(p, now, now)
	}
	if _, err := os.Stat(manual); err != nil {
		t.Errorf("a backup taken on demand was pruned: %v", err)
	}
}

// backupNames lists the backups in dir as listBackups orders them.
func backupNames(t *testing.T, dir string, now time.Time) string {
	t.Helper()
	backups, err := listBackups(dir, now)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, b := range backups {
		names = append(names, filepath.Base(b.path))
	}
	return strings.Join(names, " ")
}

// TestBackupReplacesOnlyAnEarlierBackup: a mistyped path (a note, a link)
// is not replaced by a backup unless forced; an earlier backup is.
func TestBackupReplacesOnlyAnEarlierBackup(t *testing.T) {
	j := openTemp(t)
	dir := t.TempDir()
	bak := filepath.Join(dir, "copy.db")
	if err := j.Backup(bak, BackupOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := j.Backup(bak, BackupOptions{}); err != nil {
		t.Errorf("over an earlier backup: %v", err)
	}
	note := filepath.Join(dir, "notes.md")
	os.WriteFile(note, []byte("my notes\n"), 0o600)
	empty := filepath.Join(dir, "empty")
	os.WriteFile(empty, nil, 0o600)
	for _, p := range []string{note, empty} {
		err := j.Backup(p, BackupOptions{})
		var oe *OverwriteError
		if !errors.As(err, &oe) || !errors.Is(err, ErrExists) || !strings.Contains(err.Error(), p) {
			t.Errorf("backup over %s: %v, want an OverwriteError naming it", p, err)
		}
	}
	if b, _ := os.ReadFile(note); string(b) != "my notes\n" {
		t.Errorf("a refused backup changed the file")
	}
	target := filepath.Join(t.TempDir(), "target")
	os.WriteFile(target, []byte("x"), 0o600)
	link := filepath.Join(dir, "link.db")
	if os.Symlink(target, link) == nil {
		if err := j.Backup(link, BackupOptions{}); !errors.Is(err, ErrExists) {
			t.Errorf("backup over a link: %v", err)
		}
		if err := j.Backup(link, BackupOptions{Force: true}); err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(target); string(b) != "x" {
			t.Errorf("the link's target was written")
		}
	}
	if err := j.Backup(note, BackupOptions{Force: true}); err != nil {
		t.Errorf("--force: %v", err)
	}
	if rep, err := CheckFile(note); err != nil || !rep.OK {
		t.Errorf("the forced backup is not a sound journal: %v %v", err, rep)
	}
}
