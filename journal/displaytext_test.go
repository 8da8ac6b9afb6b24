package journal

import "testing"

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
