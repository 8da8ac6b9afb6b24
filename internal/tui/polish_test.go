package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/list"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/oneonone/1on1/journal"
)

// The search lists at most searchLimit meetings and says when more match,
// and how to narrow (issue 13); at the limit exactly, nothing more is
// claimed.
func TestSearchSaysWhenMoreMeetingsMatchThanItLists(t *testing.T) {
	for _, tc := range []struct {
		meetings int
		want     string
		not      string
	}{
		{searchLimit + 5, "showing 100 of 100+ meetings — type more words to narrow", "\n100 meetings"},
		{searchLimit, "100 meetings", "showing"},
		{3, "3 meetings", "showing"},
	} {
		t.Run(fmt.Sprint(tc.meetings), func(t *testing.T) {
			j, _ := fixture(t)
			for i := range tc.meetings {
				d := journal.NewDate(2020, time.January, 1).AddDays(i)
				if _, err := j.AddMeeting(journal.Meeting{Person: "bo", Date: d, Note: "talked about the zebra budget\n"}, today); err != nil {
					t.Fatal(err)
				}
			}
			e := &env{j: j, st: newStyles(), now: clockAt(today), names: map[string]string{}}
			p := newSearchPane(e)
			p.SetSize(70, 20)
			p.query, p.seq = "zebra", 1
			p.setHits(searchCmd(j, 1, "zebra")().(searchFinishedMsg))
			v := p.View()
			if !strings.Contains(v, tc.want) || strings.Contains(v, tc.not) {
				t.Errorf("want %q and not %q in:\n%s", tc.want, tc.not, v)
			}
			if n := len(p.list.Items()); n > searchLimit {
				t.Errorf("%d meetings listed, the limit is %d", n, searchLimit)
			}
		})
	}
}

// "No entries." never sits beside a pane's own word for why its list is
// empty (issue 13): loading, none open, type to search, no 1:1 yet.
func TestAnEmptyListSaysWhyOnceAndNeverNoEntries(t *testing.T) {
	j, _ := fixture(t)
	empty, _ := fixture(t)
	if _, err := empty.AddPerson(journal.Person{Handle: "cy", Name: "Cy", Role: journal.RolePeer, Cadence: 7}); err != nil {
		t.Fatal(err)
	}
	e := func(j *journal.Journal) *env {
		return &env{j: j, st: newStyles(), now: clockAt(today), names: map[string]string{}}
	}
	load := func(p pane) pane {
		msg := p.Load()()
		if b, ok := msg.(tea.BatchMsg); ok {
			for _, c := range b {
				if c != nil {
					p, _ = p.Update(c())
				}
			}
			return p
		}
		p, _ = p.Update(msg)
		return p
	}
	sized := func(p pane) pane { p.SetSize(50, 12); return p }

	commitments := sized(newItemsPane(e(j), false))
	search := sized(newSearchPane(e(j)))
	meetings := sized(newMeetingsPane(e(empty)))
	meetings, _ = meetings.Update(openPersonMsg{handle: "cy"})
	filtered := sized(newItemsPane(e(j), false))
	filtered = load(filtered)
	fp := filtered.(*itemsPane)
	fp.list.SetFilterText("nothing like this")
	fp.list.SetFilterState(list.FilterApplied)
	for _, tc := range []struct {
		name string
		p    pane
		want string
	}{
		{"commitments while loading", commitments, "loading…"},
		{"search before a word", search, "type to search every note"},
		{"meetings of someone new", load(meetings), "no 1:1 yet"},
		{"a filter that matches nothing", fp, "nothing matches the filter"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := tc.p.View()
			if !strings.Contains(v, tc.want) {
				t.Errorf("want %q in:\n%s", tc.want, v)
			}
			if strings.Contains(v, "No entries") {
				t.Errorf("says No entries:\n%s", v)
			}
		})
	}
}

