package journal

import (
	"fmt"
	"strings"
)

// Template returns the note for a new 1:1 with a person on date: the
// sections the note format knows, with the open commitments and follow-ups
// carried over under their block ids, so that saving it carries them.
func (j *Journal) Template(handle string, date Date) (string, error) {
	p, err := j.Person(handle)
	if err != nil {
		return "", err
	}
	open, err := j.OpenCommitments(ItemFilter{Person: handle})
	if err != nil {
		return "", err
	}
	fups, err := j.OpenFollowUps(handle)
	if err != nil {
		return "", err
	}
	keeper, err := j.Keeper()
	if err != nil {
		return "", err
	}
	var mine, theirs []Item
	for _, it := range open {
		if it.Owner == Them {
			theirs = append(theirs, it)
		} else {
			mine = append(mine, it)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# 1:1 with %s — %s\n\n", p.Name, date)
	carry := func(heading string, items []Item) {
		fmt.Fprintf(&b, "## %s\n\n", heading)
		for _, it := range items {
			b.WriteString(carriedLine(it, p, keeper) + "\n")
		}
		if len(items) > 0 {
			b.WriteString("\n")
		}
	}
	carry("Follow-ups", fups)
	b.WriteString("## Notes\n\n\n")
	b.WriteString("## Wins\n\n\n")
	b.WriteString("## Feedback\n\n\n")
	carry("My commitments", mine)
	carry(theirHeading(p, keeper), theirs)
	return b.String(), nil
}

// theirHeading names the section of the person's commitments by their
// first name, unless the name reads as mine ("My", "Mine"): then it says
// "Their commitments", so that carried promises keep their owner.
func theirHeading(p Person, k Keeper) string {
	h := p.FirstName() + "'s commitments"
	probe := Extract([]byte("## "+h+"\n\n- [ ] x\n"), p.noteContext(1, k))
	if len(probe) == 1 && probe[0].Owner == Them {
		return h
	}
	return "Their commitments"
}

// carriedLine writes an open item as a task line for a new note. A due
// phrase ("by friday") is replaced by the date it meant in its own meeting,
// since it would mean another day in the new one.
func carriedLine(it Item, p Person, k Keeper) string {
	line := "- [ ] " + escapeInline(it.Text) + " ^" + it.ID
	if it.Due.IsZero() {
		return line
	}
	out, err := rewriteItem([]byte(line), p.noteContext(it.Date, k), it.ID, Change{Action: ActionRedate, Due: it.Due}, it.Date)
	if err != nil {
		return line
	}
	return string(out)
}
