package tui

import (
	"strings"
	"testing"
	"time"
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

// A handle, with @ or alone, matches that person exactly (fuzzy "bo"
// would find "review hiring plan by nov 10"); the applied filter shows in
// the title; a text filter keeps the overdue-first order.
func TestCommitmentsFilterByHandleIsExactAndShown(t *testing.T) {
	for _, q := range []string{"@bo", "bo"} {
		j, dir := fixture(t)
		tm := newTestModel(t, j, dir, 100, 40)
		waitFor(t, tm, "Alice Martin")
		tm.Send(press("c"))
		waitFor(t, tm, "showing: mine and theirs", "review hiring")
		tm.Send(press("/"))
		tm.Type(q)
		time.Sleep(150 * time.Millisecond) // the list filters in a command
		tm.Send(press("enter"))
		// The list filters in commands: wait for bo's row to be the first.
		waitFor(t, tm, "Commitments · filter: "+q, "▸ share roadmap")
		m := finalModel(t, tm)
		p := m.panes[paneCommitments].(*itemsPane)
		var got []string
		for _, it := range p.list.VisibleItems() {
			got = append(got, it.(itemRow).it.Person)
		}
		if strings.Join(got, ",") != "bo" {
			t.Errorf("/%s shows items of %v, want bo's only", q, got)
		}
	}
	j, dir := fixture(t)
	tm := newTestModel(t, j, dir, 100, 40)
	waitFor(t, tm, "Alice Martin")
	tm.Send(press("c"))
	waitFor(t, tm, "review hiring")
	tm.Send(press("/"))
	tm.Type("e")
	tm.Send(press("enter"))
	waitFor(t, tm, "Commitments · filter: e")
	time.Sleep(200 * time.Millisecond)
	m := finalModel(t, tm)
	p := m.panes[paneCommitments].(*itemsPane)
	all, vis := p.list.Items(), p.list.VisibleItems()
	if len(vis) != len(all) {
		t.Fatalf("'e' matches %d of %d", len(vis), len(all))
	}
	for i := range all {
		if all[i].(itemRow).it.ID != vis[i].(itemRow).it.ID {
			t.Errorf("row %d: the filter re-sorted the list", i)
		}
	}
}

// P groups the commitments by person, each person's items still overdue
// first; P again ungroups.
func TestCommitmentsGroupByPerson(t *testing.T) {
	j, dir := fixture(t)
	tm := newTestModel(t, j, dir, 100, 40)
	waitFor(t, tm, "Alice Martin")
	tm.Send(press("c"))
	waitFor(t, tm, "review hiring")
	tm.Send(press("P"))
	waitFor(t, tm, "· by person")
	m := finalModel(t, tm)
	p := m.panes[paneCommitments].(*itemsPane)
	var who, order []string
	for _, it := range p.list.Items() {
		r := it.(itemRow).it
		who = append(who, r.Person)
		if r.Person == "alice" {
			order = append(order, r.ID)
		}
	}
	if strings.Join(who, ",") != "alice,alice,alice,bo" {
		t.Errorf("grouped rows are %v", who)
	}
	var want []string
	for _, it := range p.items {
		if it.Person == "alice" {
			want = append(want, it.ID)
		}
	}
	if strings.Join(order, ",") != strings.Join(want, ",") {
		t.Error("grouping re-sorted a person's items")
	}
}
