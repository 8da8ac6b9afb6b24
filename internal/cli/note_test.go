package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runMain runs the command in-process as if on a terminal.
func runMain(t *testing.T, vars map[string]string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	env := Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: envOf(vars),
		StdinTTY: true, StdoutTTY: false, StderrTTY: false}
	code := Main(args, env)
	return out.String(), errb.String(), code
}

func TestNoteOpensTheEditorOnATemplateAndSavesOnlyAChange(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "editor.sh")
	seen := filepath.Join(dir, "seen")
	// The editor records the file it was given and its mode, then adds a
	// commitment; EDITOR holds a command with an argument, as "code -w" does.
	os.WriteFile(script, []byte(`echo "$1" > "`+seen+`"; stat -c %a "$1" >> "`+seen+`"; printf -- '- [ ] me: written in the editor by friday\n' >> "$1"`), 0o700)
	vars := map[string]string{"ONEONONE_DB": filepath.Join(dir, "j.db"), "ONEONONE_TODAY": "2026-11-20", "EDITOR": "sh " + script}
	if _, errs, code := runMain(t, vars, "people", "add", "Alice Martin"); code != 0 {
		t.Fatal(errs)
	}
	out, errs, code := runMain(t, vars, "note", "alice")
	if code != 0 || !strings.Contains(out, "saved meeting 2026-11-20.") || !strings.Contains(out, "1 commitment") {
		t.Fatalf("note with $EDITOR: exit %d, %q %q", code, out, errs)
	}
	b, _ := os.ReadFile(seen)
	lines := strings.Fields(string(b))
	if len(lines) != 2 || lines[1] != "600" {
		t.Fatalf("the editor saw %q; want a temporary file of mode 600", b)
	}
	if _, err := os.Stat(lines[0]); !os.IsNotExist(err) {
		t.Fatalf("the temporary file %s was left behind", lines[0])
	}
	show, _, _ := runMain(t, vars, "meetings", "alice", "--json")
	if !strings.Contains(show, "written in the editor by friday") || !strings.Contains(show, `"due": "2026-11-27"`) {
		t.Fatalf("the saved note lacks the editor's line: %s", show)
	}

	vars["EDITOR"] = "true" // leaves the template as it was
	out, errs, code = runMain(t, vars, "note", "alice", "--date", "2026-11-21")
	if code != 0 || !strings.Contains(errs, "nothing saved") {
		t.Fatalf("unchanged note: exit %d, %q %q", code, out, errs)
	}
	list, _, _ := runMain(t, vars, "meetings", "alice")
	if strings.Contains(list, "2026-11-21") {
		t.Fatalf("an unchanged template was saved:\n%s", list)
	}

	vars["EDITOR"] = "false" // an editor that fails saves nothing
	if _, errs, code = runMain(t, vars, "note", "alice", "--date", "2026-11-22"); code != 1 || !strings.Contains(errs, "not saved") {
		t.Fatalf("failing editor: exit %d, %q", code, errs)
	}
}

func TestDemoForceKeepsTheOldJournal(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "j.db")
	vars := map[string]string{"ONEONONE_DB": db, "ONEONONE_TODAY": "2026-11-20"}
	runMain(t, vars, "people", "add", "Zed Zed")
	if _, errs, code := runMain(t, vars, "demo", "--people", "2"); code != 1 || !strings.Contains(errs, "--force") {
		t.Fatalf("demo on a journal with people: exit %d %q", code, errs)
	}
	if _, errs, code := runMain(t, vars, "demo", "--people", "2", "--force"); code != 0 {
		t.Fatalf("demo --force: %q", errs)
	}
	out, _, _ := runMain(t, vars, "people", "list", "--db", db+".before-demo")
	if !strings.Contains(out, "zed") {
		t.Fatalf("the old journal was not kept: %s", out)
	}
	if out, _, _ := runMain(t, vars, "people"); strings.Contains(out, "zed") || !strings.Contains(out, "alice") {
		t.Fatalf("the new journal is not the demo: %s", out)
	}
}
