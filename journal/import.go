package journal

// Why this file is long: Storing what import read (importread.go reads the files and knows
// nothing of the journal).

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"
)

// importBatch is how many meetings one import transaction stores: large
// enough that an import of years of notes takes seconds, small enough that
// progress moves and one transaction's memory stays modest.
const importBatch = 500

// ImportProblem names a file, or a section of a running document, that an
// import did not take, and why.
type ImportProblem struct {
	File   string // the file's path inside the imported folder, with '/'; "meetings[3]" in a document
	Line   int    // the line of a running document's section; 0 for a whole file
	Reason string // "no person", "no date", "not UTF-8", "not a regular file (named pipe)", …
}

// ImportedNote is a note an import stored, or would store in a dry run.
type ImportedNote struct {
	File   string // as in ImportProblem
	Line   int
	Person string // the handle it went to
	Date   Date
	Time   string
}

// ImportReport says what an import did, or would do in a dry run.
type ImportReport struct {
	People   int      // people added
	Created  []Person // the people added (or to be added) because notes named them
	Meetings int      // meetings added
	Notes    []ImportedNote
	Skipped  int // notes already in the journal (same person, date, time and note)
	Ignored  int // files passed over that are not notes (images, attachments)
	Problems []ImportProblem
}

// ImportOptions say whose notes an import reads and what it may change.
type ImportOptions struct {
	// Person makes every note this person's: a handle, a name or a
	// [[wikilink]]. Front matter and folders are not asked.
	Person string
	// PeopleFromFolders makes each folder right under the imported folder
	// a person, by its name ("José Núñez" is the person José Núñez, handle
	// jose, unless the journal already knows that name).
	PeopleFromFolders bool
	// NoCreate refuses the notes of people the journal does not hold
	// instead of adding those people.
	NoCreate bool
	// DryRun stores nothing; the report says what the import would do.
	DryRun bool
	// Progress, when not nil, is called after each stored batch with the
	// meetings stored so far and the number to store.
	Progress func(done, total int)
}

// ImportMarkdown reads a folder of notes (ReadMarkdown) and stores them
// (Import), with every person named by a note's front matter. The journal
// stays open while the files are read; a client that can should call
// ReadMarkdown before it opens the journal.
func (j *Journal) ImportMarkdown(dir string, progress func(done, total int)) (ImportReport, error) {
	opt := ImportOptions{Progress: progress}
	set, err := ReadMarkdown(dir, opt)
	if err != nil {
		return ImportReport{}, err
	}
	return j.Import(set, opt)
}

// ImportJSON reads a document as ExportJSON writes it (ReadJSON) and
// stores it (Import).
func (j *Journal) ImportJSON(r io.Reader, progress func(done, total int)) (ImportReport, error) {
	set, err := ReadJSON(r)
	if err != nil {
		return ImportReport{}, err
	}
	return j.Import(set, ImportOptions{Progress: progress})
}

// Import stores what ReadMarkdown or ReadJSON read. Each note's person is
// found by handle, then by name (case and accents aside), then, unless
// opt.NoCreate, added with a handle SuggestHandle derives from the name;
// people read from people/<handle>.md files or a document are added as
// they are. A JSON document lists its people: a meeting naming anyone
// else is refused as "missing person". A person already in the journal is kept as the journal has
// them.
//
// A note already in the journal with the same person, date, time and note
// is skipped and counted, so importing the same notes twice creates no
// duplicates. Meetings are stored in batches of importBatch per
// transaction, oldest first. Notes are imported byte for byte and stamped
// as any saved note is: block ids on commitments and follow-ups that have
// none, and on ticked items without a done date the meeting's own date, so
// that history is not rewritten as "done today".
//
// With opt.DryRun nothing is stored and the report lists what would be.
func (j *Journal) Import(set *ImportSet, opt ImportOptions) (ImportReport, error) {
	rep := ImportReport{Ignored: set.ignored}
	rep.Problems = append(rep.Problems, set.problems...)
	problem := func(n importNote, reason string) {
		rep.Problems = append(rep.Problems, ImportProblem{File: n.file, Line: n.line, Reason: reason})
	}
	known, err := j.peopleByHandle()
	if err != nil {
		return rep, err
	}
	var newPeople []Person
	for _, p := range set.people {
		if _, ok := known[p.Handle]; ok {
			continue
		}
		known[p.Handle] = p
		newPeople = append(newPeople, p)
	}
	byRef := map[string]string{} // a note's person as written → handle, or "" when refused
	var notes []importNote
	for _, n := range set.notes {
		h, seen := byRef[n.ref]
		if !seen {
			p, found := findPerson(known, n.ref)
			switch {
			case found:
				h = p.Handle
			case !opt.NoCreate && !set.fromJSON:
				p = newPersonFor(n.ref, known)
				if p.Handle != "" {
					known[p.Handle] = p
					newPeople = append(newPeople, p)
					rep.Created = append(rep.Created, p)
					h = p.Handle
				}
			}
			byRef[n.ref] = h
		}
		if h == "" {
			problem(n, "missing person")
			continue
		}
		n.m.Person = h
		notes = append(notes, n)
	}
	rep, err = j.importNotes(rep, newPeople, known, notes, opt)
	if err == nil && !opt.DryRun {
		err = j.restoreQueues(set.queues)
	}
	return rep, err
}

