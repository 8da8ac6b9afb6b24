package journal

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Dates in an item's text (SPEC 2.1 and 2.4). Only these forms count:
// Obsidian Tasks' other fields (⏳ scheduled, 🛫 start, ➕ created, 🔁
// recurrence) and Logseq's SCHEDULED: are never due or done dates.

var (
	// dueTokenRe matches an ISO due date: due:D, due:: D (Dataview), Due: D,
	// **Due:** D, due D, Deadline: D, DEADLINE: <D Fri> (Logseq), 📅 📆 🗓 D.
	// "due" without a colon needs a blank before the date: "due2000-01-01"
	// is one word, as the fast path in dateTokens reads it.
	dueTokenRe = lazyRegexp(`(?i)((?:due(?:::?(?:\*\*|__)?[ \t]*|(?:\*\*|__)?[ \t]+)|deadline:(?:\*\*|__)?[ \t]*)(?:on[ \t]+)?<?|📅[ \t]*|📆[ \t]*|🗓\x{FE0F}?[ \t]*)(\d{4}-\d{2}-\d{2})\b`)
	// dueLabelRe matches "Due:" or "Deadline:" before a phrase.
	dueLabelRe = lazyRegexp(`(?i)(?:due|deadline)(?:\*\*|__)?:(?:\*\*|__)?[ \t]*`)
	// doneTokenRe matches an ISO done date: done:D, ✅ D, (completed D),
	// (done D), [completion:: D], completed on D.
	doneTokenRe = lazyRegexp(`(?i)(done:[ \t]?|✅[ \t]*|\(completed:?[ \t]+|\(done[ \t]+|\[completion::[ \t]*|\(completion::[ \t]*|completed on[ \t]+|completed:[ \t]*)(\d{4}-\d{2}-\d{2})\b`)
	// droppedTokenRe matches ❌ D, Obsidian Tasks' cancelled date.
	droppedTokenRe = lazyRegexp(`(❌[ \t]*)(\d{4}-\d{2}-\d{2})\b`)
)

// dateToken is a due or done token in an item's text: tok covers it all,
// date only its date.
type dateToken struct {
	tok, date textRange
	value     Date
}

// hasISODate reports whether text holds digits in the shape of an ISO
// date (dddd-dd-dd), which every date token ends in.
func hasISODate(text string) bool { return nextISODate(text, 0) >= 0 }

// nextISODate returns where the first dddd-dd-dd at or after from starts,
// or -1.
func nextISODate(text string, from int) int {
	isDigit := func(i int) bool { return text[i] >= '0' && text[i] <= '9' }
	for i := max(from+4, 4); i+5 < len(text); i++ {
		if text[i] != '-' {
			continue
		}
		i0 := i - 4
		if isDigit(i0) && isDigit(i0+1) && isDigit(i0+2) && isDigit(i0+3) &&
			isDigit(i+1) && isDigit(i+2) && text[i+3] == '-' && isDigit(i+4) && isDigit(i+5) {
			return i0
		}
	}
	return -1
}

// tokenPrefix holds every byte that can stand in a date token before its
// date: the letters of due, deadline, on, done, completed, completion,
// the punctuation and blanks of the forms, and any byte of a multi-byte
// character (the emoji, U+FE0F).
var tokenPrefix = func() (t [256]bool) {
	for _, c := range []byte("dueadlinocmptDUEADLINOCMPT:*_ \t<([") {
		t[c] = true
	}
	for c := 0x80; c < 0x100; c++ {
		t[c] = true
	}
	return t
}()

