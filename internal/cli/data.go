package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

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
	var force bool
	cmd := &cobra.Command{
		Use:   "export DIR",
		Short: "write every person and note as markdown files",
		Long: `Writes the journal as markdown: DIR/people/<handle>.md and
DIR/meetings/<handle>/<YYYY-MM-DD>.md, each note byte for byte as stored
after its front matter. --json FILE writes everything (people, meetings, items
with their flags as of today) as one JSON document; FILE - is standard output.
Give DIR, --json FILE, or both.

Export replaces the files it wrote before (it lists them, with their SHA-256,
in DIR/.1on1-export.sha256) but no other file, nor one changed since it wrote
it: it stops, names them and writes nothing, unless --force. It never writes
through a link inside DIR.`,
		GroupID: groupFile,
		Args:    args(0, 1, ""),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runExport(c, cmd, args, jsonFile, journal.ExportOptions{Force: force})
		},
	}
	cmd.Flags().StringVar(&jsonFile, "json", "", "also (or only) write one JSON document to `FILE`; - for standard output")
	cmd.Flags().BoolVar(&force, "force", false, "replace files the export did not write, or that were changed since")
	c.todayFlag(cmd)
	return cmd
}

func runExport(c *call, cmd *cobra.Command, args []string, jsonFile string, opt journal.ExportOptions) error {
	if len(args) == 0 && jsonFile == "" {
		return usagef(cmd, "missing DIR (or --json FILE)")
	}
	today, j, err := c.openToday(true)
	if err != nil {
		return err
	}
	defer j.Close()
	if len(args) == 1 {
		st, err := j.ExportMarkdown(args[0], opt)
		if err != nil {
			return forceHint(err)
		}
		fmt.Fprintf(c.env.Stderr, "exported %d people and %d meetings to %s\n", st.People, st.Meetings, args[0])
	}
	switch jsonFile {
	case "":
	case "-":
		w := c.jsonOut()
		defer w.Flush()
		return j.ExportJSON(w, today)
	default:
		return forceHint(j.ExportJSONFile(jsonFile, today, opt))
	}
	return nil
}

// forceHint adds what the user can do to an export's refusal to replace
// files.
func forceHint(err error) error {
	var oe *journal.OverwriteError
	if errors.As(err, &oe) {
		return fmt.Errorf("%w; --force replaces them (their content is lost)", err)
	}
	return err
}

func newImportCmd(c *call) *cobra.Command {
	var opt journal.ImportOptions
	cmd := &cobra.Command{
		Use:   "import DIR|NOTE.md|FILE.json",
		Short: "bring notes in: a folder of markdown notes, or an export",
		Long: `Reads markdown notes into the journal: an export's layout (people/<handle>.md,
meetings/<handle>/<date>.md), or notes as people keep them, an Obsidian
folder for instance. Given a JSON file, reads the document 'export --json'
writes.

Whose note: --person HANDLE for all of them, or --people-from-folders when
each folder under DIR is a person (handle and name from the folder's name:
"José Núñez" is jose), else person: in the note's front matter (a handle, a
name or a [[wikilink]]). People the journal lacks are added, one line each,
unless --no-create.

Which date: date: or created: in the front matter, else the first
YYYY-MM-DD in the file name; a note with neither is listed, never guessed. A
running document (one file per person, a dated heading per meeting, such as
"## 2026-11-20" or "## 21 Sep, 2022 | Alice, Eduardo") becomes one meeting
per dated section. A note's own front matter keys (tags, aliases…) are kept.

Notes already in the journal are skipped, so importing twice creates no
duplicates. Only regular files are read. Files that cannot be imported are
listed with the reason; the rest are imported. --dry-run lists what would be
imported, for whom and on which date, and changes nothing.`,
		GroupID: groupFile,
		Args:    args(1, 1, "DIR"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if opt.Person != "" && opt.PeopleFromFolders {
				return usagef(cmd, "give --person or --people-from-folders, not both")
			}
			return runImport(c, cmd, args[0], opt)
		},
	}
	cmd.Flags().StringVar(&opt.Person, "person", "", "every note is this person's: a `HANDLE` or a name")
	cmd.Flags().BoolVar(&opt.PeopleFromFolders, "people-from-folders", false, "each folder under DIR is a person, named by the folder")
	cmd.Flags().BoolVar(&opt.NoCreate, "no-create", false, "do not add people the journal lacks; refuse their notes")
	cmd.Flags().BoolVar(&opt.DryRun, "dry-run", false, "list what would be imported and why not, and change nothing")
	c.todayFlag(cmd)
	return cmd
}

