// Package demo fills a journal with a realistic, deterministic sample: people
// with weekly or fortnightly 1:1s, and notes written in every form the note
// format knows, whose promises were mostly kept, sometimes late, sometimes
// dropped, carried from one 1:1 to the next, or forgotten.
//
// The same Options give byte-identical notes, so the sample can serve as a
// benchmark corpus ("--people 40 --years 10", about 20,000 meetings) and in
// tests.
package demo

// Why this file is long: The sample's people, dates and promises are generated together so a
// seed gives the same journal.

import (
	"errors"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"

	"github.com/oneonone/1on1/journal"
)

// Options shape the sample.
type Options struct {
	People int   // number of people; 0 means 6
	Years  int   // years of history; 0 means half a year
	Seed   int64 // the same seed gives the same journal
	// Today is the last day of the history: meetings happen up to it and
	// flags are as of it. It must be set.
	Today journal.Date
	// Progress, when set, is called after each batch of meetings is stored.
	Progress func(done, total int)
}

// Stats says what Generate wrote.
type Stats struct {
	People      int
	Meetings    int
	Commitments int   // distinct commitments (a carried one counts once)
	FollowUps   int   // distinct follow-ups
	NoteBytes   int64 // the size of all notes together
}

// batchSize is how many meetings go into one transaction: large enough that
// the fsync per commit does not dominate, small enough to show progress.
const batchSize = 2000

// Keeper is who keeps the sample journal.
var Keeper = journal.Keeper{Name: "Jordan Lee", Handle: "jordan"}

// Generate adds the sample people and meetings to j, which should hold no
// people yet (a handle already taken fails with journal.ErrExists), and
// sets its keeper unless one is set.
func Generate(j *journal.Journal, o Options) (Stats, error) {
	if o.Today.IsZero() {
		return Stats{}, errors.New("demo: Options.Today is not set")
	}
	if o.People <= 0 {
		o.People = 6
	}
	if o.People > 1000 {
		return Stats{}, fmt.Errorf("demo: %d people is more than the 1000 the sample has names for: %w", o.People, journal.ErrInvalid)
	}
	if o.Years < 0 || o.Years > 50 {
		return Stats{}, fmt.Errorf("demo: %d years: use 0 (half a year) to 50: %w", o.Years, journal.ErrInvalid)
	}
	span := 182
	if o.Years > 0 {
		span = o.Years * 365
	}
	g := &generator{o: o, span: span, ids: map[string]bool{}}
	people := g.people()
	var all []journal.Meeting
	var st Stats
	for i := range people {
		ms, s := g.personMeetings(i, people[i])
		all = append(all, ms...)
		st.Commitments += s.Commitments
		st.FollowUps += s.FollowUps
	}
	// Store in date order, as a journal kept over the years would have been:
	// meeting ids (date + sequence) then read as they would in real use.
	sort.SliceStable(all, func(a, b int) bool {
		if all[a].Date != all[b].Date {
			return all[a].Date < all[b].Date
		}
		return all[a].Person < all[b].Person
	})
	// The sample journal has a keeper, as a journal in use would (SPEC 2.4):
	// the app then shows no offer to set one.
	if k, err := j.Keeper(); err != nil {
		return st, fmt.Errorf("demo: %w", err)
	} else if k.IsZero() {
		if err := j.SetKeeper(Keeper); err != nil {
			return st, fmt.Errorf("demo: set the keeper: %w", err)
		}
	}
	for _, p := range people {
		if _, err := j.AddPerson(p); err != nil {
			return st, fmt.Errorf("demo: add %s: %w", p.Handle, err)
		}
		st.People++
	}
	for start := 0; start < len(all); start += batchSize {
		end := min(start+batchSize, len(all))
		if _, err := j.AddMeetings(all[start:end], o.Today); err != nil {
			return st, fmt.Errorf("demo: store meetings: %w", err)
		}
		if o.Progress != nil {
			o.Progress(end, len(all))
		}
	}
	if err := queueSamples(j, people, o.Today); err != nil {
		return st, err
	}
	st.Meetings = len(all)
	for _, m := range all {
		st.NoteBytes += int64(len(m.Note))
	}
	// Large transactions leave free and half-full pages behind.
	if err := j.Compact(); err != nil {
		return st, fmt.Errorf("demo: %w", err)
	}
	return st, nil
}

// generator holds what every person's history shares.
type generator struct {
	o      Options
	span   int
	nextID int             // for block ids
	ids    map[string]bool // block ids given out
}

