package cli_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The vault tests run two journals on one machine, A and B, sharing a
// vault through a bare git repository, as two machines share one through
// a remote.

// git runs git in dir with a fixed identity and fails the test on error.
func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	cmd.Env = append(os.Environ(), gitIdentity...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

var gitIdentity = []string{
	"GIT_AUTHOR_NAME=Test", "GIT_AUTHOR_EMAIL=test@example.com",
	"GIT_COMMITTER_NAME=Test", "GIT_COMMITTER_EMAIL=test@example.com",
	"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
}

func needGit(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
}

func vaultRunner(t *testing.T) *runner {
	r := newRunner(t)
	r.env = append(r.env, gitIdentity...)
	return r
}

// itemID returns the block id of the open item whose text holds text.
func itemID(t *testing.T, r *runner, text string) string {
	t.Helper()
	items := decode[[]map[string]any](t, r.ok("due", "--json"))
	for _, it := range items {
		if s, _ := it["text"].(string); strings.Contains(s, text) {
			return it["id"].(string)
		}
	}
	t.Fatalf("no open item %q in %v", text, items)
	return ""
}

func exportJSON(t *testing.T, r *runner) string { t.Helper(); return r.ok("export", "--json", "-") }

var stampedRE = regexp.MustCompile(`book the offsite \^[a-z0-9]{4}`)

func TestTwoJournalsShareAVaultThroughGit(t *testing.T) {
	needGit(t)
	remote := filepath.Join(t.TempDir(), "remote.git")
	git(t, ".", "-c", "init.defaultBranch=main", "init", "-q", "--bare", remote)

	// A starts the vault and shares it.
	a := vaultRunner(t)
	a.ok("people", "add", "Alice Martin")
	a.runIn("## My commitments\n- [ ] send the offer letter by 2026-11-25\n- [ ] fix the build by 2026-11-26\n", "note", "alice", "-", "--date", "2026-11-20")
	va := filepath.Join(a.dir, "vault")
	git(t, ".", "-c", "init.defaultBranch=main", "init", "-q", va)
	git(t, va, "remote", "add", "origin", remote)
	a.ok("vault", "init", va)
	a.ok("sync")

	// B clones it and adopts it into an empty journal.
	b := vaultRunner(t)
	vb := filepath.Join(b.dir, "vault")
	git(t, ".", "clone", "-q", remote, vb)
	b.ok("vault", "init", vb)
	contains(t, "B after adopting", exportJSON(t, b), "send the offer letter")
	b.ok("vault", "status")

	// B adds a note and syncs; A syncs and has it.
	b.runIn("- [ ] them: draft the hiring plan\n", "note", "alice", "-", "--date", "2026-11-27")
	b.ok("sync")
	a.ok("sync")
	contains(t, "A after B's note", exportJSON(t, a), "draft the hiring plan")
	a.ok("vault", "status")

	// An edit made with a text editor comes back with its ids stamped.
	rel := filepath.Join("meetings", "alice", "2026-11-20.md")
	f := filepath.Join(va, rel)
	old, _ := os.ReadFile(f)
	os.WriteFile(f, append(old, "- [ ] I'll book the offsite\n"...), 0o600)
	a.ok("vault", "sync")
	if got, _ := os.ReadFile(f); !stampedRE.Match(got) {
		t.Fatalf("the editor's new item came back without an id:\n%s", got)
	}
	contains(t, "A after the edit", exportJSON(t, a), "book the offsite")
	a.ok("sync")
	b.ok("sync")
	if got, _ := os.ReadFile(filepath.Join(vb, rel)); !stampedRE.Match(got) {
		t.Fatalf("B did not get the stamped edit:\n%s", got)
	}
	contains(t, "B after A's edit", exportJSON(t, b), "book the offsite")

	// The same note changed on both sides of one vault: a conflict, with
	// both versions kept, and vault sync fails until the copy is gone.
	rel27 := filepath.Join("meetings", "alice", "2026-11-27.md")
	f27 := filepath.Join(vb, rel27)
	old27, _ := os.ReadFile(f27)
	os.WriteFile(f27, append(old27, "- [ ] edited in the folder\n"...), 0o600)
	res := b.run("done", itemID(t, b, "draft the hiring plan"))
	if res.code != 0 || !strings.Contains(res.stderr, "changed in the folder") {
		t.Fatalf("a save beside a changed file must succeed and warn: %d %s", res.code, res.stderr)
	}
	b.fails(1, "wait for you", "vault", "sync")
	copy27 := filepath.Join(vb, "meetings", "alice", "2026-11-27.conflict-1.md")
	if got, _ := os.ReadFile(copy27); !strings.Contains(string(got), "- [x] them: draft the hiring plan") {
		t.Fatalf("the journal's version is not beside the file:\n%s", got)
	}
	if got, _ := os.ReadFile(f27); !strings.Contains(string(got), "edited in the folder") {
		t.Fatal("the folder's version was not kept")
	}
	b.fails(1, "wait for you", "vault", "sync")
	b.fails(1, "conflict", "sync")
	os.Remove(copy27)
	b.ok("vault", "sync")
	contains(t, "B after settling", exportJSON(t, b), "edited in the folder")
	b.ok("sync")
	a.ok("sync")

	// A git merge conflict: both tick the same line differently.
	m := regexp.MustCompile(`send the offer letter by 2026-11-25 \^([a-z0-9]+)`).FindSubmatch(mustReadBytes(t, filepath.Join(va, rel)))
	if m == nil {
		t.Fatal("no id on the offer letter in the vault")
	}
	offer := string(m[1])
	a.ok("done", offer)
	a.ok("sync")
	b.ok("drop", offer)
	res = b.fails(1, "same lines", "sync")
	if !strings.Contains(res.stderr, "meetings/alice/2026-11-20.md") {
		t.Fatalf("the conflicting file is not named:\n%s", res.stderr)
	}
	if st := git(t, vb, "status", "--porcelain"); strings.Contains(st, "UU") {
		t.Fatalf("the rebase was left half done:\n%s", st)
	}
	contains(t, "A intact", exportJSON(t, a), "- [x] send the offer letter")
	contains(t, "B intact", exportJSON(t, b), "- [-] send the offer letter")
	b.ok("vault", "status")
}

func TestSyncWithoutARemoteCommitsAndSaysSo(t *testing.T) {
	needGit(t)
	r := vaultRunner(t)
	r.ok("people", "add", "Alice Martin")
	v := filepath.Join(r.dir, "vault")
	git(t, ".", "-c", "init.defaultBranch=main", "init", "-q", v)
	r.ok("vault", "init", v)
	res := r.run("sync")
	if res.code != 0 || !strings.Contains(res.stdout, "nothing to push to") {
		t.Fatalf("sync without a remote: %d %s %s", res.code, res.stdout, res.stderr)
	}
	if log := git(t, v, "log", "--oneline"); !strings.Contains(log, "alice (person)") {
		t.Fatalf("the commit does not name what changed:\n%s", log)
	}
}

func TestVaultVerbsWithoutAVaultSayHowToMakeOne(t *testing.T) {
	r := newRunner(t)
	r.ok("people", "add", "Alice Martin")
	for _, verb := range [][]string{{"vault", "status"}, {"vault", "sync"}, {"vault", "off"}, {"sync"}} {
		res := r.fails(10, "has no vault", verb...)
		if !strings.Contains(res.stderr, "vault init") {
			t.Fatalf("%v: no hint: %s", verb, res.stderr)
		}
	}
}

// The first init of a long journal writes every note: it names a few and
// counts the rest instead of printing a line for each.
func TestVaultInitOfAManyNotesJournalCountsWhatItWrote(t *testing.T) {
	r := newRunner(t)
	r.ok("people", "add", "Alice Martin")
	for d := 1; d <= 25; d++ {
		r.runIn(fmt.Sprintf("- [ ] me: item %d\n", d), "note", "alice", "-", "--date", fmt.Sprintf("2026-10-%02d", d))
	}
	out := r.ok("vault", "init", filepath.Join(r.dir, "vault"))
	if n := strings.Count(out, "\n"); n > 12 {
		t.Errorf("vault init printed %d lines for 26 files:\n%s", n, out)
	}
	contains(t, "vault init", out, "… and 16 more", "in sync (26 written)")
}

func mustReadBytes(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSyncWithoutAGitIdentitySaysHowToSetOne(t *testing.T) {
	needGit(t)
	r := newRunner(t)
	r.env = append(r.env, "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
		"GIT_CONFIG_COUNT=1", "GIT_CONFIG_KEY_0=user.useConfigOnly", "GIT_CONFIG_VALUE_0=true")
	r.ok("people", "add", "Alice Martin")
	v := filepath.Join(r.dir, "vault")
	git(t, ".", "-c", "init.defaultBranch=main", "init", "-q", v)
	r.ok("vault", "init", v)
	res := r.fails(1, "git does not know who commits", "sync")
	if !strings.Contains(res.stderr, "git config --global user.email") {
		t.Fatalf("no hint: %s", res.stderr)
	}
}

func TestVaultStatusJSONNamesEachFileAndItsState(t *testing.T) {
	r := newRunner(t)
	r.ok("people", "add", "Alice Martin")
	r.runIn("- [ ] me: send the deck\n", "note", "alice", "-")
	v := filepath.Join(r.dir, "vault")
	r.ok("vault", "init", v)
	if out := strings.TrimSpace(r.ok("vault", "status", "--json")); out != "[]" {
		t.Fatalf("in sync: %s", out)
	}
	f := filepath.Join(v, "meetings", "alice", today+".md")
	os.WriteFile(f, append(mustReadBytes(t, f), "- [ ] more\n"...), 0o600)
	os.WriteFile(filepath.Join(v, "meetings", "alice", "2026-11-21.md"), []byte("---\nperson: alice\ndate: 2026-11-21\n---\nnew\n"), 0o600)
	res := r.run("vault", "status", "--json")
	if res.code != 1 {
		t.Fatalf("exit %d while the vault differs", res.code)
	}
	got := decode[[]map[string]any](t, res.stdout)
	want := []map[string]any{{"file": "meetings/alice/2026-11-20.md", "state": "changed"}, {"file": "meetings/alice/2026-11-21.md", "state": "new"}}
	if len(got) != 2 || keysOf(got[0]) != "file state" || got[0]["file"] != want[0]["file"] || got[0]["state"] != want[0]["state"] || got[1]["state"] != want[1]["state"] {
		t.Fatalf("vault status --json = %v, want %v", got, want)
	}
}
