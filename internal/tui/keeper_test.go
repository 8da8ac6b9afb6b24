package tui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/oneonone/1on1/internal/demo"
	"github.com/oneonone/1on1/journal"
)

// noKeeper is the fixture with its keeper cleared and a promise marked
// with the keeper's name, which is not mine until the journal knows it.
func noKeeper(t *testing.T) (*journal.Journal, string) {
	t.Helper()
	j, dir := fixture(t)
	if err := j.SetKeeper(journal.Keeper{}); err != nil {
		t.Fatal(err)
	}
	note := "## Alice's commitments\n\n- [ ] @Robin Hale book the offsite room\n"
	if _, err := j.AddMeeting(journal.Meeting{Person: "alice", Date: journal.NewDate(2026, time.November, 16), Note: note}, today); err != nil {
		t.Fatal(err)
	}
	return j, dir
}

func TestTheAppOffersToSetTheKeeperAndForgetsTheOfferOnceSet(t *testing.T) {
	j, dir := noKeeper(t)
	tm := newTestModel(t, j, dir, 120, 30)
	waitFor(t, tm, "Alice Martin", "Who keeps this journal?", "Their open commitments: 3")

	// The key is in the full help while no keeper is set.
	tm.Send(press("?"))
	waitFor(t, tm, "close help")
	tm.Send(press("esc"))

	tm.Send(press("K"))
	waitFor(t, tm, "your name:")
	tm.Send(press("enter")) // an empty name is refused in the form
	waitFor(t, tm, "a name is needed")
	tm.Send(press("  Robin   Hale "))
	tm.Send(press("enter"))
	// Owners changed: the promise marked @Robin Hale is mine now.
	waitFor(t, tm, "you keep this journal", "Robin Hale", "My open commitments: 2", "Their open commitments: 2")
	tm.Send(press("?")) // clears the status line; the full help lists every global key
	waitFor(t, tm, "close help")
	v := finalView(t, tm)
	if strings.Contains(v, "Who keeps") || strings.Contains(v, "set your name") {
		t.Errorf("the offer stays once the keeper is set:\n%s", v)
	}
	if !strings.Contains(v, "back up now") {
		t.Fatalf("the full help is not on the screen:\n%s", v)
	}

	j.Close()
	j2, err := journal.Open(filepath.Join(dir, "journal.db"), journal.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer j2.Close()
	if k, err := j2.Keeper(); err != nil || k.Name != "Robin Hale" {
		t.Errorf("keeper after reopening: %+v, %v", k, err)
	}
}

func TestTheKeeperKeyIsInTheHelpUntilSet(t *testing.T) {
	j, dir := noKeeper(t)
	tm := newTestModel(t, j, dir, 120, 30)
	waitFor(t, tm, "Alice Martin", "Who keeps this journal?")
	tm.Send(press("?"))
	waitFor(t, tm, "close help")
	v := finalView(t, tm)
	// Once in the status line's offer, once in the help's column.
	if n := strings.Count(v, "set your name"); n != 2 {
		t.Errorf("\"set your name\" shows %d times with the full help open, want the offer and the help:\n%s", n, v)
	}
}

func TestTheKeeperFormCancelsAndKeepsTheOffer(t *testing.T) {
	j, dir := noKeeper(t)
	tm := newTestModel(t, j, dir, 60, 20) // one pane at a time
	waitFor(t, tm, "Who keeps")
	tm.Send(press("K"))
	waitFor(t, tm, "your name:")
	tm.Send(press("Jo"))
	tm.Send(press("esc"))
	tm.Send(press("down")) // the app is back to its list
	v := finalView(t, tm)
	if !strings.Contains(v, "Who keeps") || strings.Contains(v, "your name:") {
		t.Errorf("after esc the form should be gone and the offer back:\n%s", v)
	}
	if k, err := j.Keeper(); err != nil || !k.IsZero() {
		t.Errorf("a cancelled form set the keeper: %+v, %v", k, err)
	}
}

// The offer follows the journal, not a session: a journal with a keeper
// (the demo's, or one set from the CLI) shows no line; one without does.
func TestTheKeeperLineShowsOnlyWithoutAKeeper(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(j *journal.Journal) error
		want  bool
	}{
		{"demo", func(j *journal.Journal) error {
			_, err := demo.Generate(j, demo.Options{People: 3, Seed: 1, Today: today})
			return err
		}, false},
		{"handle only", func(j *journal.Journal) error { return j.SetKeeper(journal.Keeper{Handle: "robin"}) }, true},
		{"none", func(j *journal.Journal) error { return nil }, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			j, err := journal.Open(filepath.Join(t.TempDir(), "j.db"), journal.Options{NoSync: true})
			if err != nil {
				t.Fatal(err)
			}
			defer j.Close()
			if err := tc.setup(j); err != nil {
				t.Fatal(err)
			}
			m := newModel(j, clockAt(today), newDraftKeeper(t.TempDir()), "notty")
			m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
			m.Update(loadKeeperCmd(j)())
			if got := strings.Contains(m.View(), "Who keeps this journal?"); got != tc.want {
				t.Errorf("the offer shows: %v, want %v\n%s", got, tc.want, m.View())
			}
		})
	}
}
