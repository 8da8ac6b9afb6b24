package tui

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

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

	file string // its file's name in the drafts folder
}

// draftFile names the file of the draft of a meeting, or of a new meeting:
// one per note and one per new meeting, so one draft never overwrites
// another.
func draftFile(meeting journal.MeetingID, person string, date journal.Date, now time.Time) string {
	if meeting != 0 {
		return "meeting-" + meeting.String() + ".json"
	}
	return fmt.Sprintf("new-%s-%s-%d.json", person, date, now.UnixNano())
}

// draftKeeper keeps unsaved text in the drafts folder named after the
// journal (journal.db.drafts, SPEC 5), a 0600 file per note.
//
// The open editor's text is held in memory: Update hands it over on every
// edit (no I/O); a debounced tea.Cmd writes it; the signal and panic
// handlers write it synchronously on the way out, so SIGTERM, SIGHUP and
// crashes lose nothing that was typed. Drafts left by earlier runs (and
// put off with esc) are kept as they are until restored or deleted.
type draftKeeper struct {
	mu   sync.Mutex
	dir  string
	cur  *draft
	disk bool             // cur is on disk as it is
	kept map[string]draft // file → a draft on disk that is not open
}

func newDraftKeeper(dir string) *draftKeeper {
	return &draftKeeper{dir: dir, kept: map[string]draft{}}
}

// Path is where the open editor's draft is written (the folder when there
// is none).
func (k *draftKeeper) Path() string {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.cur == nil {
		return k.dir
	}
	return filepath.Join(k.dir, k.cur.file)
}

// Set records the latest unsaved text of the open editor; it does no I/O.
func (k *draftKeeper) Set(d draft) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.cur = &d
	k.disk = false
}

// Pending reports whether unsaved text of the open editor is held.
func (k *draftKeeper) Pending() bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.cur != nil
}

// Flush writes the held text to its draft file, atomically and with mode
// 0600, if it is not there already.
func (k *draftKeeper) Flush() error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.cur == nil || k.disk {
		return nil
	}
	if err := writeDraft(k.dir, *k.cur); err != nil {
		return err
	}
	k.disk = true
	return nil
}

func writeDraft(dir string, d draft) error {
	b, err := json.Marshal(d)
	if err != nil {
		return fmt.Errorf("keep draft: %w", err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("keep draft: %w", err)
	}
	if err := atomicfile.Write(filepath.Join(dir, d.file), b, atomicfile.Options{}); err != nil {
		return fmt.Errorf("keep draft in %s: %w", dir, err)
	}
	return nil
}

// Discard forgets the held text and removes its draft file.
func (k *draftKeeper) Discard() error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.cur == nil {
		return nil
	}
	file := k.cur.file
	k.cur, k.disk = nil, false
	return k.remove(file)
}

// Forget forgets the held text, leaving any file: it was kept elsewhere.
func (k *draftKeeper) Forget() {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.cur, k.disk = nil, false
}

// Keep writes d as a draft that is not open (text the editor could not
// take), and returns its path.
func (k *draftKeeper) Keep(d draft) (string, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if err := writeDraft(k.dir, d); err != nil {
		return "", err
	}
	k.kept[d.file] = d
	return filepath.Join(k.dir, d.file), nil
}

// Drop deletes a kept draft.
func (k *draftKeeper) Drop(file string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	delete(k.kept, file)
	return k.remove(file)
}

// Adopt makes a kept draft the open editor's: its text is held and saved
// or discarded from now on.
func (k *draftKeeper) Adopt(d draft) {
	k.mu.Lock()
	defer k.mu.Unlock()
	delete(k.kept, d.file)
	k.cur, k.disk = &d, true
}

// keptFor is the kept draft of a meeting, if there is one.
func (k *draftKeeper) keptFor(id journal.MeetingID) (draft, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	d, ok := k.kept[draftFile(id, "", 0, time.Time{})]
	return d, ok
}

func (k *draftKeeper) remove(file string) error {
	// ENOTDIR: something else stands where the folder would be, so the
	// file is not there either.
	if err := os.Remove(filepath.Join(k.dir, file)); err != nil && !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, syscall.ENOTDIR) {
		return fmt.Errorf("remove draft: %w", err)
	}
	return nil
}

