package journal

import (
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// LedgerSide counts the commitments of one direction of a relationship.
type LedgerSide struct {
	Kept     int // done on or before the due date, or done and undated
	KeptLate int // done after the due date
	DaysLate int // days late, summed over KeptLate
	Overdue  int // open and past due: promises not met
	Dropped  int // released openly; never counted against anyone
	Open     int // open and not yet due, or undated
}

// KeepRate returns kept ÷ (kept + kept late + overdue), and false when no
// promise has come due yet (the rate would be meaningless).
func (s LedgerSide) KeepRate() (float64, bool) {
	n := s.Kept + s.KeptLate + s.Overdue
	if n == 0 {
		return 0, false
	}
	return float64(s.Kept) / float64(n), true
}

func (s *LedgerSide) add(it Item, today Date) {
	fl := it.Flags(today)
	switch {
	case it.State == StateDropped:
		s.Dropped++
	case fl.Has(FlagKept):
		s.Kept++
	case fl.Has(FlagKeptLate):
		s.KeptLate++
		s.DaysLate += it.DaysLate()
	case fl.Has(FlagOverdue):
		s.Overdue++
	default:
		s.Open++
	}
}

// Ledger is the trust ledger between the owner and one person over a date
// range: my promises to them, and theirs to me.
type Ledger struct {
	Person   string
	From, To Date // zero for unbounded
	Mine     LedgerSide
	Theirs   LedgerSide
}

// ledgerDate places a commitment in time: its due date, else the day it was
// done, else the day it was first written down.
func ledgerDate(it Item) Date {
	switch {
	case !it.Due.IsZero():
		return it.Due
	case !it.Done.IsZero():
		return it.Done
	}
	return it.FirstSeen
}

// Ledger returns the ledger of one person for the commitments whose due
// date (or done date, or first-seen date, for undated ones) falls in
// [from, to]; zero bounds are open. States are as of today.
func (j *Journal) Ledger(handle string, from, to, today Date) (Ledger, error) {
	ls, err := j.ledgers(handle, []Ledger{{Person: handle, From: from, To: to}}, today)
	if err != nil {
		return Ledger{}, err
	}
	return ls[0], nil
}

// MonthlyLedger returns a person's ledger for each of the last n calendar
// months up to today's, oldest first, so that a trend can be drawn.
func (j *Journal) MonthlyLedger(handle string, n int, today Date) ([]Ledger, error) {
	if n < 0 || n > 1200 {
		return nil, fmt.Errorf("monthly ledger of %d months: ask for 0 to 1200: %w", n, ErrInvalid)
	}
	out := make([]Ledger, n)
	t := today.Time()
	for i := range out {
		first := NewDate(t.Year(), t.Month()-monthOffset(n, i), 1)
		ft := first.Time()
		last := NewDate(ft.Year(), ft.Month()+1, 0)
		out[i] = Ledger{Person: handle, From: first, To: last}
	}
	return j.ledgers(handle, out, today)
}

// ledgers fills each of the given ledgers, whose periods do not overlap,
// from one read of the person's commitments.
func (j *Journal) ledgers(handle string, periods []Ledger, today Date) ([]Ledger, error) {
	err := j.view(func(tx *bolt.Tx) error {
		if _, err := getPerson(tx, handle); err != nil {
			return err
		}
		items, err := personItems(tx, handle)
		if err != nil {
			return err
		}
		for _, it := range items {
			if it.Kind != Commitment {
				continue
			}
			d := ledgerDate(it)
			for i := range periods {
				l := &periods[i]
				if (l.From != 0 && d < l.From) || (l.To != 0 && d > l.To) {
					continue
				}
				if it.Owner == Them {
					l.Theirs.add(it, today)
				} else {
					l.Mine.add(it, today)
				}
				break
			}
		}
		return nil
	})
	return periods, err
}

func monthOffset(n, i int) time.Month { return time.Month(n - 1 - i) }