// dateTokens returns the tokens of re in text that hold a real date. A
// worded token ("due:") must start a word, so "overdue:" is none; a token
// opened by a bracket takes its closing bracket too.
func dateTokens(re *regexp.Regexp, text string) []dateToken {
	// Most items hold no token: every token ends in an ISO date, and
	// looking for one is a plain byte scan.
	if !hasISODate(text) {
		return nil
	}
	var out []dateToken
	for _, m := range tokenMatches(re, text) {
		if c := text[m[0]]; c < 0x80 && unicode.IsLetter(rune(c)) && m[0] > 0 {
			r, _ := utf8.DecodeLastRuneInString(text[:m[0]])
			if r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) {
				continue
			}
		}
		d, err := ParseDate(text[m[4]:m[5]])
		if err != nil {
			continue
		}
		tok := textRange{m[0], m[1]}
		if c := text[m[0]]; c == '(' || c == '[' {
			close := byte(')')
			if c == '[' {
				close = ']'
			}
			if tok.end < len(text) && text[tok.end] == close {
				tok.end++
			}
		}
		out = append(out, dateToken{tok: tok, date: textRange{m[4], m[5]}, value: d})
	}
	return out
}

// maxPhraseWords is how many words after "by" a due phrase may take ("by
// the end of the month").
const maxPhraseWords = 5

// dueOf finds an item's due date: the first ISO date in a due form, else
// the first "Due:"/"Deadline:" phrase, else the first "by <phrase>" that
// ResolveDue understands, trying the longest phrase first. r is where the
// date or phrase sits in text; token is set for an ISO date.
func dueOf(text string, base Date) (due Date, r textRange, token bool) {
	return dueIn(text, base, true)
}

// dueMemo is what dueOf said of an item's text against base: the
// occurrence of the item (occurrenceOf) needs it again, and reading the
// text a second time was a fifth of a check's CPU.
type dueMemo struct {
	text  string
	base  Date
	r     textRange
	token bool
}

// readDue sets the item's due date from its text, as dueOf reads it
// against base, and keeps what dueOf said.
func (it *located) readDue(base Date) {
	it.Due, it.due, it.dueToken = dueOf(it.Text, base)
	it.memo = &dueMemo{text: it.Text, base: base, r: it.due, token: it.dueToken}
}

// dueSpan returns dueOf's range and token for text against base, from m
// when it was said of the same text and base (dueOf depends on nothing
// else), else by reading text.
func (m *dueMemo) dueSpan(text string, base Date) (textRange, bool) {
	if m != nil && m.text == text && m.base == base {
		return m.r, m.token
	}
	_, r, token := dueOf(text, base)
	return r, token
}

// explicitDue is the due date an item says with a due form or a
// preposition ("by", "before", "Due:"), not a phrase standing alone: only
// such a date makes a topic a promise.
func explicitDue(text string, base Date) Date {
	d, _, _ := dueIn(text, base, false)
	return d
}

