package cli_test

import (
	"strings"
	"testing"

	"github.com/oneonone/1on1/journal"
)

// sideJSON pins the field names of a ledger side (SPEC 6).
type sideJSON struct {
	Kept         *int     `json:"kept"`
	KeptLate     *int     `json:"kept_late"`
	DaysLate     *int     `json:"days_late"`
	Slipped      *int     `json:"slipped"`
	Overdue      *int     `json:"overdue"`
	Dropped      *int     `json:"dropped"`
	Open         *int     `json:"open"`
	Renegotiated *int     `json:"renegotiated"`
	KeepRate     *float64 `json:"keep_rate"`
}

func (s sideJSON) complete() bool {
	return s.Kept != nil && s.KeptLate != nil && s.DaysLate != nil && s.Slipped != nil && s.Overdue != nil &&
		s.Dropped != nil && s.Open != nil && s.Renegotiated != nil
}

type periodOut struct {
	From   string   `json:"from"`
	To     string   `json:"to"`
	Mine   sideJSON `json:"mine"`
	Theirs sideJSON `json:"theirs"`
}

type ledgerOut struct {
	Person   string     `json:"person"`
	Team     bool       `json:"team"`
	From     string     `json:"from"`
	To       string     `json:"to"`
	Mine     sideJSON   `json:"mine"`
	Theirs   sideJSON   `json:"theirs"`
	Previous *periodOut `json:"previous"`
	Change   *struct {
		Mine   *float64 `json:"mine"`
		Theirs *float64 `json:"theirs"`
	} `json:"change"`
	Periods []periodOut `json:"periods"`
}

