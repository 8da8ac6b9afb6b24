package journal

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// Lists and the prep show an item's dates as its state; the tokens that
// set them are noise there (issue 13).
func TestDisplayTextLeavesOutDateTokensAndStruckHistory(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"due token", "draft the launch deck due:2026-11-25", "draft the launch deck"},
		{"calendar emoji", "me: share roadmap 📅 2026-11-24", "me: share roadmap"},
		{"due mid-text", "send due:2026-12-01 the deck", "send the deck"},
		{"struck history", "book the offsite ~~due:2026-11-20~~ (moved 2026-11-22) due:2026-12-04", "book the offsite"},
		{"struck phrase", "write the review ~~by friday~~ (moved 2026-11-22) by dec 3", "write the review by dec 3"},
		{"done stamp", "sent the slides done:2026-11-20", "sent the slides"},
		{"done emoji and due", "sent the slides 📅 2026-11-18 ✅ 2026-11-20", "sent the slides"},
		{"a phrase stays", "send the budget sheet by friday", "send the budget sheet by friday"},
		{"overdue is a word, not a token", "chase the overdue: invoices", "chase the overdue: invoices"},
		{"only a token", "due:2026-11-25", "due:2026-11-25"},
		{"wide text", "王小明 to review 📅 2026-11-24 ·", "王小明 to review"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := (Item{Text: tc.text}).DisplayText(); got != tc.want {
				t.Errorf("DisplayText(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

// A list that says whose an item is ("farid → me:") shows its text
// without the owner label the note put first, in any of its forms.
func TestListTextLeavesOutTheOwnerLabel(t *testing.T) {
	p := Person{Handle: "farid", Name: "Farid Novak"}
	k := Keeper{Name: "Jordan Lee", Handle: "jordan"}
	tests := []struct{ text, want string }{
		{"Farid: prepare the demo by next week", "prepare the demo by next week"},
		{"farid: prepare the demo due:2026-11-24", "prepare the demo"},
		{"@farid prepare the demo", "prepare the demo"},
		{"**Farid:** prepare the demo", "prepare the demo"},
		{"me: share feedback on the budget", "share feedback on the budget"},
		{"Jordan: share feedback", "share feedback"},
		{"them: send the notes 📅 2026-12-01", "send the notes"},
		{"Farid will prepare the demo", "Farid will prepare the demo"},
		{"I'll send the notes", "I'll send the notes"},
		{"Ana: a third party's name is text", "Ana: a third party's name is text"},
	}
	for _, tc := range tests {
		if got := (Item{Text: tc.text}).ListText(p, k); got != tc.want {
			t.Errorf("ListText(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// displayTextFull is DisplayText as first written: every token rule on
// every text, blanks collapsed by strings.Fields. The shortcuts taken for
// long lists must give the same text.
func displayTextFull(text string) string {
	b := []byte(text)
	for _, m := range struckDueRe().FindAllStringIndex(text, -1) {
		blank(b, m[0], m[1])
	}
	rest := string(b)
	for _, re := range []*regexp.Regexp{dueTokenRe(), doneTokenRe(), droppedTokenRe()} {
		for _, tk := range dateTokens(re, rest) {
			blank(b, tk.tok.start, tk.tok.end)
		}
	}
	out := strings.TrimRight(strings.Join(strings.Fields(string(b)), " "), " ·,;")
	if out == "" {
		return strings.Join(strings.Fields(text), " ")
	}
	return out
}

func TestDisplayTextShortcutsAgreeWithTheFullRule(t *testing.T) {
	texts := []string{
		"plain words", " leading blank", "trailing blank ", "two  blanks", "tab\there", "nbsp\u00a0here",
		"ideographic\u3000space", "ends with comma,", "ends with semicolon;", "ends with dot ·", "·",
		"DUE:2026-11-25 shout", "Due 2026-11-25", "due::2026-11-25", "**Due:** 2026-11-25", "deadline: 2026-11-25",
		"due on <2026-11-25>", "📅2026-11-25", "🗓️ 2026-11-25", "📆 2026-11-25 x", "(completed 2026-11-20) y",
		"[completion:: 2026-11-20]", "Completed on 2026-11-20", "❌ 2026-11-20", "✅2026-11-20",
		"overdue 2026-11-20", "undue:2026-11-20", "by 2026-11-20", "ship v2026-11-20", "due:2026-13-45",
		"~~due:2026-11-20~~ (moved 2026-11-22) due:2026-12-04", "~~not a date~~ kept", "a\u200bb due:2026-11-25",
		"ÉTÉ DUE:2026-11-25", "İstanbul due 2026-11-25", "ſ due:2026-11-25", "line\nbreak due:2026-11-25",
		"", " ", "due:2026-11-25 ,", "DEADLINE: 2026-11-25", "DONE:2026-11-20", "COMPLETED ON 2026-11-20", "DeadLine:2026-11-25", "✅ 2026-11-20 ❌ 2026-11-21 📅 2026-11-22",
	}
	// And every item text of the real notes corpus.
	files, err := filepath.Glob("testdata/realnotes/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus: %v", err)
	}
	for _, f := range files {
		note, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range Extract(note, NoteContext{}) {
			texts = append(texts, it.Text)
		}
	}
	for _, text := range texts {
		if got, want := displayText(text), displayTextFull(text); got != want {
			t.Errorf("displayText(%q) = %q, the full rule gives %q", text, got, want)
		}
	}
}

func TestDateStringIsISOAtEveryYear(t *testing.T) {
	for _, d := range []Date{1, 365, 10957, 20780, 2932896, 2932897, 3000000} {
		if got, want := d.String(), d.Time().Format("2006-01-02"); got != want {
			t.Errorf("Date(%d).String() = %q, want %q", d, got, want)
		}
	}
	id := MeetingID(uint64(20780)<<32 | 17)
	if got := id.String(); got != "2026-11-23.17" {
		t.Errorf("MeetingID.String() = %q", got)
	}
}

func TestDisplayTextsKeepsTheOrderOfALongList(t *testing.T) {
	items := make([]Item, 3000)
	for i := range items {
		items[i].Text = fmt.Sprintf("promise %d due:2026-11-%02d", i, i%28+1)
	}
	for i, got := range DisplayTexts(items) {
		if want := fmt.Sprintf("promise %d", i); got != want {
			t.Fatalf("DisplayTexts[%d] = %q, want %q", i, got, want)
		}
	}
}

// collapse must be strings.Fields joined and trimmed, on any text: random
// ones over an alphabet of blanks (ASCII, no-break, ideographic),
// separators, letters, wide and invalid bytes.
func TestCollapseIsFieldsJoinedAndTrimmed(t *testing.T) {
	alphabet := []string{" ", " ", "  ", "\t", "\n", "\u00a0", "\u3000", "\u0085", "·", ",", ";", "a", "b", "é", "王", "\xff", "x y"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var sb strings.Builder
		for range rng.IntN(9) {
			sb.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		s := sb.String()
		want := strings.TrimRight(strings.Join(strings.Fields(s), " "), " ·,;")
		if got := collapse(s); got != want {
			t.Fatalf("collapse(%q) = %q, want %q", s, got, want)
		}
	}
}

// ParseDate's quick path gives what time.Parse gives, valid or not.
func TestParseDateQuickPathAgreesWithTimeParse(t *testing.T) {
	for _, s := range []string{"2026-11-23", "1970-01-01", "1970-01-02", "2024-02-29", "2023-02-29", "2026-04-31",
		"2026-12-31", "9999-12-31", "0000-01-01", "2026-13-01", "2026-00-10", "2026-1-05", "2026-11-2x", " 2026-11-23", "２026-11-23"} {
		got, err := ParseDate(s)
		tm, terr := time.Parse("2006-01-02", s)
		want := DateOf(tm)
		if terr != nil || want <= 0 {
			if err == nil {
				t.Errorf("ParseDate(%q) = %v, want an error", s, got)
			}
			continue
		}
		if err != nil || got != want {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
}
