package journal

import (
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"

	"github.com/oneonone/1on1/internal/atomicfile"
)

// The markdown export is a folder any markdown editor can open:
//
//	people/<handle>.md                 front matter of the person, body = context notes
//	meetings/<handle>/<date>.md        front matter (SPEC 2.3), body = the note as stored
//	meetings/<handle>/<date>-2.md      a second meeting on the same day, and so on
//
// The body follows the closing "---" line directly, byte for byte, so that
// ImportMarkdown gives back exactly what was exported. A note that starts
// with front matter of its own (kept by an import) has those lines written
// after the journal's keys, in the one front matter block.

const (
	peopleFolder   = "people"
	meetingsFolder = "meetings"
)

// ExportStats counts what an export wrote.
type ExportStats struct{ People, Meetings int }

// ExportOptions tune ExportMarkdown and ExportJSONFile.
type ExportOptions struct {
	// Force replaces files the export did not write, or that were changed
	// since it wrote them, and links standing where a file goes (the link,
	// never what it points to). Links to folders are refused even so.
	Force bool
}

// ExportMarkdown writes the journal to dir as markdown: people/<handle>.md
// (front matter name, handle, role, cadence, archived; body the person's
// context notes) and meetings/<handle>/<YYYY-MM-DD>.md (front matter person,
// date and, when set, time, as SPEC 2.3 shows; the note exactly as stored
// after it). A second meeting with a person on the same day is written as
// <date>-2.md, a third as <date>-3.md, in the order the meetings were added.
//
// An export never writes outside dir: a link inside it where a folder goes
// (people, meetings, meetings/<handle>) is refused, and a file is replaced
// by renaming over it, so a link in its place is replaced, never followed.
// Nor does it replace a file the journal did not write: it knows its files
// by the manifest it keeps in dir (exportManifest: the SHA-256 of every
// file it wrote), and a file an earlier version wrote by its front matter.
// A file that is neither, or that was changed since the export wrote it,
// stops the export before anything is written, with an *OverwriteError
// naming the files, unless opt.Force. A file whose content is already what
// the export would write is left untouched.
//
// Every file is written to a temporary file in its folder and renamed into
// place, so a reader never sees half a file. Files get mode 0600 and the
// folders export creates mode 0700, whatever the umask: notes are private.
// Files of an earlier export that this one does not write are left alone.
func (j *Journal) ExportMarkdown(dir string, opt ExportOptions) (ExportStats, error) {
	var st ExportStats
	if err := privateDir(dir); err != nil {
		return st, err
	}
	man, err := readManifest(dir)
	if err != nil {
		return st, err
	}
	next := manifest{}
	err = j.view(func(tx *bolt.Tx) error {
		// First every file is checked, then written: a refusal leaves the
		// folder exactly as it was.
		var refused []string
		unchanged := map[string]bool{}
		err := exportFiles(tx, func(rel string, data []byte) error {
			sum := sha256.Sum256(data)
			next[rel] = append(next[rel], sum)
			verdict, err := checkTarget(dir, rel, data, sum, man)
			switch {
			case err != nil:
				return err
			case verdict == targetSame:
				unchanged[rel] = true
			case verdict == targetForeign && !opt.Force:
				refused = append(refused, rel)
			}
			return nil
		})
		if err != nil {
			return err
		}
		if len(refused) > 0 {
			return &OverwriteError{Dir: dir, Files: refused}
		}
		// Until the files are written, both the old and the new sums are
		// the export's: a crash in between leaves no file "foreign".
		if err := writeManifest(dir, man.merged(next)); err != nil {
			return err
		}
		return exportFiles(tx, func(rel string, data []byte) error {
			if strings.HasPrefix(rel, peopleFolder+"/") {
				st.People++
			} else {
				st.Meetings++
			}
			if unchanged[rel] {
				return nil
			}
			if err := privateDirs(dir, path.Dir(rel)); err != nil {
				return err
			}
			return writeFileAtomic(filepath.Join(dir, filepath.FromSlash(rel)), data)
		})
	})
	if err == nil {
		err = syncTree(dir)
	}
	if err == nil {
		// Files of earlier exports not written now keep their entries, so
		// that a later export still knows them as its own.
		for rel, sums := range man {
			if _, ok := next[rel]; !ok {
				next[rel] = sums
			}
		}
		err = writeManifest(dir, next)
	}
	return st, err
}

