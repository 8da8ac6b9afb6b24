package cli

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/oneonone/1on1/internal/atomicfile"
	"github.com/oneonone/1on1/journal"
	"github.com/spf13/cobra"
)

func init() {
	addVerb(newExportCmd)
	addVerb(newImportCmd)
	addVerb(newBackupCmd)
	addVerb(newCheckCmd)
}

func newExportCmd(c *call) *cobra.Command {
	var jsonFile string
	cmd := &cobra.Command{
		Use:   "export DIR",
		Short: "write every person and note as markdown files",
		Long: `Writes the journal as markdown: DIR/people/<handle>.md and
DIR/meetings/<handle>/<YYYY-MM-DD>.md, each note byte for byte as stored
after its front matter. --json FILE writes everything (people, meetings, items
with their flags as of today) as one JSON document; FILE - is standard output.
Give DIR, --json FILE, or both.`,
		GroupID: groupFile,
		Args:    args(0, 1, ""),
		RunE:    func(cmd *cobra.Command, args []string) error { return runExport(c, cmd, args, jsonFile) },
	}
	cmd.Flags().StringVar(&jsonFile, "json", "", "also (or only) write one JSON document to `FILE`; - for standard output")
	c.todayFlag(cmd)
	return cmd
}

func runExport(c *call, cmd *cobra.Command, args []string, jsonFileFlag string) error {
	jsonFile := &jsonFileFlag
	if len(args) == 0 && *jsonFile == "" {
		return usagef(cmd, "missing DIR (or --json FILE)")
	}
	today, j, err := c.openToday(true)
	if err != nil {
		return err
	}
	defer j.Close()
	if len(args) == 1 {
		st, err := j.ExportMarkdown(args[0])
		if err != nil {
			return err
		}
		fmt.Fprintf(c.env.Stderr, "exported %d people and %d meetings to %s\n", st.People, st.Meetings, args[0])
	}
	switch *jsonFile {
	case "":
	case "-":
		w := c.jsonOut()
		defer w.flush()
		return j.ExportJSON(w, today)
	default:
		return writeJSONFile(*jsonFile, func(w io.Writer) error { return j.ExportJSON(w, today) })
	}
	return nil
}

// writeJSONFile writes a private file atomically, so that a reader never
// sees half of it.
func writeJSONFile(path string, write func(io.Writer) error) error {
	if err := atomicfile.WriteFrom(path, atomicfile.Options{}, write); err != nil {
		return fmt.Errorf("export JSON: %w", err)
	}
	return nil
}

func newImportCmd(c *call) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import DIR|FILE.json",
		Short: "read markdown notes with front matter into the journal",
		Long: `Reads a folder of markdown notes into the journal: an export's layout
(people/<handle>.md, meetings/<handle>/<date>.md), or any folder of notes
with front matter (person, date, optional time). Given a file, reads the
JSON document that 'export --json' writes. Notes already in the journal are
skipped, so importing twice creates no duplicates. Files that cannot be
imported are listed with the reason; the rest are imported.`,
		GroupID: groupFile,
		Args:    args(1, 1, "DIR"),
		RunE:    func(cmd *cobra.Command, args []string) error { return runImport(c, args[0]) },
	}
	c.todayFlag(cmd)
	return cmd
}

func runImport(c *call, src string) error {
	fi, err := os.Stat(src)
	if err != nil {
		return fmt.Errorf("import %s: %w", src, err)
	}
	var doc *os.File
	if !fi.IsDir() {
		if doc, err = os.Open(src); err != nil {
			return fmt.Errorf("import %s: %w", src, err)
		}
		defer doc.Close()
	}
	j, err := c.open(false)
	if err != nil {
		return err
	}
	defer j.Close()
	pr := newProgress(c.env, "importing notes")
	var rep journal.ImportReport
	if doc != nil {
		rep, err = j.ImportJSON(doc, pr.update)
	} else {
		rep, err = j.ImportMarkdown(src, pr.update)
	}
	pr.finish()
	if err != nil {
		return err
	}
	fmt.Fprintf(c.env.Stdout, "imported %d people and %d meetings; %d notes were already in the journal\n", rep.People, rep.Meetings, rep.Skipped)
	if len(rep.Problems) == 0 {
		return nil
	}
	fmt.Fprintf(c.env.Stdout, "%d files not imported:\n", len(rep.Problems))
	for _, p := range rep.Problems {
		fmt.Fprintf(c.env.Stdout, "  %s: %s\n", p.File, p.Reason)
	}
	return fmt.Errorf("%d files could not be imported (listed above); fix them and import again", len(rep.Problems))
}

