package journal

import (
	"strconv"
	"strings"
	"time"
)

// ResolveDue resolves a due phrase against base, the meeting's date, as the
// note format's "by <phrase>" does (SPEC 2.1). Matching ignores case, extra
// spaces, commas and a leading "the". It understands:
//
//   - an ISO date: "2026-12-04";
//   - "today", "eod" (base) and "tomorrow" (base+1);
//   - a weekday, "friday" or "fri" (also "this friday"): the next such day
//     strictly after base, so "friday" said on a Friday is a week later;
//   - "next friday": that weekday in the week after base's week (weeks start
//     on Monday), so it is never the coming Friday of base's own week;
//   - "next week": base+7, a week from the meeting;
//   - "end of week", "end of the week", "eow", "this week": the Friday of
//     base's week (base itself on a Friday), or the next Friday when base is
//     a Saturday or Sunday; "end of next week" is a week after that;
//   - "end of month", "eom", "this month": the last day of base's month;
//     "end of next month" and "next month" (its last day, too);
//   - "end of year", "eoy", "this year": December 31 of base's year;
//   - a month and a day: "dec 3", "december 3rd", "3 dec", optionally with a
//     year ("dec 3 2027"); without a year, a day already past relative to
//     base means next year's;
//   - "in N days", "in N weeks", "in N months", with N a number or "a",
//     "an", "one" … "ten";
//   - a numeric month and day as US notes write them: "12/4", "12/15/2026",
//     "1/8/27" (month first; "25/12" is read day first, as only it can be),
//     without a year the next such day, as "dec 3";
//   - a weekday with a date, "friday 12/11" or "fri dec 11": the date, which
//     is the more exact of the two;
//   - "eod", "cob", "end of day", "close of business" before another phrase
//     ("eod friday", "cob tomorrow"): that phrase's day;
//   - a day of the month alone, as an ordinal: "15th", "the 3rd": the
//     next such day on or after base;
//   - "end of january", "end of jan 2028": that month's last day, the
//     next one to end on or after base when no year is given;
//   - a quarter: "q1", "end of q1", "q1 2027", "eoq", "end of quarter",
//     "this quarter", "next quarter": the quarter's last day; a quarter
//     named without a year is the next one to end on or after base.
//
// ok is false when the phrase is not one of these or names no real day.
func ResolveDue(phrase string, base Date) (Date, bool) {
	words := dueWords(phrase)
	if len(words) == 0 || base <= 0 {
		return 0, false
	}
	d, ok := resolveWords(words, base)
	if !ok || d <= 0 {
		return 0, false
	}
	return d, true
}

// dueWords lowercases a phrase and splits it into words, dropping commas
// and a leading "the".
func dueWords(phrase string) []string {
	phrase = lower(strings.ReplaceAll(phrase, ",", " "))
	words := strings.Fields(phrase)
	if len(words) > 0 && words[0] == "the" {
		words = words[1:]
	}
	// "end of the month": the article carries no meaning anywhere.
	out := words[:0]
	for i, w := range words {
		if w == "the" && i > 0 {
			continue
		}
		out = append(out, w)
	}
	return out
}

