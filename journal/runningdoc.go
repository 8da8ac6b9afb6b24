package journal

import (
	"bytes"
	"strconv"
	"strings"
	"time"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// A running document is one file per person with a dated heading per
// meeting, newest first or last (SPEC 2.4):
//
//	## 2026-11-20
//	- [ ] me: send the rubric
//	## 21 Sep, 2022 | Alice, Eduardo
//	…
//
// Import splits it into one meeting per dated section.

// datedSection is one meeting of a running document: its heading's date, the
// line the heading is on, and its text, heading included.
type datedSection struct {
	date Date
	line int
	text []byte
}

// datedHeading is a heading whose text starts with a date.
type datedHeading struct {
	level int
	start int // offset of the heading's first line
	date  Date
}

// splitRunning returns the sections of a running document, or nil when
// body is one note: it needs two or more dated headings at one level (the
// level most dated headings use). Text before the first dated heading goes
// with the first section, unless it is only headings and blank lines (the
// document's title), which are dropped.
func splitRunning(body []byte) []datedSection {
	hs := datedHeadings(body)
	count := map[int]int{}
	for _, h := range hs {
		count[h.level]++
	}
	level, most := 0, 0
	for l := 1; l <= 6; l++ {
		if count[l] > most {
			level, most = l, count[l]
		}
	}
	if most < 2 {
		return nil
	}
	var at []datedHeading
	for _, h := range hs {
		if h.level == level {
			at = append(at, h)
		}
	}
	out := make([]datedSection, len(at))
	for i, h := range at {
		end := len(body)
		if i+1 < len(at) {
			end = at[i+1].start
		}
		out[i] = datedSection{date: h.date, line: 1 + bytes.Count(body[:h.start], []byte("\n")), text: body[h.start:end]}
	}
	if pre := body[:at[0].start]; !onlyHeadings(pre) {
		out[0].text = body[:at[0].start+len(out[0].text)]
	}
	return out
}

// onlyHeadings reports whether text holds nothing but ATX headings and
// blank lines: a document's title, not a meeting's notes.
func onlyHeadings(pre []byte) bool {
	for _, line := range strings.Split(string(pre), "\n") {
		t := strings.TrimSpace(line)
		if t != "" && !strings.HasPrefix(t, "#") {
			return false
		}
	}
	return true
}

// firstHeadingDate returns the date of the first dated heading of a note
// that has exactly one: the note's date when nothing else gives one.
func firstHeadingDate(body []byte) (Date, bool) {
	hs := datedHeadings(body)
	if len(hs) != 1 {
		return 0, false
	}
	return hs[0].date, true
}

// datedHeadings finds the headings (outside code blocks, as goldmark reads
// them) whose text starts with a date.
func datedHeadings(body []byte) []datedHeading {
	if !bytes.Contains(body, []byte("#")) && !bytes.Contains(body, []byte("\n-")) && !bytes.Contains(body, []byte("\n=")) {
		return nil // no heading can be there: spare the parse
	}
	doc := noteParser().Parse(text.NewReader(body))
	var out []datedHeading
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		h, ok := n.(*ast.Heading)
		if !ok || h.Lines().Len() == 0 {
			continue
		}
		seg := h.Lines().At(0)
		d, ok := headingDate(string(seg.Value(body)))
		if !ok {
			continue
		}
		start := bytes.LastIndexByte(body[:seg.Start], '\n') + 1
		out = append(out, datedHeading{level: h.Level, start: start, date: d})
	}
	return out
}

var (
	isoDateRE   = lazyRegexp(`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b`)
	isoAnyRE    = lazyRegexp(`(^|[^0-9])(\d{4}-\d{2}-\d{2})($|[^0-9])`)
	dayMonthRE  = lazyRegexp(`^(\d{1,2})(?:st|nd|rd|th)?\.?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b`)
	monthDayRE  = lazyRegexp(`^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	usDateRE    = lazyRegexp(`^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b`)
	weekdayLead = lazyRegexp(`^(?i:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+`)
)

// headingDate reads the date a heading's text starts with: 2026-11-20,
// 2026/11/20, 12/3/2026 (US, month first), 21 Sep, 2022, 21 September 2022, Sep 21, 2022, also after a
// weekday ("Mon, 21 Sep 2022") and inside emphasis or a [[link]]. An ISO
// date anywhere in a heading ("1:1 — 2026-11-20") dates it too; other
// forms only at the start, so "Goals for March 2026" dates nothing.
func headingDate(h string) (Date, bool) {
	t := strings.TrimSpace(h)
	t = strings.TrimLeft(t, "*_[`📅🗓 ")
	t = weekdayLead().ReplaceAllString(t, "")
	if m := isoDateRE().FindStringSubmatch(t); m != nil {
		return ymd(m[1], m[2], m[3])
	}
	if m := usDateRE().FindStringSubmatch(t); m != nil {
		// "12/3/2026", "12/03/26": month first, as US documents date a
		// meeting, unless only day first makes a date ("25/12/2026").
		mo, d, y := m[1], m[2], m[3]
		if a, _ := strconv.Atoi(mo); a > 12 {
			mo, d = d, mo
		}
		if len(y) == 2 {
			y = "20" + y
		}
		return ymd(y, mo, d)
	}
	if m := dayMonthRE().FindStringSubmatch(t); m != nil {
		if mo, ok := monthOf(m[2]); ok {
			return ymd(m[3], strconv.Itoa(mo), m[1])
		}
	}
	if m := monthDayRE().FindStringSubmatch(t); m != nil {
		if mo, ok := monthOf(m[1]); ok {
			return ymd(m[3], strconv.Itoa(mo), m[2])
		}
	}
	if m := isoAnyRE().FindStringSubmatch(h); m != nil {
		if d, err := ParseDate(m[2]); err == nil {
			return d, true
		}
	}
	return 0, false
}

// ymd checks and makes a date; 2022-02-30 is no date.
func ymd(y, m, d string) (Date, bool) {
	yi, _ := strconv.Atoi(y)
	mi, _ := strconv.Atoi(m)
	di, _ := strconv.Atoi(d)
	t := time.Date(yi, time.Month(mi), di, 0, 0, 0, 0, time.UTC)
	if t.Year() != yi || int(t.Month()) != mi || t.Day() != di {
		return 0, false
	}
	date := DateOf(t)
	return date, date > 0
}

// monthOf reads an English month name or its abbreviation (Sep, Sept).
func monthOf(s string) (int, bool) {
	s = strings.ToLower(s)
	for i := time.January; i <= time.December; i++ {
		full := strings.ToLower(i.String())
		if s == full || s == full[:3] || (i == time.September && s == "sept") {
			return int(i), true
		}
	}
	return 0, false
}
