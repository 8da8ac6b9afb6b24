package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/oneonone/1on1/internal/termsafe"
	"github.com/oneonone/1on1/journal"
	"github.com/spf13/cobra"
)

func init() { addVerb(newVaultCmd) }

func newVaultCmd(c *call) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "vault",
		Short: "mirror the journal into a folder of markdown files, both ways",
		Long: `A vault is a folder the journal mirrors itself into, in the export's layout
(people/<handle>.md, meetings/<handle>/<date>.md): every save also writes
the note's file, and changes made to the files by other tools (an editor,
Obsidian, git, a folder sync) come back into the journal on 'vault sync' and
when the app starts. '1on1 sync' shares the vault through git.

A note changed both in the journal and in its file since the last sync is a
conflict: the file is kept, the journal's version is written beside it as
<date>.conflict-<n>.md, and 'vault sync' exits 1 until that copy is gone.
Files holding git's conflict markers are never taken in.`,
		GroupID: groupFile,
		Args:    args(1, -1, "a vault verb (init, status, sync, off)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return usagef(cmd, "unknown vault verb %q", args[0])
		},
	}
	cmd.AddCommand(newVaultInitCmd(c), newVaultStatusCmd(c), newVaultSyncCmd(c), newVaultOffCmd(c))
	return cmd
}

func newVaultInitCmd(c *call) *cobra.Command {
	return &cobra.Command{
		Use:   "init DIR",
		Short: "mirror the journal into DIR, or adopt the vault DIR holds",
		Long: `Makes DIR the journal's vault and writes every person and note there. A
folder that already holds a vault (another machine's, cloned with git) is
adopted by a journal without meetings: its people and notes are taken in.
A folder with notes is refused when the journal has meetings of its own:
import it instead ('1on1 import DIR').`,
		Args: args(1, 1, "DIR"),
		RunE: func(cmd *cobra.Command, args []string) error {
			today, j, err := c.openToday(false)
			if err != nil {
				return err
			}
			defer j.Close()
			rep, err := j.InitVault(args[0], journal.VaultSyncOptions{Today: today, Now: c.env.now()})
			if err != nil {
				return vaultHints(err)
			}
			return c.vaultReport(rep, "vault")
		},
	}
}

