package journal

import (
	"fmt"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"
)

// LedgerSide counts the commitments of one direction of a relationship,
// graded as SPEC 3 says: each commitment counts once, in its Outcome;
// Renegotiated counts, besides, those whose date was ever moved in time.
type LedgerSide struct {
	Kept         int // done on or before the effective due date, or done and undated
	KeptLate     int // done after the effective due date
	DaysLate     int // days late, summed over KeptLate
	Slipped      int // open, not past the date in force, but moved after a date had passed
	Overdue      int // open and past due: promises not met
	Dropped      int // released openly; never counted against anyone
	Open         int // open and not yet due, or undated
	Renegotiated int // moved on or before the day they were due, at least once, whatever the outcome
}

// KeepRate returns kept ÷ (kept + kept late + slipped + overdue), and false
// when no promise has come due yet (the rate would be meaningless).
func (s LedgerSide) KeepRate() (float64, bool) {
	n := s.Graded()
	if n == 0 {
		return 0, false
	}
	return float64(s.Kept) / float64(n), true
}

// Graded returns the commitments the keep rate is taken over: kept, kept
// late, slipped and overdue.
func (s LedgerSide) Graded() int { return s.Kept + s.KeptLate + s.Slipped + s.Overdue }

// Total returns every commitment counted, each once.
func (s LedgerSide) Total() int { return s.Graded() + s.Dropped + s.Open }

// Count returns how many commitments have the outcome.
func (s LedgerSide) Count(o Outcome) int {
	if c := s.counter(o); c != nil {
		return *c
	}
	return 0
}

// counter is the figure of s that counts outcome o, nil for none.
func (s *LedgerSide) counter(o Outcome) *int {
	switch o {
	case OutcomeKept:
		return &s.Kept
	case OutcomeKeptLate:
		return &s.KeptLate
	case OutcomeSlipped:
		return &s.Slipped
	case OutcomeOverdue:
		return &s.Overdue
	case OutcomeDropped:
		return &s.Dropped
	case OutcomeOpen:
		return &s.Open
	}
	return nil
}

// count counts one commitment with outcome o; an outcome with no figure
// of its own is open.
func (s *LedgerSide) count(o Outcome) {
	c := s.counter(o)
	if c == nil {
		c = &s.Open
	}
	*c++
}

func (s *LedgerSide) add(it Item, today Date) {
	o := it.Outcome(today)
	s.count(o)
	if o == OutcomeKeptLate {
		s.DaysLate += it.DaysLate()
	}
	if it.Renegotiated() {
		s.Renegotiated++
	}
}

func (s *LedgerSide) plus(o LedgerSide) {
	s.Kept += o.Kept
	s.KeptLate += o.KeptLate
	s.DaysLate += o.DaysLate
	s.Slipped += o.Slipped
	s.Overdue += o.Overdue
	s.Dropped += o.Dropped
	s.Open += o.Open
	s.Renegotiated += o.Renegotiated
}

// Ledger is the trust ledger between the owner and one person (or, with
// Person empty, everyone: the team line) over a date range: my promises to
// them, and theirs to me.
type Ledger struct {
	Person   string // a handle; empty for the whole journal
	From, To Date   // zero for unbounded
	Mine     LedgerSide
	Theirs   LedgerSide
}

// LedgerDate places a commitment in time (SPEC 3): its effective due date,
// else the day it was done, else the day it was first written down. The
// ledger of a range counts the commitments whose date falls in it.
func LedgerDate(it Item) Date {
	if d := it.EffectiveDue(); !d.IsZero() {
		return d
	}
	if !it.Done.IsZero() {
		return it.Done
	}
	return it.FirstSeen
}

// Period is a date range, both ends included; a zero end is open.
type Period struct{ From, To Date }

// Has reports whether d falls in the period.
func (p Period) Has(d Date) bool { return (p.From == 0 || d >= p.From) && (p.To == 0 || d <= p.To) }

// Previous returns the period of the same length just before p, for a
// comparison. An open-ended period has none: ok is false.
func (p Period) Previous() (Period, bool) {
	if p.From == 0 || p.To == 0 || p.To < p.From {
		return Period{}, false
	}
	n := int(p.To-p.From) + 1
	return Period{From: p.From.AddDays(-n), To: p.From.AddDays(-1)}, true
}

// Months returns the calendar months that meet [from, to], oldest first,
// each cut to the range.
func Months(from, to Date) []Period { return calendarPeriods(from, to, 1) }

// Quarters returns the calendar quarters that meet [from, to], oldest
// first, each cut to the range.
func Quarters(from, to Date) []Period { return calendarPeriods(from, to, 3) }

func calendarPeriods(from, to Date, months int) []Period {
	if from <= 0 || to < from {
		return nil
	}
	var out []Period
	ft := from.Time()
	start := NewDate(ft.Year(), ft.Month()-time.Month((int(ft.Month())-1)%months), 1)
	for start <= to && len(out) < 1200 {
		st := start.Time()
		next := NewDate(st.Year(), st.Month()+time.Month(months), 1)
		p := Period{From: max(start, from), To: min(next.AddDays(-1), to)}
		out = append(out, p)
		start = next
	}
	return out
}