func dueIn(text string, base Date, bare bool) (due Date, r textRange, token bool) {
	text = withoutStruckDues(text) // history.go: a struck date is history, not the due date
	if toks := dateTokens(dueTokenRe(), text); len(toks) > 0 {
		return toks[0].value, toks[0].date, true
	}
	if d, ok := leadDate(text); ok {
		return d, textRange{0, 10}, true
	}
	if base <= 0 {
		return 0, r, false
	}
	if strings.ContainsAny(text, ":") {
		for _, m := range tokenMatches(dueLabelRe(), text) {
			if m[0] > 0 {
				if r, _ := utf8.DecodeLastRuneInString(text[:m[0]]); unicode.IsLetter(r) || unicode.IsDigit(r) {
					continue
				}
			}
			if d, pr, ok := phraseAt(text, m[1], base); ok {
				return d, pr, false
			}
		}
	}
	words := wordSpans(text)
	for i, w := range words {
		if i+1 == len(words) {
			continue
		}
		lead := lower(strings.TrimLeft(text[w.start:w.end], "(*_[—–-"))
		switch lead {
		case "by", "until", "till", "til", "before", "due", "deadline", "on", "within":
		case "than":
			// "no later than friday", "not later than dec 3"
			if i == 0 || !strings.EqualFold(text[words[i-1].start:words[i-1].end], "later") {
				continue
			}
		default:
			continue
		}
		if lead == "within" && i+2 < len(words) {
			// "within 2 weeks", "within a week": a span from the meeting.
			end := words[i+2].start + len(strings.TrimRight(text[words[i+2].start:words[i+2].end], ".,;:!?)]*_"))
			if w := dueWords(text[words[i+1].start:end]); len(w) == 2 && spanUnit(w[1]) {
				if d, ok := inSpan(w[0], w[1], base); ok {
					return d, textRange{words[i+1].start, end}, false
				}
			}
			continue
		}
		if d, pr, ok := phraseAt(text, words[i+1].start, base); ok {
			p := dueWords(text[pr.start:pr.end])
			switch {
			case lead == "on" && (!onDay(p) || i > 0 && pastBefore(text[words[i-1].start:words[i-1].end]) ||
				i > 1 && objectWord(text[words[i-1].start:words[i-1].end]) && pastBefore(text[words[i-2].start:words[i-2].end])):
				// "on the roadmap" names no day; "completed on Dec 2" a past one.
				continue
			}
			if lead == "before" {
				d-- // "before Dec 9" is done by the 8th
			}
			return d, pr, false
		}
	}
	// A parenthesis or bracket that holds only a day: "(12/3)", "[Fri]".
	for i := 0; bare && i < len(text); i++ {
		c := text[i]
		if c != '(' && c != '[' {
			continue
		}
		if c == '[' && (strings.HasPrefix(text[i:], "[[") || i > 0 && text[i-1] == '[') {
			continue // "[[2026-12-09]]" links a day's page: no deadline
		}
		close := map[byte]byte{'(': ')', '[': ']'}[c]
		end := strings.IndexByte(text[i+1:], close)
		if end <= 0 || end > 24 {
			continue
		}
		inner := textRange{i + 1, i + 1 + end}
		w := dueWords(text[inner.start:inner.end])
		if len(w) == 1 && strings.Count(w[0], "/") == 1 {
			continue // "(2/3)" is as often a count done as a day
		}
		if len(w) > 0 && len(w) <= 3 && !strings.Contains(text[inner.start:inner.end], ":") {
			if d, ok := ResolveDue(text[inner.start:inner.end], base); ok {
				return d, inner, false
			}
		}
	}
	// A full date closing the item, as Confluence and Jira write a task's
	// date: "… 15 Dec 2026", "… Dec 15, 2026", "… 2026-12-15".
	if bare && len(words) >= 3 {
		for k := 3; k >= 2; k-- {
			if len(words)-k < 1 {
				continue
			}
			start := words[len(words)-k].start
			phrase := strings.TrimRight(text[start:], ".;")
			w := dueWords(phrase)
			if len(w) != k || len(w[k-1]) != 4 || !isDigits(w[k-1]) || !monthKnown(strings.TrimSuffix(w[0], ".")) && !monthKnown(strings.TrimSuffix(w[1], ".")) {
				continue
			}
			prev := words[len(words)-k-1]
			if p := lower(text[prev.start:prev.end]); strings.IndexFunc(p, func(r rune) bool { return !unicode.IsLetter(r) }) >= 0 || pastBefore(p) ||
				p == "overdue" || p == "since" || p == "from" || p == "created" || p == "started" || p == "scheduled" || p == "after" ||
				p == "on" || p == "by" || p == "until" || p == "before" || p == "due" || p == "than" || p == "till" {
				continue // "completed on Dec 2, 2026", "✅ 2 Dec 2026": not a deadline
			}
			if d, ok := ResolveDue(phrase, base); ok {
				return d, textRange{start, start + len(phrase)}, false
			}
		}
	}
	// A phrase that can only be a day, standing alone: "— EOW", "next
	// Tuesday", "tomorrow". A weekday or a date alone is not one: "the
	// Friday demo", "the 12/4 incident" name days that are not deadlines.
	for i, w := range words {
		if !bare {
			break
		}
		switch lower(strings.Trim(text[w.start:w.end], "(*_[—–-,.;")) {
		case "tomorrow", "eod", "eow", "eom", "cob", "next", "this", "end", "in",
			"monday", "tuesday", "wednesday", "thursday", "friday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri":
		default:
			continue
		}
		if i > 0 {
			if p := lower(text[words[i-1].start:words[i-1].end]); p == "the" || p == "not" || p == "after" || p == "since" || p == "from" {
				continue // "the next review", "not this week", "after next Tuesday"
			}
		}
		start := w.start + len(text[w.start:w.end]) - len(strings.TrimLeft(text[w.start:w.end], "(*_[—–-"))
		if d, pr, ok := phraseAt(text, start, base); ok && bareDay(text[pr.start:pr.end]) {
			return d, pr, false
		}
	}
	return 0, r, false
}