func newBackupCmd(c *call) *cobra.Command {
	return &cobra.Command{
		Use:   "backup FILE",
		Short: "write a consistent copy of the journal",
		Long: `Writes a consistent copy of the journal to FILE (mode 0600): what one read
transaction sees, written to a temporary file, synced and renamed, so FILE
never holds half a copy. Copying the file with cp can give a broken copy.
The app (1on1 without a verb) holds the journal while it runs and keeps a
daily backup itself, in the journal's backups folder; close it to run this.`,
		GroupID: groupFile,
		Args:    args(1, 1, "FILE"),
		RunE:    func(cmd *cobra.Command, args []string) error { return runBackup(c, args[0]) },
	}
}

func runBackup(c *call, file string) error {
	j, err := c.open(true)
	if err != nil {
		return err
	}
	defer j.Close()
	if err := j.Backup(file); err != nil {
		return err
	}
	fi, err := os.Stat(file)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.env.Stdout, "backup of %s written to %s (%d KiB)\n", j.Path(), file, fi.Size()>>10)
	return nil
}

func newCheckCmd(c *call) *cobra.Command {
	var repair bool
	cmd := &cobra.Command{
		Use:   "check",
		Short: "verify the journal file; --repair rebuilds derived data",
		Long: `Verifies the journal file: bbolt's consistency check, the schema
version, every record's checksum, and that the items and indexes derived
from the notes match them. Exits 1 when anything is wrong. --repair rebuilds
the derived data from the notes and names any note it cannot read, with the
newest backup that holds it.`,
		GroupID: groupFile,
		Args:    args(0, 0, ""),
		RunE:    func(cmd *cobra.Command, args []string) error { return runCheck(c, repair) },
	}
	cmd.Flags().BoolVar(&repair, "repair", false, "rebuild items and indexes from the notes")
	return cmd
}

func runCheck(c *call, repairFlag bool) error {
	repair := &repairFlag
	path, err := c.path()
	if err != nil {
		return err
	}
	if !*repair {
		// Ask for the lock first with the verbs' short wait: CheckFile
		// waits a full second for a journal another process holds.
		if j, err := journal.Open(path, journal.Options{ReadOnly: true, Timeout: lockWait}); errors.Is(err, journal.ErrLocked) {
			return err
		} else if err == nil {
			j.Close()
		}
		rep, err := journal.CheckFile(path)
		if err != nil {
			return err
		}
		fmt.Fprint(c.env.Stdout, rep.String())
		if !rep.OK {
			return errors.New("the journal has problems (listed above)")
		}
		return nil
	}
	if !exists(path) {
		return fmt.Errorf("no journal at %s to repair; use --db", path)
	}
	j, err := journal.Open(path, journal.Options{Timeout: lockWait})
	if err != nil {
		return err
	}
	defer j.Close()
	rr, err := j.Repair()
	if err != nil {
		return err
	}
	fmt.Fprintf(c.env.Stdout, "rebuilt items and indexes from %d notes\n", rr.Meetings)
	if len(rr.Unreadable) > 0 {
		fmt.Fprintf(c.env.Stdout, "%d notes could not be read and were left as they are:", len(rr.Unreadable))
		for _, id := range rr.Unreadable {
			fmt.Fprintf(c.env.Stdout, " %s", id)
		}
		fmt.Fprintln(c.env.Stdout)
		if rr.Backup != "" {
			fmt.Fprintf(c.env.Stdout, "the newest backup that holds them: %s (restore it with: cp %s %s)\n", rr.Backup, rr.Backup, path)
		} else {
			fmt.Fprintln(c.env.Stdout, "no backup holds them readable")
		}
	}
	rep, err := j.Check()
	if err != nil {
		return err
	}
	fmt.Fprint(c.env.Stdout, rep.String())
	if !rep.OK {
		return errors.New("the journal still has problems (listed above)")
	}
	return nil
}
