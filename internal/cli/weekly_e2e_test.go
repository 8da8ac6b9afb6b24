package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	ics "github.com/arran4/golang-ical"
)

// weeklyRunner: today is Friday 2026-11-20; alice (cadence 7) last met on
// 2026-11-10, bob (cadence 14) on 2026-11-17.
func weeklyRunner(t *testing.T) *runner {
	t.Helper()
	r := newRunner(t)
	r.ok("people", "add", "Alice Martin", "--cadence", "7")
	r.ok("people", "add", "Bob Stone", "--handle", "bob", "--role", "peer")
	if res := r.runIn("## My commitments\n- [ ] send the deck due:2026-11-24\n- [ ] old promise due:2026-11-12\n\n## Alice's commitments\n- [ ] review the RFC due:2026-11-23\n- [ ] undated idea\n", "note", "alice", "--date", "2026-11-10", "-"); res.code != 0 {
		t.Fatal(res.stderr)
	}
	if res := r.runIn("## Bob's commitments\n- [ ] Bob: hiring plan due:2026-11-26\n", "note", "bob", "--date", "2026-11-17", "-"); res.code != 0 {
		t.Fatal(res.stderr)
	}
	return r
}

type queuedEntry struct {
	ID      string `json:"id"`
	Person  string `json:"person"`
	Kind    string `json:"kind"`
	Text    string `json:"text"`
	Added   string `json:"added"`
	AgeDays int    `json:"age_days"`
}

func TestE2ETopicAndTellQueueListAndRemove(t *testing.T) {
	r := weeklyRunner(t)
	contains(t, "topic", r.ok("topic", "alice", "the", "reorg", "timeline"), "Queued topic for the next 1:1 with Alice: the reorg timeline (^q")
	r.ok("topic", "alice", "conference budget", "--today", "2026-11-18")
	contains(t, "tell", r.ok("tell", "alice", "praise for the outage write-up", "--today", "2026-11-01"), "Queued feedback")

	topics := decode[[]queuedEntry](t, r.ok("topic", "alice", "--json"))
	if len(topics) != 2 || topics[0].Text != "the reorg timeline" || topics[0].Kind != "topic" || topics[1].AgeDays != 2 {
		t.Fatalf("topic --json = %+v", topics)
	}
	fb := decode[[]queuedEntry](t, r.ok("tell", "alice", "--json"))
	if len(fb) != 1 || fb[0].Kind != "feedback" || fb[0].AgeDays != 19 || fb[0].Added != "2026-11-01" || fb[0].Person != "alice" {
		t.Fatalf("tell --json = %+v", fb)
	}
	contains(t, "topic list", r.ok("topic", "alice"), "N\tADDED", "1\t2026-11-20\ttoday", "2\t2026-11-18\t2 days")
	contains(t, "tell list", r.ok("tell", "alice"), "19 days", "praise for the outage write-up")
	contains(t, "empty", r.ok("tell", "bob"), "Nothing queued for Bob")
	if out := r.ok("tell", "bob", "--json"); strings.TrimSpace(out) != "[]" {
		t.Errorf("an empty queue in JSON is [], got %q", out)
	}

	contains(t, "remove", r.ok("topic", "alice", "--remove", "1"), "Removed topic for Alice: the reorg timeline")
	r.ok("tell", "alice", "--remove", "^"+fb[0].ID)
	if left := decode[[]queuedEntry](t, r.ok("topic", "alice", "--json")); len(left) != 1 || left[0].Text != "conference budget" {
		t.Fatalf("after remove: %+v", left)
	}
	r.fails(10, `no topic "7" waiting for alice`, "topic", "alice", "--remove", "7")
	r.fails(10, `no person with handle "nobody"`, "topic", "nobody", "hello")
	r.fails(2, "missing HANDLE", "tell")
	r.fails(1, "empty", "topic", "alice", "   ")
	r.fails(2, "not both", "topic", "alice", "x", "--remove", "1")
}

type weekPerson struct {
	Person   string `json:"person"`
	OneOnOne string `json:"one_on_one_due"`
	Mine     []item `json:"mine"`
	Theirs   []item `json:"theirs"`
}

type weekDoc struct {
	Today   string       `json:"today"`
	Overdue []weekPerson `json:"overdue"`
	Days    []struct {
		Date    string       `json:"date"`
		Weekday string       `json:"weekday"`
		People  []weekPerson `json:"people"`
	} `json:"days"`
}

