package journal

import (
	"errors"
	"strings"
	"testing"
)

func TestQueuedTopicAndFeedbackGoIntoTheNextNoteAndLeaveTheQueueUntilThatNoteIsDeleted(t *testing.T) {
	j := queueJournal(t)
	if _, err := j.AddMeeting(Meeting{Person: "alice", Date: day(t, "2026-11-10"), Note: "## My commitments\n- [ ] send the deck due:2026-11-30\n\n## Alice's commitments\n- [ ] review the RFC\n\n## Follow-ups\n- [ ] hiring plan\n"}, day(t, "2026-11-10")); err != nil {
		t.Fatal(err)
	}
	topic := mustQueue(t, j, "alice", QueueTopic, "the reorg timeline", "2026-11-20")
	fb := mustQueue(t, j, "alice", QueueFeedback, "praise for the outage write-up", "2026-11-01")
	mustQueue(t, j, "bob", QueueTopic, "bob's own topic", "2026-11-20")
	today := day(t, "2026-11-20")

	note, err := j.Template("alice", today)
	if err != nil {
		t.Fatal(err)
	}
	// The order of SPEC 4.6: feedback to give, topics, commitments both ways, follow-ups, pulse.
	order := []string{
		"## Feedback to give\n\n- [ ] praise for the outage write-up _(noted 19 days ago)_ ^" + fb.ID,
		"## To discuss\n\n- [ ] the reorg timeline ^" + topic.ID,
		"## My commitments\n\n- [ ] send the deck due:2026-11-30 ^",
		"## Alice's commitments\n\n- [ ] review the RFC ^",
		"## Follow-ups\n\n- [ ] hiring plan ^",
		"**Question (",
		"pulse: _/10",
	}
	at := 0
	for _, w := range order {
		i := strings.Index(note[at:], w)
		if i < 0 {
			t.Fatalf("template lacks %q after byte %d:\n%s", w, at, note)
		}
		at += i + len(w)
	}
	if strings.Contains(note, "bob's own topic") || strings.Contains(note, "Stale") {
		t.Errorf("template:\n%s", note)
	}

	m, err := j.AddMeeting(Meeting{Person: "alice", Date: today, Note: note}, today)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []Kind
	for _, it := range m.Items {
		if it.ID == topic.ID || it.ID == fb.ID {
			kinds = append(kinds, it.Kind)
		}
	}
	if len(kinds) != 2 || kinds[0] != FeedbackToGive || kinds[1] != FollowUp {
		t.Fatalf("the saved note holds the queued entries as %v, want feedback to give and a follow-up", kinds)
	}
	if left, _ := j.QueuedFor("alice", 0); len(left) != 0 {
		t.Fatalf("saved, still queued: %+v", left)
	}
	pending, err := j.FeedbackToGive("alice")
	if err != nil || len(pending) != 1 || pending[0].Queued || pending[0].Noted != day(t, "2026-11-01") || pending[0].Text != "praise for the outage write-up" {
		t.Fatalf("feedback to give after the save: %+v %v", pending, err)
	}
	// The next template carries the feedback with its true age, once.
	next, _ := j.Template("alice", day(t, "2026-11-27"))
	if strings.Count(next, "praise for the outage write-up") != 1 || !strings.Contains(next, "praise for the outage write-up _(noted 26 days ago)_ ^"+fb.ID) {
		t.Errorf("next template:\n%s", next)
	}

	if err := j.DeleteMeeting(m.ID); err != nil {
		t.Fatal(err)
	}
	back, _ := j.QueuedFor("alice", 0)
	if len(back) != 2 || back[0].ID != topic.ID || back[1].ID != fb.ID {
		t.Fatalf("after deleting the note: %+v", back)
	}
}

