package tui

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/oneonone/1on1/internal/atomicfile"
	"github.com/oneonone/1on1/journal"
)

// draft is unsaved editor text together with what it takes to save it
// later: whose note it is, which meeting and which revision it started from.
type draft struct {
	Person  string `json:"person"`
	Meeting string `json:"meeting,omitempty"` // journal.MeetingID.String(); empty for a new meeting
	Date    string `json:"date"`
	Time    string `json:"time,omitempty"`
	Rev     uint64 `json:"rev,omitempty"`
	Note    string `json:"note"` // the note as it would be saved (CRLF and tabs restored)
}

// draftKeeper holds the latest unsaved editor text in memory and writes it
// to a 0600 file on request. Update hands it the text on every edit (memory
// only); a debounced tea.Cmd writes it; the signal and panic handlers write
// it synchronously on the way out, so SIGTERM, SIGHUP and crashes lose
// nothing that was typed.
type draftKeeper struct {
	mu   sync.Mutex
	dir  string
	cur  *draft
	disk bool // cur is on disk as it is
}

func newDraftKeeper(dataDir string) *draftKeeper {
	return &draftKeeper{dir: filepath.Join(dataDir, "drafts")}
}

// Path is where the draft is written.
func (k *draftKeeper) Path() string { return filepath.Join(k.dir, "editor.json") }

// Set records the latest unsaved text; it does no I/O.
func (k *draftKeeper) Set(d draft) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.cur = &d
	k.disk = false
}

// Pending reports whether unsaved text is held.
func (k *draftKeeper) Pending() bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.cur != nil
}

// Flush writes the held text to the draft file, atomically and with mode
// 0600, if it is not there already.
func (k *draftKeeper) Flush() error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.cur == nil || k.disk {
		return nil
	}
	b, err := json.Marshal(k.cur)
	if err != nil {
		return fmt.Errorf("keep draft: %w", err)
	}
	if err := os.MkdirAll(k.dir, 0o700); err != nil {
		return fmt.Errorf("keep draft: %w", err)
	}
	if err := atomicfile.Write(k.Path(), b, atomicfile.Options{}); err != nil {
		return fmt.Errorf("keep draft in %s: %w", k.dir, err)
	}
	k.disk = true
	return nil
}

// Discard forgets the held text and removes the draft file.
func (k *draftKeeper) Discard() error {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.cur = nil
	k.disk = false
	if err := os.Remove(k.Path()); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove draft: %w", err)
	}
	return nil
}

// load reads a draft left by an earlier run; nil when there is none.
func (k *draftKeeper) load() (*draft, error) {
	b, err := os.ReadFile(k.Path())
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read draft: %w", err)
	}
	var d draft
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, fmt.Errorf("draft %s is unreadable: %w", k.Path(), err)
	}
	return &d, nil
}

// loadDraftTargetCmd finds what a draft belongs to: its meeting at the
// revision the draft started from (so a save after someone else's is
// caught), or a new meeting when it was one or is gone.
func loadDraftTargetCmd(j *journal.Journal, d draft) tea.Cmd {
	return guard(func() any {
		msg := draftTargetLoadedMsg{d: d}
		if msg.person, msg.err = j.Person(d.Person); msg.err != nil {
			return msg
		}
		date, err := journal.ParseDate(d.Date)
		if err != nil {
			msg.err = fmt.Errorf("draft: %w", err)
			return msg
		}
		msg.meeting = journal.Meeting{Person: d.Person, Date: date, Time: d.Time}
		if d.Meeting != "" {
			id, err := journal.ParseMeetingID(d.Meeting)
			if err == nil {
				if mt, err := j.Meeting(id); err == nil {
					mt.Rev = d.Rev
					msg.meeting = mt
				}
			}
		}
		return msg
	})
}
