package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/oneonone/1on1/internal/gitsync"
	"github.com/oneonone/1on1/internal/termsafe"
	"github.com/oneonone/1on1/journal"
	"github.com/spf13/cobra"
)

func init() { addVerb(newSyncCmd) }

func newSyncCmd(c *call) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "sync",
		Short: "share the vault through git: commit, pull --rebase, push",
		Long: `Runs git in the journal's vault (see '1on1 vault'), with your git, remotes
and credentials: the journal's changes are written, everything in the vault
is committed with a message naming the notes, the remote's commits are
pulled with --rebase and ours pushed; then what the pull brought is taken
into the journal ('vault sync').

A pull whose rebase meets conflicts (both machines changed the same lines)
is undone with 'git rebase --abort': the vault and the journal stay as they
were, the files are named, and it exits 1. Settle them with git in the
vault (git pull --rebase, edit, git add, git rebase --continue), then sync
again. Without a remote it commits and says there is nothing to push to.`,
		GroupID: groupFile,
		Args:    args(0, 0, ""),
		RunE: func(cmd *cobra.Command, args []string) error {
			today, j, err := c.openToday(false)
			if err != nil {
				return err
			}
			defer j.Close()
			dir, err := j.VaultDir()
			if err != nil {
				return err
			}
			if dir == "" {
				return vaultHints(journal.ErrNoVault)
			}
			vaultSync := func() (bool, error) {
				rep, err := j.SyncVault(journal.VaultSyncOptions{Today: today, Now: c.env.now()})
				if err != nil {
					return false, err
				}
				// The files are listed; the stop says why (StoppedError).
				return c.vaultReport(rep, "vault") != nil, nil
			}
			rep, err := gitsync.Run(context.Background(), dir, gitsync.Options{VaultSync: vaultSync})
			if rep.Committed != "" {
				fmt.Fprintln(c.env.Stdout, "committed: "+termsafe.Line(rep.Committed))
			}
			if rep.Followup != "" {
				fmt.Fprintln(c.env.Stdout, "committed: "+termsafe.Line(rep.Followup))
			}
			if err != nil {
				return syncHints(err)
			}
			switch {
			case rep.Remote == "":
				fmt.Fprintln(c.env.Stdout, "the vault has no git remote: committed, nothing to push to")
				fmt.Fprintln(c.env.Stderr, "hint: add one with 'git -C "+termsafe.Line(dir)+" remote add origin URL'")
			case rep.Pushed:
				fmt.Fprintln(c.env.Stdout, "pushed to "+termsafe.Line(rep.Remote))
			default:
				fmt.Fprintln(c.env.Stdout, "up to date with "+termsafe.Line(rep.Remote))
			}
			return nil
		},
	}
	c.todayFlag(cmd)
	return cmd
}

// syncHints adds what the user can do to a failed git sync.
func syncHints(err error) error {
	var ce *gitsync.ConflictError
	var nr *gitsync.NotRepoError
	var st *gitsync.StoppedError
	switch {
	case errors.As(err, &ce):
		return &hintedError{err: err, hints: []string{
			"settle them with git in the vault: git -C " + termsafe.Line(ce.Dir) + " pull --rebase, edit the files, git add them, git rebase --continue; then '1on1 sync'",
		}}
	case errors.As(err, &nr):
		return &hintedError{err: err, hints: []string{
			"make it one: git -C " + termsafe.Line(nr.Dir) + " init, then git remote add origin URL (or clone your vault's repository and 'vault init' the clone)",
		}}
	case errors.As(err, &st):
		return &hintedError{err: err, hints: []string{"'1on1 vault status' lists them"}}
	case errors.As(err, new(*gitsync.IdentityError)):
		return &hintedError{err: err, hints: []string{"tell git who you are: git config --global user.name \"Your Name\"; git config --global user.email you@example.com"}}
	}
	return err
}
