package tui

import (
	"fmt"
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/list"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/oneonone/1on1/journal"
)

const panePeople paneID = "people"

// personRow is one person on the home list.
type personRow struct{ s journal.PersonStatus }

func (r personRow) FilterValue() string { return r.s.Name + " " + r.s.Handle }

func (r personRow) lines(w int, st styles, _ bool) []string {
	s := r.s
	if s.Archived {
		// Shown only with A: dimmed, with nothing to act on but restore.
		return []string{
			spreadLeft(st.Dim.Render(clean(s.Name)), st.Dim.Render("archived"), w),
			st.Dim.Render(string(s.Role) + " · x restores"),
		}
	}
	var due string
	if s.DueForOneOnOne {
		due = st.Badge.Render("◷ due for 1:1")
	}
	since := "no 1:1 yet"
	if s.DaysSince >= 0 {
		since = fmt.Sprintf("%dd since 1:1", s.DaysSince)
	}
	var badges []string
	if s.OverdueMine > 0 {
		badges = append(badges, st.Overdue.Render(fmt.Sprintf("✗ %d mine", s.OverdueMine)))
	}
	if s.OverdueTheirs > 0 {
		badges = append(badges, st.Overdue.Render(fmt.Sprintf("✗ %d theirs", s.OverdueTheirs)))
	}
	return []string{
		spreadLeft(clean(s.Name), due, w),
		spreadLeft(st.Dim.Render(string(s.Role)+" · "+since), strings.Join(badges, " "), w),
	}
}

// peopleKeyMap is the home list's own keys; moving and filtering are the
// list's (see listHelp).
type peopleKeyMap struct {
	Open, Prep, New, Add, Edit, Archive, Sort, ShowArchived key.Binding
}

func newPeopleKeyMap() peopleKeyMap {
	return peopleKeyMap{
		Open:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "meetings")),
		Prep:    key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "prep")),
		New:     key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new 1:1")),
		Add:     key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add person")),
		Edit:    key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit person")),
		Archive: key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "archive")),
		Sort:    key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sort by urgency")),
		// A, not a: a adds a person.
		ShowArchived: key.NewBinding(key.WithKeys("A"), key.WithHelp("A", "show archived")),
	}
}

func (k peopleKeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Open, k.Prep, k.New, k.Add}
}

func (k peopleKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Open, k.Prep, k.New, k.Sort}, {k.Add, k.Edit, k.Archive, k.ShowArchived}}
}

// restoreRequestMsg brings an archived person back into the lists.
type restoreRequestMsg struct{ handle string }

// openPersonMsg shows a person's meetings; with meeting set, that meeting
// is selected once they are loaded and the preview takes focus, its lines
// holding term marked.
type openPersonMsg struct {
	handle  string
	meeting journal.MeetingID
	term    string
}

func (openPersonMsg) owner() paneID { return paneMeetings }

// peoplePane is the home list: everyone with their flags.
type peoplePane struct {
	env      *env
	list     list.Model
	keys     peopleKeyMap
	loaded   bool // the journal has answered, so an empty list means nobody
	urgent   bool // sorted by urgency (journal.SortByUrgency), not by name
	archived bool // archived people are listed too, dimmed, to restore
	people   []journal.PersonStatus
}

func newPeoplePane(e *env) *peoplePane {
	m := &peoplePane{env: e, list: newList(e.st, 2, true), keys: newPeopleKeyMap()}
	m.syncKeys()
	return m
}

// syncKeys switches off the keys that need a selected person when there is
// none (an empty journal, a filter that matches nobody).
func (m *peoplePane) syncKeys() {
	s, has := m.selected()
	for _, b := range []*key.Binding{&m.keys.Open, &m.keys.Prep, &m.keys.New, &m.keys.Edit, &m.keys.Archive} {
		b.SetEnabled(has)
	}
	if s.Archived {
		// An archived person's only way is back: no prep or new 1:1.
		m.keys.Prep.SetEnabled(false)
		m.keys.New.SetEnabled(false)
		m.keys.Archive.SetHelp("x", "restore")
	} else {
		m.keys.Archive.SetHelp("x", "archive")
	}
	toggleHelp(&m.keys.Sort, m.urgent, "s", "sort by name", "sort by urgency")
	toggleHelp(&m.keys.ShowArchived, m.archived, "A", "hide archived", "show archived")
}

// Title says the order and whether archived people are shown.
func (m *peoplePane) Title() string {
	// Short enough for a 30-column list with both.
	switch {
	case m.urgent && m.archived:
		return "People · urgent · +archived"
	case m.urgent:
		return "People · by urgency"
	case m.archived:
		return "People · +archived"
	}
	return "People"
}

func (m *peoplePane) Help() keyHelp            { return listHelp{nav: m.list.KeyMap, pane: m.keys} }
func (m *peoplePane) SetSize(w, h int) tea.Cmd { m.list.SetSize(max(w, 0), max(h, 0)); return nil }
func (m *peoplePane) Load() tea.Cmd            { return loadPeopleCmd(m.env.j, m.env.today(), m.archived) }
func (m *peoplePane) TakingText() bool         { return listTakingText(&m.list) }

