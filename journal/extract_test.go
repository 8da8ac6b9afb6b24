package journal

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// alice is the meeting every extraction test takes place in: a 1:1 with
// Alice Smith on Friday 2026-11-20.
var alice = NoteContext{Date: isoDay("2026-11-20"), Handle: "alice", Name: "Alice Smith"}

// wantMine, wantTheirs and the other helpers build the items the tests expect.
func wantMine(line int, text string) Item {
	return Item{Kind: Commitment, Owner: Me, State: StateOpen, Text: text, Line: line}
}

func wantTheirs(line int, text string) Item {
	return Item{Kind: Commitment, Owner: Them, State: StateOpen, Text: text, Line: line}
}

func wantFollowUp(line int, text string) Item {
	return Item{Kind: FollowUp, State: StateOpen, Text: text, Line: line}
}

func wantWin(line int, text string) Item {
	return Item{Kind: Win, State: StateOpen, Text: text, Line: line}
}

func wantFeedback(line int, dir Direction, text string) Item {
	return Item{Kind: Feedback, Direction: dir, State: StateOpen, Text: text, Line: line}
}

func (it Item) with(opts ...func(*Item)) Item {
	for _, f := range opts {
		f(&it)
	}
	return it
}

func withState(s State) func(*Item) { return func(it *Item) { it.State = s } }
func withDue(s string) func(*Item)  { return func(it *Item) { it.Due = isoDay(s) } }
func withDone(s string) func(*Item) { return func(it *Item) { it.Done = isoDay(s) } }
func withID(s string) func(*Item)   { return func(it *Item) { it.ID = s } }

