package tui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/oneonone/1on1/journal"
)

// notes is every meeting's note text by id.
func notes(t *testing.T, j *journal.Journal) map[journal.MeetingID]string {
	t.Helper()
	out := map[journal.MeetingID]string{}
	for _, h := range []string{"alice", "bo"} {
		ms, err := j.Meetings(h)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			out[m.ID] = m.Note
		}
	}
	return out
}

// Every change made from a list is undone byte for byte, with u and with
// ctrl+z, and the status line says what was done and how to undo it.
func TestUndoRestoresTheNoteExactly(t *testing.T) {
	ctrlZ := tea.KeyMsg{Type: tea.KeyCtrlZ}
	tests := []struct {
		name   string
		keys   []tea.KeyMsg
		done   string // the status after the change
		undo   tea.KeyMsg
		undone string
	}{
		{"tick", []tea.KeyMsg{press("c"), press("space")}, "ticked 'send the budget sheet by friday' · u undo", press("u"), "undone: ticked"},
		{"drop", []tea.KeyMsg{press("c"), press("d")}, "dropped 'send the budget sheet by friday' · u undo", ctrlZ, "undone: dropped"},
		{"re-date", []tea.KeyMsg{press("c"), press("r"), press("2026-12-09"), press("enter")}, "re-dated 'send the budget sheet by friday' to 2026-12-09 · u undo", press("u"), "undone: re-dated"},
		{"close follow-up", []tea.KeyMsg{press("f"), press("x")}, "closed 'ask about conference talk' · u undo", press("u"), "undone: closed"},
		{"drop follow-up", []tea.KeyMsg{press("f"), press("d")}, "dropped 'ask about conference talk' · u undo", ctrlZ, "undone: dropped"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			j, dir := fixture(t)
			before := notes(t, j)
			tm := newTestModel(t, j, dir, 120, 40)
			waitFor(t, tm, "Alice Martin", "Last 1:1")
			for i, k := range tc.keys {
				tm.Send(k)
				if i == 0 {
					waitFor(t, tm, "send the budget sheet") // the view's data
				}
				time.Sleep(50 * time.Millisecond)
			}
			waitFor(t, tm, tc.done)
			if sameNotes(before, notes(t, j)) {
				t.Fatal("the change did not reach the note")
			}
			tm.Send(tc.undo)
			waitFor(t, tm, tc.undone)
			finalView(t, tm)
			after := notes(t, j)
			if !sameNotes(before, after) {
				t.Errorf("after undo the notes differ:\nbefore %q\nafter  %q", before, after)
			}
			// The item is back in the open lists.
			open, _ := j.OpenCommitments(journal.ItemFilter{})
			fups, _ := j.OpenFollowUps("")
			if len(open) != 4 || len(fups) != 1 {
				t.Errorf("after undo %d open commitments and %d follow-ups, want 4 and 1", len(open), len(fups))
			}
		})
	}
}

func sameNotes(a, b map[journal.MeetingID]string) bool {
	if len(a) != len(b) {
		return false
	}
	for id, n := range a {
		if b[id] != n {
			return false
		}
	}
	return true
}

// An undo never writes over a note another process (or the editor)
// changed after the change it undoes: it says so and leaves the note.
func TestUndoLeavesANoteChangedSinceAlone(t *testing.T) {
	j, dir := fixture(t)
	tm := newTestModel(t, j, dir, 120, 40)
	waitFor(t, tm, "Alice Martin", "Last 1:1")
	tm.Send(press("c"))
	waitFor(t, tm, "send the budget sheet")
	tm.Send(press("space"))
	waitFor(t, tm, "· u undo")
	// Someone else writes the note meanwhile.
	ms, _ := j.Meetings("alice")
	m := ms[0]
	m.Note += "\nAdded from the shell.\n"
	saved, err := j.SaveMeeting(m, today)
	if err != nil {
		t.Fatal(err)
	}
	tm.Send(press("u"))
	waitFor(t, tm, "not undone: the note changed since")
	finalView(t, tm)
	now, _ := j.Meeting(saved.ID)
	if now.Note != saved.Note {
		t.Errorf("the undo clobbered a note changed since:\n%s", now.Note)
	}
	if !strings.Contains(now.Note, "- [x] send the budget sheet") {
		t.Errorf("the tick is gone:\n%s", now.Note)
	}
}

// The status line says what the last action did, until the next one: a
// "ticked" does not follow the user to another view.
func TestTheStatusLineClearsOnTheNextAction(t *testing.T) {
	j, dir := fixture(t)
	tm := newTestModel(t, j, dir, 120, 40)
	waitFor(t, tm, "Alice Martin", "Last 1:1")
	tm.Send(press("c"))
	waitFor(t, tm, "send the budget sheet")
	tm.Send(press("space"))
	waitFor(t, tm, "· u undo")
	tm.Send(press("H"))
	waitFor(t, tm, "People")
	time.Sleep(100 * time.Millisecond)
	m := finalModel(t, tm)
	if strings.Contains(m.View(), "ticked") || m.status != "" {
		t.Errorf("the status still says %q in another view", m.status)
	}
	if !m.keys.Undo.Enabled() {
		t.Error("the undo key went away with the status line")
	}
}

// v shows done and dropped items under the open ones; space reopens one,
// and u undoes the reopen byte for byte.
func TestClosedItemsShowAndReopenWithUndo(t *testing.T) {
	j, dir := fixture(t)
	before := notes(t, j)
	tm := newTestModel(t, j, dir, 120, 40)
	waitFor(t, tm, "Alice Martin", "Last 1:1")
	tm.Send(press("c"))
	waitFor(t, tm, "send the budget sheet")
	tm.Send(press("v"))
	waitFor(t, tm, "then done/dropped", "fix the flaky test", "✓ done")
	tm.Send(press("G"))
	time.Sleep(50 * time.Millisecond)
	tm.Send(press("space"))
	waitFor(t, tm, "reopened 'them: fix the flaky test' · u undo")
	open, _ := j.OpenCommitments(journal.ItemFilter{})
	if len(open) != 5 {
		t.Errorf("%d open commitments after reopen, want 5", len(open))
	}
	tm.Send(press("u"))
	waitFor(t, tm, "undone: reopened")
	finalView(t, tm)
	if !sameNotes(before, notes(t, j)) {
		t.Error("after reopen and undo the notes differ")
	}
}
