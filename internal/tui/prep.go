package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/oneonone/1on1/journal"
)

const panePrep paneID = "prep"

// prepRequestMsg asks for the prep of a person's next 1:1, for the list
// row with selection key forKey.
type prepRequestMsg struct {
	handle string
	forKey string
}

func (prepRequestMsg) owner() paneID { return panePrep }

// prepPane shows the agenda for the next 1:1 with a person in place of the
// preview. The prep belongs to the row it was asked for: moving to another
// row (a meeting of the same person included) or to another view puts it
// away (see selectionChanged).
type prepPane struct {
	env    *env
	view   *previewPane
	handle string // asked for; "" when no prep is shown or coming
	forKey string
	prep   *journal.Prep
	ids    bool        // block ids shown: asked for with i, noise otherwise
	idsKey key.Binding // i
}

func newPrepPane(e *env, glamourStyle string) *prepPane {
	return &prepPane{env: e, view: newPreviewPane(e, panePrep, glamourStyle),
		idsKey: key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "show block ids"))}
}

// showing reports whether a prep is on screen.
func (p *prepPane) showing() bool { return p.prep != nil }

// selectionChanged puts the prep away unless key is the row it was asked for.
func (p *prepPane) selectionChanged(key string) {
	if key != p.forKey {
		p.close()
	}
}

func (p *prepPane) close() { p.handle, p.forKey, p.prep = "", "", nil }

func (p *prepPane) Load() tea.Cmd {
	if p.handle == "" {
		return nil
	}
	return loadPrepCmd(p.env.j, p.handle, p.env.today())
}

func (p *prepPane) Update(msg tea.Msg) (pane, tea.Cmd) {
	switch msg := msg.(type) {
	case prepRequestMsg:
		p.handle, p.forKey = msg.handle, msg.forKey
		return p, p.Load()
	case prepLoadedMsg:
		if msg.handle != p.handle {
			return p, nil // put away meanwhile
		}
		if msg.err != nil {
			p.close()
			return p, errorCmd(msg.err)
		}
		p.prep = &msg.prep
		return p, p.render()
	case tea.KeyMsg:
		if key.Matches(msg, p.idsKey) && p.prep != nil {
			p.ids = !p.ids
			if p.ids {
				p.idsKey.SetHelp("i", "hide block ids")
			} else {
				p.idsKey.SetHelp("i", "show block ids")
			}
			return p, p.render()
		}
	}
	_, cmd := p.view.Update(msg)
	return p, cmd
}

func (p *prepPane) View() string             { return p.view.View() }
func (p *prepPane) Title() string            { return p.view.Title() }
func (p *prepPane) SetSize(w, h int) tea.Cmd { return p.view.SetSize(w, h) }
func (p *prepPane) Help() keyHelp            { return prepHelp{view: p.view.Help(), ids: p.idsKey} }
func (p *prepPane) TakingText() bool         { return false }
func (p *prepPane) Selected() selection      { return selection{} }

// render shows the agenda as the journal writes it, with block ids when
// asked (`1on1 prep --ids` in the CLI).
func (p *prepPane) render() tea.Cmd {
	md := p.prep.Format(journal.PrepFormat{IDs: p.ids})
	return p.view.setDoc(doc{key: "prep:" + hash(md), title: "Prep: " + clean(p.prep.Person.Name), markdown: md})
}

// prepHelp is the preview's keys and i.
type prepHelp struct {
	view keyHelp
	ids  key.Binding
}

func (h prepHelp) ShortHelp() []key.Binding { return append(h.view.ShortHelp(), h.ids) }
func (h prepHelp) FullHelp() [][]key.Binding {
	return append(h.view.FullHelp(), []key.Binding{h.ids})
}
