package tui

import (
	"strings"
	"unicode/utf8"

	tea "github.com/charmbracelet/bubbletea"
)

// The way back: enter on a commitment, a follow-up or a search hit opens
// its note in that person's meetings; esc there returns to exactly where
// enter was pressed. The list panes keep their own selection, filter and
// page while another view shows, so a frame only names the view and which
// side had the focus.

// backFrame is where a jump came from.
type backFrame struct {
	view  paneID
	right bool
}

// jumpsFrom reports whether enter in the view opens a note to come back
// from.
func jumpsFrom(v paneID) bool {
	return v == paneCommitments || v == paneFollowUps || v == paneSearch || v == paneLedger
}

// jump shows a person's meetings at msg's meeting and remembers where the
// user was when the jump came from a list of items or hits.
func (m *model) jump(msg openPersonMsg) tea.Cmd {
	from, right := m.view, m.focusRight
	cmd := tea.Batch(m.route(paneMeetings, msg), m.switchView(paneMeetings))
	if jumpsFrom(from) {
		m.backTo = &backFrame{view: from, right: right}
	}
	return cmd
}

// goBack returns to where the last jump came from; ok is false with none.
func (m *model) goBack() (tea.Cmd, bool) {
	f := m.backTo
	if f == nil || m.view != paneMeetings {
		return nil, false
	}
	m.backTo = nil
	// Not switchView: going back to search must not make the meetings
	// search's own way back.
	m.view, m.focusRight = f.view, f.right
	m.prep.close()
	return tea.Batch(m.panes[f.view].Load(), m.layout(), m.syncPreview()), true
}

// syncBackHelp makes esc's help say where it goes.
func (m *model) syncBackHelp() {
	desc := "people"
	if m.backTo != nil && m.view == paneMeetings {
		desc = "back to " + strings.ToLower(m.names[m.backTo.view])
	}
	m.panes[paneMeetings].(*meetingsPane).keys.Back.SetHelp("esc", desc)
	if m.backTo != nil && m.view == paneMeetings {
		m.preview.keys.Back.SetHelp("esc", desc)
	} else {
		m.preview.keys.Back.SetHelp("esc", "list")
	}
}

// markTerm is the start of an item's text, to find and mark its line in
// the rendered note: a few words, since a long line wraps.
func markTerm(text string) string {
	text = strings.TrimSpace(text)
	if utf8.RuneCountInString(text) <= 24 {
		return text
	}
	words := strings.Fields(text)
	out := ""
	for _, w := range words {
		next := strings.TrimSpace(out + " " + w)
		if utf8.RuneCountInString(next) > 24 && out != "" {
			break
		}
		out = next
	}
	return out
}
