package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/oneonone/1on1/journal"
)

// doc is what the preview shows: a markdown document rendered by glamour
// (or plain text), with optional flag lines above it.
type doc struct {
	key       string   // identity for the render cache; equal keys mean equal content
	title     string   // pane title
	legend    []string // styled lines above the document (a note's items and flags)
	markdown  string   // rendered with glamour unless plain is set
	plain     string
	isPlain   bool
	highlight string          // a search term to mark in the rendered text
	meeting   journal.Meeting // set when the doc is a meeting's note
}

// previewKeyMap is the preview's keys; the viewport is given the same
// scrolling bindings, so help and behaviour cannot disagree. "f" is not a
// page key here: it opens the follow-ups view everywhere.
type previewKeyMap struct {
	Up, Down, PageUp, PageDown, HalfUp, HalfDown, Top, Bottom, Edit, External, Back key.Binding
}

func newPreviewKeyMap() previewKeyMap {
	return previewKeyMap{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "scroll")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "scroll")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup/b", "page")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", " "), key.WithHelp("pgdn/space", "page")),
		HalfUp:   key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u", "half page up")),
		HalfDown: key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("ctrl+d", "half page down")),
		Top:      key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g/home", "top")),
		Bottom:   key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G/end", "bottom")),
		Edit:     key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit")),
		External: key.NewBinding(key.WithKeys("E"), key.WithHelp("E", "$EDITOR")),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "list")),
	}
}

func (k previewKeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Down, k.PageDown, k.Edit, k.External, k.Back}
}

func (k previewKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown}, {k.HalfUp, k.HalfDown, k.Top, k.Bottom}, {k.Edit, k.External, k.Back}}
}

// previewModel shows a doc in a viewport. Glamour output is cached per doc
// key and width; rendering happens in a tea.Cmd when either changes.
type previewModel struct {
	st      styles
	glamour string // glamour standard style: "dark", "light" or "notty"
	vp      viewport.Model
	keys    previewKeyMap
	doc     doc
	cache   map[renderKey]string
	errs    map[renderKey]string
	pending map[renderKey]bool
	lines   []string // the viewport's content, kept so View only slices it
	width   int
	height  int
}

func newPreviewModel(st styles, glamourStyle string) previewModel {
	keys := newPreviewKeyMap()
	vp := viewport.New(0, 0)
	vp.KeyMap.Up, vp.KeyMap.Down = keys.Up, keys.Down
	vp.KeyMap.PageUp, vp.KeyMap.PageDown = keys.PageUp, keys.PageDown
	vp.KeyMap.HalfPageUp, vp.KeyMap.HalfPageDown = keys.HalfUp, keys.HalfDown
	vp.KeyMap.Left.SetEnabled(false)
	vp.KeyMap.Right.SetEnabled(false)
	p := previewModel{st: st, glamour: glamourStyle, vp: vp, keys: keys,
		cache: map[renderKey]string{}, errs: map[renderKey]string{}, pending: map[renderKey]bool{}}
	p.syncKeys()
	return p
}

func (m *previewModel) syncKeys() {
	isNote := m.doc.meeting.ID != 0
	m.keys.Edit.SetEnabled(isNote)
	m.keys.External.SetEnabled(isNote)
}

func (m previewModel) renderWidth() int { return max(m.width-1, 1) }

// setSize resizes the viewport and asks for a render at the new width.
func (m *previewModel) setSize(w, h int) tea.Cmd {
	m.width, m.height = max(w, 0), max(h, 0)
	m.vp.Width, m.vp.Height = m.width, m.height
	return m.refresh(false)
}

// setDoc shows d; the scroll position is kept when the same document is
// shown again.
func (m *previewModel) setDoc(d doc) tea.Cmd {
	same := d.key == m.doc.key && d.highlight == m.doc.highlight
	m.doc = d
	m.syncKeys()
	return m.refresh(!same)
}

