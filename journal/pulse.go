package journal

import (
	"fmt"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// PulseWindow is how many of a person's latest meetings the trend shows.
const PulseWindow = 12

// PulseDrop is how far below the person's average a pulse is flagged.
const PulseDrop = 3

// PulseTrend is a person's pulse over their latest meetings.
type PulseTrend struct {
	Points  []PulsePoint // oldest first, meetings without a pulse left out
	Average float64      // of the points before the latest
	// Dropped is set when the latest pulse is PulseDrop or more below the
	// average of the ones before it.
	Dropped bool
}

// PulsePoint is one meeting's pulse.
type PulsePoint struct {
	Meeting MeetingID
	Date    Date
	Pulse   int // 0–10
}

// Latest returns the newest point; ok is false when there is none.
func (t PulseTrend) Latest() (PulsePoint, bool) {
	if len(t.Points) == 0 {
		return PulsePoint{}, false
	}
	return t.Points[len(t.Points)-1], true
}

// Sparkline draws the points as block characters, 0 lowest and 10 highest.
func (t PulseTrend) Sparkline() string {
	const bars = "▁▂▃▄▅▆▇█"
	r := []rune(bars)
	var b strings.Builder
	for _, p := range t.Points {
		b.WriteRune(r[min(len(r)-1, max(0, p.Pulse*(len(r)-1)/10))])
	}
	return b.String()
}

// Summary says the trend in one line: "▆▇▆▂ 2/10, 4.3 below the average
// of 6.3".
func (t PulseTrend) Summary() string {
	last, ok := t.Latest()
	if !ok {
		return "no pulse recorded yet"
	}
	s := fmt.Sprintf("%s latest %d/10", t.Sparkline(), last.Pulse)
	if len(t.Points) > 1 {
		s += fmt.Sprintf(" · average before %.1f", t.Average)
	}
	if t.Dropped {
		s += fmt.Sprintf(" · dropped %.1f", t.Average-float64(last.Pulse))
	}
	return s
}

// PulseTrend returns a person's pulse over their PulseWindow latest
// meetings held on or before today.
func (j *Journal) PulseTrend(handle string, today Date) (PulseTrend, error) {
	var ms []Meeting
	err := j.view(func(tx *bolt.Tx) error {
		if _, err := getPerson(tx, handle); err != nil {
			return err
		}
		return eachPersonMeeting(tx, handle, true, func(id MeetingID) (bool, error) {
			if id.Date() > today {
				return true, nil
			}
			m, err := getMeeting(tx, id)
			if err != nil {
				return false, err
			}
			ms = append(ms, m)
			return len(ms) < PulseWindow, nil
		})
	})
	if err != nil {
		return PulseTrend{}, err
	}
	return TrendOf(ms, today), nil
}

// TrendOf is the pulse trend of a person's meetings, given newest first
// (as Meetings returns them): the PulseWindow latest held on or before
// today, and whether the latest pulse dropped PulseDrop or more below the
// average of the ones before it.
func TrendOf(meetings []Meeting, today Date) PulseTrend {
	var t PulseTrend
	n := 0
	for _, m := range meetings {
		if m.Date > today {
			continue
		}
		if n++; n > PulseWindow {
			break
		}
		if m.HasPulse {
			t.Points = append(t.Points, PulsePoint{Meeting: m.ID, Date: m.Date, Pulse: m.Pulse})
		}
	}
	for a, b := 0, len(t.Points)-1; a < b; a, b = a+1, b-1 {
		t.Points[a], t.Points[b] = t.Points[b], t.Points[a]
	}
	if k := len(t.Points); k > 1 {
		sum := 0
		for _, p := range t.Points[:k-1] {
			sum += p.Pulse
		}
		t.Average = float64(sum) / float64(k-1)
		t.Dropped = t.Average-float64(t.Points[k-1].Pulse) >= PulseDrop
	}
	return t
}
