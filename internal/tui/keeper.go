package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/oneonone/1on1/journal"
)

// Who keeps the journal (SPEC 2.4): until a name is set, the status line
// offers to set it and the global key K opens a one-field form. It is an
// offer, never a question at start: the journal works without a name.
// The key's enabled state is the whole state: on while no keeper is set.

// keeperHint is the line shown while no keeper is set and no status is.
const keeperHint = "Who keeps this journal? K set your name — it makes @me and your name in notes mean you"

// keeperLoadedMsg says whether the journal knows its keeper.
type keeperLoadedMsg struct {
	keeper journal.Keeper
	err    error
}

func loadKeeperCmd(j *journal.Journal) tea.Cmd {
	return guard(func() any {
		k, err := j.Keeper()
		return keeperLoadedMsg{keeper: k, err: err}
	})
}

// keeperSubmitMsg is the form's name.
type keeperSubmitMsg struct{ name string }

// keeperSavedMsg is the result of setting the keeper.
type keeperSavedMsg struct {
	keeper journal.Keeper
	err    error
}

// saveKeeperCmd sets the keeper's name, keeping a handle set from the CLI.
func saveKeeperCmd(j *journal.Journal, name string) tea.Cmd {
	return guard(func() any {
		k, err := j.Keeper()
		if err != nil {
			return keeperSavedMsg{err: err}
		}
		k.Name = name
		if err := j.SetKeeper(k); err != nil {
			return keeperSavedMsg{err: err}
		}
		k, err = j.Keeper()
		return keeperSavedMsg{keeper: k, err: err}
	})
}

// keeperAct handles the keeper's messages; ok is false for any other.
func (m *model) keeperAct(msg tea.Msg) (cmd tea.Cmd, ok bool) {
	switch msg := msg.(type) {
	case keeperLoadedMsg:
		// A journal that cannot say makes no offer: the error shows
		// wherever the journal is read next.
		m.keys.Keeper.SetEnabled(msg.err == nil && msg.keeper.Name == "")
	case keeperSubmitMsg:
		return saveKeeperCmd(m.env.j, msg.name), true
	case keeperSavedMsg:
		if msg.err != nil {
			if f, ok := m.modal.(*keeperForm); ok {
				f.err = errText(msg.err)
				return nil, true
			}
			m.setResult("", msg.err)
			return nil, true
		}
		m.modal = nil
		m.keys.Keeper.SetEnabled(msg.keeper.Name == "")
		first := strings.Fields(msg.keeper.Name)[0]
		m.setResult("you keep this journal: @me, "+clean(msg.keeper.Name)+" and "+clean(first)+" in notes mean you", nil)
		// Owners may have changed in every note: load what shows them.
		return m.reload(), true
	default:
		return nil, false
	}
	return nil, true
}

// keeperLine is what the status line shows when it has nothing to say.
func (m *model) keeperLine() string {
	if m.keys.Keeper.Enabled() && !m.takingText() { // K is a letter of the text there
		return keeperHint
	}
	return ""
}

// keeperForm asks for the keeper's name.
type keeperForm struct {
	input textinput.Model
	err   string
	keys  formKeyMap
}

func newKeeperForm() *keeperForm {
	in := textinput.New()
	in.Prompt = "your name: "
	in.Placeholder = "Jordan Lee"
	in.CharLimit = 200
	in.Focus()
	return &keeperForm{input: in, keys: formKeyMap{
		Submit: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}}
}

func (f *keeperForm) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(km, f.keys.Cancel):
		return send(modalDoneMsg{})
	case key.Matches(km, f.keys.Submit):
		name := strings.Join(strings.Fields(f.input.Value()), " ")
		if name == "" {
			f.err = "a name is needed: the one you sign with, as in \"Jordan Lee\""
			return nil
		}
		return send(keeperSubmitMsg{name: name})
	}
	var cmd tea.Cmd
	f.input, cmd = f.input.Update(msg)
	return cmd
}

func (f *keeperForm) View(w int) string {
	s := wrapText("Who keeps this journal? Your name, first name and @me in notes will mean you: \"Jordan to send the deck\" is yours.", w) + "\n\n" + f.input.View()
	if f.err != "" {
		s += "\n\n" + wrapText(f.err, w)
	}
	return s
}

func (f *keeperForm) help() keyHelp { return f.keys }
