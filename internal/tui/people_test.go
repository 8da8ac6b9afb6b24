package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/oneonone/1on1/journal"
)

// s sorts the people list by urgency — my overdue promises first, then a
// 1:1 due — and back by name; the title says which (issue 13).
func TestPeopleSortByUrgencyTogglesAndTheTitleSaysSo(t *testing.T) {
	j, _ := fixture(t)
	if _, err := j.AddPerson(journal.Person{Handle: "aaron", Name: "Aaron Abel", Role: journal.RolePeer, Cadence: 14}); err != nil {
		t.Fatal(err)
	}
	e := &env{j: j, st: newStyles(), now: clockAt(today), names: map[string]string{}}
	p := newPeoplePane(e)
	p.SetSize(40, 20)
	var pn pane = p
	pn, _ = pn.Update(loadPeopleCmd(j, today, false)())
	order := func() string {
		var hs []string
		for _, it := range p.list.Items() {
			hs = append(hs, it.(personRow).s.Handle)
		}
		return strings.Join(hs, " ")
	}
	if got := order(); got != "aaron alice bo" || p.Title() != "People" {
		t.Fatalf("by name: %q titled %q", got, p.Title())
	}
	pn, _ = pn.Update(press("s"))
	// Alice: one of my promises overdue; Aaron: never met, so due; Bo: neither.
	if got := order(); got != "alice aaron bo" || p.Title() != "People · by urgency" {
		t.Errorf("by urgency: %q titled %q", got, p.Title())
	}
	if d := p.keys.Sort.Help().Desc; d != "sort by name" {
		t.Errorf("s is offered as %q", d)
	}
	pn, _ = pn.Update(loadPeopleCmd(j, today, false)()) // a reload keeps the order
	if got := order(); got != "alice aaron bo" {
		t.Errorf("after a reload: %q", got)
	}
	pn.Update(press("s"))
	if got := order(); got != "aaron alice bo" {
		t.Errorf("back by name: %q", got)
	}
}

// The person form derives the handle as `1on1 people add` does, until one
// is typed; it edits the context; its error shows in the error colour
// (issue 13).
func TestPersonFormDerivesTheHandleAndEditsTheContext(t *testing.T) {
	st := newStyles()
	taken := func(h string) bool { return h == "jose" }
	f := newPersonForm(st, nil, taken)
	typeInto := func(s string) {
		for _, r := range s {
			f.Update(press(string(r)))
		}
	}
	typeInto("José Núñez")
	if got := f.inputs[1].Value(); got != journal.SuggestHandle("José Núñez", taken) || got != "jose.n" {
		t.Errorf("handle %q from the name, want jose.n as the CLI derives it", got)
	}
	f.Update(press("tab"))
	typeInto("x")
	f.Update(press("shift+tab"))
	typeInto("!")
	if got := f.inputs[1].Value(); got != "jose.nx" {
		t.Errorf("a typed handle followed the name: %q", got)
	}
	f.Update(press("tab")) // handle
	f.Update(press("tab")) // role
	f.Update(press("tab")) // cadence
	f.Update(press("tab")) // context
	typeInto("prefers written feedback")
	f.Update(press("enter")) // a new line in the context, not a save
	typeInto("goal: staff")
	cmd := f.Update(press("ctrl+s"))
	if cmd == nil {
		t.Fatalf("ctrl+s did not save: %q", f.err)
	}
	sub, ok := cmd().(personSubmitMsg)
	if !ok {
		t.Fatalf("saved %T", cmd())
	}
	if sub.person.Context != "prefers written feedback\ngoal: staff" || sub.person.Handle != "jose.nx" || sub.person.Name != "José Núñez!" {
		t.Errorf("submitted %+v", sub.person)
	}

	lipgloss.SetColorProfile(termenv.TrueColor)
	defer lipgloss.SetColorProfile(termenv.Ascii)
	g := newPersonForm(newStyles(), &journal.Person{Handle: "alice", Name: "Alice", Cadence: 14, Context: "likes 1:1s on monday"}, nil)
	if !strings.Contains(g.View(50), "likes 1:1s on monday") {
		t.Errorf("the edit form does not show the context:\n%s", g.View(50))
	}
	g.Update(press("tab")) // role (the handle is fixed)
	g.Update(press("tab")) // cadence
	g.Update(press("backspace"))
	g.Update(press("backspace"))
	g.Update(press("enter"))
	v := g.View(50)
	i := strings.Index(v, "cadence: a number of days")
	if i < 0 || !strings.Contains(v[max(i-30, 0):i], "\x1b[") {
		t.Errorf("the error is not coloured:\n%q", v)
	}
}

// A shows archived people, dimmed; x on one restores them (issue 13).
func TestArchivedPeopleCanBeShownAndRestored(t *testing.T) {
	j, dir := fixture(t)
	tm := newTestModel(t, j, dir, 100, 30)
	waitFor(t, tm, "Alice Martin", "since 1:1")
	tm.Send(press("x"))
	waitFor(t, tm, "Archive Alice Martin?")
	tm.Send(press("y"))
	waitFor(t, tm, "archived alice")
	tm.Send(press("A"))
	waitFor(t, tm, "People · +archived", "x restores")
	tm.Send(press("G")) // archived people come last
	time.Sleep(100 * time.Millisecond)
	tm.Send(press("x"))
	waitFor(t, tm, "restored alice")
	time.Sleep(100 * time.Millisecond)
	screen := finalView(t, tm)
	p, err := j.Person("alice")
	if err != nil || p.Archived {
		t.Fatalf("alice still archived (%v)", err)
	}
	if strings.Contains(screen, "x restores") {
		t.Errorf("alice is still shown archived:\n%s", screen)
	}
}
