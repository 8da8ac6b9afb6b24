package demo_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/oneonone/1on1/internal/demo"
	"github.com/oneonone/1on1/journal"
)

// A newcomer opening the demo sees the weekly loop at once: queued topics
// and feedback, feedback to give from a note, a pulse that dropped, a
// private section, and stale items asked about in the next template.
func TestSmallDemoShowsTheWeeklyLoop(t *testing.T) {
	for _, seed := range []int64{1, 7} {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			j, _ := build(t, demo.Options{Seed: seed, Today: today})
			topics, err := j.QueuedFor("alice", journal.QueueTopic)
			if err != nil || len(topics) < 2 {
				t.Fatalf("alice's queued topics: %v %v", topics, err)
			}
			fb, err := j.FeedbackToGive("alice")
			queued, inNotes := 0, 0
			for _, f := range fb {
				if f.Queued {
					queued++
				} else {
					inNotes++
				}
			}
			if err != nil || queued == 0 || inNotes == 0 {
				t.Fatalf("feedback to give: %+v %v", fb, err)
			}
			tr, err := j.PulseTrend("alice", today)
			if err != nil || len(tr.Points) < 5 || !tr.Dropped {
				t.Fatalf("alice's pulse: %+v %v", tr, err)
			}
			ms, _ := j.Meetings("alice")
			if !strings.Contains(ms[0].Note, "\n## Private\n") {
				t.Errorf("alice's latest note has no private section:\n%s", ms[0].Note)
			}
			recap, err := j.Share("alice", 0, today)
			if err != nil || strings.Contains(recap, "Private") {
				t.Errorf("share: %v", err)
			}
			next, err := j.Template("alice", today.AddDays(7))
			if err != nil || !strings.Contains(next, "## Stale — keep, re-date or drop?") || !strings.Contains(next, "Not copied any more") {
				t.Errorf("alice's next template has no stale part: %v\n%s", err, next)
			}
		})
	}
}
