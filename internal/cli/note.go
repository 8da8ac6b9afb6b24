package cli

// Why this file is long: note, meetings and show, the verbs about one meeting; most of it is the
// $EDITOR round trip, which keeps the typed text on every failure.

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/oneonone/1on1/internal/editor"
	"github.com/oneonone/1on1/journal"
	"github.com/spf13/cobra"
)

const noteAbout = `Adds the note of a 1:1 with a person: from --file F, from standard input
(--file - or a pipe), or, on a terminal, from $EDITOR opened on a template
that carries the open commitments and follow-ups over. The note is saved only
if the editor leaves it changed. Block ids (^c7f3) are added to new items.`

func init() {
	addVerb(newNoteCmd)
	addVerb(newMeetingsCmd)
	addVerb(newShowCmd)
}

// noteFlags are the flags of "note".
type noteFlags struct {
	date, at, file string
	json           bool
}

func newNoteCmd(c *call) *cobra.Command {
	var f noteFlags
	cmd := &cobra.Command{
		Use:               "note HANDLE [--file F | -]",
		ValidArgsFunction: c.completeHandle,
		Short:             "add a meeting note from a file, standard input or $EDITOR",
		Long:              noteAbout,
		GroupID:           groupNotes,
		Args: func(cmd *cobra.Command, a []string) error {
			if len(a) == 2 && a[1] == "-" {
				return nil // "note alice -" reads standard input
			}
			return args(1, 1, "HANDLE")(cmd, a)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 2 {
				if f.file != "" && f.file != "-" {
					return usagef(cmd, "give --file F or -, not both")
				}
				f.file = "-"
			}
			return runNote(c, args[0], f)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&f.date, "date", "", "the meeting's date, `YYYY-MM-DD` (default: today)")
	fs.StringVar(&f.at, "time", "", "the meeting's time, `HH:MM`")
	fs.StringVar(&f.file, "file", "", "read the note from file `F`, or standard input for -")
	fs.BoolVar(&f.json, "json", false, "print the stored meeting as JSON")
	c.todayFlag(cmd)
	return cmd
}

func runNote(c *call, handle string, f noteFlags) error {
	// Every flag is checked before the editor opens: a mistake found after
	// it would cost the user the text they typed.
	today, err := c.todayDate()
	if err != nil {
		return err
	}
	m := journal.Meeting{Person: strings.ToLower(handle), Date: today}
	if f.date != "" {
		if m.Date, err = dateFlag("date", f.date); err != nil {
			return err
		}
	}
	if m.Time, err = meetingTime(f.at); err != nil {
		return err
	}
	var note []byte
	switch {
	case f.file == "-" || (f.file == "" && !c.env.StdinTTY):
		if note, err = readNote(c.env.Stdin); err != nil {
			return fmt.Errorf("read the note from standard input: %w", err)
		}
	case f.file != "":
		if note, err = readNoteFile(f.file); err != nil {
			return fmt.Errorf("read the note: %w", err)
		}
	default:
		return noteInEditor(c, m, today, f.json)
	}
	if len(bytes.TrimSpace(note)) == 0 {
		return errors.New("the note is empty: nothing saved")
	}
	m.Note = string(note)
	err = c.saveNote(m, today, f.json)
	if err != nil && f.file != "" && f.file != "-" {
		return err // the note is still in its file
	}
	// Text from a pipe exists nowhere else once read: keep it.
	return keepOnFailure(err, note, m)
}

// noteInEditor writes the template to a private file, opens the editor on
// it and saves what the editor leaves there. The journal is open only to
// read the template and, after the editor closes, to save: the editor may
// stay open for an hour, and meanwhile the app and other verbs must be able
// to use the journal.
func noteInEditor(c *call, m journal.Meeting, today journal.Date, asJSON bool) error {
	j, err := c.open(true)
	if err != nil {
		return err
	}
	p, err := person(j, m.Person)
	if err == nil {
		m.Person = p.Handle
		var tmpl string
		if tmpl, err = j.Template(p.Handle, m.Date); err == nil {
			m.Note = tmpl
		}
	}
	if cerr := j.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	path, err := writeNoteFile("", m, []byte(m.Note))
	if err != nil {
		return fmt.Errorf("make a file for the editor: %w", err)
	}
	cmd, err := editor.Command(c.env.getenv, path, notesLine(m.Note))
	if err != nil {
		os.Remove(path)
		return err
	}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	runErr := cmd.Run()
	edited, err := readNoteFile(path)
	if err != nil {
		return &keptNoteError{err: fmt.Errorf("read the edited note: %w", err), path: path, m: m}
	}
	changed := string(edited) != m.Note
	switch {
	case runErr != nil && !changed:
		os.Remove(path)
		return fmt.Errorf("editor %s: %v; nothing was saved", editor.Name(c.env.getenv), runErr)
	case runErr != nil:
		return &keptNoteError{err: fmt.Errorf("editor %s: %v; the note was not saved", editor.Name(c.env.getenv), runErr), path: path, m: m}
	case !changed:
		os.Remove(path)
		fmt.Fprintln(c.env.Stderr, "note left unchanged: nothing saved")
		return nil
	case len(bytes.TrimSpace(edited)) == 0:
		os.Remove(path)
		return errors.New("the note is empty: nothing saved")
	}
	m.Note = string(edited)
	if err := c.saveNote(m, today, asJSON); err != nil {
		return &keptNoteError{err: err, path: path, m: m}
	}
	os.Remove(path)
	return nil
}

// saveNote adds the meeting to the journal and reports it.
func (c *call) saveNote(m journal.Meeting, today journal.Date, asJSON bool) error {
	if len(m.Note) > journal.MaxNoteSize {
		return fmt.Errorf("the note is larger than the %d MiB a note may hold: nothing saved", journal.MaxNoteSize>>20)
	}
	j, err := c.open(false)
	if err != nil {
		return err
	}
	defer j.Close()
	p, err := person(j, m.Person)
	if err != nil {
		return err
	}
	m.Person = p.Handle
	m, err = j.AddMeeting(m, today)
	if err != nil {
		return err
	}
	if err := j.Close(); err != nil {
		return err
	}
	if asJSON {
		return c.writeJSON(meetingView(m, today, true))
	}
	fmt.Fprintf(c.env.Stdout, "saved meeting %s with %s (%s)\n", m.ID, m.Person, itemSummary(m.Items))
	return nil
}

// keptNoteError is a failed save whose text was kept in a file.
type keptNoteError struct {
	err  error
	path string
	m    journal.Meeting
}

func (e *keptNoteError) Error() string {
	return e.err.Error() + "; your note is kept in " + e.path
}

func (e *keptNoteError) Unwrap() error { return e.err }

// retry is the command that saves the kept note once the cause is fixed.
func (e *keptNoteError) retry() string {
	s := "1on1 note " + e.m.Person + " --date " + e.m.Date.String()
	if e.m.Time != "" {
		s += " --time " + e.m.Time
	}
	return s + " --file " + e.path
}

// keepOnFailure keeps note in a private file when err is a failed save.
func keepOnFailure(err error, note []byte, m journal.Meeting) error {
	if err == nil {
		return nil
	}
	path, werr := writeNoteFile("", m, note)
	if werr != nil {
		return fmt.Errorf("%w (and the note could not be kept: %v)", err, werr)
	}
	return &keptNoteError{err: err, path: path, m: m}
}

// writeNoteFile writes text to a new file of mode 0600 in dir (the
// temporary folder when empty), named after the meeting.
func writeNoteFile(dir string, m journal.Meeting, text []byte) (string, error) {
	f, err := os.CreateTemp(dir, "1on1-"+m.Person+"-"+m.Date.String()+"-*.md") // mode 0600
	if err != nil {
		return "", err
	}
	_, err = f.Write(text)
	if serr := f.Sync(); err == nil {
		err = serr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// readNote reads a note, at most one byte more than the journal takes so
// that a note too large is refused without reading all of it.
func readNote(r io.Reader) ([]byte, error) {
	return io.ReadAll(io.LimitReader(r, journal.MaxNoteSize+1))
}

// readNoteFile reads a note from a regular file: a FIFO or a device would
// hang or never end.
func readNoteFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", path)
	}
	return readNote(f)
}

// notesLine is the line of the template where the user starts typing: the
// blank line under "## Notes" (0 when there is none).
func notesLine(tmpl string) int {
	for i, line := range strings.Split(tmpl, "\n") {
		if strings.TrimSpace(line) == "## Notes" {
			return i + 3
		}
	}
	return 0
}

// meetingTime checks a --time value and writes it as HH:MM: 9:05 is 09:05,
// as import reads it.
func meetingTime(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	h, mm, ok := strings.Cut(strings.TrimSpace(s), ":")
	hour, herr := strconv.Atoi(h)
	minute, merr := strconv.Atoi(mm)
	digits := strings.Trim(h+mm, "0123456789") == ""
	if !ok || !digits || herr != nil || merr != nil || len(h) < 1 || len(h) > 2 || len(mm) != 2 || hour > 23 || minute > 59 {
		return "", fmt.Errorf("bad time %q for --time: use HH:MM, from 00:00 to 23:59", s)
	}
	return fmt.Sprintf("%02d:%02d", hour, minute), nil
}

// itemSummary counts a meeting's items by kind: "3 commitments, 1 win".
func itemSummary(items []journal.Item) string {
	counts := map[journal.Kind]int{}
	for _, it := range items {
		counts[it.Kind]++
	}
	var parts []string
	for _, k := range []journal.Kind{journal.Commitment, journal.FollowUp, journal.Win, journal.Feedback} {
		if n := counts[k]; n > 0 {
			name := k.String()
			if n > 1 {
				name += "s"
			}
			parts = append(parts, fmt.Sprintf("%d %s", n, name))
		}
	}
	if len(parts) == 0 {
		return "no items"
	}
	return strings.Join(parts, ", ")
}

func newMeetingsCmd(c *call) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:               "meetings HANDLE",
		ValidArgsFunction: c.completeHandle,
		Short:             "list a person's meetings, newest first",
		Long:              "Lists a person's meetings, newest first, with what each note holds.",
		GroupID:           groupNotes,
		Args:              args(1, 1, "HANDLE"),
		RunE:              func(cmd *cobra.Command, args []string) error { return runMeetings(c, args[0], asJSON) },
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	c.todayFlag(cmd)
	return cmd
}

