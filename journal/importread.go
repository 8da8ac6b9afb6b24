package journal

// Why this file is long: Reading notes to import: regular files only, bounded, every layout
// people keep (front matter, dated file names, folders per person).

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"unicode/utf8"
)

// Reading an import needs no journal: ReadMarkdown and ReadJSON gather and
// check what is to be imported, and Journal.Import stores it. A client reads
// first and opens (and locks) the journal after, so that no journal is held
// while a slow disk, a network folder or a stray pipe keeps a read waiting.

// ImportSet is what ReadMarkdown or ReadJSON read, ready for Journal.Import.
type ImportSet struct {
	people   []Person            // from people/<handle>.md files or the document
	queues   map[string][]Queued // topics and feedback to give, from people files
	notes    []importNote
	problems []ImportProblem
	ignored  int // files passed over that are not notes
	// fromJSON: an export document lists its people, so a note naming
	// someone else is an error in it, never a person to add.
	fromJSON bool
}

// Problems returns the files found unreadable so far, each with its reason.
func (s *ImportSet) Problems() []ImportProblem { return s.problems }

// Notes returns how many notes (meetings) were read.
func (s *ImportSet) Notes() int { return len(s.notes) }

// importNote is one meeting read from a file, or from one dated section of
// a running document.
type importNote struct {
	file string
	line int    // the line of a running document's section; 0 for a whole file
	nth  int    // 2 for <date>-2.md: the order of same-day meetings
	ref  string // whose note it is, as written: a handle, a name or a [[wikilink]]
	m    Meeting
}

// maxImportFile is the most a note file may hold: a note and its front matter.
const maxImportFile = MaxNoteSize + 64<<10

// maxImportJSON is the most an export document may hold.
const maxImportJSON = 1 << 30

// ReadMarkdown reads the notes under path, a folder or one .md file, for
// Journal.Import. It reads a folder as ExportMarkdown writes it, and any
// tree of notes as people keep them:
//
//   - Whose note: opt.Person for every note; else, with
//     opt.PeopleFromFolders, the first folder of its path under path; else
//     the front matter's person (a handle, a name or a [[wikilink]]).
//   - Which date: the front matter's date, else its created, else the first
//     YYYY-MM-DD in the file name, else a heading that dates the note. A note
//     with none of them is refused, never guessed.
//   - A running document (one file per person, a dated heading per meeting:
//     "## 2026-11-20", "## 21 Sep, 2022 | Alice, Eduardo") is split into
//     one meeting per dated section, each with its heading.
//   - Front matter keys other than person, date and time are the note's
//     own and are kept at its top, byte for byte.
//
// Only regular files are read (a link to one is followed; a link to a
// folder is not), at most the size a note may hold plus its front matter,
// so a pipe, a device or a huge file cannot stall or exhaust an import.
// Each .md file that cannot be imported is named in Problems with its
// reason; other files (images, attachments) are counted as ignored. Hidden
// files and folders (.obsidian, .git, editors' swap files) are passed over.
func ReadMarkdown(path string, opt ImportOptions) (*ImportSet, error) {
	set := &ImportSet{}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", path, err)
	}
	if !fi.IsDir() {
		if !isMarkdownName(path) {
			return nil, fmt.Errorf("import %s: not a folder or a .md note: %w", path, ErrInvalid)
		}
		data, reason := readRegular(path, maxImportFile)
		if reason != "" {
			set.problem(filepath.Base(path), 0, reason)
			return set, nil
		}
		set.addFile(filepath.Base(path), "", data, opt)
		return set, nil
	}
	// A link given as the folder is the user's choice: follow it once.
	root, err := filepath.EvalSymlinks(path)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", path, err)
	}
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if err != nil {
			set.problem(rel, 0, unreadable(err))
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p == root {
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		switch t := d.Type(); {
		case t.IsDir():
			return nil
		case t&fs.ModeSymlink != 0:
			if fi, err := os.Stat(p); err == nil && fi.IsDir() {
				set.problem(rel, 0, "a link to a folder (not followed)")
				return nil
			}
		case !t.IsRegular():
			// Never opened: a pipe would block, a device never end.
			set.problem(rel, 0, "not a regular file ("+kindOf(t)+")")
			return nil
		}
		if !isMarkdownName(p) {
			set.ignored++
			return nil
		}
		data, reason := readRegular(p, maxImportFile)
		if reason != "" {
			set.problem(rel, 0, reason)
			return nil
		}
		folder := ""
		if first, _, ok := strings.Cut(rel, "/"); ok {
			folder = first
		}
		if folder == peopleFolder && strings.Count(rel, "/") == 1 && opt.Person == "" && !opt.PeopleFromFolders {
			p, reason := parsePersonFile(rel, data)
			if reason != "" {
				set.problem(rel, 0, reason)
				return nil
			}
			set.people = append(set.people, p)
			if q := readQueueFrontMatter(data); len(q) > 0 {
				if set.queues == nil {
					set.queues = map[string][]Queued{}
				}
				set.queues[p.Handle] = q
			}
			return nil
		}
		set.addFile(rel, folder, data, opt)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", path, err)
	}
	return set, nil
}