func (m *peoplePane) setPeople(ps []journal.PersonStatus) tea.Cmd {
	m.people = ps
	ps = append([]journal.PersonStatus(nil), ps...)
	if m.urgent {
		journal.SortByUrgency(ps)
	}
	// Archived people (shown with A) come last, under everyone active.
	sort.SliceStable(ps, func(a, b int) bool { return !ps[a].Archived && ps[b].Archived })
	items := make([]list.Item, len(ps))
	for i, p := range ps {
		items[i] = personRow{p}
	}
	cmd := setItemsKeepingSelection(&m.list, items)
	m.loaded = true
	m.syncKeys()
	return cmd
}

func (m *peoplePane) selected() (journal.PersonStatus, bool) {
	r, ok := m.list.SelectedItem().(personRow)
	return r.s, ok
}

// Selected is the person's summary, or a welcome while the journal holds
// nobody yet (not merely while a filter matches nobody).
func (m *peoplePane) Selected() selection {
	if s, ok := m.selected(); ok {
		md := personSummary(s)
		return selection{key: "people:" + s.Handle, doc: &doc{key: "p:" + hash(md), title: clean(s.Name), markdown: md}}
	}
	if m.loaded && len(m.list.Items()) == 0 {
		return selection{key: "people:", doc: &doc{key: "welcome", title: "Welcome", markdown: welcomeMarkdown}}
	}
	return selection{key: "people:"}
}

func (m *peoplePane) Update(msg tea.Msg) (pane, tea.Cmd) {
	switch msg := msg.(type) {
	case peopleLoadedMsg:
		if msg.err != nil {
			return m, errorCmd(msg.err)
		}
		return m, m.setPeople(msg.people)
	case tea.MouseMsg:
		return m, wheelList(&m.list, msg)
	case tea.KeyMsg:
		if m.TakingText() {
			break
		}
		s, _ := m.selected()
		switch {
		case key.Matches(msg, m.keys.Add):
			return m, addPersonFormCmd(m.env.j, m.env.st)
		case key.Matches(msg, m.keys.Open):
			return m, send(openPersonMsg{handle: s.Handle})
		case key.Matches(msg, m.keys.Prep):
			return m, send(prepRequestMsg{handle: s.Handle, forKey: m.Selected().key})
		case key.Matches(msg, m.keys.New):
			return m, send(newMeetingMsg{handle: s.Handle})
		case key.Matches(msg, m.keys.Edit):
			p := s.Person
			return m, openModalCmd(newPersonForm(m.env.st, &p, nil))
		case key.Matches(msg, m.keys.Sort):
			m.urgent = !m.urgent
			return m, m.setPeople(m.people)
		case key.Matches(msg, m.keys.ShowArchived):
			m.archived = !m.archived
			m.syncKeys()
			return m, m.Load()
		case key.Matches(msg, m.keys.Archive) && s.Archived:
			return m, send(restoreRequestMsg{s.Handle})
		case key.Matches(msg, m.keys.Archive):
			return m, openModalCmd(newConfirm(fmt.Sprintf("Archive %s? Their notes are kept; they leave the lists and flags.", clean(s.Name)), archiveConfirmedMsg{s.Handle}, nil))
		}
	}
	var cmd tea.Cmd
	m.list, cmd = m.list.Update(msg)
	m.syncKeys()
	return m, cmd
}

func (m *peoplePane) View() string {
	if m.loaded && len(m.list.Items()) == 0 {
		return m.env.st.Dim.Render("nobody yet · a adds a person")
	}
	return listView(m.list)
}

// welcomeMarkdown is what the preview shows while the journal holds nobody.
const welcomeMarkdown = `# Welcome to 1on1

Nobody is in this journal yet.

- Press **a** to add someone you hold 1:1s with.
- Or quit (**q**) and run ` + "`1on1 demo`" + ` to explore a sample journal
  (use ` + "`--db`" + ` to keep it apart from yours).

Each 1:1 is a markdown note. Task items are commitments — ` + "`- [ ] me: send the deck by friday`" + ` —
and the journal flags every one that is not kept.
`

// summary is the markdown the preview shows for a person on the home list.
func personSummary(s journal.PersonStatus) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", s.Name)
	fmt.Fprintf(&b, "`%s` · %s · every %d days\n\n", s.Handle, s.Role, s.Cadence)
	switch {
	case s.LastMeeting.IsZero():
		b.WriteString("No 1:1 yet.\n\n")
	default:
		fmt.Fprintf(&b, "Last 1:1 %s, %d days ago; %d %s held.\n\n", s.LastMeeting, s.DaysSince, s.Meetings, plural(s.Meetings, "meeting", "meetings"))
	}
	if s.DueForOneOnOne {
		b.WriteString("**Due for a 1:1.**\n\n")
	}
	fmt.Fprintf(&b, "- My open commitments: %d (%d overdue)\n", s.OpenMine, s.OverdueMine)
	fmt.Fprintf(&b, "- Their open commitments: %d (%d overdue)\n", s.OpenTheirs, s.OverdueTheirs)
	fmt.Fprintf(&b, "- Due soon, both ways: %d\n", s.DueSoon)
	fmt.Fprintf(&b, "- Open follow-ups: %d\n\n", s.OpenFollowUps)
	if strings.TrimSpace(s.Context) != "" {
		b.WriteString("## Context\n\n" + s.Context + "\n")
	}
	b.WriteString("\n_enter: meetings · p: prep · n: new 1:1_\n")
	return b.String()
}