func runImport(c *call, cmd *cobra.Command, src string, opt journal.ImportOptions) error {
	fi, err := os.Stat(src)
	if err != nil {
		return fmt.Errorf("import %s: %w", src, err)
	}
	markdown := fi.IsDir() || isMarkdownFile(src)
	if !markdown && (opt.Person != "" || opt.PeopleFromFolders) {
		return usagef(cmd, "--person and --people-from-folders are for markdown notes, not a JSON document")
	}
	// Everything is read before the journal is opened: a slow or stuck
	// read never keeps the journal locked.
	var set *journal.ImportSet
	if markdown {
		set, err = journal.ReadMarkdown(src, opt)
	} else {
		set, err = journal.ReadJSONFile(src)
	}
	if err != nil {
		return err
	}
	j, cleanup, err := c.openForImport(opt.DryRun)
	if err != nil {
		return err
	}
	defer cleanup()
	pr := newProgress(c.env, "importing notes")
	opt.Progress = pr.update
	rep, err := j.Import(set, opt)
	pr.finish()
	if err != nil {
		return err
	}
	return printImport(c, rep, opt.DryRun)
}

// openForImport opens the journal to import into. A dry run only reads it,
// and with no journal yet reads an empty one made in a temporary folder, so
// that it creates nothing where the journal goes.
func (c *call) openForImport(dryRun bool) (*journal.Journal, func(), error) {
	if !dryRun {
		j, err := c.open(false)
		if err != nil {
			return nil, nil, err
		}
		return j, func() { j.Close() }, nil
	}
	path, err := c.path()
	if err != nil {
		return nil, nil, err
	}
	if exists(path) {
		j, err := c.open(true)
		if err != nil {
			return nil, nil, err
		}
		return j, func() { j.Close() }, nil
	}
	tmp, err := os.MkdirTemp("", "1on1-dry-run-*")
	if err != nil {
		return nil, nil, err
	}
	j, err := journal.Open(filepath.Join(tmp, "journal.db"), journal.Options{NoSync: true})
	if err != nil {
		os.RemoveAll(tmp)
		return nil, nil, err
	}
	return j, func() { j.Close(); os.RemoveAll(tmp) }, nil
}

func isMarkdownFile(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".md" || ext == ".markdown"
}

// importHints say what to do about each reason a note was refused.
var importHints = map[string]string{
	"no person":                "give --person HANDLE, or --people-from-folders when each folder is a person, or person: in the note's front matter",
	"no date":                  "a note's date comes from date: or created: in its front matter, or a YYYY-MM-DD in its file name",
	"bad date":                 "date: in the front matter must be YYYY-MM-DD",
	"missing person":           "without --no-create, import adds the people notes name",
	"not in a person's folder": "with --people-from-folders, notes go in a folder named after their person",
}

