// Package journal is the domain and storage of 1on1, a journal of one-on-one
// meetings: people, markdown meeting notes, and what the notes say between
// two people over time — commitments in both directions, follow-ups, wins
// and feedback — with flags for every promise not met and a trust ledger.
//
// A Journal is one bbolt file. Every write is one transaction that stores
// the note together with everything derived from it (items, indexes), so the
// two never disagree. Notes stay the single source of truth: items are
// extracted from their markdown (Extract), and changing an item rewrites its
// line in the note (ChangeItem).
//
// Queries take today's date as an argument, so the past can be reviewed and
// tests need no clock. The package knows nothing of terminals.
//
// A journal may mirror itself into a folder of markdown, its vault
// (InitVault): every write also writes the files it changed, and SyncVault
// takes in what other tools changed there, keeping both sides of a
// conflict.
package journal

import (
	"fmt"
	"strconv"
	"strings"
)

// Role is how a person relates to the journal's owner.
type Role string

// The roles of SPEC 1.
const (
	RoleReport      Role = "report"
	RolePeer        Role = "peer"
	RoleManager     Role = "manager"
	RoleStakeholder Role = "stakeholder"
	RoleOther       Role = "other"
)

// Roles lists the valid roles in the order a form offers them.
var Roles = []Role{RoleReport, RolePeer, RoleManager, RoleStakeholder, RoleOther}

// DefaultCadence is the days between 1:1s when a person has none set.
const DefaultCadence = 14

// Person is someone the owner holds 1:1s with. The handle is the person's
// key and cannot change once the person is added.
type Person struct {
	Handle   string // short, unique, lower case: "alice"
	Name     string // "Alice Martin"
	Role     Role
	Cadence  int    // days between 1:1s
	Context  string // free-form markdown notes about the person
	Archived bool
}

// FirstName returns the first word of the person's name, or the handle.
func (p Person) FirstName() string {
	if f := strings.Fields(p.Name); len(f) > 0 {
		return f[0]
	}
	return p.Handle
}

// noteContext is what extraction needs to know about the person.
func (p Person) noteContext(date Date, k Keeper) NoteContext {
	return NoteContext{Date: date, Handle: p.Handle, Name: p.Name, Role: p.Role, Keeper: k}
}

// MeetingID identifies a meeting. Its high 32 bits are the meeting's date
// and its low 32 bits a journal-wide sequence number, so ids sort by date.
type MeetingID uint64

func newMeetingID(d Date, seq uint64) MeetingID {
	return MeetingID(uint64(uint32(d))<<32 | seq&0xFFFFFFFF)
}

// Date returns the date the id was made for.
func (id MeetingID) Date() Date { return Date(int32(uint32(id >> 32))) }

// String returns the id as "2026-11-20.17": date and sequence number.
func (id MeetingID) String() string {
	return string(id.Append(make([]byte, 0, 16)))
}

// Append appends the form String returns to b.
func (id MeetingID) Append(b []byte) []byte {
	b = append(id.Date().Append(b), '.')
	return strconv.AppendUint(b, uint64(id)&0xFFFFFFFF, 10)
}

// ParseMeetingID parses the form String returns.
func ParseMeetingID(s string) (MeetingID, error) {
	ds, ns, ok := strings.Cut(s, ".")
	if !ok {
		return 0, fmt.Errorf("%q is not a meeting id (like 2026-11-20.17): %w", s, ErrInvalid)
	}
	d, err := ParseDate(ds)
	if err != nil {
		return 0, fmt.Errorf("%q is not a meeting id (like 2026-11-20.17): %w", s, ErrInvalid)
	}
	n, err := strconv.ParseUint(ns, 10, 32)
	if err != nil {
		return 0, fmt.Errorf("%q is not a meeting id (like 2026-11-20.17): %w", s, ErrInvalid)
	}
	return newMeetingID(d, n), nil
}

// Meeting is one 1:1 with one person on one date: a markdown note.
type Meeting struct {
	ID     MeetingID // set by the journal when the meeting is added
	Person string    // handle
	Date   Date
	Time   string // "14:30", or empty
	Note   string // the markdown, exactly as stored
	// Rev counts the saves of the note. SaveMeeting refuses a meeting whose
	// Rev is not the stored one, so two editors never overwrite each other.
	Rev uint64
	// Items are the items extracted from Note when it was saved.
	Items []Item
	// Pulse is the person's mood or energy at the meeting on a 0–10 scale,
	// read from the note (SPEC 2.2); HasPulse says whether it gives one.
	Pulse    int
	HasPulse bool
}
