package tui

import (
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/list"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// row is a list entry that draws itself in a given width; the lists of
// every pane share rowDelegate.
type row interface {
	list.Item
	lines(width int, st styles, selected bool) []string
}

// rowDelegate draws rows of a fixed height with a marker on the selected
// one, every line cut to the list's width by display width.
type rowDelegate struct {
	st     styles
	height int
}

func (d rowDelegate) Height() int                         { return d.height }
func (d rowDelegate) Spacing() int                        { return 0 }
func (d rowDelegate) Update(tea.Msg, *list.Model) tea.Cmd { return nil }
func (d rowDelegate) Render(w io.Writer, m list.Model, index int, item list.Item) {
	r, ok := item.(row)
	if !ok {
		return
	}
	width := m.Width()
	sel := index == m.Index()
	ls := r.lines(max(width-2, 0), d.st, sel)
	out := make([]string, d.height)
	for i := range out {
		marker := "  "
		if sel && i == 0 {
			marker = "▸ "
		}
		line := ""
		if i < len(ls) {
			line = ls[i]
		}
		if sel {
			// A bar across the row (lazygit, k9s): one style for the
			// whole line, since the flags' own colours would cut it.
			out[i] = d.st.SelectedBar.Render(fit(marker+ansi.Strip(line), width))
			continue
		}
		out[i] = fit(marker+line, width)
	}
	fmt.Fprint(w, strings.Join(out, "\n"))
}

// fit cuts s to width display cells and pads it to exactly width.
func fit(s string, width int) string {
	if width <= 0 {
		return ""
	}
	tail := "…"
	if width < 2 {
		tail = ""
	}
	s = ansi.Truncate(s, width, tail)
	if pad := width - lipgloss.Width(s); pad > 0 {
		s += strings.Repeat(" ", pad)
	}
	return s
}

// spread puts left and right on one line of width cells, right-aligned
// right, cutting left first when they do not fit.
func spread(left, right string, width int) string {
	rw := lipgloss.Width(right)
	if rw >= width {
		return fit(right, width)
	}
	lw := width - rw - 1
	l := ansi.Truncate(left, lw, "…")
	gap := width - lipgloss.Width(l) - rw
	return l + strings.Repeat(" ", max(gap, 1)) + right
}

// spreadLeft is spread where left wins: what a row says (a name, a date,
// the days since the last 1:1) keeps its room, and right (flags) is cut,
// or left out where less than two cells are left for it.
func spreadLeft(left, right string, width int) string {
	lw, rw := lipgloss.Width(left), lipgloss.Width(right)
	if lw+1+rw <= width {
		return spread(left, right, width)
	}
	if room := width - lw - 1; room >= 2 {
		return left + " " + ansi.Truncate(right, room, "…")
	}
	return fit(left, width)
}

// newList makes a bubbles list with the app's delegate and without the
// list's own title, help and quit keys: panes draw their own titles and the
// root owns help and quitting.
func newList(st styles, height int, filtering bool) list.Model {
	l := list.New(nil, rowDelegate{st: st, height: height}, 0, 0)
	l.SetShowTitle(false)
	l.SetShowHelp(false)
	l.SetShowStatusBar(false)
	l.SetFilteringEnabled(filtering)
	l.DisableQuitKeybindings()
	l.KeyMap.ShowFullHelp.SetEnabled(false)
	l.KeyMap.CloseFullHelp.SetEnabled(false)
	// The list's paging letters (h, l, b, u, f, d) are the app's keys for
	// other things; paging keeps the arrows and pgup/pgdown.
	l.KeyMap.PrevPage = key.NewBinding(key.WithKeys("left", "pgup"), key.WithHelp("←/pgup", "prev page"))
	l.KeyMap.NextPage = key.NewBinding(key.WithKeys("right", "pgdown"), key.WithHelp("→/pgdn", "next page"))
	l.KeyMap.GoToStart.SetHelp("g/home", "first")
	l.KeyMap.GoToEnd.SetHelp("G/end", "last")
	l.Styles.NoItems = st.Dim
	l.SetStatusBarItemName("entry", "entries")
	return l
}

// listHelp is the help of a pane that is a list: the list's own moving and
// filtering keys, read from the list so that they are on or off as the list
// has set them (no filter on an empty list, no paging on one page), then
// the pane's keys.
type listHelp struct {
	nav  list.KeyMap
	pane keyHelp
}

func (h listHelp) ShortHelp() []key.Binding {
	if h.filtering() {
		return []key.Binding{h.nav.AcceptWhileFiltering, h.nav.CancelWhileFiltering}
	}
	return append(h.pane.ShortHelp(), h.nav.Filter, h.nav.ClearFilter)
}

func (h listHelp) FullHelp() [][]key.Binding {
	if h.filtering() {
		return [][]key.Binding{h.ShortHelp()}
	}
	n := h.nav
	return append([][]key.Binding{
		{n.CursorUp, n.CursorDown, n.PrevPage, n.NextPage},
		{n.GoToStart, n.GoToEnd, n.Filter, n.ClearFilter},
	}, h.pane.FullHelp()...)
}

// filtering: the filter input has the keys; only enter and esc mean
// anything then.
func (h listHelp) filtering() bool { return h.nav.CancelWhileFiltering.Enabled() }

// listTakingText reports whether a list's filter input has the keys.
func listTakingText(l *list.Model) bool { return l.FilterState() == list.Filtering }

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// listView draws a list. bubbles v1's list can be asked to draw a page
// past its last one — items replaced by fewer while a background filter or
// a reload is under way — and then slices out of range; the page is
// clamped on this copy of the list, so drawing never changes state.
//
// An empty list draws nothing, not bubbles' "No entries.": the pane says
// why it is empty (still loading, "none open", "0 meetings", "type to
// search"), and the two must never sit side by side (issue 13). A filter
// that matches nothing says so.
func listView(l list.Model) string {
	if len(l.VisibleItems()) == 0 && l.FilterState() != list.Filtering {
		if l.FilterState() == list.FilterApplied {
			return l.Styles.NoItems.Render("nothing matches the filter · esc clears it")
		}
		return ""
	}
	if n := len(l.VisibleItems()); n > 0 && l.Paginator.PerPage > 0 {
		if last := (n - 1) / l.Paginator.PerPage; l.Paginator.Page > last {
			l.Paginator.Page = last
		}
	}
	return l.View()
}

// wheelLines is how far one turn of the mouse wheel moves.
const wheelLines = 3

// wheelList moves a list's selection by one row per turn of the wheel, as
// the arrow keys do.
func wheelList(l *list.Model, msg tea.MouseMsg) tea.Cmd {
	k := tea.KeyMsg{Type: tea.KeyDown}
	switch msg.Button {
	case tea.MouseButtonWheelUp:
		k.Type = tea.KeyUp
	case tea.MouseButtonWheelDown:
	default:
		return nil
	}
	var cmd tea.Cmd
	*l, cmd = l.Update(k)
	return cmd
}
