package journal

import (
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
)

// Headings and bold labels (SPEC 2.1 rule 2, 2.2, 2.4): what section they
// open and whose promises they name.

// sectionPhrases are matched on a heading's words; at each word the longer
// phrases come first, so "feedback to give" is not "feedback".
var sectionPhrases = []struct {
	words   []string
	section section
}{
	{[]string{"feedback", "to", "give"}, tellSection},
	{[]string{"praise", "to", "give"}, tellSection},
	{[]string{"to", "tell"}, tellSection},
	{[]string{"follow", "up"}, followUpSection},
	{[]string{"follow", "ups"}, followUpSection},
	{[]string{"followup"}, followUpSection},
	{[]string{"followups"}, followUpSection},
	{[]string{"next", "time"}, followUpSection},
	{[]string{"to", "discuss"}, followUpSection},
	{[]string{"parking", "lot"}, followUpSection},
	{[]string{"for", "next", "meeting"}, followUpSection},
	{[]string{"next", "meeting"}, followUpSection},
	{[]string{"carry", "forward"}, followUpSection},
	{[]string{"carried", "forward"}, followUpSection},
	{[]string{"topics", "to", "cover"}, followUpSection},
	{[]string{"topics", "for", "next"}, followUpSection},
	{[]string{"topics"}, agendaSection},
	{[]string{"topic"}, agendaSection},
	{[]string{"agenda"}, agendaSection},
	{[]string{"their", "time"}, agendaSection}, // Manager Tools: their time, my time
	{[]string{"my", "time"}, agendaSection},
	{[]string{"your", "time"}, agendaSection},
	{[]string{"talking", "points"}, agendaSection},
	{[]string{"decisions", "to", "make"}, topicSection},
	{[]string{"decisions", "needed"}, topicSection},
	{[]string{"decision", "needed"}, topicSection},
	{[]string{"open", "decisions"}, topicSection},
	{[]string{"pending", "decisions"}, topicSection},
	{[]string{"decisions"}, decisionSection},
	{[]string{"decision"}, decisionSection},
	{[]string{"decided"}, decisionSection},
	{[]string{"discussion"}, topicSection},
	{[]string{"discuss"}, topicSection},
	{[]string{"questions"}, topicSection},
	{[]string{"goals"}, topicSection},
	{[]string{"goal"}, topicSection},
	{[]string{"okrs"}, topicSection},
	{[]string{"okr"}, topicSection},
	{[]string{"objectives"}, topicSection},
	{[]string{"wins"}, winSection},
	{[]string{"win"}, winSection},
	{[]string{"kudos"}, winSection},
	{[]string{"recognition"}, winSection},
	{[]string{"achievements"}, winSection},
	{[]string{"accomplishments"}, winSection},
	{[]string{"highlights"}, winSection},
	{[]string{"high", "performance"}, winSection},
	{[]string{"shout", "outs"}, winSection},
	{[]string{"shoutouts"}, winSection},
	{[]string{"celebrate"}, winSection},
	{[]string{"went", "well"}, winSection},
	{[]string{"successes"}, winSection},
	{[]string{"proud", "of"}, winSection},
	{[]string{"feedback"}, feedbackSection},
	{[]string{"action", "items"}, actionSection},
	{[]string{"action", "item"}, actionSection},
	{[]string{"actions"}, actionSection},
	{[]string{"next", "steps"}, actionSection},
	{[]string{"to", "dos"}, actionSection},
	{[]string{"todos"}, actionSection},
	{[]string{"todo"}, actionSection},
	{[]string{"to", "do"}, actionSection},
	{[]string{"tasks"}, actionSection},
	{[]string{"commitments"}, actionSection},
	{[]string{"committed"}, actionSection},
	{[]string{"agreements"}, actionSection},
	{[]string{"promises"}, actionSection},
}

var meHeadingWords = [][]string{{"my"}, {"me"}, {"i"}, {"mine"}, {"myself"}}

var themPronouns = [][]string{{"their"}, {"them"}, {"theirs"}, {"they"}}

// headingOf reads a heading's section and owner. When a heading has words of
// more than one section, or of both sides, the first in it decides ("My
// commitments to Alice" is mine). The note's title (a first heading of level
// 1) and a heading that dates a meeting name no owner.
func (st *scanState) headingOf(h *ast.Heading) heading {
	var b strings.Builder
	for _, l := range lineSpans(h, st.note) {
		b.Write(st.note[l.start:l.end])
		b.WriteByte(' ')
	}
	title := !st.titled && h.Level == 1
	st.titled = true
	out := st.readHeading(b.String(), h.Level)
	if title || datesAMeeting(b.String()) || out.section == noSection && st.namesAMeeting(b.String()) {
		out.owner = 0
	}
	return out
}

