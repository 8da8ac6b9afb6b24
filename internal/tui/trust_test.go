package tui

// Text the user typed is never lost (issue 10, SPEC 4.4): each class of
// loss with its variants, through the real program (teatest) and real
// files.

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/oneonone/1on1/journal"
)

// openNote opens the latest note of the first person in the built-in
// editor.
func openNote(t *testing.T, tm *teatest.TestModel) {
	t.Helper()
	waitFor(t, tm, "Alice Martin", "Last 1:1")
	tm.Send(press("enter"))
	waitFor(t, tm, "open: 1 mine")
	tm.Send(press("e"))
	waitFor(t, tm, "Editing: Alice Martin")
}

// quitKeepingDraft presses ctrl+c, which writes the draft before quitting.
func quitKeepingDraft(t *testing.T, tm *teatest.TestModel) *model {
	t.Helper()
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	return tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*model)
}

func TestADraftIsNeverWrittenOverByAnotherEditing(t *testing.T) {
	t.Run("another person's note", func(t *testing.T) {
		j, dir := fixture(t)
		ms, _ := j.Meetings("alice")
		keepDraft(t, j, draft{Person: "alice", Meeting: ms[0].ID.String(), Date: ms[0].Date.String(), Rev: ms[0].Rev, Note: "ALICE KEPT\n"})
		tm := newTestModel(t, j, dir, 100, 30)
		waitFor(t, tm, "esc not now")
		tm.Send(press("esc"))
		waitFor(t, tm, "Last 1:1")
		tm.Send(press("down"))
		waitFor(t, tm, "▸ Bo 王小明")
		tm.Send(press("enter"))
		waitFor(t, tm, "open: 1 mine")
		tm.Send(press("e"))
		waitFor(t, tm, "Editing: Bo")
		tm.Type("BO TYPED ")
		waitFor(t, tm, "[modified]")
		quitKeepingDraft(t, tm)
		notes := map[string]bool{}
		for _, d := range drafts(t, j) {
			notes[strings.SplitN(d.Note, "\n", 2)[0]] = true
		}
		if !notes["ALICE KEPT"] || len(notes) != 2 {
			t.Errorf("drafts after editing Bo's note: %v; Alice's kept draft must stay beside Bo's", notes)
		}
	})
	t.Run("a second new meeting with the same person", func(t *testing.T) {
		j, dir := fixture(t)
		keepDraft(t, j, draft{Person: "alice", Date: today.String(), Note: "FIRST NEW\n"})
		tm := newTestModel(t, j, dir, 100, 30)
		waitFor(t, tm, "esc not now")
		tm.Send(press("esc"))
		waitFor(t, tm, "Last 1:1")
		tm.Send(press("n"))
		waitFor(t, tm, "New 1:1: Alice Martin")
		tm.Type("SECOND NEW ")
		waitFor(t, tm, "[modified]")
		quitKeepingDraft(t, tm)
		ds := drafts(t, j)
		if len(ds) != 2 || ds[0].Note == ds[1].Note {
			t.Fatalf("want two drafts of new 1:1s, got %+v", ds)
		}
	})
	t.Run("the same note asks before it is opened over its draft", func(t *testing.T) {
		for _, answer := range []string{"y", "n", "esc"} {
			t.Run(answer, func(t *testing.T) {
				j, dir := fixture(t)
				ms, _ := j.Meetings("alice")
				keepDraft(t, j, draft{Person: "alice", Meeting: ms[0].ID.String(), Date: ms[0].Date.String(), Rev: ms[0].Rev, Note: "KEPT TEXT\n"})
				tm := newTestModel(t, j, dir, 100, 30)
				waitFor(t, tm, "esc not now")
				tm.Send(press("esc"))
				waitFor(t, tm, "Last 1:1")
				tm.Send(press("enter"))
				waitFor(t, tm, "open: 1 mine")
				tm.Send(press("e"))
				waitFor(t, tm, "esc not now")
				tm.Send(press(answer))
				switch answer {
				case "y":
					waitFor(t, tm, "KEPT TEXT", "[modified]")
				case "n":
					waitFor(t, tm, "Editing: Alice Martin")
				}
				m := finalModel(t, tm)
				ds := drafts(t, j)
				switch answer {
				case "y", "esc":
					if len(ds) != 1 || ds[0].Note != "KEPT TEXT\n" {
						t.Errorf("%s: drafts %+v, want the kept one", answer, ds)
					}
					if answer == "esc" && m.edit.active() {
						t.Error("esc opened the editor over the draft")
					}
				case "n":
					if len(ds) != 0 || !strings.Contains(m.edit.text(), "Talked about the launch deck") {
						t.Errorf("n: drafts %+v; editor holds %q", ds, trim(m.edit.text()))
					}
				}
			})
		}
	})
}