func printImport(c *call, rep journal.ImportReport, dryRun bool) error {
	out := c.env.Stdout
	added := "added person"
	if dryRun {
		added = "would add person"
	}
	for _, p := range rep.Created {
		fmt.Fprintf(out, "%s %s (%s)\n", added, p.Handle, p.Name)
	}
	if dryRun {
		for _, n := range rep.Notes {
			where := n.File
			if n.Line > 0 {
				where += fmt.Sprintf(":%d", n.Line)
			}
			fmt.Fprintf(out, "would import %s  %-12s %s\n", n.Date, n.Person, where)
		}
		fmt.Fprintf(out, "would import %d people and %d meetings; %d notes are already in the journal\n", rep.People, rep.Meetings, rep.Skipped)
	} else {
		fmt.Fprintf(out, "imported %d people and %d meetings; %d notes were already in the journal\n", rep.People, rep.Meetings, rep.Skipped)
	}
	if rep.Ignored > 0 {
		fmt.Fprintf(out, "passed over %d files that are not markdown notes\n", rep.Ignored)
	}
	if len(rep.Problems) == 0 {
		return nil
	}
	verb := "not imported"
	if dryRun {
		verb = "would not be imported"
	}
	fmt.Fprintf(out, "%d files %s:\n", len(rep.Problems), verb)
	seen := map[string]bool{}
	var hints []string
	for _, p := range rep.Problems {
		where := p.File
		if p.Line > 0 {
			where += fmt.Sprintf(":%d", p.Line)
		}
		fmt.Fprintf(out, "  %s: %s\n", where, p.Reason)
		if h, ok := importHints[p.Reason]; ok && !seen[p.Reason] {
			seen[p.Reason] = true
			hints = append(hints, h)
		}
	}
	for _, h := range hints {
		fmt.Fprintf(out, "hint: %s\n", h)
	}
	if dryRun {
		return fmt.Errorf("%d files would not be imported (listed above)", len(rep.Problems))
	}
	return fmt.Errorf("%d files could not be imported (listed above); fix them and import again", len(rep.Problems))
}

func newBackupCmd(c *call) *cobra.Command {
	var opt journal.BackupOptions
	cmd := &cobra.Command{
		Use:   "backup FILE",
		Short: "write a consistent copy of the journal",
		Long: `Writes a consistent copy of the journal to FILE (mode 0600): what one read
transaction sees, written to a temporary file, synced and renamed, so FILE
never holds half a copy. Copying the file with cp can give a broken copy.
FILE may be an earlier backup; any other file there is left alone unless
--force. It works while the app (1on1 without a verb) is open; the app also
keeps a daily backup itself, in the folder named after the journal
(journal.db.backups/), and takes one on ctrl+b.`,
		GroupID: groupFile,
		Args:    args(1, 1, "FILE"),
		RunE:    func(cmd *cobra.Command, args []string) error { return runBackup(c, args[0], opt) },
	}
	cmd.Flags().BoolVar(&opt.Force, "force", false, "replace FILE even if it is not an earlier backup")
	return cmd
}

func runBackup(c *call, file string, opt journal.BackupOptions) error {
	j, err := c.open(true)
	if err != nil {
		return err
	}
	defer j.Close()
	if err := j.Backup(file, opt); err != nil {
		var oe *journal.OverwriteError
		if errors.As(err, &oe) {
			return fmt.Errorf("%w; --force replaces it (its content is lost)", err)
		}
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
		// Wait for a write in progress as every verb does, saying so
		// after a second; CheckFile itself waits in silence.
		if j, err := c.openWith(journal.Options{ReadOnly: true, Waiting: waitNotice(c.env)}); errors.Is(err, journal.ErrLocked) {
			return err
		} else if err == nil {
			j.Close()
		}
		rep, err := journal.CheckFile(path)
		if errors.Is(err, journal.ErrCorrupt) {
			return &hintedError{err: err, hints: restoreHints(path)}
		}
		if err != nil {
			return openHints(path, err)
		}
		fmt.Fprint(c.env.Stdout, rep.String())
		if !rep.OK {
			return &hintedError{err: errors.New("the journal has problems (listed above)"), hints: []string{
				"'1on1 check --repair' rebuilds items and indexes from the notes; damaged notes or pages need a backup, in " + journal.BackupDir(path)}}
		}
		return nil
	}
	if !exists(path) {
		return fmt.Errorf("no journal at %s to repair; use --db", path)
	}
	j, err := c.openWith(journal.Options{Waiting: waitNotice(c.env)})
	if err != nil {
		return openHints(path, err)
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
