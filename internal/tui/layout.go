package tui

import (
	"fmt"
	"strings"

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

func (m *model) leftOuter() int {
	if m.width < 80 {
		return m.width / 2
	}
	return min(max(m.width*2/5, 30), 60)
}

func (m *model) helpView() string {
	m.help.Width = m.width
	v := m.help.View(helpKeys{pane: m.focusedHelp(), global: m.keys, text: m.takingText()})
	// The full help drops columns that do not fit, but its first column
	// can alone be wider than a narrow terminal.
	lines := strings.Split(v, "\n")
	for i, l := range lines {
		if lipgloss.Width(l) > m.width {
			lines[i] = ansi.Truncate(l, m.width, "…")
		}
	}
	return strings.Join(lines, "\n")
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
	head := spread(st.HeaderTitle.Render("1on1")+" · "+st.Header.Render(m.names[m.view]),
		st.HeaderFlags.Render(m.headline)+"  "+st.Dim.Render(m.env.today().String()), m.width)

	helpLine := m.helpView()
	bh := max(m.height-2-lipgloss.Height(helpLine), 3) // bodyHeight, with the help drawn once
	lw := m.leftOuter()
	rw := m.width - lw
	right := m.right()
	rightTitle, rightView := right.Title(), right.View()
	if m.modal != nil {
		rightTitle, rightView = "", m.modal.View(max(rw-4, 1))
	}
	lb := m.box(left.Title(), left.View(), lw, bh, !m.focusRight && !m.edit.active() && m.modal == nil)
	rb := m.box(rightTitle, rightView, rw, bh, m.focusRight || m.edit.active() || m.modal != nil)

	status := st.Status.Render(m.status)
	if m.isErr {
		status = st.Error.Render(m.status)
	}
	var b strings.Builder
	b.Grow((m.width + 16) * m.height)
	b.WriteString(head)
	for i := range lb {
		b.WriteByte('\n')
		b.WriteString(lb[i])
		b.WriteString(rb[i])
	}
	b.WriteByte('\n')
	b.WriteString(fit(status, m.width))
	b.WriteByte('\n')
	b.WriteString(helpLine)
	return b.String()
}

// box draws a pane as lines of exactly w cells: a border (thick when
// focused), a title line (marked when focused) and content cut and padded
// to the pane's size. Both panes of a frame have the same height, so their
// lines are joined side by side as they are.
func (m *model) box(title, content string, w, h int, focused bool) []string {
	st := m.env.st
	iw, ih := max(w-2, 1), max(h-2, 1)
	marker := "  "
	border, edge := lipgloss.NormalBorder(), st.PaneEdge
	if focused {
		marker = "▸ "
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
		overdue += p.OverdueMine + p.OverdueTheirs
		soon += p.DueSoon
		if p.DueForOneOnOne {
			due++
		}
	}
	return fmt.Sprintf("%d overdue · %d due soon · %d %s due for a 1:1", overdue, soon, due, plural(due, "person", "people"))
}
