package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/oneonone/1on1/journal"
)

func finalModel(t *testing.T, tm *teatest.TestModel) *model {
	t.Helper()
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	return tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*model)
}

func TestTypingQIntoTextNeverQuits(t *testing.T) {
	tests := []struct {
		name  string
		open  []tea.KeyMsg // keys that open the text input
		ready string       // on screen once it is open
		typed func(m *model) string
	}{
		{"editor", []tea.KeyMsg{press("enter"), press("e")}, "Editing: Alice", func(m *model) string { return m.edit.text() }},
		{"new meeting editor", []tea.KeyMsg{press("n")}, "New 1:1: Alice", func(m *model) string { return m.edit.text() }},
		{"people filter", []tea.KeyMsg{press("/")}, "Filter:", func(m *model) string { return m.panes[panePeople].(*peoplePane).list.FilterValue() }},
		{"commitments filter", []tea.KeyMsg{press("c"), press("/")}, "Filter:", func(m *model) string { return m.panes[paneCommitments].(*itemsPane).list.FilterValue() }},
		{"search box", []tea.KeyMsg{press("ctrl+f")}, "type to search", func(m *model) string { return m.panes[paneSearch].(*searchPane).query }},
		{"add person form", []tea.KeyMsg{press("a")}, "Add a person", func(m *model) string { return m.modal.(*personForm).inputs[0].Value() }},
		{"re-date input", []tea.KeyMsg{press("c"), press("r")}, "new due date", func(m *model) string { return m.modal.(*redateModel).input.Value() }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			j, dir := fixture(t)
			tm := newTestModel(t, j, dir, 100, 40)
			waitFor(t, tm, "Alice Martin", "Last 1:1")
			for _, k := range tc.open {
				tm.Send(k)
				time.Sleep(50 * time.Millisecond) // let the view's data arrive
			}
			waitFor(t, tm, tc.ready)
			tm.Type("q?q")
			waitFor(t, tm, "q?q")
			m := finalModel(t, tm)
			if got := tc.typed(m); !strings.Contains(got, "q?q") {
				t.Errorf("typed q?q, the %s holds %q", tc.name, trim(got))
			}
		})
	}
}

func TestFollowUpsDropMarksTheLineDropped(t *testing.T) {
	j, dir := fixture(t)
	tm := newTestModel(t, j, dir, 100, 40)
	waitFor(t, tm, "Alice Martin")
	tm.Send(press("f"))
	waitFor(t, tm, "ask about conference talk", "d drop")
	tm.Send(press("d"))
	waitFor(t, tm, "dropped 'ask about conference talk' · u undo")
	finalView(t, tm)
	ms, _ := j.Meetings("alice")
	if !strings.Contains(ms[0].Note, "\n- [-] ask about conference talk ^") {
		t.Errorf("the follow-up's line is not dropped:\n%s", ms[0].Note)
	}
	if open, _ := j.OpenFollowUps(""); len(open) != 0 {
		t.Errorf("%d follow-ups still open", len(open))
	}
}

