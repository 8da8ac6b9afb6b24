//go:build unix

package journal

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// SPEC 4.5: the app and the CLI at once. A journal holds its file for the
// length of one transaction: others wait for a write in progress, then
// succeed and see it; a write never interleaves with another; a process
// killed inside a transaction holds nothing after it; and Compact swaps
// the file without losing a write that waited for the old one.

// holderName is the person a holding writer adds inside its transaction,
// so that others can tell whether they ran before or after it.
const holderName = "holder"

// helperHold opens the journal and waits inside a transaction — a write
// that has added the person "holder", or a read — until its standard
// input closes, then commits and exits. It prints "READY pid" once inside.
func helperHold(path string, write bool) int {
	j, err := Open(path, Options{ReadOnly: !write})
	if err != nil {
		fmt.Fprintln(os.Stderr, "open:", err)
		return 1
	}
	hold := func(tx *bolt.Tx) error {
		if write {
			p := Person{Handle: holderName, Name: "Holder", Role: RoleReport, Cadence: DefaultCadence}
			if err := tx.Bucket(bucketPeople).Put([]byte(p.Handle), encodePerson(p)); err != nil {
				return err
			}
		}
		fmt.Printf("READY %d\n", os.Getpid())
		io.Copy(io.Discard, os.Stdin)
		return nil
	}
	if write {
		err = j.update(hold)
	} else {
		err = j.view(hold)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "hold:", err)
		return 1
	}
	if err := j.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "close:", err)
		return 1
	}
	return 0
}

// holder is a child process inside a transaction on the journal.
type holder struct {
	pid     int
	release func() // commit and exit
	kill    func() // SIGKILL, inside the transaction
}

// holdJournal starts a child that waits inside a transaction, a write
// when write is set, and returns once it is inside.
func holdJournal(t *testing.T, path string, write bool) holder {
	t.Helper()
	mode := "hold-read"
	if write {
		mode = "hold-write"
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), helperEnv+"="+mode, "ONEONONE_HELPER_DB="+path)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "READY ") {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("holder did not get inside a transaction: %q %v %s", line, err, stderr.String())
	}
	var once sync.Once
	h := holder{pid: cmd.Process.Pid}
	h.release = func() {
		once.Do(func() {
			stdin.Close()
			if err := cmd.Wait(); err != nil {
				t.Errorf("holder: %v %s", err, stderr.String())
			}
		})
	}
	h.kill = func() {
		once.Do(func() {
			cmd.Process.Signal(syscall.SIGKILL)
			cmd.Wait()
		})
	}
	t.Cleanup(h.kill)
	return h
}

// hasPerson reports whether the journal at path holds the handle.
func hasPerson(t *testing.T, path, handle string) bool {
	t.Helper()
	j, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	_, err = j.Person(handle)
	if err != nil && !errors.Is(err, ErrNotFound) {
		t.Fatal(err)
	}
	return err == nil
}

// TestLockWaitsForAWriteInProgressThenSucceedsAndSeesIt: while another
// process is inside a write transaction, a writer and a reader of this
// process — opening the journal, or using one opened before — wait; once
// the write commits they succeed, and both see it.
func TestLockWaitsForAWriteInProgressThenSucceedsAndSeesIt(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	path := filepath.Join(t.TempDir(), "journal.db")
	newCrashJournal(t, path)
	early, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer early.Close()

	h := holdJournal(t, path, true)
	type result struct {
		name   string
		err    error
		sawIt  bool
		finish time.Time
	}
	results := make(chan result, 4)
	run := func(name string, fn func() (bool, error)) {
		go func() {
			saw, err := fn()
			results <- result{name, err, saw, time.Now()}
		}()
	}
	sees := func(j *Journal) (bool, error) {
		_, err := j.Person(holderName)
		if errors.Is(err, ErrNotFound) {
			return false, nil
		}
		return err == nil, err
	}
	run("new writer", func() (bool, error) {
		j, err := Open(path, Options{})
		if err != nil {
			return false, err
		}
		defer j.Close()
		if _, err := j.AddPerson(Person{Handle: "bob", Name: "Bob Stone"}); err != nil {
			return false, err
		}
		return sees(j)
	})
	run("new reader", func() (bool, error) {
		j, err := Open(path, Options{ReadOnly: true})
		if err != nil {
			return false, err
		}
		defer j.Close()
		return sees(j)
	})
	run("journal opened before, writing", func() (bool, error) {
		if _, err := early.AddPerson(Person{Handle: "carol", Name: "Carol Diaz"}); err != nil {
			return false, err
		}
		return sees(early)
	})
	run("journal opened before, reading", func() (bool, error) { return sees(early) })

	time.Sleep(300 * time.Millisecond)
	select {
	case r := <-results:
		t.Fatalf("%s finished (%v) while another process was inside a write", r.name, r.err)
	default:
	}
	released := time.Now()
	h.release()
	for range 4 {
		r := <-results
		switch {
		case r.err != nil:
			t.Errorf("%s: %v, want it to wait and succeed", r.name, r.err)
		case !r.sawIt:
			t.Errorf("%s does not see the write it waited for", r.name)
		case r.finish.Before(released):
			t.Errorf("%s finished before the write it waited for", r.name)
		}
	}
	for _, h := range []string{holderName, "bob", "carol"} {
		if !hasPerson(t, path, h) {
			t.Errorf("%s missing after the waits", h)
		}
	}
	checkReportClean(t, path)
}