func TestE2EWeekListsOverdueThenEachDay(t *testing.T) {
	r := weeklyRunner(t)
	w := decode[weekDoc](t, r.ok("week", "--json"))
	if w.Today != "2026-11-20" || len(w.Days) != 7 || w.Days[0].Weekday != "Friday" || w.Days[6].Date != "2026-11-26" {
		t.Fatalf("week --json days: %+v", w)
	}
	// Overdue: alice's 1:1 (2026-11-17) and my old promise.
	if len(w.Overdue) != 1 || w.Overdue[0].Person != "alice" || w.Overdue[0].OneOnOne != "2026-11-17" ||
		len(w.Overdue[0].Mine) != 1 || w.Overdue[0].Mine[0].Text != "old promise due:2026-11-12" {
		t.Fatalf("overdue: %+v", w.Overdue)
	}
	mon, tue, thu := w.Days[3], w.Days[4], w.Days[6]
	if len(mon.People) != 1 || len(mon.People[0].Theirs) != 1 || mon.People[0].Theirs[0].Owner != "them" {
		t.Errorf("monday: %+v", mon.People)
	}
	if len(tue.People) != 1 || len(tue.People[0].Mine) != 1 {
		t.Errorf("tuesday: %+v", tue.People)
	}
	if len(thu.People) != 1 || thu.People[0].Person != "bob" || len(thu.People[0].Theirs) != 1 {
		t.Errorf("thursday: %+v", thu.People)
	}
	if w.Days[1].People == nil {
		t.Errorf("an empty day's people is [], not null")
	}
	out := r.ok("week")
	contains(t, "week", out, "The week from Fri 2026-11-20 (today) to Thu 2026-11-26",
		"Overdue\n  Alice Martin (alice)\n    1:1 due since 2026-11-17 (3 days)\n    me → alice: old promise — due 2026-11-12, 8 days overdue",
		"Sat 2026-11-21 (tomorrow)\n  nothing due",
		"Mon 2026-11-23\n  Alice Martin (alice)\n    alice → me: review the RFC",
		"Thu 2026-11-26\n  Bob Stone (bob)\n    bob → me: hiring plan  ^")
	if strings.Contains(out, "undated idea") {
		t.Errorf("an undated promise is in the week:\n%s", out)
	}
}

func TestE2EICSWritesACalendarWithStableUIDs(t *testing.T) {
	r := weeklyRunner(t)
	out := r.ok("ics")
	cal, err := ics.ParseCalendar(strings.NewReader(out))
	if err != nil {
		t.Fatalf("ics output does not parse: %v\n%s", err, out)
	}
	// 4 open dated commitments and 2 people's next 1:1.
	if n := len(cal.Events()); n != 6 {
		t.Fatalf("%d events, want 6:\n%s", n, out)
	}
	if !strings.Contains(out, "\r\n") || strings.Contains(strings.ReplaceAll(out, "\r\n", ""), "\n") {
		t.Error("lines must end in CRLF")
	}
	file := filepath.Join(r.dir, "cal", "1on1.ics")
	os.MkdirAll(filepath.Dir(file), 0o700)
	contains(t, "ics --out", r.ok("ics", "--out", file), "Wrote "+file)
	b, err := os.ReadFile(file)
	if err != nil || string(b) != out {
		t.Fatalf("--out wrote something else than standard output: %v", err)
	}
	mine, err := ics.ParseCalendar(strings.NewReader(r.ok("ics", "--mine")))
	if err != nil {
		t.Fatal(err)
	}
	uids := map[string]bool{}
	for _, e := range cal.Events() {
		uids[e.Id()] = true
	}
	if len(mine.Events()) != 4 {
		t.Errorf("--mine: %d events, want my 2 promises and 2 1:1s", len(mine.Events()))
	}
	for _, e := range mine.Events() {
		if !uids[e.Id()] {
			t.Errorf("--mine gave event %s another UID", e.Id())
		}
		if s := e.GetProperty(ics.ComponentPropertySummary).Value; strings.Contains(s, "→ me") {
			t.Errorf("--mine holds %q", s)
		}
	}
	r.fails(2, "unexpected argument", "ics", "extra")
}

func TestE2ETemplateEditShowResetAndNext(t *testing.T) {
	r := weeklyRunner(t)
	builtin := r.ok("template", "show")
	contains(t, "built-in", builtin, "{{feedback}}", "{{topics}}", "{{pulse}}")

	f := filepath.Join(r.dir, "report.md")
	os.WriteFile(f, []byte("# Sync with {{first_name}} on {{date}}\n\n{{topics}}\n{{mine}}\n"), 0o600)
	contains(t, "edit role", r.ok("template", "edit", "--role", "report", "--file", f), "saved the template of the role report")
	contains(t, "show alice", r.ok("template", "show", "alice"), "# Sync with {{first_name}}")
	if r.ok("template", "show", "bob") != builtin {
		t.Error("bob, a peer, does not see the built-in template")
	}

	// $EDITOR edits alice's own template.
	editor := filepath.Join(r.dir, "editor.sh")
	os.WriteFile(editor, []byte("#!/bin/sh\nprintf '# Alice only {{date}}\\n{{feedback}}\\n{{topics}}\\n' > \"$1\"\n"), 0o700)
	r.env = append(r.env, "EDITOR="+editor)
	contains(t, "edit alice", r.ok("template", "edit", "alice"), "saved the template of alice")

	r.ok("topic", "alice", "the reorg timeline")
	r.ok("tell", "alice", "praise for the outage write-up", "--today", "2026-11-01")
	next := r.ok("template", "next", "alice")
	contains(t, "next", next, "# Alice only 2026-11-20\n", "## Feedback to give\n\n- [ ] praise for the outage write-up _(noted 19 days ago)_ ^q",
		"## To discuss\n\n- [ ] the reorg timeline ^q", "## My commitments\n\n- [ ] old promise due:2026-11-12 ^", "- [ ] send the deck due:2026-11-24 ^")

	note := filepath.Join(r.dir, "next.md")
	os.WriteFile(note, []byte(next), 0o600)
	r.ok("note", "alice", "--file", note)
	if left := decode[[]queuedEntry](t, r.ok("topic", "alice", "--json")); len(left) != 0 {
		t.Errorf("saved in a note, still queued: %+v", left)
	}

	contains(t, "reset", r.ok("template", "reset", "alice"), "removed the template of alice")
	contains(t, "after reset", r.ok("template", "show", "alice"), "# Sync with")
	r.fails(10, `no person with handle "nobody"`, "template", "show", "nobody")
	r.fails(1, "role", "template", "edit", "--role", "boss", "--file", f)
	r.fails(2, "not both", "template", "show", "alice", "--role", "peer")
	os.WriteFile(f, []byte("  \n"), 0o600)
	r.fails(1, "empty", "template", "edit", "--file", f)
}

