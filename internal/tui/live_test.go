package tui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/oneonone/1on1/journal"
)

// openBeside opens the fixture's journal a second time, as `1on1 note` or
// `1on1 done` would in another process: its own file handle and lock.
func openBeside(t *testing.T, dir string) *journal.Journal {
	t.Helper()
	cli, err := journal.Open(filepath.Join(dir, "journal.db"), journal.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cli.Close() })
	return cli
}

// TestTheAppShowsWhatAnotherProcessWroteAndKeepsItsPlace (SPEC 4.5): with
// a note being written in the editor and Bo selected, another process adds
// a person who sorts first, a 1:1 and ticks an item; within a few seconds
// the app shows them, Bo is still selected, and the unsaved text is intact.
func TestTheAppShowsWhatAnotherProcessWroteAndKeepsItsPlace(t *testing.T) {
	j, dir := fixture(t)
	cli := openBeside(t, dir)
	tm := newTestModel(t, j, dir, 120, 40)
	waitFor(t, tm, "Alice Martin", "Bo")
	tm.Send(tea.KeyMsg{Type: tea.KeyDown})
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("n")})
	waitFor(t, tm, "New 1:1: Bo")
	tm.Type("zqunsaved words") // handled before the poll that sees the change below

	if _, err := cli.AddPerson(journal.Person{Handle: "aaron", Name: "Aaron Abel"}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tm, "Aaron Abel")

	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	m := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*model)
	if s, _ := m.panes[panePeople].(*peoplePane).selected(); s.Handle != "bo" {
		t.Errorf("selected %q after the reload, want bo (the row moved down, the selection must follow it)", s.Handle)
	}
	if !m.edit.active() || !strings.Contains(m.edit.text(), "zqunsaved words") {
		t.Errorf("the unsaved note was lost by the reload: active %v, text %q", m.edit.active(), m.edit.text())
	}
}

// TestTheCommitmentsViewShowsATickFromAnotherProcess: an item ticked by
// another process leaves the open commitments shown, and a promise it adds
// appears, while the row selected stays selected.
func TestTheCommitmentsViewShowsATickFromAnotherProcess(t *testing.T) {
	j, dir := fixture(t)
	cli := openBeside(t, dir)
	tm := newTestModel(t, j, dir, 120, 40)
	waitFor(t, tm, "Alice Martin")
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("c")})
	waitFor(t, tm, "send the budget sheet", "share roadmap")
	open, err := cli.OpenCommitments(journal.ItemFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var budget, roadmap journal.Item
	down := 0
	for i, it := range open { // the list's order
		switch {
		case strings.Contains(it.Text, "budget sheet"):
			budget = it
		case strings.Contains(it.Text, "share roadmap"):
			roadmap, down = it, i
		}
	}
	// Select the roadmap promise, then tick the budget one elsewhere.
	for range down {
		tm.Send(tea.KeyMsg{Type: tea.KeyDown})
	}
	if _, err := cli.ChangeItem(budget.ID, journal.Change{Action: journal.ActionDone}, today); err != nil {
		t.Fatal(err)
	}
	if _, err := cli.AddMeeting(journal.Meeting{Person: "bo", Date: today, Note: "- [ ] me: zqnew promise 📅 2026-11-24\n"}, today); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tm, "zqnew promise")

	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	m := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*model)
	items := m.panes[paneCommitments].(*itemsPane)
	for _, r := range items.list.Items() {
		if r.(itemRow).it.ID == budget.ID {
			t.Errorf("the item ticked by another process is still listed as open")
		}
	}
	if it, _ := items.selected(); it.ID != roadmap.ID {
		t.Errorf("selected %q after the reload, want the roadmap promise", it.Text)
	}
}
