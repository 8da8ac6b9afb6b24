package journal

import (
	"fmt"
	"os"
	"path/filepath"
)

// PermissionWarning returns a warning when the journal file at path can be
// read or written by other users than its owner, or when its folder can
// be changed by them (so that they could replace the journal); it returns
// "" when all is private, and when the file cannot be inspected (Open
// reports that). The journal creates files 0600 in a 0700 folder; a wider
// mode means the file was copied, restored or made by something else.
func PermissionWarning(path string) string {
	fi, err := os.Stat(path)
	if err != nil || fi.IsDir() {
		return ""
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		return fmt.Sprintf("journal %s can be read by other users (mode %04o); make it private with: chmod 600 %s", path, perm, path)
	}
	dir := filepath.Dir(path)
	di, err := os.Stat(dir)
	if err != nil {
		return ""
	}
	// A sticky folder (like /tmp) lets others add files, not replace ours.
	if perm := di.Mode().Perm(); perm&0o022 != 0 && di.Mode()&os.ModeSticky == 0 {
		return fmt.Sprintf("folder %s of journal %s can be changed by other users (mode %04o); make it private with: chmod 700 %s", dir, path, perm, dir)
	}
	return ""
}

// Warnings returns what the user should know about the open journal that
// is not an error: today, a journal file or folder other users can read or
// change (see PermissionWarning). The CLI prints them on standard error,
// the TUI in its status line.
func (j *Journal) Warnings() []string {
	var out []string
	if w := PermissionWarning(j.path); w != "" {
		out = append(out, w)
	}
	return out
}
