package journal

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// counter returns a newID that hands out prefix1, prefix2, …
func counter(prefix string) func() string {
	n := 0
	return func() string { n++; return fmt.Sprintf("%s%d", prefix, n) }
}

func TestStamp(t *testing.T) {
	stampDay := isoDay("2026-11-21")
	tests := []struct {
		name    string
		note    string
		newID   func() string // counter("id") when nil
		want    string        // the note itself when empty: nothing to stamp
		changed bool
	}{
		{name: "appends a block id to every commitment and follow-up without one",
			note:    "- [ ] a\n- [-] b\n## Follow-ups\n- c\n- [ ] d\n",
			want:    "- [ ] a ^id1\n- [-] b ^id2\n## Follow-ups\n- c ^id3\n- [ ] d ^id4\n",
			changed: true},
		{name: "keeps the block ids items have",
			note:    "- [ ] a ^old\n- [ ] b\n",
			want:    "- [ ] a ^old\n- [ ] b ^id1\n",
			changed: true},
		{name: "gives wins, feedback and plain bullets no id",
			note: "- plain\n## Wins\n- w\n## Feedback\n- given: f\n"},
		{name: "stamps done:<today> on a ticked item without a done date, before its block id",
			note:    "- [x] a ^k1\n- [X] b\n## Next time\n- [x] c\n",
			want:    "- [x] a done:2026-11-21 ^k1\n- [X] b done:2026-11-21 ^id1\n## Next time\n- [x] c done:2026-11-21 ^id2\n",
			changed: true},
		{name: "keeps a done date in either form",
			note: "- [x] a done:2026-11-01 ^k1\n- [x] b ✅ 2026-11-02 ^k2\n"},
		{name: "stamps no done date on open or dropped items",
			note: "- [ ] a ^k1\n- [-] b ^k2\n- [~] c ^k3\n"},
		{name: "puts the id on the last line of a multi-line item",
			note:    "- [ ] first\n  second\n  - [ ] child\n",
			want:    "- [ ] first\n  second ^id1\n  - [ ] child ^id2\n",
			changed: true},
		{name: "keeps CRLF line endings and trailing blanks",
			note:    "# Notes\r\n\r\n- [x] a  \t\r\n- [ ] b\r\n",
			want:    "# Notes\r\n\r\n- [x] a done:2026-11-21 ^id1  \t\r\n- [ ] b ^id2\r\n",
			changed: true},
		{name: "stamps a note without a final newline",
			note:    "- [ ] a",
			want:    "- [ ] a ^id1",
			changed: true},
		{name: "stamps items in block quotes and ordered lists",
			note:    "> 1. [ ] a\n>    more\n",
			want:    "> 1. [ ] a\n>    more ^id1\n",
			changed: true},
		{name: "leaves tasks in code blocks alone",
			note: "```\n- [ ] code\n```\n"},
		{name: "does not reuse an id the note already holds",
			note:    "- [ ] a ^id1\n- [ ] b\n",
			want:    "- [ ] a ^id1\n- [ ] b ^id2\n",
			changed: true},
		{name: "skips ids that are no block ids",
			note:  "- [ ] a\n",
			newID: func() string { return "not an id" }},
		{name: "leaves a stamped note byte for byte",
			note: "- [x] a done:2026-11-21 ^id1\r\n- [ ] b ^id2\r\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			newID := tc.newID
			if newID == nil {
				newID = counter("id")
			}
			want := tc.want
			if want == "" {
				want = tc.note
			}
			got, changed := Stamp([]byte(tc.note), alice, stampDay, newID)
			if string(got) != want || changed != tc.changed {
				t.Errorf("Stamp(%q)\n = %q, %v\nwant %q, %v", tc.note, got, changed, want, tc.changed)
			}
		})
	}
}

