package journal

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"
)

// importBatch is how many meetings one import transaction stores: large
// enough that an import of years of notes takes seconds, small enough that
// progress moves and one transaction's memory stays modest.
const importBatch = 500

// ImportProblem names a file ImportMarkdown did not import and why.
type ImportProblem struct {
	File   string // the file's path inside the imported folder, with '/'
	Reason string // "missing person", "bad date", "not UTF-8", "no front matter", …
}

// ImportReport counts what ImportMarkdown did.
type ImportReport struct {
	People   int // people added
	Meetings int // meetings added
	Skipped  int // notes already in the journal (same person, date, time and note)
	Problems []ImportProblem
}

// importNote is a meeting file that passed every check.
type importNote struct {
	file string
	nth  int // 2 for <date>-2.md: the order of same-day meetings
	m    Meeting
}

// ImportMarkdown reads a folder as ExportMarkdown writes it, and also any
// folder tree of .md notes that start with SPEC 2.3 front matter (person,
// date, optional time), as another tool might produce. people/<handle>.md
// files are optional: a note for a person the journal does not know and
// whose people file is absent is reported as "missing person".
//
// Files that cannot be imported (missing person, bad date, not UTF-8, no
// front matter, unreadable, …) are reported in the returned report, each
// with its reason, and the rest are imported. Meetings are stored in
// batches of importBatch per transaction, oldest first; progress, when not
// nil, is called after each batch with the meetings stored so far and the
// number to store. A note already in the journal with the same person,
// date, time and note is skipped and counted, so importing the same folder
// twice creates no duplicates. A person already in the journal is kept as
// the journal has them.
//
// Notes are imported byte for byte and stamped as any saved note is: block
// ids on commitments and follow-ups that have none, and on ticked items
// without a done date the meeting's own date, so that history is not
// rewritten as "done today".
func (j *Journal) ImportMarkdown(dir string, progress func(done, total int)) (ImportReport, error) {
	var rep ImportReport
	fi, err := os.Stat(dir)
	if err != nil {
		return rep, fmt.Errorf("import %s: %w", dir, err)
	}
	if !fi.IsDir() {
		return rep, fmt.Errorf("import %s: it is a file; import reads a folder of .md files: %w", dir, ErrInvalid)
	}
	problem := func(file, reason string) {
		rep.Problems = append(rep.Problems, ImportProblem{File: file, Reason: reason})
	}

	var personFiles, noteFiles []string
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(dir, path)
		rel = filepath.ToSlash(rel)
		if err != nil {
			problem(rel, "unreadable")
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if path != dir && strings.HasPrefix(d.Name(), ".") {
			// Hidden files and folders: editors' swap files, .git, our temp files.
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !strings.EqualFold(filepath.Ext(path), ".md") {
			return nil
		}
		if dirOf, _ := filepath.Split(rel); dirOf == peopleFolder+"/" {
			personFiles = append(personFiles, rel)
		} else {
			noteFiles = append(noteFiles, rel)
		}
		return nil
	})
	if err != nil {
		return rep, fmt.Errorf("import %s: %w", dir, err)
	}

	known, err := j.peopleByHandle()
	if err != nil {
		return rep, err
	}
	var newPeople []Person
	queues := map[string][]Queued{}
	for _, rel := range personFiles {
		p, reason := readPersonFile(filepath.Join(dir, filepath.FromSlash(rel)))
		if reason != "" {
			problem(rel, reason)
			continue
		}
		queues[p.Handle] = readQueueFile(filepath.Join(dir, filepath.FromSlash(rel)))
		if _, ok := known[p.Handle]; ok {
			continue
		}
		known[p.Handle] = p
		newPeople = append(newPeople, p)
	}

	var notes []importNote
	for _, rel := range noteFiles {
		n, reason := readNoteFile(filepath.Join(dir, filepath.FromSlash(rel)))
		if reason == "" {
			if _, ok := known[n.m.Person]; !ok {
				reason = "missing person"
			}
		}
		if reason != "" {
			problem(rel, reason)
			continue
		}
		n.file = rel
		notes = append(notes, n)
	}
	rep, err = j.importNotes(rep, newPeople, known, notes, progress)
	if err == nil {
		err = j.restoreQueues(queues)
	}
	return rep, err
}

