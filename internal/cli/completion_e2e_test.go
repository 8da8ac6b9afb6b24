package cli_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/oneonone/1on1/journal"
)

// completions returns the candidates "1on1 __complete ARGS" offers, the
// way the shell scripts ask for them, without their descriptions.
func completions(t *testing.T, r *runner, args ...string) []string {
	t.Helper()
	res := r.run(append([]string{"__complete"}, args...)...)
	if res.code != 0 {
		t.Fatalf("__complete %v: exit %d, %s", args, res.code, res.stderr)
	}
	var out []string
	for _, line := range strings.Split(res.stdout, "\n") {
		if line == "" || strings.HasPrefix(line, ":") {
			continue
		}
		out = append(out, strings.SplitN(line, "\t", 2)[0])
	}
	return out
}

func TestCompletionOffersWhatTheJournalHolds(t *testing.T) {
	r := newRunner(t)
	r.ok("demo")
	has := func(what string, got []string, want string) {
		t.Helper()
		for _, g := range got {
			if g == want {
				return
			}
		}
		t.Fatalf("%s: completions %v lack %q", what, got, want)
	}

	t.Run("a handle", func(t *testing.T) {
		got := completions(t, r, "note", "a")
		if len(got) != 1 || got[0] != "alice" {
			t.Fatalf("__complete note a = %v, want [alice]", got)
		}
		for _, verb := range [][]string{{"prep"}, {"meetings"}, {"ledger"}, {"followups"}, {"review"}, {"people", "edit"}} {
			has(strings.Join(verb, " "), completions(t, r, append(verb, "a")...), "alice")
		}
		has("due --person", completions(t, r, "due", "--person", "a"), "alice")
		if got := completions(t, r, "note", "alice", ""); len(got) != 0 {
			t.Fatalf("a second argument of note completes %v", got)
		}
	})

	t.Run("verbs and flags", func(t *testing.T) {
		has("verbs", completions(t, r, "d"), "due")
		has("flags", completions(t, r, "due", "--m"), "--mine")
	})

	t.Run("a meeting id and an item id", func(t *testing.T) {
		ms := decode[[]map[string]any](t, r.ok("meetings", "alice", "--json"))
		newest := ms[0]["id"].(string)
		has("show", completions(t, r, "show", newest[:7]), newest)
		items := decode[[]item](t, r.ok("due", "--json"))
		id := items[0].ID
		has("done", completions(t, r, "done", id[:2]), id)
		has("done ^", completions(t, r, "done", "^"+id[:2]), "^"+id)
		has("redate", completions(t, r, "redate", ""), id)
	})

	t.Run("silent when the journal is missing or locked", func(t *testing.T) {
		if got := completions(t, r, "--db", filepath.Join(r.dir, "none.db"), "note", "a"); len(got) != 0 {
			t.Fatalf("a missing journal completes %v", got)
		}
		if _, err := os.Stat(filepath.Join(r.dir, "none.db")); err == nil {
			t.Fatal("completion created a journal")
		}
		// The app open beside it is no lock (SPEC 4.5): completion works.
		j, err := journal.Open(r.db, journal.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer j.Close()
		has("beside the app", completions(t, r, "note", "a"), "alice")
		// A write in progress that outlasts completion's short wait.
		writer, err := bolt.Open(r.db, 0o600, &bolt.Options{Timeout: time.Second})
		if err != nil {
			t.Fatal(err)
		}
		defer writer.Close()
		res := r.run("__complete", "note", "a")
		// cobra always ends with a "Completion ended" line on stderr, which the
		// scripts discard; an error would say more.
		if res.code != 0 || strings.Contains(res.stdout, "alice") || strings.Contains(res.stderr, "1on1") {
			t.Fatalf("a locked journal: exit %d, stdout %q, stderr %q", res.code, res.stdout, res.stderr)
		}
		if res.took.Seconds() > 2 {
			t.Fatalf("completion on a locked journal took %v", res.took)
		}
	})
}

func TestCompletionScriptsParseInTheirShells(t *testing.T) {
	r := newRunner(t)
	for _, sh := range []struct{ name, check string }{{"bash", "bash"}, {"zsh", "zsh"}, {"fish", "fish"}, {"powershell", ""}} {
		t.Run(sh.name, func(t *testing.T) {
			script := r.ok("completion", sh.name)
			if !strings.Contains(script, "__complete") {
				t.Fatalf("the %s script does not ask 1on1 for completions", sh.name)
			}
			if sh.check == "" {
				return
			}
			if _, err := exec.LookPath(sh.check); err != nil {
				t.Skipf("%s is not installed (.ci/e2e-cli.sh installs it)", sh.check)
			}
			f := filepath.Join(r.dir, "1on1."+sh.name)
			os.WriteFile(f, []byte(script), 0o600)
			if out, err := exec.Command(sh.check, "-n", f).CombinedOutput(); err != nil {
				t.Fatalf("%s -n: %v\n%s", sh.check, err, out)
			}
		})
	}
}

func TestManPageRenders(t *testing.T) {
	r := newRunner(t)
	page := r.ok("man")
	contains(t, "man", page, `.TH "1ON1" "1"`, "VERBS", "1on1 due", "1on1 people add NAME", "1on1 completion")
	dir := filepath.Join(r.dir, "man1")
	r.ok("man", "--dir", dir)
	for _, name := range []string{"1on1.1", "1on1-due.1", "1on1-people-add.1"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Fatalf("man --dir: %v", err)
		}
	}
	if _, err := exec.LookPath("man"); err != nil {
		t.Skip("man is not installed (.ci/e2e-cli.sh installs man-db)")
	}
	f := filepath.Join(r.dir, "1on1.1")
	os.WriteFile(f, []byte(page), 0o600)
	cmd := exec.Command("man", "-l", f)
	cmd.Env = append(os.Environ(), "MANPAGER=cat", "PAGER=cat", "MANWIDTH=80")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("man -l: %v\n%s", err, out)
	}
	contains(t, "man -l", string(out), "NAME", "1on1 - a terminal journal", "VERBS", "1on1 due [flags]")
	if strings.Contains(string(out), "\\f") || strings.Contains(string(out), ".TH") {
		t.Fatalf("man -l shows roff source:\n%s", out)
	}
}
