package tui

import (
	"bytes"
	"encoding/base64"
	"os"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/oneonone/1on1/journal"
)

func typeText(tm interface{ Send(tea.Msg) }, s string) {
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)})
}

func TestWeekViewListsOverdueThenEachDay(t *testing.T) {
	j, dir := fixture(t)
	tm := newTestModel(t, j, dir, 100, 30)
	waitFor(t, tm, "Alice Martin")
	tm.Send(press("w"))
	waitFor(t, tm, "Week ahead", "Overdue", "1:1 due since 2026-11-16", "Tue 24 Nov Bo 王小明", "Wed 25 Nov", "Fri 27 Nov")
	requireGolden(t, finalView(t, tm))
}

func TestQueueKeyQueuesATopicOrFeedbackForTheSelectedPerson(t *testing.T) {
	j, dir := fixture(t)
	tm := newTestModel(t, j, dir, 100, 30)
	waitFor(t, tm, "Alice Martin")
	tm.Send(press("t"))
	waitFor(t, tm, "Queue a topic", "for: alice")
	typeText(tm, "the reorg timeline")
	tm.Send(press("enter"))
	waitFor(t, tm, "queued topic for the next 1:1 with alice: the reorg timeline")
	tm.Send(press("t"))
	waitFor(t, tm, "Queue a topic")
	tm.Send(press("tab"))
	waitFor(t, tm, "Queue feedback to give")
	typeText(tm, "thanks for the demo")
	tm.Send(press("enter"))
	waitFor(t, tm, "queued feedback for the next 1:1 with alice")
	finalView(t, tm)
	topics, _ := j.QueuedFor("alice", journal.QueueTopic)
	fb, _ := j.QueuedFor("alice", journal.QueueFeedback)
	if len(topics) != 1 || topics[0].Text != "the reorg timeline" || len(fb) != 1 || fb[0].Text != "thanks for the demo" {
		t.Fatalf("queued: %+v %+v", topics, fb)
	}
}

func TestQueueModalRefusesAnUnknownPersonAndEmptyText(t *testing.T) {
	j, dir := fixture(t)
	tm := newTestModel(t, j, dir, 100, 30)
	waitFor(t, tm, "Alice Martin")
	tm.Send(press("w")) // the week view selects no one at first? alice is overdue: first row
	waitFor(t, tm, "Week ahead")
	tm.Send(press("t"))
	waitFor(t, tm, "Queue a topic")
	tm.Send(press("enter"))
	waitFor(t, tm, "write what to raise")
	tm.Send(press("up"))
	for range 10 {
		tm.Send(tea.KeyMsg{Type: tea.KeyBackspace})
	}
	typeText(tm, "nobody")
	tm.Send(press("down"))
	typeText(tm, "x")
	tm.Send(press("enter"))
	waitFor(t, tm, "no person with that handle")
	tm.Send(press("esc"))
	time.Sleep(50 * time.Millisecond)
	finalView(t, tm)
	if q, _ := j.QueuedFor("alice", 0); len(q) != 0 {
		t.Errorf("queued: %+v", q)
	}
}

func TestShareWritesTheRecapAndCopiesItAsOSC52(t *testing.T) {
	j, _ := fixture(t)
	if _, err := j.AddMeeting(journal.Meeting{Person: "bo", Date: today, Note: "Shared part.\n\n## Private\n\nSECRET \x1b[31m\n\n- [ ] me: call back ^abcd\n"}, today); err != nil {
		t.Fatal(err)
	}
	var clip bytes.Buffer
	path, copied, err := writeShare(j, "bo", 0, today, &clip, false)
	if err != nil || !copied {
		t.Fatalf("share: %v %v", copied, err)
	}
	file, _ := os.ReadFile(path)
	if !strings.Contains(string(file), "Shared part.") || strings.Contains(string(file), "SECRET") || strings.Contains(string(file), "^abcd") {
		t.Fatalf("recap file:\n%s", file)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("recap file mode %v, want 0600", fi.Mode().Perm())
	}
	seq := clip.String()
	if !strings.HasPrefix(seq, "\x1b]52;c;") || !strings.HasSuffix(seq, "\x07") || strings.Count(seq, "\x1b") != 1 {
		t.Fatalf("OSC 52: %q", seq)
	}
	b, err := base64.StdEncoding.DecodeString(strings.TrimSuffix(strings.TrimPrefix(seq, "\x1b]52;c;"), "\x07"))
	if err != nil || string(b) != string(file) {
		t.Errorf("the clipboard holds something else than the file: %v", err)
	}
	clip.Reset()
	if _, copied, _ := writeShare(j, "bo", 0, today, nil, false); copied {
		t.Error("copied without a terminal")
	}
}

func TestClickingTheHeaderCountsOpensTheWeek(t *testing.T) {
	j, dir := fixture(t)
	tm := newTestModel(t, j, dir, 100, 30)
	waitFor(t, tm, "Alice Martin", "due for a 1:1")
	tm.Send(tea.MouseMsg{X: 60, Y: 0, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
	waitFor(t, tm, "Week ahead", "Fri 27 Nov")
	finalView(t, tm)
}
