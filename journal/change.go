package journal

import (
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// ChangeItem ticks, drops, re-opens or re-dates an item by rewriting its
// line in the latest note it appears in, and stores that note as SaveMeeting
// does. The id names the item of ch.Person, or of the one person whose
// notes use it: when several do and ch.Person is empty, it fails with an
// *AmbiguousError naming them. It fails with ErrNoteChanged when ch.Seen no
// longer matches.
//
// A re-date keeps the old date in the note, struck, with the day of the
// move (SPEC 2.1): "~~due:2026-12-11~~ (moved 2026-12-16) due:2027-01-17".
func (j *Journal) ChangeItem(id string, ch Change, today Date) (Item, error) {
	var out Item
	err := j.writeNotes(func(tx *bolt.Tx, te termEdits) error {
		handle, err := itemOwner(tx, id, ch.Person)
		if err != nil {
			return err
		}
		it, err := getPersonItem(tx, handle, id)
		if err != nil {
			return err
		}
		if err := changeInNote(tx, it.Meeting, id, ch, today, te); err != nil {
			return err
		}
		out, err = getPersonItem(tx, handle, id)
		return err
	})
	return out, err
}

// changeInNote rewrites one item's line in a meeting's note and stores the
// note, in the caller's transaction.
func changeInNote(tx *bolt.Tx, mid MeetingID, id string, ch Change, today Date, te termEdits) error {
	m, err := getMeeting(tx, mid)
	if err != nil {
		return err
	}
	p, err := getPerson(tx, m.Person)
	if err != nil {
		return err
	}
	keeper, err := keeperOf(tx)
	if err != nil {
		return err
	}
	note, err := rewriteItem([]byte(m.Note), p.noteContext(m.Date, keeper), id, ch, today)
	if err != nil {
		return fmt.Errorf("change item %s in meeting %s: %w", id, m.ID, err)
	}
	old := m
	m.Note = string(note)
	m.Rev++
	return storeMeeting(tx, &old, &m, p, today, te)
}

// Action is a change to one item, made by rewriting its line in the note.
type Action uint8

// String returns what the action did, as a user reads it ("ticked").
func (a Action) String() string {
	switch a {
	case ActionDone:
		return "ticked"
	case ActionDrop:
		return "dropped"
	case ActionReopen:
		return "re-opened"
	case ActionRedate:
		return "re-dated"
	}
	return ""
}

// Change is what ChangeItem does to an item.
type Change struct {
	Action Action
	Due    Date // the new due date, for ActionRedate
	// Person is the handle of the item's person. It may be left empty
	// when only one person's notes use the id.
	Person string
	// Seen, when set, is the item's Text as the caller last saw it. The
	// change is refused with ErrNoteChanged if the note now says otherwise,
	// so a stale screen never rewrites the wrong promise.
	Seen string
}

// CarriedChange is a change of an item made in an older note that the
// journal applied to the item's latest note too (SPEC 2.1: a tick never
// silently fails to take).
type CarriedChange struct {
	Item    Item      // the item as it stands after the change
	Action  Action    // what was done to it
	Meeting MeetingID // the later note that was changed with it
	Date    Date      // that note's date
}

// String says what happened, for the user: "^c7f3 also ticked in the 1:1
// of 2026-11-30".
func (c CarriedChange) String() string {
	return fmt.Sprintf("^%s also %s in the 1:1 of %s", c.Item.ID, c.Action, c.Date)
}

// SaveMeetingCarry is SaveMeeting that also applies to each item's latest
// note the changes of state or due date the saved note makes to items it
// shares with later notes, in the same transaction, and returns them.
func (j *Journal) SaveMeetingCarry(m Meeting, stamp Date) (Meeting, []CarriedChange, error) {
	var carried []CarriedChange
	saved, err := j.saveMeeting(m, stamp, func(tx *bolt.Tx, old, m *Meeting, te termEdits) error {
		var err error
		carried, err = carryChanges(tx, old, m, stamp, te)
		return err
	})
	if err != nil {
		return Meeting{}, nil, err
	}
	return saved, carried, nil
}

// carryChanges applies to the latest occurrence of each item the change
// the note m made to it (compared with old), when a later note holds it.
func carryChanges(tx *bolt.Tx, old, m *Meeting, stamp Date, te termEdits) ([]CarriedChange, error) {
	if old.Person != m.Person {
		return nil, nil // the items became another person's: nothing to carry
	}
	before := byID(old.Items)
	var out []CarriedChange
	for _, now := range m.Items {
		was, ok := before[now.ID]
		if now.ID == "" || !ok || (was.State == now.State && was.Due == now.Due) {
			continue
		}
		cur, err := getPersonItem(tx, m.Person, now.ID)
		if err != nil || cur.Meeting == m.ID {
			continue // this note is the latest: it decides already
		}
		var chs []Change
		if was.State != now.State && cur.State != now.State {
			a := map[State]Action{StateDone: ActionDone, StateDropped: ActionDrop, StateOpen: ActionReopen}[now.State]
			chs = append(chs, Change{Action: a})
		}
		if was.Due != now.Due && !now.Due.IsZero() && cur.Due != now.Due {
			chs = append(chs, Change{Action: ActionRedate, Due: now.Due})
		}
		for _, ch := range chs {
			day := stamp
			if ch.Action == ActionDone && !now.Done.IsZero() {
				day = now.Done
			}
			if err := changeInNote(tx, cur.Meeting, now.ID, ch, day, te); err != nil {
				return nil, err
			}
			it, err := getPersonItem(tx, m.Person, now.ID)
			if err != nil {
				return nil, err
			}
			out = append(out, CarriedChange{Item: it, Action: ch.Action, Meeting: cur.Meeting, Date: cur.Date})
		}
	}
	return out, nil
}
