package tui

import (
	"encoding/base64"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/list"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"golang.org/x/term"

	"github.com/oneonone/1on1/internal/atomicfile"
	"github.com/oneonone/1on1/journal"
)

// The weekly loop in the app (SPEC 4.6): the Week view (w), queueing a
// topic or feedback for the selected person from anywhere (t), and a
// meeting's recap written to a file and copied to the clipboard (S).

const paneWeek paneID = "week"

// weeklyKey handles the global keys of the weekly loop: t queues a topic
// or feedback for the selected person, S shares the selected meeting's
// (or person's latest) recap.
func weeklyKey(m *model, msg tea.KeyMsg) tea.Cmd {
	sel := m.panes[m.view].Selected()
	h := selectedHandle(m.env, sel)
	if key.Matches(msg, m.keys.Queue) {
		return openModalCmd(newQueueModal(m.env, h))
	}
	if h == "" {
		return errorTextCmd("select a person or a meeting to share its recap")
	}
	return shareCmd(m.env.j, h, sel.meeting, m.env.today())
}

// weekClicked reports whether a mouse press is on the header line, whose
// counts (overdue, due soon, due for a 1:1) are what the week lays out.
func weekClicked(msg tea.MouseMsg) bool {
	return msg.Y == 0 && msg.Button == tea.MouseButtonLeft && msg.Action == tea.MouseActionPress
}

// weekRow is one person on one day of the week ahead, or in its overdue
// part.
type weekRow struct {
	day     string // "Overdue", "Mon 30 Nov"
	overdue bool
	wp      journal.WeekPerson
	today   journal.Date
}

func (r weekRow) FilterValue() string { return r.wp.Person.Name + " " + r.wp.Person.Handle }

func (r weekRow) what() string {
	var parts []string
	if !r.wp.OneOnOne.IsZero() {
		parts = append(parts, "1:1 due")
	}
	if n := len(r.wp.Mine) + len(r.wp.Theirs); n > 0 {
		parts = append(parts, fmt.Sprintf("%d %s", n, plural(n, "promise", "promises")))
	}
	return strings.Join(parts, " · ")
}

func (r weekRow) lines(w int, st styles, _ bool) []string {
	day := fmt.Sprintf("%-10s", r.day)
	if r.overdue {
		day = st.Overdue.Render(day)
	}
	return []string{spread(day+" "+clean(r.wp.Person.Name), r.what(), w)}
}

// text is the preview of a row: the 1:1 and each promise with its side.
func (r weekRow) text(st styles) string {
	var b strings.Builder
	p := r.wp.Person
	fmt.Fprintf(&b, "%s\n\n", st.PaneTitle.Render(r.day+": "+clean(p.Name)))
	switch o := r.wp.OneOnOne; {
	case o.IsZero():
	case o < r.today:
		fmt.Fprintf(&b, "1:1 due since %s (%d days)\n\n", o, int(r.today-o))
	default:
		fmt.Fprintf(&b, "1:1 due %s\n\n", o)
	}
	item := func(arrow string, it journal.Item) {
		line := fmt.Sprintf("%s %s — due %s", arrow, clean(it.DisplayText()), it.Due)
		if n := it.DaysOverdue(r.today); n > 0 {
			line = st.Overdue.Render(fmt.Sprintf("%s (%d days overdue)", line, n))
		}
		b.WriteString(line + "\n")
	}
	for _, it := range r.wp.Theirs {
		item(clean(p.Handle)+" → me:", it)
	}
	for _, it := range r.wp.Mine {
		item("me → "+clean(p.Handle)+":", it)
	}
	b.WriteString(st.Dim.Render("\nenter opens " + clean(p.FirstName()) + " · t queues a topic or feedback"))
	return b.String()
}

type weekKeyMap struct{ Open, Back key.Binding }

func (k weekKeyMap) ShortHelp() []key.Binding  { return []key.Binding{k.Open, k.Back} }
func (k weekKeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// weekPane lists the week ahead by day and person; the preview shows what
// falls due.
type weekPane struct {
	env    *env
	list   list.Model
	keys   weekKeyMap
	empty  bool
	loaded bool
}

func newWeekPane(e *env) *weekPane {
	return &weekPane{env: e, list: newList(e.st, 1, true), keys: weekKeyMap{
		Open: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open person")),
		Back: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "people")),
	}}
}

