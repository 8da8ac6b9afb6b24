package journal

import (
	"bufio"
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"
)

func calendarOf(t *testing.T, j *Journal, today Date, opts CalendarOptions) (string, *ics.Calendar) {
	t.Helper()
	var b bytes.Buffer
	if err := j.WriteCalendar(&b, today, opts); err != nil {
		t.Fatal(err)
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatalf("the calendar does not parse: %v\n%s", err, b.String())
	}
	return b.String(), cal
}

func summaries(cal *ics.Calendar) map[string]string {
	out := map[string]string{}
	for _, e := range cal.Events() {
		out[e.Id()] = ics.FromText(e.GetProperty(ics.ComponentPropertySummary).Value)
	}
	return out
}

func TestCalendarHasOneEventPerOpenDatedCommitmentAndPerPersonsNextOneOnOne(t *testing.T) {
	j := weekJournal(t)
	today := day(t, "2026-11-30")
	long := "a long promise, with; commas\\ and ✓ marks that runs well past seventy-five octets so that the line folds"
	if _, err := j.AddMeeting(Meeting{Person: "carol", Date: day(t, "2026-11-29"), Note: "## Carol's commitments\n- [ ] " + long + " due:2026-12-10\n"}, today); err != nil {
		t.Fatal(err)
	}
	text, cal := calendarOf(t, j, today, CalendarOptions{})

	open, _ := j.OpenCommitments(ItemFilter{})
	dated := 0
	for _, it := range open {
		if !it.Due.IsZero() {
			dated++
		}
	}
	people, _ := j.People(false)
	if got, want := len(cal.Events()), dated+len(people); got != want || dated != 6 {
		t.Fatalf("%d events, want %d (%d open dated commitments, %d people)", got, want, dated, len(people))
	}
	sums := summaries(cal)
	want := map[string]bool{
		"me → alice: send the deck":  false,
		"alice → me: review the RFC": false,
		"carol → me: " + long:        false,
		"1:1 with Carol Diaz":        false,
		"1:1 with Bob Li":            false,
	}
	for _, s := range sums {
		if _, ok := want[s]; ok {
			want[s] = true
		}
		if strings.Contains(s, "archived") || strings.Contains(s, "Dave") {
			t.Errorf("an archived person's event: %q", s)
		}
	}
	for s, seen := range want {
		if !seen {
			t.Errorf("no event %q in %v", s, sums)
		}
	}
	for _, e := range cal.Events() {
		start, err := e.GetAllDayStartAt()
		if err != nil {
			t.Errorf("%s: not an all-day event: %v", e.Id(), err)
		}
		if sums[e.Id()] == "1:1 with Bob Li" && DateOf(start) != day(t, "2026-12-09") {
			t.Errorf("bob's 1:1 on %s, want 2026-12-09 (last + 14 days)", DateOf(start))
		}
		if sums[e.Id()] == "1:1 with Alice Martin" && DateOf(start) != today {
			t.Errorf("alice's overdue 1:1 on %s, want today", DateOf(start))
		}
	}

	// RFC 5545: CRLF only, lines of at most 75 octets, text escaped.
	if strings.Contains(strings.ReplaceAll(text, "\r\n", ""), "\n") || !strings.HasSuffix(text, "END:VCALENDAR\r\n") {
		t.Error("a line does not end in CRLF")
	}
	folded := false
	for _, line := range strings.Split(text, "\r\n") {
		if len(line) > 75 {
			t.Errorf("line of %d octets: %q", len(line), line)
		}
		folded = folded || strings.HasPrefix(line, " ")
	}
	if !folded || !strings.Contains(text, `with\; commas\\ and`) {
		t.Errorf("the long summary is not folded and escaped:\n%s", text)
	}

	// A second run, and a run after a new note, keep every UID.
	_, again := calendarOf(t, j, today, CalendarOptions{})
	for id := range summaries(again) {
		if _, ok := sums[id]; !ok {
			t.Errorf("UID %s is new on a second run", id)
		}
	}
	if len(summaries(again)) != len(sums) {
		t.Errorf("%d events on a second run, %d on the first", len(summaries(again)), len(sums))
	}
	if _, err := j.AddMeeting(Meeting{Person: "bob", Date: today, Note: "chat\n"}, today); err != nil {
		t.Fatal(err)
	}
	_, later := calendarOf(t, j, today, CalendarOptions{})
	for id, s := range summaries(later) {
		if old, ok := sums[id]; !ok || old != s {
			t.Errorf("after a new note, event %s is %q, was %q", id, s, old)
		}
	}
}

func TestCalendarMineLeavesOutTheirPromisesAndOtherJournalsUseOtherUIDs(t *testing.T) {
	j := weekJournal(t)
	today := day(t, "2026-11-30")
	_, cal := calendarOf(t, j, today, CalendarOptions{Mine: true})
	for _, s := range summaries(cal) {
		if strings.Contains(s, "→ me") {
			t.Errorf("--mine holds their promise %q", s)
		}
	}
	k := weekJournal(t)
	_, other := calendarOf(t, k, today, CalendarOptions{Mine: true})
	mine := summaries(cal)
	for id := range summaries(other) {
		if _, ok := mine[id]; ok {
			t.Errorf("two journals share UID %s", id)
		}
	}
}

// Folding keeps every line within 75 octets and every line valid UTF-8,
// whatever the mix of one- to four-byte characters, and unfolding gives
// the line back.
func TestCalendarLinesFoldWithinSeventyFiveOctetsNeverInsideACharacter(t *testing.T) {
	pieces := []string{"a", "é", "✓", "🙂", " ", ","}
	for n := 1; n < 400; n += 7 {
		var s strings.Builder
		s.WriteString("SUMMARY:")
		for i := range n {
			s.WriteString(pieces[(i*i+n)%len(pieces)])
		}
		var b bytes.Buffer
		w := bufio.NewWriter(&b)
		writeFolded(w, s.String())
		w.Flush()
		lines := strings.Split(strings.TrimSuffix(b.String(), "\r\n"), "\r\n")
		for _, l := range lines {
			if len(l) > 75 || !utf8.ValidString(l) {
				t.Fatalf("n=%d: line of %d octets (valid UTF-8: %v): %q", n, len(l), utf8.ValidString(l), l)
			}
		}
		if got := strings.ReplaceAll(b.String(), "\r\n ", ""); got != s.String()+"\r\n" {
			t.Fatalf("n=%d: unfolded line differs:\n%q\n%q", n, got, s.String())
		}
	}
}