// TestLockOfAWriteBlocksAnotherWriterNeverInterleaves: a writer that
// waits longer than its Timeout gets ErrLocked naming the process inside
// the write; its own write then never happened, and the holder's write
// is whole once committed.
func TestLockOfAWriteBlocksAnotherWriterNeverInterleaves(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	path := filepath.Join(t.TempDir(), "journal.db")
	newCrashJournal(t, path)
	j, err := Open(path, Options{Timeout: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	h := holdJournal(t, path, true)
	start := time.Now()
	_, err = j.AddPerson(Person{Handle: "bob", Name: "Bob Stone"})
	took := time.Since(start)
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("a write while another process writes: %v, want ErrLocked", err)
	}
	if took < 300*time.Millisecond {
		t.Errorf("gave up after %v, before its 300ms timeout", took)
	}
	want := fmt.Sprintf("journal %s is in use by another process", path)
	if runtime.GOOS == "linux" {
		want += fmt.Sprintf(" (pid %d)", h.pid)
	}
	if !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "--db") {
		t.Errorf("error %q: want it to say %q, in the library's words (no CLI flags)", err, want)
	}
	h.release()
	if hasPerson(t, path, "bob") {
		t.Error("the refused write was stored")
	}
	if !hasPerson(t, path, holderName) {
		t.Error("the holder's write is missing")
	}
	if _, err := j.AddPerson(Person{Handle: "bob", Name: "Bob Stone"}); err != nil {
		t.Fatalf("write after the holder left: %v", err)
	}
}