// Ledger returns the ledger of one person for the commitments whose
// LedgerDate falls in [from, to]; zero bounds are open. Outcomes are as of
// today.
func (j *Journal) Ledger(handle string, from, to, today Date) (Ledger, error) {
	ls, err := j.Ledgers(handle, []Period{{From: from, To: to}}, today)
	if err != nil {
		return Ledger{}, err
	}
	return ls[0], nil
}

// TeamLedger is Ledger over every person's commitments, archived people's
// included: the whole journal's figures for my promises and theirs.
func (j *Journal) TeamLedger(from, to, today Date) (Ledger, error) {
	return j.Ledger("", from, to, today)
}

// MonthlyLedger returns a person's ledger for each of the last n calendar
// months up to today's, oldest first, so that a trend can be drawn.
func (j *Journal) MonthlyLedger(handle string, n int, today Date) ([]Ledger, error) {
	if n < 0 || n > 1200 {
		return nil, fmt.Errorf("monthly ledger of %d months: ask for 0 to 1200: %w", n, ErrInvalid)
	}
	periods := make([]Period, n)
	t := today.Time()
	for i := range periods {
		first := NewDate(t.Year(), t.Month()-monthOffset(n, i), 1)
		ft := first.Time()
		periods[i] = Period{From: first, To: NewDate(ft.Year(), ft.Month()+1, 0)}
	}
	return j.Ledgers(handle, periods, today)
}

// Ledgers returns a person's ledger (everyone's when handle is empty) for
// each period, from one read of their commitments: a commitment counts in
// every period that holds its LedgerDate. It reads the derived item
// records, never the notes.
func (j *Journal) Ledgers(handle string, periods []Period, today Date) ([]Ledger, error) {
	out := make([]Ledger, len(periods))
	for i, p := range periods {
		out[i] = Ledger{Person: handle, From: p.From, To: p.To}
	}
	err := j.eachCommitment(handle, func(it Item) {
		d := LedgerDate(it)
		for i := range out {
			if !periods[i].Has(d) {
				continue
			}
			if it.Owner == Them {
				out[i].Theirs.add(it, today)
			} else {
				out[i].Mine.add(it, today)
			}
		}
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// LedgerItems returns the commitments behind a ledger's figures: a
// person's (everyone's when handle is empty) whose LedgerDate falls in
// [from, to], with one of the outcomes (any when none is given), in
// LedgerDate order. Each item carries its due-date history.
func (j *Journal) LedgerItems(handle string, from, to, today Date, outcomes ...Outcome) ([]Item, error) {
	want := map[Outcome]bool{}
	for _, o := range outcomes {
		want[o] = true
	}
	p := Period{From: from, To: to}
	var out []Item
	err := j.eachCommitment(handle, func(it Item) {
		if p.Has(LedgerDate(it)) && (len(want) == 0 || want[it.Outcome(today)]) {
			out = append(out, it)
		}
	})
	sort.SliceStable(out, func(a, b int) bool { return LedgerDate(out[a]) < LedgerDate(out[b]) })
	return out, err
}

// eachCommitment calls fn for every commitment of a person, or of everyone
// when handle is empty, as its derived record holds it.
func (j *Journal) eachCommitment(handle string, fn func(Item)) error {
	return j.view(func(tx *bolt.Tx) error {
		if handle != "" {
			if _, err := getPerson(tx, handle); err != nil {
				return err
			}
		}
		return eachPersonItem(tx, handle, func(it Item) {
			if it.Kind == Commitment {
				fn(it)
			}
		})
	})
}

// Add returns the sum of two ledgers' counts, for the team line.
func (l Ledger) Add(o Ledger) Ledger {
	l.Mine.plus(o.Mine)
	l.Theirs.plus(o.Theirs)
	return l
}

func monthOffset(n, i int) time.Month { return time.Month(n - 1 - i) }

// RateChange is how a keep rate moved from one period to the next, in
// percentage points. Known is false when either period has no rate.
type RateChange struct {
	Points float64
	Known  bool
}

// ChangeFrom is the change of s's keep rate since prev.
func (s LedgerSide) ChangeFrom(prev LedgerSide) RateChange {
	a, ok1 := s.KeepRate()
	b, ok2 := prev.KeepRate()
	if !ok1 || !ok2 {
		return RateChange{}
	}
	return RateChange{Points: (a - b) * 100, Known: true}
}

// Arrow is the change's direction: "▲", "▼", "=" within half a point, or
// "" when it cannot be told.
func (c RateChange) Arrow() string {
	switch {
	case !c.Known:
		return ""
	case c.Points >= 0.5:
		return "▲"
	case c.Points <= -0.5:
		return "▼"
	}
	return "="
}

// String is the change with its size — "▲ 12 pts", "▼ 3 pts", "= 0 pts" —
// or "-" when it cannot be told.
func (c RateChange) String() string {
	switch c.Arrow() {
	case "":
		return "-"
	case "=":
		return "= 0 pts"
	}
	p := c.Points
	if p < 0 {
		p = -p
	}
	return fmt.Sprintf("%s %.0f pts", c.Arrow(), p)
}