// people makes the cast: names, handles, roles and cadences.
func (g *generator) people() []journal.Person {
	r := rand.New(rand.NewPCG(uint64(g.o.Seed), 0x10e1))
	// Alice comes first, as in the README's examples; the others are
	// shuffled by the seed.
	first := append([]string(nil), firstNames[1:]...)
	r.Shuffle(len(first), func(a, b int) { first[a], first[b] = first[b], first[a] })
	first = append([]string{firstNames[0]}, first...)
	out := make([]journal.Person, g.o.People)
	taken := map[string]bool{}
	for i := range out {
		fn := first[i%len(first)]
		name := fn + " " + lastNames[r.IntN(len(lastNames))]
		handle := strings.ToLower(fn)
		for n := 2; taken[handle]; n++ {
			handle = strings.ToLower(fn) + strconv.Itoa(n)
		}
		taken[handle] = true
		// A small journal mixes weekly and fortnightly 1:1s; a large one is
		// the benchmark corpus, weekly with everyone.
		role, cadence := journal.RoleReport, 7
		switch {
		case i%10 == 3:
			role, cadence = journal.RolePeer, 14
		case i%10 == 7:
			role, cadence = journal.RoleStakeholder, 14
		case i == 5:
			role, cadence = journal.RoleManager, 14
		case i%2 == 1:
			cadence = 14
		}
		if g.o.People >= 20 {
			cadence = 7
		}
		out[i] = journal.Person{
			Handle: handle, Name: name, Role: role, Cadence: cadence,
			Context: fill(r, "Works on {topic} with {team}. Growing in {growth}. Prefers written updates before the 1:1.", fn, ""),
		}
	}
	return out
}

// schedule returns the dates of a person's 1:1s: every cadence days with
// the odd one skipped, and for every third person none lately, so that the
// journal has people due for a 1:1.
func (g *generator) schedule(r *rand.Rand, i int, p journal.Person) []journal.Date {
	today := g.o.Today
	start := today.AddDays(-g.span + r.IntN(p.Cadence))
	end := today
	if i%3 == 1 {
		end = today.AddDays(-p.Cadence - 1 - r.IntN(6))
	}
	var ds []journal.Date
	for slot := start; slot <= end; slot = slot.AddDays(p.Cadence) {
		// Weekends move to Monday; one in fifty is skipped (holidays).
		d := slot
		switch d.Weekday() {
		case 6:
			d = d.AddDays(2)
		case 0:
			d = d.AddDays(1)
		}
		if d > end {
			break
		}
		if r.IntN(50) == 0 && len(ds) > 0 {
			continue
		}
		if len(ds) > 0 && d <= ds[len(ds)-1] {
			continue
		}
		ds = append(ds, d)
	}
	return ds
}

// never is the resolution date of a promise nobody kept.
const never = journal.Date(1<<31 - 1)

// plan is one commitment or follow-up over its life.
type plan struct {
	kind     journal.Kind
	owner    journal.Owner
	text     string // without owner prefix and due token
	prefix   string // an owner prefix ("me: ", "@alice ") or ""
	dueToken string // as first written: "due:2026-01-02", "by friday", …; "" when undated
	due      journal.Date
	fate     journal.State // done or dropped when resolved
	resolved journal.Date  // when it was done or dropped; never when not
	first    int           // index of the meeting that made it
	last     int           // index of the last meeting it appears in
	id       string        // block id, set when it is carried
	style    int           // random bits for how its line is written
	// A carried promise may be re-dated: from meeting moveAt on (0: never)
	// its line strikes due, moved on the day moved, and gives newDue.
	moveAt int
	moved  journal.Date
	newDue journal.Date
}