// M gives the mouse to the terminal so that text can be selected and
// copied, says so, and takes it back (issue 13).
func TestMouseKeyGivesTheMouseToTheTerminalAndBack(t *testing.T) {
	j, _ := fixture(t)
	m := newModel(j, clockAt(today), newDraftKeeper(journal.DraftDir(j.Path())), "notty")
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	_, cmd := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("M")})
	if cmd == nil || fmt.Sprintf("%T", cmd()) != "tea.disableMouseMsg" {
		t.Fatalf("M did not turn the mouse off")
	}
	if !strings.Contains(m.View(), "mouse off: select text to copy") {
		t.Errorf("the screen does not say the mouse is off:\n%s", m.View())
	}
	if d := m.keys.Mouse.Help().Desc; !strings.Contains(d, "mouse on") {
		t.Errorf("the help still offers %q", d)
	}
	_, cmd = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("M")})
	if cmd == nil || fmt.Sprintf("%T", cmd()) != "tea.enableMouseCellMotionMsg" {
		t.Fatalf("M again did not turn the mouse back on")
	}
}

// One mark for overdue (✗) and ▸ only on the selected row: the focused
// pane shows by its border (issue 13).
func TestOneOverdueMarkAndTheArrowOnlyOnTheSelectedRow(t *testing.T) {
	for _, keys := range [][]tea.KeyMsg{nil, {press("c")}, {press("l")}, {press("enter")}} {
		j, dir := fixture(t)
		tm := newTestModel(t, j, dir, 100, 30)
		waitFor(t, tm, "Alice Martin", "since 1:1")
		for _, k := range keys {
			tm.Send(k)
		}
		time.Sleep(300 * time.Millisecond)
		screen := finalView(t, tm)
		if strings.Contains(screen, "⚠") {
			t.Errorf("⚠ beside ✗ for overdue:\n%s", screen)
		}
		if n := strings.Count(screen, "▸"); n != 1 {
			t.Errorf("%d ▸ on the screen, want the selected row's only:\n%s", n, screen)
		}
		for _, l := range strings.Split(screen, "\n")[:3] {
			if strings.Contains(l, "▸") {
				t.Errorf("a pane title is marked: %q", l)
			}
		}
	}
}

// Lists show an item's text without the date tokens and the struck
// history that its flag already says (issue 13).
func TestListsShowItemTextWithoutDateTokens(t *testing.T) {
	it := journal.Item{Kind: journal.Commitment, Person: "alice", Owner: journal.Me, State: journal.StateOpen,
		Text: "book the offsite ~~due:2026-11-20~~ (moved 2026-11-22) due:2026-12-04",
		Due:  journal.NewDate(2026, time.December, 4), Date: journal.NewDate(2026, time.November, 2)}
	st := newStyles()
	rows := map[string][]string{
		"commitments":  itemRow{it: it, today: today}.lines(60, st, false),
		"ledger drill": drillRow{it: it, today: today}.lines(60, st, false),
		"note legend":  legend(journal.Meeting{Items: []journal.Item{it}}, today, st),
	}
	for name, ls := range rows {
		s := strings.Join(ls, "\n")
		if !strings.Contains(s, "book the offsite") || strings.Contains(s, "~~") || strings.Contains(s, "due:2026") {
			t.Errorf("%s shows %q", name, s)
		}
	}
	if w := changeWords(journal.ActionDone, it, it); strings.Contains(w, "~~") {
		t.Errorf("the status line says %q", w)
	}
}

// The prep shows no block ids until asked with i (issue 13), and each
// promise once, its state and date ahead of its text.
func TestPrepShowsBlockIDsOnlyWhenAsked(t *testing.T) {
	j, dir := fixture(t)
	tm := newTestModel(t, j, dir, 100, 40)
	waitFor(t, tm, "Alice Martin", "since 1:1")
	tm.Send(press("p"))
	waitFor(t, tm, "Prep: 1:1 with Alice Martin", "overdue 17 days** (due 2026-11-06) — send")
	tm.Send(press("tab"))
	time.Sleep(100 * time.Millisecond)
	tm.Send(press("i"))
	waitFor(t, tm, "i hide block ids")
	time.Sleep(100 * time.Millisecond)
	m := finalModel(t, tm)
	withIDs := m.View()
	if !blockID.MatchString(withIDs) {
		t.Errorf("i did not show the block ids:\n%s", withIDs)
	}
	pr, _ := j.Prep("alice", today)
	if plain := pr.Markdown(); blockID.MatchString(plain) || strings.Count(plain, "send the budget sheet") != 1 {
		t.Errorf("the prep shows ids unasked, or a promise twice:\n%s", plain)
	}
}