// TestLedgerOnTheDemoJournal runs the graded ledger's verbs on the demo
// journal, which holds renegotiated, slipped and stale promises.
func TestLedgerOnTheDemoJournal(t *testing.T) {
	r := newRunner(t)
	r.ok("demo")

	t.Run("ledger: every side graded, a team line that adds up", func(t *testing.T) {
		ls := decode[[]ledgerOut](t, r.ok("ledger", "--json"))
		if len(ls) != 7 || !ls[6].Team || ls[6].Person != "" {
			t.Fatalf("want 6 people and the team line last, got %d entries", len(ls))
		}
		var kept, slipped, reneg int
		for _, l := range ls[:6] {
			if !l.Mine.complete() || !l.Theirs.complete() {
				t.Fatalf("%s: a side misses a SPEC 6 field: %+v", l.Person, l)
			}
			kept += *l.Mine.Kept
			slipped += *l.Mine.Slipped
			reneg += *l.Mine.Renegotiated + *l.Theirs.Renegotiated
		}
		team := ls[6]
		if *team.Mine.Kept != kept || *team.Mine.Slipped != slipped {
			t.Errorf("team line mine kept %d slipped %d, people add up to %d and %d", *team.Mine.Kept, *team.Mine.Slipped, kept, slipped)
		}
		if slipped == 0 || reneg == 0 {
			t.Errorf("the demo shows no slipped (%d) or renegotiated (%d) promise", slipped, reneg)
		}
		s := team.Mine
		want := float64(*s.Kept) / float64(*s.Kept+*s.KeptLate+*s.Slipped+*s.Overdue)
		if s.KeepRate == nil || *s.KeepRate != want {
			t.Errorf("team keep rate %v, want kept ÷ (kept + kept late + slipped + overdue) = %v", s.KeepRate, want)
		}
		contains(t, "ledger", r.ok("ledger"), "SLIPPED", "RENEGOTIATED", "KEEP RATE", "team")
	})

	t.Run("ledger --compare puts the previous period beside", func(t *testing.T) {
		ls := decode[[]ledgerOut](t, r.ok("ledger", "alice", "--compare", "--since", "2026-09-01", "--until", "2026-11-20", "--json"))
		if len(ls) != 1 || ls[0].Previous == nil || ls[0].Change == nil {
			t.Fatalf("ledger alice --compare: %+v", ls)
		}
		l := ls[0]
		if l.From != "2026-09-01" || l.To != "2026-11-20" || l.Previous.From != "2026-06-12" || l.Previous.To != "2026-08-31" {
			t.Errorf("periods %s–%s and %s–%s, want 2026-09-01–2026-11-20 and the 81 days before", l.From, l.To, l.Previous.From, l.Previous.To)
		}
		if l.Mine.KeepRate != nil && l.Previous.Mine.KeepRate != nil {
			want := (*l.Mine.KeepRate - *l.Previous.Mine.KeepRate) * 100
			if l.Change.Mine == nil || *l.Change.Mine != want {
				t.Errorf("change %v points, want %v", l.Change.Mine, want)
			}
		}
		out := r.ok("ledger", "--compare")
		contains(t, "ledger --compare", out, "BEFORE", "CHANGE", "beside the previous period 2026-05-25 to 2026-08-22")
		if !strings.Contains(out, "▲") && !strings.Contains(out, "▼") {
			t.Errorf("no arrow in:\n%s", out)
		}
	})

	t.Run("ledger --by quarter", func(t *testing.T) {
		ls := decode[[]ledgerOut](t, r.ok("ledger", "alice", "--by", "quarter", "--json"))
		if len(ls) != 1 || len(ls[0].Periods) != 4 {
			t.Fatalf("want four quarters, got %+v", ls)
		}
		if p := ls[0].Periods[0]; p.From != "2026-01-01" || p.To != "2026-03-31" {
			t.Errorf("first quarter %s–%s", p.From, p.To)
		}
		if p := ls[0].Periods[3]; p.From != "2026-10-01" || p.To != "2026-11-20" {
			t.Errorf("last quarter %s–%s: want it cut at today", p.From, p.To)
		}
		all := decode[[]ledgerOut](t, r.ok("ledger", "alice", "--since", "2026-01-01", "--json"))[0]
		sum := 0
		for _, p := range ls[0].Periods {
			sum += *p.Mine.Kept
		}
		if sum != *all.Mine.Kept {
			t.Errorf("quarters hold %d kept, the range %d", sum, *all.Mine.Kept)
		}
		contains(t, "ledger --by quarter", r.ok("ledger", "--by", "quarter"), "2026 Q4", "team")
		r.fails(2, "use month or quarter", "ledger", "--by", "week")
	})

	t.Run("ledger --items --outcome slipped lists the promises with their history", func(t *testing.T) {
		items := decode[[]struct {
			ID           string   `json:"id"`
			Person       string   `json:"person"`
			Outcome      string   `json:"outcome"`
			Flags        []string `json:"flags"`
			Due          string   `json:"due"`
			EffectiveDue string   `json:"effective_due"`
			History      []struct {
				Due string `json:"due"`
				Set string `json:"set"`
			} `json:"history"`
		}](t, r.ok("ledger", "alice", "--items", "--outcome", "slipped", "--json"))
		if len(items) == 0 {
			t.Fatal("no slipped promise of alice's in the demo")
		}
		for _, it := range items {
			if it.Outcome != "slipped" || it.Person != "alice" || len(it.History) < 2 || it.EffectiveDue != it.History[0].Due ||
				it.Due != it.History[len(it.History)-1].Due || !strings.Contains(strings.Join(it.Flags, ","), "slipped") {
				t.Errorf("item %+v", it)
			}
		}
		out := r.ok("ledger", "alice", "--items", "--outcome", "late,slipped")
		contains(t, "ledger --items", out, "OUTCOME", "HISTORY", "slipped", "kept late", "→")
		r.fails(2, "unknown outcome", "ledger", "alice", "--items", "--outcome", "lost")
		r.fails(2, "--outcome goes with --items", "ledger", "--outcome", "slipped")
	})

	t.Run("flags in JSON are snake_case and include stale", func(t *testing.T) {
		out := r.ok("meetings", "alice", "--json")
		if !strings.Contains(out, `"stale"`) {
			t.Error("no stale item in alice's meetings")
		}
		if strings.Contains(out, `"due soon"`) || strings.Contains(out, `"kept late"`) {
			t.Error("a flag name with a space in JSON")
		}
	})
}