func TestE2EShareHasNoPrivateTextAndNoBlockIDs(t *testing.T) {
	r := weeklyRunner(t)
	note := "# 1:1\n\nTalked about the launch.\n\n## Private\n\nWorried about SECRET-BURNOUT.\n\n- [ ] me: ask HR about SECRET-LEAVE due:2026-11-30\n\n## My commitments\n\n- [ ] send the notes due:2026-11-24\n\n## Alice's commitments\n\n- [ ] draft the plan by friday\n"
	if res := r.runIn(note, "note", "alice", "-"); res.code != 0 {
		t.Fatal(res.stderr)
	}
	out := r.ok("share", "alice")
	for _, bad := range []string{"SECRET", "Private"} {
		if strings.Contains(out, bad) {
			t.Errorf("share holds %q:\n%s", bad, out)
		}
	}
	for _, line := range strings.Split(out, "\n") {
		if i := strings.LastIndex(line, " ^"); i >= 0 && !strings.Contains(line[i:], " ") {
			t.Errorf("share holds a block id: %q", line)
		}
	}
	contains(t, "share", out, "Talked about the launch.", "Me → Alice:\n\n- send the notes — due 2026-11-24",
		"Alice → me:\n\n- draft the plan by friday — due 2026-11-27")
	meetings := decode[[]struct {
		ID   string `json:"id"`
		Date string `json:"date"`
	}](t, r.ok("meetings", "alice", "--json"))
	older := meetings[len(meetings)-1]
	contains(t, "share --meeting", r.ok("share", "alice", "--meeting", older.ID), "Commitments from our 1:1 of 2026-11-10", "old promise — due 2026-11-12")
	r.fails(10, "no meeting "+older.ID+" with bob", "share", "bob", "--meeting", older.ID)
	r.ok("people", "add", "Carol")
	r.fails(10, "no meeting with carol yet", "share", "carol")
	r.fails(1, "not a meeting id", "share", "alice", "--meeting", "yesterday")
}

func TestE2EPulseInMeetingsAndShowJSONAndPrepShowsFeedbackFirst(t *testing.T) {
	r := weeklyRunner(t)
	for _, n := range []struct{ date, note string }{
		{"2026-11-11", "pulse: 8/10\n"}, {"2026-11-12", "mood: 4/5\n"}, {"2026-11-13", "energy: 3/10\n"},
	} {
		if res := r.runIn(n.note, "note", "alice", "--date", n.date, "-"); res.code != 0 {
			t.Fatal(res.stderr)
		}
	}
	type meeting struct {
		ID    string `json:"id"`
		Date  string `json:"date"`
		Pulse *int   `json:"pulse"`
	}
	ms := decode[[]meeting](t, r.ok("meetings", "alice", "--json"))
	got := map[string]string{}
	for _, m := range ms {
		got[m.Date] = "none"
		if m.Pulse != nil {
			got[m.Date] = strings.Repeat("|", *m.Pulse)
		}
	}
	if got["2026-11-11"] != "||||||||" || got["2026-11-12"] != "||||||||" || got["2026-11-13"] != "|||" || got["2026-11-10"] != "none" {
		t.Fatalf("meetings --json pulses: %v", got)
	}
	shown := decode[meeting](t, r.ok("show", ms[0].ID, "--json"))
	if shown.Pulse == nil || *shown.Pulse != 3 {
		t.Errorf("show --json pulse: %+v", shown)
	}
	r.ok("tell", "alice", "praise for the outage write-up", "--today", "2026-11-01")
	prep := r.ok("prep", "alice")
	contains(t, "prep", prep, "Pulse: ▆▆▃ latest 3/10 · average before 8.0 · **dropped 5.0**",
		"## Feedback to give\n\n- praise for the outage write-up, noted 19 days ago")
	if strings.Index(prep, "Feedback to give") > strings.Index(prep, "open commitments") {
		t.Errorf("feedback to give is not first:\n%s", prep)
	}
}
