package journal

import (
	"strings"
	"testing"
)

func TestPulseTrendFlagsADropOfThreeFromTheAverage(t *testing.T) {
	j := queueJournal(t)
	add := func(date, note string) {
		t.Helper()
		if _, err := j.AddMeeting(Meeting{Person: "alice", Date: day(t, date), Note: note}, day(t, date)); err != nil {
			t.Fatal(err)
		}
	}
	add("2026-10-01", "pulse: 7/10\n")
	add("2026-10-08", "mood: 4/5\n")
	add("2026-10-15", "no pulse\n")
	add("2026-10-22", "pulse: 6/10\n")
	add("2026-12-01", "pulse: 1/10\n") // after today: not held yet
	today := day(t, "2026-10-30")
	tr, err := j.PulseTrend("alice", today)
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.Points) != 3 || tr.Points[0].Pulse != 7 || tr.Points[2].Pulse != 6 || tr.Dropped || tr.Average != 7.5 {
		t.Fatalf("trend: %+v", tr)
	}
	add("2026-10-29", "energy: 4/10\n")
	tr, _ = j.PulseTrend("alice", today)
	if !tr.Dropped || tr.Sparkline() != "▅▆▅▃" {
		t.Fatalf("a drop of 3 from 7 is not flagged: %+v %q", tr, tr.Sparkline())
	}
	pr, err := j.Prep("alice", today)
	if err != nil {
		t.Fatal(err)
	}
	md := pr.Markdown()
	if !strings.Contains(md, "Pulse: ▅▆▅▃ latest 4/10 · average before 7.0 · **dropped 3.0**") {
		t.Errorf("prep:\n%s", md)
	}
	if tr, _ := j.PulseTrend("bob", today); len(tr.Points) != 0 || tr.Dropped {
		t.Errorf("bob without meetings: %+v", tr)
	}
}

func TestPrepShowsFeedbackToGiveFirstWithItsAge(t *testing.T) {
	j := queueJournal(t)
	if _, err := j.AddMeeting(Meeting{Person: "alice", Date: day(t, "2026-11-10"), Note: "## My commitments\n- [ ] send the deck\n"}, day(t, "2026-11-10")); err != nil {
		t.Fatal(err)
	}
	mustQueue(t, j, "alice", QueueFeedback, "praise for the outage write-up", "2026-11-01")
	pr, err := j.Prep("alice", day(t, "2026-11-20"))
	if err != nil {
		t.Fatal(err)
	}
	md := pr.Markdown()
	fb := strings.Index(md, "## Feedback to give\n\n- praise for the outage write-up, noted 19 days ago")
	mine := strings.Index(md, "## My open commitments")
	if fb < 0 || mine < 0 || fb > mine {
		t.Errorf("prep:\n%s", md)
	}
}
