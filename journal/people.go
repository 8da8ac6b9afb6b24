package journal

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"
)

var handleRE = lazyRegexp(`^[a-z0-9][a-z0-9._-]{0,31}$`)

// ValidHandle reports whether h can be a person's handle: 1 to 32 lower-case
// letters, digits, '.', '_' or '-', starting with a letter or digit.
func ValidHandle(h string) bool { return handleRE().MatchString(h) }

// normalise fills defaults and checks what a person record must hold.
func (p *Person) normalise() error {
	p.Name = strings.TrimSpace(p.Name)
	if !utf8.ValidString(p.Name) || !utf8.ValidString(p.Context) {
		return fmt.Errorf("name or context is not UTF-8 text; save it as UTF-8: %w", ErrInvalid)
	}
	if !ValidHandle(p.Handle) {
		return fmt.Errorf("handle %q: use 1 to 32 lower-case letters, digits, '.', '_' or '-': %w", p.Handle, ErrInvalid)
	}
	if p.Name == "" {
		p.Name = p.Handle
	}
	if p.Role == "" {
		p.Role = RoleReport
	}
	if !slices.Contains(Roles, p.Role) {
		return fmt.Errorf("role %q: use one of report, peer, manager, stakeholder, other: %w", p.Role, ErrInvalid)
	}
	if p.Cadence == 0 {
		p.Cadence = DefaultCadence
	}
	if p.Cadence < 1 || p.Cadence > 366 {
		return fmt.Errorf("cadence %d: use a number of days from 1 to 366: %w", p.Cadence, ErrInvalid)
	}
	return nil
}

// AddPerson adds a person. It fails with ErrExists when the handle is
// taken and ErrInvalid when a field is not acceptable. Empty fields get
// defaults: name = handle, role = report, cadence = DefaultCadence.
func (j *Journal) AddPerson(p Person) (Person, error) {
	if err := p.normalise(); err != nil {
		return Person{}, err
	}
	err := j.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketPeople)
		if b.Get([]byte(p.Handle)) != nil {
			return fmt.Errorf("person %q: %w", p.Handle, ErrExists)
		}
		if err := touchVault(tx, p.Handle); err != nil {
			return err
		}
		return b.Put([]byte(p.Handle), encodePerson(p))
	})
	return p, err
}

// UpdatePerson replaces the stored fields of the person with p's handle.
// A new name changes what the person's notes say (an "Alice:" prefix, an
// "Alice's commitments" heading), so their items are derived again in the
// same transaction.
func (j *Journal) UpdatePerson(p Person) (Person, error) {
	if err := p.normalise(); err != nil {
		return Person{}, err
	}
	err := j.writeNotes(func(tx *bolt.Tx, te termEdits) error { return updatePersonTx(tx, te, p) })
	return p, err
}

// updatePersonTx is UpdatePerson in the caller's transaction.
func updatePersonTx(tx *bolt.Tx, te termEdits, p Person) error {
	{
		old, err := getPerson(tx, p.Handle)
		if err != nil {
			return err
		}
		if err := touchVault(tx, p.Handle); err != nil {
			return err
		}
		var notes []Meeting
		if old.Name != p.Name {
			err := eachPersonMeeting(tx, p.Handle, false, func(id MeetingID) (bool, error) {
				m, err := getMeeting(tx, id)
				notes = append(notes, m)
				return err == nil, err
			})
			if err != nil {
				return err
			}
		}
		if err := tx.Bucket(bucketPeople).Put([]byte(p.Handle), encodePerson(p)); err != nil {
			return err
		}
		for _, m := range notes {
			before, after := m, m
			if err := storeMeeting(tx, &before, &after, p, 0, te); err != nil {
				return err
			}
		}
		return nil
	}
}

// SetArchived archives a person (hidden from lists and flags, notes kept)
// or brings them back.
func (j *Journal) SetArchived(handle string, archived bool) error {
	return j.update(func(tx *bolt.Tx) error {
		p, err := getPerson(tx, handle)
		if err != nil {
			return err
		}
		p.Archived = archived
		if err := touchVault(tx, p.Handle); err != nil {
			return err
		}
		return tx.Bucket(bucketPeople).Put([]byte(p.Handle), encodePerson(p))
	})
}

// Person returns the person with that handle, or ErrNotFound.
func (j *Journal) Person(handle string) (Person, error) {
	var p Person
	err := j.view(func(tx *bolt.Tx) (err error) {
		p, err = getPerson(tx, handle)
		return err
	})
	return p, err
}

func getPerson(tx *bolt.Tx, handle string) (Person, error) {
	v := tx.Bucket(bucketPeople).Get([]byte(handle))
	if v == nil {
		return Person{}, fmt.Errorf("no person with handle %q: %w", handle, ErrNotFound)
	}
	p, err := decodePerson(v)
	if err != nil {
		return Person{}, fmt.Errorf("person %q: %w", handle, err)
	}
	return p, nil
}

// People returns everyone, sorted by handle; archived people only when
// withArchived is set.
func (j *Journal) People(withArchived bool) ([]Person, error) {
	var out []Person
	err := j.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketPeople).ForEach(func(k, v []byte) error {
			p, err := decodePerson(v)
			if err != nil {
				return fmt.Errorf("person %s: %w", keyName(k), err)
			}
			if withArchived || !p.Archived {
				out = append(out, p)
			}
			return nil
		})
	})
	return out, err
}
