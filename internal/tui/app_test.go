package tui

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"github.com/oneonone/1on1/journal"
)

// today is the fixed clock of every test: Monday 2026-11-23.
var today = journal.NewDate(2026, time.November, 23)

func init() { lipgloss.SetColorProfile(termenv.Ascii) }

// fixture is a journal in t.TempDir() with two people and notes that hold
// an overdue commitment each way, one due soon and a follow-up.
func fixture(t *testing.T) (*journal.Journal, string) {
	t.Helper()
	dir := t.TempDir()
	j, err := journal.Open(filepath.Join(dir, "journal.db"), journal.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { j.Close() })
	must := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(nil, j.SetKeeper(journal.Keeper{Name: "Robin Hale"})) // keeper_test.go tests the app without one
	must(j.AddPerson(journal.Person{Handle: "alice", Name: "Alice Martin", Role: journal.RoleReport, Cadence: 14}))
	must(j.AddPerson(journal.Person{Handle: "bo", Name: "Bo 王小明", Role: journal.RolePeer, Cadence: 7}))
	must(j.AddMeeting(journal.Meeting{Person: "alice", Date: journal.NewDate(2026, time.November, 2), Note: "# 1:1 with Alice\n\n## Notes\n\nTalked about the launch deck.\n\n## My commitments\n\n- [ ] send the budget sheet by friday\n\n## Alice's commitments\n\n- [ ] draft the launch deck due:2026-11-25\n- [ ] review hiring plan by nov 10\n\n## Follow-ups\n\n- [ ] ask about conference talk\n"}, today))
	must(j.AddMeeting(journal.Meeting{Person: "bo", Date: journal.NewDate(2026, time.November, 20), Note: "# Bo 🎉\n\n- [ ] me: share roadmap 📅 2026-11-24\n- [x] them: fix the flaky test done:2026-11-19\n"}, today))
	return j, dir
}

// clockAt is a clock that stays at 10:00 on d.
func clockAt(d journal.Date) func() time.Time {
	t := d.Time().Add(10 * time.Hour)
	return func() time.Time { return t }
}

func newTestModel(t *testing.T, j *journal.Journal, dir string, w, h int) *teatest.TestModel {
	t.Helper()
	m := newModel(j, clockAt(today), newDraftKeeper(journal.DraftDir(j.Path())), "notty")
	return teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h))
}

// waitFor waits until the screen output holds every one of want.
func waitFor(t *testing.T, tm *teatest.TestModel, want ...string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		for _, w := range want {
			if !bytes.Contains(b, []byte(w)) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(waitLimit), teatest.WithCheckInterval(20*time.Millisecond))
}

// waitLimit is how long a screen may take to settle: the race detector
// slows the app 5-10x, and CI runs it beside three other packages' tests.
var waitLimit = func() time.Duration {
	if raceDetector {
		return 30 * time.Second
	}
	return 5 * time.Second
}()

// finalView quits and returns the last screen.
func finalView(t *testing.T, tm *teatest.TestModel) string {
	t.Helper()
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second))
	return fm.View()
}

// blockID matches the random block ids the journal stamps.
var blockID = regexp.MustCompile(`\^[0-9a-z]{4,}\b`)

// requireGolden compares a screen with testdata/<test>.golden (refresh
// with -update), block ids masked since the journal draws them at random.
func requireGolden(t *testing.T, v string) {
	t.Helper()
	golden.RequireEqual(t, []byte(blockID.ReplaceAllString(v, "^id")))
}

func press(s string) tea.KeyMsg {
	switch s {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "ctrl+s":
		return tea.KeyMsg{Type: tea.KeyCtrlS}
	case "ctrl+f":
		return tea.KeyMsg{Type: tea.KeyCtrlF}
	case "space":
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	case "shift+tab":
		return tea.KeyMsg{Type: tea.KeyShiftTab}
	case "backspace":
		return tea.KeyMsg{Type: tea.KeyBackspace}
	case "up":
		return tea.KeyMsg{Type: tea.KeyUp}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}

func TestHomeListShowsPeopleWithTheirFlags(t *testing.T) {
	j, dir := fixture(t)
	tm := newTestModel(t, j, dir, 100, 30)
	waitFor(t, tm, "Alice Martin", "due for a 1:1", "Last 1:1")
	v := finalView(t, tm)
	// At 100 columns the days since the last 1:1 win over the second flag
	// (issue 13); the preview holds every count.
	for _, want := range []string{"2 overdue", "✗ 1 mine", "21d since 1:1", "◷ due for 1:1", "王小明", "Their open commitments: 2 (1 overdue)"} {
		if !strings.Contains(v, want) {
			t.Errorf("home screen lacks %q", want)
		}
	}
	requireGolden(t, v)
}

func TestPrepShowsTheAgendaForTheNextOneOnOne(t *testing.T) {
	j, dir := fixture(t)
	tm := newTestModel(t, j, dir, 100, 40)
	waitFor(t, tm, "Alice Martin")
	tm.Send(press("p"))
	waitFor(t, tm, "Prep: 1:1 with Alice", "Follow-ups to raise", "Trust ledger")
	requireGolden(t, finalView(t, tm))
}

func TestNewMeetingCarriesOpenItemsAndSaves(t *testing.T) {
	j, dir := fixture(t)
	tm := newTestModel(t, j, dir, 100, 40)
	waitFor(t, tm, "Alice Martin")
	tm.Send(press("n"))
	waitFor(t, tm, "New 1:1: Alice Martin", "send the budget sheet")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlS})
	waitFor(t, tm, "saved the 1:1 with alice on 2026-11-23", "## Wins", "0 people due for a 1:1")
	v := finalView(t, tm)
	requireGolden(t, v)
	ms, err := j.Meetings("alice")
	if err != nil || len(ms) != 2 {
		t.Fatalf("meetings: %d, %v", len(ms), err)
	}
	open, _ := j.OpenCommitments(journal.ItemFilter{Person: "alice"})
	for _, it := range open {
		if it.Carried != 2 {
			t.Errorf("%q carried %d times, want 2 (same block id in the new note)", it.Text, it.Carried)
		}
	}
}