func TestStampWithoutDoneDateOrIDs(t *testing.T) {
	note := []byte("- [x] a\n- [ ] b\n")
	if got, changed := Stamp(note, alice, 0, nil); changed || !bytes.Equal(got, note) {
		t.Errorf("Stamp with a zero date and no newID = %q, %v; want the note unchanged", got, changed)
	}
	got, _ := Stamp(note, alice, 0, counter("n"))
	if want := "- [x] a ^n1\n- [ ] b ^n2\n"; string(got) != want {
		t.Errorf("Stamp with a zero date = %q, want %q (ids only)", got, want)
	}
}

// stampDay and the "zq" ids never occur in generated notes, so a test can
// tell stamped bytes from the note's own.
var (
	propertyStampDay = isoDay("2031-01-02")
	propertyDone     = " done:2031-01-02"
)

// checkStamp asserts what Stamp promises for any note: stamping twice
// changes nothing the second time, the lines of the note keep their bytes
// except for the insertions on the lines of commitments and follow-ups, and
// the note keeps its items.
func checkStamp(t *testing.T, note []byte) {
	t.Helper()
	out, changed := Stamp(note, alice, propertyStampDay, counter("zq"))
	again, changedAgain := Stamp(out, alice, propertyStampDay.AddDays(1), counter("zr"))
	if changedAgain || !bytes.Equal(again, out) {
		t.Fatalf("stamping a stamped note changed it:\nnote:   %q\nonce:   %q\ntwice:  %q", note, out, again)
	}
	if changed == bytes.Equal(out, note) {
		t.Fatalf("Stamp reported changed=%v for %q -> %q", changed, note, out)
	}
	// The items the journal stores on save are the stamped note's items.
	_, items, _ := stampItems(note, alice, propertyStampDay, counter("zq"))
	if want := Extract(out, alice); !reflect.DeepEqual(items, want) && (len(items) > 0 || len(want) > 0) {
		t.Fatalf("stampItems gave other items than Extract of the stamped note:\nnote: %q\ngot:  %+v\nwant: %+v", note, items, want)
	}

	// Only the lines of commitments and follow-ups may change, and only by
	// the insertions.
	itemLines := make(map[int]bool)
	for _, it := range scan(note, alice) {
		if it.Kind == Commitment || it.Kind == FollowUp || it.Kind == FeedbackToGive {
			for _, pc := range it.pieces {
				itemLines[bytes.Count(note[:pc.src], []byte("\n"))] = true
			}
		}
	}
	before, after := bytes.Split(note, []byte("\n")), bytes.Split(out, []byte("\n"))
	if len(before) != len(after) {
		t.Fatalf("Stamp changed the number of lines: %q -> %q", note, out)
	}
	for i := range before {
		if bytes.Equal(before[i], after[i]) {
			continue
		}
		if !itemLines[i] {
			t.Fatalf("Stamp changed line %d, which holds no commitment or follow-up: %q -> %q", i+1, before[i], after[i])
		}
		if restored := removeStamps(string(after[i])); restored != string(before[i]) {
			t.Fatalf("Stamp changed more than it added on line %d: %q -> %q", i+1, before[i], after[i])
		}
	}

	// The note keeps its items, every commitment and follow-up now has an
	// id, and every ticked one a done date.
	// (Items whose last line is a bare list marker cannot take a stamp.)
	located, was, is := scan(note, alice), Extract(note, alice), Extract(out, alice)
	if len(was) != len(is) {
		t.Fatalf("Stamp changed the number of items from %d to %d:\n%q\n%q", len(was), len(is), note, out)
	}
	for i := range was {
		w, g := was[i], is[i]
		if w.Kind != g.Kind || w.Owner != g.Owner || w.State != g.State || w.Line != g.Line || w.Due != g.Due ||
			g.Text != w.Text && g.Text != w.Text+propertyDone {
			t.Fatalf("Stamp changed item %d:\nwas %+v\nis  %+v\nnote %q\nout  %q", i, w, g, note, out)
		}
		if !located[i].stampable(note) {
			continue
		}
		if (g.Kind == Commitment || g.Kind == FollowUp || g.Kind == FeedbackToGive) && g.ID == "" {
			t.Fatalf("item %d has no id after Stamp: %+v in %q", i, g, out)
		}
		if g.State == StateDone && g.Kind != Win && g.Kind != Feedback && g.Done.IsZero() {
			t.Fatalf("ticked item %d has no done date after Stamp: %+v in %q", i, g, out)
		}
		if w.ID != "" && w.ID != g.ID {
			t.Fatalf("Stamp changed the id of item %d from %q to %q", i, w.ID, g.ID)
		}
	}
}

