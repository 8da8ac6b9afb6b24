// Package editor starts the user's text editor on a file, for the command
// line and the app alike.
//
// It builds on github.com/charmbracelet/x/editor (as glow does), which
// knows each platform's default editor and how to open a file at a line in
// the common editors. That package reads only $EDITOR, from the process's
// environment; this one first honours $VISUAL (POSIX: the full-screen
// editor, preferred over $EDITOR, which 1on1 has always read) and takes the
// environment as a function, so that tests can give a fake editor.
package editor

import (
	"os/exec"
	"path/filepath"
	"strings"

	xeditor "github.com/charmbracelet/x/editor"
)

// Command returns the command that edits path with $VISUAL, else $EDITOR
// (a command with arguments, such as "code -w", is split on spaces), else
// the platform's default editor, opened at line when line > 0. getenv
// reads the environment.
func Command(getenv func(string) string, path string, line int) (*exec.Cmd, error) {
	var opts []xeditor.Option
	if line > 0 {
		opts = append(opts, xeditor.LineNumber(line))
	}
	fields := strings.Fields(getenv("VISUAL"))
	if len(fields) == 0 {
		fields = strings.Fields(getenv("EDITOR"))
	}
	if len(fields) == 0 {
		return xeditor.Command("1on1", path, opts...)
	}
	args := fields[1:]
	withPath := true
	for _, opt := range opts {
		more, pathInArgs := opt(filepath.Base(fields[0]), path)
		args = append(args, more...)
		withPath = withPath && !pathInArgs
	}
	if withPath {
		args = append(args, path)
	}
	return exec.Command(fields[0], args...), nil
}

// Name is the editor Command would start, for messages.
func Name(getenv func(string) string) string {
	for _, v := range []string{"VISUAL", "EDITOR"} {
		if f := strings.Fields(getenv(v)); len(f) > 0 {
			return filepath.Base(f[0])
		}
	}
	return "the default editor"
}
