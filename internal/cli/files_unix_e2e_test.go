//go:build unix

package cli_test

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestImportAndExportLeaveOtherFilesAlone: import reads no pipe or device
// (once a pipe hung it forever, holding the journal, and a link to
// /dev/zero ran it out of memory); export and backup replace no file they
// did not write unless --force, and export never writes through a link.
func TestImportAndExportLeaveOtherFilesAlone(t *testing.T) {
	r := newRunner(t)
	dir := filepath.Join(r.dir, "notes")
	os.MkdirAll(dir, 0o700)
	os.WriteFile(filepath.Join(dir, "2026-11-02.md"), []byte("- [ ] me: fine\n"), 0o600)
	if err := syscall.Mkfifo(filepath.Join(dir, "2026-11-03.md"), 0o600); err != nil {
		t.Skip(err)
	}
	os.Symlink("/dev/zero", filepath.Join(dir, "2026-11-04.md"))
	res := r.fails(1, "could not be imported", "import", dir, "--person", "Alice Martin")
	contains(t, "import", res.stdout, "added person alice (Alice Martin)", "imported 1 people and 1 meetings",
		"2026-11-03.md: not a regular file (named pipe)", "2026-11-04.md: not a regular file (device)")

	out := filepath.Join(r.dir, "export")
	os.MkdirAll(filepath.Join(out, "people"), 0o700)
	mine := filepath.Join(out, "people", "alice.md")
	os.WriteFile(mine, []byte("my own file\n"), 0o600)
	res = r.fails(1, "people/alice.md", "export", out)
	contains(t, "export refusal", res.stderr, "--force")
	if mustRead(t, mine) != "my own file\n" {
		t.Fatal("a refused export changed the user's file")
	}
	r.ok("export", out, "--force")
	r.ok("export", out) // its own files now: re-export works
	outside := filepath.Join(r.dir, "outside")
	os.MkdirAll(outside, 0o700)
	os.RemoveAll(filepath.Join(out, "meetings"))
	os.Symlink(outside, filepath.Join(out, "meetings"))
	r.fails(1, "link", "export", out, "--force")
	if entries, _ := os.ReadDir(outside); len(entries) > 0 {
		t.Errorf("export wrote through a link: %v", entries)
	}
	os.WriteFile(filepath.Join(r.dir, "package.json"), []byte("{}"), 0o600)
	r.fails(1, "package.json", "export", "--json", filepath.Join(r.dir, "package.json"))

	// A backup onto a mistyped path.
	notes := filepath.Join(r.dir, "notes.md")
	os.WriteFile(notes, []byte("mine\n"), 0o600)
	res = r.fails(1, "not a journal or an earlier backup", "backup", notes)
	contains(t, "backup refusal", res.stderr, "--force")
	if mustRead(t, notes) != "mine\n" {
		t.Fatal("a refused backup changed the file")
	}
	bak := filepath.Join(r.dir, "j.bak")
	r.ok("backup", bak)
	r.ok("backup", bak) // over an earlier backup
	r.ok("backup", notes, "--force")
}
