package journal

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func exportedJournal(t *testing.T) *Journal {
	t.Helper()
	j := openTemp(t)
	mustPerson(t, j, "alice", "Alice Martin")
	mustMeeting(t, j, "alice", "2026-11-20", "- [ ] me: send the deck\n")
	return j
}

// TestExportNeverWritesThroughALinkOutOfItsFolder: a link inside the
// export folder where a folder goes once sent notes anywhere it pointed.
func TestExportNeverWritesThroughALinkOutOfItsFolder(t *testing.T) {
	for _, link := range []string{"people", "meetings", "meetings/alice"} {
		t.Run(link, func(t *testing.T) {
			j := exportedJournal(t)
			dir := filepath.Join(t.TempDir(), "export")
			outside := t.TempDir()
			os.MkdirAll(filepath.Dir(filepath.Join(dir, link)), 0o700)
			if err := os.Symlink(outside, filepath.Join(dir, link)); err != nil {
				t.Skip(err)
			}
			for _, force := range []bool{false, true} {
				_, err := j.ExportMarkdown(dir, ExportOptions{Force: force})
				if err == nil || !strings.Contains(err.Error(), "link") {
					t.Errorf("force=%v: export through a link to a folder: %v", force, err)
				}
				if entries, _ := os.ReadDir(outside); len(entries) > 0 {
					t.Fatalf("force=%v: the export wrote outside its folder: %v", force, entries)
				}
			}
		})
	}
}

func TestExportReplacesALinkInPlaceOfAFileOnlyWithForceAndNeverItsTarget(t *testing.T) {
	j := exportedJournal(t)
	dir := filepath.Join(t.TempDir(), "export")
	os.MkdirAll(filepath.Join(dir, "meetings", "alice"), 0o700)
	target := filepath.Join(t.TempDir(), "precious.txt")
	os.WriteFile(target, []byte("precious"), 0o600)
	note := filepath.Join(dir, "meetings", "alice", "2026-11-20.md")
	if err := os.Symlink(target, note); err != nil {
		t.Skip(err)
	}
	_, err := j.ExportMarkdown(dir, ExportOptions{})
	var oe *OverwriteError
	if !errors.As(err, &oe) || !errors.Is(err, ErrExists) || len(oe.Files) != 1 || oe.Files[0] != "meetings/alice/2026-11-20.md" {
		t.Fatalf("export over a link: %v, want an OverwriteError naming the file", err)
	}
	if _, err := j.ExportMarkdown(dir, ExportOptions{Force: true}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(target); string(b) != "precious" {
		t.Errorf("the link's target was written: %q", b)
	}
	if fi, _ := os.Lstat(note); !fi.Mode().IsRegular() {
		t.Errorf("the note is still a link")
	}
}

func TestExportRefusesFilesItDidNotWriteAndNamesThem(t *testing.T) {
	j := exportedJournal(t)
	mustPerson(t, j, "bob", "Bob")
	dir := filepath.Join(t.TempDir(), "export")
	mine := map[string]string{
		"people/alice.md":              "my own notes about Alice, not an export\n",
		"meetings/alice/2026-11-20.md": "---\ntitle: my own file\n---\nhand written\n",
	}
	for rel, body := range mine {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		os.MkdirAll(filepath.Dir(p), 0o700)
		os.WriteFile(p, []byte(body), 0o600)
	}
	_, err := j.ExportMarkdown(dir, ExportOptions{})
	var oe *OverwriteError
	if !errors.As(err, &oe) || len(oe.Files) != 2 {
		t.Fatalf("export over the user's files: %v", err)
	}
	for _, f := range oe.Files {
		if _, ok := mine[f]; !ok || !strings.Contains(err.Error(), f) {
			t.Errorf("the error names %q (%v)", f, err)
		}
	}
	for rel, body := range mine {
		if b, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel))); string(b) != body {
			t.Errorf("%s was changed by a refused export", rel)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "people", "bob.md")); err == nil {
		t.Errorf("a refused export wrote bob's file: a refusal must leave the folder as it was")
	}
	if _, err := j.ExportMarkdown(dir, ExportOptions{Force: true}); err != nil {
		t.Fatalf("--force: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "people", "alice.md")); !bytes.HasPrefix(b, []byte("---\nname: Alice Martin\n")) {
		t.Errorf("--force did not replace the file: %q", b)
	}
}

