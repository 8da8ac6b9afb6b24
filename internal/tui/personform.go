package tui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/oneonone/1on1/journal"
)

// Fields of the person form, in the order tab moves through them.
const (
	fieldName = iota
	fieldHandle
	fieldRole
	fieldCadence
	fieldContext
	fieldCount
)

// personForm adds or edits a person: name, handle (derived from the name
// as `1on1 people add` derives it, until typed over; fixed when editing),
// role, cadence and the free-form context.
type personForm struct {
	st      styles
	add     bool
	orig    journal.Person
	inputs  []textinput.Model // name, handle, cadence
	context textarea.Model
	role    int
	focus   int
	// taken reports a handle in use (archived people's too); typedHandle
	// is set once the user typed one, which then stays as typed.
	taken       func(string) bool
	typedHandle bool
	err         string
	keys        formKeyMap
	save        key.Binding // ctrl+s: save from any field, the context too
}

// addPersonFormCmd opens the form to add someone once the handles in
// use are known (read in a command: Update does no I/O).
func addPersonFormCmd(j *journal.Journal, st styles) tea.Cmd {
	return guard(func() any {
		ps, err := j.People(true)
		if err != nil {
			return statusMsg{text: errText(err), err: true}
		}
		taken := map[string]bool{}
		for _, p := range ps {
			taken[p.Handle] = true
		}
		return openModalMsg{newPersonForm(st, nil, func(h string) bool { return taken[h] })}
	})
}

func newPersonForm(st styles, p *journal.Person, taken func(string) bool) *personForm {
	f := &personForm{st: st, add: p == nil, taken: taken, keys: formKeyMap{
		Next:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next field")),
		Prev:   key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous")),
		Role:   key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", "role")),
		Submit: key.NewBinding(key.WithKeys("enter", "ctrl+s"), key.WithHelp("enter/ctrl+s", "save")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}, save: key.NewBinding(key.WithKeys("ctrl+s"))}
	for _, l := range []string{"name:    ", "handle:  ", "cadence: "} {
		in := textinput.New()
		in.Prompt = l
		in.CharLimit = 200
		f.inputs = append(f.inputs, in)
	}
	f.inputs[2].SetValue(strconv.Itoa(journal.DefaultCadence))
	f.context = textarea.New()
	f.context.Placeholder = "what to remember about them: goals, projects, how they like feedback"
	f.context.ShowLineNumbers = false
	f.context.Prompt = "  "
	f.context.SetHeight(4)
	f.context.CharLimit = 0
	if p != nil {
		f.orig = *p
		f.inputs[0].SetValue(p.Name)
		f.inputs[1].SetValue(p.Handle)
		f.inputs[2].SetValue(strconv.Itoa(p.Cadence))
		f.context.SetValue(p.Context)
		for i, r := range journal.Roles {
			if r == p.Role {
				f.role = i
			}
		}
	}
	f.focusField()
	return f
}

// focusField gives the cursor to the field in focus; the keys follow it:
// arrows pick the role, enter is a new line in the context.
func (f *personForm) focusField() {
	for i := range f.inputs {
		f.inputs[i].Blur()
	}
	f.context.Blur()
	switch f.focus {
	case fieldName:
		f.inputs[0].Focus()
	case fieldHandle:
		f.inputs[1].Focus()
		f.inputs[1].CursorEnd() // derived meanwhile: typing goes on from its end
	case fieldCadence:
		f.inputs[2].Focus()
	case fieldContext:
		f.context.Focus()
	}
	f.keys.Role.SetEnabled(f.focus == fieldRole)
	if f.focus == fieldContext {
		f.keys.Submit.SetHelp("ctrl+s", "save (enter: new line)")
	} else {
		f.keys.Submit.SetHelp("enter/ctrl+s", "save")
	}
}

// move goes to the next (d 1) or previous (d -1) field; a person's handle
// is fixed once added.
func (f *personForm) move(d int) {
	f.focus = (f.focus + d + fieldCount) % fieldCount
	if f.focus == fieldHandle && !f.add {
		f.focus = (f.focus + d + fieldCount) % fieldCount
	}
	f.focusField()
}

// personSubmitMsg is the form's result.
type personSubmitMsg struct {
	person journal.Person
	add    bool
}

func (f *personForm) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(km, f.keys.Cancel):
		return send(modalDoneMsg{})
	case key.Matches(km, f.keys.Next):
		f.move(1)
		return nil
	case key.Matches(km, f.keys.Prev):
		f.move(-1)
		return nil
	case f.focus == fieldRole && key.Matches(km, f.keys.Role):
		d := 1
		if km.String() == "left" {
			d = len(journal.Roles) - 1
		}
		f.role = (f.role + d) % len(journal.Roles)
		return nil
	case key.Matches(km, f.save), f.focus != fieldContext && key.Matches(km, f.keys.Submit):
		return f.submit()
	}
	var cmd tea.Cmd
	switch f.focus {
	case fieldName:
		f.inputs[0], cmd = f.inputs[0].Update(msg)
		f.deriveHandle()
	case fieldHandle:
		before := f.inputs[1].Value()
		f.inputs[1], cmd = f.inputs[1].Update(msg)
		if f.inputs[1].Value() != before {
			// Typed over: it stays as typed; emptied, it follows the name again.
			f.typedHandle = f.inputs[1].Value() != ""
			f.deriveHandle()
		}
	case fieldCadence:
		f.inputs[2], cmd = f.inputs[2].Update(msg)
	case fieldContext:
		f.context, cmd = f.context.Update(msg)
	}
	return cmd
}