func runMeetings(c *call, handle string, asJSON bool) error {
	today, j, p, err := c.openPerson(true, handle)
	if err != nil {
		return err
	}
	defer j.Close()
	ms, err := j.Meetings(p.Handle)
	if err != nil {
		return err
	}
	if asJSON {
		out := make([]meetingJSON, 0, len(ms))
		for _, m := range ms {
			out = append(out, meetingView(m, today, false))
		}
		return c.writeJSON(out)
	}
	empty := fmt.Sprintf("No meetings with %s yet. Add one with: 1on1 note %s", p.Handle, p.Handle)
	return c.printTable(len(ms), empty, "MEETING\tDATE\tTIME\tITEMS", func(w io.Writer) {
		for _, m := range ms {
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", m.ID, m.Date, m.Time, itemSummary(m.Items))
		}
	})
}

func newShowCmd(c *call) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:               "show MEETING-ID",
		ValidArgsFunction: c.completeMeeting,
		Short:             "print a meeting's note",
		Long:              "Prints a meeting's note exactly as stored (ids as 'meetings' lists them).",
		GroupID:           groupNotes,
		Args:              args(1, 1, "MEETING-ID"),
		RunE:              func(cmd *cobra.Command, args []string) error { return runShow(c, args[0], asJSON) },
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the meeting with its items as JSON")
	c.todayFlag(cmd)
	return cmd
}

func runShow(c *call, rawID string, asJSON bool) error {
	id, err := journal.ParseMeetingID(rawID)
	if err != nil {
		return fmt.Errorf("%q is not a meeting id: use one like 2026-11-20.17 from '1on1 meetings HANDLE'", rawID)
	}
	today, j, err := c.openToday(true)
	if err != nil {
		return err
	}
	defer j.Close()
	m, err := j.Meeting(id)
	if errors.Is(err, journal.ErrNotFound) {
		return notFoundf("no meeting %s; see '1on1 meetings HANDLE'", id)
	}
	if err != nil {
		return err
	}
	if asJSON {
		return c.writeJSON(meetingView(m, today, true))
	}
	io.WriteString(c.env.Stdout, m.Note)
	if !strings.HasSuffix(m.Note, "\n") {
		fmt.Fprintln(c.env.Stdout)
	}
	return nil
}
