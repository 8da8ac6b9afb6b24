//go:build unix

package cli_test

// Reliability through the real binary: locks across processes, output
// that carries hostile note text, damaged files, permissions, and kills.
// The binary is built once per test run into a temporary folder.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/oneonone/1on1/journal"
)

// relBinary is the binary of the end-to-end tests; these tests need it
// whole, so -short skips them.
func relBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	return binary(t)
}

// relResult is one run of the binary.
type relResult struct {
	code           int
	stdout, stderr string
	took           time.Duration
	end            time.Time
}

// relRun runs the binary on the journal at db with a fixed today and no
// terminal, and kills it after 10 s.
func relRun(t *testing.T, db string, stdin string, args ...string) relResult {
	t.Helper()
	return relStart(t, db, stdin, args...).wait(t)
}

// relProc is a run of the binary in progress.
type relProc struct {
	args   []string
	stderr *relBuffer
	done   chan relResult
	err    error // set before done is sent: the run itself failed
	late   bool  // killed after 10 s
}

// relBuffer is a buffer written by a process and read while it runs.
type relBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *relBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *relBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// relStart starts the binary as relRun does and returns at once.
func relStart(t *testing.T, db string, stdin string, args ...string) *relProc {
	t.Helper()
	bin := relBinary(t) // built before the clock starts: a build under load takes longer than 10 s
	p := &relProc{args: args, stderr: &relBuffer{}, done: make(chan relResult, 1)}
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		cmd := exec.CommandContext(ctx, bin, args...)
		cmd.Env = append(os.Environ(), "ONEONONE_DB="+db, "ONEONONE_TODAY=2026-11-22", "EDITOR=false", "VISUAL=false", "NO_COLOR=1", "TERM=dumb")
		cmd.Stdin = strings.NewReader(stdin)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, p.stderr
		start := time.Now()
		err := cmd.Run()
		r := relResult{stdout: out.String(), stderr: p.stderr.String(), took: time.Since(start), end: time.Now()}
		var ee *exec.ExitError
		switch {
		case err == nil:
		case errors.As(err, &ee):
			r.code = ee.ExitCode()
		default:
			p.err = err
		}
		p.late = ctx.Err() != nil
		p.done <- r
	}()
	return p
}

// wait waits for the run to end and fails the test when it could not run
// or took over 10 s.
func (p *relProc) wait(t *testing.T) relResult {
	t.Helper()
	r := <-p.done
	if p.err != nil {
		t.Fatalf("1on1 %s: %v", strings.Join(p.args, " "), p.err)
	}
	if p.late {
		t.Fatalf("1on1 %s did not finish within 10s", strings.Join(p.args, " "))
	}
	return r
}

// relMust runs the binary and fails the test unless it exits 0.
func relMust(t *testing.T, db, stdin string, args ...string) relResult {
	t.Helper()
	r := relRun(t, db, stdin, args...)
	if r.code != 0 {
		t.Fatalf("1on1 %s: exit %d\n%s", strings.Join(args, " "), r.code, r.stderr)
	}
	return r
}

var relMeetingIDRE = regexp.MustCompile(`\b\d{4}-\d{2}-\d{2}\.\d+\b`)

// relAddNote adds a note with the binary and returns the meeting id it names.
func relAddNote(t *testing.T, db, handle, date, note string) string {
	t.Helper()
	r := relMust(t, db, note, "note", handle, "--date", date, "-")
	id := relMeetingIDRE.FindString(r.stdout)
	if id == "" {
		t.Fatalf("1on1 note printed no meeting id: %q", r.stdout)
	}
	return id
}