func TestADraftWhoseTextIsStoredIsNotOffered(t *testing.T) {
	tests := []struct {
		name  string
		draft func(j *journal.Journal) draft
		offer bool
	}{
		{"the note as stored", func(j *journal.Journal) draft {
			ms, _ := j.Meetings("alice")
			return draft{Person: "alice", Meeting: ms[0].ID.String(), Date: ms[0].Date.String(), Rev: ms[0].Rev, Note: ms[0].Note}
		}, false},
		{"an edit that was saved, before ids and done dates were stamped", func(j *journal.Journal) draft {
			ms, _ := j.Meetings("alice")
			text := ms[0].Note + "- [ ] me: book the offsite by friday\n- [x] them: sent the slides\n"
			mt := ms[0]
			mt.Note = text
			if _, err := j.SaveMeeting(mt, today); err != nil {
				panic(err)
			}
			return draft{Person: "alice", Meeting: ms[0].ID.String(), Date: ms[0].Date.String(), Rev: ms[0].Rev, Note: text}
		}, false},
		{"a new 1:1 that was saved just before a kill", func(j *journal.Journal) draft {
			text := "# 1:1\n\n- [ ] me: call the vendor by friday\n"
			if _, err := j.AddMeeting(journal.Meeting{Person: "bo", Date: today, Note: text}, today); err != nil {
				panic(err)
			}
			return draft{Person: "bo", Date: today.String(), Note: text}
		}, false},
		{"an edit that was not saved", func(j *journal.Journal) draft {
			ms, _ := j.Meetings("alice")
			return draft{Person: "alice", Meeting: ms[0].ID.String(), Date: ms[0].Date.String(), Rev: ms[0].Rev, Note: ms[0].Note + "one more word\n"}
		}, true},
		{"a new 1:1 unlike the one saved that day", func(j *journal.Journal) draft {
			if _, err := j.AddMeeting(journal.Meeting{Person: "bo", Date: today, Note: "# saved\n"}, today); err != nil {
				panic(err)
			}
			return draft{Person: "bo", Date: today.String(), Note: "# saved\n\nand more\n"}
		}, true},
		{"an id the note does not hold", func(j *journal.Journal) draft {
			ms, _ := j.Meetings("alice")
			return draft{Person: "alice", Meeting: ms[0].ID.String(), Date: ms[0].Date.String(), Rev: ms[0].Rev, Note: strings.Replace(ms[0].Note, "^", "^zz", 1)}
		}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			j, dir := fixture(t)
			keepDraft(t, j, tc.draft(j))
			tm := newTestModel(t, j, dir, 100, 30)
			if tc.offer {
				waitFor(t, tm, "esc not now")
			} else {
				waitFor(t, tm, "Alice Martin", "Last 1:1")
				time.Sleep(200 * time.Millisecond) // the drafts are read at start
			}
			m := finalModel(t, tm)
			if offered := m.modal != nil; offered != tc.offer {
				t.Errorf("offered = %v, want %v", offered, tc.offer)
			}
			if n := len(drafts(t, j)); tc.offer != (n == 1) {
				t.Errorf("%d drafts left on disk", n)
			}
		})
	}
}