func (m *weekPane) Title() string            { return "Week ahead" }
func (m *weekPane) Help() keyHelp            { return listHelp{nav: m.list.KeyMap, pane: m.keys} }
func (m *weekPane) SetSize(w, h int) tea.Cmd { m.list.SetSize(max(w, 0), max(h, 0)); return nil }
func (m *weekPane) Load() tea.Cmd            { return loadWeekCmd(m.env.j, m.env.today()) }
func (m *weekPane) TakingText() bool         { return listTakingText(&m.list) }
func (m *weekPane) View() string             { return listView(m.list) }

func (m *weekPane) Selected() selection {
	sel := selection{key: fmt.Sprintf("week:%d", m.list.Index())}
	if r, ok := m.list.SelectedItem().(weekRow); ok {
		sel.key += ":" + r.wp.Person.Handle
		t := r.text(m.env.st)
		sel.doc = &doc{key: "w:" + hash(t), title: "Week", plain: t, isPlain: true}
	} else if m.loaded && m.empty {
		sel.doc = &doc{key: "w:empty", title: "Week", plain: "Nothing falls due in the next seven days, and nothing is overdue.", isPlain: true}
	}
	return sel
}

func (m *weekPane) setWeek(w journal.Week) tea.Cmd {
	m.loaded = true
	var rows []list.Item
	for _, wp := range w.Overdue {
		rows = append(rows, weekRow{day: "Overdue", overdue: true, wp: wp, today: w.Today})
	}
	for _, d := range w.Days {
		name := d.Date.Time().Format("Mon 2 Jan")
		if d.Date == w.Today {
			name = "Today"
		}
		for _, wp := range d.People {
			rows = append(rows, weekRow{day: name, wp: wp, today: w.Today})
		}
	}
	m.empty = len(rows) == 0
	return m.list.SetItems(rows)
}

func (m *weekPane) Update(msg tea.Msg) (pane, tea.Cmd) {
	switch msg := msg.(type) {
	case weekLoadedMsg:
		if msg.err != nil {
			return m, errorCmd(msg.err)
		}
		return m, m.setWeek(msg.week)
	case queuedMsg:
		if msg.err != nil {
			return m, errorCmd(msg.err)
		}
		what := "topic"
		if msg.q.Kind == journal.QueueFeedback {
			what = "feedback"
		}
		return m, statusCmd(fmt.Sprintf("queued %s for the next 1:1 with %s: %s", what, msg.q.Person, clean(msg.q.Text)))
	case sharedMsg:
		switch {
		case msg.err != nil:
			return m, errorCmd(msg.err)
		case msg.copied:
			return m, statusCmd("recap written to " + msg.path + " and copied to the clipboard")
		}
		return m, statusCmd("recap written to " + msg.path)
	case tea.MouseMsg:
		return m, wheelList(&m.list, msg)
	case tea.KeyMsg:
		if !m.TakingText() {
			switch {
			case key.Matches(msg, m.keys.Back) && m.list.FilterState() != list.FilterApplied:
				return m, send(backMsg{})
			case key.Matches(msg, m.keys.Open):
				if r, ok := m.list.SelectedItem().(weekRow); ok {
					return m, send(openPersonMsg{handle: r.wp.Person.Handle})
				}
			}
		}
	}
	var cmd tea.Cmd
	m.list, cmd = m.list.Update(msg)
	return m, cmd
}

type weekLoadedMsg struct {
	week journal.Week
	err  error
}

func (weekLoadedMsg) owner() paneID { return paneWeek }

func loadWeekCmd(j *journal.Journal, today journal.Date) tea.Cmd {
	return guard(func() any {
		w, err := j.Week(today)
		return weekLoadedMsg{week: w, err: err}
	})
}

// selectedHandle is the person the selection is about, or "": a meeting's
// person, a person row, or a row whose key ends in a known handle.
func selectedHandle(e *env, sel selection) string {
	if sel.known != nil {
		return sel.known.Person
	}
	if i := strings.LastIndexByte(sel.key, ':'); i >= 0 {
		if h := sel.key[i+1:]; e.names[h] != "" {
			return h
		}
	}
	return ""
}

// queueModal reads a topic or feedback to give for a person: tab switches
// between the two, up and down between the person and the text.
type queueModal struct {
	env      *env
	kind     journal.QueueKind
	who, txt textinput.Model
	err      string
	keys     queueKeyMap
}

type queueKeyMap struct{ Kind, Field, Submit, Cancel key.Binding }

