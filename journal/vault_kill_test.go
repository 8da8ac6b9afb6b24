//go:build unix

package journal

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// vaultHelperEnv makes this test binary the child of the vault's kill
// test: it saves a note and is killed between the commit and the file
// write.
const vaultHelperEnv = "ONEONONE_VAULT_HELPER"

// TestVaultHelperProcess is not a test: it is the child process of
// TestVaultKilledBetweenCommitAndFileWriteIsRepairedBySync.
func TestVaultHelperProcess(t *testing.T) {
	path := os.Getenv(vaultHelperEnv)
	if path == "" {
		t.Skip("the child process of the vault's kill test")
	}
	j, err := Open(path, Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, "open:", err)
		os.Exit(1)
	}
	j.beforeVaultWrite = func() { syscall.Kill(os.Getpid(), syscall.SIGKILL) }
	d, _ := ParseDate("2026-11-27")
	if _, err := j.AddMeeting(Meeting{Person: "alice", Date: d, Note: "- [ ] them: killed before the file\n"}, d); err != nil {
		fmt.Fprintln(os.Stderr, "save:", err)
		os.Exit(1)
	}
	os.Exit(0) // never reached: the kill comes first
}

func TestVaultKilledBetweenCommitAndFileWriteIsRepairedBySync(t *testing.T) {
	j, dir := newVaultJournal(t)
	cmd := exec.Command(os.Args[0], "-test.run=^TestVaultHelperProcess$")
	cmd.Env = append(os.Environ(), vaultHelperEnv+"="+j.Path())
	out, err := cmd.CombinedOutput()
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("the child was not killed at the seam: %v\n%s", err, out)
	}
	// The commit stands; the file was never written.
	itemByText(t, mustItems(t, j, "alice"), "them: killed before the file")
	rel := "meetings/alice/2026-11-27.md"
	if _, err := os.Stat(filepath.Join(dir, rel)); !os.IsNotExist(err) {
		t.Fatalf("the file was written before the kill: %v", err)
	}
	st, err := j.VaultStatus()
	if err != nil || len(st.Changes) != 1 || st.Changes[0] != (VaultChange{rel, VaultToWrite}) {
		t.Fatalf("status after the kill: %+v, %v", st.Changes, err)
	}
	rep, err := j.SyncVault(VaultSyncOptions{})
	if err != nil || rep.NeedsUser() {
		t.Fatalf("sync: %+v, %v", rep, err)
	}
	if !strings.Contains(vaultFileText(t, dir, rel), "killed before the file ^") {
		t.Fatal("the note's file was not written by the sync")
	}
	assertVaultInSync(t, j, dir)
}