func TestAPasteIsNeverCut(t *testing.T) {
	lines := func(n int, word string) string {
		return strings.TrimSuffix(strings.Repeat(word+"\n", n), "\n")
	}
	tests := []struct {
		name   string
		note   string // the note opened
		paste  string
		insert bool
	}{
		{"more than the editor holds", "", lines(10_001, "pasted"), false},
		{"too many for what the note already has", lines(2_000, "mine"), lines(8_500, "pasted"), false},
		{"a long paste that fits goes in whole", lines(100, "mine"), lines(2_000, "pasted"), true},
		{"tabs and CRLF are kept", "a\n", "x\ty\r\nz\tw", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			j, dir := fixture(t)
			mt, err := j.AddMeeting(journal.Meeting{Person: "bo", Date: today, Note: tc.note}, today)
			if err != nil {
				t.Fatal(err)
			}
			mt, _ = j.Meeting(mt.ID)
			tm := newTestModel(t, j, dir, 300, 30) // wide enough for the whole status line
			waitFor(t, tm, "Alice Martin", "Last 1:1")
			tm.Send(editRequestMsg{meeting: mt})
			waitFor(t, tm, "Editing: Bo")
			tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(tc.paste), Paste: true})
			if tc.insert {
				waitFor(t, tm, "[modified]")
				tm.Send(press("ctrl+s"))
				waitFor(t, tm, "saved the 1:1 with bo")
				finalView(t, tm)
				got, _ := j.Meeting(mt.ID)
				want := strings.ReplaceAll(tc.paste, "\r\n", "\n") + tc.note
				if got.Note != want {
					t.Errorf("the saved note is not the paste then the note: %d bytes, want %d\n%q", len(got.Note), len(want), trim(got.Note))
				}
				return
			}
			waitFor(t, tm, "was not inserted; it is kept in")
			m := finalModel(t, tm)
			if m.edit.ed.dirty() {
				t.Error("part of a refused paste went into the note")
			}
			kept, _ := filepath.Glob(filepath.Join(journal.DraftDir(j.Path()), "paste-*.md"))
			if len(kept) != 1 {
				t.Fatalf("kept pastes: %v", kept)
			}
			if b, _ := os.ReadFile(kept[0]); string(b) != tc.paste {
				t.Errorf("the kept paste is %d bytes, want %d", len(b), len(tc.paste))
			}
		})
	}
}

