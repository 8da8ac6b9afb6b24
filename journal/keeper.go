package journal

import (
	"fmt"
	"strings"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"
)

// Keeper is who keeps the journal (SPEC 2.4): their name, first name or
// handle used as an owner mark in a note ("@Robin Hale", "Robin to …")
// means me.
type Keeper struct {
	Name   string // "Jordan Lee"
	Handle string // optional: "jordan"
}

// IsZero reports whether no keeper is set.
func (k Keeper) IsZero() bool { return k.Name == "" && k.Handle == "" }

// maxKeeperName bounds a keeper's name: it is a name, not a note.
const maxKeeperName = 200

// SetKeeper records who keeps the journal, and reads every note again in
// the same transaction: a name that now means me changes the owner of the
// promises it marks. An empty Keeper clears it.
func (j *Journal) SetKeeper(k Keeper) error {
	k.Name = strings.Join(strings.Fields(k.Name), " ")
	k.Handle = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(k.Handle), "@")))
	if len(k.Name) > maxKeeperName || !utf8.ValidString(k.Name) || strings.ContainsAny(k.Name, "\x00\n\r\t") {
		return fmt.Errorf("keeper name: a name on one line of at most %d bytes is needed: %w", maxKeeperName, ErrInvalid)
	}
	if k.Handle != "" && !ValidHandle(k.Handle) {
		return fmt.Errorf("keeper handle: use lower-case letters, digits, dots, dashes or underscores: %w", ErrInvalid)
	}
	return j.update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		var err error
		if k.IsZero() {
			err = meta.Delete(keyKeeper)
		} else {
			err = meta.Put(keyKeeper, encodeKeeper(k))
		}
		if err != nil {
			return err
		}
		_, err = rebuildDerived(tx)
		return err
	})
}

// Keeper returns who keeps the journal; a zero Keeper when none is set.
func (j *Journal) Keeper() (Keeper, error) {
	var k Keeper
	err := j.view(func(tx *bolt.Tx) error {
		var err error
		k, err = keeperOf(tx)
		return err
	})
	return k, err
}

// keeperOf reads the keeper inside a transaction.
func keeperOf(tx *bolt.Tx) (Keeper, error) {
	b := tx.Bucket(bucketMeta)
	if b == nil {
		return Keeper{}, nil
	}
	v := b.Get(keyKeeper)
	if v == nil {
		return Keeper{}, nil
	}
	return decodeKeeper(v)
}

func encodeKeeper(k Keeper) []byte {
	var w writer
	w.str(k.Name)
	w.str(k.Handle)
	return frame(w.b)
}

func decodeKeeper(b []byte) (Keeper, error) {
	payload, err := unframe(b)
	if err != nil {
		return Keeper{}, err
	}
	r := reader{b: payload}
	k := Keeper{Name: r.str(), Handle: r.str()}
	return k, r.err
}
