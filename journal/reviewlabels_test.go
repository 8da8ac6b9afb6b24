package journal

import (
	"strings"
	"testing"
)

// TestReviewSaysWhoseOnce: issue 10 item 12 — review printed its owner
// label before text that already had one ("me: me: …", "Dmitri: dima: …").
func TestReviewSaysWhoseOnce(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "dima", "Dmitri Ivanov")
	if err := j.SetKeeper(Keeper{Name: "Robin Hale"}); err != nil {
		t.Fatal(err)
	}
	mustMeeting(t, j, "dima", "2026-11-10", "- [ ] me: send the deck\n- [ ] dima: write the RFC\n- [ ] **Dmitri:** fix the build\n"+
		"- [ ] @dima review the plan\n- [ ] I: book the room\n- [ ] Robin: call finance\n- [ ] I'll draft the memo\n- [ ] Dmitri will demo it\n- [ ] me:\n")
	r, err := j.Review("dima", 0, 0, day(t, "2026-11-20"))
	if err != nil {
		t.Fatal(err)
	}
	md := r.Markdown()
	for _, want := range []string{
		"me: send the deck", "Dmitri: write the RFC", "Dmitri: fix the build", "Dmitri: review the plan",
		"me: book the room", "me: call finance", "me: I'll draft the memo", "Dmitri: Dmitri will demo it",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("review lacks %q:\n%s", want, md)
		}
	}
	for _, twice := range []string{"me: me:", "Dmitri: dima:", "Dmitri: **Dmitri:**", "Dmitri: @dima", "me: I:", "me: Robin:"} {
		if strings.Contains(md, twice) {
			t.Errorf("review says whose twice, %q:\n%s", twice, md)
		}
	}
}
