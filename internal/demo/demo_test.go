package demo_test

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/oneonone/1on1/internal/demo"
	"github.com/oneonone/1on1/journal"
)

var today = journal.NewDate(2026, 11, 20)

func build(t testing.TB, o demo.Options) (*journal.Journal, demo.Stats) {
	t.Helper()
	j, err := journal.Open(filepath.Join(t.TempDir(), "journal.db"), journal.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { j.Close() })
	st, err := demo.Generate(j, o)
	if err != nil {
		t.Fatal(err)
	}
	return j, st
}

func TestSmallDemoShowsEveryOutcomeANewcomerShouldSee(t *testing.T) {
	for _, seed := range []int64{1, 2, 3, 42} {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			j, st := build(t, demo.Options{Seed: seed, Today: today})
			if st.People != 6 || st.Meetings < 60 || st.Meetings > 200 {
				t.Fatalf("small demo: %+v", st)
			}
			flagged, err := j.Flagged(today, journal.ItemFilter{})
			if err != nil {
				t.Fatal(err)
			}
			overdue := 0
			for _, it := range flagged {
				if it.Flags(today).Has(journal.FlagOverdue) {
					overdue++
				}
			}
			open, err := j.OpenCommitments(journal.ItemFilter{})
			if err != nil {
				t.Fatal(err)
			}
			carried := 0
			for _, it := range open {
				if it.Flags(today).Has(journal.FlagCarried) {
					carried++
				}
			}
			people, err := j.People(false)
			if err != nil {
				t.Fatal(err)
			}
			var late, dropped, kept int
			for _, p := range people {
				l, err := j.Ledger(p.Handle, 0, 0, today)
				if err != nil {
					t.Fatal(err)
				}
				late += l.Mine.KeptLate + l.Theirs.KeptLate
				dropped += l.Mine.Dropped + l.Theirs.Dropped
				kept += l.Mine.Kept + l.Theirs.Kept
			}
			due, err := j.DueForOneOnOne(today)
			if err != nil {
				t.Fatal(err)
			}
			if overdue < 1 || carried < 1 || late < 1 || dropped < 1 || len(due) < 1 {
				t.Fatalf("overdue %d, carried %d, kept late %d, dropped %d, due for a 1:1 %d: want at least one of each",
					overdue, carried, late, dropped, len(due))
			}
			if kept < late*3 {
				t.Fatalf("kept %d, kept late %d: most promises should be kept", kept, late)
			}
			if len(open) > st.Commitments/5 {
				t.Fatalf("%d of %d commitments open: old ones should be resolved", len(open), st.Commitments)
			}
			if _, err := j.Person("alice"); err != nil {
				t.Fatalf("the README's examples use alice: %v", err)
			}
		})
	}
}

type stored struct {
	person, time string
	date         journal.Date
	note         string
}

func contents(t *testing.T, j *journal.Journal) ([]journal.Person, []stored) {
	t.Helper()
	people, err := j.People(true)
	if err != nil {
		t.Fatal(err)
	}
	var ms []stored
	err = j.ForEachMeeting(func(m journal.Meeting) error {
		ms = append(ms, stored{m.Person, m.Time, m.Date, m.Note})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return people, ms
}

func TestSameOptionsGiveByteIdenticalNotes(t *testing.T) {
	o := demo.Options{People: 8, Years: 1, Seed: 99, Today: today}
	j1, _ := build(t, o)
	j2, _ := build(t, o)
	p1, m1 := contents(t, j1)
	p2, m2 := contents(t, j2)
	if fmt.Sprint(p1) != fmt.Sprint(p2) || len(m1) != len(m2) {
		t.Fatalf("people or meeting counts differ: %d vs %d meetings", len(m1), len(m2))
	}
	for i := range m1 {
		if m1[i] != m2[i] {
			t.Fatalf("meeting %d differs:\n%+v\n%+v", i, m1[i], m2[i])
		}
	}
	o.Seed = 100
	j3, _ := build(t, o)
	if _, m3 := contents(t, j3); len(m3) > 0 && len(m1) > 0 && m3[0].note == m1[0].note {
		t.Fatal("another seed gave the same first note")
	}
}

func TestNotesUseEveryFormOfTheNoteFormat(t *testing.T) {
	j, st := build(t, demo.Options{People: 12, Years: 1, Seed: 1, Today: today})
	_, ms := contents(t, j)
	var all strings.Builder
	for _, m := range ms {
		all.WriteString(m.note)
	}
	text := all.String()
	forms := []string{
		"- [ ] ", "- [x] ", "- [X] ", "- [-] ", "- [~] ",
		"\n- [ ] me: ", "\n- [ ] I: ", "\n- [ ] @me ", "them: ", "due:", "📅 ", "done:", "✅ ",
		" by friday", " by tomorrow", " by next week", " by end of month",
		"- given: ", "- received: ", "- [ ] follow-up: ",
		"## My commitments", "'s commitments", "## Action items", "### I committed to", " committed to\n",
		"## Follow-ups", "## Next time", "### To discuss", "## Wins", "## Kudos", "### Shout-outs", "## Feedback",
	}
	for _, f := range forms {
		if !strings.Contains(text, f) {
			t.Errorf("no note holds %q", f)
		}
	}
	for _, re := range []string{`- \[ \] @[a-z]+ `, `\n- \[ \] [A-Z][a-z]+: `, ` by (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec) \d+`} {
		if !regexp.MustCompile(re).MatchString(text) {
			t.Errorf("no note matches %s", re)
		}
	}
	avg := st.NoteBytes / int64(st.Meetings)
	if avg < 900 || avg > 2200 {
		t.Errorf("notes are %d bytes on average, want about 1-2 KB", avg)
	}
	rep, err := j.Check()
	if err != nil || !rep.OK {
		t.Fatalf("the demo journal does not pass check: %v\n%s", err, rep)
	}
}

func TestGenerateRefusesWithoutToday(t *testing.T) {
	j, err := journal.Open(filepath.Join(t.TempDir(), "j.db"), journal.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	if _, err := demo.Generate(j, demo.Options{}); err == nil {
		t.Fatal("Generate without Today succeeded")
	}
}

func TestGenerateSetsAKeeper(t *testing.T) {
	j, err := journal.Open(filepath.Join(t.TempDir(), "k.db"), journal.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	if _, err := demo.Generate(j, demo.Options{Today: journal.NewDate(2026, 11, 20), People: 2}); err != nil {
		t.Fatal(err)
	}
	if k, err := j.Keeper(); err != nil || k != demo.Keeper {
		t.Errorf("demo keeper = %+v, %v; want %+v", k, err, demo.Keeper)
	}
}
