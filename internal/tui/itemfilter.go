package tui

import (
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/list"
	tea "github.com/charmbracelet/bubbletea"
)

// itemFilter is the commitments and follow-ups views' filter. A handle
// ("@uma", or "uma" when someone has that handle) matches that person's
// items only, where fuzzy matching would also find "me → maya"; anything
// else matches fuzzily. Either way the list keeps its order (overdue
// first): a filter narrows, it does not re-sort.
func itemFilter(e *env) list.FilterFunc {
	return func(term string, targets []string) []list.Rank {
		handle := strings.TrimSpace(term)
		at := strings.HasPrefix(handle, "@")
		handle = strings.ToLower(strings.TrimPrefix(handle, "@"))
		if _, known := e.names[handle]; (at || known) && handle != "" {
			var out []list.Rank
			for i, t := range targets {
				// A row's filter value starts with its person's handle.
				if p, _, _ := strings.Cut(t, " "); strings.EqualFold(p, handle) {
					out = append(out, list.Rank{Index: i, MatchedIndexes: span(len(p))})
				}
			}
			return out
		}
		ranks := list.DefaultFilter(term, targets)
		sort.SliceStable(ranks, func(a, b int) bool { return ranks[a].Index < ranks[b].Index })
		return ranks
	}
}

func span(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// filterTitle is a list view's title with the filter in force: a filter
// applied with enter leaves a sign on screen.
func filterTitle(title string, l *list.Model) string {
	if l.FilterState() == list.Unfiltered || l.FilterValue() == "" {
		return title
	}
	return title + " · filter: " + clean(l.FilterValue())
}

// filterMatchesMsg is a list's filter result with the filter text it is
// for. The list filters in a command per keystroke and those run at once,
// so an older result (all rows, for the empty filter) can land after a
// newer one: a result for other text than the filter's now is dropped.
type filterMatchesMsg struct {
	pane    paneID
	term    string
	matches list.FilterMatchesMsg
}

func (m filterMatchesMsg) owner() paneID { return m.pane }

// tagFilter makes cmd's filter results (inside batches too) say which
// filter text they are for.
func tagFilter(cmd tea.Cmd, id paneID, term string) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() tea.Msg {
		switch msg := cmd().(type) {
		case list.FilterMatchesMsg:
			return filterMatchesMsg{pane: id, term: term, matches: msg}
		case tea.BatchMsg:
			out := make(tea.BatchMsg, len(msg))
			for i, c := range msg {
				out[i] = tagFilter(c, id, term)
			}
			return out
		default:
			return msg
		}
	}
}
