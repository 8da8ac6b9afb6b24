// Package gitsync shares a vault (journal.SyncVault) between machines
// through git: it runs the user's own git binary in the vault folder, with
// the user's remotes and credentials, and never anything git does not do
// itself. Both the CLI's `1on1 sync` and the app's sync key use it.
package gitsync

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"sort"
	"strings"
)

// Options tune Run.
type Options struct {
	// NoPrompt stops git from asking for credentials on the terminal (the
	// app draws there): a remote that needs them fails instead.
	NoPrompt bool
	// VaultSync makes the journal and the folder equal (the journal's
	// SyncVault); Run calls it before the commit and after the pull.
	// needsUser is true when a conflict waits for the user.
	VaultSync func() (needsUser bool, err error)
}

// Report says what Run did.
type Report struct {
	Committed string   // the commit's message; "" when nothing had changed
	Pulled    bool     // the remote's changes were taken
	Pushed    bool     // the local commits were pushed
	Remote    string   // the remote used, "" when the vault has none
	Followup  string   // the message of a second commit (ids stamped into pulled notes)
	Files     []string // the files of the first commit
}

// ConflictError is a pull whose rebase met conflicts: the rebase was
// aborted, so the vault is as it was before the pull and both journals
// are intact; the files name where both sides changed the same lines.
type ConflictError struct {
	Dir   string
	Files []string
}

// Error names the files both sides changed.
func (e *ConflictError) Error() string {
	return fmt.Sprintf("sync %s: the remote changed the same lines of %d files (%s); the pull was undone and nothing was lost",
		e.Dir, len(e.Files), strings.Join(e.Files, ", "))
}

// NotRepoError is a vault folder that is not a git repository.
type NotRepoError struct{ Dir string }

// Error names the folder.
func (e *NotRepoError) Error() string {
	return fmt.Sprintf("sync %s: the vault is not a git repository", e.Dir)
}

// StoppedError is a sync stopped before its push because a conflict in
// the folder waits for the user.
type StoppedError struct{ Dir string }

// Error says why nothing was pushed.
func (e *StoppedError) Error() string {
	return fmt.Sprintf("sync %s: conflicts in the vault wait for you; nothing was pushed", e.Dir)
}

// IdentityError is a commit git refused because it does not know who
// commits: the user has not set user.name and user.email.
type IdentityError struct{ Err error }

// Error says that git needs a name and an address.
func (e *IdentityError) Error() string {
	return "sync: git does not know who commits (user.name and user.email are not set)"
}

// Unwrap returns git's error.
func (e *IdentityError) Unwrap() error { return e.Err }

// Run shares the vault at dir: the journal's pending changes are written
// (VaultSync), everything in the folder is committed with a message
// naming the notes that changed, the remote's commits are pulled with
// --rebase, and the result pushed; then VaultSync takes in what the pull
// brought, and the block ids it stamped into new notes are committed and
// pushed too. A rebase that meets conflicts is aborted (*ConflictError).
// Without a remote it commits and says so (Report.Remote is "").
func Run(ctx context.Context, dir string, opt Options) (Report, error) {
	var rep Report
	g := runner{ctx: ctx, dir: dir, noPrompt: opt.NoPrompt}
	if _, err := exec.LookPath("git"); err != nil {
		return rep, errors.New("sync: git is not installed (or not on PATH)")
	}
	if out, err := g.run("rev-parse", "--is-inside-work-tree"); err != nil || strings.TrimSpace(out) != "true" {
		return rep, &NotRepoError{Dir: dir}
	}
	if opt.VaultSync != nil {
		needsUser, err := opt.VaultSync()
		if err != nil {
			return rep, err
		}
		if needsUser {
			return rep, &StoppedError{Dir: dir}
		}
	}
	var err error
	if rep.Committed, rep.Files, err = g.commitAll("1on1: "); err != nil {
		return rep, err
	}
	rep.Remote, err = g.remote()
	if err != nil || rep.Remote == "" {
		return rep, err
	}
	branch, err := g.run("symbolic-ref", "--short", "HEAD")
	if err != nil {
		return rep, fmt.Errorf("sync %s: the vault is not on a branch (a rebase or a detached HEAD in progress?)", dir)
	}
	branch = strings.TrimSpace(branch)
	heads, err := g.run("ls-remote", "--heads", rep.Remote, branch)
	if err != nil {
		return rep, g.failed("ls-remote", err)
	}
	if strings.TrimSpace(heads) != "" {
		if _, err := g.run("pull", "--rebase", "--no-autostash", rep.Remote, branch); err != nil {
			return rep, g.rebaseFailed(err)
		}
		rep.Pulled = true
	}
	if opt.VaultSync != nil {
		needsUser, err := opt.VaultSync()
		if err != nil {
			return rep, err
		}
		if needsUser {
			// Conflict copies are not shared: the user settles them here.
			return rep, &StoppedError{Dir: dir}
		}
		if rep.Followup, _, err = g.commitAll("1on1: block ids in "); err != nil {
			return rep, err
		}
	}
	if ahead, err := g.run("rev-list", "--count", rep.Remote+"/"+branch+"..HEAD"); err == nil && strings.TrimSpace(ahead) == "0" {
		return rep, nil // nothing of ours to push
	}
	if _, err := g.run("push", "-u", rep.Remote, "HEAD:refs/heads/"+branch); err != nil {
		return rep, g.failed("push", err)
	}
	rep.Pushed = true
	return rep, nil
}