// TestLockEveryVerbWorksWhileAnotherProcessHasTheJournalOpen (SPEC 4.5): while
// another process (this test, as the app would) has the journal open,
// every verb of the binary works, writes included; the other process
// then sees what they wrote.
func TestLockEveryVerbWorksWhileAnotherProcessHasTheJournalOpen(t *testing.T) {
	db := filepath.Join(t.TempDir(), "journal.db")
	relMust(t, db, "", "people", "add", "Alice Martin")
	id := relAddNote(t, db, "alice", "2026-11-20", "- [ ] send the deck by friday\n- [ ] book the room\n")
	file := filepath.Join(t.TempDir(), "note.md")
	if err := os.WriteFile(file, []byte("- [ ] zqbeside another\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	app, err := journal.Open(db, journal.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	open, err := app.OpenCommitments(journal.ItemFilter{})
	if err != nil || len(open) != 2 {
		t.Fatalf("open commitments: %d, %v", len(open), err)
	}
	out := t.TempDir()
	verbs := [][]string{
		{"people"}, {"due"}, {"due", "--json"}, {"search", "deck"}, {"show", id}, {"meetings", "alice"},
		{"prep", "alice"}, {"ledger"}, {"followups"}, {"review", "alice", "--since", "2026-11-01"},
		{"check"}, {"export", filepath.Join(out, "export")}, {"backup", filepath.Join(out, "copy.db")},
		{"note", "alice", "--file", file}, {"people", "add", "Bob Stone"}, {"done", open[0].ID},
	}
	var slowest time.Duration
	for _, args := range verbs {
		r := relMust(t, db, "", args...)
		if strings.Contains(r.stderr, "waiting") {
			t.Errorf("1on1 %s waited beside a journal nobody was writing to: %q", strings.Join(args, " "), r.stderr)
		}
		slowest = max(slowest, r.took)
	}
	t.Logf("slowest verb beside the open journal: %v", slowest.Round(time.Millisecond))
	if hits, err := app.Search(journal.Query{Text: "zqbeside"}); err != nil || len(hits) != 1 {
		t.Errorf("the open journal does not see the note the CLI added: %d hits, %v", len(hits), err)
	}
	if _, err := app.Person("bob"); err != nil {
		t.Errorf("the open journal does not see the person the CLI added: %v", err)
	}
	if it, err := app.Item(open[0].ID); err != nil || it.State != journal.StateDone {
		t.Errorf("the open journal does not see the item the CLI ticked: %+v, %v", it, err)
	}
}

// TestLockVerbsWaitForAWriteInProgressAndSaySo: while another process is
// inside a write (here: holds bbolt's file lock for writing, as a save
// does), verbs that read and verbs that write wait, say so on stderr after
// about a second naming that process, and succeed once it is done. While
// it only reads, readers go ahead and writers wait.
func TestLockVerbsWaitForAWriteInProgressAndSaySo(t *testing.T) {
	db := filepath.Join(t.TempDir(), "journal.db")
	relMust(t, db, "", "people", "add", "Alice Martin")
	relAddNote(t, db, "alice", "2026-11-20", "- [ ] send the deck by friday\n")
	out := t.TempDir()
	want := fmt.Sprintf("1on1: waiting for the journal: another process (pid %d) is writing to it", os.Getpid())
	if runtime.GOOS != "linux" {
		want = "1on1: waiting for the journal"
	}

	// during holds the file as a writer (or a reader) until every verb of
	// waiters has said it waits, then lets go; the others must finish
	// while it is still held.
	during := func(t *testing.T, readOnly bool, waiters, free [][]string) {
		t.Helper()
		bdb, err := bolt.Open(db, 0o600, &bolt.Options{ReadOnly: readOnly, Timeout: 5 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		held := time.Now()
		var ws, fs []*relProc
		for _, args := range waiters {
			ws = append(ws, relStart(t, db, "-- zqwaited\n", args...))
		}
		for _, args := range free {
			fs = append(fs, relStart(t, db, "", args...))
		}
		for _, p := range fs {
			r := p.wait(t)
			if r.code != 0 {
				t.Errorf("1on1 %s beside a reader: exit %d: %s", strings.Join(p.args, " "), r.code, r.stderr)
			}
		}
		for _, p := range ws {
			for !strings.Contains(p.stderr.String(), "waiting") && time.Since(held) < 8*time.Second {
				time.Sleep(20 * time.Millisecond)
			}
		}
		released := time.Now()
		bdb.Close()
		for _, p := range ws {
			name := strings.Join(p.args, " ")
			r := p.wait(t)
			switch {
			case r.code != 0:
				t.Errorf("1on1 %s: exit %d, want it to wait and succeed: %s", name, r.code, r.stderr)
			case r.end.Before(released):
				t.Errorf("1on1 %s finished before the journal was let go: %q", name, r.stderr)
			case !strings.Contains(r.stderr, want) || strings.Count(r.stderr, "waiting") != 1:
				t.Errorf("1on1 %s: stderr %q, want one line saying %q", name, r.stderr, want)
			}
		}
	}

	t.Run("write in progress", func(t *testing.T) {
		during(t, false, [][]string{
			{"due", "--json"}, {"note", "alice", "--date", "2026-11-21", "-"}, {"backup", filepath.Join(out, "copy.db")},
		}, nil)
	})
	t.Run("read in progress", func(t *testing.T) {
		during(t, true, [][]string{{"people", "add", "Bob Stone"}}, [][]string{{"due"}})
	})
	r := relMust(t, db, "", "search", "zqwaited")
	if !strings.Contains(r.stdout, "2026-11-21") {
		t.Errorf("the note written after the wait is not found: %q", r.stdout)
	}
}

// relControlBytes finds bytes that drive a terminal: C0 controls other than
// newline and tab (ESC, BEL, …), DEL, and the C1 controls U+0080–U+009F.
var relControlBytes = regexp.MustCompile("[\x00-\x08\x0b-\x1f\x7f\u0080-\u009f]")

// TestNoteTextReachesNoTerminalRaw: notes holding ANSI escape sequences,
// BEL and C1 controls are listed, searched, shown and prepared by the
// binary; no control byte from them may reach its output, where a terminal
// would obey it (clear the screen, retitle the window, fake a link).
func TestNoteTextReachesNoTerminalRaw(t *testing.T) {
	db := filepath.Join(t.TempDir(), "journal.db")
	relMust(t, db, "", "people", "add", "Alice Martin", "--context", "likes \x1b[31mred\x1b[0m")
	note := "zqhostile \x1b[2J\x1b]0;pwned\x07 \u009b31m\n" +
		"- [ ] \x1b[31mred\x1b[0m promise by friday\n" +
		"- [ ] them: \x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\ due:2026-11-01\n" +
		"- [ ] undated \x1b[5mblink\n" +
		"## Follow-ups\n- \x1b[1mbold topic\n" +
		"## Wins\n- \x1b[32mshipped\n" +
		"## Feedback\n- given: \x1b[7mclear\n"
	id := relAddNote(t, db, "alice", "2026-11-20", note)
	for _, args := range [][]string{
		{"due"}, {"search", "zqhostile"}, {"search", "promise"}, {"show", id}, {"meetings", "alice"},
		{"prep", "alice"}, {"followups"}, {"ledger", "alice"}, {"review", "alice", "--since", "2026-11-01"},
		{"people"},
	} {
		r := relRun(t, db, "", args...)
		if r.code != 0 {
			t.Errorf("1on1 %s: exit %d: %s", strings.Join(args, " "), r.code, r.stderr)
		}
		for stream, s := range map[string]string{"stdout": r.stdout, "stderr": r.stderr} {
			if loc := relControlBytes.FindStringIndex(s); loc != nil {
				t.Errorf("1on1 %s: %s holds control byte %q from a note: …%q…", strings.Join(args, " "), stream,
					s[loc[0]:loc[1]], s[max(0, loc[0]-20):min(len(s), loc[1]+20)])
			}
		}
	}
}

// TestWiderPermissionsAreWarnedAbout: a journal others can read gets a
// warning on stderr from the binary; the verb still runs.
func TestWiderPermissionsAreWarnedAbout(t *testing.T) {
	cases := []struct {
		name         string
		file, folder os.FileMode
		sticky       bool
		want         string // "" for no warning
	}{
		{"private file in a private folder", 0o600, 0o700, false, ""},
		{"a file others can read", 0o644, 0o700, false, "can be read by other users (mode 0644)"},
		{"a file others can write", 0o622, 0o700, false, "can be read by other users"},
		{"a folder anyone can change", 0o600, 0o777, false, "can be changed by other users (mode 0777)"},
		{"a folder the group can change", 0o600, 0o770, false, "can be changed by other users (mode 0770)"},
		{"a folder others may only read", 0o600, 0o755, false, ""},
		{"a sticky shared folder like /tmp", 0o600, 0o777, true, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "data")
			db := filepath.Join(dir, "journal.db")
			relMust(t, db, "", "people", "add", "Alice Martin")
			mode := tc.folder
			if tc.sticky {
				mode |= os.ModeSticky
			}
			if err := os.Chmod(db, tc.file); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(dir, mode); err != nil {
				t.Fatal(err)
			}
			for _, verb := range [][]string{{"people"}, {"people", "add", "Bob"}} {
				r := relMust(t, db, "", verb...)
				if tc.want == "" && r.stderr != "" {
					t.Errorf("1on1 %s warned without cause: %q", verb, r.stderr)
				}
				if tc.want != "" && (!strings.Contains(r.stderr, "warning: ") || !strings.Contains(r.stderr, tc.want) || strings.Count(r.stderr, "\n") != 1) {
					t.Errorf("1on1 %s: stderr %q; want one warning saying %q", verb, r.stderr, tc.want)
				}
			}
		})
	}
}

// TestBinaryWritesOnlyPrivateFiles: under umask 000, 022 and 077 the
// binary makes the journal 0600 in a 0700 folder, backups 0600, exports
// 0600 in 0700 folders.
func TestBinaryWritesOnlyPrivateFiles(t *testing.T) {
	relBinary(t)
	for _, mask := range []int{0o000, 0o022, 0o077} {
		t.Run(fmt.Sprintf("umask %03o", mask), func(t *testing.T) {
			root := t.TempDir()
			db := filepath.Join(root, "data", "1on1", "journal.db")
			old := syscall.Umask(mask)
			defer syscall.Umask(old)
			relMust(t, db, "", "people", "add", "Alice Martin")
			relAddNote(t, db, "alice", "2026-11-20", "- [ ] send the deck\n")
			relMust(t, db, "", "backup", filepath.Join(root, "copy.db"))
			relMust(t, db, "", "export", filepath.Join(root, "export"))
			want := map[string]os.FileMode{db: 0o600, filepath.Dir(db): 0o700, filepath.Join(root, "copy.db"): 0o600}
			filepath.Walk(filepath.Join(root, "export"), func(p string, fi os.FileInfo, err error) error {
				if err == nil {
					want[p] = map[bool]os.FileMode{true: 0o700, false: 0o600}[fi.IsDir()]
				}
				return nil
			})
			if len(want) < 5 {
				t.Errorf("the export wrote nothing: %v", want)
			}
			for p, m := range want {
				fi, err := os.Stat(p)
				if err != nil {
					t.Error(err)
					continue
				}
				if fi.Mode().Perm() != m {
					t.Errorf("%s has mode %04o, want %04o", p, fi.Mode().Perm(), m)
				}
			}
		})
	}
}

// TestDamagedJournalGivesOneLineAndNoTrace: the binary on a damaged
// journal prints one line that says what to do, exits non-zero, never
// shows a Go panic or stack trace and leaves the file as it was.
func TestDamagedJournalGivesOneLineAndNoTrace(t *testing.T) {
	db := filepath.Join(t.TempDir(), "journal.db")
	relMust(t, db, "", "people", "add", "Alice Martin")
	id := ""
	for i := range 40 {
		id = relAddNote(t, db, "alice", fmt.Sprintf("2026-%02d-%02d", 1+i%12, 1+i%28), fmt.Sprintf("# zqdamaged %d\n\n- [ ] promise %d by friday\n\n%s\n", i, i, strings.Repeat("filler text ", 200)))
	}
	base, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	ps := os.Getpagesize()
	r := rand.New(rand.NewPCG(7, 7))
	cases := map[string][]byte{
		"truncated to half": base[:len(base)/2],
		"truncated to 100":  base[:100],
		"meta pages zeroed": append(make([]byte, 2*ps), base[2*ps:]...),
		"a text file":       []byte("not a journal\n"),
		"empty":             {},
	}
	for k := range 10 {
		c := bytes.Clone(base)
		for range 4 {
			c[2*ps+r.IntN(len(c)-2*ps)] ^= byte(1 + r.IntN(255))
		}
		cases["data bytes flipped "+strconv.Itoa(k)] = c
	}
	for name, content := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "journal.db")
			if err := os.WriteFile(path, content, 0o600); err != nil {
				t.Fatal(err)
			}
			for _, args := range [][]string{{"check"}, {"due"}, {"search", "zqdamaged"}, {"show", id}, {"people"}, {"prep", "alice"}} {
				res := relRun(t, path, "", args...)
				all := res.stdout + res.stderr
				if strings.Contains(all, "goroutine ") || strings.Contains(all, "panic") || strings.Contains(all, "internal error") {
					t.Errorf("1on1 %s: a crash: %s", strings.Join(args, " "), all)
				}
				if res.code != 0 && errorLines(res.stderr) > 1 && args[0] != "check" {
					t.Errorf("1on1 %s: more than one line of error: %q", strings.Join(args, " "), res.stderr)
				}
				if strings.Contains(res.stderr, "zqdamaged") {
					t.Errorf("1on1 %s: the error holds note text: %q", strings.Join(args, " "), res.stderr)
				}
			}
			after, err := os.ReadFile(path)
			if err != nil || !bytes.Equal(after, content) {
				t.Errorf("the damaged file changed (%v)", err)
			}
		})
	}
}

