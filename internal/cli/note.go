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
		Use:     "note HANDLE [--file F | -]",
		Short:   "add a meeting note from a file, standard input or $EDITOR",
		Long:    noteAbout,
		GroupID: groupNotes,
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
	date, at, file, asJSON := &f.date, &f.at, &f.file, &f.json
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
	p, err := person(j, handle)
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

func newMeetingsCmd(c *call) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:     "meetings HANDLE",
		Short:   "list a person's meetings, newest first",
		Long:    "Lists a person's meetings, newest first, with what each note holds.",
		GroupID: groupNotes,
		Args:    args(1, 1, "HANDLE"),
		RunE:    func(cmd *cobra.Command, args []string) error { return runMeetings(c, args[0], asJSON) },
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	c.todayFlag(cmd)
	return cmd
}

func runMeetings(c *call, handle string, asJSON bool) error {
	today, j, err := c.openToday(true)
	if err != nil {
		return err
	}
	defer j.Close()
	p, err := person(j, handle)
	if err != nil {
		return err
	}
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
		Use:     "show MEETING-ID",
		Short:   "print a meeting's note",
		Long:    "Prints a meeting's note exactly as stored (ids as 'meetings' lists them).",
		GroupID: groupNotes,
		Args:    args(1, 1, "MEETING-ID"),
		RunE:    func(cmd *cobra.Command, args []string) error { return runShow(c, args[0], asJSON) },
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