func TestExtract(t *testing.T) {
	tests := []struct {
		name string
		note string
		nc   NoteContext // alice when zero
		want []Item
	}{
		// SPEC 2.1: every task-list item is a commitment.
		{"an unticked task item is an open commitment", "- [ ] send the deck\n",
			alice, []Item{wantMine(1, "send the deck")}},
		{"[x] and [X] are done commitments", "- [x] one\n- [X] two\n",
			alice, []Item{wantMine(1, "one").with(withState(StateDone)), wantMine(2, "two").with(withState(StateDone))}},
		{"[-] and [~] are dropped commitments", "- [-] one\n- [~] two\n",
			alice, []Item{wantMine(1, "one").with(withState(StateDropped)), wantMine(2, "two").with(withState(StateDropped))}},
		{"- [ ]x without a space is not a task", "- [ ]x nope\n- [-]x nope\n", alice, nil},
		{"a task item with no text is no item", "- [ ]\n- [x] \n", alice, nil},
		{"a plain bullet outside any section is no item", "- just a note\n", alice, nil},
		{"task items in a loose list are commitments", "- [ ] one\n\n- [ ] two\n",
			alice, []Item{wantMine(1, "one"), wantMine(3, "two")}},
		{"task items in an ordered list are commitments", "1. [ ] one\n2) [x] two\n",
			alice, []Item{wantMine(1, "one"), wantMine(2, "two").with(withState(StateDone))}},
		{"nested task items are items of their own, and a parent's text leaves its children out",
			"- [ ] parent\n  - [ ] child\n    - [x] grandchild\n  - plain child\n",
			alice, []Item{wantMine(1, "parent"), wantMine(2, "child"), wantMine(3, "grandchild").with(withState(StateDone))}},
		{"nested task items in a loose list", "- [ ] parent\n\n  - [ ] child\n\n  more of parent\n",
			alice, []Item{wantMine(1, "parent"), wantMine(3, "child")}},
		{"a task's lines are joined by a space", "- [ ] first line\n  second line\nlazy third\n",
			alice, []Item{wantMine(1, "first line second line lazy third")}},
		{"task items under unrelated headings are commitments", "# Notes\n## Roadmap\n- [ ] ship it\n",
			alice, []Item{wantMine(3, "ship it")}},
		{"a task item in a block quote is a task", "> - [ ] quoted\n",
			alice, []Item{wantMine(1, "quoted")}},
		{"task items in code blocks are no items", "```\n- [ ] code\n```\n\n    - [ ] indented code\n", alice, nil},
		{"task items in HTML blocks are no items", "<div>\n- [ ] html\n</div>\n", alice, nil},
		{"a task item with a tab after the box", "- [ ]\tsend it\n", alice, []Item{wantMine(1, "send it")}},

		// SPEC 2.1 owner, rule 1: a prefix on the text.
		{"me: makes it mine", "## Alice's\n- [ ] me: send notes\n", alice, []Item{wantMine(2, "me: send notes")}},
		{"I: makes it mine", "## Alice's\n- [ ] I: send notes\n", alice, []Item{wantMine(2, "I: send notes")}},
		{"@me makes it mine", "## Alice's\n- [ ] @me send notes\n", alice, []Item{wantMine(2, "@me send notes")}},
		{"them: makes it theirs", "- [ ] them: write doc\n", alice, []Item{wantTheirs(1, "them: write doc")}},
		{"<handle>: makes it theirs", "- [ ] alice: write doc\n", alice, []Item{wantTheirs(1, "alice: write doc")}},
		{"@<handle> makes it theirs", "- [ ] @alice write doc\n", alice, []Item{wantTheirs(1, "@alice write doc")}},
		{"<first name>: makes it theirs, in any case", "- [ ] ALICE: write doc\n", alice, []Item{wantTheirs(1, "ALICE: write doc")}},
		{"a bold owner prefix counts", "- [ ] **Alice:** write doc\n", alice, []Item{wantTheirs(1, "**Alice:** write doc")}},
		{"a prefix beats the heading", "## My commitments\n- [ ] alice: write doc\n", alice, []Item{wantTheirs(2, "alice: write doc")}},
		{"the name without a colon is no prefix", "- [ ] Alice said she'd try\n", alice, []Item{wantMine(1, "Alice said she'd try")}},
		{"@me is a whole word", "- [ ] @meg review\n", alice, []Item{wantMine(1, "@meg review")}},
		{"another person's mention is no prefix", "## Alice's\n- [ ] @bob review\n", alice, []Item{wantTheirs(2, "@bob review")}},

		// Owner, rule 2: the nearest heading that names a side.
		{"a 'My commitments' heading makes items mine", "## Alice's\n### My commitments\n- [ ] x\n", alice, []Item{wantMine(3, "x")}},
		{"an 'I committed to' heading makes items mine", "## Alice\n### I committed to\n- [ ] x\n", alice, []Item{wantMine(3, "x")}},
		{"a possessive of the person's name makes items theirs", "## Alice's commitments\n- [ ] x\n", alice, []Item{wantTheirs(2, "x")}},
		{"the person's handle in a heading makes items theirs", "## For alice\n- [ ] x\n", alice, []Item{wantTheirs(2, "x")}},
		{"the person's last name in a heading makes items theirs", "## Smith to do\n- [ ] x\n", alice, []Item{wantTheirs(2, "x")}},
		{"'Their' in a heading makes items theirs", "## Their action items\n- [ ] x\n", alice, []Item{wantTheirs(2, "x")}},
		{"a heading naming no side defers to the one above it", "## Alice's\n### Project X\n- [ ] x\n", alice, []Item{wantTheirs(3, "x")}},
		{"the note's title names the meeting, not an owner", "# 1:1 with Alice — 2026-11-20\n- [ ] x\n## Notes\n- [ ] y\n", alice, []Item{wantMine(2, "x"), wantMine(4, "y")}},
		{"a later first-level heading is no title", "# Intro\n# Alice's\n- [ ] x\n", alice, []Item{wantTheirs(3, "x")}},
		{"a heading's scope ends at the next heading of the same level", "## Alice's\n- [ ] a\n## Other\n- [ ] b\n",
			alice, []Item{wantTheirs(2, "a"), wantMine(4, "b")}},
		{"a higher heading ends a deeper heading's scope", "### Alice's\n- [ ] a\n# Top\n- [ ] b\n",
			alice, []Item{wantTheirs(2, "a"), wantMine(4, "b")}},
		{"the first side named in a heading decides", "## My commitments to Alice\n- [ ] a\n## Alice's asks of me\n- [ ] b\n",
			alice, []Item{wantMine(2, "a"), wantTheirs(4, "b")}},
		{"setext headings count", "Alice's list\n------------\n- [ ] a\n", alice, []Item{wantTheirs(3, "a")}},
		{"another person's name in a heading says nothing", "## Bob's commitments\n- [ ] x\n", alice, []Item{wantMine(2, "x")}},

		// Owner, rule 3.
		{"an unowned item is mine", "- [ ] x\n", alice, []Item{wantMine(1, "x")}},

		// SPEC 2.1 due dates.
		{"due: sets the due date", "- [ ] x due:2026-12-01\n", alice, []Item{wantMine(1, "x due:2026-12-01").with(withDue("2026-12-01"))}},
		{"📅 sets the due date", "- [ ] x 📅 2026-12-01\n", alice, []Item{wantMine(1, "x 📅 2026-12-01").with(withDue("2026-12-01"))}},
		{"due: beats a by phrase", "- [ ] x by friday due:2026-12-01\n", alice, []Item{wantMine(1, "x by friday due:2026-12-01").with(withDue("2026-12-01"))}},
		{"an impossible due: date is skipped", "- [ ] x due:2026-02-30 by tomorrow\n", alice, []Item{wantMine(1, "x due:2026-02-30 by tomorrow").with(withDue("2026-11-21"))}},
		{"overdue: is no due token", "- [ ] x overdue:2026-12-01\n", alice, []Item{wantMine(1, "x overdue:2026-12-01")}},
		{"by <ISO date>", "- [ ] x by 2026-12-04\n", alice, []Item{wantMine(1, "x by 2026-12-04").with(withDue("2026-12-04"))}},
		{"by friday on a friday meeting is the next friday", "- [ ] x by friday\n", alice, []Item{wantMine(1, "x by friday").with(withDue("2026-11-27"))}},
		{"by tomorrow resolves against the meeting's date", "- [ ] x by tomorrow\n", alice, []Item{wantMine(1, "x by tomorrow").with(withDue("2026-11-21"))}},
		{"by next week", "- [ ] x by next week\n", alice, []Item{wantMine(1, "x by next week").with(withDue("2026-11-27"))}},
		{"by end of month on december 31", "- [ ] x by end of month\n", NoteContext{Date: isoDay("2026-12-31"), Handle: "alice", Name: "Alice Smith"},
			[]Item{wantMine(1, "x by end of month").with(withDue("2026-12-31"))}},
		{"by the end of the month in a leap february", "- [ ] x by the end of the month.\n", NoteContext{Date: isoDay("2028-02-03"), Handle: "alice"},
			[]Item{wantMine(1, "x by the end of the month.").with(withDue("2028-02-29"))}},
		{"by dec 3 in late december is next year's", "- [ ] x by Dec 3\n", NoteContext{Date: isoDay("2026-12-28"), Handle: "alice"},
			[]Item{wantMine(1, "x by Dec 3").with(withDue("2027-12-03"))}},
		{"the longest phrase that resolves wins", "- [ ] x by monday morning, promise\n", alice, []Item{wantMine(1, "x by monday morning, promise").with(withDue("2026-11-23"))}},
		{"a by phrase in parentheses", "- [ ] x (by tuesday)\n", alice, []Item{wantMine(1, "x (by tuesday)").with(withDue("2026-11-24"))}},
		{"a by phrase across lines", "- [ ] x by\n  dec 3\n", alice, []Item{wantMine(1, "x by dec 3").with(withDue("2026-12-03"))}},
		{"'by' with no date after it is undated", "- [ ] stand by me\n", alice, []Item{wantMine(1, "stand by me")}},
		{"'by' inside a word is no phrase", "- [ ] bypass friday\n", alice, []Item{wantMine(1, "bypass friday")}},

		// SPEC 2.1 done dates.
		{"done: sets the done date", "- [x] x done:2026-11-19\n", alice, []Item{wantMine(1, "x done:2026-11-19").with(withState(StateDone), withDone("2026-11-19"))}},
		{"✅ sets the done date", "- [x] x ✅ 2026-11-19\n", alice, []Item{wantMine(1, "x ✅ 2026-11-19").with(withState(StateDone), withDone("2026-11-19"))}},

		// SPEC 2.1 identity.
		{"a trailing ^id is the block id, not text", "- [ ] x ^c7f3\n", alice, []Item{wantMine(1, "x").with(withID("c7f3"))}},
		{"a block id on a continuation line", "- [ ] x\n  ^c7f3\n", alice, []Item{wantMine(1, "x").with(withID("c7f3"))}},
		{"a caret in the middle is text", "- [ ] x ^c7f3 more\n", alice, []Item{wantMine(1, "x ^c7f3 more")}},
		{"a caret glued to a word is no id", "- [ ] square x^2\n", alice, []Item{wantMine(1, "square x^2")}},
		{"an item that is only a block id is no item", "- [ ] ^c7f3\n", alice, nil},

		// SPEC 2.2 follow-ups.
		{"plain bullets under Follow-ups are open follow-ups", "## Follow-ups\n- promo\n", alice, []Item{wantFollowUp(2, "promo")}},
		{"task items under a follow-up heading are follow-ups", "## Follow up\n- [ ] promo\n- [x] budget ^f1\n- [-] offsite\n",
			alice, []Item{wantFollowUp(2, "promo"), wantFollowUp(3, "budget").with(withState(StateDone), withID("f1")), wantFollowUp(4, "offsite").with(withState(StateDropped))}},
		{"'next time' is a follow-up heading", "### Next time\n- promo\n", alice, []Item{wantFollowUp(2, "promo")}},
		{"'to discuss' is a follow-up heading", "# TO DISCUSS\n- promo\n", alice, []Item{wantFollowUp(2, "promo")}},
		{"'parking lot' is a follow-up heading", "## Parking lot\n- promo\n", alice, []Item{wantFollowUp(2, "promo")}},
		{"'followups' is a follow-up heading", "## Followups\n- promo\n", alice, []Item{wantFollowUp(2, "promo")}},
		{"a follow-up: task is a follow-up anywhere", "## Alice's commitments\n- [ ] Follow-up: promo by friday\n",
			alice, []Item{wantFollowUp(2, "Follow-up: promo by friday").with(withDue("2026-11-27"))}},
		{"a subheading without a section word keeps the section", "## Follow-ups\n### Career\n- promo\n", alice, []Item{wantFollowUp(3, "promo")}},
		{"a section ends at the next heading of its level", "## Follow-ups\n- promo\n## Notes\n- chat\n", alice, []Item{wantFollowUp(2, "promo")}},
		{"nested bullets under a follow-up heading are follow-ups too", "## To discuss\n- promo\n  - timeline\n",
			alice, []Item{wantFollowUp(2, "promo"), wantFollowUp(3, "timeline")}},

		// SPEC 2.2 wins.
		{"plain bullets under Wins are wins", "## Wins\n- shipped v2\n", alice, []Item{wantWin(2, "shipped v2")}},
		{"kudos, recognition, achievements and shout-outs are win headings",
			"# Kudos\n- a\n# Recognition\n- b\n# Achievements\n- c\n# Shout-outs\n- d\n# Shoutouts\n- e\n",
			alice, []Item{wantWin(2, "a"), wantWin(4, "b"), wantWin(6, "c"), wantWin(8, "d"), wantWin(10, "e")}},
		{"task items under Wins stay commitments", "## Wins\n- [ ] write it up\n", alice, []Item{wantMine(2, "write it up")}},
		{"wins get no block id", "## Wins\n- shipped ^w1\n", alice, []Item{wantWin(2, "shipped")}},
		{"a deeper heading with a section word decides", "## Wins\n### Follow-ups\n- a\n", alice, []Item{wantFollowUp(3, "a")}},

		// SPEC 2.2 feedback.
		{"given: and received: set the feedback's direction", "## Feedback\n- given: clear demo\n- Received: slow reviews\n- neutral\n",
			alice, []Item{wantFeedback(2, Given, "given: clear demo"), wantFeedback(3, Received, "Received: slow reviews"), wantFeedback(4, 0, "neutral")}},
		{"task items under Feedback stay commitments", "## Feedback\n- [ ] them: try pairing\n", alice, []Item{wantTheirs(2, "them: try pairing")}},

		// Bytes.
		{"CRLF notes", "## Alice's\r\n- [ ] x by friday ^a1\r\n  more\r\n\r\n## Wins\r\n- w\r\n",
			alice, []Item{wantTheirs(2, "x by friday ^a1 more").with(withDue("2026-11-27")), wantWin(6, "w")}},
		{"emoji and CJK text", "- [ ] 🎉 發送報告 by friday 📅 2026-12-01 ^日本\n",
			alice, []Item{wantMine(1, "🎉 發送報告 by friday 📅 2026-12-01 ^日本").with(withDue("2026-12-01"))}},
		{"tabs inside and around the text", "-\t[ ]\tx\tby\tfriday\t^t1\t\n",
			alice, []Item{wantMine(1, "x\tby\tfriday").with(withDue("2026-11-27"), withID("t1"))}},
		{"an empty note has no items", "", alice, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Extract([]byte(tc.note), tc.nc)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Extract(%q)\n got: %s\nwant: %s", tc.note, dumpItems(got), dumpItems(tc.want))
			}
		})
	}
}

