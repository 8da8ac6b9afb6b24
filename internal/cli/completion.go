package cli

import (
	"sort"
	"strings"
	"time"

	"github.com/oneonone/1on1/journal"
	"github.com/spf13/cobra"
)

// Shell completion. cobra completes verbs and flags itself (the
// "completion" verb writes the scripts, which call "1on1 __complete");
// these functions complete the arguments that name something in the
// journal: handles, meeting ids, item ids. They read the journal
// read-only, give up at once when another process holds it, and fail
// silently: a completion must never print an error into the user's
// command line.

// completionWait is how long a completion waits for a write in progress in
// another process: a key press must answer at once.
const completionWait = 50 * time.Millisecond

// withJournal runs read on the journal opened read-only for a completion,
// or returns nil when it cannot be opened.
func (c *call) completeFrom(read func(j *journal.Journal) []cobra.Completion) []cobra.Completion {
	p, err := c.path()
	if err != nil {
		return nil
	}
	j, err := journal.Open(p, journal.Options{ReadOnly: true, Timeout: completionWait})
	if err != nil {
		return nil
	}
	defer j.Close()
	return read(j)
}

// completeHandle completes a HANDLE given as the first argument: active
// people (archived ones too when the prefix names one), with their names.
func (c *call) completeHandle(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return c.handles(toComplete, nil), cobra.ShellCompDirectiveNoFileComp
}

// completePersonFlag completes the value of a --person flag.
func (c *call) completePersonFlag(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return c.handles(toComplete, nil), cobra.ShellCompDirectiveNoFileComp
}

// completeArchived completes the handle of an archived person.
func (c *call) completeArchived(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	archived := func(p journal.Person) bool { return p.Archived }
	return c.handles(toComplete, archived), cobra.ShellCompDirectiveNoFileComp
}

// handles lists the handles that begin with prefix and pass keep (nil:
// the active people, and archived ones only when no active one matches).
func (c *call) handles(prefix string, keep func(journal.Person) bool) []cobra.Completion {
	prefix = strings.ToLower(prefix)
	return c.completeFrom(func(j *journal.Journal) []cobra.Completion {
		ps, err := j.People(true)
		if err != nil {
			return nil
		}
		var active, archived []cobra.Completion
		for _, p := range ps {
			if !strings.HasPrefix(p.Handle, prefix) || (keep != nil && !keep(p)) {
				continue
			}
			comp := cobra.CompletionWithDesc(p.Handle, p.Name)
			if p.Archived && keep == nil {
				archived = append(archived, comp)
			} else {
				active = append(active, comp)
			}
		}
		if len(active) == 0 {
			return archived
		}
		return active
	})
}

// completeMeeting completes a MEETING-ID: the newest meetings whose id
// begins with what was typed (a date, so "2026-11" narrows to a month).
func (c *call) completeMeeting(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	const most = 50
	out := c.completeFrom(func(j *journal.Journal) []cobra.Completion {
		ps, err := j.People(true)
		if err != nil {
			return nil
		}
		type found struct {
			id, desc string
			date     journal.Date
		}
		var ms []found
		for _, p := range ps {
			list, err := j.Meetings(p.Handle)
			if err != nil {
				return nil
			}
			for _, m := range list {
				if id := m.ID.String(); strings.HasPrefix(id, toComplete) {
					ms = append(ms, found{id, p.Handle + " " + m.Date.String(), m.Date})
				}
			}
		}
		sort.SliceStable(ms, func(a, b int) bool { return ms[a].date > ms[b].date })
		var comps []cobra.Completion
		for i, m := range ms {
			if i == most {
				break
			}
			comps = append(comps, cobra.CompletionWithDesc(m.id, m.desc))
		}
		return comps
	})
	// The shell keeps the journal's order: newest first.
	return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveKeepOrder
}

// completeOpenItem completes the ITEM-ID of an open commitment or
// follow-up (done, drop, redate), with its person and text.
func (c *call) completeOpenItem(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	prefix := itemID(toComplete)
	caret := strings.HasPrefix(strings.TrimSpace(toComplete), "^")
	out := c.completeFrom(func(j *journal.Journal) []cobra.Completion {
		items, err := j.OpenCommitments(journal.ItemFilter{})
		if err != nil {
			return nil
		}
		fups, err := j.OpenFollowUps("")
		if err != nil {
			return nil
		}
		return itemCompletions(append(items, fups...), prefix, caret)
	})
	return out, cobra.ShellCompDirectiveNoFileComp
}

// completeClosedItem completes the ITEM-ID of a done or dropped item
// (reopen) from each person's latest meetings, where one is re-opened.
func (c *call) completeClosedItem(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	prefix := itemID(toComplete)
	caret := strings.HasPrefix(strings.TrimSpace(toComplete), "^")
	out := c.completeFrom(func(j *journal.Journal) []cobra.Completion {
		ps, err := j.People(false)
		if err != nil {
			return nil
		}
		var items []journal.Item
		for _, p := range ps {
			ms, err := j.Meetings(p.Handle)
			if err != nil {
				return nil
			}
			for i, m := range ms {
				if i == 3 {
					break
				}
				for _, it := range m.Items {
					if it.ID != "" && (it.State == journal.StateDone || it.State == journal.StateDropped) {
						it.Person = p.Handle
						items = append(items, it)
					}
				}
			}
		}
		return itemCompletions(items, prefix, caret)
	})
	return out, cobra.ShellCompDirectiveNoFileComp
}

// itemCompletions are the ids of items that begin with prefix, each once,
// with "^" kept when the user typed it.
func itemCompletions(items []journal.Item, prefix string, caret bool) []cobra.Completion {
	seen := map[string]bool{}
	var out []cobra.Completion
	for _, it := range items {
		if it.ID == "" || seen[it.Person+"/"+it.ID] || !strings.HasPrefix(it.ID, prefix) {
			continue
		}
		seen[it.Person+"/"+it.ID] = true
		id := it.ID
		if caret {
			id = "^" + id
		}
		out = append(out, cobra.CompletionWithDesc(id, it.Person+": "+truncate(it.DisplayText(), 50)))
	}
	return out
}

// noFiles is the completion of an argument that is not a file and cannot
// be listed (a date, a query, a name).
func noFiles(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return nil, cobra.ShellCompDirectiveNoFileComp
}