// phraseAt resolves the longest due phrase of up to maxPhraseWords words
// starting at offset start of text.
func phraseAt(text string, start int, base Date) (Date, textRange, bool) {
	words := wordSpans(text[start:])
	for j := min(maxPhraseWords, len(words)) - 1; j >= 0; j-- {
		end := start + len(strings.TrimRight(text[start:start+words[j].end], `.,;:!?)]*_"'—–-`))
		s := start + len(text[start:end]) - len(strings.TrimLeft(text[start:end], "*_"))
		if end <= s {
			continue
		}
		if d, ok := ResolveDue(text[s:end], base); ok {
			return d, textRange{s, end}, true
		}
	}
	return 0, textRange{}, false
}

// dueLead tells how a re-dated phrase is written over: after "by",
// "until", "on" or "Due:" the ISO date takes the phrase's place (keep);
// after "before" or "within", or standing alone ("next Tuesday"), the span
// from start on becomes "by <date>", which reads back as that very day.
func dueLead(text string, r textRange) (start int, keep bool) {
	if r.start > 0 && (text[r.start-1] == '(' || text[r.start-1] == '[') {
		return r.start, true // "(Dec 3)": the bracket holds the date alone
	}
	before := strings.TrimRight(text[:r.start], " \t")
	i := strings.LastIndexAny(before, " \t(")
	// The word as dueIn reads it: leading marks trimmed, trailing ones not
	// ("on* next wed" has no lead "on"), but for a label's "Due:**".
	w := lower(strings.TrimLeft(before[i+1:], "(*_[—–-"))
	if l := strings.TrimRight(w, "*_"); strings.HasSuffix(l, ":") {
		switch strings.TrimSuffix(strings.TrimRight(strings.TrimSuffix(l, ":"), "*_"), ":") {
		case "due", "deadline":
			return r.start, true
		}
	}
	switch w {
	case "by", "until", "till", "til", "on", "due", "deadline", "than":
		return r.start, true
	case "before", "within":
		return i + 1, false
	}
	return r.start, false
}

// bareDay reports whether a phrase standing alone names a deadline: a day
// or the end of a week, never a month, a quarter or a date ("next month"
// and "this quarter" say when work happens, not by when).
func bareDay(phrase string) bool {
	w := dueWords(phrase)
	// "EOD Thursday", "COB tomorrow": the end of a day that stands alone.
	for _, p := range [][]string{{"eod"}, {"cob"}, {"eob"}, {"end", "of", "day"}} {
		if len(w) > len(p) && hasPhraseAt(w, 0, p) {
			rest := w[len(p):]
			if _, ok := weekdayNamed(strings.TrimSuffix(rest[0], ".")); ok && len(rest) == 1 {
				return true
			}
			return bareDay(strings.Join(rest, " "))
		}
	}
	switch strings.Join(w, " ") {
	case "tomorrow", "eod", "eow", "eom", "cob", "next week", "this week", "end of week", "end of day",
		"end of month", "end of this week", "end of next week", "end of this month":
		return true
	}
	if len(w) == 2 && (w[0] == "next" || w[0] == "this") {
		_, ok := weekdayNamed(w[1])
		return ok
	}
	// "in 2 weeks", "in Q1"; a weekday with its date, "Friday 12/5".
	if len(w) == 3 && w[0] == "in" && spanUnit(w[2]) && w[2] != "month" && w[2] != "months" {
		return true
	}
	if len(w) == 2 && w[0] == "in" && len(w[1]) == 2 && w[1][0] == 'q' {
		return true
	}
	if len(w) >= 2 {
		if _, ok := weekdayNamed(strings.TrimSuffix(w[0], ".")); ok {
			return len(w) > 2 || strings.Contains(w[1], "/")
		}
	}
	return false
}