// importNotes stores what an import gathered: the new people, then the
// notes not yet in the journal, oldest first, in batches.
func (j *Journal) importNotes(rep ImportReport, newPeople []Person, known map[string]Person, notes []importNote, progress func(done, total int)) (ImportReport, error) {
	problem := func(file, reason string) {
		rep.Problems = append(rep.Problems, ImportProblem{File: file, Reason: reason})
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
		}
		return x.file < y.file
	})

	existing, err := j.meetingsLike(notes)
	if err != nil {
		return rep, err
	}
	var todo []Meeting
	for _, n := range notes {
		nc := known[n.m.Person].noteContext(n.m.Date)
		key := sameMeetingKey(n.m)
		if i := indexOfImported(existing[key], n.m.Note, nc); i >= 0 {
			// Each stored meeting stands for one file: two identical notes
			// on one day are two meetings, and both import the first time.
			existing[key] = append(existing[key][:i], existing[key][i+1:]...)
			rep.Skipped++
			continue
		}
		m := n.m
		stamped, _ := Stamp([]byte(m.Note), nc, m.Date, nil)
		m.Note = string(stamped)
		if err := m.validate(); err != nil {
			problem(n.file, "note too large")
			continue
		}
		todo = append(todo, m)
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
		if progress != nil {
			progress(rep.Meetings, len(todo))
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

// ImportJSON reads a document as ExportJSON writes it: its people and its
// meetings' notes, which hold everything else (items are derived from the
// notes again). It reports and skips what it cannot import, and skips what
// the journal already holds, as ImportMarkdown does; problems name the
// entry ("meetings[12]").
func (j *Journal) ImportJSON(r io.Reader, progress func(done, total int)) (ImportReport, error) {
	var rep ImportReport
	var doc jsonExport
	dec := json.NewDecoder(r)
	if err := dec.Decode(&doc); err != nil {
		return rep, fmt.Errorf("import JSON: not a 1on1 export (%v): %w", jsonErrorWithoutText(err), ErrInvalid)
	}
	problem := func(file, reason string) {
		rep.Problems = append(rep.Problems, ImportProblem{File: file, Reason: reason})
	}
	known, err := j.peopleByHandle()
	if err != nil {
		return rep, err
	}
	var newPeople []Person
	for i, jp := range doc.People {
		p := Person{Handle: jp.Handle, Name: jp.Name, Role: jp.Role, Cadence: jp.Cadence, Context: jp.Context, Archived: jp.Archived}
		if err := p.normalise(); err != nil {
			problem(fmt.Sprintf("people[%d]", i), "bad person: "+errorWithoutWrap(err))
			continue
		}
		if _, ok := known[p.Handle]; ok {
			continue
		}
		known[p.Handle] = p
		newPeople = append(newPeople, p)
	}
	var notes []importNote
	for i, jm := range doc.Meetings {
		where := fmt.Sprintf("meetings[%d]", i)
		m := Meeting{Person: jm.Person, Date: jm.Date, Time: jm.Time, Note: jm.Note}
		switch {
		case m.Date <= 0:
			problem(where, "bad date")
			continue
		case m.Time != "" && !timeRE.MatchString(m.Time):
			problem(where, "bad time")
			continue
		case !utf8.ValidString(m.Note):
			problem(where, "not UTF-8")
			continue
		}
		if _, ok := known[m.Person]; !ok {
			problem(where, "missing person")
			continue
		}
		// The document lists meetings in id order, which numbers same-day
		// meetings: its order is theirs.
		notes = append(notes, importNote{file: where, nth: i, m: m})
	}
	return j.importNotes(rep, newPeople, known, notes, progress)
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

// readNoteFile reads one meeting file; reason says why it cannot be
// imported, or is empty.
func readNoteFile(path string) (n importNote, reason string) {
	fields, body, reason := readFrontMatterFile(path)
	if reason != "" {
		return n, reason
	}
	n.m.Person = fields["person"]
	switch {
	case n.m.Person == "":
		return n, "no person in front matter"
	case !ValidHandle(n.m.Person):
		return n, "bad person handle"
	}
	d, err := ParseDate(fields["date"])
	if err != nil {
		return n, "bad date"
	}
	n.m.Date = d
	n.m.Time = fields["time"]
	if len(n.m.Time) == 4 && n.m.Time[1] == ':' {
		n.m.Time = "0" + n.m.Time // 9:30 → 09:30
	}
	if n.m.Time != "" && !timeRE.MatchString(n.m.Time) {
		return n, "bad time"
	}
	if len(body) > MaxNoteSize {
		return n, "note too large"
	}
	n.m.Note = string(body)
	n.nth = sameDayNumber(filepath.Base(path), d)
	return n, ""
}

// sameDayNumber reads n from "<date>-<n>.md"; "<date>.md" is 1 and any
// other name 0.
func sameDayNumber(name string, d Date) int {
	rest, ok := strings.CutPrefix(strings.TrimSuffix(name, filepath.Ext(name)), d.String())
	switch {
	case !ok:
		return 0
	case rest == "":
		return 1
	}
	n, err := strconv.Atoi(strings.TrimPrefix(rest, "-"))
	if err != nil || !strings.HasPrefix(rest, "-") {
		return 0
	}
	return n
}

// readPersonFile reads people/<handle>.md.
func readPersonFile(path string) (Person, string) {
	fields, body, reason := readFrontMatterFile(path)
	if reason != "" {
		return Person{}, reason
	}
	p := Person{
		Handle:  fields["handle"],
		Name:    fields["name"],
		Role:    Role(strings.ToLower(fields["role"])),
		Context: string(body),
	}
	fileHandle := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	if p.Handle == "" {
		p.Handle = fileHandle
	}
	if p.Handle != fileHandle {
		return Person{}, "handle does not match the file name"
	}
	if c := fields["cadence"]; c != "" {
		n, err := strconv.Atoi(c)
		if err != nil {
			return Person{}, "bad cadence"
		}
		p.Cadence = n
	}
	switch strings.ToLower(fields["archived"]) {
	case "", "false", "no", "off":
	case "true", "yes", "on":
		p.Archived = true
	default:
		return Person{}, "bad archived (use true or false)"
	}
	if err := p.normalise(); err != nil {
		switch {
		case !ValidHandle(p.Handle):
			return Person{}, "bad person handle"
		case !validRole(p.Role):
			return Person{}, "bad role"
		}
		return Person{}, "bad cadence"
	}
	return p, ""
}

func validRole(r Role) bool {
	for _, x := range Roles {
		if x == r {
			return true
		}
	}
	return false
}
