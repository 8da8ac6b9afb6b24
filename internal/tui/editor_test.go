package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/oneonone/1on1/journal"
)

func TestEditorKeepsNotesByteForByte(t *testing.T) {
	long := strings.Repeat("a line of the note with some words in it\n", 2000) // 2,000 lines, 84 KB
	tests := []struct {
		name string
		note string
	}{
		{"CRLF line ends", "# Title\r\n\r\n- [ ] me: send it by friday\r\n"},
		{"tabs", "# Title\n\n- [ ] item\n\t- nested with a tab\n\tcode\n"},
		{"mixed line ends", "one\r\ntwo\nthree\rfour\n"},
		{"CJK and emoji", "# 王小明 🎉\n\n- [ ] 👍🏽 e\u0301 ship it\n"},
		{"more than 99 lines and 10,000 characters", long},
		{"no final newline", "last line"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var e editorModel
			if !e.open(journal.Meeting{Person: "alice", Date: today, Note: tc.note}, "Alice", "s", 80, 20) {
				t.Fatal("the built-in editor refused the note")
			}
			if got := e.note(); got != tc.note {
				t.Fatalf("round trip changed the note:\n got %q\nwant %q", trim(got), trim(tc.note))
			}
			if e.dirty() {
				t.Error("a note just opened is dirty")
			}
			// Typing at the top keeps the rest of the note untouched.
			e.ta.Focus()
			e.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("x")})
			if got := e.note(); got[1:] != tc.note || got[0] != 'x' {
				t.Fatalf("after typing one character the note is %q", trim(got))
			}
		})
	}
}

func trim(s string) string {
	if len(s) > 120 {
		return s[:120] + "…"
	}
	return s
}

func TestEditorTakesNewLinesPastTheTextareaDefaults(t *testing.T) {
	var e editorModel
	if !e.open(journal.Meeting{Person: "alice", Date: today, Note: ""}, "Alice", "s", 80, 20) {
		t.Fatal("refused an empty note")
	}
	for i := 0; i < 150; i++ {
		e.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("l")})
		e.Update(tea.KeyMsg{Type: tea.KeyEnter})
	}
	if n := strings.Count(e.note(), "\n"); n != 150 {
		t.Errorf("typed 150 lines, the note has %d line breaks (the textarea's 99-row default must be lifted)", n)
	}
}

func TestEditorRefusesWhatItCannotKeepAndOffersEditor(t *testing.T) {
	for name, note := range map[string]string{
		"over 10,000 lines":  strings.Repeat("x\n", 10_001),
		"escape sequence":    "a \x1b[31m red",
		"invalid UTF-8":      "a \xff b",
		"NUL byte":           "a\x00b",
		"tab mark and a tab": "⇥ and\ta tab",
	} {
		var e editorModel
		if e.open(journal.Meeting{Person: "alice", Date: today, Note: note}, "Alice", "s", 80, 20) {
			t.Errorf("%s: the built-in editor opened a note it would change", name)
		}
	}
}

func TestEditorTabKeyInsertsATab(t *testing.T) {
	var e editorModel
	e.open(journal.Meeting{Person: "alice", Date: today, Note: "a\r\n"}, "Alice", "s", 80, 20)
	e.Update(tea.KeyMsg{Type: tea.KeyTab})
	if got := e.note(); got != "\ta\r\n" {
		t.Errorf("note after tab is %q", got)
	}
}

func TestDraftIsPrivateAndRoundTrips(t *testing.T) {
	dir := t.TempDir()
	k := newDraftKeeper(journal.DraftDir(filepath.Join(dir, "journal.db")))
	d := draft{Person: "alice", Meeting: "2026-11-02.1", Date: "2026-11-02", Rev: 3, Note: "a\r\n\tb", file: "meeting-2026-11-02.1.json"}
	k.Set(d)
	if err := k.Flush(); err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "journal.db.drafts", "meeting-2026-11-02.1.json"); k.Path() != want {
		t.Errorf("draft at %s, want %s (the folder is named after the journal, SPEC 5)", k.Path(), want)
	}
	fi, err := os.Stat(k.Path())
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("draft mode %v, want 0600", fi.Mode().Perm())
	}
	if di, _ := os.Stat(filepath.Join(dir, "journal.db.drafts")); di.Mode().Perm() != 0o700 {
		t.Errorf("drafts folder mode %v, want 0700", di.Mode().Perm())
	}
	got, err := newDraftKeeper(k.dir).load()
	if err != nil || len(got) != 1 || got[0] != d {
		t.Fatalf("load = %+v, %v", got, err)
	}
	if err := k.Discard(); err != nil {
		t.Fatal(err)
	}
	if got, _ := k.load(); len(got) != 0 {
		t.Error("draft still there after Discard")
	}
}

// keepDraft writes a draft as an earlier run would have left it.
func keepDraft(t *testing.T, j *journal.Journal, d draft) {
	t.Helper()
	if d.file == "" {
		id, _ := journal.ParseMeetingID(d.Meeting)
		date, _ := journal.ParseDate(d.Date)
		d.file = draftFile(id, d.Person, date, time.Now())
	}
	if _, err := newDraftKeeper(journal.DraftDir(j.Path())).Keep(d); err != nil {
		t.Fatal(err)
	}
}

