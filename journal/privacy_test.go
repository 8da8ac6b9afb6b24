//go:build unix

package journal

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// modesUnder walks root and returns the permission bits of every file and
// folder under it, root included.
func modesUnder(t *testing.T, root string) map[string]os.FileMode {
	t.Helper()
	out := map[string]os.FileMode{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		out[p] = fi.Mode()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestEverythingTheJournalWritesIsPrivateWhateverTheUmask: under umask
// 000, 022 and 077, the journal's folder is 0700 and the journal, its pid
// file, backups, automatic backups and exported notes are 0600 in 0700
// folders.
func TestEverythingTheJournalWritesIsPrivateWhateverTheUmask(t *testing.T) {
	for _, mask := range []int{0o000, 0o022, 0o077} {
		t.Run(fmt.Sprintf("umask %03o", mask), func(t *testing.T) {
			root := t.TempDir()
			dir := filepath.Join(root, "data", "1on1")
			path := filepath.Join(dir, "journal.db")
			old := syscall.Umask(mask)
			defer syscall.Umask(old)

			j, err := Open(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			mustPerson(t, j, "alice", "Alice Martin")
			mustMeeting(t, j, "alice", "2026-11-20", "- [ ] send the deck by friday\n")
			if err := j.Backup(filepath.Join(root, "backups", "copy.db"), BackupOptions{}); err != nil {
				t.Fatal(err)
			}
			auto, err := j.AutoBackup(time.Date(2026, 11, 22, 9, 0, 0, 0, time.Local))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := j.ExportMarkdown(filepath.Join(root, "export"), ExportOptions{}); err != nil {
				t.Fatal(err)
			}
			want := map[string]os.FileMode{
				dir:                            0o700,
				path:                           0o600,
				filepath.Join(root, "backups"): 0o700,
				filepath.Join(root, "backups", "copy.db"): 0o600,
				filepath.Dir(auto):                        0o700,
				auto:                                      0o600,
			}
			for p, m := range want {
				fi, err := os.Stat(p)
				if err != nil {
					t.Errorf("%v", err)
					continue
				}
				if got := fi.Mode().Perm(); got != m {
					t.Errorf("%s has mode %04o, want %04o", p, got, m)
				}
			}
			for p, m := range modesUnder(t, filepath.Join(root, "export")) {
				if want := os.FileMode(0o600); m.IsDir() {
					want = 0o700
					if m.Perm() != want {
						t.Errorf("export folder %s has mode %04o, want %04o", p, m.Perm(), want)
					}
				} else if m.Perm() != want {
					t.Errorf("exported file %s has mode %04o, want %04o", p, m.Perm(), want)
				}
			}
			if ws := j.Warnings(); len(ws) > 0 {
				t.Errorf("a journal the journal made gets warnings: %q", ws)
			}
			if err := j.Close(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestJournalOthersCanReadGetsAWarning: a journal file that other users
// can read, or a folder they can change, gets a warning that says what to
// run; a private one, or one in a sticky shared folder, gets none.
func TestJournalOthersCanReadGetsAWarning(t *testing.T) {
	cases := []struct {
		name      string
		file, dir os.FileMode
		want      string // in the warning; "" for none
	}{
		{"private", 0o600, 0o700, ""},
		{"read-only for its owner", 0o400, 0o700, ""},
		{"readable by everyone", 0o644, 0o700, "can be read by other users (mode 0644); make it private with: chmod 600"},
		{"readable by the group", 0o640, 0o700, "(mode 0640)"},
		{"writable by everyone", 0o666, 0o700, "(mode 0666)"},
		{"folder others can change", 0o600, 0o777, "can be changed by other users (mode 0777); make it private with: chmod 700"},
		{"folder the group can change", 0o600, 0o770, "(mode 0770)"},
		{"folder others can list", 0o600, 0o755, ""},
		{"sticky shared folder", 0o600, 0o777 | os.ModeSticky, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "1on1")
			path := filepath.Join(dir, "journal.db")
			j, err := Open(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer j.Close()
			if err := os.Chmod(path, tc.file); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(dir, tc.dir); err != nil {
				t.Fatal(err)
			}
			defer os.Chmod(dir, 0o700)
			w := PermissionWarning(path)
			ws := j.Warnings()
			switch {
			case tc.want == "" && (w != "" || len(ws) != 0):
				t.Errorf("warning %q, %q; want none", w, ws)
			case tc.want != "" && !strings.Contains(w, tc.want):
				t.Errorf("PermissionWarning = %q, want it to say %q", w, tc.want)
			case tc.want != "" && (len(ws) != 1 || ws[0] != w):
				t.Errorf("Warnings() = %q, want [%q]", ws, w)
			}
		})
	}
	if w := PermissionWarning(filepath.Join(t.TempDir(), "missing.db")); w != "" {
		t.Errorf("a missing file gets a warning: %q", w)
	}
}

// noteSecret is a word that appears only in note text and a person's
// context notes: no error may hold it.
const noteSecret = "zqprivatesecret"

// secretNote is a note whose every kind of line holds the secret.
const secretNote = "# 1:1 " + noteSecret + " salary talk\n\n" + noteSecret + " in prose\n\n- [ ] " + noteSecret + " promise by friday\n- [x] them: " + noteSecret + " done\n\n## Follow-ups\n- " + noteSecret + " topic\n\n## Feedback\n- given: " + noteSecret + "\n"

// leakChecker collects what functions returned and fails on any error
// that holds the secret.
type leakChecker struct {
	t      *testing.T
	errors int
}

func (c *leakChecker) check(what string, err error, mustFail bool) {
	c.t.Helper()
	if err == nil {
		if mustFail {
			c.t.Errorf("%s: no error", what)
		}
		return
	}
	c.errors++
	if strings.Contains(err.Error(), noteSecret) || strings.Contains(fmt.Sprintf("%+v", err), noteSecret) {
		c.t.Errorf("%s: the error holds note text: %v", what, err)
	}
}

// TestErrorsHoldNoNoteText calls every function that can fail on notes
// with a note, and a person's context, that hold a secret word — invalid
// input, stale revisions, unknown ids, damaged records — and checks that
// no error, check report or import report repeats it: errors end up in
// logs and bug reports, notes are private.
func TestErrorsHoldNoNoteText(t *testing.T) {
	c := &leakChecker{t: t}
	root := t.TempDir()
	path := filepath.Join(root, "journal.db")
	j, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := j.AddPerson(Person{Handle: "alice", Name: "Alice Martin", Context: noteSecret + " context"}); err != nil {
		t.Fatal(err)
	}
	d := day(t, "2026-11-20")
	m, err := j.AddMeeting(Meeting{Person: "alice", Date: d, Note: secretNote}, d)
	if err != nil {
		t.Fatal(err)
	}
	open, err := j.OpenCommitments(ItemFilter{})
	if err != nil || len(open) == 0 {
		t.Fatalf("no open commitment: %v", err)
	}
	item := open[0]

	// Invalid input.
	_, err = j.AddMeeting(Meeting{Person: "alice", Date: d, Time: "25:99", Note: secretNote}, d)
	c.check("AddMeeting with a bad time", err, true)
	_, err = j.AddMeeting(Meeting{Person: "nobody", Date: d, Note: secretNote}, d)
	c.check("AddMeeting for an unknown person", err, true)
	_, err = j.AddMeeting(Meeting{Person: "alice", Note: secretNote}, d)
	c.check("AddMeeting without a date", err, true)
	_, err = j.AddMeeting(Meeting{Person: "alice", Date: d, Note: strings.Repeat(secretNote, MaxNoteSize/len(secretNote)+1)}, d)
	c.check("AddMeeting of a note over the size limit", err, true)
	_, err = j.AddMeetings([]Meeting{{Person: "alice", Date: d, Note: secretNote}, {Person: "alice", Date: d, Time: "7pm", Note: secretNote}}, d)
	c.check("AddMeetings with one bad meeting", err, true)
	_, err = j.AddPerson(Person{Handle: "Bad Handle", Context: noteSecret})
	c.check("AddPerson with a bad handle", err, true)
	_, err = j.UpdatePerson(Person{Handle: "alice", Cadence: -3, Context: noteSecret})
	c.check("UpdatePerson with a bad cadence", err, true)

	// Stale revisions and stale screens.
	stale := m
	stale.Note += "\nmore " + noteSecret
	if _, err := j.SaveMeeting(stale, d); err != nil {
		t.Fatal(err)
	}
	stale.Note += "\nagain " + noteSecret
	_, err = j.SaveMeeting(stale, d)
	c.check("SaveMeeting of a stale revision", err, true)
	if !errors.Is(err, ErrNoteChanged) {
		t.Errorf("SaveMeeting of a stale revision: %v, want ErrNoteChanged", err)
	}
	gone := m
	gone.ID = newMeetingID(d, 999)
	_, err = j.SaveMeeting(gone, d)
	c.check("SaveMeeting of an unknown meeting", err, true)
	_, err = j.ChangeItem(item.ID, Change{Action: ActionDone, Seen: noteSecret + " what the screen showed"}, d)
	c.check("ChangeItem with a stale Seen", err, true)
	if !errors.Is(err, ErrNoteChanged) {
		t.Errorf("ChangeItem with a stale Seen: %v, want ErrNoteChanged", err)
	}
	_, err = j.ChangeItem(item.ID, Change{Action: ActionRedate}, d)
	c.check("ChangeItem re-dating without a date", err, true)
	_, err = j.ChangeItem("zzzz", Change{Action: ActionDone}, d)
	c.check("ChangeItem of an unknown item", err, true)
	_, err = j.Search(Query{Text: "  "})
	c.check("Search without words", err, true)

	// Import of broken notes.
	in := filepath.Join(root, "import")
	for name, body := range map[string]string{
		"meetings/alice/2026-11-01.md": "---\nperson: alice\ndate: not-a-date " + noteSecret + "\n---\n" + secretNote,
		"meetings/alice/2026-11-02.md": "---\nperson: " + noteSecret + "\n---\n" + secretNote,
		"meetings/alice/2026-11-03.md": "---\nperson alice: [" + noteSecret + "\n---\n" + secretNote,
		"meetings/alice/2026-11-04.md": secretNote,
		"people/bob.md":                "---\nhandle: bob\ncadence: " + noteSecret + "\n---\n" + noteSecret,
	} {
		p := filepath.Join(in, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := j.ImportMarkdown(in, nil)
	c.check("ImportMarkdown of broken notes", err, false)
	if s := fmt.Sprintf("%+v", rep.Problems); strings.Contains(s, noteSecret) {
		// Front matter is the user's text too; the report should name the
		// file and the field, not repeat the value. (A person a note names
		// is added by that name: that is the point of it.)
		t.Errorf("ImportMarkdown's report repeats text from the files: %s", s)
	}
	if err := j.Close(); err != nil {
		t.Fatal(err)
	}

	// Damaged records: the meeting and the person, with one bit changed.
	base, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range [][]byte{
		storedRecord(t, path, bucketMeetings, meetingKey(m.ID)),
		storedRecord(t, path, bucketPeople, []byte("alice")),
	} {
		for at := 0; ; {
			k := bytes.Index(base[at:], rec)
			if k < 0 {
				break
			}
			base[at+k+5+(len(rec)-5)/2] ^= 0x01
			at += k + 1
		}
	}
	writeFile(t, path, base)

	crep, err := CheckFile(path)
	c.check("CheckFile of a damaged journal", err, false)
	if crep.OK {
		t.Errorf("CheckFile finds nothing wrong with damaged records")
	}
	if strings.Contains(crep.String(), noteSecret) {
		t.Errorf("CheckFile's report holds note text:\n%s", crep)
	}
	j, err = Open(path, Options{})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer j.Close()
	_, err = j.Meeting(m.ID)
	c.check("Meeting of a damaged record", err, true)
	if !errors.Is(err, ErrCorrupt) {
		t.Errorf("Meeting of a damaged record: %v, want ErrCorrupt", err)
	}
	_, err = j.Meetings("alice")
	c.check("Meetings with a damaged record", err, true)
	c.check("ForEachMeeting with a damaged record", j.ForEachMeeting(func(Meeting) error { return nil }), true)
	_, err = j.Search(Query{Text: noteSecret})
	c.check("Search for a damaged note's word", err, true)
	_, err = j.Person("alice")
	c.check("Person of a damaged record", err, true)
	_, err = j.People(true)
	c.check("People with a damaged record", err, true)
	_, err = j.PeopleStatus(d, true)
	c.check("PeopleStatus with a damaged record", err, false)
	_, err = j.Prep("alice", d)
	c.check("Prep with damaged records", err, false)
	_, err = j.Template("alice", d)
	c.check("Template with damaged records", err, false)
	_, err = j.Review("alice", d-30, d, d)
	c.check("Review with damaged records", err, false)
	_, err = j.Ledger("alice", 0, 0, d)
	c.check("Ledger with damaged records", err, false)
	_, err = j.ChangeItem(item.ID, Change{Action: ActionDone}, d)
	c.check("ChangeItem in a damaged note", err, true)
	c.check("ExportJSON with damaged records", j.ExportJSON(io.Discard, d), true)
	_, err = j.ExportMarkdown(filepath.Join(root, "export"), ExportOptions{})
	c.check("ExportMarkdown with damaged records", err, true)
	jrep, err := j.Check()
	c.check("Check with damaged records", err, false)
	if strings.Contains(jrep.String(), noteSecret) {
		t.Errorf("Check's report holds note text:\n%s", jrep)
	}
	rrep, err := j.Repair()
	c.check("Repair with damaged records", err, false)
	if s := fmt.Sprintf("%+v", rrep); strings.Contains(s, noteSecret) {
		t.Errorf("Repair's report holds note text: %s", s)
	}
	t.Logf("%d errors checked, none holds note text", c.errors)
}

// leftovers returns the temporary files under root: names the journal,
// backups and exports use while writing.
func leftovers(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		name := d.Name()
		if strings.HasSuffix(name, ".tmp") || strings.HasPrefix(name, ".journal-") || strings.HasPrefix(name, ".backup-") ||
			strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".pid") || (strings.HasPrefix(name, ".") && !d.IsDir() && name != "." && name != exportManifest) {
			out = append(out, p)
		}
		return nil
	})
	return out
}

// TestNoTemporaryFilesAreLeftBehind: creating a journal, backing it up
// (also over an earlier backup), automatic backups, exports (also over an
// earlier export), and failing backups and exports leave no temporary
// file, and no pid file: the kernel names a lock's holder (lock.go).
func TestNoTemporaryFilesAreLeftBehind(t *testing.T) {
	root := t.TempDir()
	path := filepath.Join(root, "data", "journal.db")
	j, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	mustPerson(t, j, "alice", "Alice Martin")
	mustMeeting(t, j, "alice", "2026-11-20", secretNote)
	for range 2 {
		if err := j.Backup(filepath.Join(root, "backup", "copy.db"), BackupOptions{}); err != nil {
			t.Fatal(err)
		}
		if _, err := j.AutoBackup(time.Date(2026, 11, 22, 9, 0, 0, 0, time.Local)); err != nil {
			t.Fatal(err)
		}
		if _, err := j.ExportMarkdown(filepath.Join(root, "export"), ExportOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	// Failures: a backup onto a folder, an export into a file.
	if err := os.MkdirAll(filepath.Join(root, "backup", "taken.db"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := j.Backup(filepath.Join(root, "backup", "taken.db"), BackupOptions{}); err == nil {
		t.Errorf("Backup onto a folder succeeded")
	}
	if err := os.WriteFile(filepath.Join(root, "export-file"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := j.ExportMarkdown(filepath.Join(root, "export-file"), ExportOptions{}); err == nil {
		t.Errorf("ExportMarkdown into a file succeeded")
	}
	// An export that meets a folder where a note file should go.
	blocked := filepath.Join(root, "export2", "meetings", "alice", "2026-11-20.md")
	if err := os.MkdirAll(blocked, 0o700); err != nil {
		t.Fatal(err)
	}
	if _, err := j.ExportMarkdown(filepath.Join(root, "export2"), ExportOptions{}); err == nil {
		t.Errorf("ExportMarkdown over a folder named like a note succeeded")
	}
	if err := j.Close(); err != nil {
		t.Fatal(err)
	}
	if got := leftovers(t, root); len(got) > 0 {
		t.Errorf("temporary files left behind: %q", got)
	}
}
