package cli_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/oneonone/1on1/journal"
)

// The end-to-end tests build the real binary and run it as a user's shell
// would: no terminal, a temporary journal, a fixed today.

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
	buildOut  []byte
)

func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "1on1-e2e-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "1on1")
		if runtime.GOOS == "windows" {
			binPath += ".exe"
		}
		cmd := exec.Command("go", "build", "-o", binPath, "github.com/oneonone/1on1")
		buildOut, buildErr = cmd.CombinedOutput()
	})
	if buildErr != nil {
		t.Fatalf("build 1on1: %v\n%s", buildErr, buildOut)
	}
	return binPath
}

const today = "2026-11-20"

// result is what one run of the binary did.
type result struct {
	stdout, stderr string
	code           int
	took           time.Duration
}

// runner runs the binary against one journal.
type runner struct {
	t   *testing.T
	bin string
	dir string
	db  string
	env []string
}

func newRunner(t *testing.T) *runner {
	t.Helper()
	dir := t.TempDir()
	return &runner{t: t, bin: binary(t), dir: dir, db: filepath.Join(dir, "data", "journal.db"),
		env: []string{
			"HOME=" + dir, "TMPDIR=" + dir, "PATH=" + os.Getenv("PATH"), "ONEONONE_TODAY=" + today,
			"ONEONONE_DB=" + filepath.Join(dir, "data", "journal.db"), "NO_COLOR=1", "TERM=dumb",
		}}
}

func (r *runner) runIn(stdin string, args ...string) result {
	r.t.Helper()
	cmd := exec.Command(r.bin, args...)
	cmd.Env = r.env
	cmd.Dir = r.dir
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
	res := result{stdout: out.String(), stderr: errb.String(), took: time.Since(start)}
	if ee, ok := err.(*exec.ExitError); ok {
		res.code = ee.ExitCode()
	} else if err != nil {
		r.t.Fatalf("run 1on1 %s: %v", strings.Join(args, " "), err)
	}
	for _, bad := range []string{"goroutine ", "panic", "runtime error"} {
		if strings.Contains(res.stderr, bad) {
			r.t.Fatalf("1on1 %s: stderr has %q:\n%s", strings.Join(args, " "), bad, res.stderr)
		}
	}
	return res
}

func (r *runner) run(args ...string) result { r.t.Helper(); return r.runIn("", args...) }

// ok runs a verb that must succeed and returns its output.
func (r *runner) ok(args ...string) string {
	r.t.Helper()
	res := r.run(args...)
	if res.code != 0 {
		r.t.Fatalf("1on1 %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), res.code, res.stdout, res.stderr)
	}
	return res.stdout
}

// fails runs a verb that must fail with code, one line on stderr holding want.
func (r *runner) fails(code int, want string, args ...string) result {
	r.t.Helper()
	res := r.run(args...)
	if res.code != code {
		r.t.Fatalf("1on1 %s: exit %d, want %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), res.code, code, res.stdout, res.stderr)
	}
	if !strings.Contains(res.stderr, want) {
		r.t.Fatalf("1on1 %s: stderr %q does not say %q", strings.Join(args, " "), res.stderr, want)
	}
	// One line says what happened; "hint:" lines may follow.
	lines := strings.Split(strings.TrimSpace(res.stderr), "\n")
	for _, l := range lines[1:] {
		if !strings.HasPrefix(l, "hint: ") {
			r.t.Fatalf("1on1 %s: stderr has %d lines, want one (and hints):\n%s", strings.Join(args, " "), len(lines), res.stderr)
		}
	}
	return res
}

func decode[T any](t *testing.T, s string) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, s)
	}
	return v
}

func contains(t *testing.T, what, out string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(out, w) {
			t.Fatalf("%s: output does not contain %q:\n%s", what, w, out)
		}
	}
}

type item struct {
	ID          string   `json:"id"`
	Kind        string   `json:"kind"`
	Owner       string   `json:"owner"`
	State       string   `json:"state"`
	Text        string   `json:"text"`
	Due         string   `json:"due"`
	Flags       []string `json:"flags"`
	DaysOverdue int      `json:"days_overdue"`
	Person      string   `json:"person"`
	Meeting     string   `json:"meeting"`
	Carried     int      `json:"carried"`
}