// dumpItems writes items one a line, as the golden files hold them.
func dumpItems(items []Item) string {
	var b strings.Builder
	for _, it := range items {
		fmt.Fprintf(&b, "%d: %s", it.Line, it.Kind)
		for _, f := range []struct{ k, v string }{
			{"owner", it.Owner.String()}, {"direction", it.Direction.String()}, {"state", it.State.String()},
			{"due", it.Due.String()}, {"done", it.Done.String()}, {"id", it.ID},
		} {
			if f.v != "" {
				fmt.Fprintf(&b, " %s=%s", f.k, f.v)
			}
		}
		fmt.Fprintf(&b, " %q\n", it.Text)
	}
	return b.String()
}

// TestExtractGolden extracts the notes in testdata/extract, each a 1:1 with
// Alice on 2026-11-20, and compares with their .golden files. Run with
// -update to rewrite them.
func TestExtractGolden(t *testing.T) {
	notes, err := filepath.Glob(filepath.Join("testdata", "extract", "*.md"))
	if err != nil || len(notes) == 0 {
		t.Fatalf("no notes in testdata/extract: %v", err)
	}
	for _, path := range notes {
		t.Run(filepath.Base(path), func(t *testing.T) {
			note, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			got := dumpItems(Extract(note, alice))
			golden := strings.TrimSuffix(path, ".md") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("items of %s differ from %s:\n got:\n%s\nwant:\n%s", path, golden, got, want)
			}
		})
	}
}

