package tui

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/oneonone/1on1/internal/gitsync"
	"github.com/oneonone/1on1/journal"
)

// The vault (SPEC 4.7): when the journal mirrors itself into a folder, the
// app takes in what other tools changed there when it starts and whenever
// the folder changes while it runs, shows the vault's state at the right
// of the status line (in sync, N changed, conflict), and V runs a sync:
// git's commit, pull --rebase and push when the folder is a git
// repository, the vault's own sync otherwise. The key is on only while the
// journal has a vault.

// vaultPoll is how often the app looks at the vault folder: a stat of its
// files, and a comparison with the journal only when one changed.
const vaultPoll = 3 * time.Second

// vaultGitTimeout bounds one sync through git (a slow or stuck remote).
const vaultGitTimeout = 2 * time.Minute

// vaultState is what the status line shows of the vault.
type vaultState struct {
	dir       string // "" when the journal has no vault
	changes   int    // files that differ
	conflicts int    // of them, those waiting for the user
	err       string // why the vault could not be read
	compared  string // the folder and journal as last compared (vaultStamp)
	seen      string // as last looked at
	syncing   bool
	gone      bool          // the folder, or its marker, is not there
	poll      time.Duration // vaultPoll; tests look more often
}

// every is how long the app waits between two looks at the vault.
func (v vaultState) every() time.Duration {
	if v.poll > 0 {
		return v.poll
	}
	return vaultPoll
}

// vaultCheckedMsg is one look at the vault.
type vaultCheckedMsg struct {
	dir       string
	compared  string
	seen      string
	changes   int
	conflicts int
	taken     int // files the look took into the journal (an automatic sync)
	err       error
}

// vaultSyncedMsg is the result of the sync key, with a look at the
// vault after it.
type vaultSyncedMsg struct {
	text  string
	err   error
	after vaultCheckedMsg
}

// vaultCheckCmd looks at the vault after wait (none at start): when the
// folder or the journal changed since they were compared, it compares
// them, and takes in what other tools changed in the folder (a sync, which
// never removes a meeting and keeps both sides of a conflict). Between
// looks it waits for the folder to settle: a change seen for the first
// time is compared at the next look if nothing moved meanwhile, so that a
// file an editor is still writing is not taken in half written.
func vaultCheckCmd(j *journal.Journal, today journal.Date, compared, seen string, wait time.Duration) tea.Cmd {
	check := func() any {
		dir, err := j.VaultDir()
		if err != nil || dir == "" {
			return vaultCheckedMsg{err: err}
		}
		now := vaultStamp(j, dir)
		if now == compared || wait > 0 && now != seen {
			return vaultCheckedMsg{dir: dir, compared: compared, seen: now, changes: -1}
		}
		st, err := j.VaultStatus()
		if err != nil {
			return vaultCheckedMsg{dir: dir, compared: now, seen: now, err: err}
		}
		taken := 0
		if folderChanged(st) {
			rep, err := j.SyncVault(journal.VaultSyncOptions{Today: today, Now: time.Now()})
			if err != nil {
				return vaultCheckedMsg{dir: dir, compared: now, seen: now, err: err}
			}
			taken = len(rep.Read) + len(rep.Added)
			if st, err = j.VaultStatus(); err != nil {
				return vaultCheckedMsg{dir: dir, compared: now, seen: now, err: err}
			}
			now = vaultStamp(j, dir)
		}
		return vaultCheckedMsg{dir: dir, compared: now, seen: now, changes: len(st.Changes), conflicts: st.Conflicts(), taken: taken}
	}
	if wait == 0 {
		return guard(check)
	}
	return tea.Tick(wait, func(time.Time) tea.Msg { return guard(check)() })
}

// folderChanged reports whether a sync has something to take in or write:
// anything but deletions (only the CLI accepts those) and files waiting
// for the user.
func folderChanged(st journal.VaultStatus) bool {
	for _, c := range st.Changes {
		if c.State != journal.VaultDeleted && !c.State.NeedsUser() {
			return true
		}
	}
	return false
}