const firstNote = `# 1:1 with Alice

## Notes

- Talked about the roadmap and the offsite.

## My commitments

- [ ] Send the roadmap draft due:2026-11-15
- [ ] Book the offsite venue
- [x] Review the hiring plan due:2026-11-12 done:2026-11-11

## Alice's commitments

- [ ] Draft the launch checklist by friday
- [ ] Write the postmortem due:2026-11-30

## Follow-ups

- [ ] Conference budget

## Wins

- Shipped the billing migration

## Feedback

- given: Clear write-up on the outage
`

func TestEveryVerbEndToEnd(t *testing.T) {
	r := newRunner(t)

	t.Run("version and help", func(t *testing.T) {
		contains(t, "version", r.ok("version"), "1on1 ")
		if v := r.ok("--version"); v != r.ok("version") {
			t.Fatalf("--version says %q, version says %q", v, r.ok("version"))
		}
		contains(t, "help", r.ok("help"), "due", "prep", "ledger", "export", "check")
		contains(t, "--help", r.ok("--help"), "Commitments:")
		contains(t, "help due", r.ok("help", "due"), "--mine")
		contains(t, "help people add", r.ok("help", "people", "add"), "--handle")
		r.fails(2, `no verb "nope"`, "help", "nope")
	})

	t.Run("no verb without a terminal is an error, not a blank screen", func(t *testing.T) {
		r.fails(1, "needs a terminal")
	})

	t.Run("people", func(t *testing.T) {
		contains(t, "add", r.ok("people", "add", "Alice Martin", "--role", "report", "--cadence", "7"), "added alice")
		contains(t, "add", r.ok("people", "add", "Bob", "Stone", "--handle", "bob", "--role", "peer"), "added bob")
		r.fails(1, "Alice Martin is already in the journal as alice", "people", "add", "alice martin")
		r.fails(1, "role", "people", "add", "Carl", "--role", "boss")
		contains(t, "edit", r.ok("people", "edit", "alice", "--context", "Prefers async updates"), "updated alice")
		r.fails(10, `no person with handle "zed"`, "people", "edit", "zed", "--role", "peer")
		r.ok("people", "archive", "bob")
		if out := r.ok("people"); strings.Contains(out, "bob") {
			t.Fatalf("archived bob is listed:\n%s", out)
		}
		contains(t, "list --all", r.ok("people", "list", "--all"), "bob", "archived")
		r.ok("people", "unarchive", "bob")
		ps := decode[[]map[string]any](t, r.ok("people", "list", "--json"))
		if len(ps) != 2 || ps[0]["handle"] != "alice" || ps[0]["context"] != "Prefers async updates" {
			t.Fatalf("people --json = %v", ps)
		}
	})

	var first string
	t.Run("note from a file and from stdin", func(t *testing.T) {
		f := filepath.Join(r.dir, "note.md")
		if err := os.WriteFile(f, []byte(firstNote), 0o600); err != nil {
			t.Fatal(err)
		}
		out := r.ok("note", "alice", "--date", "2026-11-10", "--time", "10:00", "--file", f)
		contains(t, "note", out, "saved meeting 2026-11-10.", "5 commitments", "1 follow-up", "1 win", "1 feedback")
		first = strings.Fields(strings.TrimPrefix(out, "saved meeting "))[0]
		res := r.runIn("- [ ] Send Bob the notes due:2026-11-19\n", "note", "bob", "--date", "2026-11-17", "-")
		if res.code != 0 {
			t.Fatalf("note from stdin: %d %s", res.code, res.stderr)
		}
		r.fails(10, `no person with handle "nobody"`, "note", "nobody", "--file", f)
		r.fails(1, "bad date", "note", "alice", "--date", "2026-13-45", "--file", f)
		r.fails(1, "empty", "note", "alice", "-")
	})

	var overdue item
	t.Run("due lists overdue, due soon and undated", func(t *testing.T) {
		items := decode[[]item](t, r.ok("due", "--json"))
		// Longest overdue first: Alice's "by friday" said on Tuesday
		// 2026-11-10 meant 2026-11-13, then my roadmap draft, then Bob's.
		var got []string
		for _, it := range items {
			got = append(got, it.Flags[0]+":"+it.Owner+":"+it.Due)
		}
		want := "overdue:them:2026-11-13,overdue:me:2026-11-15,overdue:me:2026-11-19,undated:me:"
		if strings.Join(got, ",") != want {
			t.Fatalf("due = %v, want %s", got, want)
		}
		overdue = items[1]
		if !strings.Contains(overdue.Text, "roadmap") || overdue.DaysOverdue != 5 || overdue.Meeting != first {
			t.Fatalf("second flagged item = %+v, want the roadmap draft, 5 days overdue, from %s", overdue, first)
		}
		contains(t, "due", r.ok("due"), "overdue", "5d", "^"+overdue.ID, first)
		mine := decode[[]item](t, r.ok("due", "--mine", "--person", "alice", "--json"))
		theirs := decode[[]item](t, r.ok("due", "--theirs", "--json"))
		if len(mine) != 2 || len(theirs) != 1 {
			t.Fatalf("--mine --person alice: %d items, --theirs: %d; want 2 and 1", len(mine), len(theirs))
		}
		// Alice's "by friday" (2026-11-13) counts from the meeting's date.
		soon := decode[[]item](t, r.ok("due", "--json", "--today", "2026-11-11"))
		found := false
		for _, it := range soon {
			if strings.Contains(it.Text, "launch checklist") && it.Due == "2026-11-13" && it.Flags[0] == "due_soon" {
				found = true
			}
		}
		if !found {
			t.Fatalf("on 2026-11-11 the launch checklist (by friday) is not due soon: %+v", soon)
		}
		r.fails(10, `no person with handle "nobody"`, "due", "--person", "nobody")
		r.fails(1, "bad date", "due", "--today", "20-11-2026")
		r.fails(2, "not both", "due", "--mine", "--theirs")
	})

	t.Run("a carried item counts the notes it is in", func(t *testing.T) {
		note := "## My commitments\n\n- [ ] Send the roadmap draft due:2026-11-15 ^" + overdue.ID + "\n"
		res := r.runIn(note, "note", "alice", "--date", "2026-11-18")
		if res.code != 0 {
			t.Fatalf("carry: %s", res.stderr)
		}
		items := decode[[]item](t, r.ok("due", "--json", "--person", "alice", "--mine"))
		if items[0].ID != overdue.ID || items[0].Carried != 2 || !strings.Contains(strings.Join(items[0].Flags, ","), "carried") {
			t.Fatalf("carried item = %+v", items[0])
		}
	})

	t.Run("meetings and show", func(t *testing.T) {
		out := r.ok("meetings", "alice")
		contains(t, "meetings", out, first, "2026-11-10", "10:00", "5 commitments")
		ms := decode[[]map[string]any](t, r.ok("meetings", "alice", "--json"))
		if len(ms) != 2 || ms[1]["id"] != first {
			t.Fatalf("meetings --json = %v", ms)
		}
		shown := r.ok("show", first)
		contains(t, "show", shown, "## Alice's commitments", "- [ ] Draft the launch checklist by friday ^")
		m := decode[map[string]any](t, r.ok("show", first, "--json"))
		if m["person"] != "alice" || len(m["items"].([]any)) != 8 {
			t.Fatalf("show --json = %v", m)
		}
		r.fails(10, "no meeting", "show", "2026-11-11.99")
		r.fails(1, "not a meeting id", "show", "yesterday")
		r.fails(10, `no person with handle "nobody"`, "meetings", "nobody")
	})

	t.Run("prep, ledger, review, search, followups", func(t *testing.T) {
		prep := r.ok("prep", "alice")
		contains(t, "prep", prep, "Alice", "roadmap", "Conference budget")
		if strings.Contains(prep, "\x1b[") {
			t.Fatalf("prep piped has colour codes:\n%q", prep)
		}
		contains(t, "ledger", r.ok("ledger"), "alice", "bob", "KEEP RATE")
		ls := decode[[]struct {
			Person string `json:"person"`
			Mine   struct {
				Kept, Overdue, Open int
				KeepRate            *float64 `json:"keep_rate"`
			} `json:"mine"`
		}](t, r.ok("ledger", "alice", "--json"))
		// Mine to Alice: the hiring plan kept, the roadmap draft overdue
		// (carried, counted once), the offsite venue open and undated.
		if len(ls) != 1 || ls[0].Mine.Kept != 1 || ls[0].Mine.Overdue != 1 || ls[0].Mine.Open != 1 ||
			ls[0].Mine.KeepRate == nil || *ls[0].Mine.KeepRate != 0.5 {
			t.Fatalf("ledger alice = %+v", ls)
		}
		r.fails(1, "bad date", "ledger", "--since", "last year")
		r.fails(10, `no person with handle "nobody"`, "ledger", "nobody")
		contains(t, "review", r.ok("review", "alice", "--since", "2026-01-01"), "billing migration", "Clear write-up")
		r.fails(2, "missing --since", "review", "alice")
		hits := decode[[]map[string]any](t, r.ok("search", "offsite", "--json"))
		if len(hits) != 1 || hits[0]["meeting"] != first {
			t.Fatalf("search offsite = %v", hits)
		}
		contains(t, "search", r.ok("search", "roadmap", "--person", "alice", "--since", "2026-11-01"), "alice")
		contains(t, "search", r.ok("search", "zebra"), "No notes match")
		if res := r.run("search", "roadmap", "--limit", "1"); res.code != 0 || !strings.Contains(res.stderr, "--limit N shows more") {
			t.Errorf("a search cut at its limit does not say so: exit %d, stderr %q", res.code, res.stderr)
		}
		r.fails(1, "after --until", "ledger", "--since", "2026-12-01", "--until", "2026-01-01")
		fups := decode[[]item](t, r.ok("followups", "alice", "--json"))
		if len(fups) != 1 || fups[0].Text != "Conference budget" {
			t.Fatalf("followups = %+v", fups)
		}
		contains(t, "followups", r.ok("followups"), "Conference budget")
	})

	t.Run("done, drop, reopen, redate rewrite the note", func(t *testing.T) {
		contains(t, "done", r.ok("done", "^"+overdue.ID), "done: ^"+overdue.ID)
		contains(t, "show", r.ok("show", decode[item](t, r.ok("reopen", overdue.ID, "--json")).Meeting), "- [ ] Send the roadmap draft")
		it := decode[item](t, r.ok("redate", overdue.ID, "next", "friday", "--json"))
		if it.Due != "2026-11-27" {
			t.Fatalf("redate next friday from %s = %s, want 2026-11-27", today, it.Due)
		}
		contains(t, "drop", r.ok("drop", overdue.ID), "dropped")
		r.fails(10, "no item ^zzzz", "done", "zzzz")
		r.fails(10, "no item ^zzzz", "redate", "^zzzz", "friday")
		r.fails(1, "bad date", "redate", overdue.ID, "someday")
		r.fails(2, "missing ITEM-ID", "done")
	})

	t.Run("export, backup, check, import", func(t *testing.T) {
		out := filepath.Join(r.dir, "export")
		r.ok("export", out, "--json", filepath.Join(r.dir, "all.json"))
		if _, err := os.Stat(filepath.Join(out, "meetings", "alice", "2026-11-10.md")); err != nil {
			t.Fatal(err)
		}
		doc := decode[map[string]any](t, mustRead(t, filepath.Join(r.dir, "all.json")))
		if len(doc["people"].([]any)) != 2 || len(doc["meetings"].([]any)) != 3 {
			t.Fatalf("export --json: %d people, %d meetings", len(doc["people"].([]any)), len(doc["meetings"].([]any)))
		}
		decode[map[string]any](t, r.ok("export", "--json", "-"))
		bak := filepath.Join(r.dir, "journal.bak")
		contains(t, "backup", r.ok("backup", bak), "backup of")
		contains(t, "check", r.ok("check"), "healthy")
		contains(t, "check backup", r.ok("check", "--db", bak), "healthy")
		contains(t, "repair", r.ok("check", "--repair"), "rebuilt", "healthy")
		fresh := filepath.Join(r.dir, "fresh.db")
		contains(t, "import", r.ok("import", out, "--db", fresh), "imported 2 people and 3 meetings")
		contains(t, "import again", r.ok("import", out, "--db", fresh), "imported 0 people and 0 meetings; 3 notes")
		fromJSON := filepath.Join(r.dir, "from-json.db")
		contains(t, "import JSON", r.ok("import", filepath.Join(r.dir, "all.json"), "--db", fromJSON), "imported 2 people and 3 meetings")
		contains(t, "import JSON again", r.ok("import", filepath.Join(r.dir, "all.json"), "--db", fromJSON), "imported 0 people and 0 meetings; 3 notes")
		bad := filepath.Join(r.dir, "bad")
		os.MkdirAll(bad, 0o700)
		os.WriteFile(filepath.Join(bad, "x.md"), []byte("---\nperson: nobody\n---\nhi\n"), 0o600) // no date anywhere: listed, not guessed
		os.WriteFile(filepath.Join(bad, "2026-01-02.md"), []byte("---\nperson: nobody\n---\nhi\n"), 0o600)
		res := r.fails(1, "could not be imported", "import", bad, "--db", fresh, "--no-create")
		contains(t, "import bad", res.stdout, "x.md: no date", "2026-01-02.md: missing person", "hint: ")
	})

	t.Run("demo refuses a journal with people", func(t *testing.T) {
		r.fails(1, "already holds 2 people", "demo")
		contains(t, "demo", r.ok("demo", "--db", filepath.Join(r.dir, "demo.db")), "6 people")
	})

	t.Run("read-only verbs leave the file byte-identical", func(t *testing.T) {
		before := sum(t, r.db)
		for _, args := range [][]string{{"due"}, {"prep", "alice"}, {"ledger"}, {"review", "alice", "--since", "2026-01-01"},
			{"search", "roadmap"}, {"show", first}, {"meetings", "alice"}, {"followups"}, {"people"},
			{"export", filepath.Join(r.dir, "export2")}, {"backup", filepath.Join(r.dir, "b2")}, {"check"}} {
			r.ok(args...)
		}
		if sum(t, r.db) != before {
			t.Fatal("a read-only verb changed the journal file")
		}
	})
}