// personMeetings writes every meeting with one person.
func (g *generator) personMeetings(i int, p journal.Person) ([]journal.Meeting, Stats) {
	r := rand.New(rand.NewPCG(uint64(g.o.Seed), uint64(i)+1))
	dates := g.schedule(r, i, p)
	n := len(dates)
	at := []string{"09:30", "10:00", "11:00", "14:00", "15:30", "", ""}[r.IntN(7)]
	noteStyle := r.IntN(3)
	if i == 0 {
		noteStyle = 0 // the first person shows the canonical headings
	}
	first := p.FirstName()
	var st Stats
	var plans []*plan
	byMeeting := make([][]*plan, n) // the plans that appear in each meeting
	add := func(pl *plan) {
		plans = append(plans, pl)
		if pl.kind == journal.Commitment {
			st.Commitments++
		} else {
			st.FollowUps++
		}
	}
	for k := range dates {
		nMine := []int{1, 2, 2, 3}[r.IntN(4)]
		nTheirs := []int{0, 1, 1, 2, 2, 3}[r.IntN(6)]
		for c := 0; c < nMine+nTheirs; c++ {
			owner := journal.Me
			if c >= nMine {
				owner = journal.Them
			}
			add(g.commitment(r, p, dates, k, owner, noteStyle))
		}
		for f := r.IntN(3); f > 0; f-- {
			add(g.followUp(r, p, dates, k))
		}
	}
	// A few promises whose fate a newcomer should see whatever the seed:
	// one carried and now overdue, one kept late, one dropped.
	if i == 0 && n >= 5 {
		pl := g.commitment(r, p, dates, n-2, journal.Them, noteStyle)
		pl.dueToken, pl.due = "due:"+dates[n-2].AddDays(3).String(), dates[n-2].AddDays(3)
		pl.fate, pl.resolved, pl.last = journal.StateDone, never, n-1
		add(pl)
		pl = g.commitment(r, p, dates, n-4, journal.Me, noteStyle)
		pl.dueToken, pl.due = "due:"+dates[n-4].AddDays(2).String(), dates[n-4].AddDays(2)
		pl.fate, pl.resolved, pl.last = journal.StateDone, dates[n-4].AddDays(9), n-4
		add(pl)
		pl = g.commitment(r, p, dates, n-3, journal.Me, noteStyle)
		pl.fate, pl.resolved, pl.last, pl.moveAt = journal.StateDropped, dates[n-3].AddDays(5), n-3, 0
		add(pl)
		// One of mine that slipped: moved at the next 1:1, after its date
		// had passed, to a day after today, and still open.
		pl = g.commitment(r, p, dates, n-3, journal.Me, noteStyle)
		pl.due = dates[n-2].AddDays(-1)
		pl.dueToken = "due:" + pl.due.String()
		pl.moveAt, pl.moved, pl.newDue = n-2, dates[n-2], g.o.Today.AddDays(10)
		pl.fate, pl.resolved, pl.last = journal.StateDone, never, n-1
		add(pl)
		// One of theirs renegotiated a day after it was made, then kept.
		pl = g.commitment(r, p, dates, n-4, journal.Them, noteStyle)
		pl.due = dates[n-4].AddDays(4)
		pl.dueToken = "due:" + pl.due.String()
		pl.moveAt, pl.moved, pl.newDue = n-3, dates[n-4].AddDays(1), dates[n-3].AddDays(3)
		pl.fate, pl.resolved, pl.last = journal.StateDone, min(dates[n-3].AddDays(2), g.o.Today), n-3
		add(pl)
		// One of mine carried through four 1:1s unchanged: stale.
		pl = g.commitment(r, p, dates, n-4, journal.Me, noteStyle)
		pl.dueToken, pl.due, pl.moveAt = "", 0, 0
		pl.fate, pl.resolved, pl.last = journal.StateDone, never, n-1
		add(pl)
		for _, pl := range g.lingering(r, p, dates, noteStyle) {
			add(pl)
		}
	}
	for _, pl := range plans {
		pl.id = g.blockID()
		for k := pl.first; k <= pl.last; k++ {
			byMeeting[k] = append(byMeeting[k], pl)
		}
	}
	out := make([]journal.Meeting, n)
	for k, d := range dates {
		out[k] = journal.Meeting{Person: p.Handle, Date: d, Time: at,
			Note: g.weeklyParts(r, i, p, noteStyle, k, n, d, g.note(r, p, first, noteStyle, dates, k, byMeeting[k]))}
	}
	return out, st
}

// blockID returns a new block id in the journal's own form (four base-36
// characters). The demo writes every id itself, as a journal's notes hold
// them after their first save: the journal then has nothing to stamp, which
// keeps the decade corpus quick to build, and a carried item's id is known
// before the note that first holds it is stored.
func (g *generator) blockID() string {
	for {
		g.nextID++
		h := fnv.New64a()
		fmt.Fprintf(h, "demo/%d/%d", g.o.Seed, g.nextID)
		id := strconv.FormatUint(h.Sum64(), 36)
		id = id[len(id)-4:]
		if !g.ids[id] {
			g.ids[id] = true
			return id
		}
	}
}

// commitment plans a promise made at meeting k: its text, due date and fate.
func (g *generator) commitment(r *rand.Rand, p journal.Person, dates []journal.Date, k int, owner journal.Owner, noteStyle int) *plan {
	d := dates[k]
	src := myCommitments
	if owner == journal.Them {
		src = theirCommitments
	}
	pl := &plan{kind: journal.Commitment, owner: owner, first: k, last: k, style: r.IntN(1 << 16)}
	pl.text = fill(r, src[r.IntN(len(src))], p.FirstName(), "")
	if noteStyle == 1 {
		pl.prefix = ownerPrefix(r, owner, p)
	}
	pl.dueToken, pl.due = dueToken(r, d)

	// The fate: kept, kept late, dropped, forgotten, or done much later.
	basis := pl.due
	if basis.IsZero() {
		basis = d.AddDays(7 + r.IntN(14))
	}
	slack := max(0, int(basis-d))
	pl.fate = journal.StateDone
	switch x := r.IntN(1000); {
	case x < 700:
		pl.resolved = d.AddDays(r.IntN(slack + 1))
	case x < 820:
		pl.resolved = basis.AddDays(1 + r.IntN(20))
	case x < 890:
		pl.fate, pl.resolved = journal.StateDropped, d.AddDays(3+r.IntN(28))
	case x < 905:
		pl.resolved = never
	default:
		pl.resolved = d.AddDays(14 + r.IntN(46))
	}
	g.carry(r, pl, dates)
	// A third of the promises carried with a date are re-dated at the next
	// 1:1: half of those in time (renegotiated), half on the day of that
	// 1:1, which has often passed the date (slipped).
	if pl.last > pl.first && !pl.due.IsZero() && r.IntN(3) == 0 {
		pl.moveAt = pl.first + 1
		if r.IntN(2) == 0 {
			pl.moved = max(d, pl.due.AddDays(-r.IntN(3)))
		} else {
			pl.moved = dates[pl.moveAt]
		}
		pl.newDue = max(pl.due, pl.moved).AddDays(7 + r.IntN(14))
	}
	return pl
}