// TestKilledNoteCommandLosesNothingAndCheckIsClean kills `1on1 note` with
// SIGKILL at random moments, 20 times (200 with ONEONONE_LONG=1): every
// note whose command printed "saved" is found once by search, and
// `1on1 check` says the journal is healthy.
func TestKilledNoteCommandLosesNothingAndCheckIsClean(t *testing.T) {
	bin := relBinary(t)
	trials := 20
	if os.Getenv("ONEONONE_LONG") == "1" {
		trials = 200
	}
	db := filepath.Join(t.TempDir(), "journal.db")
	relMust(t, db, "", "people", "add", "Alice Martin")
	r := rand.New(rand.NewPCG(11, 11))
	var saved []string
	for i := range trials {
		marker := fmt.Sprintf("zqkill%04d", i)
		cmd := exec.Command(bin, "note", "alice", "--date", "2026-11-20", "-")
		cmd.Env = append(os.Environ(), "ONEONONE_DB="+db, "ONEONONE_TODAY=2026-11-22")
		cmd.Stdin = strings.NewReader("# " + marker + "\n\n- [ ] promise by friday\n## Follow-ups\n- topic\n" + strings.Repeat("filler line\n", r.IntN(400)))
		var out bytes.Buffer
		cmd.Stdout = &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.AfterFunc(time.Duration(r.IntN(120_000))*time.Microsecond, func() { cmd.Process.Signal(syscall.SIGKILL) })
		cmd.Wait()
		if strings.Contains(out.String(), "saved meeting") {
			saved = append(saved, marker)
		}
	}
	c := relMust(t, db, "", "check")
	if !strings.Contains(c.stdout, "healthy") {
		t.Errorf("1on1 check after %d kills: %s", trials, c.stdout)
	}
	for _, marker := range saved {
		s := relMust(t, db, "", "search", marker, "--json")
		if n := strings.Count(s.stdout, `"meeting"`); n != 1 {
			t.Errorf("saved note %s found %d times", marker, n)
		}
	}
	t.Logf("%d kills of 1on1 note: %d notes acknowledged, all found once; check: %s", trials, len(saved), strings.TrimSpace(c.stdout))
}

// errorLines counts the lines of stderr other than the "hint:" lines that
// may follow an error.
func errorLines(stderr string) int {
	n := 0
	for _, l := range strings.Split(strings.TrimSpace(stderr), "\n") {
		if !strings.HasPrefix(l, "hint: ") {
			n++
		}
	}
	return n
}