// pastBefore reports whether w, the word before "on", tells of the past
// or of a state: "completed on", "sent on", "was on".
func pastBefore(w string) bool {
	w = lower(strings.Trim(w, "*_,;:()"))
	switch w {
	case "done", "sent", "was", "were", "is", "are", "did", "met", "held", "began", "spent", "out", "off", "away", "leave", "vacation", "pto", "holiday":
		return true
	}
	return strings.HasSuffix(w, "ed")
}

// objectWord reports whether w is a pronoun object: "sent it on".
func objectWord(w string) bool {
	switch lower(w) {
	case "it", "them", "this", "that", "these", "those", "him", "her":
		return true
	}
	return false
}

// spanUnit reports whether w is a unit "in N <unit>" counts.
func spanUnit(w string) bool {
	switch w {
	case "day", "days", "week", "weeks", "month", "months":
		return true
	}
	return false
}

// onDay reports whether a phrase after "on" names a day: a weekday, a date.
func onDay(w []string) bool {
	if len(w) == 0 {
		return false
	}
	if _, ok := weekdayNamed(strings.TrimSuffix(w[0], ".")); ok {
		return true
	}
	if len(w) >= 2 && (w[0] == "next" || w[0] == "this") {
		_, ok := weekdayNamed(w[1])
		return ok
	}
	_, isQuarter := quarterEnd(w, NewDate(2000, 1, 1))
	return !isQuarter && strings.IndexFunc(w[0], func(r rune) bool { return r >= '0' && r <= '9' }) >= 0 || monthKnown(w[0])
}

// leadDate reads a leading date with a mention, "2026-04-07 (@lead): …",
// which dates the promise (SPEC 2.4).
func leadDate(text string) (Date, bool) {
	if len(text) < 13 || text[10] != ' ' {
		return 0, false
	}
	d, err := ParseDate(text[:10])
	if err != nil || !strings.HasPrefix(strings.TrimLeft(text[11:], " ("), "@") {
		return 0, false
	}
	return d, true
}

