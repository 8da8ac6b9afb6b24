package journal

// Why this file is long: A new meeting's template: the built-in one, per-role and per-person
// overrides, and the question bank it draws from.

import (
	"fmt"
	"hash/fnv"
	"sort"
	"strconv"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// A new meeting's note is made from a template: markdown with placeholders
// the journal fills in. The built-in one (DefaultTemplate) can be replaced
// for everyone, for a role or for one person (SetTemplateSource); the most
// specific one that is set wins.
//
// Placeholders that carry items — {{feedback}}, {{topics}}, {{mine}},
// {{theirs}}, {{followups}}, {{stale}} — each write their own heading, so
// that what they hold keeps its kind and owner whatever the template says
// around it. A custom template that leaves one out still gets it, at the
// end: an open promise is never dropped because a template forgot it.

// DefaultTemplate is the built-in template of a new meeting.
const DefaultTemplate = `# 1:1 with {{name}} — {{date}}

{{feedback}}
{{topics}}
{{mine}}
{{theirs}}
{{followups}}
{{stale}}
## Notes

{{question}}

## Wins


## Private


{{pulse}}
`

// The placeholders a template may use.
const (
	phName      = "{{name}}"       // the person's full name
	phFirstName = "{{first_name}}" // their first name
	phHandle    = "{{handle}}"     // their handle
	phDate      = "{{date}}"       // the meeting's date
	phFeedback  = "{{feedback}}"   // Feedback to give: queued and still open, with age
	phTopics    = "{{topics}}"     // To discuss: the queued topics
	phMine      = "{{mine}}"       // My commitments: open, carried over
	phTheirs    = "{{theirs}}"     // <First name>'s commitments: open, carried over
	phFollowUps = "{{followups}}"  // Follow-ups: open, carried over
	phStale     = "{{stale}}"      // the stale items, asking to keep, re-date or drop
	phQuestion  = "{{question}}"   // one question from the bank
	phPulse     = "{{pulse}}"      // the pulse line to fill in
)

// itemPlaceholders are the placeholders a template cannot do without.
var itemPlaceholders = []string{phFeedback, phTopics, phMine, phTheirs, phFollowUps, phStale}

// The long-overdue rule: a stale item is asked about under its own heading,
// but not forever. An open commitment overdue by more than LongOverdueDays,
// or an item unchanged in SetAsideNotes notes or more, is no longer copied
// into new notes: the template names how many there are and their ids, and
// they stay open (and overdue) in the ledger until someone ticks, drops or
// re-dates them.
const (
	LongOverdueDays = 30
	SetAsideNotes   = 6
)

// staleHeading is the heading over stale items. It names no owner and no
// section, so the sub-headings under it decide.
const staleHeading = "Stale — keep, re-date or drop?"

// TemplateScope names which template a source belongs to: "" for
// everyone, "role/<role>" or "person/<handle>".
func TemplateScope(handle string, role Role) string {
	switch {
	case handle != "":
		return "person/" + handle
	case role != "":
		return "role/" + string(role)
	}
	return ""
}

func templateKey(scope string) []byte {
	if scope == "" {
		return []byte("default")
	}
	return []byte(scope)
}

func checkScope(tx *bolt.Tx, scope string) error {
	kind, name, _ := strings.Cut(scope, "/")
	switch {
	case scope == "":
		return nil
	case kind == "person":
		_, err := getPerson(tx, name)
		return err
	case kind == "role" && validRole(Role(name)):
		return nil
	}
	return fmt.Errorf("template scope %q: use a person's handle or one of report, peer, manager, stakeholder, other: %w", scope, ErrInvalid)
}

// TemplateSource returns the template markdown that applies to scope: its
// own when set, else the next wider one (person, then their role, then
// everyone's), else DefaultTemplate. own reports whether scope has its own.
func (j *Journal) TemplateSource(scope string) (text string, own bool, err error) {
	err = j.view(func(tx *bolt.Tx) error {
		if err := checkScope(tx, scope); err != nil {
			return err
		}
		text, own, err = templateFor(tx, scope)
		return err
	})
	return text, own, err
}

// templateFor finds the template of scope or the next wider one.
func templateFor(tx *bolt.Tx, scope string) (string, bool, error) {
	chain := []string{scope}
	if kind, name, _ := strings.Cut(scope, "/"); kind == "person" {
		if p, err := getPerson(tx, name); err == nil {
			chain = append(chain, TemplateScope("", p.Role))
		}
	}
	if scope != "" {
		chain = append(chain, "")
	}
	b := tx.Bucket(bucketTemplates)
	for i, s := range chain {
		if b == nil {
			break
		}
		if v := b.Get(templateKey(s)); v != nil {
			payload, err := unframe(v)
			if err != nil {
				return "", false, fmt.Errorf("template %s: %w", keyName(templateKey(s)), err)
			}
			return string(payload), i == 0, nil
		}
	}
	return DefaultTemplate, false, nil
}

// SetTemplateSource stores the template of scope; an empty text (or only
// white space) removes it, so the next wider one applies again.
func (j *Journal) SetTemplateSource(scope, text string) error {
	if len(text) > MaxNoteSize {
		return fmt.Errorf("template of %d bytes is larger than a note may be: %w", len(text), ErrInvalid)
	}
	return j.update(func(tx *bolt.Tx) error {
		if err := checkScope(tx, scope); err != nil {
			return err
		}
		b := tx.Bucket(bucketTemplates)
		if strings.TrimSpace(text) == "" {
			return b.Delete(templateKey(scope))
		}
		return b.Put(templateKey(scope), frame([]byte(text)))
	})
}

// templateParts is what fills a template.
type templateParts struct {
	p                      Person
	keeper                 Keeper
	date                   Date
	feedback               []PendingFeedback
	topics                 []Queued
	mine, theirs, fups     []Item
	staleMine, staleTheirs []Item
	staleFups, setAside    []Item
	question               Question
}

// Template returns the note for a new 1:1 with a person on date, from the
// template that applies to them: feedback to give (queued and still open,
// with its age), the queued topics under "To discuss", open commitments
// both ways and open follow-ups carried over under their block ids, the
// stale ones grouped apart (and the long overdue set aside, see
// LongOverdueDays), a question from the bank and a pulse line. Saving the
// note takes the queued entries off the queue.
func (j *Journal) Template(handle string, date Date) (string, error) {
	var tp templateParts
	var src string
	err := j.view(func(tx *bolt.Tx) error {
		var err error
		if tp.p, err = getPerson(tx, handle); err != nil {
			return err
		}
		if tp.keeper, err = keeperOf(tx); err != nil {
			return err
		}
		if src, _, err = templateFor(tx, TemplateScope(handle, "")); err != nil {
			return err
		}
		if tp.feedback, err = pendingFeedback(tx, handle); err != nil {
			return err
		}
		queued, err := queuedOf(tx, handle, false)
		if err != nil {
			return err
		}
		for _, q := range queued {
			if q.Kind == QueueTopic {
				tp.topics = append(tp.topics, q)
			}
		}
		tp.question, err = nextQuestion(tx, handle, date)
		return err
	})
	if err != nil {
		return "", err
	}
	tp.date = date
	open, err := j.OpenCommitments(ItemFilter{Person: handle})
	if err != nil {
		return "", err
	}
	fups, err := j.OpenFollowUps(handle)
	if err != nil {
		return "", err
	}
	for _, it := range append(open, fups...) {
		stale := it.Flags(date).Has(FlagStale)
		switch {
		case it.DaysOverdue(date) > LongOverdueDays || it.Unchanged >= SetAsideNotes:
			tp.setAside = append(tp.setAside, it)
		case stale && it.Kind == FollowUp:
			tp.staleFups = append(tp.staleFups, it)
		case stale && it.Owner == Them:
			tp.staleTheirs = append(tp.staleTheirs, it)
		case stale:
			tp.staleMine = append(tp.staleMine, it)
		case it.Kind == FollowUp:
			tp.fups = append(tp.fups, it)
		case it.Owner == Them:
			tp.theirs = append(tp.theirs, it)
		default:
			tp.mine = append(tp.mine, it)
		}
	}
	return fillTemplate(src, tp), nil
}

// fillTemplate replaces the placeholders of src.
func fillTemplate(src string, tp templateParts) string {
	p := tp.p
	var missing []string
	for _, ph := range itemPlaceholders {
		if !strings.Contains(src, ph) {
			missing = append(missing, ph)
		}
	}
	if len(missing) > 0 {
		src = strings.TrimRight(src, "\n")
		if !strings.HasSuffix(src, "}}") {
			src += "\n" // a blank line after text; a placeholder's section ends in its own
		}
		src += "\n" + strings.Join(missing, "\n") + "\n"
	}
	// A section ends after its last line; the template's own line break
	// after the placeholder makes the blank line before the next one (two
	// under an empty heading: room to type).
	section := func(heading string, lines []string) string {
		s := "## " + heading + "\n\n"
		if len(lines) > 0 {
			s += strings.Join(lines, "\n") + "\n"
		}
		return s
	}
	var fb, topics []string
	for _, f := range tp.feedback {
		fb = append(fb, "- [ ] "+escapeInline(f.Text)+" _("+notedAgo(int(tp.date-f.Noted))+")_ ^"+f.ID)
	}
	for _, q := range tp.topics {
		topics = append(topics, "- [ ] "+escapeInline(q.Text)+" ^"+q.ID)
	}
	carried := func(items []Item) []string {
		var out []string
		for _, it := range items {
			out = append(out, carriedLine(it, p, tp.keeper))
		}
		return out
	}
	var stale []string
	if n := len(tp.staleMine) + len(tp.staleTheirs) + len(tp.staleFups) + len(tp.setAside); n > 0 {
		stale = append(stale, "## "+staleHeading, fmt.Sprintf("_Carried through %d notes or more without a change. Tick, re-date or drop each (- [-] says it was released openly), or leave it to keep it._", StaleNotes))
		sub := func(heading string, items []Item) {
			if len(items) > 0 {
				stale = append(stale, "### "+heading, strings.Join(carried(items), "\n"))
			}
		}
		sub("My commitments", tp.staleMine)
		sub(theirHeading(p, tp.keeper), tp.staleTheirs)
		sub("Follow-ups", tp.staleFups)
		if len(tp.setAside) > 0 {
			ids := make([]string, len(tp.setAside))
			for i, it := range tp.setAside {
				ids[i] = "^" + it.ID
			}
			stale = append(stale, fmt.Sprintf("_Not copied any more: %d %s overdue more than %d days or unchanged in %d notes (%s). They stay open until ticked, dropped or re-dated._",
				len(ids), plural(len(ids), "item"), LongOverdueDays, SetAsideNotes, strings.Join(ids, ", ")))
		}
	} else {
		src = strings.ReplaceAll(src, phStale+"\n", "") // no blank line for nothing
	}
	question := ""
	if tp.question.Text != "" {
		question = "**Question (" + tp.question.Topic + "):** " + tp.question.Text
	}
	r := strings.NewReplacer(
		phName, p.Name, phFirstName, p.FirstName(), phHandle, p.Handle, phDate, tp.date.String(),
		phFeedback, section("Feedback to give", fb),
		phTopics, section("To discuss", topics),
		phMine, section("My commitments", carried(tp.mine)),
		phTheirs, section(theirHeading(p, tp.keeper), carried(tp.theirs)),
		phFollowUps, section("Follow-ups", carried(tp.fups)),
		phStale, strings.Join(stale, "\n\n")+"\n",
		phQuestion, question,
		phPulse, "pulse: _/10",
	)
	return r.Replace(src)
}

// ageNote is the age the template writes after feedback to give; it is
// taken off again when the item is carried or shown, so it never goes
// stale in a later note.
var ageNote = lazyRegexp(`\s*_\(noted (today|yesterday|[0-9]+ days ago)\)_\s*$`)

func notedAgo(days int) string {
	switch {
	case days <= 0:
		return "noted today"
	case days == 1:
		return "noted yesterday"
	}
	return "noted " + strconv.Itoa(days) + " days ago"
}

// withoutAge returns an item's text without the age a template gave it.
func withoutAge(text string) string { return ageNote().ReplaceAllString(text, "") }

// PendingFeedback is feedback to give that has not been told yet: queued
// for the next 1:1, or open in a note.
type PendingFeedback struct {
	ID     string // the queue id or the item's block id
	Text   string
	Noted  Date // when it was queued, or first written in a note
	Queued bool // waiting in the queue, not yet in any note
}

// Age returns the days since the feedback was noted.
func (f PendingFeedback) Age(today Date) int {
	if f.Noted.IsZero() {
		return 0
	}
	return max(0, int(today-f.Noted))
}

// FeedbackToGive returns a person's feedback to give, oldest first: open
// feedback-to-give items of their notes and the feedback queued for them.
func (j *Journal) FeedbackToGive(handle string) ([]PendingFeedback, error) {
	var out []PendingFeedback
	err := j.view(func(tx *bolt.Tx) error {
		if _, err := getPerson(tx, handle); err != nil {
			return err
		}
		var err error
		out, err = pendingFeedback(tx, handle)
		return err
	})
	return out, err
}

func pendingFeedback(tx *bolt.Tx, handle string) ([]PendingFeedback, error) {
	items, err := personItems(tx, handle)
	if err != nil {
		return nil, err
	}
	var out []PendingFeedback
	for _, it := range items {
		if it.Kind != FeedbackToGive || it.State != StateOpen {
			continue
		}
		f := PendingFeedback{ID: it.ID, Text: withoutAge(it.Text), Noted: it.FirstSeen}
		// Feedback queued first keeps the day it was queued.
		if q, err := queuedEntry(tx, handle, it.ID); err == nil && !q.Added.IsZero() {
			f.Noted = q.Added
		}
		out = append(out, f)
	}
	queued, err := queuedOf(tx, handle, false)
	if err != nil {
		return nil, err
	}
	for _, q := range queued {
		if q.Kind == QueueFeedback {
			out = append(out, PendingFeedback{ID: q.ID, Text: q.Text, Noted: q.Added, Queued: true})
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Noted < out[b].Noted })
	return out, nil
}

// theirHeading names the section of the person's commitments by their
// first name, unless the name reads as mine ("My", "Mine"): then it says
// "Their commitments", so that carried promises keep their owner.
func theirHeading(p Person, k Keeper) string {
	h := p.FirstName() + "'s commitments"
	probe := Extract([]byte("## "+h+"\n\n- [ ] x\n"), p.noteContext(1, k))
	if len(probe) == 1 && probe[0].Owner == Them {
		return h
	}
	return "Their commitments"
}

// carriedLine writes an open item as a task line for a new note. A due
// phrase ("by friday") is replaced by the date it meant in its own meeting,
// since it would mean another day in the new one.
func carriedLine(it Item, p Person, k Keeper) string {
	line := "- [ ] " + escapeInline(withoutAge(it.Text)) + " ^" + it.ID
	if it.Due.IsZero() {
		return line
	}
	// No day of the move (0): the date is not moved, only written out.
	out, err := rewriteItem([]byte(line), p.noteContext(it.Date, k), it.ID, Change{Action: ActionRedate, Due: it.Due}, 0)
	if err != nil {
		return line
	}
	return string(out)
}

// Question is one question of the bank a template draws from.
type Question struct {
	Topic string // career, wellbeing, feedback for me, blockers
	Text  string
}

// QuestionBank is the questions a new meeting's template draws one from.
var QuestionBank = []Question{
	{"career", "Where would you like to be in a year, and what would help you get there?"},
	{"career", "What part of your work would you like to do more of?"},
	{"career", "Which skill would you like to grow next?"},
	{"career", "Is there a project you would like to lead?"},
	{"wellbeing", "How is your energy these days, honestly?"},
	{"wellbeing", "What is taking more of your time than it should?"},
	{"wellbeing", "Is your workload sustainable for the next month?"},
	{"wellbeing", "What made you smile at work lately?"},
	{"feedback for me", "What could I do differently to support you better?"},
	{"feedback for me", "What is one thing I should stop doing?"},
	{"feedback for me", "Was there a decision of mine lately that you did not understand?"},
	{"feedback for me", "Do you get enough context from me about where the team is going?"},
	{"blockers", "What is slowing you down right now?"},
	{"blockers", "Is anything waiting on me or on someone I can nudge?"},
	{"blockers", "Which meeting or process would you remove if you could?"},
	{"blockers", "What would you need to finish your current work a week sooner?"},
}

// QuestionMemory is how many of a person's latest meetings a question must
// not appear in to be asked again.
const QuestionMemory = 6

// nextQuestion picks a question of the bank that none of the person's last
// QuestionMemory notes holds: the same for the same person and day, and
// otherwise spread over the bank. When every question was asked lately,
// it picks among them all.
func nextQuestion(tx *bolt.Tx, handle string, date Date) (Question, error) {
	var recent []string
	err := eachPersonMeeting(tx, handle, true, func(id MeetingID) (bool, error) {
		if id.Date() > date {
			return true, nil
		}
		m, err := getMeeting(tx, id)
		if err != nil {
			return false, err
		}
		recent = append(recent, m.Note)
		return len(recent) < QuestionMemory, nil
	})
	if err != nil {
		return Question{}, err
	}
	var fresh []Question
	for _, q := range QuestionBank {
		asked := false
		for _, n := range recent {
			asked = asked || strings.Contains(n, q.Text)
		}
		if !asked {
			fresh = append(fresh, q)
		}
	}
	if len(fresh) == 0 {
		fresh = QuestionBank
	}
	h := fnv.New32a()
	fmt.Fprintf(h, "%s/%s", handle, date)
	return fresh[int(h.Sum32()%uint32(len(fresh)))], nil
}
