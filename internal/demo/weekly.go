package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/oneonone/1on1/journal"
)

// The weekly loop in the sample (SPEC 2.2, 4.6): a pulse line in every
// note, now and then a private section and feedback given with a tell:
// item, and for the first person what a newcomer should see at once —
// feedback still to give, a private section, a pulse that dropped, items
// gone stale and one long overdue, and topics and feedback queued for the
// next 1:1.

// privateLines are what a manager keeps to themselves.
var privateLines = []string{
	"Seems tired; check in about workload next time.",
	"Might be thinking about leaving; talk about growth.",
	"Friction with {peer} in reviews; watch, do not escalate yet.",
	"Ready for a bigger scope; raise at calibration.",
	"Personal matter at home; go easy on deadlines this month.",
}

// pulseOf is a person's pulse at meeting k of n, on 0–10: steady around
// their own level, and for the first person a drop at the latest 1:1.
func pulseOf(r *rand.Rand, i, k, n int) int {
	base := 6 + i%3
	if i == 0 && k == n-1 {
		return base - 4
	}
	return min(10, max(0, base+r.IntN(3)-1))
}

// pulseLine writes a pulse in one of the forms the note format knows.
func pulseLine(style, v int) string {
	switch style {
	case 1:
		return fmt.Sprintf("mood: %d/5", (v+1)/2)
	case 2:
		return fmt.Sprintf("energy: %d/10", v)
	}
	return fmt.Sprintf("pulse: %d/10", v)
}

// weeklyParts adds to meeting k of n (the note written so far) a pulse
// line and, at times, feedback told (a ticked tell: item) and a private
// section; the first person's latest note always has feedback still to
// give and a private section.
func (g *generator) weeklyParts(r *rand.Rand, i int, p journal.Person, style, k, n int, d journal.Date, note string) string {
	var b strings.Builder
	b.WriteString(note)
	first := p.FirstName()
	latest := i == 0 && k == n-1
	if latest {
		b.WriteString("\n## Feedback to give\n\n")
		b.WriteString("- [ ] " + fill(r, feedbackGiven[r.IntN(len(feedbackGiven))], first, "") + " ^" + g.blockID() + "\n")
	} else if r.IntN(6) == 0 {
		fb := fill(r, feedbackGiven[r.IntN(len(feedbackGiven))], first, "")
		b.WriteString("\n- [x] tell: " + fb + " done:" + d.String() + " ^" + g.blockID() + "\n")
	}
	if latest || r.IntN(5) == 0 {
		b.WriteString("\n## Private\n\n- " + fill(r, privateLines[r.IntN(len(privateLines))], first, "") + "\n")
	}
	b.WriteString("\n" + pulseLine(style, pulseOf(r, i, k, n)) + "\n")
	return b.String()
}

// lingering plans the first person's promises that went stale: one of
// mine carried unchanged through the last four notes, and one of theirs
// unchanged through the last eight and overdue for weeks, which the
// template no longer copies.
func (g *generator) lingering(r *rand.Rand, p journal.Person, dates []journal.Date, noteStyle int) []*plan {
	n := len(dates)
	var out []*plan
	for _, s := range []struct {
		owner    journal.Owner
		from, in int
	}{{journal.Me, n - 4, 10}, {journal.Them, n - 8, 3}} {
		if s.from < 0 {
			continue
		}
		pl := g.commitment(r, p, dates, s.from, s.owner, noteStyle)
		pl.prefix = ""
		pl.due = dates[s.from].AddDays(s.in)
		pl.dueToken = "due:" + pl.due.String() // written the same in every note
		pl.fate, pl.resolved, pl.last = journal.StateDone, never, n-1
		out = append(out, pl)
	}
	return out
}

// queueSamples queues topics and feedback for the next 1:1s, dated in the
// days before today.
func queueSamples(j *journal.Journal, people []journal.Person, today journal.Date) error {
	type entry struct {
		who  int
		kind journal.QueueKind
		text string
		ago  int
	}
	entries := []entry{
		{0, journal.QueueFeedback, "praise for the outage write-up: clear, calm and early", 19},
		{0, journal.QueueTopic, "the reorg timeline and what it means for the team", 5},
		{0, journal.QueueTopic, "conference budget for next year", 2},
		{1, journal.QueueTopic, "how on-call feels since the rotation changed", 3},
		{1, journal.QueueFeedback, "thanks for mentoring the new hire", 1},
	}
	// The sample gives the ids itself, as it does block ids, so the same
	// options give the same journal.
	queues := map[string][]journal.Queued{}
	for i, e := range entries {
		if e.who >= len(people) {
			continue
		}
		h := people[e.who].Handle
		queues[h] = append(queues[h], journal.Queued{ID: fmt.Sprintf("q%04d", i+1), Person: h, Kind: e.kind, Text: e.text, Added: today.AddDays(-e.ago)})
	}
	if err := j.AddQueued(queues); err != nil {
		return fmt.Errorf("demo: queue: %w", err)
	}
	return nil
}
