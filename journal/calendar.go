package journal

import (
	"fmt"
	"hash/fnv"
	"io"
	"strconv"
	"strings"
	"unicode"

	bolt "go.etcd.io/bbolt"
)

// CalendarOptions narrow what WriteCalendar writes.
type CalendarOptions struct {
	Mine bool // only my commitments (the due 1:1s are written either way)
}

// WriteCalendar writes an iCalendar file (RFC 5545: CRLF line ends, lines
// folded at 75 octets, text escaped) with an all-day event on the due date
// of every open dated commitment of the active people — "alice → me: …"
// for theirs, "me → alice: …" for mine — and one for each active person's
// next 1:1: the day it falls due (last meeting + cadence), or today when
// it is already due.
//
// Every event's UID derives from the journal's salt and the item's block
// id (or the person's handle), so a calendar that re-reads the file moves
// and renames events instead of adding copies, and two journals never
// share a UID. The file holds nothing that changes from run to run but
// the journal itself and today: DTSTAMP is today at midnight UTC.
func (j *Journal) WriteCalendar(w io.Writer, today Date, opts CalendarOptions) error {
	people, err := j.People(false)
	if err != nil {
		return err
	}
	f := ItemFilter{}
	if opts.Mine {
		f.Owner = Me
	}
	open, err := j.OpenCommitments(f)
	if err != nil {
		return err
	}
	week, err := j.nextOneOnOnes(people, today)
	if err != nil {
		return err
	}
	var salt []byte
	err = j.view(func(tx *bolt.Tx) error {
		salt = append(salt, tx.Bucket(bucketMeta).Get(keyIDSalt)...)
		return nil
	})
	if err != nil {
		return err
	}
	uid := func(kind, key string) string {
		h := fnv.New64a()
		h.Write(salt)
		h.Write([]byte(kind + "/" + key))
		return strconv.FormatUint(h.Sum64(), 36) + "-" + kind + "@1on1"
	}

	var events []calEvent
	byHandle := map[string]Person{}
	for _, p := range people {
		byHandle[p.Handle] = p
	}
	allDay := func(id string, d Date, summary, desc string) {
		events = append(events, calEvent{uid: id, day: d, summary: calendarText(summary), details: calendarText(desc)})
	}
	for _, it := range open {
		p, ok := byHandle[it.Person]
		if !ok || it.Due.IsZero() || it.ID == "" {
			continue
		}
		// The event sits on the due date: the date tokens would say it twice.
		text := it.DisplayText()
		summary := "me → " + p.Handle + ": " + text
		if it.Owner == Them {
			summary = p.Handle + " → me: " + text
		}
		desc := fmt.Sprintf("Promised in the 1:1 with %s of %s (item ^%s).", p.Name, it.FirstSeen, it.ID)
		allDay(uid("item", it.ID), it.Due, summary, desc)
	}
	for _, n := range week {
		desc := fmt.Sprintf("Every %d days; the last was %s.", n.Person.Cadence, n.last)
		if n.last.IsZero() {
			desc = "No 1:1 yet."
		}
		allDay(uid("oneonone", n.Person.Handle), max(today, n.due), "1:1 with "+n.Person.Name, desc)
	}
	if err := writeICS(w, "1on1: promises and 1:1s", today.Time(), events); err != nil {
		return fmt.Errorf("write calendar: %w", err)
	}
	return nil
}

// calendarText keeps a note's text to one printable line: a calendar
// shows it raw, and a control character would end the line in some.
func calendarText(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
}
