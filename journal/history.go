package journal

// Why this file is long: Due-date history and graded outcomes (SPEC 2.1, 3): one model of an
// item's dates over time, read from notes and written back to them.

import (
	"fmt"
	"strings"
)

// DueSet is one due date an item has had and the day it was set: the
// meeting's date for a date written in a note, the day of the move for a
// re-date (SPEC 2.1).
type DueSet struct {
	Due Date // zero when the date was taken away
	Set Date
}

// DueMove is one change of an item's due date.
type DueMove struct {
	From, To Date // the old and the new due date
	On       Date // the day of the move
}

// Renegotiation reports whether the move was made on or before the old due
// date: information, not a miss (SPEC 2.1).
func (m DueMove) Renegotiation() bool { return !m.From.IsZero() && !m.To.IsZero() && m.On <= m.From }

// Slip reports whether the move was made after the old due date had passed:
// a miss acknowledged late.
func (m DueMove) Slip() bool { return !m.From.IsZero() && !m.To.IsZero() && m.On > m.From }

// Moves returns the changes of the item's due date, oldest first. Giving an
// undated item its first date is no move.
func (it Item) Moves() []DueMove {
	var out []DueMove
	for i := 1; i < len(it.History); i++ {
		out = append(out, DueMove{From: it.History[i-1].Due, To: it.History[i].Due, On: it.History[i].Set})
	}
	return out
}

// EffectiveDue returns the due date a commitment is judged against (SPEC 3):
// the earliest due date that passed while it was open — one it slipped
// from, or the current one when it was done after it — or the current one
// if none did. Renegotiating early moves the bar; slipping does not.
func (it Item) EffectiveDue() Date {
	var eff Date
	for _, mv := range it.Moves() {
		if mv.Slip() && (eff.IsZero() || mv.From < eff) {
			eff = mv.From
		}
	}
	if eff.IsZero() {
		return it.Due
	}
	if !it.Due.IsZero() && it.Due < eff && it.State == StateDone && it.Done > it.Due {
		return it.Due
	}
	return eff
}

// Outcome is how a commitment stands in the graded ledger (SPEC 3).
type Outcome uint8

// The outcomes, in the order the ledger tries them: each commitment has
// exactly one.
const (
	OutcomeDropped  Outcome = iota + 1 // released openly
	OutcomeKept                        // done on or before its effective due date, or done and undated
	OutcomeKeptLate                    // done after its effective due date
	OutcomeOverdue                     // open, past its current due date
	OutcomeSlipped                     // open, not past its current date, but moved after a date had passed
	OutcomeOpen                        // open otherwise
)

var outcomeNames = [...]string{OutcomeDropped: "dropped", OutcomeKept: "kept", OutcomeKeptLate: "kept late",
	OutcomeOverdue: "overdue", OutcomeSlipped: "slipped", OutcomeOpen: "open"}

// String returns the outcome's name as the spec writes it ("kept late").
func (o Outcome) String() string {
	if int(o) < len(outcomeNames) && outcomeNames[o] != "" {
		return outcomeNames[o]
	}
	return ""
}

// Key returns the outcome's name as JSON and command lines write it
// ("kept_late").
func (o Outcome) Key() string { return strings.ReplaceAll(o.String(), " ", "_") }

// ParseOutcome reads an outcome's name or key; "late" is kept late.
func ParseOutcome(s string) (Outcome, bool) {
	s = lower(strings.TrimSpace(s))
	if s == "late" {
		return OutcomeKeptLate, true
	}
	for o := OutcomeDropped; o <= OutcomeOpen; o++ {
		if s == o.String() || s == o.Key() || s == strings.ReplaceAll(o.String(), " ", "-") {
			return o, true
		}
	}
	return 0, false
}

// Outcome returns where a commitment stands as of today, the first of
// SPEC 3's rules that applies: dropped; kept; kept late; overdue; slipped;
// open.
func (it Item) Outcome(today Date) Outcome {
	switch {
	case it.State == StateDropped:
		return OutcomeDropped
	case it.State == StateDone:
		if it.DaysLate() > 0 {
			return OutcomeKeptLate
		}
		return OutcomeKept
	case !it.Due.IsZero() && it.Due < today:
		return OutcomeOverdue
	}
	for _, mv := range it.Moves() {
		if mv.Slip() {
			return OutcomeSlipped
		}
	}
	return OutcomeOpen
}

// Renegotiated reports whether the item's due date was ever moved on or
// before the day it was due.
func (it Item) Renegotiated() bool {
	for _, mv := range it.Moves() {
		if mv.Renegotiation() {
			return true
		}
	}
	return false
}