// deriveHandle fills the handle from the name with the journal's rule
// (journal.SuggestHandle, as `1on1 people add NAME` does), while adding
// and until the user types one.
func (f *personForm) deriveHandle() {
	if !f.add || f.typedHandle {
		return
	}
	name := strings.TrimSpace(f.inputs[0].Value())
	if name == "" {
		f.inputs[1].SetValue("")
		return
	}
	f.inputs[1].SetValue(journal.SuggestHandle(name, f.taken))
}

func (f *personForm) submit() tea.Cmd {
	p := f.orig
	p.Name = strings.TrimSpace(f.inputs[0].Value())
	p.Handle = strings.TrimSpace(f.inputs[1].Value())
	p.Role = journal.Roles[f.role]
	p.Context = strings.TrimSpace(f.context.Value())
	c, err := strconv.Atoi(strings.TrimSpace(f.inputs[2].Value()))
	switch {
	case p.Name == "":
		f.err = "name: who is this? a name is needed"
	case f.add && !journal.ValidHandle(p.Handle):
		f.err = "handle: 1 to 32 lower-case letters, digits, '.', '_' or '-'"
	case f.add && f.taken != nil && f.taken(p.Handle):
		f.err = "handle: " + p.Handle + " is taken; try " + journal.SuggestHandle(p.Name, f.taken)
	case err != nil || c < 1:
		f.err = "cadence: a number of days, 1 or more"
	default:
		p.Cadence = c
		return send(personSubmitMsg{person: p, add: f.add})
	}
	return nil
}

func (f *personForm) View(w int) string {
	title := "Add a person"
	if !f.add {
		title = "Edit " + clean(f.orig.Name)
	}
	mark := func(field int) string {
		if f.focus == field {
			return "▸ "
		}
		return "  "
	}
	var b strings.Builder
	b.WriteString(f.st.PaneTitle.Render(title) + "\n\n")
	b.WriteString(mark(fieldName) + f.inputs[0].View() + "\n")
	if f.add {
		b.WriteString(mark(fieldHandle) + f.inputs[1].View() + "\n")
		if !f.typedHandle {
			b.WriteString(f.st.Dim.Render("           from the name; type to change it") + "\n")
		}
	} else {
		b.WriteString("  handle:  " + clean(f.orig.Handle) + f.st.Dim.Render("  (fixed)") + "\n")
	}
	b.WriteString(mark(fieldRole) + "role:    ‹ " + string(journal.Roles[f.role]) + " ›\n")
	b.WriteString(mark(fieldCadence) + f.inputs[2].View() + " days\n")
	b.WriteString(mark(fieldContext) + "context:\n")
	f.context.SetWidth(max(w-2, 10)) // the modal learns its width here only; the same width, the same state
	b.WriteString(f.context.View() + "\n")
	if f.err != "" {
		b.WriteString("\n" + f.st.Error.Render(wrapText(f.err, max(w, 1))) + "\n")
	}
	return b.String()
}

func (f *personForm) help() keyHelp { return f.keys }
