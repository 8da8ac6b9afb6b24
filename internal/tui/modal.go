package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/oneonone/1on1/journal"
)

// A modal takes every key while it is open: a confirmation, the person
// form, or the re-date input. Panes open one with openModalCmd; the root
// draws it over the right pane.
type modal interface {
	Update(tea.Msg) tea.Cmd
	View(width int) string
	help() keyHelp
}

type confirmKeyMap struct{ Yes, No, Later key.Binding }

func (k confirmKeyMap) ShortHelp() []key.Binding  { return []key.Binding{k.Yes, k.No, k.Later} }
func (k confirmKeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// confirmModel asks a yes/no question; the answer is a message. A
// question that can also wait (newDeferrableConfirm) answers esc with
// "not now": the message later, if any.
type confirmModel struct {
	prompt         string
	yes, no, later tea.Msg
	keys           confirmKeyMap
}

func newConfirm(prompt string, yes, no tea.Msg) *confirmModel {
	return &confirmModel{prompt: prompt, yes: yes, no: no, keys: confirmKeyMap{
		Yes:   key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", "yes")),
		No:    key.NewBinding(key.WithKeys("n", "N", "esc"), key.WithHelp("n/esc", "no")),
		Later: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "not now"), key.WithDisabled()),
	}}
}

// newDeferrableConfirm is newConfirm where "no" is only n, since it
// destroys something, and esc leaves the question for another time.
func newDeferrableConfirm(prompt string, yes, no, later tea.Msg) *confirmModel {
	c := newConfirm(prompt, yes, no)
	c.later = later
	c.keys.No = key.NewBinding(key.WithKeys("n", "N"), key.WithHelp("n", "no"))
	c.keys.Later.SetEnabled(true)
	return c
}

// modalDoneMsg closes the modal and then delivers then (if any).
type modalDoneMsg struct{ then tea.Msg }

func (m *confirmModel) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(km, m.keys.Yes):
		return send(modalDoneMsg{m.yes})
	case key.Matches(km, m.keys.No):
		return send(modalDoneMsg{m.no})
	case key.Matches(km, m.keys.Later):
		return send(modalDoneMsg{m.later})
	}
	return nil
}

func (m *confirmModel) View(w int) string {
	answers := "[y] yes   [n] no"
	if m.keys.Later.Enabled() {
		answers += "   [esc] not now"
	}
	return wrapText(m.prompt, w) + "\n\n" + answers
}
func (m *confirmModel) help() keyHelp { return m.keys }

type formKeyMap struct{ Next, Prev, Submit, Cancel, Role key.Binding }

func (k formKeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Next, k.Prev, k.Role, k.Submit, k.Cancel}
}
func (k formKeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// redateModel reads a new due date as a phrase the note format knows
// ("friday", "next week", "dec 3"), resolved against today.
type redateModel struct {
	item  journal.Item
	today journal.Date
	input textinput.Model
	err   string
	keys  formKeyMap
}

func newRedate(it journal.Item, today journal.Date) *redateModel {
	in := textinput.New()
	in.Prompt = "new due date: "
	in.Placeholder = "friday, next week, dec 3, 2026-12-01"
	in.CharLimit = 100
	in.Focus()
	return &redateModel{item: it, today: today, input: in, keys: formKeyMap{
		Submit: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "re-date")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}}
}

func (m *redateModel) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(km, m.keys.Cancel):
		return send(modalDoneMsg{})
	case key.Matches(km, m.keys.Submit):
		phrase := strings.TrimSpace(m.input.Value())
		phrase = strings.TrimPrefix(strings.TrimPrefix(phrase, "by "), "due ")
		d, ok := journal.ResolveDue(phrase, m.today)
		if !ok {
			m.err = "not a date the journal knows: try friday, next week, dec 3 or 2026-12-01"
			return nil
		}
		return send(modalDoneMsg{changeItemMsg{item: m.item, action: journal.ActionRedate, due: d}})
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return cmd
}

func (m *redateModel) View(w int) string {
	s := "Re-date: " + clean(m.item.DisplayText()) + "\n\n" + m.input.View()
	if m.err != "" {
		s += "\n\n" + m.err
	}
	return s
}

func (m *redateModel) help() keyHelp { return m.keys }

// wrapText breaks s into lines of at most w cells at spaces.
func wrapText(s string, w int) string {
	if w < 4 {
		return s
	}
	return lipgloss.NewStyle().Width(w).Render(s)
}
