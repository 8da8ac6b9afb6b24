package demo

import (
	"math/rand/v2"
	"strings"

	"github.com/oneonone/1on1/journal"
)

// headings are the section titles of one note style, with {first} for the
// person's first name. Each style uses other words the format knows.
type headings struct {
	notes, mine, theirs, actions, followUps, wins, feedback string
	level                                                   string
}

var styles = []headings{
	{notes: "Notes", mine: "My commitments", theirs: "{first}'s commitments", followUps: "Follow-ups", wins: "Wins", feedback: "Feedback", level: "## "},
	{notes: "Discussion", actions: "Action items", followUps: "Next time", wins: "Kudos", feedback: "Feedback", level: "## "},
	{notes: "Notes", mine: "I committed to", theirs: "{first} committed to", followUps: "To discuss", wins: "Shout-outs", feedback: "Feedback", level: "### "},
}

// note writes the markdown of meeting k with its plans.
func (g *generator) note(r *rand.Rand, p journal.Person, first string, style int, dates []journal.Date, k int, plans []*plan) string {
	h := styles[style]
	d := dates[k]
	var b strings.Builder
	if style == 2 {
		b.WriteString("# " + first + " · " + d.String() + "\n\n")
	} else {
		b.WriteString("# 1:1 with " + p.Name + " — " + d.String() + "\n\n")
	}
	section := func(title string) {
		b.WriteString(h.level + strings.ReplaceAll(title, "{first}", first) + "\n\n")
	}

	var mine, theirs, fups, inline []string
	for _, pl := range plans {
		line := g.line(pl, k)
		switch {
		case pl.kind == journal.FollowUp && pl.style%7 == 0 && k == pl.first && style == 0:
			inline = append(inline, line)
		case pl.kind == journal.FollowUp:
			fups = append(fups, line)
		case pl.owner == journal.Them:
			theirs = append(theirs, line)
		default:
			mine = append(mine, line)
		}
	}

	section(h.notes)
	for n := 5 + r.IntN(5); n > 0; n-- {
		b.WriteString("- " + fill(r, noteLines[r.IntN(len(noteLines))], first, "") + "\n")
	}
	for _, l := range inline {
		b.WriteString(l + "\n")
	}
	b.WriteString("\n")
	if r.IntN(2) == 0 {
		b.WriteString(fill(r, paragraphs[r.IntN(len(paragraphs))], first, "") + "\n\n")
	}
	if r.IntN(3) == 0 {
		section(h.wins)
		for n := 1 + r.IntN(2); n > 0; n-- {
			b.WriteString("- " + fill(r, wins[r.IntN(len(wins))], first, "") + "\n")
		}
		b.WriteString("\n")
	}
	if r.IntN(4) == 0 {
		section(h.feedback)
		for n := 1 + r.IntN(2); n > 0; n-- {
			switch r.IntN(5) {
			case 0, 1:
				b.WriteString("- given: " + fill(r, feedbackGiven[r.IntN(len(feedbackGiven))], first, "") + "\n")
			case 2, 3:
				b.WriteString("- received: " + fill(r, feedbackReceived[r.IntN(len(feedbackReceived))], first, "") + "\n")
			default:
				b.WriteString("- " + fill(r, feedbackGiven[r.IntN(len(feedbackGiven))], first, "") + "\n")
			}
		}
		b.WriteString("\n")
	}
	list := func(lines []string) {
		for _, l := range lines {
			b.WriteString(l + "\n")
		}
		b.WriteString("\n")
	}
	if h.actions != "" {
		section(h.actions)
		list(append(mine, theirs...))
	} else {
		section(h.mine)
		list(mine)
		if len(theirs) > 0 {
			section(h.theirs)
			list(theirs)
		}
	}
	if len(fups) > 0 {
		section(h.followUps)
		list(fups)
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
}

// line writes a plan's task line as it stands in meeting k: open when a
// later note carries it or it is still open today, else ticked or dropped
// with the day it happened.
func (g *generator) line(pl *plan, k int) string {
	closed := k == pl.last && pl.resolved != never && pl.resolved <= g.o.Today
	box := "[ ]"
	var done string
	if closed {
		switch {
		case pl.fate == journal.StateDropped && pl.style&1 == 0:
			box = "[-]"
		case pl.fate == journal.StateDropped:
			box = "[~]"
		case pl.style%8 == 3:
			box = "[X]"
		default:
			box = "[x]"
		}
		if pl.fate == journal.StateDone {
			if pl.style&2 == 0 {
				done = " done:" + pl.resolved.String()
			} else {
				done = " ✅ " + pl.resolved.String()
			}
		}
	}
	text := pl.prefix + pl.text
	if pl.kind == journal.FollowUp && pl.style%7 == 0 && k == pl.first {
		text = "follow-up: " + text
	}
	switch {
	case pl.dueToken == "":
	case pl.moveAt > 0 && k >= pl.moveAt:
		// Re-dated: the old date struck with the day of the move (SPEC 2.1).
		text += " ~~due:" + pl.due.String() + "~~ (moved " + pl.moved.String() + ") due:" + pl.newDue.String()
	case k != pl.first:
		// A carried line states the day the phrase meant when it was said.
		text += " due:" + pl.due.String()
	case strings.HasPrefix(pl.dueToken, "by "):
		text += " " + pl.dueToken
	default:
		text += " " + pl.dueToken
	}
	line := "- " + box + " " + text + done
	if pl.id != "" {
		line += " ^" + pl.id
	}
	return line
}