func TestEditAndSaveANote(t *testing.T) {
	j, dir := fixture(t)
	tm := newTestModel(t, j, dir, 100, 40)
	waitFor(t, tm, "Alice Martin")
	tm.Send(press("enter"))
	waitFor(t, tm, "open: 1 mine")
	tm.Send(press("e"))
	waitFor(t, tm, "Editing: Alice Martin")
	tm.Type("Q: promotion timeline\n- [ ] me: write the promo packet by friday\n")
	waitFor(t, tm, "[modified]")
	tm.Send(press("ctrl+s"))
	waitFor(t, tm, "saved the 1:1 with alice", "promotion timeline")
	requireGolden(t, finalView(t, tm))
	ms, _ := j.Meetings("alice")
	if !strings.HasPrefix(ms[0].Note, "Q: promotion timeline\n- [ ] me: write the promo packet by friday ^") {
		t.Errorf("saved note starts %q", ms[0].Note[:80])
	}
	found := false
	for _, it := range ms[0].Items {
		if strings.Contains(it.Text, "promo packet") && it.Due == journal.NewDate(2026, time.November, 6) {
			found = true
		}
	}
	if !found {
		t.Errorf("the typed commitment is not an item due on the Friday after the meeting: %+v", ms[0].Items)
	}
}

func TestTickACommitmentFromTheCommitmentsView(t *testing.T) {
	j, dir := fixture(t)
	tm := newTestModel(t, j, dir, 100, 40)
	waitFor(t, tm, "Alice Martin")
	tm.Send(press("c"))
	waitFor(t, tm, "send the budget sheet", "overdue 17d", "Talked about")
	tm.Send(press("space"))
	waitFor(t, tm, "ticked 'send the budget sheet by friday' · u undo", "[x] send the budget")
	v := finalView(t, tm)
	requireGolden(t, v)
	ms, _ := j.Meetings("alice")
	if !strings.Contains(ms[0].Note, "- [x] send the budget sheet by friday done:2026-11-23 ^") {
		t.Errorf("the note was not rewritten:\n%s", ms[0].Note)
	}
	open, _ := j.OpenCommitments(journal.ItemFilter{})
	for _, it := range open {
		if strings.Contains(it.Text, "budget") {
			t.Error("the ticked commitment is still open")
		}
	}
}

func TestSearchFindsNotesAndOpensTheMatch(t *testing.T) {
	j, dir := fixture(t)
	tm := newTestModel(t, j, dir, 100, 40)
	waitFor(t, tm, "Alice Martin")
	tm.Send(press("ctrl+f"))
	tm.Type("deck")
	// "· line" is the hit row's: "1 meeting" alone is also in the person's
	// preview ("1 meeting held"), and enter before the hits does nothing.
	waitFor(t, tm, "1 meeting", "· line ")
	tm.Send(press("enter"))
	// The search's own preview marks the match too: wait for the meetings.
	waitFor(t, tm, "open: 1 mine", "» ")
	requireGolden(t, finalView(t, tm))
}

func TestResizeToExtremesNeverPanics(t *testing.T) {
	for _, size := range [][2]int{{1, 1}, {500, 200}} {
		j, dir := fixture(t)
		tm := newTestModel(t, j, dir, 100, 30)
		waitFor(t, tm, "Alice Martin")
		tm.Send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		tm.Send(press("c"))
		if size[0] == 500 {
			// The golden holds the settled screen, not a race with loading.
			waitFor(t, tm, "Talked about the launch deck")
		}
		v := finalView(t, tm)
		if size[0] == 1 && v != "1" {
			t.Errorf("at 1×1 the screen is %q, want the first cell of the enlarge message", v)
		}
		if size[0] == 500 {
			lines := strings.Split(v, "\n")
			if len(lines) > 200 {
				t.Errorf("%d lines at height 200", len(lines))
			}
			for i, l := range lines {
				if w := lipgloss.Width(l); w > 500 {
					t.Fatalf("line %d is %d cells wide", i, w)
				}
			}
			requireGolden(t, v)
		}
	}
}