// TestLockWaitLongerThanASecondIsAnnouncedWithTheHolder: Options.Waiting is
// called once, after WaitNotice, with the pid of the process inside the
// write, and the transaction then succeeds.
func TestLockWaitLongerThanASecondIsAnnouncedWithTheHolder(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	path := filepath.Join(t.TempDir(), "journal.db")
	newCrashJournal(t, path)
	told := make(chan int, 4)
	start := time.Now()
	var toldAfter time.Duration
	j, err := Open(path, Options{Waiting: func(pid int) {
		toldAfter = time.Since(start)
		told <- pid
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	h := holdJournal(t, path, true)
	start = time.Now()
	done := make(chan error, 1)
	go func() {
		_, err := j.AddPerson(Person{Handle: "bob", Name: "Bob Stone"})
		done <- err
	}()
	select {
	case pid := <-told:
		if runtime.GOOS == "linux" && pid != h.pid {
			t.Errorf("Waiting(%d), want the holder's pid %d", pid, h.pid)
		}
		if toldAfter < WaitNotice {
			t.Errorf("told after %v, want after %v", toldAfter, WaitNotice)
		}
	case err := <-done:
		t.Fatalf("the write finished (%v) while another process was inside a write", err)
	case <-time.After(10 * time.Second):
		t.Fatal("no Waiting call after 10s")
	}
	h.release()
	if err := <-done; err != nil {
		t.Fatalf("write after the wait: %v", err)
	}
	if len(told) > 0 {
		t.Errorf("Waiting called %d more times for one transaction", len(told))
	}
}

// TestLockIsSharedByReadersAndKeepsWritersOut: while another process is inside a
// read transaction, readers go ahead at once and a writer waits.
func TestLockIsSharedByReadersAndKeepsWritersOut(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	path := filepath.Join(t.TempDir(), "journal.db")
	newCrashJournal(t, path)
	h := holdJournal(t, path, false)
	r, err := Open(path, Options{ReadOnly: true, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatalf("a reader beside a reader: %v", err)
	}
	if _, err := r.People(true); err != nil {
		t.Fatalf("a read beside a read: %v", err)
	}
	r.Close()
	w, err := Open(path, Options{Timeout: 300 * time.Millisecond})
	if !errors.Is(err, ErrLocked) {
		if err == nil {
			w.Close()
		}
		t.Fatalf("a writer beside a read: %v, want ErrLocked after its timeout", err)
	}
	h.release()
	if w, err = Open(path, Options{}); err != nil {
		t.Fatalf("writer after the reader left: %v", err)
	}
	w.Close()
}

// TestAProcessKilledInsideAWriteHoldsNothing: a writer killed with SIGKILL
// in the middle of its transaction releases the file (the kernel drops
// its lock), its write is not there, and the next writer goes ahead at
// once. A reader holding the file afterwards is named when a writer gives
// up, never the dead process.
func TestAProcessKilledInsideAWriteHoldsNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	path := filepath.Join(t.TempDir(), "journal.db")
	newCrashJournal(t, path)
	dead := holdJournal(t, path, true)
	dead.kill()
	j, err := Open(path, Options{Timeout: 2 * time.Second})
	if err != nil {
		t.Fatalf("open after the holder was killed: %v", err)
	}
	defer j.Close()
	if _, err := j.AddPerson(Person{Handle: "bob", Name: "Bob Stone"}); err != nil {
		t.Fatalf("write after the holder was killed: %v", err)
	}
	if hasPerson(t, path, holderName) {
		t.Error("the killed writer's uncommitted write is in the journal")
	}
	checkReportClean(t, path)

	reader := holdJournal(t, path, false)
	w, err := Open(path, Options{Timeout: 300 * time.Millisecond})
	if err == nil {
		w.Close()
		t.Fatal("a writer opened beside a reader's transaction")
	}
	if strings.Contains(err.Error(), fmt.Sprintf("(pid %d)", dead.pid)) {
		t.Errorf("ErrLocked names pid %d, killed earlier, as the holder: %v", dead.pid, err)
	}
	if runtime.GOOS == "linux" && !strings.Contains(err.Error(), fmt.Sprintf("(pid %d)", reader.pid)) {
		t.Errorf("ErrLocked does not name the reader, pid %d: %v", reader.pid, err)
	}
	reader.release()
}

// appendRounds is how many notes each racing writer adds and how many
// lines it appends to the shared note.
const appendRounds = 30

// helperAppend races other writers on one journal: each round it adds a
// note of its own and appends a line to the first note of alice, read
// fresh and saved with its revision (ErrNoteChanged: read again, retry).
// It prints "DONE retries".
func helperAppend(path, name string) int {
	j, err := Open(path, Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, "open:", err)
		return 1
	}
	defer j.Close()
	// Start together: the parent writes a line when every writer is ready.
	fmt.Println("READY")
	bufio.NewReader(os.Stdin).ReadString('\n')
	retries, err := appendRace(j, name)
	if err != nil {
		fmt.Fprintln(os.Stderr, "append:", err)
		return 1
	}
	fmt.Printf("DONE %d\n", retries)
	return 0
}

// appendRace is one racing writer's work; it returns how often its save
// of the shared note met a newer revision.
func appendRace(j *Journal, name string) (int, error) {
	retries := 0
	for i := range appendRounds {
		if _, err := j.AddMeeting(Meeting{Person: "alice", Date: crashDay, Note: fmt.Sprintf("# own %s %d\n", name, i)}, crashDay); err != nil {
			return retries, err
		}
		for {
			ms, err := j.Meetings("alice")
			if err != nil {
				return retries, err
			}
			shared := ms[0]
			for _, m := range ms {
				if m.ID < shared.ID {
					shared = m
				}
			}
			shared.Note += fmt.Sprintf("- line %s %d\n", name, i)
			// Time between the read and the save, as an editor has: another
			// writer's save may land in it.
			time.Sleep(time.Millisecond)
			_, err = j.SaveMeeting(shared, crashDay)
			if errors.Is(err, ErrNoteChanged) {
				retries++
				continue
			}
			if err != nil {
				return retries, err
			}
			break
		}
	}
	return retries, nil
}

// verifyRace checks that every racing writer's notes and lines are in the
// journal exactly once.
func verifyRace(t *testing.T, path string, names []string) {
	t.Helper()
	j, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	ms, err := j.Meetings("alice")
	if err != nil {
		t.Fatal(err)
	}
	if want := 1 + len(names)*appendRounds; len(ms) != want {
		t.Errorf("%d meetings, want %d", len(ms), want)
	}
	shared := ms[0]
	for _, m := range ms {
		if m.ID < shared.ID {
			shared = m
		}
	}
	for _, name := range names {
		for i := range appendRounds {
			line := fmt.Sprintf("- line %s %d\n", name, i)
			if n := strings.Count(shared.Note, line); n != 1 {
				t.Errorf("line %q is in the shared note %d times, want once (a lost update)", strings.TrimSpace(line), n)
			}
		}
	}
	if want := uint64(1 + len(names)*appendRounds); shared.Rev != want {
		t.Errorf("shared note at revision %d, want %d", shared.Rev, want)
	}
	j.Close()
	checkReportClean(t, path)
}

// newRaceJournal makes a journal with alice and her first note, which the
// racing writers all append to.
func newRaceJournal(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "journal.db")
	newCrashJournal(t, path)
	j, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := j.AddMeeting(Meeting{Person: "alice", Date: crashDay - 1, Note: "# shared\n"}, crashDay); err != nil {
		t.Fatal(err)
	}
	j.Close()
	return path
}

// TestLockTwoProcessesWritingAtOnceLoseNoUpdate: two processes add
// notes and append to one shared note at the same time; every note and
// every line is there once, and the file is sound.
func TestLockTwoProcessesWritingAtOnceLoseNoUpdate(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	path := newRaceJournal(t)
	names := []string{"p1", "p2"}
	type done struct {
		out string
		err error
	}
	results := make(chan done, len(names))
	var gos []io.WriteCloser
	for _, name := range names {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
		cmd.Env = append(os.Environ(), helperEnv+"=append", "ONEONONE_HELPER_DB="+path, "ONEONONE_HELPER_NAME="+name)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		stdin, err := cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		out := bufio.NewReader(stdout)
		if line, err := out.ReadString('\n'); err != nil || line != "READY\n" {
			cmd.Process.Kill()
			t.Fatalf("writer %s: %q %v %s", name, line, err, stderr.String())
		}
		gos = append(gos, stdin)
		go func() {
			rest, _ := io.ReadAll(out)
			err := cmd.Wait()
			if err != nil {
				rest = append(rest, stderr.String()...)
			}
			results <- done{string(rest), err}
		}()
	}
	for _, w := range gos {
		io.WriteString(w, "go\n")
	}
	retries := 0
	for range names {
		r := <-results
		if r.err != nil {
			t.Fatalf("writer: %v\n%s", r.err, r.out)
		}
		n, _ := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(r.out), "DONE")))
		retries += n
	}
	t.Logf("%d saves of the shared note met a newer revision and were retried", retries)
	verifyRace(t, path, names)
}

