//go:build unix

package journal

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
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
	if os.Getenv(vaultHelperEnv+"_LOOP") != "" {
		// Saves, ticks and queued topics until killed from outside.
		for i := 0; ; i++ {
			d := Date(20779 + i%40)
			m, err := j.AddMeeting(Meeting{Person: "alice", Date: d, Note: fmt.Sprintf("- [ ] them: loop note %d\n", i)}, d)
			if err == nil && i%3 == 0 {
				_, err = j.ChangeItem(m.Items[0].ID, Change{Action: ActionDone, Person: "alice"}, d)
			}
			if err == nil && i%5 == 0 {
				_, err = j.Queue("alice", QueueTopic, fmt.Sprintf("topic %d", i), d)
			}
			if err != nil {
				fmt.Fprintln(os.Stderr, "save:", err)
				os.Exit(1)
			}
		}
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

func TestVaultKilledAtRandomMomentsIsRepairedBySync(t *testing.T) {
	j, dir := newVaultJournal(t)
	kills := 8
	if longRun() {
		kills = 100
	}
	for i := range kills {
		cmd := exec.Command(os.Args[0], "-test.run=^TestVaultHelperProcess$")
		cmd.Env = append(os.Environ(), vaultHelperEnv+"="+j.Path(), vaultHelperEnv+"_LOOP=1")
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(20+rand.IntN(80)) * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
		if stderr.Len() > 0 {
			t.Fatalf("kill %d: the writer failed before the kill: %s", i, stderr.String())
		}
	}
	if ms, _ := j.Meetings("alice"); len(ms) < kills {
		t.Fatalf("the writers saved only %d notes in %d runs: the kills landed before any write", len(ms), kills)
	}
	// Leftovers of writes killed midway are older than a minute by then.
	rep, err := j.SyncVault(VaultSyncOptions{Now: time.Now().Add(2 * time.Minute)})
	if err != nil || rep.NeedsUser() {
		t.Fatalf("sync after the kills: %+v, %v", rep, err)
	}
	assertVaultInSync(t, j, dir)
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".tmp") {
			t.Errorf("a killed write's temporary file stayed: %s", p)
		}
		return nil
	})
}