type runner struct {
	ctx      context.Context
	dir      string
	noPrompt bool
}

// run runs git with args in the vault and returns its standard output.
func (g runner) run(args ...string) (string, error) {
	cmd := exec.CommandContext(g.ctx, "git", append([]string{"-C", g.dir}, args...)...)
	cmd.Env = os.Environ()
	if g.noPrompt {
		cmd.Env = append(cmd.Env, "GIT_TERMINAL_PROMPT=0", "GIT_ASKPASS=", "SSH_ASKPASS=", "GIT_SSH_COMMAND="+sshBatch())
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if err != nil {
		return out.String(), &gitError{args: args, stderr: strings.TrimSpace(errb.String()), err: err}
	}
	return out.String(), nil
}

// sshBatch keeps ssh from asking on the terminal, keeping a command the
// user set.
func sshBatch() string {
	if c := os.Getenv("GIT_SSH_COMMAND"); c != "" {
		return c + " -o BatchMode=yes"
	}
	return "ssh -o BatchMode=yes"
}

type gitError struct {
	args   []string
	stderr string
	err    error
}

func (e *gitError) Error() string {
	last := e.stderr
	if i := strings.LastIndexByte(last, '\n'); i >= 0 {
		last = last[i+1:]
	}
	if last == "" {
		last = e.err.Error()
	}
	return fmt.Sprintf("git %s: %s", e.args[0], last)
}

func (e *gitError) Unwrap() error { return e.err }

func (g runner) failed(what string, err error) error {
	return fmt.Errorf("sync %s: %w", g.dir, err)
}

// commitAll stages everything and commits it with a message naming the
// notes; it returns the message, "" when nothing was staged.
func (g runner) commitAll(prefix string) (string, []string, error) {
	if _, err := g.run("add", "-A"); err != nil {
		return "", nil, g.failed("add", err)
	}
	out, err := g.run("diff", "--cached", "--name-only", "-z")
	if err != nil {
		return "", nil, g.failed("diff", err)
	}
	var files []string
	for _, f := range strings.Split(out, "\x00") {
		if f != "" {
			files = append(files, f)
		}
	}
	if len(files) == 0 {
		return "", nil, nil
	}
	msg := prefix + describe(files)
	if _, err := g.run("commit", "-q", "--no-verify", "-m", msg); err != nil {
		var ge *gitError
		if errors.As(err, &ge) && (strings.Contains(ge.stderr, "tell me who you are") || strings.Contains(ge.stderr, "auto-detect email")) {
			return "", nil, &IdentityError{Err: err}
		}
		return "", nil, g.failed("commit", err)
	}
	return msg, files, nil
}

// describe names the changed files for a commit message: "alice
// 2026-11-20, bob (person)", the first few and how many more.
func describe(files []string) string {
	var names []string
	for _, f := range files {
		parts := strings.Split(f, "/")
		switch {
		case len(parts) == 3 && parts[0] == "meetings":
			names = append(names, parts[1]+" "+strings.TrimSuffix(parts[2], path.Ext(parts[2])))
		case len(parts) == 2 && parts[0] == "people":
			names = append(names, strings.TrimSuffix(parts[1], path.Ext(parts[1]))+" (person)")
		default:
			names = append(names, f)
		}
	}
	sort.Strings(names)
	if len(names) > 4 {
		return strings.Join(names[:4], ", ") + fmt.Sprintf(" and %d more", len(names)-4)
	}
	return strings.Join(names, ", ")
}

// remote returns the remote to share with: origin when there is one, else
// the first; "" when there is none.
func (g runner) remote() (string, error) {
	out, err := g.run("remote")
	if err != nil {
		return "", g.failed("remote", err)
	}
	remotes := strings.Fields(out)
	for _, r := range remotes {
		if r == "origin" {
			return r, nil
		}
	}
	if len(remotes) > 0 {
		return remotes[0], nil
	}
	return "", nil
}

// rebaseFailed turns a failed pull into an error: a rebase stopped by
// conflicts is aborted and the files named.
func (g runner) rebaseFailed(pullErr error) error {
	out, err := g.run("diff", "--name-only", "--diff-filter=U", "-z")
	var files []string
	if err == nil {
		for _, f := range strings.Split(out, "\x00") {
			if f != "" {
				files = append(files, f)
			}
		}
	}
	if p, err := g.run("rev-parse", "--git-path", "rebase-merge"); err == nil {
		if in := g.rebaseInProgress(strings.TrimSpace(p)); in {
			if _, err := g.run("rebase", "--abort"); err != nil {
				return fmt.Errorf("sync %s: the pull met conflicts in %s and the rebase could not be undone (%v); finish it with git in the vault", g.dir, strings.Join(files, ", "), err)
			}
			return &ConflictError{Dir: g.dir, Files: files}
		}
	}
	return g.failed("pull", pullErr)
}

// rebaseInProgress reports whether git's rebase state exists (p is
// relative to the vault unless absolute).
func (g runner) rebaseInProgress(p string) bool {
	if p == "" {
		return false
	}
	if !strings.HasPrefix(p, "/") {
		p = g.dir + "/" + p
	}
	if _, err := os.Stat(p); err == nil {
		return true
	}
	alt := strings.TrimSuffix(p, "rebase-merge") + "rebase-apply"
	_, err := os.Stat(alt)
	return err == nil
}
