package tui

import (
	"time"

	"github.com/charmbracelet/bubbles/list"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/oneonone/1on1/journal"
)

// The app stays open beside the CLI (SPEC 4.5): the journal is held only
// for the length of each transaction, so `1on1 note` or `1on1 done` may
// write while the app runs. Once a second the app asks the journal whether
// anyone else committed since the version it last saw — one short read, no
// transaction held between — and, when someone did, loads again what is on
// screen. The lists keep their selection (by identity, not by row number),
// the preview its scroll, and the editor its unsaved text: a reload never
// touches the edit session.

// livePoll is how often the app asks whether the journal changed: "within
// about a second" of a command's write.
const livePoll = time.Second

// journalPolledMsg is the answer of one poll: the version now, and whether
// someone other than the app changed the journal since the last one.
type journalPolledMsg struct {
	version journal.Version
	changed bool
	err     error
}

// journalChangedMsg asks the root to load again what is on screen because
// another process changed the journal.
type journalChangedMsg struct{}

// firstVersionCmd reads the version the screen is loaded from.
func firstVersionCmd(j *journal.Journal) tea.Cmd {
	return guard(func() any {
		v, err := j.Version()
		return journalPolledMsg{version: v, err: err}
	})
}

// pollCmd waits livePoll, then asks whether anyone else committed since v.
func pollCmd(j *journal.Journal, v journal.Version) tea.Cmd {
	return tea.Tick(livePoll, func(time.Time) tea.Msg {
		return guard(func() any {
			now, changed, err := j.ChangedSince(v)
			return journalPolledMsg{version: now, changed: changed, err: err}
		})()
	})
}

// polled handles one poll's answer: the next poll, and a reload when the
// journal changed. A failed poll (a write elsewhere outlasted the wait)
// only tries again: the next one will see the change.
func (m *model) polled(msg journalPolledMsg) tea.Cmd {
	if msg.err != nil {
		return pollCmd(m.env.j, m.version)
	}
	m.version = msg.version
	next := pollCmd(m.env.j, m.version)
	if !msg.changed {
		return next
	}
	return tea.Batch(next, send(journalChangedMsg{}))
}

// liveReload loads again what the screen shows, keeping the place: the
// preview keeps the note it shows until the fresh copy arrives.
func (m *model) liveReload() tea.Cmd {
	cmds := []tea.Cmd{m.panes[panePeople].Load(), m.preview.refreshInPlace(), m.prep.Load(), loadKeeperCmd(m.env.j)}
	if m.view != panePeople {
		cmds = append(cmds, m.panes[m.view].Load())
	}
	return tea.Batch(cmds...)
}

// keyedRow is a list row with an identity that survives a reload.
type keyedRow interface{ rowKey() string }

func (r personRow) rowKey() string  { return "p:" + r.s.Handle }
func (r itemRow) rowKey() string    { return "i:" + r.it.ID }
func (r meetingRow) rowKey() string { return "m:" + r.m.ID.String() }
func (r hitRow) rowKey() string     { return "h:" + r.h.Meeting.String() }
func (r ledgerRow) rowKey() string  { return "l:" + r.l.person.Handle }

// setItemsKeepingSelection replaces the list's rows and selects again the
// row that was selected, wherever it now is; when it is gone (ticked,
// dropped) the cursor stays at its row number, on the row that took its
// place, or the last one.
func setItemsKeepingSelection(l *list.Model, rows []list.Item) tea.Cmd {
	idx := l.Index()
	prev, _ := l.SelectedItem().(keyedRow)
	cmd := l.SetItems(rows)
	if prev != nil {
		k := prev.rowKey()
		for i, it := range l.VisibleItems() {
			if r, ok := it.(keyedRow); ok && r.rowKey() == k {
				l.Select(i)
				return cmd
			}
		}
	}
	if n := len(l.VisibleItems()); n > 0 {
		l.Select(min(idx, n-1))
	}
	return cmd
}