func (k queueKeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Submit, k.Kind, k.Field, k.Cancel}
}
func (k queueKeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

func newQueueModal(e *env, handle string) *queueModal {
	who := textinput.New()
	who.Prompt = "for: "
	who.Placeholder = "handle"
	who.CharLimit = 32
	who.SetValue(handle)
	txt := textinput.New()
	txt.Prompt = "text: "
	txt.CharLimit = journal.MaxQueuedText
	m := &queueModal{env: e, kind: journal.QueueTopic, who: who, txt: txt, keys: queueKeyMap{
		Kind:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "topic/feedback")),
		Field:  key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "person/text")),
		Submit: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "queue")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}}
	if handle == "" {
		m.who.Focus()
	} else {
		m.txt.Focus()
	}
	return m
}

func (m *queueModal) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(km, m.keys.Cancel):
		return send(modalDoneMsg{})
	case key.Matches(km, m.keys.Kind):
		m.kind = journal.QueueTopic + journal.QueueFeedback - m.kind
		return nil
	case key.Matches(km, m.keys.Field):
		if m.who.Focused() {
			m.who.Blur()
			return m.txt.Focus()
		}
		m.txt.Blur()
		return m.who.Focus()
	case key.Matches(km, m.keys.Submit):
		handle := strings.ToLower(strings.TrimSpace(m.who.Value()))
		switch {
		case m.env.names[handle] == "":
			m.err = "no person with that handle"
			return nil
		case strings.TrimSpace(m.txt.Value()) == "":
			m.err = "write what to raise"
			return nil
		}
		return tea.Batch(send(modalDoneMsg{}), queueCmd(m.env.j, handle, m.kind, m.txt.Value(), m.env.today()))
	}
	var cmd tea.Cmd
	if m.who.Focused() {
		m.who, cmd = m.who.Update(msg)
	} else {
		m.txt, cmd = m.txt.Update(msg)
	}
	return cmd
}

func (m *queueModal) View(w int) string {
	title := "Queue a topic for the next 1:1"
	if m.kind == journal.QueueFeedback {
		title = "Queue feedback to give at the next 1:1"
	}
	s := title + "\n\n" + m.who.View() + "\n" + m.txt.View()
	if m.err != "" {
		s += "\n\n" + m.err
	}
	return wrapText(s, w)
}

func (m *queueModal) help() keyHelp { return m.keys }

type queuedMsg struct {
	q   journal.Queued
	err error
}

func (queuedMsg) owner() paneID { return paneWeek }

func queueCmd(j *journal.Journal, handle string, kind journal.QueueKind, text string, today journal.Date) tea.Cmd {
	return guard(func() any {
		q, err := j.Queue(handle, kind, text, today)
		return queuedMsg{q: q, err: err}
	})
}

type sharedMsg struct {
	path   string
	copied bool
	err    error
}

func (sharedMsg) owner() paneID { return paneWeek }

// shareCmd writes the recap of a meeting (or of the person's latest) to
// <journal>.shared/<handle>-<date>.md and copies it with OSC 52 when
// standard output is a terminal.
func shareCmd(j *journal.Journal, handle string, id journal.MeetingID, today journal.Date) tea.Cmd {
	return guard(func() any {
		var clip io.Writer
		if term.IsTerminal(int(os.Stdout.Fd())) {
			clip = os.Stdout
		}
		path, copied, err := writeShare(j, handle, id, today, clip, os.Getenv("TMUX") != "")
		return sharedMsg{path: path, copied: copied, err: err}
	})
}

// writeShare writes the recap file and, when clip is set, the OSC 52
// sequence that copies it. The recap goes into the sequence base64
// encoded, so nothing of the note reaches the terminal as a control.
func writeShare(j *journal.Journal, handle string, id journal.MeetingID, today journal.Date, clip io.Writer, tmux bool) (string, bool, error) {
	recap, err := j.Share(handle, id, today)
	if err != nil {
		return "", false, err
	}
	dir := j.Path() + ".shared"
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", false, fmt.Errorf("share: %w", err)
	}
	name := handle + "-" + today.String() + ".md"
	if id != 0 {
		name = handle + "-" + id.Date().String() + ".md"
	}
	path := filepath.Join(dir, name)
	if err := atomicfile.Write(path, []byte(recap), atomicfile.Options{}); err != nil {
		return "", false, fmt.Errorf("share: %w", err)
	}
	if clip == nil {
		return path, false, nil
	}
	seq := "\x1b]52;c;" + base64.StdEncoding.EncodeToString([]byte(recap)) + "\x07"
	if tmux {
		seq = "\x1bPtmux;\x1b" + seq + "\x1b\\" // tmux passes it on to the outer terminal
	}
	_, err = io.WriteString(clip, seq)
	return path, err == nil, nil
}
