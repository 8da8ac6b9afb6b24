package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// waitMsg in a list of keys waits for the screen to show it.
type waitMsg string

// TestEveryViewAtStandardAndNarrowSizes keeps a golden of every view at
// 80×24, the standard terminal, and at 60×20, where one pane shows at a
// time (issue 13). Each screen must hold the help's way out ("?" and "q",
// or ctrl+c while typing), its way back (esc) where it has one, and fit
// the terminal.
func TestEveryViewAtStandardAndNarrowSizes(t *testing.T) {
	type view struct {
		name  string
		keys  []tea.Msg
		ready func(narrow bool) []string
	}
	both := func(s ...string) func(bool) []string { return func(bool) []string { return s } }
	wide := func(always []string, wideOnly ...string) func(bool) []string {
		return func(narrow bool) []string {
			if narrow {
				return always
			}
			return append(always, wideOnly...)
		}
	}
	views := []view{
		{"people", nil, wide([]string{"since 1:1"}, "Last 1:1")},
		{"meetings", []tea.Msg{press("enter")}, wide([]string{"open: 1 mine"}, "Talked about")},
		{"note", []tea.Msg{press("enter"), waitMsg("open: 1 mine"), press("enter")}, both("Talked about")},
		{"commitments", []tea.Msg{press("c")}, wide([]string{"send the budget sheet"}, "Talked about")},
		{"follow-ups", []tea.Msg{press("f")}, wide([]string{"ask about conference talk"}, "Talked about")},
		{"ledger", []tea.Msg{press("l")}, wide([]string{"mine "}, "keep rate by month")},
		{"search", []tea.Msg{press("ctrl+f"), press("d"), press("e"), press("c"), press("k")}, wide([]string{"1 meeting"}, "Talked about")},
		{"prep", []tea.Msg{press("p")}, both("Prep: 1:1 with Alice")},
		{"editor", []tea.Msg{press("n")}, both("New 1:1: Alice Martin")},
		{"help", []tea.Msg{press("?")}, both("close help")},
		{"add person", []tea.Msg{press("a"), waitMsg("Add a person"), press("J"), press("o"), press("s"), press("é")}, both("handle:  jose")},
		{"people by urgency", []tea.Msg{press("s")}, both("People · by urgency")},
	}
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		w, h := size[0], size[1]
		t.Run(fmt.Sprintf("%dx%d", w, h), func(t *testing.T) {
			for _, v := range views {
				t.Run(v.name, func(t *testing.T) {
					j, dir := fixture(t)
					tm := newTestModel(t, j, dir, w, h)
					if len(v.keys) == 0 {
						waitFor(t, tm, append([]string{"Alice Martin"}, v.ready(w < singleWidth)...)...)
					} else {
						waitFor(t, tm, "Alice Martin", "since 1:1")
					}
					for _, k := range v.keys {
						if w, ok := k.(waitMsg); ok {
							waitFor(t, tm, string(w))
							continue
						}
						tm.Send(k)
						time.Sleep(30 * time.Millisecond)
					}
					if len(v.keys) > 0 {
						waitFor(t, tm, v.ready(w < singleWidth)...)
					}
					time.Sleep(100 * time.Millisecond) // renders settle
					m := finalModel(t, tm)
					screen := m.View()
					lines := strings.Split(screen, "\n")
					if len(lines) > h {
						t.Errorf("%d lines on a %d-line terminal", len(lines), h)
					}
					for i, l := range lines {
						if lipgloss.Width(l) > w {
							t.Errorf("line %d is %d cells wide", i, lipgloss.Width(l))
						}
					}
					last := lines[len(lines)-1]
					way := []string{"? more keys", "q quit"}
					if m.help.ShowAll {
						way = []string{"?/esc close help", "q quit"}
					}
					if m.takingText() {
						way = []string{"ctrl+c quit"}
					}
					if b, ok := escBinding(m.focusedHelp()); ok {
						// The way back too, however narrow (issue 13).
						way = append(way, "esc "+b.Help().Desc)
					}
					for _, s := range way {
						if !strings.Contains(last, s) {
							t.Errorf("the help does not say %q: %q", s, last)
						}
					}
					requireGolden(t, screen)
				})
			}
		})
	}
}