// wordSpans returns the spans of text between spaces and tabs.
func wordSpans(text string) []textRange {
	var out []textRange
	start := -1
	for i := 0; i <= len(text); i++ {
		if i == len(text) || text[i] == ' ' || text[i] == '\t' {
			if start >= 0 {
				out = append(out, textRange{start, i})
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	return out
}

// doneOf returns the first done date in text, or zero: an ISO done form,
// ❌ on a dropped item, or a status word with a month and day ("Done, sent
// April 2"), which is the latest such day on or before the meeting.
func doneOf(text string, state State, base Date) Date {
	if toks := dateTokens(doneTokenRe(), text); len(toks) > 0 {
		return toks[0].value
	}
	if state == StateDropped {
		if toks := dateTokens(droppedTokenRe(), text); len(toks) > 0 {
			return toks[0].value
		}
	}
	if base > 0 && state == StateDone {
		if d, ok := doneWordDate(text, base); ok {
			return d
		}
	}
	return 0
}

// pastMonthDay resolves "april 2" to the latest such day on or before base.
func pastMonthDay(phrase string, base Date) (Date, bool) {
	w := dueWords(phrase)
	if len(w) != 2 {
		return 0, false
	}
	month, ok := monthNames[strings.TrimSuffix(w[0], ".")]
	if !ok {
		return 0, false
	}
	day, ok := dayOfMonth(w[1])
	if !ok {
		return 0, false
	}
	for y := base.Time().Year(); y >= base.Time().Year()-1; y-- {
		if d := NewDate(y, month, day); realDay(d, month, day) && d <= base {
			return d, true
		}
	}
	return 0, false
}

// containsFold reports whether s holds sub, ignoring ASCII case.
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i]|0x20 == sub[0] && strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// doneWordDate reads a status word then a month and day: "Done, sent
// April 2", "completed on Apr 2nd", "finished: march 3".
func doneWordDate(text string, base Date) (Date, bool) {
	words := strings.FieldsFunc(lower(text), func(r rune) bool {
		return r == ' ' || r == '\t' || r == ',' || r == ':' || r == '(' || r == ')' || r == '—' || r == '-'
	})
	for i, w := range words {
		switch strings.Trim(w, "*_.") {
		case "done", "completed", "finished", "sent", "shipped":
		default:
			continue
		}
		j := i + 1
		for j < len(words) && (words[j] == "sent" || words[j] == "on") {
			j++
		}
		if j+1 < len(words) {
			if _, ok := monthNames[strings.TrimSuffix(words[j], ".")]; ok {
				if d, ok := pastMonthDay(words[j]+" "+strings.TrimRight(words[j+1], ".;!?*_"), base); ok {
					return d, true
				}
			}
		}
	}
	return 0, false
}

// lazyRegexp compiles expr on first use: a verb that never reads a note
// does not pay for compiling the journal's patterns at every start (issue
// 16). The result is safe for concurrent use.
// tokenStart holds every byte a date token or due label can start with:
// the first letters of due, deadline, done, completed and completion
// (which fold to nothing else), '(' and '[', and the first byte of the
// emoji 📅 📆 🗓 (F0) and ✅ ❌ (E2).
var tokenStart = [256]bool{'d': true, 'D': true, 'c': true, 'C': true, '(': true, '[': true, 0xF0: true, 0xE2: true}

// anchored holds each token expression anchored at the start of its
// input, by the expression.
var anchored sync.Map

// tokenMatches is re.FindAllStringSubmatchIndex(text, -1) for the token
// expressions above, several times faster: the expression is tried,
// anchored, only where a token can start (tokenStart), which is what the
// unanchored search does at every byte. Matching was a fifth of check's
// time on the decade.
func tokenMatches(re *regexp.Regexp, text string) [][]int {
	a, ok := anchored.Load(re)
	if !ok {
		a, _ = anchored.LoadOrStore(re, regexp.MustCompile(`^(?:`+re.String()+`)`))
	}
	ar := a.(*regexp.Regexp)
	// A token ends in an ISO date and holds only tokenPrefix bytes before
	// it: it can start only in the run of those bytes that leads to a
	// date. labelOnly expressions (dueLabelRe) end in no date.
	labelOnly := re == dueLabelRe()
	var out [][]int
	from := 0 // candidates before from are known not to lead to a date
	for i := 0; i < len(text); i++ {
		if !tokenStart[text[i]] {
			continue
		}
		if !labelOnly && i >= from {
			p := nextISODate(text, i)
			if p < 0 {
				break
			}
			j := p
			for j > i && tokenPrefix[text[j-1]] {
				j--
			}
			if j > i {
				i, from = j-1, p+1 // resume at the run's start
				continue
			}
			from = p + 1
		}
		m := ar.FindStringSubmatchIndex(text[i:])
		if m == nil || m[1] == 0 {
			continue
		}
		for k := range m {
			if m[k] >= 0 {
				m[k] += i
			}
		}
		out = append(out, m)
		i = m[1] - 1 // the search goes on after the match
	}
	return out
}

func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
