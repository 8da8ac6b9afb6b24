package journal

import (
	"errors"
	"strings"
	"testing"
)

func TestShareLeavesOutPrivateSectionsAndBlockIDsAndListsCommitmentsBothWays(t *testing.T) {
	j := queueJournal(t)
	note := "# 1:1 with Alice — 2026-11-20\n\n## Notes\n\nTalked about the launch.\n\n" +
		"## Private\n\nWorried about burnout SECRET1.\n\n### Mine to watch\n\n- [ ] me: talk to HR about SECRET2 due:2026-11-30\n\n" +
		"## My commitments\n\n- [ ] send the deck due:2026-11-24\n- [x] book the room\n\n" +
		"## Alice's commitments\n\n- [ ] review the RFC\n\n" +
		"```\ncode ^keep\n```\n\n" +
		"A paragraph.\n^para1\n\n" +
		"Private notes\n-------------\n\nSECRET3 in a setext section.\n"
	m, err := j.AddMeeting(Meeting{Person: "alice", Date: day(t, "2026-11-20"), Note: note}, day(t, "2026-11-20"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := j.AddMeeting(Meeting{Person: "alice", Date: day(t, "2026-12-20"), Note: "written ahead\n"}, day(t, "2026-11-20")); err != nil {
		t.Fatal(err)
	}
	got, err := j.Share("alice", 0, day(t, "2026-11-21"))
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{"SECRET1", "SECRET2", "SECRET3", "burnout", "## Private", "Private notes", "^para1", "written ahead"} {
		if strings.Contains(got, secret) {
			t.Errorf("the recap holds %q:\n%s", secret, got)
		}
	}
	for _, it := range m.Items {
		if it.ID != "" && strings.Contains(got, "^"+it.ID) {
			t.Errorf("the recap holds block id ^%s:\n%s", it.ID, got)
		}
	}
	for _, w := range []string{
		"Talked about the launch.",
		"- [ ] send the deck due:2026-11-24\n",
		"code ^keep", // code is shown as written
		"**Commitments from our 1:1 of 2026-11-20**",
		"Me → Alice:\n\n- send the deck — due 2026-11-24\n- book the room — done 2026-11-20\n",
		"Alice → me:\n\n- review the RFC — no date yet\n",
	} {
		if !strings.Contains(got, w) {
			t.Errorf("the recap lacks %q:\n%s", w, got)
		}
	}
	// A given meeting; a meeting of someone else is refused.
	if again, err := j.Share("alice", m.ID, day(t, "2026-11-21")); err != nil || again != got {
		t.Errorf("--meeting gives another recap: %v", err)
	}
	if _, err := j.Share("bob", m.ID, day(t, "2026-11-21")); !errors.Is(err, ErrNotFound) {
		t.Errorf("bob's recap of alice's meeting: %v", err)
	}
	if _, err := j.Share("bob", 0, day(t, "2026-11-21")); !errors.Is(err, ErrNotFound) {
		t.Errorf("a recap without meetings: %v", err)
	}
}

// The recap says where a promise stands in words: no date token stays in
// its text, a struck history in either form included (the recap once kept
// a struck "by friday" and its "(moved …)").
func TestShareItemTextHasNoDateTokens(t *testing.T) {
	for _, text := range []string{
		"book the offsite ~~due:2026-11-20~~ (moved 2026-11-22) due:2026-12-04",
		"write the review ~~by friday~~ (moved 2026-11-22) 📅 2026-12-03",
		"send the deck done:2026-11-20",
	} {
		got := shareItem(Item{Text: text, State: StateOpen})
		if strings.Contains(got, "~~") || strings.Contains(got, "moved") || strings.Contains(got, "2026-11-2") {
			t.Errorf("shareItem(%q) = %q", text, got)
		}
	}
}