// meetingWords say that a heading names a meeting ("1:1 with Kai", "Weekly
// sync", "Kai <> Robin catch-up"), not whose its items are.
var meetingWords = [][]string{
	{"1", "1"}, {"1on1"}, {"1", "on", "1"}, {"one", "on", "one"}, {"sync"}, {"weekly"}, {"biweekly"},
	{"catch", "up"}, {"catchup"}, {"check", "in"}, {"checkin"}, {"meeting"}, {"1x1"}, {"o3"},
}

// namesAMeeting reports whether a heading that opens no section names a
// meeting: it says 1:1, sync, weekly… or names both sides ("Kai Brennan /
// Robin Hale"). Such a heading, at any level, sets no owner.
func (st *scanState) namesAMeeting(s string) bool {
	words := headingWords(s)
	me, them := false, false
	for i := range words {
		for _, p := range meetingWords {
			if hasPhraseAt(words, i, p) {
				return true
			}
		}
		for _, p := range st.names.headMe {
			me = me || hasPhraseAt(words, i, p)
		}
		for _, p := range st.names.headThem {
			them = them || hasPhraseAt(words, i, p)
		}
	}
	return me && them
}

// labelOf reads a paragraph that is only bold text ("**Next steps:**",
// "**Lena's updates**") as a heading for the list under it.
func (st *scanState) labelOf(p *ast.Paragraph) (heading, bool) {
	lines := lineSpans(p, st.note)
	if len(lines) != 1 {
		return heading{}, false
	}
	t := strings.TrimSpace(string(st.note[lines[0].start:lines[0].end]))
	inner, ok := boldOnly(t)
	if !ok {
		// A plain line that is only a section's name and a colon ("Action
		// items:", "Alice's next steps:"), as a document pasted without its
		// heading styles keeps them.
		inner, ok = strings.CutSuffix(t, ":")
		if !ok {
			// Without a colon, only a short line over a list: "Notes",
			// "Action items", "Next steps".
			_, list := p.NextSibling().(*ast.List)
			if !list || len(headingWords(t)) > 4 || strings.ContainsAny(t, ",;()[]`*_#") || t == "" || !unicode.IsUpper([]rune(t)[0]) {
				return heading{}, false
			}
			inner = t
		}
		if len(headingWords(inner)) > 5 || strings.ContainsAny(inner, ":.!?") {
			return heading{}, false
		}
		if h := st.readHeading(inner, labelLevel); h.section == noSection {
			// "Notes:" ends the label before it, and names no owner unless
			// it is only a name ("Alice", "Robin:"): "Alice said:" is no
			// heading of Alice's promises.
			return heading{level: labelLevel, owner: st.names.blockOwner(inner)}, true
		}
	}
	h := st.readHeading(inner, labelLevel)
	if datesAMeeting(inner) {
		h.owner = 0
	}
	return h, true
}

// boldOnly returns the text of a line that is one bold span, with an
// optional colon inside or after it.
func boldOnly(t string) (string, bool) {
	t = strings.TrimSuffix(t, ":")
	for _, d := range []string{"**", "__"} {
		if len(t) > 4 && strings.HasPrefix(t, d) && strings.HasSuffix(t, d) && !strings.Contains(t[2:len(t)-2], d) {
			return strings.TrimSuffix(strings.TrimSpace(t[2:len(t)-2]), ":"), true
		}
	}
	return "", false
}