func TestStaleItemsAreGroupedAndLongOverdueOnesAreNoLongerCopied(t *testing.T) {
	j := queueJournal(t)
	notes := []string{
		"## My commitments\n- [ ] write the plan ^aaaa\n- [ ] ancient promise due:2026-09-01 ^bbbb\n\n## Alice's commitments\n- [ ] send numbers ^cccc\n\n## Follow-ups\n- [ ] the offsite ^dddd\n",
	}
	for i, d := range []string{"2026-10-01", "2026-10-15", "2026-10-29"} {
		if _, err := j.AddMeeting(Meeting{Person: "alice", Date: day(t, d), Note: notes[0]}, day(t, d)); err != nil {
			t.Fatal(i, err)
		}
	}
	// A fresh promise in the latest note is carried as usual.
	if _, err := j.AddMeeting(Meeting{Person: "alice", Date: day(t, "2026-11-05"), Note: notes[0] + "\n## My commitments\n- [ ] fresh one ^eeee\n"}, day(t, "2026-11-05")); err != nil {
		t.Fatal(err)
	}
	note, err := j.Template("alice", day(t, "2026-11-12"))
	if err != nil {
		t.Fatal(err)
	}
	stale := note[strings.Index(note, "## "+staleHeading):]
	for _, w := range []string{"### My commitments\n\n- [ ] write the plan ^aaaa", "### Alice's commitments\n\n- [ ] send numbers ^cccc", "### Follow-ups\n\n- [ ] the offsite ^dddd", "Not copied any more: 1 item", "(^bbbb)"} {
		if !strings.Contains(stale, w) {
			t.Errorf("stale part lacks %q:\n%s", w, note)
		}
	}
	if strings.Contains(note, "- [ ] ancient promise") {
		t.Errorf("a promise overdue for months is copied again:\n%s", note)
	}
	fresh := note[:strings.Index(note, "## "+staleHeading)]
	if !strings.Contains(fresh, "## My commitments\n\n- [ ] fresh one ^eeee") || strings.Contains(fresh, "write the plan") {
		t.Errorf("fresh part:\n%s", fresh)
	}
	// Saved, the stale items keep their owners and kinds.
	m, err := j.AddMeeting(Meeting{Person: "alice", Date: day(t, "2026-11-12"), Note: note}, day(t, "2026-11-12"))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, it := range m.Items {
		got[it.ID] = it.Kind.String() + "/" + it.Owner.String()
	}
	want := map[string]string{"aaaa": "commitment/me", "cccc": "commitment/them", "dddd": "follow-up/", "eeee": "commitment/me"}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s saved as %q, want %q", id, got[id], w)
		}
	}
	if _, ok := got["bbbb"]; ok {
		t.Errorf("the set-aside promise is an item of the new note")
	}
}

func TestTemplatesPerRoleAndPersonOverrideTheBuiltInOne(t *testing.T) {
	j := queueJournal(t)
	if _, err := j.AddPerson(Person{Handle: "pat", Name: "Pat Kim", Role: RolePeer}); err != nil {
		t.Fatal(err)
	}
	if _, err := j.AddMeeting(Meeting{Person: "alice", Date: day(t, "2026-11-01"), Note: "- [ ] me: open promise\n"}, day(t, "2026-11-01")); err != nil {
		t.Fatal(err)
	}
	src, own, err := j.TemplateSource(TemplateScope("alice", ""))
	if err != nil || own || src != DefaultTemplate {
		t.Fatalf("no template set: own=%v err=%v", own, err)
	}
	if err := j.SetTemplateSource(TemplateScope("", RoleReport), "# Report sync with {{first_name}} ({{handle}}) {{date}}\n\n{{topics}}\n"); err != nil {
		t.Fatal(err)
	}
	note, _ := j.Template("alice", day(t, "2026-11-20"))
	if !strings.HasPrefix(note, "# Report sync with Alice (alice) 2026-11-20\n\n## To discuss") || !strings.Contains(note, "## My commitments\n\n- [ ] me: open promise ^") {
		t.Errorf("a role template that forgets {{mine}} still carries the promises:\n%s", note)
	}
	peer, _ := j.Template("pat", day(t, "2026-11-20"))
	if !strings.HasPrefix(peer, "# 1:1 with Pat Kim") {
		t.Errorf("a peer got the report template:\n%s", peer)
	}
	if err := j.SetTemplateSource(TemplateScope("alice", ""), "# Alice only\n{{feedback}}{{topics}}{{mine}}{{theirs}}{{followups}}{{stale}}"); err != nil {
		t.Fatal(err)
	}
	if note, _ := j.Template("alice", day(t, "2026-11-20")); !strings.HasPrefix(note, "# Alice only") {
		t.Errorf("the person's template does not win:\n%s", note)
	}
	if _, own, _ := j.TemplateSource(TemplateScope("alice", "")); !own {
		t.Error("alice's own template is not reported as hers")
	}
	if err := j.SetTemplateSource(TemplateScope("alice", ""), "  \n"); err != nil {
		t.Fatal(err)
	}
	if note, _ := j.Template("alice", day(t, "2026-11-20")); !strings.HasPrefix(note, "# Report sync") {
		t.Errorf("an emptied person template does not fall back to the role's:\n%s", note)
	}
	for _, bad := range []string{"role/boss", "person/nobody", "team/x"} {
		if err := j.SetTemplateSource(bad, "x"); !errors.Is(err, ErrInvalid) && !errors.Is(err, ErrNotFound) {
			t.Errorf("scope %q: %v", bad, err)
		}
	}
}