func newVaultStatusCmd(c *call) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "status",
		Short: "say how the vault differs from the journal",
		Long: `Lists the files of the vault that differ from the journal, one a line: the
state, then the path in the vault. States: "to write" (the journal changed
it), "changed" (changed in the folder), "new", "deleted" (deleted in the
folder), "to remove" (the journal removed its meeting), "conflict"
(changed on both sides), "git conflict markers", "conflict copy beside
it". --json prints a list of {file, state}, states in snake_case
(to_write, changed, new, deleted, to_remove, conflict, git_conflict_markers,
conflict_copy). Exits 0 when the vault and the journal agree, 1 when they
differ.`,
		Args: args(0, 0, ""),
		RunE: func(cmd *cobra.Command, args []string) error {
			j, err := c.open(true)
			if err != nil {
				return err
			}
			defer j.Close()
			st, err := j.VaultStatus()
			if err != nil {
				return vaultHints(err)
			}
			if asJSON {
				list := make([]vaultChangeJSON, 0, len(st.Changes))
				for _, ch := range st.Changes {
					list = append(list, vaultChangeJSON{File: ch.File, State: vaultStateJSON[ch.State]})
				}
				if err := c.writeJSON(list); err != nil {
					return err
				}
			} else {
				out := termsafe.NewWriter(c.env.Stdout)
				for _, ch := range st.Changes {
					fmt.Fprintf(out, "%-22s %s\n", ch.State, ch.File)
				}
			}
			c.vaultProblems(st.Problems)
			if len(st.Changes) > 0 {
				hint := "'1on1 vault sync' makes them equal"
				if st.Conflicts() > 0 {
					hint = "settle the conflicts, then '1on1 vault sync'"
				}
				return &hintedError{err: fmt.Errorf("vault %s differs from the journal in %s", st.Dir, nFiles(len(st.Changes))), hints: []string{hint}}
			}
			if !asJSON {
				fmt.Fprintln(c.env.Stdout, "vault "+termsafe.Line(st.Dir)+" is in sync with the journal")
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// vaultChangeJSON is one line of 'vault status --json'.
type vaultChangeJSON struct {
	File  string `json:"file"`
	State string `json:"state"`
}

// vaultStateJSON names the states in 'vault status --json'.
var vaultStateJSON = map[journal.VaultState]string{
	journal.VaultToWrite:  "to_write",
	journal.VaultChanged:  "changed",
	journal.VaultNew:      "new",
	journal.VaultDeleted:  "deleted",
	journal.VaultToRemove: "to_remove",
	journal.VaultConflict: "conflict",
	journal.VaultMarkers:  "git_conflict_markers",
	journal.VaultHeld:     "conflict_copy",
}

func newVaultSyncCmd(c *call) *cobra.Command {
	var opt journal.VaultSyncOptions
	cmd := &cobra.Command{
		Use:   "sync",
		Short: "make the journal and its vault equal again",
		Long: `Takes into the journal the files changed in the vault (ids are stamped into
them and they are written back), adds new files as meetings or people,
writes what the journal changed, and removes the files of meetings the
journal removed. A file deleted in the folder is reported and its meeting
kept: --accept-deletes removes those meetings (a backup of the journal is
taken first), --restore writes their files back.

Exits 1 while a conflict waits: a file changed on both sides (its journal
version is written beside it as <date>.conflict-<n>.md; merge what you
want into the file, delete the copy, sync again), or a file with git's
conflict markers.`,
		Args: args(0, 0, ""),
		RunE: func(cmd *cobra.Command, args []string) error {
			if opt.AcceptDeletes && opt.Restore {
				return usagef(cmd, "give --accept-deletes or --restore, not both")
			}
			today, j, err := c.openToday(false)
			if err != nil {
				return err
			}
			defer j.Close()
			opt.Today, opt.Now = today, c.env.now()
			rep, err := j.SyncVault(opt)
			if err != nil {
				return vaultHints(err)
			}
			return c.vaultReport(rep, "vault")
		},
	}
	cmd.Flags().BoolVar(&opt.AcceptDeletes, "accept-deletes", false, "remove the meetings whose files were deleted in the vault (after a backup)")
	cmd.Flags().BoolVar(&opt.Restore, "restore", false, "write the files deleted in the vault back")
	c.todayFlag(cmd)
	return cmd
}

func newVaultOffCmd(c *call) *cobra.Command {
	return &cobra.Command{
		Use:   "off",
		Short: "stop mirroring the journal (the files stay)",
		Args:  args(0, 0, ""),
		RunE: func(cmd *cobra.Command, args []string) error {
			j, err := c.open(false)
			if err != nil {
				return err
			}
			defer j.Close()
			dir, err := j.VaultOff()
			if err != nil {
				return vaultHints(err)
			}
			fmt.Fprintln(c.env.Stderr, "the journal no longer mirrors itself into "+termsafe.Line(dir)+"; its files stay there")
			return nil
		},
	}
}

// vaultHints adds what the user can do to a vault error.
func vaultHints(err error) error {
	if errors.Is(err, journal.ErrNoVault) {
		return &hintedError{err: err, hints: []string{"make one with '1on1 vault init DIR'"}}
	}
	return err
}

// vaultReport prints what a vault sync did, one line a file, and fails
// when a conflict waits for the user.
func (c *call) vaultReport(rep journal.VaultReport, what string) error {
	out := termsafe.NewWriter(c.env.Stdout)
	lines := func(label string, files []string) {
		for _, f := range files {
			fmt.Fprintf(out, "%-10s %s\n", label, f)
		}
	}
	// The files the journal wrote are its own news, thousands on a first
	// init of a long journal: a few name the kind, the count says the rest.
	// What came from the folder, and every conflict, is listed in full.
	const wroteShown = 10
	if n := len(rep.Written); n > wroteShown {
		lines("wrote", rep.Written[:wroteShown])
		fmt.Fprintf(out, "%-10s … and %d more\n", "wrote", n-wroteShown)
	} else {
		lines("wrote", rep.Written)
	}
	lines("took in", rep.Read)
	lines("added", rep.Added)
	lines("removed", rep.Removed)
	lines("deleted", rep.Deleted)
	lines("restored", rep.Restored)
	lines("missing", rep.Missing)
	for _, cc := range rep.Conflicts {
		fmt.Fprintf(out, "%-10s %s (the journal's version is in %s)\n", "conflict", cc.File, cc.Copy)
	}
	lines("held", rep.Held)
	lines("markers", rep.Markers)
	c.vaultProblems(rep.Problems)
	if rep.Backup != "" {
		fmt.Fprintln(c.env.Stderr, "backup of the journal before the deletes: "+termsafe.Line(rep.Backup))
	}
	if len(rep.Missing) > 0 {
		fmt.Fprintf(c.env.Stderr, "1on1: warning: %s deleted in the vault; their meetings are kept\nhint: '1on1 vault sync --accept-deletes' removes them (after a backup), '--restore' writes the files back\n", nFiles(len(rep.Missing)))
	}
	if n := len(rep.Conflicts) + len(rep.Held) + len(rep.Markers); n > 0 {
		return &hintedError{
			err: fmt.Errorf("%s %s: %s wait for you to settle a conflict", what, rep.Dir, nFiles(n)),
			hints: []string{
				"a conflict keeps the file as the folder has it and the journal's version beside it (.conflict-N.md): merge what you want into the file, delete the copy, then '1on1 vault sync'",
				"a file with git's conflict markers (<<<<<<<) is never taken in: settle it, then sync",
			},
		}
	}
	if rep.Unwritten != nil {
		// Told by vaultWarning as it happened.
		return fmt.Errorf("%s %s: some files could not be written", what, rep.Dir)
	}
	var did []string
	for _, n := range []struct {
		n    int
		what string
	}{{len(rep.Written), "written"}, {len(rep.Read), "taken in"}, {len(rep.Added), "added"}, {len(rep.Removed) + len(rep.Deleted), "removed"}, {len(rep.Restored), "restored"}} {
		if n.n > 0 {
			did = append(did, fmt.Sprintf("%d %s", n.n, n.what))
		}
	}
	line := what + " " + termsafe.Line(rep.Dir) + ": in sync"
	if len(did) > 0 {
		line += " (" + strings.Join(did, ", ") + ")"
	}
	fmt.Fprintln(c.env.Stdout, line)
	return nil
}

// nFiles is "1 file", "2 files".
func nFiles(n int) string {
	if n == 1 {
		return "1 file"
	}
	return fmt.Sprintf("%d files", n)
}

// vaultProblems lists the files a vault could not read or take in.
func (c *call) vaultProblems(ps []journal.ImportProblem) {
	w := termsafe.NewWriter(c.env.Stderr)
	for _, p := range ps {
		fmt.Fprintf(w, "1on1: warning: %s: %s\n", p.File, p.Reason)
	}
}

// vaultWarning tells that a save's files could not all be written to the
// vault: the save stands, and the next sync writes them.
func (c *call) vaultWarning(err error) {
	fmt.Fprintln(c.env.Stderr, "1on1: warning: "+termsafe.Line(err.Error()))
	fmt.Fprintln(c.env.Stderr, "hint: '1on1 vault sync' writes them once the folder is writable, and settles files changed there meanwhile")
}
