package tui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/oneonone/1on1/journal"
)

// n when a 1:1 with the person is already in the journal today asks, on
// one line, whether to open it or start another (issue 13).
func TestNewMeetingOffersTheOneAlreadyHeldToday(t *testing.T) {
	j, dir := fixture(t)
	held, err := j.AddMeeting(journal.Meeting{Person: "alice", Date: today, Note: "# Held this morning\n\nTalked about goals.\n"}, today)
	if err != nil {
		t.Fatal(err)
	}
	tm := newTestModel(t, j, dir, 100, 30)
	waitFor(t, tm, "Alice Martin", "since 1:1")
	tm.Send(press("n"))
	waitFor(t, tm, "Alice Martin already has a 1:1 on 2026-11-23: open it, or start another?", "enter/o open it", "n new one anyway")
	tm.Send(press("enter"))
	waitFor(t, tm, "Held this morning", "Talked about goals")
	time.Sleep(200 * time.Millisecond) // the meetings settle, the note has the focus
	tm.Send(press("esc"))              // to the list of meetings
	time.Sleep(200 * time.Millisecond)
	tm.Send(press("n")) // from the meetings: asked again
	waitFor(t, tm, "already has a 1:1 on 2026-11-23")
	tm.Send(press("n")) // another one anyway
	waitFor(t, tm, "New 1:1: Alice Martin 2026-11-23")
	m := finalModel(t, tm)
	if !m.edit.active() || m.edit.ed.meeting.ID != 0 {
		t.Errorf("no new meeting in the editor (id %v)", m.edit.ed.meeting.ID)
	}
	if id, _, _ := j.MeetingOn("alice", today); id != held.ID {
		t.Errorf("the journal changed: %v", id)
	}

	t.Run("e edits the one held", func(t *testing.T) {
		tm := newTestModel(t, j, dir, 100, 30)
		waitFor(t, tm, "Alice Martin", "since 1:1")
		tm.Send(press("n"))
		waitFor(t, tm, "already has a 1:1 on 2026-11-23", "e edit it")
		tm.Send(press("e"))
		waitFor(t, tm, "Editing: Alice Martin 2026-11-23", "Held this morning")
		m := finalModel(t, tm)
		if m.edit.ed.meeting.ID != held.ID {
			t.Errorf("editing %v, not the meeting held today", m.edit.ed.meeting.ID)
		}
	})
	t.Run("esc leaves everything as it was", func(t *testing.T) {
		tm := newTestModel(t, j, dir, 100, 30)
		waitFor(t, tm, "Alice Martin", "since 1:1")
		tm.Send(press("n"))
		waitFor(t, tm, "already has a 1:1 on 2026-11-23")
		tm.Send(press("esc"))
		time.Sleep(100 * time.Millisecond)
		m := finalModel(t, tm)
		if m.edit.active() || m.modal != nil || m.view != panePeople {
			t.Errorf("esc did not leave the people list as it was (view %s)", m.view)
		}
	})
}

// A new 1:1 starts with the cursor under "Notes", and its date can be
// changed before it is saved: written up the next morning (issue 13).
func TestNewMeetingCanBeBackdatedAndStartsUnderNotes(t *testing.T) {
	for _, typed := range []string{"2026-11-20", "yesterday"} {
		t.Run(typed, func(t *testing.T) {
			j, dir := fixture(t)
			want := journal.NewDate(2026, time.November, 20)
			if typed == "yesterday" {
				want = today.AddDays(-1)
			}
			tm := newTestModel(t, j, dir, 100, 30)
			waitFor(t, tm, "Alice Martin", "since 1:1")
			tm.Send(press("n"))
			waitFor(t, tm, "New 1:1: Alice Martin 2026-11-23", "ctrl+t change the date")
			tm.Type("we talked")
			waitFor(t, tm, "we talked")
			tm.Send(tea.KeyMsg{Type: tea.KeyCtrlT})
			waitFor(t, tm, "date of this 1:1:")
			for range 10 {
				tm.Send(press("backspace"))
			}
			tm.Type(typed)
			tm.Send(press("enter"))
			waitFor(t, tm, "New 1:1: Alice Martin "+want.String(), "this 1:1 is dated "+want.String())
			tm.Send(press("ctrl+s"))
			waitFor(t, tm, "saved the 1:1 with alice on "+want.String())
			finalView(t, tm)
			id, ok, err := j.MeetingOn("alice", want)
			if err != nil || !ok {
				t.Fatalf("no meeting on %s (%v)", want, err)
			}
			mt, _ := j.Meeting(id)
			title, rest, _ := strings.Cut(mt.Note, "\n")
			if !strings.Contains(title, want.String()) || strings.Contains(title, "2026-11-23") {
				t.Errorf("the title still has today's date: %q", title)
			}
			if !strings.Contains(rest, "## Notes\nwe talked") {
				t.Errorf("the words typed first are not under Notes:\n%s", mt.Note)
			}
			if _, ok, _ := j.MeetingOn("alice", today); ok {
				t.Error("a meeting was saved today too")
			}
		})
	}
}

func TestDatePromptRefusesWhatIsNotADate(t *testing.T) {
	p := newDatePrompt(today, today)
	for range 10 {
		p.Update(press("backspace"))
	}
	for _, r := range "last tuesday" {
		p.Update(press(string(r)))
	}
	if cmd := p.Update(press("enter")); cmd != nil {
		t.Errorf("a phrase it does not know was taken: %T", cmd())
	}
	if !strings.Contains(p.View(80), "not a date") {
		t.Errorf("no word of why: %q", p.View(80))
	}
}
