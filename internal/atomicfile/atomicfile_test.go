package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteReplacesWholeFileWithPrivateMode(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.json")
	if err := os.WriteFile(path, []byte("old contents, longer than the new"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(path, []byte("new"), Options{}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil || string(b) != "new" {
		t.Fatalf("file holds %q, %v; want new", b, err)
	}
	fi, _ := os.Stat(path)
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	assertNoTemps(t, dir)
}

func TestWriteHonoursPermAndNoSync(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.md")
	if err := Write(path, []byte("x"), Options{Perm: 0o640, NoSync: true}); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(path)
	if fi.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640", fi.Mode().Perm())
	}
}

func TestFailedFillLeavesOldFileAndNoTemp(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "keep.db")
	os.WriteFile(path, []byte("precious"), 0o600)
	boom := errors.New("disk full")
	err := WriteFrom(path, Options{}, func(w io.Writer) error {
		w.Write([]byte("half"))
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("error %v does not wrap the fill's error", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "precious" {
		t.Errorf("a failed write changed the file to %q", b)
	}
	assertNoTemps(t, dir)
}

func TestWriteIntoMissingFolderFailsCleanly(t *testing.T) {
	err := Write(filepath.Join(t.TempDir(), "no", "such", "file"), []byte("x"), Options{})
	if err == nil {
		t.Fatal("write into a missing folder succeeded")
	}
}

func TestWriteOverSymlinkReplacesTheLinkNotItsTarget(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target")
	os.WriteFile(target, []byte("outside"), 0o600)
	link := filepath.Join(dir, "link")
	if err := os.Symlink(target, link); err != nil {
		t.Skip("no symlinks here")
	}
	if err := Write(link, []byte("inside"), Options{}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(target); string(b) != "outside" {
		t.Errorf("writing over a link changed its target to %q", b)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink != 0 {
		t.Errorf("the link is still a link")
	}
}

func TestReplace(t *testing.T) {
	dir := t.TempDir()
	tmp, path := filepath.Join(dir, ".t.tmp"), filepath.Join(dir, "j.db")
	os.WriteFile(tmp, []byte("new"), 0o600)
	os.WriteFile(path, []byte("old"), 0o600)
	if err := Replace(tmp, path); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("got %q", b)
	}
	if err := Replace(tmp, path); err == nil {
		t.Errorf("replacing from a missing file succeeded")
	}
}

func assertNoTemps(t *testing.T, dir string) {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join(dir, ".*.tmp"))
	if len(names) > 0 {
		t.Errorf("temporary files left behind: %v", names)
	}
}
