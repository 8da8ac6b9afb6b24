package journal

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// pulseRE reads a pulse line (SPEC 2.2, 2.4): "pulse: 7/10", "mood: 4/5",
// "Energy: 8/10", "**Energy level?** 6/10", as a line of its own or a
// bullet, N out of 10 or 5.
var pulseRE = regexp.MustCompile(`(?i)^\s*(?:[-*+]\s+)?(?:\*\*|__)?(?:pulse|mood|energy)(?:\s+level)?\s*[:?]?(?:\*\*|__)?\s*[:?]?\s*(\d{1,2}(?:\.\d)?)\s*/\s*(10|5)\s*$`)

// PulseOf returns a note's pulse on 0–10: the first pulse line outside
// code, with N/5 scaled to ten and rounded. ok is false when the note has
// none (a template's "pulse: _/10" is none).
func PulseOf(note string) (pulse int, ok bool) {
	fence := ""
	for _, line := range strings.Split(note, "\n") {
		t := strings.TrimSpace(line)
		switch {
		case fence != "":
			if strings.HasPrefix(t, fence) {
				fence = ""
			}
			continue
		case strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~"):
			fence = t[:3]
			continue
		}
		m := pulseRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		v, err := strconv.ParseFloat(m[1], 64)
		if err != nil {
			continue
		}
		scale, _ := strconv.ParseFloat(m[2], 64)
		if v > scale {
			continue // "12/10" is no reading
		}
		return int(math.Round(v * 10 / scale)), true
	}
	return 0, false
}

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
	var t PulseTrend
	err := j.view(func(tx *bolt.Tx) error {
		if _, err := getPerson(tx, handle); err != nil {
			return err
		}
		n := 0
		return eachPersonMeeting(tx, handle, true, func(id MeetingID) (bool, error) {
			if id.Date() > today {
				return true, nil
			}
			v := tx.Bucket(bucketMeetings).Get(meetingKey(id))
			if v == nil {
				return true, nil
			}
			m, err := decodeMeeting(v)
			if err != nil {
				return false, fmt.Errorf("meeting %s: %w", id, err)
			}
			if p, ok := PulseOf(m.Note); ok {
				t.Points = append(t.Points, PulsePoint{Meeting: id, Date: id.Date(), Pulse: p})
			}
			n++
			return n < PulseWindow, nil
		})
	})
	if err != nil {
		return t, err
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
	return t, nil
}
