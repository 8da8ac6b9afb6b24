package journal

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors that callers branch on. Errors from this package never
// contain note text: notes are private, and errors end up in logs.
var (
	// ErrNotFound: no person, meeting or item with that handle or id.
	ErrNotFound = errors.New("not found")
	// ErrExists: a person with that handle already exists.
	ErrExists = errors.New("already exists")
	// ErrNoteChanged: the note changed since the caller read it; reload
	// and try again.
	ErrNoteChanged = errors.New("the note changed since it was read; reload it and try again")
	// ErrLocked: another process has the journal open.
	ErrLocked = errors.New("journal is open in another process")
	// ErrCorrupt: the file or a record in it is damaged.
	ErrCorrupt = errors.New("journal file is damaged")
	// ErrSchema: the file was written by a newer 1on1.
	ErrSchema = errors.New("journal was written by a newer version of 1on1; upgrade 1on1 to open it")
	// ErrInvalid: the caller passed a value the journal cannot store.
	ErrInvalid = errors.New("invalid")
	// ErrAmbiguous: a block id given without a person is used in the notes
	// of more than one person; AmbiguousError says whose.
	ErrAmbiguous = errors.New("ambiguous")
)

// AmbiguousError says that a block id names items of several people (SPEC
// 2.1: an id belongs to one person). It matches ErrAmbiguous.
type AmbiguousError struct {
	ID     string
	People []string // handles, sorted
}

// Error names the id and the people whose notes use it.
func (e *AmbiguousError) Error() string {
	return fmt.Sprintf("item ^%s is in the notes of %d people (%s): say whose", e.ID, len(e.People), strings.Join(e.People, ", "))
}

// Is makes errors.Is(err, ErrAmbiguous) true.
func (e *AmbiguousError) Is(target error) bool { return target == ErrAmbiguous }

// keyName is a key read from the file, fit for an error message: a handle
// or block id as it is, anything else — a key from a damaged page may run
// into note text — as a placeholder.
func keyName[T ~string | ~[]byte](k T) string {
	s := string(k)
	if len(s) <= 32 && (ValidHandle(s) || validID(s)) {
		return s
	}
	return "(damaged key)"
}
