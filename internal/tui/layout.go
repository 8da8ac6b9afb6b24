package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/oneonone/1on1/journal"
)

// The smallest terminal the app lays out in; below it, one line asks for
// a larger one.
const (
	minWidth  = 50
	minHeight = 12
)

// The frame: a header line, the left pane and the right pane side by side
// in boxes, the status line and the help.

func (m *model) tooSmall() bool { return m.width < minWidth || m.height < minHeight }

// singleWidth is the narrowest terminal that holds a list and the preview
// side by side, each wide enough to read; below it the focused pane alone
// fills the screen (enter or tab shows the preview, esc or tab the list),
// as lazygit and k9s do.
const singleWidth = 70

func (m *model) single() bool { return m.width < singleWidth }

// rightShown reports whether the right side is the one the user works in.
func (m *model) rightShown() bool {
	return m.focusRight || m.edit.active() || m.modal != nil && !isInline(m.modal)
}

func (m *model) leftOuter() int {
	if m.single() {
		return m.width
	}
	if m.width < 80 {
		return m.width / 2
	}
	return min(max(m.width*2/5, 30), 60)
}

// helpView is the help line below the panes. It always ends with how to
// get more help and how to quit: the focused pane's keys are cut first.
// With the full help (?) on, the help takes the body (see fullHelp) and
// this line keeps only that ending.
func (m *model) helpView() string {
	h := helpKeys{pane: m.focusedHelp(), global: m.keys, text: m.takingText()}
	tail := m.shortHelp(h.shortTail(), 0)
	if m.help.ShowAll {
		return ansi.Truncate(tail, m.width, "…")
	}
	sep := m.help.ShortSeparator
	head := m.shortHelp(h.shortHead(), m.width-lipgloss.Width(tail)-lipgloss.Width(sep))
	if head == "" {
		return ansi.Truncate(tail, m.width, "…")
	}
	return ansi.Truncate(head+sep+tail, m.width, "…")
}

// shortHelp is bindings as "key desc · key desc", cut with "…" to width
// cells (0: no limit). bubbles' own ShortHelpView can go past its width
// when not even the ellipsis fits.
func (m *model) shortHelp(bs []key.Binding, width int) string {
	var b strings.Builder
	w := 0
	for _, kb := range bs {
		if !kb.Enabled() {
			continue
		}
		item := m.help.Styles.ShortKey.Render(kb.Help().Key) + " " + m.help.Styles.ShortDesc.Render(kb.Help().Desc)
		if w > 0 {
			item = m.help.ShortSeparator + item
		}
		iw := lipgloss.Width(item)
		if width > 0 && w+iw > width-2 {
			if w > 0 && w+2 <= width {
				b.WriteString(" …")
			}
			break
		}
		b.WriteString(item)
		w += iw
	}
	return b.String()
}

// fullHelp is every key in columns, wrapped into rows of columns so that
// none is dropped, in at most height lines: cut, saying so, only where
// the terminal is too small to hold them.
func (m *model) fullHelp(height int) string {
	h := helpKeys{pane: m.focusedHelp(), global: m.keys, text: m.takingText()}
	m.help.Width = 0
	var rows, row []string
	rowWidth := 0
	for _, col := range h.FullHelp() {
		if !anyEnabled(col) {
			continue
		}
		block := m.help.FullHelpView([][]key.Binding{col})
		w := lipgloss.Width(block) + 4
		if rowWidth > 0 && rowWidth+w > m.width {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
			row, rowWidth = nil, 0
		}
		row = append(row, block+"    ")
		rowWidth += w
	}
	if len(row) > 0 {
		rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
	}
	lines := strings.Split(strings.Join(rows, "\n\n"), "\n")
	if room := max(height, 1); len(lines) > room {
		lines = append(lines[:room-1], m.env.st.Dim.Render("… more keys than fit: enlarge the terminal"))
	}
	for i, l := range lines {
		lines[i] = fit(strings.TrimRight(l, " "), m.width)
	}
	for len(lines) < height {
		lines = append(lines, fit("", m.width))
	}
	return strings.Join(lines, "\n")
}

func anyEnabled(bs []key.Binding) bool {
	for _, b := range bs {
		if b.Enabled() {
			return true
		}
	}
	return false
}

func (m *model) focusedHelp() keyHelp {
	if m.modal != nil {
		return m.modal.help()
	}
	return m.focused().Help()
}

func (m *model) bodyHeight() int { return max(m.height-2-lipgloss.Height(m.helpView()), 3) }

// layout gives every pane its size inside its box, below the title line.
func (m *model) layout() tea.Cmd {
	if m.width <= 0 || m.height <= 0 {
		return nil
	}
	lw := max(m.leftOuter()-2, 1)
	lh := max(m.bodyHeight()-3, 1)
	var cmds []tea.Cmd
	for _, p := range m.panes {
		cmds = append(cmds, p.SetSize(lw, lh))
	}
	rw, rh := max(m.width-m.leftOuter()-2, 1), lh
	if m.single() {
		rw = lw
	}
	for _, p := range []pane{m.edit, m.prep, m.preview} {
		cmds = append(cmds, p.SetSize(rw, rh))
	}
	return tea.Batch(cmds...)
}

