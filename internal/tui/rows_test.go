package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/list"
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