// removeStamps removes what Stamp adds in checkStamp from a line.
func removeStamps(line string) string {
	line = strings.ReplaceAll(line, propertyDone, "")
	for {
		i := strings.Index(line, " ^zq")
		if i < 0 {
			return line
		}
		j := i + len(" ^zq")
		for j < len(line) && line[j] >= '0' && line[j] <= '9' {
			j++
		}
		line = line[:i] + line[j:]
	}
}

// randomNote writes a note from a small grammar of the things people put in
// 1:1 notes: headings with and without section and owner words, task items
// in every state, plain bullets, nested and loose lists, continuation
// lines, dates in every form, block ids, code, quotes, tabs and CRLF.
func randomNote(r *rand.Rand) []byte {
	var b strings.Builder
	nl := "\n"
	if r.IntN(3) == 0 {
		nl = "\r\n"
	}
	pick := func(xs ...string) string { return xs[r.IntN(len(xs))] }
	words := func() string {
		n := 1 + r.IntN(5)
		ws := make([]string, n)
		for i := range ws {
			if r.IntN(5) > 0 {
				ws[i] = pick("send", "the", "deck", "review", "by", "friday", "dec 3", "end of month", "next week", "發送", "🎉")
				continue
			}
			ws[i] = pick("alice:", "me:", "@alice", "follow-up:", "due:2026-12-01", "📅 2026-12-02", "done:2026-11-19",
				"✅ 2026-11-18", "^ab1", "x^2", "`code`", "**bold**", "[link](u)", "\t", "  ", "|", "<b>", "\\", "---", "===", "#")
		}
		return strings.Join(ws, " ")
	}
	for range 1 + r.IntN(25) {
		switch r.IntN(9) {
		case 0:
			b.WriteString(strings.Repeat("#", 1+r.IntN(6)) + " " +
				pick("Follow-ups", "Wins", "Feedback", "My commitments", "Alice's", "Notes", "Next time", "Kudos", "Their items", "Parking lot") + nl)
		case 1:
			b.WriteString(words() + nl)
		case 2:
			b.WriteString(nl)
		case 3:
			b.WriteString("```" + nl + "- [ ] " + words() + nl + "```" + nl)
		default:
			indent := strings.Repeat(pick("  ", "\t", "    "), r.IntN(3))
			quote := ""
			if r.IntN(8) == 0 {
				quote = "> "
			}
			marker := pick("- ", "* ", "+ ", "1. ", "2) ", "-\t")
			box := pick("[ ] ", "[x] ", "[X] ", "[-] ", "[~] ", "", "", "[ ]", "[x]\t", "[ ]x ")
			b.WriteString(quote + indent + marker + box + words() + pick("", "", " ", "\t", " ^c7f3", " ^id1") + nl)
			for range r.IntN(3) {
				b.WriteString(quote + indent + pick("  ", "   ", "", "\t") + words() + nl)
			}
			if r.IntN(4) == 0 {
				b.WriteString(nl)
			}
		}
	}
	out := b.String()
	if r.IntN(5) == 0 {
		out = strings.TrimSuffix(out, nl)
	}
	return []byte(out)
}

// TestStampProperties stamps many random notes and checks what Stamp
// promises for each.
func TestStampProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	n := 3000
	if testing.Short() {
		n = 300
	}
	for i := range n {
		note := randomNote(r)
		t.Run(fmt.Sprint(i), func(t *testing.T) { checkStamp(t, note) })
	}
}