func resolveWords(w []string, base Date) (Date, bool) {
	// "3pm friday", "friday 5:00 pm", "noon tomorrow": the day is the date.
	if k := len(w); k > 1 && timeWord(w[k-1]) {
		if d, ok := resolveWords(w[:k-1], base); ok {
			return d, true
		}
	}
	if len(w) > 1 && timeWord(w[0]) {
		if d, ok := resolveWords(w[1:], base); ok {
			return d, true
		}
	}
	// "3rd of december": the "of" says nothing.
	if _, isDay := dayOfMonth(w[0]); isDay && len(w) >= 3 && w[1] == "of" {
		if _, ok := monthNames[strings.TrimSuffix(w[2], ".")]; ok {
			return resolveWords(append([]string{w[0]}, w[2:]...), base)
		}
	}
	// "eod friday", "cob tomorrow": the end of that day.
	for _, p := range [][]string{{"eod"}, {"cob"}, {"eob"}, {"end", "of", "day"}, {"close", "of", "business"}, {"end", "of", "business"}} {
		if len(w) > len(p) && hasPhraseAt(w, 0, p) {
			return resolveWords(w[len(p):], base)
		}
	}
	// "friday 12/11", "fri, dec 11": the date says more than the weekday.
	if len(w) >= 2 {
		if _, ok := weekdayNamed(strings.TrimSuffix(w[0], ".")); ok {
			if d, ok := resolveWords(w[1:], base); ok && (len(w) > 2 || strings.Contains(w[1], "/") || strings.Contains(w[1], "-")) {
				return d, true
			}
		}
	}
	if d, ok := quarterEnd(w, base); ok {
		return d, true
	}
	if d, ok := endOfNamedMonth(w, base); ok {
		return d, true
	}
	phrase := strings.Join(w, " ")
	switch phrase {
	case "today", "eod", "end of day", "end of today", "cob", "eob", "close of business", "end of business":
		return base, true
	case "tomorrow", "end of tomorrow":
		return base + 1, true
	case "next week":
		return base + 7, true
	case "end of week", "eow", "this week", "end of this week":
		return endOfWeek(base), true
	case "end of next week":
		return endOfWeek(base) + 7, true
	case "end of month", "eom", "this month", "end of this month":
		return endOfMonth(base, 0), true
	case "next month", "end of next month":
		return endOfMonth(base, 1), true
	case "end of year", "eoy", "this year", "end of this year":
		return NewDate(base.Time().Year(), time.December, 31), true
	}
	switch len(w) {
	case 1:
		if wd, ok := weekdayNamed(w[0]); ok {
			return nextWeekday(base, wd), true
		}
		if d, err := ParseDate(w[0]); err == nil {
			return d, true
		}
		if d, ok := numericDate(w[0], base); ok {
			return d, true
		}
		if d, ok := dayOnly(w[0], base); ok {
			return d, true
		}
	case 2:
		if w[0] == "this" {
			if wd, ok := weekdayNamed(w[1]); ok {
				return nextWeekday(base, wd), true
			}
		}
		if w[0] == "next" {
			if wd, ok := weekdayNamed(w[1]); ok {
				monday := base - Date(daysSinceMonday(base))
				return monday + 7 + Date((int(wd)+6)%7), true
			}
		}
	case 3:
		if w[0] == "in" {
			return inSpan(w[1], w[2], base)
		}
	}
	if len(w) == 2 && w[0] == "in" {
		if d, ok := quarterEnd(w[1:], base); ok && len(w[1]) == 2 {
			return d, true // "in q1"
		}
	}
	switch len(w) {
	}
	return monthDay(w, base)
}

// endOfWeek returns the Friday of base's week, or the next Friday when base
// falls on the weekend.
func endOfWeek(base Date) Date {
	return base + Date((int(time.Friday)-int(base.Weekday())+7)%7)
}

// endOfMonth returns the last day of the month months after base's.
func endOfMonth(base Date, months int) Date {
	y, m, _ := base.Time().Date()
	return NewDate(y, m+time.Month(months)+1, 0)
}

// daysSinceMonday counts Monday as 0 and Sunday as 6.
func daysSinceMonday(d Date) int { return (int(d.Weekday()) + 6) % 7 }

// nextWeekday returns the first day strictly after base that falls on wd.
func nextWeekday(base Date, wd time.Weekday) Date {
	n := (int(wd) - int(base.Weekday()) + 7) % 7
	if n == 0 {
		n = 7
	}
	return base + Date(n)
}

var weekdayNames = map[string]time.Weekday{
	"monday": time.Monday, "mon": time.Monday,
	"tuesday": time.Tuesday, "tue": time.Tuesday, "tues": time.Tuesday,
	"wednesday": time.Wednesday, "wed": time.Wednesday,
	"thursday": time.Thursday, "thu": time.Thursday, "thur": time.Thursday, "thurs": time.Thursday,
	"friday": time.Friday, "fri": time.Friday,
	"saturday": time.Saturday, "sat": time.Saturday,
	"sunday": time.Sunday, "sun": time.Sunday,
}

func weekdayNamed(s string) (time.Weekday, bool) {
	wd, ok := weekdayNames[s]
	return wd, ok
}