// drafts is what the journal's drafts folder holds.
func drafts(t *testing.T, j *journal.Journal) []draft {
	t.Helper()
	ds, err := newDraftKeeper(journal.DraftDir(j.Path())).load()
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func TestStartOffersToRestoreADraftAndSavesIt(t *testing.T) {
	j, dir := fixture(t)
	ms, _ := j.Meetings("alice")
	keepDraft(t, j, draft{Person: "alice", Meeting: ms[0].ID.String(), Date: ms[0].Date.String(), Rev: ms[0].Rev, Note: ms[0].Note + "\nrestored line\n"})
	tm := newTestModel(t, j, dir, 100, 30)
	waitFor(t, tm, "y yes · n no · esc not now")
	tm.Send(press("y"))
	waitFor(t, tm, "[modified]")
	tm.Send(press("ctrl+s"))
	waitFor(t, tm, "saved the 1:1 with alice")
	finalView(t, tm)
	got, _ := j.Meeting(ms[0].ID)
	if !strings.Contains(got.Note, "restored line") {
		t.Error("the restored draft was not saved")
	}
	if d := drafts(t, j); len(d) != 0 {
		t.Errorf("drafts on disk after the save: %+v", d)
	}
}

func TestEscOnTheDraftQuestionKeepsTheDraftForNextTime(t *testing.T) {
	j, dir := fixture(t)
	keepDraft(t, j, draft{Person: "alice", Date: "2026-11-23", Note: "typed before a crash\n"})
	tm := newTestModel(t, j, dir, 100, 30)
	waitFor(t, tm, "esc not now")
	tm.Send(press("esc"))
	waitFor(t, tm, "Alice Martin")
	finalView(t, tm)
	if d := drafts(t, j); len(d) != 1 || d[0].Note != "typed before a crash\n" {
		t.Errorf("esc deleted the draft: %+v", d)
	}
}

func TestSaveAfterAnotherSaveAsksBeforeOverwriting(t *testing.T) {
	j, dir := fixture(t)
	tm := newTestModel(t, j, dir, 100, 30)
	waitFor(t, tm, "Alice Martin")
	tm.Send(press("enter"))
	waitFor(t, tm, "open: 1 mine")
	tm.Send(press("e"))
	waitFor(t, tm, "Editing: Alice Martin")
	ms, _ := j.Meetings("alice")
	m := ms[0]
	m.Note += "\nsaved elsewhere\n"
	if _, err := j.SaveMeeting(m, today); err != nil {
		t.Fatal(err)
	}
	tm.Type("mine ")
	tm.Send(press("ctrl+s"))
	waitFor(t, tm, "the note changed elsewhere")
	tm.Send(press("ctrl+s"))
	waitFor(t, tm, "saved the 1:1 with alice")
	finalView(t, tm)
	got, _ := j.Meeting(m.ID)
	if !strings.HasPrefix(got.Note, "mine ") {
		t.Errorf("the second ctrl+s did not save over: %q", trim(got.Note))
	}
	_ = time.Second
}

func TestCrashReportRestoresTheTerminalAndNamesOnlyTheDraft(t *testing.T) {
	dir := t.TempDir()
	k := newDraftKeeper(journal.DraftDir(filepath.Join(dir, "journal.db")))
	k.Set(draft{Person: "alice", Date: "2026-11-23", Note: "SECRET salary numbers", file: "new-alice-2026-11-23-1.json"})
	var out strings.Builder
	restored := false
	crashReport(k, func() {
		restored = true
		if d, _ := newDraftKeeper(k.dir).load(); len(d) == 0 {
			t.Error("the terminal was restored before the draft was on disk")
		}
	}, &out)
	if !restored {
		t.Error("the terminal was not restored")
	}
	msg := out.String()
	if strings.Contains(msg, "SECRET") || strings.Contains(msg, "salary") {
		t.Errorf("the crash message holds note text: %q", msg)
	}
	if !strings.Contains(msg, k.Path()) || !strings.Contains(msg, "internal error") {
		t.Errorf("the crash message does not name the draft: %q", msg)
	}
	if d, _ := newDraftKeeper(k.dir).load(); len(d) != 1 || d[0].Note != "SECRET salary numbers" {
		t.Errorf("draft on disk = %+v", d)
	}
}

func TestTheTestPanicKeyIsOffUnlessAskedFor(t *testing.T) {
	j, dir := fixture(t)
	m := newModel(j, clockAt(today), newDraftKeeper(dir), "notty")
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m.Update(tea.KeyMsg{Type: tea.KeyF12}) // must not panic
	m.testPanic.SetEnabled(true)
	defer func() {
		if recover() == nil {
			t.Error("F12 did not panic with the test switch on")
		}
	}()
	m.Update(tea.KeyMsg{Type: tea.KeyF12})
}
