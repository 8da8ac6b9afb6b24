package tui

// Benchmarks for the TUI budgets of issue 7 on a demo journal cached by
// bench/corpus (small by default; the decade with -bench.decade or
// ONEONONE_BENCH=decade):
//
//	go test ./tui -run xxx -bench . -bench.decade -benchmem
//
// The Bubble Tea program is driven by hand: messages go to Update, and the
// commands Update returns are run, each in a goroutine as the program's
// event loop runs them, and their messages fed back until none is left
// but the app's timers. That makes
// "the first frame" the screen with the people list loaded and the
// preview rendered, not an empty one.

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/oneonone/1on1/bench/corpus"
	"github.com/oneonone/1on1/journal"
)

// benchWidth and benchHeight are a common terminal size.
const benchWidth, benchHeight = 160, 48

// drive runs cmd and every command its messages lead to, feeding each
// message to the model. Batches and sequences are unpacked. Timers are left
// out (see driveUntil).
func drive(m tea.Model, cmd tea.Cmd) tea.Model {
	m, _ = driveUntil(m, cmd)
	return m
}

// timerWait is how long driveUntil waits for a message before it takes
// what is left for the app's timers (the live poll, the clock that moves
// "today", the vault's look), which never end a frame.
const timerWait = 200 * time.Millisecond

// driveUntil is drive that also returns when the last message was applied.
// Commands run at once, each in its own goroutine, as Bubble Tea runs
// them; the frame ends with the last message that came before timerWait
// passed without one, so the wait for the timers is never part of it.
func driveUntil(m tea.Model, cmd tea.Cmd) (tea.Model, time.Time) {
	// Buffered so that a timer firing after the frame never blocks.
	results := make(chan tea.Msg, 256)
	pending := 0
	launch := func(c tea.Cmd) {
		if c == nil {
			return
		}
		pending++
		go func() { results <- c() }()
	}
	launch(cmd)
	last := time.Now()
	for pending > 0 {
		select {
		case msg := <-results:
			pending--
			if cmds, ok := cmdList(msg); ok {
				for _, c := range cmds {
					launch(c)
				}
				continue
			}
			switch msg.(type) {
			case nil, tea.QuitMsg:
				continue
			}
			var next tea.Cmd
			m, next = m.Update(msg)
			last = time.Now()
			launch(next)
		case <-time.After(timerWait):
			return m, last
		}
	}
	return m, last
}

// cmdList unpacks tea.BatchMsg and bubbletea's unexported sequenceMsg,
// both slices of commands.
func cmdList(msg tea.Msg) ([]tea.Cmd, bool) {
	if b, ok := msg.(tea.BatchMsg); ok {
		return b, true
	}
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.Slice || v.Type().Elem() != reflect.TypeOf(tea.Cmd(nil)) {
		return nil, false
	}
	out := make([]tea.Cmd, v.Len())
	for i := range out {
		out[i] = v.Index(i).Interface().(tea.Cmd)
	}
	return out, true
}

// start builds the app on j as Run does, sizes it, runs Init and every
// command that follows, and returns the model and its first frame.
func start(j *journal.Journal, dataDir string) (tea.Model, string) {
	m, frame, _ := startTimed(j, dataDir)
	return m, frame
}

// startTimed is start that also says how long the first frame took, not
// counting the wait that tells the app's timers from its work.
func startTimed(j *journal.Journal, dataDir string) (tea.Model, string, time.Duration) {
	t0 := time.Now()
	var m tea.Model = newModel(j, clockAt(corpus.Today), newDraftKeeper(dataDir), "dark")
	m = drive(m, func() tea.Msg { return tea.WindowSizeMsg{Width: benchWidth, Height: benchHeight} })
	m, last := driveUntil(m, m.Init())
	t1 := time.Now()
	frame := m.View()
	return m, frame, last.Sub(t0) + time.Since(t1)
}

// BenchmarkFirstFrame is the time from opening the journal to the first
// full screen: people with their flags, and the first person's summary
// rendered in the preview. Budget: 50 ms.
func BenchmarkFirstFrame(b *testing.B) {
	// The app opens the journal for writing, which would lock other
	// benchmark binaries out of the cached file: it gets a copy.
	path := corpus.Copy(b)
	dataDir := b.TempDir()
	b.ReportAllocs()
	var frame string
	var took time.Duration
	n := 0
	for b.Loop() {
		t0 := time.Now()
		j, err := journal.Open(path, journal.Options{})
		if err != nil {
			b.Fatal(err)
		}
		opened := time.Since(t0)
		var d time.Duration
		_, frame, d = startTimed(j, dataDir)
		took += opened + d
		n++
		j.Close()
	}
	if !strings.Contains(frame, "People") {
		b.Fatalf("the first frame shows no people list:\n%s", frame)
	}
	// The loop's own clock also ran through the wait for the timers.
	b.ReportMetric(float64(took.Nanoseconds())/float64(n), "ns/op")
}

// BenchmarkKeystroke is one key in a list: Update and View, the work
// between a key press and its frame. The commands the key returns (loading
// and rendering the newly selected note's preview) run in the background
// in the app, so they are run here outside the timer; the "with preview"
// variants time them too: the key until the preview shows the new note.
// Budget: 2 ms for Update + View.
func BenchmarkKeystroke(b *testing.B) {
	j := corpus.Open(b)
	dataDir := filepath.Join(b.TempDir(), "data")
	key := func(s string) tea.Msg {
		switch s {
		case "down":
			return tea.KeyMsg{Type: tea.KeyDown}
		case "up":
			return tea.KeyMsg{Type: tea.KeyUp}
		case "enter":
			return tea.KeyMsg{Type: tea.KeyEnter}
		}
		return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
	}
	lists := []struct {
		name  string
		keys  []string // from the first frame to the list
		check string   // on the list's screen
	}{
		{"people", nil, "People"},
		{"meetings", []string{"enter"}, "Meetings"},
		{"commitments", []string{"c"}, "Commitments"},
		{"followups", []string{"f"}, "Follow-ups"},
	}
	for _, l := range lists {
		setup := func(b *testing.B) tea.Model {
			m, _ := start(j, dataDir)
			for _, k := range l.keys {
				m = drive(m, func() tea.Msg { return key(k) })
			}
			return m
		}
		// Down a page and back, so that every key moves the selection.
		step := func(i int) tea.Msg {
			if i%60 < 30 {
				return key("down")
			}
			return key("up")
		}
		b.Run(l.name, func(b *testing.B) {
			m := setup(b)
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				next, cmd := m.Update(step(i))
				_ = next.View()
				b.StopTimer()
				m = drive(next, cmd)
				i++
				b.StartTimer()
			}
		})
		b.Run(l.name+"/with-preview", func(b *testing.B) {
			m := setup(b)
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				m = drive(m, func() tea.Msg { return step(i) })
				_ = m.View()
				i++
			}
		})
	}
}
