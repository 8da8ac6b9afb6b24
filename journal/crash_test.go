//go:build unix

package journal

import (
	"bufio"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// These tests run the journal in a child process — this test binary run
// again with -test.run=TestHelperProcess and ONEONONE_HELPER set — so that
// it can be killed with SIGKILL at any moment, and so that a second process
// really holds the file lock (lock_test.go).

// longRun reports whether the long variants were asked for with
// ONEONONE_LONG=1.
func longRun() bool { return os.Getenv("ONEONONE_LONG") == "1" }

// helperEnv names the child's mode: "write" adds notes in a loop,
// "write-then-die" commits one note and kills itself before acknowledging
// it, "hold-write" and "hold-read" wait inside a transaction until stdin
// closes, "append" races other writers (lock_test.go).
const helperEnv = "ONEONONE_HELPER"

// crashDay is the date of every note the writer adds.
const crashDay = Date(20779) // 2026-11-22

// TestHelperProcess is not a test: it is the child process of the tests
// in this file, and does nothing unless ONEONONE_HELPER is set.
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv(helperEnv)
	if mode == "" {
		t.Skip("the child process of the crash and lock tests")
	}
	path := os.Getenv("ONEONONE_HELPER_DB")
	code := 0
	switch mode {
	case "write", "write-then-die":
		code = helperWrite(path, mode == "write-then-die")
	case "hold-write", "hold-read":
		code = helperHold(path, mode == "hold-write")
	case "append":
		code = helperAppend(path, os.Getenv("ONEONONE_HELPER_NAME"))
	case "upgrade": // opening an older journal upgrades it (compress_test.go)
		if j, err := Open(path, Options{}); err != nil {
			code = 1
		} else {
			j.Close()
		}
	default:
		fmt.Fprintln(os.Stderr, "unknown helper mode", mode)
		code = 2
	}
	os.Exit(code)
}

// helperWrite is the writer. Before each save it prints "BEGIN marker",
// after AddMeeting returns "ACK marker": an acknowledged save is one whose
// ACK line the parent read in full. It first retries the marker named by
// ONEONONE_HELPER_RETRY — the save that was in flight when the previous
// writer died — the way a careful client would: it searches for the
// marker and adds the note again only if the journal does not hold it.
func helperWrite(path string, dieAfterCommit bool) int {
	out := bufio.NewWriter(os.Stdout)
	say := func(format string, a ...any) {
		fmt.Fprintf(out, format+"\n", a...)
		out.Flush()
	}
	j, err := Open(path, Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, "open:", err)
		return 1
	}
	trial, _ := strconv.Atoi(os.Getenv("ONEONONE_HELPER_TRIAL"))
	if retry := os.Getenv("ONEONONE_HELPER_RETRY"); retry != "" {
		hits, err := j.Search(Query{Text: retry})
		if err != nil {
			fmt.Fprintln(os.Stderr, "retry search:", err)
			return 1
		}
		if len(hits) == 0 {
			if _, err := j.AddMeeting(crashMeeting(retry), crashDay); err != nil {
				fmt.Fprintln(os.Stderr, "retry add:", err)
				return 1
			}
			say("RETRIED %s added", retry)
		} else {
			say("RETRIED %s found", retry)
		}
		say("ACK %s", retry)
	}
	for i := 0; ; i++ {
		marker := crashMarker(trial, i)
		say("BEGIN %s", marker)
		if _, err := j.AddMeeting(crashMeeting(marker), crashDay); err != nil {
			fmt.Fprintln(os.Stderr, "add:", err)
			return 1
		}
		if dieAfterCommit {
			// Committed, never acknowledged: the worst moment to die.
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {}
		}
		say("ACK %s", marker)
	}
}

// crashMarker is a word that occurs in exactly one note of the crash tests.
func crashMarker(trial, i int) string { return fmt.Sprintf("zqmark%04dx%05d", trial, i) }

// crashMeeting is the note the writer saves for a marker. Its size varies
// with the marker, so the file grows through page splits and overflow
// pages, and it holds commitments and a follow-up, so every derived bucket
// is written too.
func crashMeeting(marker string) Meeting {
	seed := uint64(0)
	for _, c := range marker {
		seed = seed*31 + uint64(c)
	}
	r := rand.New(rand.NewPCG(seed, 7))
	var b strings.Builder
	fmt.Fprintf(&b, "# 1:1 %s\n\n", marker)
	b.WriteString("- [ ] send the deck by friday\n- [x] review the plan\n- [ ] them: draft the budget due:2026-12-01\n\n## Follow-ups\n- hiring plan\n\n")
	for range r.IntN(40) {
		fmt.Fprintf(&b, "Paragraph %d of filler text about the roadmap and the team.\n", r.IntN(1000))
	}
	if r.IntN(10) == 0 {
		b.WriteString(strings.Repeat("A long note past one page. ", 400))
		b.WriteString("\n")
	}
	return Meeting{Person: "alice", Date: crashDay, Note: b.String()}
}