func (st *scanState) readHeading(s string, level int) heading {
	words := headingWords(s)
	out := heading{level: level}
	roleless := false
	for i := range words {
		if words[i] == "private" {
			out.private = true
		}
		if out.section == noSection {
			for _, p := range sectionPhrases {
				if hasPhraseAt(words, i, p.words) {
					out.section = p.section
					break
				}
			}
		}
		if i+1 < len(words) && (words[i] == "from" || words[i] == "on" && i > 0 && (words[i-1] == "waiting" || words[i-1] == "blocked")) {
			// "Things I need from Hana", "Waiting on Hana": Hana owes them;
			// "What Hana needs from me": I do. This outranks a name before it.
			if o := st.headingParty(words[i+1:]); o != 0 {
				out.owner = o
				continue
			}
		}
		if out.owner == 0 && !roleless && words[i] == "my" && i+1 < len(words) {
			// "Things my manager committed to": the role names a side.
			if r, ok := roleWords[strings.TrimSuffix(words[i+1], "s")]; ok {
				if r == st.names.role {
					out.owner = Them
				}
				roleless = out.owner == 0 // a role that names neither side: no owner
				continue
			}
		}
		if out.owner == 0 && !roleless {
			// "Manager's action items", "Employee topics": read against the
			// person's role, as a role word in an owner column is.
			switch strings.TrimSuffix(words[i], "s") {
			case "manager", "mgr", "boss", "report", "employee", "direct":
				if o := st.names.roleParty(roleWords[strings.TrimSuffix(words[i], "s")]).owner(); o != 0 {
					out.owner = o
					continue
				}
			}
			for _, p := range meHeadingWords {
				if hasPhraseAt(words, i, p) {
					out.owner = Me
				}
			}
			for _, p := range themPronouns {
				if out.owner == 0 && hasPhraseAt(words, i, p) {
					out.owner = Them
				}
			}
			if out.owner == 0 {
				for _, p := range st.names.headMe {
					if hasPhraseAt(words, i, p) {
						out.owner = Me
					}
				}
				for _, p := range st.names.headThem {
					if out.owner == 0 && hasPhraseAt(words, i, p) {
						out.owner = Them
					}
				}
			}
		}
	}
	return out
}

// headingParty returns the side the words at the start of a heading's tail
// name: the person, me, my manager, them.
func (st *scanState) headingParty(words []string) Owner {
	if words[0] == "my" && len(words) > 1 {
		if r, ok := roleWords[strings.TrimSuffix(words[1], "s")]; ok {
			if r == st.names.role {
				return Them
			}
			return 0
		}
	}
	for _, p := range meHeadingWords {
		if hasPhraseAt(words, 0, p) {
			return Me
		}
	}
	for _, p := range themPronouns {
		if hasPhraseAt(words, 0, p) {
			return Them
		}
	}
	for _, p := range st.names.headMe {
		if hasPhraseAt(words, 0, p) {
			return Me
		}
	}
	for _, p := range st.names.headThem {
		if hasPhraseAt(words, 0, p) {
			return Them
		}
	}
	return 0
}

// datesAMeeting reports whether a heading starts with a date ("2026-11-20",
// "21 Sep, 2022 | Alice, Eduardo", "Apr 24, 2026"): in a running document it
// opens one meeting and lists who came, which names no owner.
func datesAMeeting(s string) bool {
	w := headingWords(s)
	if len(w) > 1 {
		if _, ok := weekdayNamed(w[0]); ok {
			w = w[1:] // "Tuesday, December 8, 2026 — Maya, Robin"
		}
	}
	if len(w) == 0 {
		return false
	}
	if f := strings.Fields(strings.TrimLeft(s, "#* ")); len(f) > 0 {
		// "12/8/2026 — Maya / Robin", "12/8": a numeric date first.
		if d := strings.Trim(f[0], ",:*"); strings.Count(d, "/") >= 1 && isDigits(strings.ReplaceAll(d, "/", "")) {
			if _, ok := numericDate(d, NewDate(2000, 1, 1)); ok {
				return true
			}
		}
	}
	if len(w) >= 3 && len(w[0]) == 4 && isDigits(w[0]) && isDigits(w[1]) {
		return true
	}
	_, m0 := monthNames[w[0]]
	if len(w) >= 2 && (m0 && isDigits(w[1]) || isDigits(w[0]) && len(w[0]) <= 2 && monthKnown(w[1])) {
		return true
	}
	return false
}

func monthKnown(w string) bool { _, ok := monthNames[w]; return ok }

func isDigits(s string) bool {
	for _, r := range s {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return s != ""
}

// headingWords lowercases s and splits it into words of letters and digits:
// "Alice's follow-ups" is alice, s, follow, ups.
func headingWords(s string) []string {
	return strings.FieldsFunc(lower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

func hasPhraseAt(words []string, i int, phrase []string) bool {
	if len(phrase) == 0 || i+len(phrase) > len(words) {
		return false
	}
	for j, w := range phrase {
		if words[i+j] != w {
			return false
		}
	}
	return true
}
