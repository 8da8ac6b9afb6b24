package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/oneonone/1on1/internal/termsafe"
)

func TestMainMapsErrorsToExitCodes(t *testing.T) {
	cases := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{name: "help is success", args: []string{"help"}, code: 0},
		{name: "a verb's --help is success", args: []string{"due", "--help"}, code: 0},
		{name: "unknown verb is a usage error", args: []string{"frob"}, code: 2, stderr: `no verb "frob"`},
		{name: "unknown flag is a usage error", args: []string{"due", "--frob"}, code: 2, stderr: "unknown flag: --frob (see '1on1 due --help')"},
		{name: "unknown flag of a sub-verb names the sub-verb", args: []string{"people", "add", "--frob"}, code: 2, stderr: "see '1on1 people add --help'"},
		{name: "a misspelt verb gets a suggestion", args: []string{"dew"}, code: 2, stderr: "did you mean"},
		{name: "a flag without its value is a usage error", args: []string{"due", "--person"}, code: 2, stderr: "person"},
		{name: "a missing argument is a usage error", args: []string{"show"}, code: 2, stderr: "missing MEETING-ID"},
		{name: "a bad date is an error", args: []string{"due", "--today", "soon"}, code: 1, stderr: "bad date"},
		{name: "no terminal for the app is an error", args: nil, code: 1, stderr: "needs a terminal"},
		{name: "--db may come before the verb", args: []string{"--db", "DIR/other.db", "people", "add", "Alice"}, code: 0},
		{name: "--today may come before the verb", args: []string{"--today", "2026-01-02", "due", "--db", "DIR/none.db"}, code: 10, stderr: "no journal at"},
		{name: "a flag before the verb needs its value", args: []string{"--db"}, code: 2, stderr: "flag needs an argument: --db"},
		{name: "an empty --db is refused, not taken as the default journal", args: []string{"due", "--db", ""}, code: 2, stderr: "--db is empty"},
		{name: "an empty --db before the verb too", args: []string{"--db=", "people", "add", "Alice"}, code: 2, stderr: "--db is empty"},
		{name: "a blank --today is refused", args: []string{"due", "--today", " "}, code: 2, stderr: "--today is empty"},
		{name: "an empty --person is not every person", args: []string{"due", "--person", ""}, code: 2, stderr: "--person is empty"},
		{name: "an empty --since", args: []string{"ledger", "--since="}, code: 2, stderr: "--since is empty"},
		{name: "--cadence 0 is not the default", args: []string{"people", "add", "Alice", "--cadence", "0"}, code: 2, stderr: "--cadence 0: give the days between 1:1s, from 1 to 366"},
		{name: "a negative --cadence", args: []string{"people", "add", "Alice", "--cadence=-7"}, code: 2, stderr: "--cadence -7"},
		{name: "--cadence past a year", args: []string{"people", "add", "Alice", "--cadence", "400"}, code: 2, stderr: "from 1 to 366"},
		{name: "--cadence 0 on edit", args: []string{"people", "edit", "alice", "--cadence", "0"}, code: 2, stderr: "--cadence 0"},
		{name: "a date before 1970 says the range", args: []string{"ledger", "--since", "1969-07-20"}, code: 1, stderr: "from 1970-01-02 to 9999-12-31"},
		{name: "a --today before 1970 says the range", args: []string{"due", "--today", "1900-01-01"}, code: 1, stderr: "out of range"},
		{name: "a missing journal is not found, with a hint", args: []string{"prep", "zed", "--db", "DIR/j.db"}, code: 10, stderr: "\nhint: start one with '1on1 people add NAME'"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			env := Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
				Getenv: envOf(map[string]string{"ONEONONE_DB": t.TempDir() + "/j.db"})}
			dir := t.TempDir()
			args := make([]string, len(tc.args))
			for i, a := range tc.args {
				args[i] = strings.ReplaceAll(a, "DIR", dir)
			}
			code := Main(args, env)
			if code != tc.code {
				t.Fatalf("exit %d, want %d; stderr %q", code, tc.code, errb.String())
			}
			if !strings.Contains(errb.String(), tc.stderr) {
				t.Fatalf("stderr %q does not say %q", errb.String(), tc.stderr)
			}
			for i, l := range strings.Split(strings.TrimSpace(errb.String()), "\n") {
				if i > 0 && !strings.HasPrefix(l, "hint: ") {
					t.Fatalf("stderr has more than one line besides hints: %q", errb.String())
				}
			}
		})
	}
}