var monthNames = map[string]time.Month{
	"jan": time.January, "january": time.January,
	"feb": time.February, "february": time.February,
	"mar": time.March, "march": time.March,
	"apr": time.April, "april": time.April,
	"may": time.May,
	"jun": time.June, "june": time.June,
	"jul": time.July, "july": time.July,
	"aug": time.August, "august": time.August,
	"sep": time.September, "sept": time.September, "september": time.September,
	"oct": time.October, "october": time.October,
	"nov": time.November, "november": time.November,
	"dec": time.December, "december": time.December,
}

var smallNumbers = map[string]int{
	"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
	"six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}

// inSpan resolves "in <n> <unit>".
func inSpan(count, unit string, base Date) (Date, bool) {
	n, ok := smallNumbers[count]
	if !ok {
		v, err := strconv.Atoi(count)
		if err != nil || v < 0 || v > 3660 || count[0] == '+' {
			return 0, false
		}
		n = v
	}
	switch unit {
	case "day", "days":
		return base + Date(n), true
	case "week", "weeks":
		return base + Date(7*n), true
	case "month", "months":
		if n > 120 {
			return 0, false
		}
		y, m, d := base.Time().Date()
		t := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
		// Clamp to the month's last day: a month after Jan 31 is Feb 28/29.
		last := time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
		return NewDate(t.Year(), t.Month(), min(d, last)), true
	}
	return 0, false
}

// monthDay resolves "dec 3", "december 3rd", "3 dec" and the same with a
// trailing year.
func monthDay(w []string, base Date) (Date, bool) {
	if len(w) != 2 && len(w) != 3 {
		return 0, false
	}
	var (
		month time.Month
		day   int
		ok    bool
	)
	if month, ok = monthNames[strings.TrimSuffix(w[0], ".")]; ok {
		day, ok = dayOfMonth(w[1])
	} else if month, ok = monthNames[strings.TrimSuffix(w[1], ".")]; ok {
		day, ok = dayOfMonth(w[0])
	}
	if !ok {
		return 0, false
	}
	year := base.Time().Year()
	explicitYear := len(w) == 3
	if explicitYear {
		y, err := strconv.Atoi(w[2])
		if err != nil || len(w[2]) != 4 {
			return 0, false
		}
		year = y
	}
	d := NewDate(year, month, day)
	if !realDay(d, month, day) {
		// Feb 29 in a year without one: try the next year when the year was
		// not given ("by feb 29" in 2027 means 2028).
		if explicitYear {
			return 0, false
		}
	}
	if !explicitYear {
		for d < base || !realDay(d, month, day) {
			year++
			d = NewDate(year, month, day)
			if year > base.Time().Year()+8 {
				return 0, false
			}
		}
	}
	return d, true
}

// realDay reports whether d really is that month and day, not one that
// time.Date normalised (February 30 is March 2).
func realDay(d Date, month time.Month, day int) bool {
	_, m, dd := d.Time().Date()
	return m == month && dd == day
}

// dayOfMonth parses "3", "03", "3rd", "21st".
func dayOfMonth(s string) (int, bool) {
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if strings.HasSuffix(s, suf) {
			s = s[:len(s)-len(suf)]
			break
		}
	}
	if len(s) == 0 || len(s) > 2 || s[0] < '0' || s[0] > '9' {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 31 {
		return 0, false
	}
	return n, true
}

// timeWord reports whether w is a time of day: "3pm", "17:00", "noon",
// "morning", a time zone.
func timeWord(w string) bool {
	switch w {
	case "noon", "midday", "morning", "afternoon", "evening", "night", "am", "pm", "a.m.", "p.m.", "pt", "et", "ct", "cet", "utc", "gmt", "pst", "est":
		return true
	}
	t := strings.TrimSuffix(strings.TrimSuffix(w, "am"), "pm")
	if t == w && !strings.Contains(w, ":") {
		return false
	}
	h, m, _ := strings.Cut(t, ":")
	if len(h) == 0 || len(h) > 2 || !isDigits(h) || m != "" && (len(m) != 2 || !isDigits(m)) {
		return false
	}
	return true
}

// numericDate resolves "12/4", "12/15/2026" and "1/8/27": month first, as
// US notes write them, unless only day first makes a date ("25/12"). Without
// a year it is the next such day on or after base, as "dec 3" is.
func numericDate(s string, base Date) (Date, bool) {
	parts := strings.Split(s, "/")
	if len(parts) != 2 && len(parts) != 3 {
		return 0, false
	}
	if len(parts) == 3 && len(parts[0]) == 4 {
		// "2026/12/03": year first, as ISO.
		d, err := ParseDate(strings.Join(parts, "-"))
		return d, err == nil
	}
	var n [3]int
	for i, p := range parts {
		if p == "" || len(p) > 4 || i < 2 && len(p) > 2 {
			return 0, false
		}
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 || p[0] == '+' || p[0] == '-' {
			return 0, false
		}
		n[i] = v
	}
	m, d := n[0], n[1]
	if m > 12 && d <= 12 {
		m, d = d, m
	}
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return 0, false
	}
	words := []string{strconv.Itoa(d), time.Month(m).String()[:3]}
	if len(parts) == 3 {
		y := n[2]
		switch len(parts[2]) {
		case 2:
			y += 2000
		case 4:
		default:
			return 0, false
		}
		words = append(words, strconv.Itoa(y))
	}
	for i := range words {
		words[i] = lower(words[i])
	}
	return monthDay(words, base)
}