// load reads the drafts left by earlier runs, oldest file name first, and
// keeps them.
func (k *draftKeeper) load() ([]draft, error) {
	entries, err := os.ReadDir(k.dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read drafts: %w", err)
	}
	var out []draft
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasSuffix(name, ".json") || strings.HasPrefix(name, ".") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(k.dir, name))
		if err != nil {
			return nil, fmt.Errorf("read draft: %w", err)
		}
		var d draft
		if err := json.Unmarshal(b, &d); err != nil {
			return nil, fmt.Errorf("draft %s is unreadable: %w", filepath.Join(k.dir, name), err)
		}
		d.file = name
		out = append(out, d)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].file < out[b].file })
	k.mu.Lock()
	defer k.mu.Unlock()
	for _, d := range out {
		k.kept[d.file] = d
	}
	return out, nil
}

// alreadyStored reports whether a draft's text is what the journal holds:
// the same, or the same but for what saving adds (block ids and done
// dates, SPEC 2.1). A kill just after a save can leave both the note and
// its draft; such a draft is not unsaved text.
func alreadyStored(text, stored string, nc journal.NoteContext) bool {
	if text == stored {
		return true
	}
	has := map[string]bool{}
	for _, it := range journal.Extract([]byte(text), nc) {
		if it.ID != "" {
			has[it.ID] = true
		}
	}
	var ids []string
	dones := map[journal.Date]bool{0: true}
	for _, it := range journal.Extract([]byte(stored), nc) {
		if it.ID != "" && !has[it.ID] {
			ids = append(ids, it.ID)
		}
		if !it.Done.IsZero() {
			dones[it.Done] = true
		}
	}
	for done := range dones {
		next := 0
		newID := func() string {
			if next >= len(ids) {
				return ""
			}
			next++
			return ids[next-1]
		}
		if out, _ := journal.Stamp([]byte(text), nc, done, newID); string(out) == stored {
			return true
		}
	}
	return false
}

// draftsFoundMsg carries the drafts left by earlier runs whose text is not
// in the journal; those whose text is were deleted (dropped of them).
type draftsFoundMsg struct {
	drafts  []draft
	dropped int
	err     error
}

func (draftsFoundMsg) owner() paneID { return paneEdit }

// findDraftsCmd reads the drafts left by earlier runs and deletes those
// whose text is already stored.
func findDraftsCmd(k *draftKeeper, j *journal.Journal) tea.Cmd {
	return guard(func() any {
		if err := k.adoptLegacy(j); err != nil {
			return draftsFoundMsg{err: err}
		}
		ds, err := k.load()
		if err != nil {
			return draftsFoundMsg{err: err}
		}
		msg := draftsFoundMsg{}
		for _, d := range ds {
			if draftStored(j, d) {
				if err := k.Drop(d.file); err != nil {
					return draftsFoundMsg{err: err}
				}
				msg.dropped++
				continue
			}
			msg.drafts = append(msg.drafts, d)
		}
		return msg
	})
}

// adoptLegacy moves the draft an earlier version kept in drafts/editor.json
// beside the journal into the journal's own drafts folder, so that an
// upgrade loses no unsaved text. That folder was shared by the journals
// beside each other: a draft of a person this journal does not know is
// left where it is.
func (k *draftKeeper) adoptLegacy(j *journal.Journal) error {
	legacy := filepath.Join(filepath.Dir(k.dir), "drafts", "editor.json")
	b, err := os.ReadFile(legacy)
	if err != nil {
		return nil // none, or none readable: nothing to move
	}
	var d draft
	if json.Unmarshal(b, &d) != nil {
		return nil
	}
	if _, err := j.Person(d.Person); err != nil {
		return nil
	}
	id, _ := journal.ParseMeetingID(d.Meeting)
	date, _ := journal.ParseDate(d.Date)
	d.file = draftFile(id, d.Person, date, time.Now())
	if _, err := k.Keep(d); err != nil {
		return err
	}
	return os.Remove(legacy)
}

// draftStored reports whether the journal holds a draft's text: its
// meeting, or for a new meeting any meeting of that person on that day.
func draftStored(j *journal.Journal, d draft) bool {
	p, err := j.Person(d.Person)
	if err != nil {
		return false
	}
	var candidates []journal.Meeting
	if id, err := journal.ParseMeetingID(d.Meeting); err == nil {
		if mt, err := j.Meeting(id); err == nil {
			candidates = append(candidates, mt)
		}
	} else if ms, err := j.Meetings(d.Person); err == nil {
		for _, mt := range ms {
			if mt.Date.String() == d.Date && mt.Time == d.Time {
				candidates = append(candidates, mt)
			}
		}
	}
	for _, mt := range candidates {
		if alreadyStored(d.Note, mt.Note, journal.NoteContext{Date: mt.Date, Handle: p.Handle, Name: p.Name}) {
			return true
		}
	}
	return false
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
