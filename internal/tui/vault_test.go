package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/oneonone/1on1/journal"
)

// vaultModel is the fixture with a vault, and the app looking at it often.
func vaultModel(t *testing.T) (*journal.Journal, string, *teatest.TestModel) {
	t.Helper()
	j, dir := fixture(t)
	vault := filepath.Join(dir, "vault")
	if _, err := j.InitVault(vault, journal.VaultSyncOptions{Today: today}); err != nil {
		t.Fatal(err)
	}
	m := newModel(j, clockAt(today), newDraftKeeper(journal.DraftDir(j.Path())), "notty")
	m.vault.poll = 50 * time.Millisecond
	return j, vault, teatest.NewTestModel(t, m, teatest.WithInitialTermSize(140, 30))
}

func TestTheStatusLineShowsTheVaultAndTakesInAFileChangedWhileTheAppRuns(t *testing.T) {
	j, vault, tm := vaultModel(t)
	waitFor(t, tm, "Alice Martin", "vault: in sync")

	f := filepath.Join(vault, "meetings", "alice", "2026-11-02.md")
	old, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(f, append(old, "- [ ] me: book the offsite\n"...), 0o600); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tm, "took in 1 note changed in the vault", "vault: in sync")
	ms, err := j.Meetings("alice")
	if err != nil || !strings.Contains(ms[0].Note, "book the offsite ^") {
		t.Fatalf("the file's change did not reach the journal with an id: %v", err)
	}

	// The sync key is in the help while there is a vault.
	tm.Send(press("?"))
	waitFor(t, tm, "sync the vault")
	tm.Send(press("esc"))

	// Changed on both sides: a conflict, shown until the copy is gone.
	if err := os.WriteFile(f, append(old, "- [ ] edited in the folder\n"...), 0o600); err != nil {
		t.Fatal(err)
	}
	m := ms[0]
	m.Note += "- [ ] edited in the journal\n"
	if _, err := j.SaveMeeting(m, today); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tm, "vault: 1 conflict")
	tm.Send(press("V")) // not a git repository: the vault's own sync
	waitFor(t, tm, "conflicts wait for you")
	if _, err := os.Stat(filepath.Join(vault, "meetings", "alice", "2026-11-02.conflict-1.md")); err != nil {
		t.Fatalf("the sync key wrote no conflict copy: %v", err)
	}
	v := finalView(t, tm)
	if !strings.Contains(v, "vault: 1 conflict") {
		t.Fatalf("the conflict is not on the status line:\n%s", v)
	}
}

func TestWithoutAVaultTheStatusLineAndTheHelpSayNothingOfIt(t *testing.T) {
	j, dir := fixture(t)
	tm := newTestModel(t, j, dir, 140, 30)
	waitFor(t, tm, "Alice Martin")
	tm.Send(press("?"))
	waitFor(t, tm, "close help")
	v := finalView(t, tm)
	if strings.Contains(v, "vault") {
		t.Fatalf("the app speaks of a vault the journal does not have:\n%s", v)
	}
}

func TestTheAppTakesInAtStartWhatChangedInTheVaultWhileItWasClosed(t *testing.T) {
	j, dir := fixture(t)
	vault := filepath.Join(dir, "vault")
	if _, err := j.InitVault(vault, journal.VaultSyncOptions{Today: today}); err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(vault, "meetings", "bo", "2026-11-20.md")
	old, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(f, append(old, "- [ ] me: written on the phone\n"...), 0o600)
	tm := newTestModel(t, j, dir, 140, 30) // looks every few seconds: the start is what counts
	waitFor(t, tm, "took in 1 note changed in the vault", "vault: in sync")
	ms, _ := j.Meetings("bo")
	if !strings.Contains(ms[0].Note, "written on the phone ^") {
		t.Fatal("the change made while the app was closed was not taken in at start")
	}
}
