package journal

// ItemJSON is an item as scripts read it (SPEC 6): names, not numbers,
// snake_case fields, dates as YYYY-MM-DD. It is the one shape of an item in
// every JSON the journal's clients write — listings and the export alike —
// so the two never drift apart.
type ItemJSON struct {
	ID          string   `json:"id"`
	Kind        string   `json:"kind"`
	Owner       string   `json:"owner,omitempty"`
	Direction   string   `json:"direction,omitempty"`
	State       string   `json:"state"`
	Text        string   `json:"text"`
	Due         Date     `json:"due,omitempty"`
	Done        Date     `json:"done,omitempty"`
	Flags       []string `json:"flags"`
	DaysOverdue int      `json:"days_overdue,omitempty"`
	DaysLate    int      `json:"days_late,omitempty"`
	Person      string   `json:"person"`
	Meeting     string   `json:"meeting"`
	Date        Date     `json:"date"`
	FirstSeen   Date     `json:"first_seen,omitempty"`
	Carried     int      `json:"carried"`
	Line        int      `json:"line"`
	// Commitments only: the graded outcome (SPEC 3), the due date it is
	// judged against, and every due date with the day it was set.
	Outcome      string       `json:"outcome,omitempty"`
	EffectiveDue Date         `json:"effective_due,omitempty"`
	History      []DueSetJSON `json:"history,omitempty"`
}

// DueSetJSON is one due date an item has had and the day it was set.
type DueSetJSON struct {
	Due Date `json:"due"`
	Set Date `json:"set"`
}

// JSON returns the item as it stands on today in its JSON shape.
func (it Item) JSON(today Date) ItemJSON {
	v := ItemJSON{
		ID: it.ID, Kind: it.Kind.String(), State: it.State.String(), Text: it.Text,
		Due: it.Due, Done: it.Done, Flags: it.Flags(today).Names(),
		DaysOverdue: it.DaysOverdue(today), DaysLate: it.DaysLate(),
		Person: it.Person, Meeting: it.Meeting.String(), Date: it.Date, FirstSeen: it.FirstSeen,
		Carried: it.Carried, Line: it.Line,
	}
	if it.Kind == Commitment {
		v.Owner = it.Owner.String()
		v.Outcome = it.Outcome(today).Key()
		v.EffectiveDue = it.EffectiveDue()
	}
	if it.Kind == Feedback {
		v.Direction = it.Direction.String()
	}
	for _, h := range it.History {
		v.History = append(v.History, DueSetJSON(h))
	}
	if v.Flags == nil {
		v.Flags = []string{}
	}
	return v
}
