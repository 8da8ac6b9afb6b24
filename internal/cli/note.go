package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"

	"github.com/oneonone/1on1/journal"
)

const noteAbout = `Adds the note of a 1:1 with a person: from --file F, from standard input
(--file - or a pipe), or, on a terminal, from $EDITOR opened on a template
that carries the open commitments and follow-ups over. The note is saved only
if the editor leaves it changed. Block ids (^c7f3) are added to new items.`

func runNote(c *call) error {
	fs := c.flags("HANDLE [--date D] [--time HH:MM] [--file F | -]", noteAbout, true)
	date := fs.String("date", "", "the meeting's date, YYYY-MM-DD (default: today)")
	at := fs.String("time", "", "the meeting's time, HH:MM")
	file := fs.String("file", "", "read the note from file F, or standard input for -")
	asJSON := fs.Bool("json", false, "print the stored meeting as JSON")
	if err := c.parse(fs, c.args); err != nil {
		return err
	}
	if len(c.pos) == 2 && c.pos[1] == "-" && *file == "" {
		*file, c.pos = "-", c.pos[:1]
	}
	if err := c.wantArgs(1, 1, "HANDLE"); err != nil {
		return err
	}
	today, err := c.todayDate()
	if err != nil {
		return err
	}
	d := today
	if *date != "" {
		if d, err = dateFlag("date", *date); err != nil {
			return err
		}
	}
	j, err := c.open(false)
	if err != nil {
		return err
	}
	defer j.Close()
	p, err := person(j, c.pos[0])
	if err != nil {
		return err
	}

	var note []byte
	switch {
	case *file == "-" || (*file == "" && !c.env.StdinTTY):
		note, err = io.ReadAll(io.LimitReader(c.env.Stdin, journal.MaxNoteSize+1))
		if err != nil {
			return fmt.Errorf("read the note from standard input: %w", err)
		}
	case *file != "":
		note, err = os.ReadFile(*file)
		if err != nil {
			return fmt.Errorf("read the note: %w", err)
		}
	default:
		tmpl, err := j.Template(p.Handle, d)
		if err != nil {
			return err
		}
		edited, changed, err := editInEditor(c.env, tmpl, p.Handle+"-"+d.String())
		if err != nil {
			return err
		}
		if !changed {
			fmt.Fprintln(c.env.Stderr, "note left unchanged: nothing saved")
			return nil
		}
		note = edited
	}
	if len(bytes.TrimSpace(note)) == 0 {
		return errors.New("the note is empty: nothing saved")
	}
	m, err := j.AddMeeting(journal.Meeting{Person: p.Handle, Date: d, Time: *at, Note: string(note)}, today)
	if err != nil {
		return err
	}
	if *asJSON {
		return c.writeJSON(meetingView(m, today, true))
	}
	fmt.Fprintf(c.env.Stdout, "saved meeting %s with %s (%s)\n", m.ID, m.Person, itemSummary(m.Items))
	return nil
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

// editInEditor opens $EDITOR (split on spaces: "code -w" works) on text in
// a private temporary file and returns what the editor left there.
func editInEditor(env Env, text, name string) ([]byte, bool, error) {
	editor := strings.Fields(env.getenv("VISUAL"))
	if len(editor) == 0 {
		editor = strings.Fields(env.getenv("EDITOR"))
	}
	if len(editor) == 0 {
		editor = []string{"vi"}
	}
	f, err := os.CreateTemp("", "1on1-"+name+"-*.md") // mode 0600
	if err != nil {
		return nil, false, fmt.Errorf("make a file for the editor: %w", err)
	}
	path := f.Name()
	defer os.Remove(path)
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return nil, false, fmt.Errorf("make a file for the editor: %w", err)
	}
	if err := f.Close(); err != nil {
		return nil, false, fmt.Errorf("make a file for the editor: %w", err)
	}
	cmd := exec.Command(editor[0], append(editor[1:], path)...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		return nil, false, fmt.Errorf("editor %s: %v; the note was not saved", editor[0], err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, false, fmt.Errorf("read the edited note: %w", err)
	}
	return b, string(b) != text, nil
}

func runMeetings(c *call) error {
	fs := c.flags("HANDLE [--json]", "Lists a person's meetings, newest first, with what each note holds.", true)
	asJSON := fs.Bool("json", false, "print JSON")
	if err := c.parseArgs(fs, 1, 1, "HANDLE"); err != nil {
		return err
	}
	today, j, err := c.openToday(true)
	if err != nil {
		return err
	}
	defer j.Close()
	p, err := person(j, c.pos[0])
	if err != nil {
		return err
	}
	ms, err := j.Meetings(p.Handle)
	if err != nil {
		return err
	}
	if *asJSON {
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

func runShow(c *call) error {
	fs := c.flags("MEETING-ID [--json]", "Prints a meeting's note exactly as stored (ids as 'meetings' lists them).", true)
	asJSON := fs.Bool("json", false, "print the meeting with its items as JSON")
	if err := c.parseArgs(fs, 1, 1, "MEETING-ID"); err != nil {
		return err
	}
	id, err := journal.ParseMeetingID(c.pos[0])
	if err != nil {
		return fmt.Errorf("%q is not a meeting id: use one like 2026-11-20.17 from '1on1 meetings HANDLE'", c.pos[0])
	}
	today, j, err := c.openToday(true)
	if err != nil {
		return err
	}
	defer j.Close()
	m, err := j.Meeting(id)
	if errors.Is(err, journal.ErrNotFound) {
		return fmt.Errorf("no meeting %s; see '1on1 meetings HANDLE'", id)
	}
	if err != nil {
		return err
	}
	if *asJSON {
		return c.writeJSON(meetingView(m, today, true))
	}
	io.WriteString(c.env.Stdout, m.Note)
	if !strings.HasSuffix(m.Note, "\n") {
		fmt.Fprintln(c.env.Stdout)
	}
	return nil
}
