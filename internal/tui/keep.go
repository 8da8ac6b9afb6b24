package tui

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/oneonone/1on1/journal"
)

// When the drafts folder cannot be written (a read-only folder, a full
// disk), unsaved text has nowhere to go on quitting: the app asks where to
// write it instead of losing it (SPEC 4.4).

// quitFlushedMsg is the answer to writing the draft before quitting.
type quitFlushedMsg struct{ err error }

// keptElsewhereMsg says whether the unsaved note was written to path.
type keptElsewhereMsg struct {
	path string
	err  error
}

// keepElsewhereCmd writes the unsaved note to a new file at path.
func keepElsewhereCmd(path, text string) tea.Cmd {
	return guard(func() any {
		err := writeNewFile(path, text)
		if errors.Is(err, fs.ErrExist) {
			err = errors.New("that file exists: give another name")
		}
		return keptElsewhereMsg{path: path, err: err}
	})
}

// suggestKeepPath is a place to offer for a note whose draft cannot be
// written: the home folder, else the temporary one.
func suggestKeepPath(mt journal.Meeting, now time.Time) string {
	dir, err := os.UserHomeDir()
	if err != nil {
		dir = os.TempDir()
	}
	return filepath.Join(dir, fmt.Sprintf("1on1-unsaved-%s-%s-%s.md", mt.Person, mt.Date, now.Format("150405")))
}

// writeNewFile writes text to a new 0600 file at path; it never replaces a
// file that is there.
func writeNewFile(path, text string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = f.WriteString(text)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
	}
	return err
}

// keepElsewhere asks for a file to write the unsaved note to, then quits;
// esc goes back to the editor.
type keepElsewhere struct {
	why   string
	text  string
	input textinput.Model
	err   string // a problem with the name given; the write's own error is in the status line
	keys  formKeyMap
}

func newKeepElsewhere(cause error, suggestion, text string) *keepElsewhere {
	in := textinput.New()
	in.Prompt = "write it to: "
	in.SetValue(suggestion)
	in.CharLimit = 4096
	in.Focus()
	return &keepElsewhere{why: cause.Error(), text: text, input: in, keys: formKeyMap{
		Submit: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "write there and quit")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the note")),
	}}
}

func (m *keepElsewhere) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(km, m.keys.Cancel):
		return send(modalDoneMsg{statusMsg{text: "not quit: your unsaved note could not be kept as a draft (" + m.why + ")", err: true}})
	case key.Matches(km, m.keys.Submit):
		path := strings.TrimSpace(m.input.Value())
		if strings.HasPrefix(path, "~/") {
			if home, err := os.UserHomeDir(); err == nil {
				path = filepath.Join(home, path[2:])
			}
		}
		if path == "" {
			m.err = "give a file name"
			return nil
		}
		m.err = ""
		return keepElsewhereCmd(path, m.text)
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return cmd
}

func (m *keepElsewhere) View(w int) string {
	m.input.Width = max(w-len(m.input.Prompt)-1, 1)
	s := wrapText("Your unsaved note cannot be kept as a draft ("+m.why+"). Write it to another file before quitting:", w) + "\n\n" + m.input.View()
	if m.err != "" {
		s += "\n\n" + wrapText(m.err, w)
	}
	return s
}

func (m *keepElsewhere) help() keyHelp { return m.keys }

// pasteKeptMsg says where a refused paste was kept.
type pasteKeptMsg struct {
	path  string
	lines int
	err   error
}

// keepPasteCmd writes a paste the editor refused to a new 0600 file in the
// drafts folder, so that nothing pasted is lost.
func keepPasteCmd(dir, text string) tea.Cmd {
	return guard(func() any {
		lines := strings.Count(text, "\n") + 1
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return pasteKeptMsg{lines: lines, err: err}
		}
		path := filepath.Join(dir, "paste-"+time.Now().Format("20060102-150405.000000000")+".md")
		return pasteKeptMsg{path: path, lines: lines, err: writeNewFile(path, text)}
	})
}