// followUp plans a topic raised at meeting k: mostly closed at the next 1:1,
// sometimes carried to the one after.
func (g *generator) followUp(r *rand.Rand, p journal.Person, dates []journal.Date, k int) *plan {
	pl := &plan{kind: journal.FollowUp, fate: journal.StateDone, first: k, last: k, style: r.IntN(1 << 16)}
	pl.text = fill(r, followUps[r.IntN(len(followUps))], p.FirstName(), "")
	wait := 1
	if r.IntN(5) == 0 {
		wait = 2
	}
	pl.resolved = never
	if k+wait < len(dates) {
		pl.resolved = dates[k+wait]
	}
	if wait == 2 && k+1 < len(dates) {
		pl.last = k + 1
	}
	return pl
}

// carry extends a plan over the next meetings while it is still open there,
// up to a few times: most promises are never carried.
func (g *generator) carry(r *rand.Rand, pl *plan, dates []journal.Date) {
	limit := 0
	switch x := r.IntN(100); {
	case x < 15:
		limit = 1
	case x < 22:
		limit = 2
	case x < 25:
		limit = 3
	}
	for pl.last+1 < len(dates) && pl.last-pl.first < limit && dates[pl.last+1] < pl.resolved {
		pl.last++
	}
}

// dueToken picks how a promise's due date is written, and the date it
// means when said at a meeting on d.
func dueToken(r *rand.Rand, d journal.Date) (string, journal.Date) {
	var phrase string
	switch x := r.IntN(100); {
	case x < 15:
		return "", 0
	case x < 30:
		due := d.AddDays(2 + r.IntN(20))
		return "due:" + due.String(), due
	case x < 38:
		due := d.AddDays(2 + r.IntN(20))
		return "📅 " + due.String(), due
	case x < 55:
		phrase = []string{"monday", "tuesday", "wednesday", "thursday", "friday", "fri", "next friday"}[r.IntN(7)]
	case x < 62:
		phrase = "tomorrow"
	case x < 72:
		phrase = "next week"
	case x < 80:
		phrase = "end of month"
	case x < 92:
		t := d.AddDays(5 + r.IntN(40)).Time()
		phrase = strings.ToLower(t.Month().String()[:3]) + " " + strconv.Itoa(t.Day())
	default:
		phrase = d.AddDays(3 + r.IntN(25)).String()
	}
	due, ok := journal.ResolveDue(phrase, d)
	if !ok {
		return "", 0
	}
	return "by " + phrase, due
}

// ownerPrefix writes the owner on the item itself, in one of the forms the
// note format knows.
func ownerPrefix(r *rand.Rand, owner journal.Owner, p journal.Person) string {
	if owner == journal.Me {
		return []string{"me: ", "me: ", "I: ", "@me "}[r.IntN(4)]
	}
	return []string{"them: ", p.Handle + ": ", "@" + p.Handle + " ", p.FirstName() + ": "}[r.IntN(4)]
}

// placeholders are the word lists a template's {name} draws from.
var placeholders = map[string][]string{
	"doc": docs, "team": teams, "topic": topics, "component": components,
	"incident": incidents, "growth": growth, "mood": moods, "opinion": opinions,
}

// fill replaces the placeholders of a template: {first} with the person's
// first name, {peer} with someone else's, the others with a random word of
// their list.
func fill(r *rand.Rand, s, first, peer string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		n := strings.IndexByte(s[i:], '}')
		if n < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		switch key := s[i+1 : i+n]; key {
		case "first":
			b.WriteString(first)
		case "peer":
			if peer == "" {
				if peer = firstNames[r.IntN(len(firstNames))]; peer == first {
					peer = "Sam"
				}
			}
			b.WriteString(peer)
		default:
			words := placeholders[key]
			b.WriteString(words[r.IntN(len(words))])
		}
		s = s[i+n+1:]
	}
}