// The help is generated from the bindings: where keys are commands, "?"
// shows the full help; where keys are text, the short help already holds
// every key of the pane.
func TestQuestionMarkShowsEveryKeyOnEveryScreen(t *testing.T) {
	screens := []struct {
		name string
		keys []tea.KeyMsg
		text bool
	}{
		{"people", nil, false},
		{"people preview", []tea.KeyMsg{press("tab")}, false},
		{"meetings", []tea.KeyMsg{press("enter")}, false},
		{"meeting preview", []tea.KeyMsg{press("enter"), press("enter")}, false},
		{"commitments", []tea.KeyMsg{press("c")}, false},
		{"follow-ups", []tea.KeyMsg{press("f")}, false},
		{"ledger", []tea.KeyMsg{press("l")}, false},
		{"prep", []tea.KeyMsg{press("p")}, false},
		{"search", []tea.KeyMsg{press("ctrl+f")}, true},
		{"editor", []tea.KeyMsg{press("n")}, true},
		{"filter", []tea.KeyMsg{press("/")}, true},
		{"person form", []tea.KeyMsg{press("a")}, true},
		{"confirm", []tea.KeyMsg{press("x")}, true},
	}
	for _, sc := range screens {
		t.Run(sc.name, func(t *testing.T) {
			j, dir := fixture(t)
			tm := newTestModel(t, j, dir, 160, 50)
			waitFor(t, tm, "Alice Martin", "Last 1:1")
			for _, k := range sc.keys {
				tm.Send(k)
				time.Sleep(50 * time.Millisecond)
			}
			if !sc.text {
				tm.Send(press("?"))
				waitFor(t, tm, "shift+tab", "prev pane", "ctrl+c")
			}
			m := finalModel(t, tm)
			// finalModel's ctrl+c is not a state change: the model is as it was.
			h := helpKeys{pane: m.focusedHelp(), global: m.keys, text: m.takingText()}
			if m.takingText() != sc.text {
				t.Fatalf("taking text = %v, want %v", m.takingText(), sc.text)
			}
			var shown []key.Binding
			if sc.text {
				shown = h.ShortHelp()
			} else {
				if !m.help.ShowAll {
					t.Fatal("? did not switch on the full help")
				}
				for _, col := range h.FullHelp() {
					shown = append(shown, col...)
				}
			}
			for _, col := range m.focusedHelp().FullHelp() {
				for _, b := range col {
					if b.Enabled() && !contains(shown, b) {
						t.Errorf("key %q (%s) works but is not in the help", b.Help().Key, b.Help().Desc)
					}
				}
			}
		})
	}
}

func contains(bs []key.Binding, b key.Binding) bool {
	for _, x := range bs {
		if x.Help() == b.Help() {
			return true
		}
	}
	return false
}

func TestMouseWheelScrollsTheEditor(t *testing.T) {
	var lines []string
	for i := range 100 {
		lines = append(lines, "line "+itoa(i))
	}
	m := newModel(nil, clockAt(today), newDraftKeeper(t.TempDir()), "notty")
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m.Update(editRequestMsg{meeting: journal.Meeting{Person: "alice", Date: today, Note: strings.Join(lines, "\n")}})
	if !strings.Contains(m.View(), "line 0 ") {
		t.Fatal("the editor does not start at the top")
	}
	for range 10 {
		m.Update(tea.MouseMsg{Button: tea.MouseButtonWheelDown, Action: tea.MouseActionPress})
	}
	v := m.View()
	if strings.Contains(v, "line 0 ") || !strings.Contains(v, "line 30 ") {
		t.Fatalf("10 wheel turns down did not scroll 30 lines:\n%s", v)
	}
	for range 10 {
		m.Update(tea.MouseMsg{Button: tea.MouseButtonWheelUp, Action: tea.MouseActionPress})
	}
	if !strings.Contains(m.View(), "line 0 ") {
		t.Fatal("the wheel did not scroll back up")
	}
	if m.edit.ed.dirty() {
		t.Error("scrolling changed the note")
	}
}

func itoa(i int) string { return strings.TrimSpace(strings.Repeat(" ", 0) + fmtInt(i)) }

func fmtInt(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return fmtInt(i/10) + string(rune('0'+i%10))
}

// A meeting list that finishes loading after the user moved on (to
// commitments) must not move the focus there: "/" would then open search
// instead of filtering the list.
func TestALateJumpDoesNotMoveTheFocusOfAnotherView(t *testing.T) {
	j, dir := fixture(t)
	m := newModel(j, clockAt(today), newDraftKeeper(journal.DraftDir(j.Path())), "notty")
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m.Update(press("c"))
	m.Update(focusMsg{right: true, from: paneMeetings})
	if m.focusRight {
		t.Fatal("the meetings pane moved the focus while commitments were shown")
	}
	m.Update(commitmentsLoadedMsg{items: []journal.Item{{ID: "x", Text: "t", Person: "alice", Kind: journal.Commitment}}})
	m.Update(press("/"))
	if m.view != paneCommitments || !m.takingText() {
		t.Errorf("/ in the commitments list opened %s instead of its filter", m.view)
	}
	_ = dir
}