var stampRE = regexp.MustCompile(` done:\d{4}-\d{2}-\d{2}| \^[A-Za-z0-9-]+`)

// unstamped removes what Stamp adds — done dates and block ids — so a
// stored note can be compared with the text that was saved.
func unstamped(note string) string { return stampRE.ReplaceAllString(note, "") }

// writerRun is what the parent learnt from one writer process.
type writerRun struct {
	acked    []string // markers acknowledged, in order
	inFlight string   // BEGIN without ACK, or ""
	retried  string   // "added" or "found" when the writer retried
	stderr   string
}

// runWriter starts a writer and kills it with SIGKILL after delay (never,
// when delay is negative: the writer is expected to die by itself).
func runWriter(t *testing.T, path string, trial int, retry string, mode string, delay time.Duration) writerRun {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(),
		helperEnv+"="+mode,
		"ONEONONE_HELPER_DB="+path,
		"ONEONONE_HELPER_TRIAL="+strconv.Itoa(trial),
		"ONEONONE_HELPER_RETRY="+retry,
	)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan []string, 1)
	go func() {
		// Only whole lines count: a line cut by the kill was not read.
		var got []string
		r := bufio.NewReader(stdout)
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				break
			}
			got = append(got, strings.TrimSuffix(line, "\n"))
		}
		lines <- got
	}()
	if delay >= 0 {
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGKILL)
	}
	werr := cmd.Wait()
	got := <-lines
	if delay < 0 {
		var ee *exec.ExitError
		if !errors.As(werr, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
			t.Fatalf("writer did not die by SIGKILL: %v\n%s", werr, stderr.String())
		}
	}
	var run writerRun
	for _, line := range got {
		verb, rest, _ := strings.Cut(line, " ")
		switch verb {
		case "BEGIN":
			run.inFlight = rest
		case "ACK":
			run.acked = append(run.acked, rest)
			if rest == run.inFlight || rest == retry {
				run.inFlight = ""
			}
		case "RETRIED":
			_, run.retried, _ = strings.Cut(rest, " ")
		}
	}
	run.stderr = stderr.String()
	return run
}