// struckDueRe matches a struck due date and the day it was moved, as a
// re-date writes it into the note: "~~due:2026-12-11~~ (moved 2026-12-16)".
// The struck part may also be a 📅 date, a bare ISO date or a "by" phrase.
var struckDueRe = lazyRegexp(`~~[ \t]*((?i:due:|📅|by)?[ \t]*([^~]*?))[ \t]*~~[ \t]*\((?i:moved)[ \t]+(\d{4}-\d{2}-\d{2})\)`)

// struckDue is one struck due date in an item's text.
type struckDue struct {
	due, moved Date
}

// struckDues returns the struck due dates of an item's text in the order
// written, with the text where each struck part is blanked out (same
// length, so positions in it stay those of text): the due date in force is
// what is left. A phrase is resolved against base, the meeting's date.
func struckDues(text string, base Date) (out []struckDue, rest string) {
	if !strings.Contains(text, "~~") {
		return nil, text
	}
	ms := struckDueRe().FindAllStringSubmatchIndex(text, -1)
	if len(ms) == 0 {
		return nil, text
	}
	b := []byte(text)
	for _, m := range ms {
		moved, err := ParseDate(text[m[6]:m[7]])
		if err != nil {
			continue
		}
		inner := strings.TrimSpace(text[m[4]:m[5]])
		due, err := ParseDate(inner)
		if err != nil {
			var ok bool
			if due, ok = ResolveDue(inner, base); !ok {
				continue
			}
		}
		out = append(out, struckDue{due: due, moved: moved})
		blank(b, m[0], m[1])
	}
	return out, string(b)
}

// withoutStruckDues returns text with its struck due dates blanked out, so
// that the extractor reads the due date in force. Positions are kept.
func withoutStruckDues(text string) string {
	_, rest := struckDues(text, 0)
	return rest
}

// occurrence is one note's view of an item, as kept in bucketOccurrences:
// enough to derive the item's history and staleness without reading the
// note again.
type occurrence struct {
	date   Date // the meeting's date
	state  State
	due    Date   // the due date the note gives, resolved in that note
	text   uint64 // hash of the item's text
	phrase string // the "by" phrase that set due, if any
	struck []struckDue
}

// occurrenceOf returns what a note holding it says of an item.
func occurrenceOf(it Item) occurrence { return occurrenceMemo(it, nil) }

// occurrenceMemo is occurrenceOf with what dueOf said of the item's text
// when the note was read (nil: nothing).
func occurrenceMemo(it Item, memo *dueMemo) occurrence {
	st, _ := struckDues(it.Text, it.Date)
	r, token := memo.dueSpan(it.Text, it.Date)
	return occurrence{date: it.Date, state: it.State, due: it.Due, text: textHash(it.Text), phrase: duePhrase(it.Text, r, token, it.Due), struck: st}
}