// View draws the screen from state alone: no I/O, no markdown rendering.
// It is drawn on every key, so it builds lines directly (see box) rather
// than through lipgloss's border and join, which measure every line again.
func (m *model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	if m.tooSmall() {
		return fit(fmt.Sprintf("1on1 needs a terminal of at least %d×%d; please enlarge it", minWidth, minHeight), m.width)
	}
	st := m.env.st
	left := m.panes[m.view]
	head := m.header()

	helpLine := m.helpView()
	bh := max(m.height-2-lipgloss.Height(helpLine), 3) // bodyHeight, with the help drawn once
	lw := m.leftOuter()
	rw := m.width - lw
	if m.single() {
		rw = m.width
	}
	var lb, rb []string
	if m.help.ShowAll {
		lb = strings.Split(m.fullHelp(bh), "\n")
	} else if !m.single() || m.rightShown() {
		right := m.right()
		rightTitle, rightView := right.Title(), right.View()
		if m.modal != nil && !isInline(m.modal) {
			rightTitle, rightView = "", m.modal.View(max(rw-4, 1))
		}
		rb = m.box(rightTitle, rightView, rw, bh, m.rightShown())
	}
	if !m.help.ShowAll && (!m.single() || !m.rightShown()) {
		lb = m.box(left.Title(), left.View(), lw, bh, !m.rightShown())
	}

	status := st.Status.Render(m.status)
	if m.status == "" {
		status = st.Dim.Render(m.keeperLine()) // keeper.go
	}
	if m.isErr {
		status = st.Error.Render(m.status)
	}
	if m.modal != nil && isInline(m.modal) {
		// A one-line question (newmeeting.go) takes the status line.
		status = st.PaneTitle.Render(m.modal.View(m.width))
	}
	var b strings.Builder
	b.Grow((m.width + 16) * m.height)
	b.WriteString(head)
	for i := range max(len(lb), len(rb)) {
		b.WriteByte('\n')
		if lb != nil {
			b.WriteString(lb[i])
		}
		if rb != nil {
			b.WriteString(rb[i])
		}
	}
	b.WriteByte('\n')
	b.WriteString(m.statusWithVault(status, m.width)) // vault.go
	b.WriteByte('\n')
	b.WriteString(helpLine)
	return b.String()
}

// box draws a pane as lines of exactly w cells: a border (thick and in
// the accent colour when focused), a title line and content cut and
// padded to the pane's size. ▸ marks the selected row of a list only (one
// mark, one meaning: issue 13); the focus is the border's, which shows
// without colour too. Both panes of a frame have the same height, so
// their lines are joined side by side as they are.
func (m *model) box(title, content string, w, h int, focused bool) []string {
	st := m.env.st
	iw, ih := max(w-2, 1), max(h-2, 1)
	marker := " "
	border, edge := lipgloss.NormalBorder(), st.PaneEdge
	if focused {
		border, edge = lipgloss.ThickBorder(), st.PaneEdgeFocused
	}
	left, right := edge.Render(border.Left), edge.Render(border.Right)
	out := make([]string, 0, ih+2)
	out = append(out, edge.Render(border.TopLeft+strings.Repeat(border.Top, iw)+border.TopRight))
	out = append(out, left+fit(st.PaneTitle.Render(marker+title), iw)+right)
	rest := content
	for len(out) < ih+1 && rest != "" {
		l, tail, _ := strings.Cut(rest, "\n")
		rest = tail
		out = append(out, left+fit(l, iw)+right)
	}
	blank := left + strings.Repeat(" ", iw) + right
	for len(out) < ih+1 {
		out = append(out, blank)
	}
	return append(out, edge.Render(border.BottomLeft+strings.Repeat(border.Bottom, iw)+border.BottomRight))
}

// headline is the header's summary: "3 overdue · 2 due soon · 1 person
// due for a 1:1".
func headline(ps []journal.PersonStatus) string {
	var overdue, soon, due int
	for _, p := range ps {
		if p.Archived {
			continue // listed to be restored (A), not flagged
		}
		overdue += p.OverdueMine + p.OverdueTheirs
		soon += p.DueSoon
		if p.DueForOneOnOne {
			due++
		}
	}
	return fmt.Sprintf("%d overdue · %d due soon · %d %s due for a 1:1", overdue, soon, due, plural(due, "person", "people"))
}

// header is the top line: the app and the view on the left, which win;
// then the flags, cut first; then today's date.
func (m *model) header() string {
	st := m.env.st
	left := st.HeaderTitle.Render("1on1") + " · " + st.Header.Render(m.names[m.view])
	date := st.Dim.Render(m.env.today().String())
	room := m.width - lipgloss.Width(left) - 1 - lipgloss.Width(date) - 2
	if room < 4 {
		return spreadLeft(left, date, m.width)
	}
	flags := ansi.Truncate(m.headline, room, "…")
	return spread(left, st.HeaderFlags.Render(flags)+"  "+date, m.width)
}