// blockDrafts makes the drafts folder impossible to create: a file stands
// where it would be (root, as CI is, can write a read-only folder).
func blockDrafts(t *testing.T, j *journal.Journal) {
	t.Helper()
	if err := os.WriteFile(journal.DraftDir(j.Path()), []byte("not a folder"), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestQuitWhenTheDraftCannotBeWrittenAsksWhereToKeepTheText(t *testing.T) {
	t.Run("written elsewhere, then quit", func(t *testing.T) {
		j, dir := fixture(t)
		blockDrafts(t, j)
		tm := newTestModel(t, j, dir, 200, 30)
		openNote(t, tm)
		tm.Type("UNKEPT ")
		waitFor(t, tm, "[modified]")
		tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
		waitFor(t, tm, "cannot be kept as a draft", "write it to:")
		target := filepath.Join(t.TempDir(), "saved-here.md")
		// Clear the suggested path (ctrl+u, as in a shell; 300 backspaces,
		// each a frame, outlasted the wait on a loaded machine), then give
		// our own.
		tm.Send(tea.KeyMsg{Type: tea.KeyCtrlU})
		tm.Type(target)
		tm.Send(press("enter"))
		m := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*model)
		b, err := os.ReadFile(target)
		if err != nil || !strings.HasPrefix(string(b), "UNKEPT # 1:1 with Alice") {
			t.Fatalf("the note was not written where asked: %q, %v", trim(string(b)), err)
		}
		if m.edit.keptAt != target {
			t.Errorf("Run would not name %s on the way out (keptAt %q)", target, m.edit.keptAt)
		}
		if fi, _ := os.Stat(target); fi.Mode().Perm() != 0o600 {
			t.Errorf("mode %v, want 0600", fi.Mode().Perm())
		}
	})
	t.Run("esc goes back to the note; q and ctrl+c do not quit", func(t *testing.T) {
		j, dir := fixture(t)
		blockDrafts(t, j)
		tm := newTestModel(t, j, dir, 200, 30)
		openNote(t, tm)
		tm.Type("UNKEPT ")
		waitFor(t, tm, "[modified]")
		tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
		waitFor(t, tm, "write it to:")
		tm.Send(press("esc"))
		waitFor(t, tm, "not quit")
		tm.Type("MORE ")
		waitFor(t, tm, "UNKEPT MORE")
		tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
		waitFor(t, tm, "write it to:")
		// An existing file is never replaced.
		existing := filepath.Join(t.TempDir(), "taken.md")
		os.WriteFile(existing, []byte("someone else's"), 0o600)
		tm.Send(tea.KeyMsg{Type: tea.KeyCtrlU})
		tm.Type(existing)
		tm.Send(press("enter"))
		waitFor(t, tm, "that file exists")
		if b, _ := os.ReadFile(existing); string(b) != "someone else's" {
			t.Error("an existing file was replaced")
		}
		tm.Send(press("esc"))
		waitFor(t, tm, "not quit")
		tm.Send(tea.KeyMsg{Type: tea.KeyEsc})
		waitFor(t, tm, "Discard the unsaved changes")
		tm.Send(press("y"))
		waitFor(t, tm, "changes discarded")
		tm.Send(press("q"))
		tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	})
}

func TestAFailedSaveFromEditorKeepsTheText(t *testing.T) {
	t.Run("the note changed meanwhile: the text comes into the editor", func(t *testing.T) {
		// The editor waits while the note is saved elsewhere, then adds
		// its text.
		tmp := t.TempDir()
		started, resume := filepath.Join(tmp, "started"), filepath.Join(tmp, "resume")
		script := filepath.Join(tmp, "slow.sh")
		os.WriteFile(script, []byte("#!/bin/sh\ntouch "+started+"\nwhile [ ! -e "+resume+" ]; do sleep 0.02; done\nprintf 'TYPED IN EDITOR\\n' >> \"$1\"\n"), 0o700)
		t.Setenv("VISUAL", script)
		j, dir := fixture(t)
		tm := newTestModel(t, j, dir, 300, 30)
		waitFor(t, tm, "Alice Martin", "Last 1:1")
		tm.Send(press("enter"))
		waitFor(t, tm, "open: 1 mine")
		tm.Send(press("E"))
		for i := 0; ; i++ {
			if _, err := os.Stat(started); err == nil {
				break
			}
			if i > 500 {
				t.Fatal("the editor did not start")
			}
			time.Sleep(10 * time.Millisecond)
		}
		ms, _ := j.Meetings("alice")
		elsewhere := ms[0]
		elsewhere.Note += "\nsaved elsewhere\n"
		if _, err := j.SaveMeeting(elsewhere, today); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(resume, nil, 0o600)
		waitFor(t, tm, "not saved", "your text is in the editor and in the draft")
		m := finalModel(t, tm)
		if !m.edit.active() || !strings.Contains(m.edit.text(), "TYPED IN EDITOR") {
			t.Fatal("the text from $EDITOR is not in the built-in editor")
		}
		if ds := drafts(t, j); len(ds) != 1 || !strings.Contains(ds[0].Note, "TYPED IN EDITOR") {
			t.Errorf("the draft does not hold the text from $EDITOR: %+v", ds)
		}
	})
	t.Run("too large to store: the text is kept in a draft", func(t *testing.T) {
		script := filepath.Join(t.TempDir(), "grow.sh")
		os.WriteFile(script, []byte("#!/bin/sh\nprintf 'TYPED IN EDITOR ' >> \"$1\"\nhead -c 9000000 /dev/zero | tr '\\0' x >> \"$1\"\n"), 0o700)
		t.Setenv("VISUAL", "")
		t.Setenv("EDITOR", script)
		j, dir := fixture(t)
		tm := newTestModel(t, j, dir, 300, 30)
		waitFor(t, tm, "Alice Martin", "Last 1:1")
		tm.Send(press("enter"))
		waitFor(t, tm, "open: 1 mine")
		tm.Send(press("E"))
		waitFor(t, tm, "not saved", "your text is kept in", "offered when you start 1on1 again")
		finalView(t, tm)
		ds := drafts(t, j)
		if len(ds) != 1 || !strings.Contains(ds[0].Note, "TYPED IN EDITOR") || len(ds[0].Note) < 9_000_000 {
			t.Errorf("the draft does not hold the text from $EDITOR: %d drafts", len(ds))
		}
		ms, _ := j.Meetings("alice")
		if strings.Contains(ms[0].Note, "TYPED") {
			t.Error("the note was saved after all")
		}
	})
}

func TestAFailedEditorKeepsWhatWasTyped(t *testing.T) {
	// An editor that writes the file, then exits with an error.
	script := filepath.Join(t.TempDir(), "fail.sh")
	os.WriteFile(script, []byte("#!/bin/sh\nprintf 'TYPED BEFORE THE CRASH\\n' >> \"$1\"\nexit 3\n"), 0o700)
	t.Setenv("VISUAL", script)
	j, dir := fixture(t)
	tm := newTestModel(t, j, dir, 300, 30)
	waitFor(t, tm, "Alice Martin", "Last 1:1")
	tm.Send(press("enter"))
	waitFor(t, tm, "open: 1 mine")
	tm.Send(press("E"))
	waitFor(t, tm, "$EDITOR failed", "in the editor and in the draft")
	m := finalModel(t, tm)
	if !strings.Contains(m.edit.text(), "TYPED BEFORE THE CRASH") {
		t.Error("what the editor wrote before failing is lost")
	}
}

// clock is a clock a test moves.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.t = t }

func TestTodayFollowsTheClockPastMidnight(t *testing.T) {
	j, _ := fixture(t)
	c := &clock{t: today.Time().Add(23*time.Hour + 59*time.Minute)}
	m := newModel(j, c.now, newDraftKeeper(journal.DraftDir(j.Path())), "notty")
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(120, 30))
	waitFor(t, tm, "Alice Martin", "2026-11-23")
	tm.Send(press("c"))
	waitFor(t, tm, "overdue 17d")
	tm.Send(clockTickMsg{}) // the same day: nothing changes
	c.set(today.Time().Add(24*time.Hour + time.Minute))
	tm.Send(clockTickMsg{})
	waitFor(t, tm, "2026-11-24", "overdue 18d")
	tm.Send(press("space")) // tick the budget sheet
	waitFor(t, tm, "ticked '")
	tm.Send(press("H"))
	waitFor(t, tm, "People")
	tm.Send(press("n"))
	waitFor(t, tm, "New 1:1: Alice Martin 2026-11-24")
	finalView(t, tm)
	ms, _ := j.Meetings("alice")
	if !strings.Contains(ms[0].Note, "send the budget sheet by friday done:2026-11-24") {
		t.Errorf("the tick after midnight is not stamped with the new day:\n%s", ms[0].Note)
	}
}