func textHash(s string) uint64 {
	// FNV-1a, inline: it runs for every item of every saved note.
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// mergeOccurrences returns the item as its occurrences make it, oldest
// first: latest is the item as the latest note holds it. It sets the
// first-seen date, the carried count, the due-date history, the count of
// unchanged notes, and the due date itself, since a phrase repeated in a
// later note keeps the date it had where it first appeared.
func mergeOccurrences(latest Item, occs []occurrence) Item {
	it := latest
	it.FirstSeen, it.Carried = occs[0].date, len(occs)
	firstPhrase := map[string]Date{}
	var hist []DueSet
	type sameKey struct {
		state State
		due   Date
		text  uint64
	}
	var prev sameKey
	run := 0
	for i, o := range occs {
		due := o.due
		if o.phrase != "" {
			if d, ok := firstPhrase[o.phrase]; ok {
				due = d
			} else {
				firstPhrase[o.phrase] = due
			}
		}
		hist = mergeHistory(hist, o, due)
		k := sameKey{o.state, due, o.text}
		if i > 0 && k == prev {
			run++
		} else {
			run = 1
		}
		prev = k
		if i == len(occs)-1 {
			it.Due = due
		}
	}
	it.History, it.Unchanged = hist, run
	if len(hist) == 0 {
		it.History = nil
	}
	return it
}

// mergeHistory adds what one note says of an item's due dates to the
// history so far: the struck dates it carries (each replaced on the day
// written beside it), then the date in force, set on the meeting's date
// unless a struck date says when it was moved to.
func mergeHistory(hist []DueSet, o occurrence, due Date) []DueSet {
	add := func(d, set Date) {
		if len(hist) == 0 {
			if !d.IsZero() {
				hist = append(hist, DueSet{Due: d, Set: set})
			}
			return
		}
		if hist[len(hist)-1].Due != d {
			hist = append(hist, DueSet{Due: d, Set: set})
		}
	}
	set := o.date
	for i, s := range o.struck {
		if i == 0 && len(hist) > 0 && seen(hist, s.due) {
			// A carried note repeats the struck dates an earlier one had.
			set = s.moved
			continue
		}
		if i > 0 && seenMove(hist, s.due, set) {
			set = s.moved
			continue
		}
		add(s.due, set)
		set = s.moved
	}
	if len(o.struck) > 0 && seenMove(hist, due, set) {
		return hist
	}
	add(due, set)
	return hist
}

func seen(hist []DueSet, d Date) bool {
	for _, h := range hist {
		if h.Due == d {
			return true
		}
	}
	return false
}

func seenMove(hist []DueSet, d, set Date) bool {
	for _, h := range hist {
		if h.Due == d && h.Set == set {
			return true
		}
	}
	return false
}

// duePhrase returns the "by" phrase at r that set due, lower-cased with its
// blanks folded; empty when a token set it or there is none.
func duePhrase(text string, r textRange, token bool, due Date) string {
	if token || due.IsZero() || r.end <= r.start || r.end > len(text) {
		return ""
	}
	return lower(strings.Join(strings.Fields(text[r.start:r.end]), " "))
}

// redateKeepingHistory sets the item's due date to due, keeping the date in
// force struck through with the day of the move, today (SPEC 2.1): "send
// it due:2026-12-11" becomes "send it ~~due:2026-12-11~~ (moved
// 2026-12-16) due:2027-01-17", and "send it by friday" the same with the
// date friday stood for. An undated item gets " due:<date>"; the same date
// again changes nothing.
func (it *located) redateKeepingHistory(due, today Date) []edit {
	if it.Due.IsZero() || today <= 0 || it.row != nil {
		// Undated, no day of the move, or a table's due cell: the date is
		// written as it is.
		return it.redate(due)
	}
	if it.Due == due {
		return nil
	}
	// Only the journal's own forms take a struck history: due:D, 📅 D and
	// "by <phrase>". Other tools' forms (Dataview, Logseq DEADLINE, a
	// "Due:" label) get the new date in place, in their own syntax.
	text := withoutStruckDues(it.Text)
	r, mark := it.due, "due:"
	if it.dueToken {
		toks := dateTokens(dueTokenRe(), text)
		if len(toks) == 0 || toks[0].date != it.due {
			return it.redate(due)
		}
		r = toks[0].tok
		switch tok := text[r.start:r.end]; {
		case strings.HasPrefix(tok, "📅"):
			mark = "📅 "
		case len(tok) > 4 && strings.EqualFold(tok[:4], "due:") && tok[4] != ':' && (r.start == 0 || text[r.start-1] == ' ' || text[r.start-1] == '\t'):
		default:
			return it.redate(due)
		}
	} else {
		// Take the "by" before the phrase with it.
		before := strings.TrimRight(text[:r.start], " \t")
		n := len(before)
		if n < 2 || !strings.EqualFold(before[n-2:], "by") || (n > 2 && before[n-3] != ' ' && before[n-3] != '\t' && before[n-3] != '(') {
			return it.redate(due)
		}
		r.start = n - 2
	}
	src := it.srcRanges(r)
	if len(src) != 1 || !it.sameLine(r.start, r.end) {
		return it.redate(due)
	}
	repl := "~~" + mark + it.Due.String() + "~~ (moved " + today.String() + ") " + mark + due.String()
	return []edit{{at: src[0].start, end: src[0].end, text: repl}}
}

// Story tells a commitment's history and outcome in a few words, as of
// today: "re-dated twice, kept 3 days late", "renegotiated once, kept",
// "slipped from 2026-12-10, open".
func (it Item) Story(today Date) string {
	var parts []string
	moves := it.Moves()
	slips := 0
	for _, mv := range moves {
		if mv.Slip() {
			slips++
		}
	}
	if n := len(moves); n > 0 {
		what := "re-dated"
		switch slips {
		case 0:
			what = "renegotiated"
		case n:
			what = "slipped"
		}
		parts = append(parts, what+" "+times(n))
	}
	o := it.Outcome(today)
	switch o {
	case OutcomeKeptLate:
		parts = append(parts, fmt.Sprintf("kept %d %s late", it.DaysLate(), plural(it.DaysLate(), "day")))
	case OutcomeOverdue:
		parts = append(parts, fmt.Sprintf("overdue %d %s", it.DaysOverdue(today), plural(it.DaysOverdue(today), "day")))
	case OutcomeSlipped:
		parts = append(parts, "open, judged against "+it.EffectiveDue().String())
	default:
		parts = append(parts, o.String())
	}
	return strings.Join(parts, ", ")
}

func times(n int) string {
	switch n {
	case 1:
		return "once"
	case 2:
		return "twice"
	}
	return fmt.Sprintf("%d times", n)
}