func TestTheQuestionIsNotOneAskedInTheLastMeetings(t *testing.T) {
	j := queueJournal(t)
	asked := map[string]bool{}
	d := day(t, "2026-01-05")
	for i := 0; i < QuestionMemory; i++ {
		note, err := j.Template("alice", d)
		if err != nil {
			t.Fatal(err)
		}
		q := QuestionBank[0]
		for _, b := range QuestionBank {
			if strings.Contains(note, b.Text) {
				q = b
			}
		}
		if asked[q.Text] {
			t.Fatalf("meeting %d asks %q again", i, q.Text)
		}
		asked[q.Text] = true
		if _, err := j.AddMeeting(Meeting{Person: "alice", Date: d, Note: note}, d); err != nil {
			t.Fatal(err)
		}
		d = d.AddDays(7)
	}
	a, _ := j.Template("bob", d)
	b, _ := j.Template("bob", d)
	if a != b {
		t.Error("the same day's template differs between two calls")
	}
}

func TestACarriedItemThatChangedIsNotStale(t *testing.T) {
	j := queueJournal(t)
	for i, n := range []string{
		"- [ ] me: plan the offsite due:2026-11-01 ^ffff\n",
		"- [ ] me: plan the offsite due:2026-11-01 ^ffff\n",
		"- [ ] me: plan the offsite due:2026-11-20 ^ffff\n", // re-dated in the latest note
	} {
		d := day(t, "2026-10-01").AddDays(7 * i)
		if _, err := j.AddMeeting(Meeting{Person: "alice", Date: d, Note: n}, d); err != nil {
			t.Fatal(err)
		}
	}
	note, err := j.Template("alice", day(t, "2026-10-20"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(note, staleHeading) || !strings.Contains(note, "## My commitments\n\n- [ ] me: plan the offsite due:2026-11-20 ^ffff") {
		t.Errorf("a re-dated promise is called stale:\n%s", note)
	}
}

func TestFeedbackToGiveTickedIsFeedbackGivenThatDayInTheReview(t *testing.T) {
	j := queueJournal(t)
	d1, d2 := day(t, "2026-11-02"), day(t, "2026-11-16")
	m, err := j.AddMeeting(Meeting{Person: "alice", Date: d1, Note: "## Feedback to give\n\n- [ ] praise for the outage write-up\n- [ ] say the demo ran long\n\n## Feedback\n\n- received: more context please\n"}, d1)
	if err != nil {
		t.Fatal(err)
	}
	var praise Item
	for _, it := range m.Items {
		if it.Kind == FeedbackToGive && strings.HasPrefix(it.Text, "praise") {
			praise = it
		}
	}
	if praise.ID == "" {
		t.Fatalf("no feedback to give with an id in %+v", m.Items)
	}
	if _, err := j.ChangeItem(praise.ID, Change{Action: ActionDone}, d2); err != nil {
		t.Fatal(err)
	}
	r, err := j.Review("alice", day(t, "2026-11-01"), day(t, "2026-11-30"), d2)
	if err != nil {
		t.Fatal(err)
	}
	md := r.Markdown()
	if !strings.Contains(md, "- praise for the outage write-up") || !strings.Contains(md, "(given) — 2026-11-16") || strings.Contains(md, "demo ran long") {
		t.Errorf("review:\n%s", md)
	}
	pending, _ := j.FeedbackToGive("alice")
	if len(pending) != 1 || !strings.HasPrefix(pending[0].Text, "say the demo") {
		t.Errorf("still to give: %+v", pending)
	}
}
