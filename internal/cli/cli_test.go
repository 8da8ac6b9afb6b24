package cli

import (
	"bytes"
	"strings"
	"testing"
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
		{name: "unknown flag is a usage error", args: []string{"due", "--frob"}, code: 2, stderr: "-frob"},
		{name: "a flag without its value is a usage error", args: []string{"due", "--person"}, code: 2, stderr: "person"},
		{name: "a missing argument is a usage error", args: []string{"show"}, code: 2, stderr: "missing MEETING-ID"},
		{name: "a bad date is an error", args: []string{"due", "--today", "soon"}, code: 1, stderr: "bad date"},
		{name: "no terminal for the app is an error", args: nil, code: 1, stderr: "needs a terminal"},
		{name: "--db may come before the verb", args: []string{"--db", "DIR/other.db", "people", "add", "Alice"}, code: 0},
		{name: "--today may come before the verb", args: []string{"--today", "2026-01-02", "due", "--db", "DIR/none.db"}, code: 1, stderr: "no journal at"},
		{name: "a flag before the verb needs its value", args: []string{"--db"}, code: 2, stderr: "needs a value"},
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
			if strings.Count(errb.String(), "\n") > 1 {
				t.Fatalf("stderr has more than one line: %q", errb.String())
			}
		})
	}
}

func TestFlagsMayFollowArguments(t *testing.T) {
	c := &call{name: "note"}
	fs := c.flags("", "", true)
	date := fs.String("date", "", "")
	if err := c.parse(fs, []string{"alice", "--date", "2026-11-20", "-", "--", "--literal"}); err != nil {
		t.Fatal(err)
	}
	if *date != "2026-11-20" || strings.Join(c.pos, " ") != "alice - --literal" {
		t.Fatalf("date %q, args %q", *date, c.pos)
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
		w := &safeWriter{w: &b}
		w.Write([]byte("a\xc2"))
		w.Write([]byte("\x9bb"))
		w.flush()
		if b.String() != "a\uFFFDb" {
			t.Fatalf("got %q", b.String())
		}
	})
	t.Run("JSON keeps its escapes and escapes C1", func(t *testing.T) {
		var b bytes.Buffer
		w := &safeWriter{w: &b, json: true}
		w.Write([]byte("{\"t\": \"\\u001b x\u009b\"}\n"))
		w.flush()
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
