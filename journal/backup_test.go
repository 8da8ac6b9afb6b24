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
		if err := j.Backup(p); err != nil {
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
	if err := j.Backup(j.Path()); !errors.Is(err, ErrInvalid) {
		t.Errorf("backup onto the journal: %v, want ErrInvalid", err)
	}
}

func TestAutoBackupKeepsOnePerDayAndTheNewestSeven(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "alice", "Alice")
	dir := filepath.Join(t.TempDir(), "backups")
	start := day(t, "2026-11-01")
	for i := 0; i < 10; i++ {
		today := start.AddDays(i)
		p, err := j.AutoBackup(dir, today)
		if err != nil {
			t.Fatal(err)
		}
		if want := filepath.Join(dir, "journal-"+today.String()+".db"); p != want {
			t.Errorf("day %d: wrote %q, want %q", i, p, want)
		}
		again, err := j.AutoBackup(dir, today)
		if err != nil || again != "" {
			t.Errorf("second backup the same day: %q %v, want none", again, err)
		}
	}
	backups, err := listBackups(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, b := range backups {
		names = append(names, filepath.Base(b.path))
	}
	want := "journal-2026-11-10.db journal-2026-11-09.db journal-2026-11-08.db journal-2026-11-07.db journal-2026-11-06.db journal-2026-11-05.db journal-2026-11-04.db"
	if strings.Join(names, " ") != want {
		t.Errorf("kept %v, want %s", names, want)
	}
	if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("backup folder: %v %v, want mode 0700", fi.Mode().Perm(), err)
	}
}