func (s *ImportSet) problem(file string, line int, reason string) {
	s.problems = append(s.problems, ImportProblem{File: file, Line: line, Reason: reason})
}

func isMarkdownName(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".md" || ext == ".markdown"
}

// kindOf names a file type that is not a regular file or a folder.
func kindOf(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "named pipe"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return "device"
	case m.IsDir():
		return "folder"
	}
	return "special file"
}

// unreadable is the reason given for a file the system would not read.
func unreadable(err error) string {
	if errors.Is(err, fs.ErrPermission) {
		return "unreadable (permission denied)"
	}
	return "unreadable"
}

// readRegular reads the file at path when it is a regular file, following
// a link to one, and at most limit bytes of it; reason says why it was not
// read, or is empty. The file is opened without blocking and checked on the
// open descriptor, so a pipe put in its place meanwhile cannot hang the
// read, and a device is never read.
func readRegular(path string, limit int64) (data []byte, reason string) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, unreadable(err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, unreadable(err)
	}
	if !fi.Mode().IsRegular() {
		return nil, "not a regular file (" + kindOf(fi.Mode()) + ")"
	}
	if fi.Size() > limit {
		return nil, tooLarge(limit)
	}
	// The size can grow after the Stat: read one byte past the limit to know.
	data, err = io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, unreadable(err)
	}
	if int64(len(data)) > limit {
		return nil, tooLarge(limit)
	}
	return data, ""
}

func tooLarge(limit int64) string {
	if limit >= 1<<30 {
		return fmt.Sprintf("too large (over %d GiB)", limit>>30)
	}
	return fmt.Sprintf("too large (over %d MiB)", limit>>20)
}

