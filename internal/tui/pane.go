package tui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/oneonone/1on1/journal"
)

// pane is one part of the screen with its own state, keys and data: the
// lists on the left, the preview, the prep and the editor on the right.
// The root (model) owns layout, focus and routing; a pane never reaches
// into another's fields, it sends messages (see send).
type pane interface {
	// Update takes a message for this pane: a key while it has focus, or
	// a result that belongs to it (see owned).
	Update(tea.Msg) (pane, tea.Cmd)
	// View draws the content inside the pane's box, without its title.
	View() string
	// Title is the box's title line.
	Title() string
	// SetSize gives the pane the cells inside its box, below the title.
	SetSize(w, h int) tea.Cmd
	// Help is the pane's keys for the help line.
	Help() keyHelp
	// TakingText reports whether typed keys are text now (a filter, a
	// search box, the editor): then every key goes to the pane first.
	TakingText() bool
	// Selected is what the pane has selected, for the preview to show.
	Selected() selection
	// Load asks for the pane's data again; its result comes back owned by
	// the pane.
	Load() tea.Cmd
}

// paneID names a pane: results of commands carry one (see owned). Each
// pane's file declares its own.
type paneID string

// owned is a message that belongs to one pane whatever has focus: the
// root hands it to that pane.
type owned interface{ owner() paneID }

// selection is what a list has selected. key names it (a new key is a new
// selection); the preview shows doc, or the meeting (loading it when only
// its id is known), with term marked.
type selection struct {
	key     string
	doc     *doc
	meeting journal.MeetingID
	known   *journal.Meeting // the meeting itself, when the list has it
	term    string
}

// env is what every pane shares: the journal, the styles, the clock and
// the names of people for titles.
type env struct {
	j     *journal.Journal
	st    styles
	now   func() time.Time
	names map[string]string // handle → name
}

// today is the date now: it follows the clock while the app stays open.
func (e *env) today() journal.Date { return journal.DateOf(e.now()) }

// name is a person's name for a title, or the handle while unknown.
func (e *env) name(handle string) string {
	if n := e.names[handle]; n != "" {
		return n
	}
	return handle
}

// send is a command that delivers v: how a pane tells the root (or
// another pane) what the user asked for.
func send(v tea.Msg) tea.Cmd { return func() tea.Msg { return v } }

// statusMsg sets the status line; err shows it as an error.
type statusMsg struct {
	text string
	err  bool
}

func statusCmd(s string) tea.Cmd    { return send(statusMsg{text: s}) }
func errorTextCmd(s string) tea.Cmd { return send(statusMsg{text: s, err: true}) }
func errorCmd(err error) tea.Cmd    { return errorTextCmd(errText(err)) }
func openModalCmd(md modal) tea.Cmd { return send(openModalMsg{md}) }
func focusCmd(right bool) tea.Cmd   { return send(focusMsg{right: right}) }

// focusFromCmd moves the focus for the left pane from, only while it is
// the one shown: an answer that comes after the user went elsewhere must
// not move the focus there.
func focusFromCmd(from paneID, right bool) tea.Cmd {
	return send(focusMsg{right: right, from: from})
}

// Requests from panes to the root.
type (
	openModalMsg struct{ m modal }
	focusMsg     struct {
		right bool   // focus the right pane, or the left
		from  paneID // a left pane, or "" for the right side
	}
)