func TestFlagsMayComeAnywhereAmongArguments(t *testing.T) {
	dir := t.TempDir()
	vars := map[string]string{"ONEONONE_DB": filepath.Join(dir, "j.db")}
	if _, errs, code := runMain(t, vars, "--db", filepath.Join(dir, "j.db"), "people", "add", "Alice", "--role", "peer", "Martin"); code != 0 {
		t.Fatalf("people add with a flag among the words of the name: exit %d %q", code, errs)
	}
	out, _, _ := runMain(t, vars, "people", "--json")
	if !strings.Contains(out, `"name": "Alice Martin"`) || !strings.Contains(out, `"role": "peer"`) {
		t.Fatalf("people = %s", out)
	}
	// After "--" everything is an argument, even what looks like a flag.
	if _, errs, code := runMain(t, vars, "search", "--", "--literal"); code != 0 {
		t.Fatalf("search -- --literal: exit %d %q", code, errs)
	}
}

func TestControlCharactersAreShownNotSent(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"plain text and newlines pass", "a\tb\nc — ✓", "a\tb\nc — ✓"},
		{"ESC and BEL become control pictures", "\x1b[2J\x07", "␛[2J␇"},
		{"DEL is shown", "a\x7fb", "a␡b"},
		{"C1 CSI is replaced", "x\u009b31m", "x\uFFFD31m"},
		{"carriage return cannot overwrite a line", "ok\rfake", "ok␍fake"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := safeText(tc.in); got != tc.want {
				t.Fatalf("safeText(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
	t.Run("a C1 control split across writes is still caught", func(t *testing.T) {
		var b bytes.Buffer
		w := termsafe.NewWriter(&b)
		w.Write([]byte("a\xc2"))
		w.Write([]byte("\x9bb"))
		w.Flush()
		if b.String() != "a\uFFFDb" {
			t.Fatalf("got %q", b.String())
		}
	})
	t.Run("JSON keeps its escapes and escapes C1", func(t *testing.T) {
		var b bytes.Buffer
		w := termsafe.NewJSONWriter(&b)
		w.Write([]byte("{\"t\": \"\\u001b x\u009b\"}\n"))
		w.Flush()
		if b.String() != "{\"t\": \"\\u001b x\\u009b\"}\n" {
			t.Fatalf("got %q", b.String())
		}
	})
}

// panickyWriter stands for a bug: writing to it panics with note text.
type panickyWriter struct{}

func (panickyWriter) Write([]byte) (int, error) { panic("SECRET NOTE TEXT") }

func TestABugEndsInOneLineThatHoldsNoNoteText(t *testing.T) {
	for _, debug := range []string{"", "1"} {
		var errb bytes.Buffer
		env := Env{Stdin: strings.NewReader(""), Stdout: panickyWriter{}, Stderr: &errb,
			Getenv: envOf(map[string]string{"ONEONONE_DEBUG": debug})}
		if code := Main([]string{"version"}, env); code != 1 {
			t.Errorf("debug %q: exit %d, want 1", debug, code)
		}
		msg := errb.String()
		if !strings.Contains(msg, "internal error") {
			t.Errorf("debug %q: stderr %q does not say what happened", debug, msg)
		}
		if leaked := strings.Contains(msg, "SECRET"); leaked != (debug == "1") {
			t.Errorf("debug %q: panic value shown = %v; it must show only with ONEONONE_DEBUG=1", debug, leaked)
		}
	}
}

func TestARangeThatEndsBeforeItStartsIsAnError(t *testing.T) {
	if _, _, err := period("2026-12-01", "2026-01-01"); err == nil || !strings.Contains(err.Error(), "after --until") {
		t.Errorf("inverted range: %v", err)
	}
	if from, to, err := period("2026-01-01", "2026-12-01"); err != nil || from >= to {
		t.Errorf("ordered range: %v %v %v", from, to, err)
	}
}

func TestPeopleAddDerivesAFreeHandle(t *testing.T) {
	vars := map[string]string{"ONEONONE_DB": filepath.Join(t.TempDir(), "j.db")}
	cases := []struct {
		name string
		args []string
		code int
		out  string // on stdout, or stderr when the code is not 0
	}{
		{"the first name", []string{"Priya Kumar"}, 0, "added priya (Priya Kumar"},
		{"a second Priya gets her initial", []string{"Priya Singh"}, 0, "added priya.s (Priya Singh"},
		{"a third with the same initial gets a number", []string{"Priya Sen"}, 0, "added priya.s2"},
		{"accents are dropped", []string{"José Núñez"}, 0, "added jose (José Núñez"},
		{"a name of two words given as two arguments", []string{"Bo", "王小明"}, 0, "added bo (Bo 王小明"},
		{"the same name twice is the same person", []string{"priya KUMAR"}, 1, "Priya Kumar is already in the journal as priya"},
		{"a taken --handle suggests a free one", []string{"Priya Xu", "--handle", "priya"}, 1, "handle priya is taken by Priya Kumar; give another, such as --handle priya.x"},
		{"the same name with its own --handle is someone else", []string{"Priya Kumar", "--handle", "pk"}, 0, "added pk"},
		{"a --handle is lower-cased", []string{"Ann Lee", "--handle", "AnnL"}, 0, "added annl"},
		{"a bad --handle", []string{"Ann Lee", "--handle", "a b"}, 1, `handle "a b"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, errs, code := runMain(t, vars, append([]string{"people", "add"}, tc.args...)...)
			got := out
			if tc.code != 0 {
				got = errs
			}
			if code != tc.code || !strings.Contains(got, tc.out) {
				t.Fatalf("people add %v: exit %d, stdout %q, stderr %q; want %d and %q", tc.args, code, out, errs, tc.code, tc.out)
			}
		})
	}
	_, errs, _ := runMain(t, vars, "people", "add", "Priya Rao")
	if !strings.Contains(errs, "priya is Priya Kumar's handle, so Priya Rao's is priya.r") {
		t.Fatalf("a derived handle is not explained: %q", errs)
	}
}

func TestTablesAlignWideCharactersOnATerminalAndAreTabSeparatedWhenPiped(t *testing.T) {
	dir := t.TempDir()
	vars := map[string]string{"ONEONONE_DB": filepath.Join(dir, "j.db"), "ONEONONE_TODAY": "2026-11-20"}
	for _, name := range []string{"Bo 王小明", "Alice Martin", "Zoë 🎉 Party"} {
		if _, errs, code := runMain(t, vars, "people", "add", name); code != 0 {
			t.Fatal(errs)
		}
	}
	var out, errb bytes.Buffer
	env := Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: envOf(vars), StdoutTTY: true}
	if code := Main([]string{"people"}, env); code != 0 {
		t.Fatalf("people: %s", errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	col := -1
	for _, line := range lines {
		i := strings.Index(line, " report ")
		if strings.HasPrefix(line, "HANDLE") {
			i = strings.Index(line, " ROLE")
		}
		w := ansi.StringWidth(line[:i])
		if col >= 0 && w != col {
			t.Fatalf("the ROLE column starts at %d and at %d:\n%s", col, w, out.String())
		}
		col = w
	}
	piped, _, _ := runMain(t, vars, "people")
	if !strings.Contains(piped, "bo\tBo 王小明\treport\t") {
		t.Fatalf("piped people is not tab-separated:\n%q", piped)
	}
}

// A long text is cut at n characters on screen, never inside a letter.
func TestTruncateCountsCharactersNotBytes(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly ten", 11, "exactly ten"},
		{"one too many", 11, "one too ma…"},
		{"王小明王小明", 6, "王小明王小明"},
		{"王小明王小明王", 6, "王小明王小…"},
		{"café crème", 4, "caf…"},
	}
	for _, tc := range tests {
		if got := truncate(tc.in, tc.n); got != tc.want {
			t.Errorf("truncate(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
		// search's rows cut their snippets the same way, appending.
		if got := string(appendTruncated([]byte("row\t"), tc.in, tc.n)); got != "row\t"+tc.want {
			t.Errorf("appendTruncated(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
}

// fullDisk fails every write, as a file on a full disk does.
type fullDisk struct{}

func (fullDisk) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// Output that cannot be written is an error, short or long, buffered or
// not: a script must not take a cut listing for the whole.
func TestOutputThatCannotBeWrittenFailsTheVerb(t *testing.T) {
	db := filepath.Join(t.TempDir(), "j.db")
	setup := Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard, Getenv: envOf(map[string]string{"ONEONONE_DB": db})}
	for i := range 40 {
		if code := Main([]string{"people", "add", fmt.Sprintf("Person %d", i)}, setup); code != 0 {
			t.Fatalf("people add: exit %d", code)
		}
	}
	for _, args := range [][]string{{"version"}, {"people"}, {"people", "--json"}, {"due"}} {
		var stderr bytes.Buffer
		env := Env{Stdin: strings.NewReader(""), Stdout: fullDisk{}, Stderr: &stderr, Getenv: envOf(map[string]string{"ONEONONE_DB": db})}
		if code := Main(args, env); code != exitError || !strings.Contains(stderr.String(), "no space left") {
			t.Errorf("1on1 %v to a full disk: exit %d, stderr %q; want exit %d and the reason", args, code, stderr.String(), exitError)
		}
	}
}
