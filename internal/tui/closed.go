package tui

import (
	"sort"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/oneonone/1on1/journal"
)

// closedItems is every done or dropped item of kind that matches f, most
// recently closed first: what the commitments and follow-ups views show
// under the open ones when asked, so an item closed by mistake (here or
// with `1on1 done`) can be seen and reopened. It reads every note: it
// runs only while the toggle is on.
func closedItems(j *journal.Journal, kind journal.Kind, f journal.ItemFilter) ([]journal.Item, error) {
	seen := map[string]bool{}
	var all []journal.Item
	err := j.ForEachMeeting(func(m journal.Meeting) error {
		for _, it := range m.Items {
			if it.Kind != kind || it.ID == "" || seen[it.ID] {
				continue
			}
			if (f.Person != "" && it.Person != f.Person) || (f.Owner != 0 && it.Owner != f.Owner) {
				continue
			}
			seen[it.ID] = true
			all = append(all, it)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Where each stands now, from its latest note.
	if all, err = j.Current(all); err != nil {
		return nil, err
	}
	out := all[:0]
	for _, it := range all {
		if it.State == journal.StateDone || it.State == journal.StateDropped {
			out = append(out, it)
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return closedOn(out[a]) > closedOn(out[b]) })
	return out, nil
}

// closedOn is when an item was closed, as far as the note says.
func closedOn(it journal.Item) journal.Date {
	if !it.Done.IsZero() {
		return it.Done
	}
	return it.Date
}

// loadItemsCmd loads a items view: the open items and, with closed, the
// done and dropped ones after them.
func loadItemsCmd(j *journal.Journal, followUps bool, f journal.ItemFilter, closed bool) tea.Cmd {
	return guard(func() any {
		var open []journal.Item
		var err error
		kind := journal.Commitment
		if followUps {
			kind = journal.FollowUp
			open, err = j.OpenFollowUps("")
		} else {
			open, err = j.OpenCommitments(f)
		}
		if err == nil && closed {
			var done []journal.Item
			done, err = closedItems(j, kind, f)
			open = append(open, done...)
		}
		var texts []string
		if err == nil {
			texts, err = j.ListTexts(open)
		}
		if followUps {
			return followUpsLoadedMsg{items: open, texts: texts, err: err}
		}
		return commitmentsLoadedMsg{items: open, texts: texts, err: err}
	})
}