// rendered files glamour's output; it is shown if it is for the current
// document and width.
func (m *previewModel) rendered(msg noteRenderedMsg) {
	delete(m.pending, msg.key)
	if msg.err != nil {
		m.errs[msg.key] = msg.err.Error()
	} else {
		m.cache[msg.key] = msg.out
	}
	if msg.key == (renderKey{m.doc.key, m.renderWidth()}) {
		m.refresh(false)
	}
}

// refresh builds the viewport content from the cache, or asks for a render.
func (m *previewModel) refresh(top bool) tea.Cmd {
	var cmd tea.Cmd
	var body string
	switch {
	case m.doc.key == "":
		body = ""
	case m.doc.isPlain:
		body = m.doc.plain
	default:
		k := renderKey{m.doc.key, m.renderWidth()}
		if out, ok := m.cache[k]; ok {
			body = out
		} else if e, ok := m.errs[k]; ok {
			body = m.st.Error.Render(e)
		} else {
			body = m.st.Dim.Render("rendering…")
			if !m.pending[k] {
				m.pending[k] = true
				cmd = renderCmd(k, m.doc.markdown, m.glamour)
			}
		}
	}
	var lines []string
	for _, l := range m.doc.legend {
		lines = append(lines, ansi.Truncate(l, m.width, "…"))
	}
	if len(lines) > 0 {
		lines = append(lines, m.st.Dim.Render(strings.Repeat("─", max(m.width, 0))))
	}
	first := -1
	for _, l := range strings.Split(body, "\n") {
		if t := m.doc.highlight; t != "" && strings.Contains(strings.ToLower(ansi.Strip(l)), strings.ToLower(t)) {
			if first < 0 {
				first = len(lines)
			}
			l = markMatch(ansi.Strip(l), t, m.st)
		}
		lines = append(lines, l)
	}
	m.lines = lines
	m.vp.SetContent(strings.Join(lines, "\n"))
	switch {
	case first >= 0:
		m.vp.SetYOffset(max(first-2, 0))
	case top:
		m.vp.GotoTop()
	}
	return cmd
}

// markMatch marks a line holding a search match: "»" in the margin and
// the match itself highlighted.
func markMatch(plain, term string, st styles) string {
	if strings.HasPrefix(plain, "  ") {
		plain = "» " + plain[2:]
	} else {
		plain = "»" + plain
	}
	low := strings.ToLower(plain)
	i := strings.Index(low, strings.ToLower(term))
	if i < 0 || len(low) != len(plain) {
		return plain
	}
	return plain[:i] + st.Match.Render(plain[i:i+len(term)]) + plain[i+len(term):]
}

func (m previewModel) Update(msg tea.Msg) (previewModel, tea.Cmd) {
	if km, ok := msg.(tea.KeyMsg); ok && m.doc.meeting.ID != 0 {
		send := func(v tea.Msg) tea.Cmd { return func() tea.Msg { return v } }
		switch {
		case key.Matches(km, m.keys.Edit):
			return m, send(editRequestMsg{meeting: m.doc.meeting})
		case key.Matches(km, m.keys.External):
			return m, send(editRequestMsg{meeting: m.doc.meeting, external: true})
		}
	}
	if km, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(km, m.keys.Top):
			m.vp.GotoTop()
			return m, nil
		case key.Matches(km, m.keys.Bottom):
			m.vp.GotoBottom()
			return m, nil
		}
	}
	var cmd tea.Cmd
	m.vp, cmd = m.vp.Update(msg)
	return m, cmd
}

// View is the visible part of the content. The viewport keeps the scroll
// position; its own View pads and cuts every line through lipgloss, which
// the pane's box does anyway, so the lines are sliced here.
func (m previewModel) View() string {
	top := min(max(m.vp.YOffset, 0), len(m.lines))
	bottom := min(top+m.height, len(m.lines))
	return strings.Join(m.lines[top:bottom], "\n")
}