// exportFiles calls write with the path (with '/', under the export folder)
// and content of every file of a markdown export, people first, then the
// meetings in id order.
func exportFiles(tx *bolt.Tx, write func(rel string, data []byte) error) error {
	return exportEntries(tx, func(e exportEntry) error { return write(e.rel, e.data) })
}

// exportEntry is one file of a markdown export and what it shows: a
// person's file (meeting 0) or one meeting's note.
type exportEntry struct {
	rel     string // path under the export folder, with '/'
	data    []byte
	person  string    // the handle of the person or of the meeting's person
	meeting MeetingID // 0 for people/<handle>.md
	rev     uint64    // the meeting's revision
}

// exportEntries is exportFiles with what each file shows (the vault
// compares the folder with the journal file by file).
func exportEntries(tx *bolt.Tx, write func(e exportEntry) error) error {
	err := tx.Bucket(bucketPeople).ForEach(func(k, v []byte) error {
		p, err := decodePerson(v)
		if err != nil {
			return fmt.Errorf("export person %s: %w", keyName(k), err)
		}
		e, err := personEntry(tx, p)
		if err != nil {
			return err
		}
		return write(e)
	})
	if err != nil {
		return err
	}
	// The meetings bucket, not an index: it is the source of truth, and
	// its keys run in id order, which numbers same-day meetings.
	sameDay := map[string]int{}
	return tx.Bucket(bucketMeetings).ForEach(func(k, v []byte) error {
		m, err := decodeMeeting(v)
		if err != nil {
			return fmt.Errorf("export meeting %s: %w", meetingIDFromKey(k), err)
		}
		e, err := meetingEntry(m, sameDay)
		if err != nil {
			return err
		}
		return write(e)
	})
}

// personEntries calls write with the files of one person's part of an
// export: people/<handle>.md (when the person exists) and their meetings,
// numbered as exportEntries numbers them.
func personEntries(tx *bolt.Tx, handle string, write func(e exportEntry) error) error {
	v := tx.Bucket(bucketPeople).Get([]byte(handle))
	if v == nil {
		return nil
	}
	p, err := decodePerson(v)
	if err != nil {
		return fmt.Errorf("export person %s: %w", keyName(handle), err)
	}
	e, err := personEntry(tx, p)
	if err != nil {
		return err
	}
	if err := write(e); err != nil {
		return err
	}
	sameDay := map[string]int{}
	return eachPersonMeeting(tx, handle, false, func(id MeetingID) (bool, error) {
		v := tx.Bucket(bucketMeetings).Get(meetingKey(id))
		if v == nil {
			return false, fmt.Errorf("export meeting %s: %w", id, ErrCorrupt)
		}
		m, err := decodeMeeting(v)
		if err != nil {
			return false, fmt.Errorf("export meeting %s: %w", id, err)
		}
		e, err := meetingEntry(m, sameDay)
		if err == nil {
			err = write(e)
		}
		return err == nil, err
	})
}

func personEntry(tx *bolt.Tx, p Person) (exportEntry, error) {
	if !ValidHandle(p.Handle) {
		return exportEntry{}, fmt.Errorf("export person %q: the handle cannot be a file name: %w", p.Handle, ErrCorrupt)
	}
	queue, err := queuedOf(tx, p.Handle, false)
	if err != nil {
		return exportEntry{}, fmt.Errorf("export person %s: %w", p.Handle, err)
	}
	return exportEntry{rel: peopleFolder + "/" + p.Handle + ".md", data: personMarkdown(p, queue), person: p.Handle}, nil
}

