package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/oneonone/1on1/journal"
)

const panePreview paneID = "preview"

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

// previewPane shows a doc in a viewport: the left pane's selection, or
// (as part of prepPane) a prep. Glamour output is cached per doc key and
// width; rendering happens in a tea.Cmd when either changes, and its
// result comes back owned by this pane (id).
type previewPane struct {
	env     *env
	id      paneID
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

	// The selection shown, and the meetings at hand for it.
	sel      selection
	meetings map[journal.MeetingID]journal.Meeting
	loading  map[journal.MeetingID]bool
}

func newPreviewPane(e *env, id paneID, glamourStyle string) *previewPane {
	keys := newPreviewKeyMap()
	vp := viewport.New(0, 0)
	vp.KeyMap.Up, vp.KeyMap.Down = keys.Up, keys.Down
	vp.KeyMap.PageUp, vp.KeyMap.PageDown = keys.PageUp, keys.PageDown
	vp.KeyMap.HalfPageUp, vp.KeyMap.HalfPageDown = keys.HalfUp, keys.HalfDown
	vp.KeyMap.Left.SetEnabled(false)
	vp.KeyMap.Right.SetEnabled(false)
	p := &previewPane{env: e, id: id, glamour: glamourStyle, vp: vp, keys: keys,
		cache: map[renderKey]string{}, errs: map[renderKey]string{}, pending: map[renderKey]bool{},
		meetings: map[journal.MeetingID]journal.Meeting{}, loading: map[journal.MeetingID]bool{}}
	p.syncKeys()
	return p
}

func (m *previewPane) syncKeys() {
	isNote := m.doc.meeting.ID != 0
	m.keys.Edit.SetEnabled(isNote)
	m.keys.External.SetEnabled(isNote)
}

func (m *previewPane) Title() string       { return m.doc.title }
func (m *previewPane) Help() keyHelp       { return m.keys }
func (m *previewPane) TakingText() bool    { return false }
func (m *previewPane) Selected() selection { return selection{} }

// Load forgets the meetings at hand and shows the selection again, which
// loads its meeting afresh.
func (m *previewPane) Load() tea.Cmd {
	m.meetings = map[journal.MeetingID]journal.Meeting{}
	m.loading = map[journal.MeetingID]bool{}
	return m.show(m.sel)
}

// refreshInPlace fetches the meeting shown again without clearing it: the
// screen keeps the note, and its scroll, until the fresh copy replaces it.
func (m *previewPane) refreshInPlace() tea.Cmd {
	id := m.sel.meeting
	shown, ok := m.meetings[id]
	m.meetings = map[journal.MeetingID]journal.Meeting{}
	if ok {
		m.meetings[id] = shown
	}
	m.loading = map[journal.MeetingID]bool{}
	if id == 0 || m.sel.known != nil {
		// A list that carries its meetings shows the fresh one on reload.
		return nil
	}
	m.loading[id] = true
	return loadMeetingCmd(m.env.j, id)
}

func (m *previewPane) renderWidth() int { return max(m.width-1, 1) }

// SetSize resizes the viewport and asks for a render at the new width.
func (m *previewPane) SetSize(w, h int) tea.Cmd {
	m.width, m.height = max(w, 0), max(h, 0)
	m.vp.Width, m.vp.Height = m.width, m.height
	return m.refresh(false)
}

// show puts what sel names into the preview, loading its meeting first
// when it is not at hand.
func (m *previewPane) show(sel selection) tea.Cmd {
	m.sel = sel
	switch {
	case sel.doc != nil:
		return m.setDoc(*sel.doc)
	case sel.meeting != 0:
		return m.showMeeting(sel)
	}
	return m.setDoc(doc{})
}

func (m *previewPane) showMeeting(sel selection) tea.Cmd {
	id := sel.meeting
	if sel.known != nil {
		m.meetings[id] = *sel.known
	}
	mt, ok := m.meetings[id]
	if !ok {
		if m.loading[id] {
			return nil
		}
		m.loading[id] = true
		return tea.Batch(m.setDoc(doc{key: "loading", title: "loading…", isPlain: true}), loadMeetingCmd(m.env.j, id))
	}
	title := clean(m.env.name(mt.Person)) + " · " + mt.Date.String()
	if mt.Time != "" {
		title += " " + mt.Time
	}
	return m.setDoc(doc{
		key:       fmt.Sprintf("m:%s:%d", mt.ID, mt.Rev),
		title:     title,
		legend:    legend(mt, m.env.today(), m.env.st),
		markdown:  mt.Note,
		highlight: sel.term,
		meeting:   mt,
	})
}

// setDoc shows d; the scroll position is kept when the same document is
// shown again.
func (m *previewPane) setDoc(d doc) tea.Cmd {
	// A new version of the note shown (saved here or elsewhere) keeps the
	// scroll; another document starts at its top.
	same := (d.key == m.doc.key || d.meeting.ID != 0 && d.meeting.ID == m.doc.meeting.ID) && d.highlight == m.doc.highlight
	m.doc = d
	m.syncKeys()
	return m.refresh(!same)
}

// rendered files glamour's output; it is shown if it is for the current
// document and width.
func (m *previewPane) rendered(msg noteRenderedMsg) {
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
func (m *previewPane) refresh(top bool) tea.Cmd {
	st := m.env.st
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
			body = st.Error.Render(e)
		} else {
			body = st.Dim.Render("rendering…")
			if !m.pending[k] {
				m.pending[k] = true
				cmd = renderCmd(m.id, k, m.doc.markdown, m.glamour)
			}
		}
	}
	var lines []string
	for _, l := range m.doc.legend {
		lines = append(lines, ansi.Truncate(l, m.width, "…"))
	}
	if len(lines) > 0 {
		lines = append(lines, st.Dim.Render(strings.Repeat("─", max(m.width, 0))))
	}
	first := -1
	for _, l := range strings.Split(body, "\n") {
		if t := m.doc.highlight; t != "" && strings.Contains(strings.ToLower(ansi.Strip(l)), strings.ToLower(t)) {
			if first < 0 {
				first = len(lines)
			}
			l = markMatch(ansi.Strip(l), t, st)
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

func (m *previewPane) Update(msg tea.Msg) (pane, tea.Cmd) {
	switch msg := msg.(type) {
	case noteRenderedMsg:
		m.rendered(msg)
		return m, nil
	case meetingLoadedMsg:
		delete(m.loading, msg.id)
		if msg.err != nil {
			return m, errorCmd(msg.err)
		}
		m.meetings[msg.id] = msg.meeting
		if m.sel.meeting == msg.id {
			return m, m.show(m.sel)
		}
		return m, nil
	case tea.MouseMsg:
		switch msg.Button {
		case tea.MouseButtonWheelUp:
			m.vp.ScrollUp(wheelLines)
		case tea.MouseButtonWheelDown:
			m.vp.ScrollDown(wheelLines)
		}
		return m, nil
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, m.keys.Back):
			return m, focusCmd(false)
		case key.Matches(msg, m.keys.Edit):
			return m, send(editRequestMsg{meeting: m.doc.meeting})
		case key.Matches(msg, m.keys.External):
			return m, send(editRequestMsg{meeting: m.doc.meeting, external: true})
		case key.Matches(msg, m.keys.Top):
			m.vp.GotoTop()
			return m, nil
		case key.Matches(msg, m.keys.Bottom):
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
func (m *previewPane) View() string {
	top := min(max(m.vp.YOffset, 0), len(m.lines))
	bottom := min(top+m.height, len(m.lines))
	return strings.Join(m.lines[top:bottom], "\n")
}
