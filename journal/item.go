package journal

// Kind says what an item is.
type Kind uint8

// The kinds of item a note holds (SPEC 1, 2.1–2.2).
const (
	Commitment     Kind = iota + 1 // a promise, with an owner and a state
	FollowUp                       // a topic to raise at a later 1:1
	Win                            // an achievement to recognise
	Feedback                       // feedback given or received
	FeedbackToGive                 // praise or a correction not yet told: open until ticked
)

var kindNames = [...]string{Commitment: "commitment", FollowUp: "follow-up", Win: "win", Feedback: "feedback", FeedbackToGive: "feedback to give"}

// String returns the kind's name as the spec writes it ("follow-up").
func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return "unknown"
}

// Owner says who made a commitment: me (the journal's owner) or them (the
// meeting's person).
type Owner uint8

// The two sides of a promise.
const (
	Me Owner = iota + 1
	Them
)

// String returns "me" or "them".
func (o Owner) String() string {
	switch o {
	case Me:
		return "me"
	case Them:
		return "them"
	}
	return ""
}

// State is where a commitment or follow-up stands.
type State uint8

// The states of a commitment (SPEC 2.1). Wins and feedback are always
// StateOpen.
const (
	StateOpen    State = iota + 1 // - [ ]
	StateDone                     // - [x] or - [X]
	StateDropped                  // - [-] or - [~]: released openly, never broken
)

// String returns "open", "done" or "dropped".
func (s State) String() string {
	switch s {
	case StateOpen:
		return "open"
	case StateDone:
		return "done"
	case StateDropped:
		return "dropped"
	}
	return ""
}

// Direction says which way feedback went.
type Direction uint8

// Feedback directions; a feedback entry without a given:/received: prefix
// has no direction.
const (
	Given Direction = iota + 1
	Received
)

// String returns "given", "received" or "".
func (d Direction) String() string {
	switch d {
	case Given:
		return "given"
	case Received:
		return "received"
	}
	return ""
}

// Item is one structured line of a meeting note: a commitment, follow-up,
// win or feedback entry.
//
// Extract fills the fields up to Line from one note. The journal fills the
// rest when it answers queries, where an Item stands for every occurrence of
// the same block id across notes and the latest one decides its state.
type Item struct {
	ID        string    // block id without the caret ("c7f3"); empty for wins, feedback and unsaved items
	Kind      Kind      //
	Owner     Owner     // commitments only
	Direction Direction // feedback only
	State     State     //
	Text      string    // the item's text after the checkbox, without its block id
	Due       Date      // zero when undated
	Done      Date      // zero unless a done date is written
	Line      int       // 1-based line of the item in its note

	Person    string    // handle of the meeting's person
	Meeting   MeetingID // the latest meeting the item appears in
	Date      Date      // that meeting's date
	FirstSeen Date      // date of the first meeting the item appears in
	Carried   int       // how many notes the item appears in (1 = never carried)
	// History is every due date the item has had, oldest first, each with
	// the day it was set (SPEC 2.1); the last is Due. Empty for an item
	// never dated.
	History []DueSet
	// Unchanged is how many notes in a row, up to the latest, hold the item
	// with the same state, text and due date: three or more make an open
	// item stale.
	Unchanged int
}

// Flag is a set of the flags of SPEC 3.
type Flag uint16

// The flags a commitment can carry. Overdue, DueSoon and Undated are
// exclusive of each other, as are Kept and KeptLate.
const (
	FlagOverdue      Flag = 1 << iota // open and due before today: not met
	FlagDueSoon                       // open and due within the next 3 days
	FlagUndated                       // open without a due date
	FlagKept                          // done on or before its due date, or done and undated
	FlagKeptLate                      // done after its due date
	FlagCarried                       // open and present in more than one note
	FlagSlipped                       // open, and its due date was moved after it had passed
	FlagRenegotiated                  // its due date was moved on or before the day it was due
	FlagStale                         // open, in StaleNotes or more notes unchanged in state, text and due
)

// StaleNotes is how many notes in a row must hold an open item unchanged
// for it to be stale.
const StaleNotes = 3

// DueSoonDays is how far ahead "due soon" looks.
const DueSoonDays = 3

var flagNames = []struct {
	f    Flag
	name string
}{
	{FlagOverdue, "overdue"}, {FlagDueSoon, "due_soon"}, {FlagUndated, "undated"},
	{FlagKept, "kept"}, {FlagKeptLate, "kept_late"}, {FlagCarried, "carried"},
	{FlagSlipped, "slipped"}, {FlagRenegotiated, "renegotiated"}, {FlagStale, "stale"},
}

// Names returns the flags' names in a fixed order ("overdue", "due_soon",
// "carried"), snake_case as JSON field values are (SPEC 6).
func (f Flag) Names() []string {
	var out []string
	for _, n := range flagNames {
		if f&n.f != 0 {
			out = append(out, n.name)
		}
	}
	return out
}

// Has reports whether every flag in g is set in f.
func (f Flag) Has(g Flag) bool { return f&g == g }

// Flags returns the flags of a commitment as of today. Items of other kinds
// get FlagCarried and FlagStale at most. Kept and kept late are judged
// against the effective due date (SPEC 3), as the ledger judges them.
func (it Item) Flags(today Date) Flag {
	var f Flag
	if it.State == StateOpen && it.Carried > 1 {
		f |= FlagCarried
	}
	if it.State == StateOpen && it.Unchanged >= StaleNotes && (it.Kind == Commitment || it.Kind == FollowUp) {
		f |= FlagStale
	}
	if it.Kind != Commitment {
		return f
	}
	moves := it.Moves()
	for _, mv := range moves {
		if mv.Slip() && it.State == StateOpen {
			f |= FlagSlipped
		}
		if mv.Renegotiation() {
			f |= FlagRenegotiated
		}
	}
	switch it.State {
	case StateOpen:
		switch {
		case it.Due.IsZero():
			f |= FlagUndated
		case it.Due < today:
			f |= FlagOverdue
		case it.Due <= today.AddDays(DueSoonDays):
			f |= FlagDueSoon
		}
	case StateDone:
		if it.DaysLate() > 0 {
			f |= FlagKeptLate
		} else {
			f |= FlagKept
		}
	}
	return f
}

// DaysOverdue returns how many days an open commitment is past its due date
// as of today, or 0.
func (it Item) DaysOverdue(today Date) int {
	if it.Kind != Commitment || it.State != StateOpen || it.Due.IsZero() || it.Due >= today {
		return 0
	}
	return int(today - it.Due)
}

// DaysLate returns how many days after its effective due date (SPEC 3) a
// commitment was done, or 0.
func (it Item) DaysLate() int {
	if it.State != StateDone || it.Done.IsZero() {
		return 0
	}
	eff := it.EffectiveDue()
	if eff.IsZero() || it.Done <= eff {
		return 0
	}
	return int(it.Done - eff)
}

// The actions ChangeItem takes.
const (
	ActionDone   Action = iota + 1 // tick: - [x], stamped done:<today>
	ActionDrop                     // - [-]
	ActionReopen                   // - [ ], done date removed
	ActionRedate                   // set the due date to Change.Due
)