// TestLargeNotes checks that notes far bigger than any 1:1 produces still
// extract and stamp, deep nesting included, and that the work per byte
// does not grow with the note: each shape is read at two sizes, and the
// bytes allocated per byte of note may not grow by half when the note
// doubles, as they would for work quadratic in its length. Allocation,
// unlike time, does not depend on the load of the machine;
// BenchmarkExtract1MB and BenchmarkStamp1MB measure the time.
func TestLargeNotes(t *testing.T) {
	if testing.Short() {
		t.Skip("large notes take a few seconds")
	}
	tests := []struct {
		name  string
		note  func(n int) string
		n     int
		items func(n int) int // at least, in the larger note
	}{
		{"a 1 MB note", func(n int) string { return string(sizedNote(n)) }, 1 << 19, func(n int) int { return n / 100 }},
		{"100,000 list items", func(n int) string { return strings.Repeat("- [ ] x\n", n) }, 50000, func(n int) int { return n }},
		{"10,000 nested quote markers", func(n int) string { return strings.Repeat(">", n) + " - [ ] deep\n" }, 5000, func(int) int { return 1 }},
		{"10,000 lines of 100 nested quote markers", func(n int) string { return strings.Repeat(strings.Repeat(">", 100)+" - [ ] q\n", n) }, 5000, func(int) int { return 1 }},
		{"200 nested lists", nestedList, 100, func(n int) int { return n }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var items []Item
			perByte := func(note string) float64 {
				var before, after runtime.MemStats
				runtime.ReadMemStats(&before)
				items = Extract([]byte(note), alice)
				stamped, _ := Stamp([]byte(note), alice, isoDay("2026-11-21"), counter("p"))
				runtime.ReadMemStats(&after)
				if len(stamped) <= len(note) {
					t.Errorf("Stamp added nothing to a note with %d items", len(items))
				}
				return float64(after.TotalAlloc-before.TotalAlloc) / float64(len(note))
			}
			small := perByte(tc.note(tc.n))
			large := perByte(tc.note(2 * tc.n))
			t.Logf("bytes allocated per byte of note: %.0f, then %.0f for twice the note", small, large)
			if large > 1.5*small {
				t.Errorf("the work per byte grows with the note: %.0f bytes allocated per byte, then %.0f for twice the note", small, large)
			}
			if want := tc.items(2 * tc.n); len(items) < want {
				t.Errorf("found %d items, want at least %d", len(items), want)
			}
		})
	}
}

