package cli

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/oneonone/1on1/internal/termsafe"
)

// hostile holds text that tries to drive the terminal in every encoding a
// note, a name or a context can carry it: raw bytes, C1 controls, HTML
// character references that a markdown reader decodes, bidi overrides.
var hostile = []string{
	"clip \x1b]52;c;cHduZWQ=\x07 done",
	"title &#27;]0;pwned&#7; and &#x1b;]8;;https://evil.example&#x1b;\\link&#x1b;]8;;&#x1b;\\",
	"c1 csi &#x9b;2J and &#155;31m and raw \u009b2J \u009d0;t\u009c",
	"named &ESC; &#0; &#x0; &#xD800; &#1114112; &#X7F; &#127;",
	"- [ ] me: send \x1b[2Jdeck by friday\n- [x] them: `code \x1b]0;t\x07` **bold &#27;[5m**",
	"# Heading &#x202E;gpj.exe\n\n> quote \u2066isolate\u2069\n\n| a | b&#x1b;[31m |\n|---|---|\n| \x1b[1m | &#8238; |",
	"[link](javascript:&#27;]52;c;x&#7;) ![img](x \"&#27;\") <https://x.y/&#27;>",
	"```\nfenced \x1b]0;t\x07 &#27;\n```\n\n    indented \x1b[2J\n\n<div>&#27;]0;html&#7;</div>",
	"line\rover\r\nok\u200b\ufeff\U000E0041",
}

// FuzzNothingReachesTheTerminal adds a person whose name and context, and
// a note whose text, come from the fuzzer, then runs every verb that
// prints them as it prints on a terminal (rendered markdown with colour,
// tables, lists) and on a pipe. Nothing written may hold a control
// character other than newline, tab and the SGR styling the program adds.
func FuzzNothingReachesTheTerminal(f *testing.F) {
	for i, s := range hostile {
		f.Add(s, hostile[(i+1)%len(hostile)], hostile[(i+2)%len(hostile)])
	}
	// One journal for all inputs of a worker, a person per input: a new
	// file per input would measure bbolt, not the printing.
	db := filepath.Join(f.TempDir(), "j.db")
	var (
		once sync.Once
		n    atomic.Int64
	)
	f.Fuzz(func(t *testing.T, name, context, note string) {
		once.Do(func() { lipgloss.SetColorProfile(termenv.TrueColor) })
		handle := fmt.Sprintf("p%d", n.Add(1))
		vars := map[string]string{"ONEONONE_DB": db, "ONEONONE_TODAY": "2026-11-23"}
		run := func(tty bool, stdin string, args ...string) {
			var out, errb bytes.Buffer
			env := Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Getenv: envOf(vars),
				StdoutTTY: tty, StderrTTY: tty}
			Main(args, env)
			for what, s := range map[string]string{"stdout": out.String(), "stderr": errb.String()} {
				if i := termsafe.FirstControl(s); i >= 0 {
					t.Fatalf("%v (tty %v) wrote a control to %s at %d: %q", args, tty, what, i, s[max(0, i-20):min(len(s), i+20)])
				}
			}
		}
		if strings.TrimSpace(name) == "" {
			name = "x"
		}
		run(false, "", "people", "add", name, "--handle", handle, "--context", context)
		run(false, note, "note", handle, "--date", "2026-11-02", "--file", "-")
		for _, tty := range []bool{true, false} {
			run(tty, "", "prep", handle)
			run(tty, "", "review", handle, "--since", "2026-01-01")
			run(tty, "", "meetings", handle)
			run(tty, "", "people", "list")
			run(tty, "", "due")
			run(tty, "", "followups", handle)
			run(tty, "", "ledger", handle)
			run(tty, "", "search", "send")
			run(tty, "", "meetings", handle, "--json")
		}
	})
}
