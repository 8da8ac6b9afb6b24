package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/oneonone/1on1/journal"
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

	vars["EDITOR"] = "false" // an editor that fails, having changed nothing, saves nothing
	if _, errs, code = runMain(t, vars, "note", "alice", "--date", "2026-11-22"); code != 1 || !strings.Contains(errs, "nothing was saved") {
		t.Fatalf("failing editor: exit %d, %q", code, errs)
	}
}

// editorScript writes a fake editor: it records that it ran, runs body
// (with the file as $1) and exits with code.
func editorScript(t *testing.T, dir, body string, code int) (script, ran string) {
	t.Helper()
	script = filepath.Join(dir, "editor.sh")
	ran = filepath.Join(dir, "editor-ran")
	text := fmt.Sprintf("touch %q\n%s\nexit %d\n", ran, body, code)
	if err := os.WriteFile(script, []byte(text), 0o700); err != nil {
		t.Fatal(err)
	}
	return "sh " + script, ran
}

func TestNoteChecksEveryFlagBeforeOpeningTheEditor(t *testing.T) {
	dir := t.TempDir()
	ed, ran := editorScript(t, dir, `echo "- [ ] me: typed" >> "$1"`, 0)
	vars := map[string]string{"ONEONONE_DB": filepath.Join(dir, "j.db"), "ONEONONE_TODAY": "2026-11-20", "EDITOR": ed}
	if _, errs, code := runMain(t, vars, "people", "add", "Alice Martin"); code != 0 {
		t.Fatal(errs)
	}
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"an hour past 23", []string{"--time", "25:61"}, "00:00 to 23:59"},
		{"minutes past 59", []string{"--time", "10:60"}, "bad time"},
		{"one minute digit", []string{"--time", "9:5"}, "bad time"},
		{"no colon", []string{"--time", "0930"}, "bad time"},
		{"a sign", []string{"--time", "+9:05"}, "bad time"},
		{"a month past 12", []string{"--date", "2026-13-01"}, "bad date"},
		{"a day before 1970", []string{"--date", "1969-12-31"}, "1970-01-02"},
		{"a bad today", []string{"--today", "someday"}, "bad date"},
		{"a person not in the journal", []string{"--person-is", "zed"}, `no person with handle "zed"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"note", "alice"}, tc.args...)
			if tc.args[0] == "--person-is" {
				args = []string{"note", tc.args[1]}
			}
			out, errs, code := runMain(t, vars, args...)
			if code == 0 || out != "" || !strings.Contains(errs, tc.want) {
				t.Fatalf("note %v: exit %d, stdout %q, stderr %q; want a failure saying %q", tc.args, code, out, errs, tc.want)
			}
			if _, err := os.Stat(ran); err == nil {
				os.Remove(ran)
				t.Fatalf("note %v opened the editor before refusing a flag", tc.args)
			}
		})
	}
	t.Run("9:05 is 09:05, as import reads it", func(t *testing.T) {
		out, errs, code := runMain(t, vars, "note", "alice", "--time", "9:05", "--json")
		if code != 0 || !strings.Contains(out, `"time": "09:05"`) {
			t.Fatalf("note --time 9:05: exit %d, %q %q", code, out, errs)
		}
	})
}

// keptFile checks that stderr names a private file holding want and
// returns its path.
func keptFile(t *testing.T, errs, want string) string {
	t.Helper()
	_, after, ok := strings.Cut(errs, "your note is kept in ")
	if !ok {
		t.Fatalf("stderr does not say where the note is kept: %q", errs)
	}
	path := strings.Fields(after)[0]
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatalf("the kept note %s: %v", path, err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Fatalf("the kept note has mode %v, want 0600", fi.Mode().Perm())
	}
	b, _ := os.ReadFile(path)
	if !strings.Contains(string(b), want) {
		t.Fatalf("the kept note lacks %q", want)
	}
	if !strings.Contains(errs, "hint: save it once that is fixed with: 1on1 note alice --date 2026-11-20 --file "+path) {
		t.Fatalf("no hint to save the kept note: %q", errs)
	}
	return path
}

func TestNoteKeepsTheTypedTextWhenTheSaveFails(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "j.db")
	vars := map[string]string{"ONEONONE_DB": db, "ONEONONE_TODAY": "2026-11-20"}
	if _, errs, code := runMain(t, vars, "people", "add", "Alice Martin"); code != 0 {
		t.Fatal(errs)
	}

	t.Run("a note over the size limit", func(t *testing.T) {
		vars["EDITOR"], _ = editorScript(t, t.TempDir(), `echo "- [ ] me: typed before the paste" >> "$1"; head -c 9000000 /dev/zero | tr '\\0' x >> "$1"`, 0)
		out, errs, code := runMain(t, vars, "note", "alice")
		if code != 1 || out != "" || !strings.Contains(errs, "8 MiB") {
			t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
		}
		keptFile(t, errs, "typed before the paste")
	})

	// A write elsewhere that outlasts ONEONONE_LOCK_TIMEOUT: note gives up.
	vars["ONEONONE_LOCK_TIMEOUT"] = "300ms"
	t.Run("a journal locked while the editor was open, which note did not hold", func(t *testing.T) {
		step := t.TempDir()
		started, goOn := filepath.Join(step, "started"), filepath.Join(step, "go")
		vars["EDITOR"], _ = editorScript(t, t.TempDir(), fmt.Sprintf(`touch %q; while [ ! -e %q ]; do sleep 0.05; done; echo "- [ ] me: typed while another process wrote" >> "$1"`, started, goOn), 0)
		type res struct {
			out, errs string
			code      int
		}
		done := make(chan res)
		go func() {
			out, errs, code := runMain(t, vars, "note", "alice")
			done <- res{out, errs, code}
		}()
		for i := 0; ; i++ {
			if _, err := os.Stat(started); err == nil {
				break
			}
			if i > 400 {
				t.Fatal("the editor never started")
			}
			time.Sleep(25 * time.Millisecond)
		}
		// While the editor is open, another process can write; here it
		// is still writing (holds bbolt's write lock) when note saves, and
		// note gives up after ONEONONE_LOCK_TIMEOUT.
		j, err := journal.Open(db, journal.Options{Timeout: time.Second})
		if err != nil {
			t.Fatalf("note holds the journal while the editor is open: %v", err)
		}
		j.Close()
		writer, err := bolt.Open(db, 0o600, &bolt.Options{Timeout: time.Second})
		if err != nil {
			t.Fatal(err)
		}
		defer writer.Close()
		os.WriteFile(goOn, nil, 0o600)
		r := <-done
		if r.code != 11 || r.out != "" || !strings.Contains(r.errs, "is in use by another process") {
			t.Fatalf("exit %d, stdout %q, stderr %q; want 11 (locked)", r.code, r.out, r.errs)
		}
		path := keptFile(t, r.errs, "typed while another process wrote")
		writer.Close()
		// The hint's command saves it.
		if out, errs, code := runMain(t, vars, "note", "alice", "--date", "2026-11-20", "--file", path); code != 0 {
			t.Fatalf("saving the kept note: exit %d %q %q", code, out, errs)
		}
	})

	t.Run("a journal damaged while the editor was open", func(t *testing.T) {
		vars2 := map[string]string{"ONEONONE_DB": filepath.Join(dir, "k.db"), "ONEONONE_TODAY": "2026-11-20"}
		runMain(t, vars2, "people", "add", "Alice Martin")
		vars2["EDITOR"], _ = editorScript(t, t.TempDir(), fmt.Sprintf(`echo "- [ ] me: typed before the crash" >> "$1"; head -c 65536 /dev/urandom > %q`, vars2["ONEONONE_DB"]), 0)
		out, errs, code := runMain(t, vars2, "note", "alice")
		if code != 1 || out != "" {
			t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
		}
		keptFile(t, errs, "typed before the crash")
	})

	t.Run("an editor that fails after the user typed", func(t *testing.T) {
		vars["EDITOR"], _ = editorScript(t, t.TempDir(), `echo "- [ ] me: typed then :cq" >> "$1"`, 3)
		_, errs, code := runMain(t, vars, "note", "alice")
		if code != 1 {
			t.Fatalf("exit %d, stderr %q", code, errs)
		}
		keptFile(t, errs, "typed then :cq")
	})

	t.Run("text from a pipe, when the journal is locked", func(t *testing.T) {
		writer, err := bolt.Open(db, 0o600, &bolt.Options{Timeout: time.Second})
		if err != nil {
			t.Fatal(err)
		}
		defer writer.Close()
		var out, errb bytes.Buffer
		env := Env{Stdin: strings.NewReader("- [ ] me: piped in\n"), Stdout: &out, Stderr: &errb, Getenv: envOf(vars)}
		if code := Main([]string{"note", "alice", "-"}, env); code != 11 {
			t.Fatalf("exit %d, stderr %q", code, errb.String())
		}
		keptFile(t, errb.String(), "piped in")
	})
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