// verbPaths walks the command tree as a user finds it, through the help of
// each command, and returns every verb and sub-verb ("people add"), so
// that a verb added later is covered by the tests that use it.
func verbPaths(t *testing.T, r *runner, parent []string) [][]string {
	t.Helper()
	out := r.ok(append(append([]string{}, parent...), "--help")...)
	// Only a command with sub-commands lists them, after its usage line
	// (the long help above it is free text).
	_, usage, _ := strings.Cut(out, "\nUsage:")
	if !strings.Contains(usage, " [command]\n") || len(parent) > 3 {
		return nil
	}
	var paths [][]string
	section := ""
	for _, line := range strings.Split(usage, "\n") {
		if line != "" && !strings.HasPrefix(line, " ") {
			section = line
			continue
		}
		switch section {
		case "", "Usage:", "Flags:", "Global Flags:", "Examples:", "Aliases:":
			continue
		}
		f := strings.Fields(line)
		if len(f) == 0 || f[0] == "help" {
			continue
		}
		path := append(append([]string{}, parent...), f[0])
		paths = append(paths, path)
		paths = append(paths, verbPaths(t, r, path)...)
	}
	return paths
}

func TestEveryVerbHasHelpAndRefusesABadFlag(t *testing.T) {
	r := newRunner(t)
	paths := verbPaths(t, r, nil)
	if len(paths) < 25 {
		t.Fatalf("found only %d verbs in the help: %v", len(paths), paths)
	}
	for _, path := range append(paths, []string{"help"}, nil) {
		name := strings.TrimSpace("1on1 " + strings.Join(path, " "))
		t.Run(name, func(t *testing.T) {
			for _, helpArgs := range [][]string{append(append([]string{}, path...), "--help"), append(append([]string{}, path...), "-h")} {
				res := r.run(helpArgs...)
				if res.code != 0 || res.stderr != "" {
					t.Fatalf("%s: exit %d, stderr %q", strings.Join(helpArgs, " "), res.code, res.stderr)
				}
				if n := strings.Count(res.stdout, "Usage:"); n != 1 {
					t.Fatalf("%s: the usage is printed %d times:\n%s", strings.Join(helpArgs, " "), n, res.stdout)
				}
				if !strings.Contains(res.stdout, name) {
					t.Fatalf("%s: the usage does not name %q:\n%s", strings.Join(helpArgs, " "), name, res.stdout)
				}
			}
			if len(path) > 0 && path[0] != "help" {
				if got := r.ok(append([]string{"help"}, path...)...); got != r.ok(append(append([]string{}, path...), "--help")...) {
					t.Fatalf("help %s differs from %s --help", strings.Join(path, " "), strings.Join(path, " "))
				}
			}
			for _, bad := range []string{"--bogus", "--bogus=1", "-Z"} {
				res := r.run(append(append([]string{}, path...), bad)...)
				if res.code != 2 || res.stdout != "" {
					t.Fatalf("%s %s: exit %d, stdout %q; want 2 and nothing on stdout", name, bad, res.code, res.stdout)
				}
				if strings.Count(res.stderr, "\n") != 1 || !strings.Contains(res.stderr, "'"+name+" --help'") ||
					!strings.Contains(res.stderr, strings.SplitN(bad, "=", 2)[0]) {
					t.Fatalf("%s %s: stderr %q; want one line naming the flag and pointing to '%s --help'", name, bad, res.stderr, name)
				}
			}
		})
	}
}