// TestMeetingsJSONAgreesWithTheJournal: the CLI's meetings --json and
// what the journal gives the app (Meetings, then Current, as the app
// loads a person) say the same of every item on the demo journal.
func TestMeetingsJSONAgreesWithTheJournal(t *testing.T) {
	r := newRunner(t)
	r.ok("demo")
	today, _ := journal.ParseDate(today)
	for _, handle := range []string{"alice", "jonas", "ximena"} {
		cli := decode[[]struct {
			ID    string `json:"id"`
			Items []struct {
				ID      string   `json:"id"`
				State   string   `json:"state"`
				Due     string   `json:"due"`
				Done    string   `json:"done"`
				Flags   []string `json:"flags"`
				Carried int      `json:"carried"`
				Line    int      `json:"line"`
			} `json:"items"`
		}](t, r.ok("meetings", handle, "--json"))
		j, err := journal.Open(r.db, journal.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		ms, err := j.Meetings(handle)
		if err == nil {
			for i := range ms {
				if ms[i].Items, err = j.Current(ms[i].Items); err != nil {
					break
				}
			}
		}
		j.Close()
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) != len(cli) {
			t.Fatalf("%s: %d meetings in the journal, %d from the CLI", handle, len(ms), len(cli))
		}
		agree := 0
		for i, m := range ms {
			if len(m.Items) != len(cli[i].Items) {
				t.Fatalf("%s %s: %d items, the CLI says %d", handle, m.ID, len(m.Items), len(cli[i].Items))
			}
			for k, it := range m.Items {
				c := cli[i].Items[k]
				var flags []string
				for _, f := range it.Flags(today).Names() {
					flags = append(flags, strings.ReplaceAll(f, " ", "_"))
				}
				due, done := "", ""
				if !it.Due.IsZero() {
					due = it.Due.String()
				}
				if !it.Done.IsZero() {
					done = it.Done.String()
				}
				if c.ID != it.ID || c.State != it.State.String() || c.Due != due || c.Done != done || c.Line != it.Line ||
					c.Carried != it.Carried || strings.Join(c.Flags, ",") != strings.Join(flags, ",") {
					t.Errorf("%s %s line %d: the CLI says %+v, the app %v %s %s %v", handle, m.ID, it.Line, c, it.State, due, done, flags)
				}
				agree++
			}
		}
		if agree < 20 {
			t.Errorf("%s: only %d items compared", handle, agree)
		}
	}
}

// TestAnIDInTwoPeoplesNotesIsTwoItems: the same block id in two people's
// notes is two promises; a verb given the bare id asks whose.
func TestAnIDInTwoPeoplesNotesIsTwoItems(t *testing.T) {
	r := newRunner(t)
	r.ok("people", "add", "Ana", "Lima")
	r.ok("people", "add", "Ravi", "Rao")
	if res := r.runIn("- [ ] me: send the deck due:2026-11-12 ^task-1\n", "note", "ana", "--date", "2026-11-02", "-"); res.code != 0 {
		t.Fatalf("note ana: %s", res.stderr)
	}
	if res := r.runIn("- [ ] me: book the room due:2026-11-13 ^task-1\n", "note", "ravi", "--date", "2026-11-03", "-"); res.code != 0 {
		t.Fatalf("note ravi: %s", res.stderr)
	}
	due := decode[[]struct {
		ID     string   `json:"id"`
		Person string   `json:"person"`
		Flags  []string `json:"flags"`
	}](t, r.ok("due", "--json"))
	if len(due) != 2 || due[0].ID != "task-1" || due[1].ID != "task-1" || due[0].Person == due[1].Person {
		t.Fatalf("due lists %+v, want both people's ^task-1", due)
	}
	res := r.fails(1, "ana, ravi", "done", "^task-1")
	contains(t, "done ^task-1", res.stderr, "ana/^task-1")
	contains(t, "done ana/^task-1", r.ok("done", "ana/^task-1"), "done: ^task-1", "ana")
	left := decode[[]struct {
		Person string `json:"person"`
	}](t, r.ok("due", "--json"))
	if len(left) != 1 || left[0].Person != "ravi" {
		t.Errorf("after ticking Ana's, due lists %+v, want Ravi's alone", left)
	}
	r.fails(10, "no item ^task-1 in the notes of bob", "done", "bob/task-1")
	contains(t, "check", r.ok("check"), "healthy")
}