// verifyJournal opens the journal read-only and checks that every
// acknowledged marker's note is there exactly once and intact, that no
// marker is there twice, and that bbolt finds the file consistent. It
// returns the number of meetings.
func verifyJournal(t *testing.T, path string, acked []string) int {
	t.Helper()
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		if len(acked) > 0 {
			t.Fatalf("journal gone after %d acknowledged saves", len(acked))
		}
		return 0
	}
	j, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	count := map[string]int{}
	n := 0
	err = j.ForEachMeeting(func(m Meeting) error {
		n++
		marker := strings.TrimPrefix(strings.SplitN(m.Note, "\n", 2)[0], "# 1:1 ")
		count[marker]++
		if want := crashMeeting(marker).Note; unstamped(m.Note) != want {
			return fmt.Errorf("meeting %s (%s): note differs from the one saved", m.ID, marker)
		}
		if len(m.Items) != 4 {
			return fmt.Errorf("meeting %s (%s): %d items, want 4", m.ID, marker, len(m.Items))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for marker, c := range count {
		if c > 1 {
			t.Errorf("marker %s stored %d times", marker, c)
		}
	}
	for _, marker := range acked {
		if count[marker] != 1 {
			t.Errorf("acknowledged save %s lost", marker)
			continue
		}
		hits, err := j.Search(Query{Text: marker})
		if err != nil || len(hits) != 1 {
			t.Errorf("search %s: %d hits, %v", marker, len(hits), err)
			continue
		}
		m, err := j.Meeting(hits[0].Meeting)
		if err != nil || unstamped(m.Note) != crashMeeting(marker).Note {
			t.Errorf("meeting %s of %s: %v", hits[0].Meeting, marker, err)
		}
	}
	open, err := j.OpenCommitments(ItemFilter{Person: "alice"})
	if err != nil || len(open) != 2*n {
		t.Errorf("open commitments: %d for %d meetings, %v", len(open), n, err)
	}
	fu, err := j.OpenFollowUps("alice")
	if err != nil || len(fu) != n {
		t.Errorf("open follow-ups: %d for %d meetings, %v", len(fu), n, err)
	}
	if err := j.Close(); err != nil {
		t.Fatal(err)
	}
	checkBolt(t, path)
	checkReportClean(t, path)
	return n
}

// newCrashJournal makes a journal with alice in it, closed.
func newCrashJournal(t *testing.T, path string) {
	t.Helper()
	j, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	mustPerson(t, j, "alice", "Alice Martin")
	if err := j.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestKilledWriterLosesNoAcknowledgedSave kills a writer with SIGKILL at
// random moments, 50 times (1,000 with ONEONONE_LONG=1): every save it
// acknowledged is in the journal, intact, found by search; the save in
// flight is there once or not at all; retrying it never duplicates it; and
// the file stays consistent.
func TestKilledWriterLosesNoAcknowledgedSave(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	trials, perJournal := 50, 25
	if longRun() {
		trials = 1000
	}
	rng := rand.New(rand.NewPCG(20261122, 1))
	var path, last string
	var acked []string
	var stats struct{ saves, inFlight, retryAdded, retryFound, meetings int }
	start := time.Now()
	for trial := range trials {
		retry := ""
		if trial%perJournal == 0 {
			// A fresh journal every perJournal trials keeps each check
			// cheap; the first trials also kill during creation.
			path = filepath.Join(t.TempDir(), "journal.db")
			acked = nil
			if trial%(2*perJournal) == 0 {
				newCrashJournal(t, path)
			}
		} else if last != "" {
			retry = last
		}
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			// Killed before the first journal existed: make it now, as
			// the first run of the CLI would.
			verifyJournal(t, path, acked)
			newCrashJournal(t, path)
		}
		// Most kills land among the saves; some during start-up and open.
		delay := time.Duration(rng.IntN(60_000)) * time.Microsecond
		if rng.IntN(8) == 0 {
			delay = time.Duration(rng.IntN(5_000)) * time.Microsecond
		}
		run := runWriter(t, path, trial, retry, "write", delay)
		if strings.Contains(run.stderr, "open:") || strings.Contains(run.stderr, "add:") {
			t.Fatalf("trial %d: writer failed: %s", trial, run.stderr)
		}
		switch run.retried {
		case "added":
			stats.retryAdded++
		case "found":
			stats.retryFound++
		}
		acked = append(acked, run.acked...)
		stats.saves += len(run.acked)
		last = run.inFlight
		if last != "" {
			stats.inFlight++
		}
		stats.meetings = verifyJournal(t, path, acked)
		if t.Failed() {
			t.Fatalf("trial %d failed (seed 20261122)", trial)
		}
	}
	t.Logf("%d kills in %v: %d acknowledged saves all intact; %d saves in flight at the kill; retries: %d added, %d found already committed; last journal %d meetings",
		trials, time.Since(start).Round(time.Millisecond), stats.saves, stats.inFlight, stats.retryAdded, stats.retryFound, stats.meetings)
}

// TestRetryOfCommittedButUnacknowledgedSaveDoesNotDuplicate makes the worst
// case happen on purpose: the writer commits a note and dies before it can
// acknowledge it. The next writer retries the save (search for its marker,
// add only if absent): the note is then in the journal exactly once.
func TestRetryOfCommittedButUnacknowledgedSaveDoesNotDuplicate(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	for round := range 3 {
		path := filepath.Join(t.TempDir(), "journal.db")
		newCrashJournal(t, path)
		died := runWriter(t, path, 9000+round, "", "write-then-die", -1)
		if len(died.acked) != 0 || died.inFlight == "" {
			t.Fatalf("round %d: want one save in flight and none acknowledged, got %+v", round, died)
		}
		// The unacknowledged save was committed all the same.
		if n := verifyJournal(t, path, nil); n != 1 {
			t.Fatalf("round %d: %d meetings after the commit, want 1", round, n)
		}
		// The retrying writer is killed too, once it has had time to retry;
		// on a loaded machine it may not have started yet: start another.
		var again writerRun
		for try := 0; try < 5 && again.retried == ""; try++ {
			again = runWriter(t, path, 9100+10*round+try, died.inFlight, "write", time.Duration(40+20*round+200*try)*time.Millisecond)
		}
		if again.retried != "found" {
			t.Fatalf("round %d: the retry was %q, want found", round, again.retried)
		}
		// verifyJournal fails on any marker stored twice.
		verifyJournal(t, path, again.acked)
	}
}
