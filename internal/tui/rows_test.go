package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/list"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/oneonone/1on1/journal"
)

type textRow string

func (r textRow) FilterValue() string { return string(r) }
func (r textRow) Title() string       { return string(r) }
func (r textRow) Description() string { return "" }

func TestAListAskedForAPagePastItsLastDrawsTheLastPage(t *testing.T) {
	l := list.New([]list.Item{textRow("one"), textRow("two"), textRow("three")}, list.NewDefaultDelegate(), 40, 12)
	// What a reload to fewer items can leave behind while a page was shown.
	l.Paginator.Page = 9
	var out string
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("drawing panicked: %v", r)
			}
		}()
		out = listView(l)
	}()
	if !strings.Contains(out, "three") {
		t.Errorf("the last page is not drawn:\n%s", out)
	}
	if l.Paginator.Page != 9 {
		t.Error("drawing changed the list's state")
	}
}

// The selected row is a bar across the list's width, not bold text alone.
func TestTheSelectedRowHasAHighlightBar(t *testing.T) {
	lipgloss.SetColorProfile(termenv.TrueColor)
	defer lipgloss.SetColorProfile(termenv.Ascii)
	st := newStyles()
	l := newList(st, 1, false)
	l.SetItems([]list.Item{personRow{s: journal.PersonStatus{Person: journal.Person{Handle: "a", Name: "Ann"}}}, personRow{s: journal.PersonStatus{Person: journal.Person{Handle: "b", Name: "Bea"}}}})
	l.SetSize(30, 5)
	lines := strings.Split(listView(l), "\n")
	if !strings.Contains(lines[0], "\x1b[") || !strings.Contains(lines[0], ";48;") && !strings.Contains(lines[0], "[48;") {
		t.Errorf("the selected row has no background: %q", lines[0])
	}
	if strings.Contains(lines[1], "48;") {
		t.Errorf("an unselected row has the bar: %q", lines[1])
	}
	if lipgloss.Width(lines[0]) != 30 {
		t.Errorf("the bar is %d cells, want the list's 30", lipgloss.Width(lines[0]))
	}
}