// vaultStamp fingerprints the vault folder (every note file's name, size
// and time) and the journal's version: when neither changed, neither did
// their difference.
func vaultStamp(j *journal.Journal, dir string) string {
	h := sha256.New()
	if v, err := j.Version(); err == nil {
		fmt.Fprintf(h, "%v\n", v)
	}
	for _, sub := range []string{"people", "meetings"} {
		filepath.WalkDir(filepath.Join(dir, sub), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if fi, err := d.Info(); err == nil {
				fmt.Fprintf(h, "%s %d %d\n", p, fi.Size(), fi.ModTime().UnixNano())
			}
			return nil
		})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// vaultSyncCmd runs the sync key: through git when the vault is a
// repository (never asking for credentials on the app's screen), else the
// vault's own sync.
func vaultSyncCmd(j *journal.Journal, today journal.Date, dir string) tea.Cmd {
	return guard(func() any {
		msg := vaultSync(j, today, dir)
		msg.after, _ = vaultCheckCmd(j, today, "", "", 0)().(vaultCheckedMsg)
		return msg
	})
}

// vaultSync is the sync key's work.
func vaultSync(j *journal.Journal, today journal.Date, dir string) vaultSyncedMsg {
	needsUser := false
	vs := func() (bool, error) {
		rep, err := j.SyncVault(journal.VaultSyncOptions{Today: today, Now: time.Now()})
		needsUser = err == nil && rep.NeedsUser()
		return needsUser, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), vaultGitTimeout)
	defer cancel()
	rep, err := gitsync.Run(ctx, dir, gitsync.Options{NoPrompt: true, VaultSync: vs})
	var nr *gitsync.NotRepoError
	switch {
	case errors.As(err, &nr):
		if _, err := vs(); err != nil {
			return vaultSyncedMsg{err: err}
		}
		if needsUser {
			return vaultSyncedMsg{err: errors.New("vault synced; conflicts wait for you (1on1 vault status lists them)")}
		}
		return vaultSyncedMsg{text: "vault synced (the folder is not a git repository: nothing shared)"}
	case err != nil:
		return vaultSyncedMsg{err: err}
	case rep.Remote == "":
		return vaultSyncedMsg{text: "synced: committed; the vault has no git remote to push to"}
	case rep.Pushed:
		return vaultSyncedMsg{text: "synced: pushed to " + rep.Remote}
	}
	return vaultSyncedMsg{text: "synced: up to date with " + rep.Remote}
}

// vaultAct handles the vault's messages; ok is false for any other.
func (m *model) vaultAct(msg tea.Msg) (cmd tea.Cmd, ok bool) {
	switch msg := msg.(type) {
	case vaultCheckedMsg:
		v := &m.vault
		v.dir = msg.dir
		m.keys.Sync.SetEnabled(v.dir != "")
		if v.dir == "" && msg.err == nil {
			return nil, true // no vault: no more looks
		}
		v.err, v.gone = "", errors.Is(msg.err, journal.ErrVaultGone)
		if msg.err != nil {
			v.err = errText(msg.err)
		}
		v.compared, v.seen = msg.compared, msg.seen
		if msg.changes >= 0 && msg.err == nil {
			v.changes, v.conflicts = msg.changes, msg.conflicts
		}
		next := vaultCheckCmd(m.env.j, m.env.today(), v.compared, v.seen, v.every())
		if msg.taken > 0 {
			m.status, m.isErr = fmt.Sprintf("took in %d %s changed in the vault", msg.taken, plural(msg.taken, "note", "notes")), false
			return tea.Batch(next, m.liveReload()), true
		}
		return next, true
	case vaultSyncedMsg:
		v := &m.vault
		v.syncing = false
		m.setResult(msg.text, msg.err)
		if a := msg.after; a.dir != "" {
			// The look the sync ended with; the looks every few seconds
			// go on as they were.
			v.err, v.gone = "", errors.Is(a.err, journal.ErrVaultGone)
			if a.err != nil {
				v.err = errText(a.err)
			} else {
				v.changes, v.conflicts = a.changes, a.conflicts
			}
			v.compared, v.seen = a.compared, a.seen
		}
		return m.liveReload(), true
	}
	return nil, false
}

// vaultKey runs a sync unless one is running.
func (m *model) vaultKey() tea.Cmd {
	if m.vault.syncing || m.vault.dir == "" {
		return nil
	}
	m.vault.syncing = true
	m.status, m.isErr = "syncing the vault…", false
	return vaultSyncCmd(m.env.j, m.env.today(), m.vault.dir)
}

// vaultSegment is the vault's state for the right of the status line, ""
// without a vault.
func (m *model) vaultSegment() string {
	v, st := m.vault, m.env.st
	switch {
	case v.dir == "":
		return ""
	case v.syncing:
		return st.Status.Render("vault: syncing…")
	case v.gone:
		return st.Error.Render("vault: folder missing")
	case v.err != "":
		return st.Error.Render("vault: unreadable")
	case v.conflicts > 0:
		return st.Error.Render(fmt.Sprintf("vault: %d %s", v.conflicts, plural(v.conflicts, "conflict", "conflicts")))
	case v.changes > 0:
		return st.DueSoon.Render(fmt.Sprintf("vault: %d changed", v.changes))
	}
	return st.Done.Render("vault: in sync")
}

// statusWithVault is the status line of width w with the vault's state at
// its right; the status text gives way to it when the line is short.
func (m *model) statusWithVault(status string, w int) string {
	seg := m.vaultSegment()
	sw := lipgloss.Width(seg)
	if seg == "" || sw+2 > w {
		return fit(status, w)
	}
	return fit(status, w-sw-1) + " " + seg
}