// quarterEnd resolves "q1", "end of q1", "q1 2027", "eoq", "end of quarter",
// "end of the quarter", "this quarter" and "next quarter" to the last day
// of that quarter.
func quarterEnd(w []string, base Date) (Date, bool) {
	if len(w) >= 2 && w[0] == "end" && w[1] == "of" {
		w = w[2:]
	}
	if len(w) == 0 {
		return 0, false
	}
	y, m, _ := base.Time().Date()
	cur := (int(m)-1)/3 + 1
	end := func(year, q int) Date { return NewDate(year, time.Month(3*q+1), 0) }
	switch strings.Join(w, " ") {
	case "eoq", "quarter", "this quarter", "end of quarter":
		return end(y, cur), true
	case "next quarter", "end of next quarter":
		if cur == 4 {
			return end(y+1, 1), true
		}
		return end(y, cur+1), true
	}
	if len(w[0]) != 2 || w[0][0] != 'q' || w[0][1] < '1' || w[0][1] > '4' || len(w) > 2 {
		return 0, false
	}
	q := int(w[0][1] - '0')
	if len(w) == 2 {
		yy, err := strconv.Atoi(w[1])
		if err != nil || len(w[1]) != 4 {
			return 0, false
		}
		return end(yy, q), true
	}
	if d := end(y, q); d >= base {
		return d, true
	}
	return end(y+1, q), true
}

// dayOnly resolves "15th", "3rd": the next day of that number on or after
// base. A bare number is no day ("by 15" is a count).
func dayOnly(s string, base Date) (Date, bool) {
	if len(s) < 3 || !strings.HasSuffix(s, "st") && !strings.HasSuffix(s, "nd") && !strings.HasSuffix(s, "rd") && !strings.HasSuffix(s, "th") {
		return 0, false
	}
	day, ok := dayOfMonth(s)
	if !ok {
		return 0, false
	}
	y, m, _ := base.Time().Date()
	for i := 0; i < 3; i++ {
		if d := NewDate(y, m+time.Month(i), day); realDay(d, (m+time.Month(i)-1)%12+1, day) && d >= base {
			return d, true
		}
	}
	return 0, false
}

// endOfNamedMonth resolves "end of january" and "end of jan 2028".
func endOfNamedMonth(w []string, base Date) (Date, bool) {
	if len(w) < 3 || len(w) > 4 || w[0] != "end" || w[1] != "of" {
		return 0, false
	}
	m, ok := monthNames[strings.TrimSuffix(w[2], ".")]
	if !ok {
		return 0, false
	}
	y := base.Time().Year()
	if len(w) == 4 {
		v, err := strconv.Atoi(w[3])
		if err != nil || len(w[3]) != 4 {
			return 0, false
		}
		return NewDate(v, m+1, 0), true
	}
	if d := NewDate(y, m+1, 0); d >= base {
		return d, true
	}
	return NewDate(y+1, m+1, 0), true
}
