package tui

// Benchmarks for the TUI budgets of issue 7 on a demo journal cached by
// bench/corpus (small by default; the decade with -bench.decade or
// ONEONONE_BENCH=decade):
//
//	go test ./tui -run xxx -bench . -bench.decade -benchmem
//
// The Bubble Tea program is driven by hand: messages go to Update, and the
// commands Update returns are run synchronously and their messages fed
// back, as the program's event loop would, until none is left. That makes
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
// out (see runQuick).
func drive(m tea.Model, cmd tea.Cmd) tea.Model {
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg, ok := runQuick(c)
		if !ok {
			continue // a timer (the live poll, the clock): not part of a frame
		}
		if cmds, ok := cmdList(msg); ok {
			queue = append(queue, cmds...)
			continue
		}
		switch msg.(type) {
		case nil, tea.QuitMsg:
			continue
		}
		var next tea.Cmd
		m, next = m.Update(msg)
		queue = append(queue, next)
	}
	return m
}

// runQuick runs c and returns its message, or false when c is still
// waiting after a moment: the app's timers (the live poll, the clock that
// moves "today") never end a frame, and following them would never end.
func runQuick(c tea.Cmd) (tea.Msg, bool) {
	done := make(chan tea.Msg, 1)
	go func() { done <- c() }()
	select {
	case msg := <-done:
		return msg, true
	case <-time.After(200 * time.Millisecond):
		return nil, false
	}
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
	var m tea.Model = newModel(j, clockAt(corpus.Today), newDraftKeeper(dataDir), "dark")
	m = drive(m, func() tea.Msg { return tea.WindowSizeMsg{Width: benchWidth, Height: benchHeight} })
	m = drive(m, m.Init())
	return m, m.View()
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
	for b.Loop() {
		j, err := journal.Open(path, journal.Options{})
		if err != nil {
			b.Fatal(err)
		}
		_, frame = start(j, dataDir)
		b.StopTimer()
		j.Close()
		b.StartTimer()
	}
	if !strings.Contains(frame, "People") {
		b.Fatalf("the first frame shows no people list:\n%s", frame)
	}
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