func TestEveryPaneSurvivesEverySmallSize(t *testing.T) {
	j, dir := fixture(t)
	m := newModel(j, clockAt(today), newDraftKeeper(dir), "notty")
	var tm tea.Model = m
	for w := 0; w <= 60; w += 3 {
		for h := 0; h <= 20; h += 2 {
			tm, _ = tm.Update(tea.WindowSizeMsg{Width: w, Height: h})
			for _, l := range strings.Split(tm.View(), "\n") {
				if lipgloss.Width(l) > max(w, 0) {
					t.Fatalf("at %d×%d a line is %d wide", w, h, lipgloss.Width(l))
				}
			}
		}
	}
}

func TestAnEmptyJournalWelcomesTheUser(t *testing.T) {
	j, err := journal.Open(filepath.Join(t.TempDir(), "j.db"), journal.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	tm := newTestModel(t, j, t.TempDir(), 100, 30)
	waitFor(t, tm, "Nobody is in this journal yet", "1on1 demo")
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}

func TestCtrlBBacksUpTheJournalWhileTheAppHoldsIt(t *testing.T) {
	j, dir := fixture(t)
	tm := newTestModel(t, j, dir, 120, 30)
	waitFor(t, tm, "Alice Martin")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlB})
	waitFor(t, tm, "backup written to")
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	backups, _ := filepath.Glob(filepath.Join(journal.BackupDir(j.Path()), "*.db"))
	if len(backups) != 1 {
		t.Fatalf("backups: %v", backups)
	}
	fi, err := os.Stat(backups[0])
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("backup mode: %v %v", fi, err)
	}
	rep, err := journal.CheckFile(backups[0])
	if err != nil || !rep.OK || rep.Meetings != 2 {
		t.Errorf("the backup does not check clean with both notes: %v\n%s", err, rep)
	}
}

func TestAJournalOthersCanReadIsWarnedAboutInTheApp(t *testing.T) {
	j, dir := fixture(t)
	if err := os.Chmod(j.Path(), 0o644); err != nil {
		t.Fatal(err)
	}
	tm := newTestModel(t, j, dir, 160, 30)
	waitFor(t, tm, "warning:", "other")
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}

func TestAnOlderMeetingShowsAPromiseKeptLaterAsKept(t *testing.T) {
	dir := t.TempDir()
	j, err := journal.Open(filepath.Join(dir, "journal.db"), journal.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	if _, err := j.AddPerson(journal.Person{Handle: "alice", Name: "Alice Martin"}); err != nil {
		t.Fatal(err)
	}
	first, err := j.AddMeeting(journal.Meeting{Person: "alice", Date: journal.NewDate(2026, time.November, 2), Note: "- [ ] send the deck due:2026-11-06\n"}, today)
	if err != nil {
		t.Fatal(err)
	}
	later := "- [x] send the deck due:2026-11-06 done:2026-11-05 ^" + first.Items[0].ID + "\n"
	if _, err := j.AddMeeting(journal.Meeting{Person: "alice", Date: journal.NewDate(2026, time.November, 9), Note: later}, today); err != nil {
		t.Fatal(err)
	}
	msg, ok := loadMeetingsCmd(j, "alice")().(meetingsLoadedMsg)
	if !ok || msg.err != nil || len(msg.meetings) != 2 {
		t.Fatalf("meetings loaded: %+v", msg)
	}
	older := msg.meetings[1]
	if it := older.Items[0]; it.State != journal.StateDone || it.Flags(today).Has(journal.FlagOverdue) {
		t.Errorf("the 2026-11-02 note shows the deck %v with flags %v; a later 1:1 ticked it", it.State, it.Flags(today).Names())
	}
	one, ok := loadMeetingCmd(j, older.ID)().(meetingLoadedMsg)
	if !ok || one.err != nil || one.meeting.Items[0].State != journal.StateDone {
		t.Errorf("a single meeting loaded: %+v", one)
	}
}

func TestMovingToAnotherMeetingAfterPrepShowsThatMeeting(t *testing.T) {
	dir := t.TempDir()
	j, err := journal.Open(filepath.Join(dir, "journal.db"), journal.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	j.AddPerson(journal.Person{Handle: "alice", Name: "Alice Martin"})
	for i, note := range []string{"# First\n\nintro\n\nWe covered the ZEBRA project.\n", "# Second\n\nintro\n\nWe covered the OKAPI launch.\n"} {
		d := journal.NewDate(2026, time.November, 2+7*i)
		if _, err := j.AddMeeting(journal.Meeting{Person: "alice", Date: d, Note: note}, today); err != nil {
			t.Fatal(err)
		}
	}
	tm := newTestModel(t, j, dir, 120, 30)
	waitFor(t, tm, "Alice Martin")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitFor(t, tm, "OKAPI")
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("p")})
	waitFor(t, tm, "Prep: 1:1 with Alice")
	tm.Send(tea.KeyMsg{Type: tea.KeyDown})
	waitFor(t, tm, "ZEBRA")
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}