// TestLockTwoJournalsOnOneFileLoseNoUpdate is the same race between two
// Journals of one process: each holds its own file handle, so they shut
// each other out as two processes do.
func TestLockTwoJournalsOnOneFileLoseNoUpdate(t *testing.T) {
	path := newRaceJournal(t)
	names := []string{"j1", "j2"}
	var wg sync.WaitGroup
	errs := make(chan error, len(names))
	for _, name := range names {
		j, err := Open(path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer j.Close()
		wg.Go(func() {
			_, err := appendRace(j, name)
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	verifyRace(t, path, names)
}

// TestLockCompactBesideAnotherWriterLosesNothing: one Journal compacts (a new
// file takes the journal's name) while another keeps adding notes; the
// writer that waited for the old file finds the new one, and every note
// it was told was saved is in the journal.
func TestLockCompactBesideAnotherWriterLosesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.db")
	newCrashJournal(t, path)
	a, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	var saved []MeetingID
	var compacts, writes atomic.Int32
	done := make(chan error, 1)
	go func() {
		// Write until several compactions came and went in between.
		for i := 0; i < 40 || compacts.Load() < 20; i++ {
			id, err := b.AddMeeting(Meeting{Person: "alice", Date: crashDay, Note: fmt.Sprintf("# beside compact %d\n", i)}, crashDay)
			if err != nil {
				done <- err
				return
			}
			saved = append(saved, id.ID)
			writes.Add(1)
			// Two writes at most between compactions, and the other way
			// round below: a file lock is not fair, and back to back
			// either side kept the other out past its 30 s timeout on a
			// loaded machine.
			if c := compacts.Load(); i%2 == 1 && c < 20 {
				for compacts.Load() == c {
					time.Sleep(time.Millisecond)
				}
			}
		}
		done <- nil
	}()
	for running := true; running; {
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
			running = false
		default:
			before := writes.Load()
			if err := a.Compact(); err != nil {
				t.Fatal(err)
			}
			compacts.Add(1)
			for writes.Load() == before && len(done) == 0 {
				time.Sleep(time.Millisecond)
			}
		}
	}
	for _, id := range saved {
		if _, err := a.Meeting(id); err != nil {
			t.Errorf("meeting %s, saved beside %d compactions: %v", id, compacts.Load(), err)
		}
	}
	t.Logf("%d notes saved beside %d compactions", len(saved), compacts.Load())
	checkReportClean(t, path)
}

// TestChangedSinceSeesOthersCommitsNotItsOwn: a Journal's own writes and
// compactions do not count as changes; another's writes do, also when an
// own write came after them.
func TestChangedSinceSeesOthersCommitsNotItsOwn(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.db")
	newCrashJournal(t, path)
	app, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	cli, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer cli.Close()
	v, err := app.Version()
	if err != nil {
		t.Fatal(err)
	}
	step := func(name string, do func() error, want bool) {
		t.Helper()
		if err := do(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		now, changed, err := app.ChangedSince(v)
		if err != nil {
			t.Fatalf("%s: ChangedSince: %v", name, err)
		}
		if changed != want {
			t.Errorf("after %s: changed %v, want %v", name, changed, want)
		}
		if now == v && name != "nothing" {
			t.Errorf("after %s: the version did not move", name)
		}
		v = now
	}
	add := func(j *Journal, h string) func() error {
		return func() error { _, err := j.AddPerson(Person{Handle: h}); return err }
	}
	step("nothing", func() error { return nil }, false)
	step("the app's own write", add(app, "bob"), false)
	step("another journal's write", add(cli, "carol"), true)
	step("the app's compaction", app.Compact, false)
	step("another journal's compaction", cli.Compact, true)
	old := v
	step("another's write then the app's", func() error {
		if err := add(cli, "dan")(); err != nil {
			return err
		}
		return add(app, "eve")()
	}, true)
	if _, changed, _ := cli.ChangedSince(old); !changed {
		t.Error("the other journal does not see the app's write")
	}
}

// A reader keeps the file it opened for its first read (one open per verb,
// not two) and lets it go with that read or with Close: a writer is held
// off only until then.
func TestAReaderLetsTheFileGoAfterItsFirstReadOrClose(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.db")
	newCrashJournal(t, path)
	writer := func() error {
		w, err := Open(path, Options{Timeout: 300 * time.Millisecond})
		if err == nil {
			_, err = w.AddPerson(Person{Handle: fmt.Sprintf("p%d", time.Now().UnixNano()%1e6), Name: "P"})
			w.Close()
		}
		return err
	}
	r, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := writer(); !errors.Is(err, ErrLocked) {
		t.Fatalf("a writer while a reader that has not read yet holds the file: %v, want ErrLocked", err)
	}
	if _, err := r.People(true); err != nil {
		t.Fatal(err)
	}
	if err := writer(); err != nil {
		t.Fatalf("a writer after the reader's first read: %v", err)
	}
	if _, err := r.People(true); err != nil {
		t.Fatalf("a second read opens the file again: %v", err)
	}
	r.Close()

	idle, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	idle.Close()
	if err := writer(); err != nil {
		t.Fatalf("a writer after a reader closed without reading: %v", err)
	}
}