// meetingEntry is m's file; sameDay counts the meetings of each person
// and day met so far, in id order.
func meetingEntry(m Meeting, sameDay map[string]int) (exportEntry, error) {
	if !ValidHandle(m.Person) {
		return exportEntry{}, fmt.Errorf("export meeting %s: the person's handle cannot be a folder name: %w", m.ID, ErrCorrupt)
	}
	slot := m.Person + "/" + m.Date.String()
	sameDay[slot]++
	return exportEntry{
		rel:  meetingsFolder + "/" + m.Person + "/" + meetingFileName(m.Date, sameDay[slot]),
		data: meetingMarkdown(m), person: m.Person, meeting: m.ID, rev: m.Rev,
	}, nil
}

// meetingFileName is "2026-11-20.md" for the first meeting of the day and
// "2026-11-20-<n>.md" for the n-th.
func meetingFileName(d Date, n int) string {
	if n <= 1 {
		return d.String() + ".md"
	}
	return d.String() + "-" + strconv.Itoa(n) + ".md"
}

func personMarkdown(p Person, queue []Queued) []byte {
	var b strings.Builder
	b.WriteString("---\n")
	b.WriteString("name: " + yamlString(p.Name) + "\n")
	b.WriteString("handle: " + yamlString(p.Handle) + "\n")
	b.WriteString("role: " + yamlString(string(p.Role)) + "\n")
	b.WriteString("cadence: " + strconv.Itoa(p.Cadence) + "\n")
	b.WriteString("archived: " + strconv.FormatBool(p.Archived) + "\n")
	b.WriteString(queueFrontMatter(queue))
	b.WriteString("---\n")
	b.WriteString(p.Context)
	return []byte(b.String())
}

func meetingMarkdown(m Meeting) []byte {
	var b strings.Builder
	b.Grow(len(m.Note) + 64)
	b.WriteString("---\n")
	b.WriteString("person: " + yamlString(m.Person) + "\n")
	b.WriteString("date: " + m.Date.String() + "\n")
	if m.Time != "" {
		// Quoted: unquoted 14:30 is a number in YAML 1.1 (sexagesimal).
		b.WriteString("time: " + strconv.Quote(m.Time) + "\n")
	}
	note := m.Note
	if own, rest, ok := noteFrontMatter(note); ok {
		// The note's own keys join the journal's: one front matter, as
		// the note had when it was imported.
		b.WriteString(own)
		note = rest
	}
	b.WriteString("---\n")
	b.WriteString(note)
	return []byte(b.String())
}

// privateDir makes dir (and its parents) when missing and gives a folder
// this package created mode 0700, whatever the umask.
func privateDir(dir string) error {
	fi, err := os.Stat(dir)
	if err == nil {
		if !fi.IsDir() {
			return fmt.Errorf("export to %s: it is a file, not a folder", dir)
		}
		return nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("export to %s: %w", dir, err)
	}
	if err := privateDir(filepath.Dir(dir)); err != nil {
		return err
	}
	if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, os.ErrExist) {
		return fmt.Errorf("create folder %s: %w", dir, err)
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return fmt.Errorf("create folder %s: %w", dir, err)
	}
	return nil
}

// writeFileAtomic writes one exported file, mode 0600. It does not sync:
// an export syncs its whole tree once at the end (syncTree), since one
// fsync per note made exporting a decade of notes take a minute.
func writeFileAtomic(path string, data []byte) error {
	return atomicfile.Write(path, data, atomicfile.Options{NoSync: true})
}

// JSONVersion is the format version of the document ExportJSON writes,
// in its "version" field. ReadJSON refuses a document of a newer version;
// one without the field (written before it) is version 0 and read as 1.
const JSONVersion = 1