// cleanRef reads a note's person as people write it: "[[Marco Rossi]]",
// "[[people/Marco Rossi|Marco]]", "@alice", "alice".
func cleanRef(ref string) string {
	r := strings.TrimSpace(ref)
	if inner, ok := strings.CutPrefix(r, "[["); ok {
		if inner, ok = strings.CutSuffix(inner, "]]"); ok {
			r, _, _ = strings.Cut(inner, "|")
			if i := strings.LastIndexByte(r, '/'); i >= 0 {
				r = r[i+1:]
			}
		}
	}
	return strings.TrimSpace(strings.TrimPrefix(r, "@"))
}

// findPerson finds the person a note names: by handle, else by name, else
// by a first name only one person has.
func findPerson(known map[string]Person, ref string) (Person, bool) {
	r := cleanRef(ref)
	if p, ok := known[strings.ToLower(r)]; ok {
		return p, true
	}
	var byFirst []Person
	for _, p := range known {
		if sameName(p.Name, r) {
			return p, true
		}
		if sameName(p.FirstName(), r) {
			byFirst = append(byFirst, p)
		}
	}
	if len(byFirst) == 1 {
		return byFirst[0], true
	}
	return Person{}, false
}

// newPersonFor makes the person a note names who is not in the journal:
// a handle as written is kept, a name gets a derived handle. The handle is
// empty when the name cannot make a person.
func newPersonFor(ref string, known map[string]Person) Person {
	r := cleanRef(ref)
	p := Person{Name: r}
	if ValidHandle(r) {
		p.Handle = r
	} else {
		p.Handle = SuggestHandle(r, func(h string) bool { _, ok := known[h]; return ok })
	}
	if err := p.normalise(); err != nil || !utf8.ValidString(p.Name) {
		return Person{}
	}
	return p
}

// importNotes stores what an import gathered: the new people, then the
// notes not yet in the journal, oldest first, in batches.
func (j *Journal) importNotes(rep ImportReport, newPeople []Person, known map[string]Person, notes []importNote, opt ImportOptions) (ImportReport, error) {
	problem := func(n importNote, reason string) {
		rep.Problems = append(rep.Problems, ImportProblem{File: n.file, Line: n.line, Reason: reason})
	}
	// Oldest first and same-day meetings in their file order, so that the
	// new journal numbers them as the exported one did.
	sort.SliceStable(notes, func(a, b int) bool {
		x, y := notes[a], notes[b]
		switch {
		case x.m.Date != y.m.Date:
			return x.m.Date < y.m.Date
		case x.m.Person != y.m.Person:
			return x.m.Person < y.m.Person
		case x.nth != y.nth:
			return x.nth < y.nth
		case x.file != y.file:
			return x.file < y.file
		}
		return x.line < y.line
	})

	existing, err := j.meetingsLike(notes)
	if err != nil {
		return rep, err
	}
	keeper, err := j.Keeper()
	if err != nil {
		return rep, err
	}
	var todo []Meeting
	for _, n := range notes {
		nc := known[n.m.Person].noteContext(n.m.Date, keeper)
		key := sameMeetingKey(n.m)
		if i := indexOfImported(existing[key], n.m.Note, nc); i >= 0 {
			// Each stored meeting stands for one file: two identical notes
			// on one day are two meetings, and both import the first time.
			existing[key] = append(existing[key][:i], existing[key][i+1:]...)
			rep.Skipped++
			continue
		}
		m := n.m
		if !utf8.ValidString(m.Note) {
			problem(n, "not UTF-8")
			continue
		}
		stamped, _ := Stamp([]byte(m.Note), nc, m.Date, nil)
		m.Note = string(stamped)
		if err := m.validate(); err != nil {
			problem(n, "note too large")
			continue
		}
		todo = append(todo, m)
		rep.Notes = append(rep.Notes, ImportedNote{File: n.file, Line: n.line, Person: m.Person, Date: m.Date, Time: m.Time})
	}
	if opt.DryRun {
		rep.People = len(newPeople)
		rep.Meetings = len(todo)
		return rep, nil
	}

	if len(newPeople) > 0 {
		err := j.update(func(tx *bolt.Tx) error {
			b := tx.Bucket(bucketPeople)
			for _, p := range newPeople {
				if b.Get([]byte(p.Handle)) != nil {
					continue // added meanwhile by someone else
				}
				if err := b.Put([]byte(p.Handle), encodePerson(p)); err != nil {
					return err
				}
				if err := touchVault(tx, p.Handle); err != nil {
					return err
				}
				rep.People++
			}
			return nil
		})
		if err != nil {
			return rep, fmt.Errorf("import people: %w", err)
		}
	}
	for start := 0; start < len(todo); start += importBatch {
		batch := todo[start:min(start+importBatch, len(todo))]
		// Done dates are already stamped with each meeting's own date; a
		// zero stamp date adds none, so nothing becomes "done today".
		if _, err := j.AddMeetings(batch, 0); err != nil {
			return rep, fmt.Errorf("import meetings %d to %d of %d: %w", start+1, start+len(batch), len(todo), err)
		}
		rep.Meetings += len(batch)
		if opt.Progress != nil {
			opt.Progress(rep.Meetings, len(todo))
		}
	}
	if rep.Meetings >= compactAfter {
		// A bulk load leaves free and half-full pages behind.
		if err := j.Compact(); err != nil {
			return rep, fmt.Errorf("import: %w", err)
		}
	}
	return rep, nil
}

