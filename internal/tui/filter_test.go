package tui

import (
	"strings"
	"testing"
)

func TestCommitmentsFilterNarrowsTheList(t *testing.T) {
	j, dir := fixture(t)
	tm := newTestModel(t, j, dir, 100, 40)
	waitFor(t, tm, "Alice Martin")
	tm.Send(press("c"))
	waitFor(t, tm, "showing: mine and theirs", "review hiring")
	tm.Send(press("/"))
	tm.Type("roadmap")
	tm.Send(press("enter"))
	waitFor(t, tm, "share roadmap")
	v := finalView(t, tm)
	if strings.Contains(v, "review hiring") {
		t.Errorf("the filter did not narrow the list:\n%s", v)
	}
}