func TestErrorsAreOneClearLine(t *testing.T) {
	r := newRunner(t)
	r.ok("people", "add", "Alice Martin")

	t.Run("usage errors exit 2", func(t *testing.T) {
		r.fails(2, `no verb "frobnicate"`, "frobnicate")
		r.fails(2, "unknown flag: --bogus (see '1on1 due --help')", "due", "--bogus")
		r.fails(2, "--cadence wants a whole number", "people", "add", "Bob", "--cadence", "often")
		r.fails(2, "flag needs an argument: --person", "due", "--person")
		r.fails(2, "no sub-verb", "people", "hire", "Bob")
		r.fails(2, "missing HANDLE", "prep")
		r.fails(2, "unexpected argument", "due", "extra")
	})

	t.Run("a journal open in another process", func(t *testing.T) {
		j, err := journal.Open(r.db, journal.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer j.Close()
		// SPEC 4.5: no error at all; the journal is held per transaction.
		r.ok("due")
		r.ok("people", "add", "Bob")
	})

	t.Run("a damaged file", func(t *testing.T) {
		bad := filepath.Join(r.dir, "garbage.db")
		junk := bytes.Repeat([]byte("this is not a journal \x00\xff"), 2000)
		if err := os.WriteFile(bad, junk, 0o600); err != nil {
			t.Fatal(err)
		}
		for _, v := range [][]string{{"due"}, {"people", "add", "Bob"}, {"prep", "alice"}, {"check"}} {
			res := r.fails(1, "damaged", append(v, "--db", bad)...)
			contains(t, "damaged", res.stderr, "\nhint: ", bad+".backups")
			if strings.Contains(strings.Split(res.stderr, "\n")[0], "1on1 check") {
				t.Fatalf("the journal's error speaks of the command line: %q", res.stderr)
			}
		}
		if got, _ := os.ReadFile(bad); !bytes.Equal(got, junk) {
			t.Fatal("the damaged file was changed")
		}
	})

	t.Run("a missing file given with --db on a read-only verb", func(t *testing.T) {
		missing := filepath.Join(r.dir, "nope", "journal.db")
		for _, v := range [][]string{{"due"}, {"ledger"}, {"people"}, {"search", "x"}, {"export", filepath.Join(r.dir, "e")}, {"backup", filepath.Join(r.dir, "b")}, {"check"}} {
			r.fails(10, "nope", append(v, "--db", missing)...)
		}
		if _, err := os.Stat(missing); err == nil {
			t.Fatal("a read-only verb created the journal")
		}
	})

	t.Run("bad ONEONONE_TODAY", func(t *testing.T) {
		r2 := *r
		r2.env = append(append([]string{}, r.env...), "ONEONONE_TODAY=tomorrow")
		r2.fails(1, "ONEONONE_TODAY", "due")
	})
}

func TestWritersCreateAPrivateJournal(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no unix modes")
	}
	r := newRunner(t)
	r.ok("people", "add", "Alice Martin")
	fi, err := os.Stat(r.db)
	if err != nil {
		t.Fatal(err)
	}
	di, err := os.Stat(filepath.Dir(r.db))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 || di.Mode().Perm() != 0o700 {
		t.Fatalf("journal %v in folder %v, want 0600 in 0700", fi.Mode().Perm(), di.Mode().Perm())
	}
}

func TestDemoTwiceWithTheSameSeedGivesTheSameJournal(t *testing.T) {
	r := newRunner(t)
	var trees []map[string]string
	for _, name := range []string{"a", "b"} {
		db := filepath.Join(r.dir, name+".db")
		r.ok("demo", "--seed", "7", "--db", db)
		out := filepath.Join(r.dir, "export-"+name)
		r.ok("export", out, "--db", db)
		trees = append(trees, readTree(t, out))
	}
	if len(trees[0]) < 50 {
		t.Fatalf("the demo exported only %d files", len(trees[0]))
	}
	for name, a := range trees[0] {
		if trees[1][name] != a {
			t.Fatalf("%s differs between two demos with the same seed", name)
		}
	}
	if len(trees[0]) != len(trees[1]) {
		t.Fatalf("%d files, then %d", len(trees[0]), len(trees[1]))
	}
}

func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[rel] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func sum(t *testing.T, path string) [32]byte {
	t.Helper()
	return sha256.Sum256([]byte(mustRead(t, path)))
}
