package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/list"
	tea "github.com/charmbracelet/bubbletea"
)

// enter on a commitment opens its note scrolled to its line, marked with
// »; esc comes back to the same view, filter and selection.
func TestEnterOpensTheItemsLineAndEscComesBackToTheSamePlace(t *testing.T) {
	for _, size := range [][2]int{{120, 40}, {60, 20}} {
		j, dir := fixture(t)
		tm := newTestModel(t, j, dir, size[0], size[1])
		waitFor(t, tm, "Alice Martin")
		tm.Send(press("c"))
		waitFor(t, tm, "review hiring")
		tm.Send(press("/"))
		tm.Type("alice")
		tm.Send(press("enter"))
		time.Sleep(50 * time.Millisecond)
		tm.Send(press("down"))
		time.Sleep(50 * time.Millisecond)
		tm.Send(press("enter"))
		if size[0] >= singleWidth {
			waitFor(t, tm, "» [ ] ", "esc back to commitments")
		} else {
			waitFor(t, tm, "» [ ] ") // the help line is cut short there
		}
		time.Sleep(100 * time.Millisecond)
		tm.Send(press("esc"))
		time.Sleep(150 * time.Millisecond)
		m := finalModel(t, tm)
		if m.view != paneCommitments || m.focusRight {
			t.Fatalf("%v: esc went to %s (right %v), want the commitments list", size, m.view, m.focusRight)
		}
		p := m.panes[paneCommitments].(*itemsPane)
		if p.list.FilterState() != list.FilterApplied || p.list.FilterValue() != "alice" {
			t.Errorf("%v: the filter is %v %q, want alice applied", size, p.list.FilterState(), p.list.FilterValue())
		}
		if it, _ := p.selected(); it.Person != "alice" || p.list.Index() != 1 {
			t.Errorf("%v: the selection is %d %q, want the second row", size, p.list.Index(), it.Text)
		}
	}
}

// The note opened from a list shows the item's line on screen, marked,
// even when it is far down a long note.
func TestEnterScrollsALongNoteToTheItem(t *testing.T) {
	j, dir := fixture(t)
	ms, _ := j.Meetings("alice")
	m := ms[0]
	m.Note = strings.Replace(m.Note, "## My commitments", strings.Repeat("A long paragraph of notes.\n\n", 40)+"## My commitments", 1)
	if _, err := j.SaveMeeting(m, today); err != nil {
		t.Fatal(err)
	}
	tm := newTestModel(t, j, dir, 120, 30)
	waitFor(t, tm, "Alice Martin")
	tm.Send(press("c"))
	waitFor(t, tm, "send the budget sheet")
	tm.Send(press("enter"))
	waitFor(t, tm, "» [ ] send the budget sheet")
	v := finalView(t, tm)
	if !strings.Contains(v, "» [ ] send the budget sheet") {
		t.Errorf("the item's line is not on screen:\n%s", v)
	}
}

// Follow-ups and search come back the same way; search then goes back to
// where it was opened from.
func TestEscAfterAJumpFromFollowUpsAndSearch(t *testing.T) {
	j, dir := fixture(t)
	tm := newTestModel(t, j, dir, 120, 40)
	waitFor(t, tm, "Alice Martin")
	tm.Send(press("f"))
	waitFor(t, tm, "ask about conference talk")
	tm.Send(press("enter"))
	waitFor(t, tm, "» [ ] ask about conference talk", "esc back to follow-ups")
	tm.Send(press("esc"))
	waitFor(t, tm, "open follow-ups, oldest first")
	tm.Send(press("H"))
	waitFor(t, tm, "Last 1:1")
	tm.Send(press("ctrl+f"))
	tm.Type("launch")
	// "· line" is the hit row's: "1 meeting" alone is also in the person's
	// preview ("1 meeting held"), and enter before the hits does nothing.
	waitFor(t, tm, "1 meeting", "· line ")
	tm.Send(press("enter"))
	waitFor(t, tm, "esc back to search")
	tm.Send(press("esc"))
	time.Sleep(150 * time.Millisecond)
	tm.Send(tea.KeyMsg{Type: tea.KeyEsc})
	time.Sleep(150 * time.Millisecond)
	m := finalModel(t, tm)
	if m.view != panePeople {
		t.Errorf("esc from search went to %s, want people (where search was opened)", m.view)
	}
	if q := m.panes[paneSearch].(*searchPane).query; q != "launch" {
		t.Errorf("the search query is %q after coming back", q)
	}
}