// The JSON export, for jq. Field names are snake_case, dates YYYY-MM-DD,
// meeting ids as MeetingID.String writes them.
type (
	jsonExport struct {
		Version  int           `json:"version"` // JSONVersion
		Today    Date          `json:"today"`
		People   []jsonPerson  `json:"people"`
		Meetings []jsonMeeting `json:"meetings"`
		Items    []ItemJSON    `json:"items"`
	}
	jsonPerson struct {
		Handle   string `json:"handle"`
		Name     string `json:"name"`
		Role     Role   `json:"role"`
		Cadence  int    `json:"cadence"`
		Archived bool   `json:"archived"`
		Context  string `json:"context"`
		// Queue is what waits for the next 1:1 (queue.go).
		Queue []jsonQueued `json:"queue,omitempty"`
	}
	jsonMeeting struct {
		ID     string `json:"id"`
		Person string `json:"person"`
		Date   Date   `json:"date"`
		Time   string `json:"time,omitempty"`
		Note   string `json:"note"`
	}
)

// ExportJSON writes the whole journal to w as one JSON document for jq:
// "people", "meetings" (each with its note) and "items" — every
// commitment and follow-up as its latest meeting has it, and every win and
// feedback entry — each with its flags as of today by name ("overdue",
// "carried"). Items are in date order, then by meeting and line.
func (j *Journal) ExportJSON(w io.Writer, today Date) error {
	out := jsonExport{Version: JSONVersion, Today: today, People: []jsonPerson{}, Meetings: []jsonMeeting{}, Items: []ItemJSON{}}
	var items []Item
	people := map[string]Person{}
	err := j.view(func(tx *bolt.Tx) error {
		err := tx.Bucket(bucketPeople).ForEach(func(k, v []byte) error {
			p, err := decodePerson(v)
			if err != nil {
				return fmt.Errorf("export person %s: %w", keyName(k), err)
			}
			queue, err := queuedOf(tx, p.Handle, false)
			if err != nil {
				return fmt.Errorf("export person %s: %w", p.Handle, err)
			}
			out.People = append(out.People, jsonPerson{p.Handle, p.Name, p.Role, p.Cadence, p.Archived, p.Context, queueJSON(queue)})
			people[p.Handle] = p
			return nil
		})
		if err != nil {
			return err
		}
		err = tx.Bucket(bucketMeetings).ForEach(func(k, v []byte) error {
			m, err := decodeMeeting(v)
			if err == nil {
				err = withItems(tx, &m)
			}
			if err != nil {
				return fmt.Errorf("export meeting %s: %w", meetingIDFromKey(k), err)
			}
			if !utf8.ValidString(m.Note) {
				// Stored before notes had to be UTF-8: JSON would turn it
				// into U+FFFD without a word.
				return fmt.Errorf("export JSON: meeting %s holds text that is not UTF-8, which JSON cannot carry unchanged; export as markdown, which writes it as it is: %w", m.ID, ErrInvalid)
			}
			out.Meetings = append(out.Meetings, jsonMeeting{m.ID.String(), m.Person, m.Date, m.Time, m.Note})
			for _, it := range m.Items {
				if it.Kind == Win || it.Kind == Feedback {
					items = append(items, it)
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		return tx.Bucket(bucketPersonItems).ForEach(func(k, v []byte) error {
			it, err := decodeItem(v)
			if err != nil {
				_, id := splitKey(k)
				return fmt.Errorf("export item %s: %w", keyName(id), err)
			}
			items = append(items, it)
			return nil
		})
	})
	if err != nil {
		return err
	}
	sort.SliceStable(items, func(a, b int) bool {
		x, y := items[a], items[b]
		if x.Meeting != y.Meeting {
			return x.Meeting < y.Meeting
		}
		return x.Line < y.Line
	})
	for _, it := range items {
		out.Items = append(out.Items, it.JSON(today))
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("export json: %w", err)
	}
	return nil
}
