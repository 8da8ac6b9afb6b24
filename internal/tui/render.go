package tui

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/oneonone/1on1/internal/mdterm"
	"github.com/oneonone/1on1/internal/termsafe"
)

// renderKey names one rendering of one document at one width: the rendered
// output is cached per key, so a note is rendered when it or the width
// changes and never in View.
type renderKey struct {
	doc   string // "m:<meeting id>:<rev>", "prep:<handle>:<hash>", …
	width int
}

// noteRenderedMsg carries the rendered output for a document.
type noteRenderedMsg struct {
	to  paneID // the pane that asked
	key renderKey
	out string
	err error
}

// renderCmd renders markdown in the background.
func renderCmd(to paneID, key renderKey, md, style string) tea.Cmd {
	return guard(func() any {
		out, err := renderMarkdown(md, style, max(key.width, 10))
		return noteRenderedMsg{to: to, key: key, out: out, err: err}
	})
}

func (m noteRenderedMsg) owner() paneID { return m.to }

// renderMarkdown is the one place markdown becomes terminal text, at a
// width, in a style: "notty" renders without colour, keeping markdown's
// marks; "dark" and "light" with colour (lipgloss knows the background).
// mdterm makes every piece of note text safe after decoding it, so the
// output holds no control character but the app's own styling.
func renderMarkdown(md, style string, width int) (string, error) {
	return "\n" + mdterm.Render(md, mdterm.Options{Width: width, Margin: 2, Plain: style == "notty"}), nil
}

// clean makes a one-line label safe to print (see termsafe.Line).
func clean(s string) string { return termsafe.Line(s) }
