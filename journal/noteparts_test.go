package journal

import (
	"strings"
	"testing"
)

func TestPulse(t *testing.T) {
	tests := []struct {
		note string
		want int // -1: none
	}{
		{"pulse: 7/10\n", 7},
		{"Mood: 4/5\n", 8},
		{"energy: 3/5\n", 6},
		{"**Mood:** 4/5\n", 8},
		{"Energy level? 6/10\n", 6},
		{"Scale 1-10: 7\n", 7},
		{"- Mood: 3/5\n", 6},
		{"**Check-in:** Energy level? 7/10\n", 7},
		{"# 1:1\n\nSome prose.\n\npulse: 9/10\n\nmood: 2/10\n", 9},
		{"> pulse: 5/10\n", 5},
		{"pulse: 11/10\n", -1},
		{"mood: 6/5\n", -1},
		{"pulse: 7/10 but falling\n", -1},
		{"We talked about the pulse: 7/10 was last week's.\n", -1},
		{"```\npulse: 7/10\n```\n", -1},
		{"    pulse: 7/10\n", -1},
		{"Scale 1-10: 12\n", -1},
		{"no pulse here\n", -1},
	}
	for _, tc := range tests {
		got, ok := PulseOf([]byte(tc.note))
		if !ok {
			got = -1
		}
		if got != tc.want {
			t.Errorf("PulseOf(%q) = %d, want %d", tc.note, got, tc.want)
		}
	}
}

func TestPrivateSpans(t *testing.T) {
	note := "# 1:1 with Alice\n\n## Notes\n- [ ] send the deck\n\n## Private\n- [ ] talk to HR\nworried\n\n### Detail\nmore\n\n## Wins\n- shipped\n\n**Private:**\n\n- a label opens one too\n"
	spans := PrivateSpans([]byte(note))
	var got []string
	for _, s := range spans {
		got = append(got, note[s.Start:s.End])
	}
	want := []string{"## Private\n- [ ] talk to HR\nworried\n\n### Detail\nmore\n\n", "**Private:**\n\n- a label opens one too\n"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("PrivateSpans = %q, want %q", got, want)
	}
	shared := string(WithoutPrivate([]byte(note)))
	if strings.Contains(shared, "HR") || strings.Contains(shared, "label opens") || !strings.Contains(shared, "## Wins\n- shipped") || !strings.Contains(shared, "send the deck") {
		t.Errorf("WithoutPrivate = %q", shared)
	}
	for _, it := range Extract([]byte(note), alice) {
		want := strings.Contains(it.Text, "HR") || strings.Contains(it.Text, "label")
		if priv := InPrivate([]byte(note), spans, it.Line); priv != want {
			t.Errorf("%q: private %v", it.Text, priv)
		}
	}
	if s := PrivateSpans([]byte("## Privately held views\n- x\n")); len(s) != 0 {
		t.Errorf("words are matched whole: %v", s)
	}
	if s := PrivateSpans([]byte("# Notes\n- nothing private here\n")); len(s) != 0 {
		t.Errorf("a bullet saying private opens nothing: %v", s)
	}
}

// TestMeetingPulseAndKeeper: a meeting read back carries its pulse, and
// setting the keeper reads every note again in the same write.
func TestMeetingPulseAndKeeper(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "alice", "Alice Smith")
	m := mustMeeting(t, j, "alice", "2026-11-20", "## Alice's commitments\n\nEnergy level? 6/10\n\n- [ ] Robin to book the room due:2026-11-21\n")
	if !m.HasPulse || m.Pulse != 6 {
		t.Errorf("saved meeting: pulse %d %v, want 6", m.Pulse, m.HasPulse)
	}
	got, err := j.Meeting(m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.HasPulse || got.Pulse != 6 {
		t.Errorf("read meeting: pulse %d %v, want 6", got.Pulse, got.HasPulse)
	}
	owner := func() Owner {
		items, err := j.OpenCommitments(ItemFilter{Person: "alice"})
		if err != nil || len(items) != 1 {
			t.Fatalf("open commitments: %v %v", items, err)
		}
		return items[0].Owner
	}
	if owner() != Them {
		t.Fatalf("before the keeper is known, the heading decides")
	}
	if err := j.SetKeeper(Keeper{Name: "Robin Hale"}); err != nil {
		t.Fatal(err)
	}
	if owner() != Me {
		t.Errorf("after SetKeeper, 'Robin to' is mine")
	}
	if k, err := j.Keeper(); err != nil || k.Name != "Robin Hale" {
		t.Errorf("Keeper() = %+v, %v", k, err)
	}
	if rep, err := j.Check(); err != nil || len(rep.Problems) > 0 {
		t.Errorf("check after SetKeeper: %+v %v", rep, err)
	}
	for _, bad := range []Keeper{{Name: "bad \xff utf8"}, {Handle: "Not A Handle"}, {Name: strings.Repeat("x", 201)}} {
		if err := j.SetKeeper(bad); err == nil {
			t.Errorf("SetKeeper(%q) accepted", bad)
		}
	}
}