func TestADraftLeftByAnEarlierVersionIsOffered(t *testing.T) {
	j, dir := fixture(t)
	legacy := filepath.Join(dir, "drafts", "editor.json")
	os.MkdirAll(filepath.Dir(legacy), 0o700)
	os.WriteFile(legacy, []byte(`{"person":"alice","date":"2026-11-23","note":"FROM THE OLD PLACE\n"}`), 0o600)
	tm := newTestModel(t, j, dir, 100, 30)
	waitFor(t, tm, "esc not now")
	tm.Send(press("y"))
	waitFor(t, tm, "FROM THE OLD PLACE")
	finalModel(t, tm)
	if _, err := os.Stat(legacy); err == nil {
		t.Error("the old draft file is still there after it was moved")
	}
	if ds := drafts(t, j); len(ds) != 1 || ds[0].Note != "FROM THE OLD PLACE\n" {
		t.Errorf("drafts: %+v", ds)
	}
}

func TestAnEarlierVersionsDraftOfAnotherJournalIsLeftAlone(t *testing.T) {
	j, dir := fixture(t)
	legacy := filepath.Join(dir, "drafts", "editor.json")
	os.MkdirAll(filepath.Dir(legacy), 0o700)
	body := `{"person":"zed","date":"2026-11-23","note":"another journal's\n"}`
	os.WriteFile(legacy, []byte(body), 0o600)
	tm := newTestModel(t, j, dir, 100, 30)
	waitFor(t, tm, "Alice Martin", "since 1:1")
	time.Sleep(200 * time.Millisecond)
	finalView(t, tm)
	if b, _ := os.ReadFile(legacy); string(b) != body {
		t.Error("a draft of a person this journal does not know was moved or changed")
	}
}
