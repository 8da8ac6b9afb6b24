package journal

import (
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// ChangeItem ticks, drops, re-opens or re-dates an item by rewriting its
// line in the latest note it appears in, and stores that note as SaveMeeting
// does. It fails with ErrNoteChanged when ch.Seen no longer matches.
func (j *Journal) ChangeItem(id string, ch Change, today Date) (Item, error) {
	var out Item
	err := j.writeNotes(func(tx *bolt.Tx, te termEdits) error {
		it, err := getItem(tx, id)
		if err != nil {
			return err
		}
		m, err := getMeeting(tx, it.Meeting)
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
		if err := storeMeeting(tx, &old, &m, p, today, te); err != nil {
			return err
		}
		out, err = getItem(tx, id)
		return err
	})
	return out, err
}

// Action is a change to one item, made by rewriting its line in the note.
type Action uint8

// Change is what ChangeItem does to an item.
type Change struct {
	Action Action
	Due    Date // the new due date, for ActionRedate
	// Seen, when set, is the item's Text as the caller last saw it. The
	// change is refused with ErrNoteChanged if the note now says otherwise,
	// so a stale screen never rewrites the wrong promise.
	Seen string
}
