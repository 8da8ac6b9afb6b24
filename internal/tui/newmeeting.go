package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/oneonone/1on1/journal"
)

// Starting a new 1:1 (issue 13): when one with the person is already in
// the journal that day, a one-line question offers to open it instead of
// making a second; the date of the new one can be changed in the editor
// (a 1:1 written up the next morning); the cursor starts under "Notes",
// where the writing goes, not on the title.

// inline is a modal asked on the status line, leaving the screen as it is.
type inline interface{ inline() }

func isInline(md modal) bool { _, ok := md.(inline); return ok }

// choiceKeys is a line prompt's answers, for the help line.
type choiceKeys []key.Binding

func (k choiceKeys) ShortHelp() []key.Binding  { return k }
func (k choiceKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k} }

// linePrompt is a question on the status line answered by one key; each
// answer is a message (none for esc: nothing happens).
type linePrompt struct {
	text    string
	keys    choiceKeys
	answers []tea.Msg
}

func (linePrompt) inline() {}

func (p *linePrompt) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	for i, b := range p.keys {
		if key.Matches(km, b) {
			return send(modalDoneMsg{p.answers[i]})
		}
	}
	return nil
}

func (p *linePrompt) View(int) string { return p.text }
func (p *linePrompt) help() keyHelp   { return p.keys }

// existingMeetingPrompt asks what n means when a 1:1 with the person is
// already in the journal on that date.
func existingMeetingPrompt(name string, d journal.Date, id journal.MeetingID, handle string) *linePrompt {
	return &linePrompt{
		text: fmt.Sprintf("%s already has a 1:1 on %s: open it, or start another?", clean(name), d),
		keys: choiceKeys{
			key.NewBinding(key.WithKeys("enter", "o"), key.WithHelp("enter/o", "open it")),
			key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit it")),
			key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new one anyway")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		},
		answers: []tea.Msg{openPersonMsg{handle: handle, meeting: id}, editHeldMsg{id}, newMeetingMsg{handle: handle, anyway: true}, nil},
	}
}

// editHeldMsg opens a meeting already held in the editor, by its id.
type editHeldMsg struct{ id journal.MeetingID }

func (editHeldMsg) owner() paneID { return paneEdit }

// editHeldCmd reads the meeting and asks for it to be edited, as e on it
// in the meetings would.
func editHeldCmd(j *journal.Journal, id journal.MeetingID) tea.Cmd {
	return guard(func() any {
		mt, err := j.Meeting(id)
		if err != nil {
			return statusMsg{text: errText(err), err: true}
		}
		return editRequestMsg{meeting: mt}
	})
}

// datePrompt reads the date of the meeting being written, on the status
// line: an ISO date, "yesterday" or "today".
type datePrompt struct {
	input textinput.Model
	today journal.Date
	err   string
	keys  formKeyMap
}

func (datePrompt) inline() {}

func newDatePrompt(current, today journal.Date) *datePrompt {
	in := textinput.New()
	in.Prompt = "date of this 1:1: "
	in.Placeholder = "2026-11-22 or yesterday"
	in.CharLimit = 20
	in.SetValue(current.String())
	in.CursorEnd()
	in.Focus()
	return &datePrompt{input: in, today: today, keys: formKeyMap{
		Submit: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "set the date")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "keep it")),
	}}
}

// meetingDatedMsg sets the date of the meeting in the editor.
type meetingDatedMsg struct{ date journal.Date }

func (meetingDatedMsg) owner() paneID { return paneEdit }

func (p *datePrompt) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(km, p.keys.Cancel):
		return send(modalDoneMsg{})
	case key.Matches(km, p.keys.Submit):
		s := strings.ToLower(strings.TrimSpace(p.input.Value()))
		var d journal.Date
		var err error
		switch s {
		case "today":
			d = p.today
		case "yesterday":
			d = p.today.AddDays(-1)
		default:
			d, err = journal.ParseDate(s)
		}
		if err != nil {
			p.err = "not a date: give YYYY-MM-DD, yesterday or today"
			return nil
		}
		return send(modalDoneMsg{meetingDatedMsg{d}})
	}
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	p.err = ""
	return cmd
}

func (p *datePrompt) View(int) string {
	if p.err != "" {
		return p.input.View() + "  " + p.err
	}
	return p.input.View()
}

func (p *datePrompt) help() keyHelp { return p.keys }

// setDate moves the meeting being written to d: its date, and the date in
// its title line where the template wrote it. Text that was not yet
// changed stays unchanged (no question on esc).
func (e *editorModel) setDate(d journal.Date) {
	old := e.meeting.Date
	e.meeting.Date = d
	if old == d {
		return
	}
	clean := !e.dirty()
	lines := strings.SplitN(e.ta.Value(), "\n", 2)
	if !strings.Contains(lines[0], old.String()) {
		return
	}
	li := e.ta.LineInfo()
	row, col := e.ta.Line(), li.StartColumn+li.ColumnOffset
	lines[0] = strings.Replace(lines[0], old.String(), d.String(), 1)
	e.ta.SetValue(strings.Join(lines, "\n"))
	e.cursorTo(row, col)
	if clean {
		e.orig = e.note()
	}
}

// cursorTo puts the cursor on a line of the note (0 is the first) and a
// column in it. The textarea moves by rows on screen, so it steps until
// its line is the one asked for.
func (e *editorModel) cursorTo(line, col int) {
	for e.ta.Line() > 0 {
		e.ta.CursorUp()
	}
	for i := 0; e.ta.Line() < line && i < maxEditorLines*4; i++ {
		e.ta.CursorDown()
	}
	e.ta.SetCursor(col)
	// The textarea brings its view to the cursor in Update, by the lines
	// its last View laid out: lay them out first.
	_ = e.ta.View()
	e.ta, _ = e.ta.Update(nil)
}

// notesLine is the line under a note's "Notes" heading, where the writing
// of a new 1:1 goes; the top when a template has none.
func notesLine(text string) int {
	for i, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		if strings.HasPrefix(l, "#") && strings.EqualFold(strings.TrimSpace(strings.TrimLeft(l, "#")), "notes") {
			return i + 1
		}
	}
	return 0
}