func TestReExportReplacesItsOwnFilesButNotOnesEditedSince(t *testing.T) {
	j := exportedJournal(t)
	dir := filepath.Join(t.TempDir(), "export")
	if _, err := j.ExportMarkdown(dir, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	// The journal changes: the export's own files are replaced.
	m := mustMeetingOn(t, j, "alice", "2026-11-20")
	m.Note += "- [ ] them: review it\n"
	if _, err := j.SaveMeeting(m, day(t, "2026-11-21")); err != nil {
		t.Fatal(err)
	}
	if _, err := j.ExportMarkdown(dir, ExportOptions{}); err != nil {
		t.Fatalf("re-export of its own files: %v", err)
	}
	note := filepath.Join(dir, "meetings", "alice", "2026-11-20.md")
	if b, _ := os.ReadFile(note); !bytes.Contains(b, []byte("review it")) {
		t.Errorf("the re-export did not write the change")
	}
	// Unchanged journal, unchanged files: nothing is rewritten.
	before, _ := os.Stat(note)
	if _, err := j.ExportMarkdown(dir, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.Stat(note); !os.SameFile(before, after) {
		t.Errorf("an unchanged file was rewritten")
	}
	// The user edits an exported file: the next export keeps the edit.
	os.WriteFile(note, []byte("edited by hand after the export\n"), 0o600)
	m = mustMeetingOn(t, j, "alice", "2026-11-20")
	m.Note += "more\n"
	if _, err := j.SaveMeeting(m, day(t, "2026-11-21")); err != nil {
		t.Fatal(err)
	}
	_, err := j.ExportMarkdown(dir, ExportOptions{})
	var oe *OverwriteError
	if !errors.As(err, &oe) || oe.Files[0] != "meetings/alice/2026-11-20.md" {
		t.Errorf("export over a file edited since: %v", err)
	}
	if b, _ := os.ReadFile(note); string(b) != "edited by hand after the export\n" {
		t.Errorf("the edit was lost")
	}
}

func TestReExportOverAnExportFromBeforeTheManifest(t *testing.T) {
	j := exportedJournal(t)
	dir := filepath.Join(t.TempDir(), "export")
	if _, err := j.ExportMarkdown(dir, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, exportManifest))
	m := mustMeetingOn(t, j, "alice", "2026-11-20")
	m.Note += "later\n"
	if _, err := j.SaveMeeting(m, day(t, "2026-11-21")); err != nil {
		t.Fatal(err)
	}
	if _, err := j.ExportMarkdown(dir, ExportOptions{}); err != nil {
		t.Errorf("re-export over files in the export's own format: %v", err)
	}
}

func TestExportRefusesAFolderOrPipeWhereANoteGoes(t *testing.T) {
	j := exportedJournal(t)
	dir := filepath.Join(t.TempDir(), "export")
	os.MkdirAll(filepath.Join(dir, "meetings", "alice", "2026-11-20.md"), 0o700)
	if _, err := j.ExportMarkdown(dir, ExportOptions{Force: true}); err == nil || !strings.Contains(err.Error(), "folder") {
		t.Errorf("export over a folder: %v", err)
	}
	os.Remove(filepath.Join(dir, "meetings", "alice", "2026-11-20.md"))
	if err := mkfifo(filepath.Join(dir, "meetings", "alice", "2026-11-20.md")); err != nil {
		t.Skip(err)
	}
	if _, err := j.ExportMarkdown(dir, ExportOptions{Force: true}); err == nil || !strings.Contains(err.Error(), "named pipe") {
		t.Errorf("export over a pipe: %v", err)
	}
}

func TestExportJSONFileReplacesOnlyItsOwnDocuments(t *testing.T) {
	j := exportedJournal(t)
	dir := t.TempDir()
	doc := filepath.Join(dir, "all.json")
	today := day(t, "2026-11-30")
	if err := j.ExportJSONFile(doc, today, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := j.ExportJSONFile(doc, today, ExportOptions{}); err != nil {
		t.Errorf("replacing its own document: %v", err)
	}
	other := filepath.Join(dir, "package.json")
	os.WriteFile(other, []byte(`{"name":"not ours"}`), 0o644)
	if err := j.ExportJSONFile(other, today, ExportOptions{}); !errors.Is(err, ErrExists) {
		t.Errorf("over someone else's JSON: %v", err)
	}
	if b, _ := os.ReadFile(other); string(b) != `{"name":"not ours"}` {
		t.Errorf("someone else's file was changed")
	}
	link := filepath.Join(dir, "link.json")
	target := filepath.Join(t.TempDir(), "target.json")
	os.WriteFile(target, []byte("x"), 0o600)
	if os.Symlink(target, link) == nil {
		if err := j.ExportJSONFile(link, today, ExportOptions{}); !errors.Is(err, ErrExists) {
			t.Errorf("over a link: %v", err)
		}
		if err := j.ExportJSONFile(link, today, ExportOptions{Force: true}); err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(target); string(b) != "x" {
			t.Errorf("the link's target was written")
		}
	}
	if err := j.ExportJSONFile(other, today, ExportOptions{Force: true}); err != nil {
		t.Errorf("--force: %v", err)
	}
}