// jsonErrorWithoutText says where a JSON document went wrong without
// quoting it: the document holds notes.
func jsonErrorWithoutText(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("syntax error at byte %d", se.Offset)
	case errors.As(err, &te):
		return fmt.Sprintf("%s is not a %s", te.Field, te.Type)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "the document ends too soon"
	}
	return "unreadable"
}

// errorWithoutWrap drops the sentinel a validation error wraps, for a report.
func errorWithoutWrap(err error) string {
	return strings.TrimSuffix(err.Error(), ": "+ErrInvalid.Error())
}

// compactAfter is how many imported meetings make compacting worth it.
const compactAfter = 1000

func (j *Journal) peopleByHandle() (map[string]Person, error) {
	people, err := j.People(true)
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	out := make(map[string]Person, len(people))
	for _, p := range people {
		out[p.Handle] = p
	}
	return out, nil
}

// sameMeetingKey is what two meetings must share to be the same meeting
// imported twice, besides the note.
func sameMeetingKey(m Meeting) string { return m.Person + "\x00" + m.Date.String() + "\x00" + m.Time }

// meetingsLike returns the stored notes of the meetings that share person,
// date and time with one of notes.
func (j *Journal) meetingsLike(notes []importNote) (map[string][]string, error) {
	want := map[string]bool{}
	for _, n := range notes {
		want[sameMeetingKey(n.m)] = true
	}
	out := map[string][]string{}
	if len(want) == 0 {
		return out, nil
	}
	err := j.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeetings).ForEach(func(k, v []byte) error {
			m, err := decodeMeeting(v)
			if err != nil {
				return fmt.Errorf("import: read meeting %s: %w", meetingIDFromKey(k), err)
			}
			if key := sameMeetingKey(m); want[key] {
				out[key] = append(out[key], m.Note)
			}
			return nil
		})
	})
	return out, err
}

// indexOfImported returns the index of the stored note that note became
// when it was imported before, or -1. A stored note is note itself, or
// note as stamping made it: the same bytes with block ids and done dates
// added. Stamping note again with the stored note's ids, in the order
// stamping hands them out, must then give the stored note exactly.
func indexOfImported(stored []string, note string, nc NoteContext) int {
	var fileItems []Item
	for i, s := range stored {
		if s == note {
			return i
		}
		if fileItems == nil {
			fileItems = Extract([]byte(note), nc)
		}
		storedItems := Extract([]byte(s), nc)
		if len(storedItems) != len(fileItems) {
			continue
		}
		var ids []string
		for k, it := range fileItems {
			if (it.Kind == Commitment || it.Kind == FollowUp) && it.ID == "" {
				ids = append(ids, storedItems[k].ID)
			}
		}
		next := func() string {
			if len(ids) == 0 {
				return ""
			}
			id := ids[0]
			ids = ids[1:]
			return id
		}
		if again, _ := Stamp([]byte(note), nc, nc.Date, next); string(again) == s {
			return i
		}
	}
	return -1
}