func nestedList(depth int) string {
	var b strings.Builder
	for i := range depth {
		b.WriteString(strings.Repeat("  ", i) + "- [ ] level\n")
	}
	return b.String()
}

// megabyteNote is a 1 MB note of ordinary sections, prose and items.
func megabyteNote() []byte { return sizedNote(1 << 20) }

// sizedNote is a note of ordinary sections, prose and items of at least
// size bytes.
func sizedNote(size int) []byte {
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "## Section %d\n\nSome prose about the week, **bold** and `code`.\n\n- [ ] item %d by friday\n- [x] done %d\n  continued\n- plain\n\n", i, i, i)
	}
	return []byte(b.String())
}

func BenchmarkExtract1MB(b *testing.B) {
	note := megabyteNote()
	b.SetBytes(int64(len(note)))
	for b.Loop() {
		Extract(note, alice)
	}
}

func BenchmarkStamp1MB(b *testing.B) {
	note := megabyteNote()
	b.SetBytes(int64(len(note)))
	for b.Loop() {
		Stamp(note, alice, isoDay("2026-11-21"), counter("b"))
	}
}

// TestTheNearestHeadingThatNamesAnOwnerDecides: SPEC 2.1 rule 2, as issue
// 10 item 11 found it broken: the title names no owner, and a heading that
// names none defers to the one above it.
func TestTheNearestHeadingThatNamesAnOwnerDecides(t *testing.T) {
	nc := NoteContext{Date: NewDate(2026, 11, 23), Handle: "alice", Name: "Alice Martin"}
	note := "# 1:1 with Alice Martin\n\n## Notes\n\n- [ ] book the offsite\n\n## Alice's commitments\n\n- [ ] draft the RFC\n\n### Later\n\n- [ ] tidy the wiki\n"
	want := map[string]Owner{"book the offsite": Me, "draft the RFC": Them, "tidy the wiki": Them}
	for _, it := range Extract([]byte(note), nc) {
		if it.Owner != want[it.Text] {
			t.Errorf("%q: owner %v, want %v", it.Text, it.Owner, want[it.Text])
		}
	}
}
