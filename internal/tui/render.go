package tui

import (
	"fmt"
	"strings"
	"unicode"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/glamour"
)

// renderKey names one rendering of one document at one width: glamour
// output is cached per key, so a note is rendered when it or the width
// changes and never in View.
type renderKey struct {
	doc   string // "m:<meeting id>:<rev>", "prep:<handle>:<hash>", …
	width int
}

// noteRenderedMsg carries glamour's output for a document.
type noteRenderedMsg struct {
	to  paneID // the pane that asked
	key renderKey
	out string
	err error
}

// renderCmd renders markdown in the background.
func renderCmd(to paneID, key renderKey, md, style string) tea.Cmd {
	return guard(func() any {
		out, err := renderMarkdown(md, style, max(key.width, 8))
		return noteRenderedMsg{to: to, key: key, out: out, err: err}
	})
}

func (m noteRenderedMsg) owner() paneID { return m.to }

// renderMarkdown is the one place markdown becomes terminal text, at a
// width, in a glamour standard style ("dark", "light" or "notty"). A
// renderer is made per call: glamour renderers are not safe for
// concurrent use.
func renderMarkdown(md, style string, width int) (string, error) {
	r, err := glamour.NewTermRenderer(glamour.WithStandardStyle(style), glamour.WithWordWrap(width))
	if err != nil {
		return "", fmt.Errorf("render: %w", err)
	}
	out, err := r.Render(sanitizeMarkdown(md))
	if err != nil {
		return "", fmt.Errorf("render: %w", err)
	}
	return strings.TrimRight(out, "\n"), nil
}

// sanitizeMarkdown keeps control characters in a note (escape sequences
// above all) from reaching the terminal raw; the stored note is untouched.
func sanitizeMarkdown(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r == '\r':
			return -1
		case unicode.IsControl(r):
			return '�'
		}
		return r
	}, strings.ToValidUTF8(s, "�"))
}

// clean makes a one-line label safe to print: control characters become
// '�', line breaks and tabs spaces.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t' || r == '\r':
			return ' '
		case unicode.IsControl(r):
			return '�'
		}
		return r
	}, strings.ToValidUTF8(s, "�"))
}