// addFile reads one note file: its person, its date, its front matter and,
// for a running document, its dated sections.
func (s *ImportSet) addFile(rel, folder string, data []byte, opt ImportOptions) {
	if !utf8.Valid(data) {
		s.problem(rel, 0, "not UTF-8")
		return
	}
	if hasConflictMarkers(data) {
		// Half of a merge is not a note: the other half would be lost.
		s.problem(rel, 0, "git conflict markers (settle the merge first)")
		return
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	fields := map[string]string{}
	var own []byte
	body := data
	if inner, rest, ok := frontMatterBlock(data); ok {
		f, _, err := parseFrontMatter(data)
		if err != nil {
			s.problem(rel, 0, "bad front matter: "+err.Error())
			return
		}
		fields, own, body = f, ownFrontMatter(inner), rest
	}
	ref := fields["person"]
	switch {
	case opt.Person != "":
		ref = opt.Person
	case opt.PeopleFromFolders:
		if folder == "" {
			s.problem(rel, 0, "not in a person's folder")
			return
		}
		ref = folder
	}
	if strings.TrimSpace(ref) == "" {
		s.problem(rel, 0, "no person")
		return
	}
	tm := fields["time"]
	if len(tm) == 4 && tm[1] == ':' {
		tm = "0" + tm // 9:30 → 09:30
	}
	if tm != "" && !timeRE().MatchString(tm) {
		s.problem(rel, 0, "bad time")
		return
	}

	if sections := splitRunning(body); len(sections) > 0 {
		// Lines are the file's, front matter included.
		above := bytes.Count(data[:len(data)-len(body)], []byte("\n"))
		for i, sec := range sections {
			s.addNote(importNote{
				file: rel, line: above + sec.line, nth: i, ref: ref,
				m: Meeting{Date: sec.date, Note: string(withOwnFrontMatter(own, sec.text))},
			})
		}
		return
	}

	date, dateOK := leadingDate(fields["date"])
	if !dateOK {
		date, dateOK = leadingDate(fields["created"])
	}
	if !dateOK {
		date, dateOK = dateInName(filepath.Base(rel))
	}
	if !dateOK {
		date, dateOK = firstHeadingDate(body)
	}
	if !dateOK {
		if fields["date"] != "" {
			s.problem(rel, 0, "bad date")
		} else {
			s.problem(rel, 0, "no date")
		}
		return
	}
	if tm == "" {
		tm = timeAfterDate(fields["date"])
	}
	s.addNote(importNote{
		file: rel, nth: sameDayNumber(filepath.Base(rel), date), ref: ref,
		m: Meeting{Date: date, Time: tm, Note: string(withOwnFrontMatter(own, body))},
	})
}

func (s *ImportSet) addNote(n importNote) {
	if len(n.m.Note) > MaxNoteSize {
		s.problem(n.file, n.line, "note too large")
		return
	}
	s.notes = append(s.notes, n)
}

var (
	leadingDateRE = lazyRegexp(`^(\d{4})-(\d{2})-(\d{2})`)
	nameDateRE    = lazyRegexp(`(^|[^0-9])(\d{4}-\d{2}-\d{2})($|[^0-9])`)
	dateTimeRE    = lazyRegexp(`^\d{4}-\d{2}-\d{2}[T ](\d{1,2}:\d{2})`)
)

// leadingDate reads the date a front matter value starts with: 2026-11-20,
// also as the start of 2026-11-20T14:30:00 (Obsidian's created).
func leadingDate(v string) (Date, bool) {
	m := leadingDateRE().FindString(strings.TrimSpace(v))
	if m == "" {
		return 0, false
	}
	d, err := ParseDate(m)
	return d, err == nil
}

// timeAfterDate reads the time of a date-time value, "" when it has none.
func timeAfterDate(v string) string {
	m := dateTimeRE().FindStringSubmatch(strings.TrimSpace(v))
	if m == nil {
		return ""
	}
	t := m[1]
	if len(t) == 4 {
		t = "0" + t
	}
	if !timeRE().MatchString(t) {
		return ""
	}
	return t
}

// dateInName reads the first YYYY-MM-DD in a file name.
func dateInName(name string) (Date, bool) {
	for _, m := range nameDateRE().FindAllStringSubmatch(name, -1) {
		if d, err := ParseDate(m[2]); err == nil {
			return d, true
		}
	}
	return 0, false
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

// parsePersonFile reads people/<handle>.md.
func parsePersonFile(rel string, data []byte) (Person, string) {
	if !utf8.Valid(data) {
		return Person{}, "not UTF-8"
	}
	fields, body, err := parseFrontMatter(data)
	if errors.Is(err, errNoFrontMatter) {
		return Person{}, "no front matter"
	}
	if err != nil {
		return Person{}, "bad front matter: " + err.Error()
	}
	p := Person{
		Handle:  fields["handle"],
		Name:    fields["name"],
		Role:    Role(strings.ToLower(fields["role"])),
		Context: string(body),
	}
	fileHandle := strings.TrimSuffix(filepath.Base(rel), filepath.Ext(rel))
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
		case !utf8.ValidString(p.Name) || !utf8.ValidString(p.Context):
			return Person{}, "not UTF-8"
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

// ReadJSONFile reads a document as ExportJSON writes it from a regular
// file (not a pipe or a device), for Journal.Import.
func ReadJSONFile(path string) (*ImportSet, error) {
	data, reason := readRegular(path, maxImportJSON)
	if reason != "" {
		return nil, fmt.Errorf("import %s: %s: %w", path, reason, ErrInvalid)
	}
	return readJSON(data)
}

// ReadJSON reads a document as ExportJSON writes it, for Journal.Import:
// its people and its meetings' notes, which hold everything else (items
// are derived from the notes again). Problems name the entry
// ("meetings[12]").
func ReadJSON(r io.Reader) (*ImportSet, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxImportJSON+1))
	if err != nil {
		return nil, fmt.Errorf("import JSON: %w", err)
	}
	if len(data) > maxImportJSON {
		return nil, fmt.Errorf("import JSON: %s: %w", tooLarge(maxImportJSON), ErrInvalid)
	}
	return readJSON(data)
}

func readJSON(data []byte) (*ImportSet, error) {
	// encoding/json would turn bytes that are not UTF-8 into U+FFFD
	// without a word: a note would come back changed.
	if !utf8.Valid(data) {
		return nil, fmt.Errorf("import JSON: the document is not UTF-8: %w", ErrInvalid)
	}
	var doc jsonExport
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("import JSON: not a 1on1 export (%v): %w", jsonErrorWithoutText(err), ErrInvalid)
	}
	if doc.Version > JSONVersion {
		return nil, fmt.Errorf("import JSON: the document is format version %d; this 1on1 reads up to %d: %w", doc.Version, JSONVersion, ErrSchema)
	}
	set := &ImportSet{fromJSON: true}
	for i, jp := range doc.People {
		p := Person{Handle: jp.Handle, Name: jp.Name, Role: jp.Role, Cadence: jp.Cadence, Context: jp.Context, Archived: jp.Archived}
		if err := p.normalise(); err != nil {
			set.problem(fmt.Sprintf("people[%d]", i), 0, "bad person: "+errorWithoutWrap(err))
			continue
		}
		set.people = append(set.people, p)
		if q := queueFromJSON(jp.Queue); len(q) > 0 {
			if set.queues == nil {
				set.queues = map[string][]Queued{}
			}
			set.queues[p.Handle] = q
		}
	}
	for i, jm := range doc.Meetings {
		where := fmt.Sprintf("meetings[%d]", i)
		m := Meeting{Date: jm.Date, Time: jm.Time, Note: jm.Note}
		switch {
		case jm.Person == "":
			set.problem(where, 0, "no person")
			continue
		case m.Date <= 0:
			set.problem(where, 0, "bad date")
			continue
		case m.Time != "" && !timeRE().MatchString(m.Time):
			set.problem(where, 0, "bad time")
			continue
		}
		// The document lists meetings in id order, which numbers same-day
		// meetings: its order is theirs.
		set.addNote(importNote{file: where, nth: i, ref: jm.Person, m: m})
	}
	return set, nil
}
