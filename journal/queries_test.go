package journal

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

func TestFlagsFollowTheSpec(t *testing.T) {
	today := day(t, "2026-11-23")
	c := func(state State, due, done string, carried int) Item {
		it := Item{Kind: Commitment, State: state, Carried: carried}
		if due != "" {
			it.Due = day(t, due)
		}
		if done != "" {
			it.Done = day(t, done)
		}
		return it
	}
	cases := []struct {
		name     string
		it       Item
		want     Flag
		overdue  int
		daysLate int
	}{
		{"open and due yesterday is overdue", c(StateOpen, "2026-11-22", "", 1), FlagOverdue, 1, 0},
		{"open and due today is due soon, not overdue", c(StateOpen, "2026-11-23", "", 1), FlagDueSoon, 0, 0},
		{"open and due in 3 days is due soon", c(StateOpen, "2026-11-26", "", 1), FlagDueSoon, 0, 0},
		{"open and due in 4 days has no flag", c(StateOpen, "2026-11-27", "", 1), 0, 0, 0},
		{"open without a date is undated", c(StateOpen, "", "", 1), FlagUndated, 0, 0},
		{"done on the due date is kept", c(StateDone, "2026-11-10", "2026-11-10", 1), FlagKept, 0, 0},
		{"done before the due date is kept", c(StateDone, "2026-11-10", "2026-11-01", 1), FlagKept, 0, 0},
		{"done and undated is kept", c(StateDone, "", "2026-11-01", 1), FlagKept, 0, 0},
		{"done after the due date is kept late", c(StateDone, "2026-11-10", "2026-11-14", 1), FlagKeptLate, 0, 4},
		{"dropped is neither kept nor overdue", c(StateDropped, "2026-11-01", "", 1), 0, 0, 0},
		{"open in two notes is carried", c(StateOpen, "2026-11-01", "", 2), FlagOverdue | FlagCarried, 22, 0},
		{"done in two notes is not carried", c(StateDone, "2026-11-01", "2026-11-01", 2), FlagKept, 0, 0},
		{"an open follow-up in two notes is carried", Item{Kind: FollowUp, State: StateOpen, Carried: 2}, FlagCarried, 0, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.it.Flags(today); got != tc.want {
				t.Errorf("flags %v, want %v", got.Names(), tc.want.Names())
			}
			if got := tc.it.DaysOverdue(today); got != tc.overdue {
				t.Errorf("days overdue %d, want %d", got, tc.overdue)
			}
			if got := tc.it.DaysLate(); got != tc.daysLate {
				t.Errorf("days late %d, want %d", got, tc.daysLate)
			}
		})
	}
}

// ledgerJournal holds, for alice, commitments of every outcome in both
// directions, as of 2026-11-23.
func ledgerJournal(t *testing.T) *Journal {
	j := openTemp(t)
	mustPerson(t, j, "alice", "Alice Martin")
	mustPerson(t, j, "bob", "Bob")
	mustMeeting(t, j, "alice", "2026-09-01", `## My commitments
- [x] kept early due:2026-09-05 done:2026-09-03
- [x] kept late due:2026-09-05 done:2026-09-12
- [-] dropped due:2026-09-05
## Alice's commitments
- [x] kept on the day due:2026-09-10 done:2026-09-10
- [ ] overdue since september due:2026-09-15
`)
	mustMeeting(t, j, "alice", "2026-11-16", `## My commitments
- [ ] overdue in november due:2026-11-20
- [ ] not due yet due:2026-12-20
- [ ] undated promise
## Alice's commitments
- [x] done late in november due:2026-11-01 done:2026-11-04
`)
	mustMeeting(t, j, "bob", "2026-11-16", "- [ ] bob's own thing due:2026-11-01\n")
	return j
}

func TestLedgerCountsEachOutcomeInBothDirections(t *testing.T) {
	j := ledgerJournal(t)
	l, err := j.Ledger("alice", 0, 0, day(t, "2026-11-23"))
	if err != nil {
		t.Fatal(err)
	}
	wantMine := LedgerSide{Kept: 1, KeptLate: 1, DaysLate: 7, Overdue: 1, Dropped: 1, Open: 2}
	wantTheirs := LedgerSide{Kept: 1, KeptLate: 1, DaysLate: 3, Overdue: 1}
	if l.Mine != wantMine {
		t.Errorf("mine %+v, want %+v", l.Mine, wantMine)
	}
	if l.Theirs != wantTheirs {
		t.Errorf("theirs %+v, want %+v", l.Theirs, wantTheirs)
	}
	if r, ok := l.Mine.KeepRate(); !ok || fmt.Sprintf("%.3f", r) != "0.333" {
		t.Errorf("keep rate %v %v, want 1/3 (dropped and open not counted)", r, ok)
	}
}

func TestLedgerOverADateRangeCountsWhatFellDueInIt(t *testing.T) {
	j := ledgerJournal(t)
	today := day(t, "2026-11-23")
	l, err := j.Ledger("alice", day(t, "2026-11-01"), day(t, "2026-11-30"), today)
	if err != nil {
		t.Fatal(err)
	}
	if (l.Mine != LedgerSide{Overdue: 1, Open: 1}) || (l.Theirs != LedgerSide{KeptLate: 1, DaysLate: 3}) {
		t.Errorf("november: mine %+v theirs %+v", l.Mine, l.Theirs)
	}
	months, err := j.MonthlyLedger("alice", 3, today)
	if err != nil {
		t.Fatal(err)
	}
	if len(months) != 3 || months[0].From != day(t, "2026-09-01") || months[2].To != day(t, "2026-11-30") {
		t.Fatalf("months %v", months)
	}
	if months[0].Mine.Kept != 1 || months[0].Theirs.Overdue != 1 || months[1] != (Ledger{Person: "alice", From: day(t, "2026-10-01"), To: day(t, "2026-10-31")}) {
		t.Errorf("monthly ledger %+v", months)
	}
	if _, ok := (LedgerSide{Open: 3, Dropped: 1}).KeepRate(); ok {
		t.Error("a side with nothing due yet has no keep rate")
	}
}

func TestFlaggedListsOverdueThenDueSoonThenUndated(t *testing.T) {
	j := ledgerJournal(t)
	mustMeeting(t, j, "bob", "2026-11-20", "- [ ] soon thing due:2026-11-24\n")
	got, err := j.Flagged(day(t, "2026-11-23"), ItemFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, it := range got {
		texts = append(texts, strings.Fields(it.Text)[0]+"/"+it.Person)
	}
	want := "overdue/alice bob's/bob overdue/alice soon/bob undated/alice"
	if strings.Join(texts, " ") != want {
		t.Errorf("got %v\nwant %v", texts, want)
	}
	mine, _ := j.Flagged(day(t, "2026-11-23"), ItemFilter{Person: "alice", Owner: Them})
	if len(mine) != 1 || !strings.HasPrefix(mine[0].Text, "overdue since september") {
		t.Errorf("alice's own flagged: %v", mine)
	}
	j.SetArchived("bob", true)
	all, _ := j.Flagged(day(t, "2026-11-23"), ItemFilter{})
	for _, it := range all {
		if it.Person == "bob" {
			t.Error("an archived person's commitments are flagged")
		}
	}
}

func TestPeopleDueForAOneOnOneByCadence(t *testing.T) {
	j := openTemp(t)
	for _, p := range []Person{
		{Handle: "weekly", Cadence: 7}, {Handle: "fortnight"}, {Handle: "monthly", Cadence: 30}, {Handle: "never"},
	} {
		if _, err := j.AddPerson(p); err != nil {
			t.Fatal(err)
		}
	}
	mustMeeting(t, j, "weekly", "2026-11-16", "x\n")    // 7 days ago: due
	mustMeeting(t, j, "fortnight", "2026-11-10", "x\n") // 13 days ago: not yet
	mustMeeting(t, j, "monthly", "2026-10-01", "x\n")   // 53 days ago: due
	due, err := j.DueForOneOnOne(day(t, "2026-11-23"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, st := range due {
		got = append(got, st.Handle)
	}
	if strings.Join(got, " ") != "never monthly weekly" {
		t.Errorf("due for a 1:1: %v, want never (no 1:1 yet), monthly, weekly", got)
	}
	all, _ := j.PeopleStatus(day(t, "2026-11-23"), false)
	for _, st := range all {
		if st.Handle == "fortnight" && (st.DaysSince != 13 || st.Meetings != 1) {
			t.Errorf("fortnight: %+v", st)
		}
		if st.Handle == "never" && st.DaysSince != -1 {
			t.Errorf("never: days since %d", st.DaysSince)
		}
	}
}

func TestPeopleStatusCountsOverdueBothWays(t *testing.T) {
	j := ledgerJournal(t)
	all, err := j.PeopleStatus(day(t, "2026-11-23"), false)
	if err != nil {
		t.Fatal(err)
	}
	a := all[0]
	if a.Handle != "alice" || a.OverdueMine != 1 || a.OverdueTheirs != 1 || a.OpenMine != 3 || a.OpenTheirs != 1 {
		t.Errorf("alice: %+v", a)
	}
}

func TestPrepGathersOpenItemsBothWaysFollowUpsAndWins(t *testing.T) {
	j := ledgerJournal(t)
	mustMeeting(t, j, "alice", "2026-11-20", "## Wins\n- shipped search\n## Follow-ups\n- career path\n")
	pr, err := j.Prep("alice", day(t, "2026-11-23"))
	if err != nil {
		t.Fatal(err)
	}
	if len(pr.Mine) != 3 || len(pr.Theirs) != 1 || len(pr.FollowUps) != 1 || len(pr.Wins) != 1 {
		t.Fatalf("prep: mine %d theirs %d follow-ups %d wins %d", len(pr.Mine), len(pr.Theirs), len(pr.FollowUps), len(pr.Wins))
	}
	if pr.DaysSince != 3 || pr.DueForOneOnOne {
		t.Errorf("days since %d due %v", pr.DaysSince, pr.DueForOneOnOne)
	}
	md := pr.Markdown()
	for _, want := range []string{"- ✗ **overdue 3 days** (due 2026-11-20) — overdue in november\n", "## Follow-ups to raise", "career path", "shipped search", "| | mine | Alice's |"} {
		if !strings.Contains(md, want) {
			t.Errorf("prep markdown lacks %q:\n%s", want, md)
		}
	}
}

// The prep shows each promise once, its state and date ahead of its text
// and the date not again from the text's token; block ids only when asked;
// and a ledger whose open figures are the promises listed above it, also
// those due beyond the 90 days or overdue since before them (issue 13).
func TestPrepListsEachPromiseOnceAndItsLedgerAgreesWithTheLists(t *testing.T) {
	j := ledgerJournal(t)
	mustMeeting(t, j, "alice", "2026-05-04", "## My commitments\n- [ ] overdue since may 📅 2026-05-10\n")
	today := day(t, "2026-11-23")
	pr, err := j.Prep("alice", today)
	if err != nil {
		t.Fatal(err)
	}
	md := pr.Markdown()
	for _, want := range []string{
		"- ✗ **overdue 197 days** (due 2026-05-10) — overdue since may\n",
		"- ○ due 2026-12-20 — not due yet\n",
		"- ? _undated_ — undated promise\n",
		"| overdue now | 2 | 1 |",
		"| open, not due | 2 | 0 |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("prep lacks %q:\n%s", want, md)
		}
	}
	for _, not := range []string{"📅 2026-05-10", "due:2026-12-20", "`^"} {
		if strings.Contains(md, not) {
			t.Errorf("prep holds %q:\n%s", not, md)
		}
	}
	listed := len(pr.Mine)
	if got := pr.Ledger.Mine.Overdue + pr.Ledger.Mine.Slipped + pr.Ledger.Mine.Open; got != listed {
		t.Errorf("the ledger counts %d of my promises open, the prep lists %d", got, listed)
	}
	withIDs := pr.Format(PrepFormat{IDs: true})
	if strings.Count(withIDs, "`^") != len(pr.Mine)+len(pr.Theirs)+len(pr.FollowUps) {
		t.Errorf("asked for ids, the prep shows %d:\n%s", strings.Count(withIDs, "`^"), withIDs)
	}
}

func TestTemplateCarriesOpenItemsWithTheirIDsAndFixedDates(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "alice", "Alice Martin")
	m := mustMeeting(t, j, "alice", "2026-11-02", `## My commitments
- [ ] send the deck by friday
- [x] done already
## Alice's commitments
- [ ] draft RFC
## Follow-ups
- career path
`)
	tpl, err := j.Template("alice", day(t, "2026-11-16"))
	if err != nil {
		t.Fatal(err)
	}
	deck := itemByText(t, m.Items, "send the deck")
	rfc := itemByText(t, m.Items, "draft RFC")
	career := itemByText(t, m.Items, "career path")
	for _, want := range []string{
		"- [ ] send the deck by 2026-11-06 ^" + deck.ID, // friday of the first meeting, not of the new one
		"- [ ] draft RFC ^" + rfc.ID,
		"- [ ] career path ^" + career.ID,
		"## Alice's commitments",
	} {
		if !strings.Contains(tpl, want) {
			t.Errorf("template lacks %q:\n%s", want, tpl)
		}
	}
	if strings.Contains(tpl, "done already") {
		t.Error("a done commitment was carried")
	}
	m2 := mustMeeting(t, j, "alice", "2026-11-16", tpl)
	for _, it := range m2.Items {
		orig := itemByText(t, m.Items, it.Text[:5])
		if it.ID != orig.ID || it.Owner != orig.Owner || it.Kind != orig.Kind || it.Due != orig.Due {
			t.Errorf("carried %q: %+v, was %+v", it.Text, it, orig)
		}
	}
	if it, _ := j.Item(deck.ID); it.Carried != 2 {
		t.Errorf("carried count %d, want 2", it.Carried)
	}
}

func TestReviewPacketCoversTheRange(t *testing.T) {
	j := ledgerJournal(t)
	mustMeeting(t, j, "alice", "2026-10-05", "## Wins\n- led the incident review\n## Feedback\n- received: clearer goals please\n")
	mustMeeting(t, j, "alice", "2026-12-05", "## Wins\n- outside the range\n")
	r, err := j.Review("alice", day(t, "2026-10-01"), day(t, "2026-11-30"), day(t, "2026-11-23"))
	if err != nil {
		t.Fatal(err)
	}
	md := r.Markdown()
	for _, want := range []string{"led the incident review", "clearer goals please (received)", "overdue in november", "## Trust ledger"} {
		if !strings.Contains(md, want) {
			t.Errorf("review lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "outside the range") || strings.Contains(md, "overdue since september") {
		t.Errorf("review holds items outside the range:\n%s", md)
	}
	if r.Meetings != 2 {
		t.Errorf("meetings %d, want 2", r.Meetings)
	}
}

func TestSearchFindsWordsAndPhrasesNewestFirst(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "alice", "Alice")
	mustPerson(t, j, "bob", "Bob")
	mustMeeting(t, j, "alice", "2026-01-10", "Talked about the Roadmap and hiring.\n")
	mustMeeting(t, j, "alice", "2026-02-10", "Roadmap review went well.\nNext: hiring plan.\n")
	mustMeeting(t, j, "bob", "2026-03-10", "Bob's roadmaps for Q3; 東京 office.\n")
	cases := []struct {
		name  string
		q     Query
		dates string
	}{
		{"a word, any case, newest first", Query{Text: "roadmap"}, "2026-03-10 2026-02-10 2026-01-10"},
		{"all words must match", Query{Text: "ROADMAP hiring"}, "2026-02-10 2026-01-10"},
		{"a quoted phrase matches as a whole", Query{Text: `"roadmap review"`}, "2026-02-10"},
		{"a phrase that is not in any note", Query{Text: `"hiring roadmap"`}, ""},
		{"filtered by person", Query{Text: "roadmap", Person: "alice"}, "2026-02-10 2026-01-10"},
		{"filtered by dates", Query{Text: "roadmap", From: day(t, "2026-02-01"), To: day(t, "2026-02-28")}, "2026-02-10"},
		{"CJK text", Query{Text: "東京"}, "2026-03-10"},
		{"limited", Query{Text: "roadmap", Limit: 1}, "2026-03-10"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			hits, err := j.Search(tc.q)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range hits {
				got = append(got, h.Date.String())
			}
			if strings.Join(got, " ") != tc.dates {
				t.Errorf("got %v, want %s", got, tc.dates)
			}
		})
	}
	hits, _ := j.Search(Query{Text: "hiring", Person: "alice", Limit: 1})
	if len(hits) != 1 || hits[0].Line != 2 || hits[0].Snippet != "Next: hiring plan." {
		t.Errorf("snippet: %+v", hits)
	}
}

func TestSearchForgetsWordsRemovedFromANote(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "alice", "Alice")
	m := mustMeeting(t, j, "alice", "2026-01-10", "secret project zebra\n")
	m.Note = "project renamed\n"
	if _, err := j.SaveMeeting(m, m.Date); err != nil {
		t.Fatal(err)
	}
	if hits, _ := j.Search(Query{Text: "zebra"}); len(hits) != 0 {
		t.Errorf("a removed word is still found: %v", hits)
	}
	if hits, _ := j.Search(Query{Text: "renamed"}); len(hits) != 1 {
		t.Errorf("a new word is not found: %v", hits)
	}
	j.DeleteMeeting(m.ID)
	var left int
	j.view(func(tx *bolt.Tx) error { left = tx.Bucket(bucketTerms).Stats().KeyN; return nil })
	if left != 0 {
		t.Errorf("%d search index entries left after the only note was deleted", left)
	}
}

func TestSearchPostingsSplitAndStayComplete(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "alice", "Alice")
	var ms []Meeting
	for i := 0; i < 3*chunkSize+7; i++ {
		d := day(t, "2020-01-01").AddDays(i)
		ms = append(ms, Meeting{Person: "alice", Date: d, Note: fmt.Sprintf("common word, note %d\n", i)})
	}
	if _, err := j.AddMeetings(ms, day(t, "2026-01-01")); err != nil {
		t.Fatal(err)
	}
	hits, err := j.Search(Query{Text: "common", Limit: 10000})
	if err != nil || len(hits) != len(ms) {
		t.Fatalf("found %d of %d: %v", len(hits), len(ms), err)
	}
	// Deleting every other meeting leaves exactly the rest findable.
	all, _ := j.Meetings("alice")
	for i, m := range all {
		if i%2 == 0 {
			j.DeleteMeeting(m.ID)
		}
	}
	hits, _ = j.Search(Query{Text: "common", Limit: 10000})
	if len(hits) != len(all)/2 {
		t.Errorf("after deletes found %d, want %d", len(hits), len(all)/2)
	}
}

func TestBlockIDsAreNotSearchTerms(t *testing.T) {
	var got []string
	tokens("- [ ] Send the deck ^c7f3 to Ana^b2 done:2026-11-20 ^k3f9", func(term string) { got = append(got, term) })
	if want := "send the deck to ana b2 done 2026 11 20"; strings.Join(got, " ") != want {
		t.Errorf("terms %q, want %q", strings.Join(got, " "), want)
	}
}

func TestAnOlderNoteShowsACommitmentAsItStandsToday(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "alice", "Alice")
	m1 := mustMeeting(t, j, "alice", "2026-11-02", "- [ ] send the deck due:2026-11-06\n")
	id := m1.Items[0].ID
	mustMeeting(t, j, "alice", "2026-11-09", "- [x] send the deck due:2026-11-06 done:2026-11-08 ^"+id+"\n")
	old, _ := j.Meeting(m1.ID)
	if old.Items[0].State != StateDone || old.Items[0].Line != 1 {
		t.Fatalf("Meeting gives the older note's promise as its note wrote it: %+v", old.Items[0])
	}
	if ex := Extract([]byte(old.Note), NoteContext{Date: old.Date}); ex[0].State != StateOpen {
		t.Fatal("the older note itself still says open")
	}
	now, err := j.Current(old.Items)
	if err != nil {
		t.Fatal(err)
	}
	if now[0].State != StateDone || now[0].Carried != 2 || now[0].Line != 1 || now[0].Flags(day(t, "2026-11-23")).Has(FlagOverdue) {
		t.Errorf("current: %+v", now[0])
	}
}

func TestANoteDatedAfterTodayIsNotTheLastOneOnOne(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "alice", "Alice")
	mustMeeting(t, j, "alice", "2026-11-16", "held\n")
	mustMeeting(t, j, "alice", "2026-11-27", "agenda written ahead\n")
	today := day(t, "2026-11-23")
	st, err := j.PeopleStatus(today, false)
	if err != nil {
		t.Fatal(err)
	}
	if st[0].LastMeeting != day(t, "2026-11-16") || st[0].DaysSince != 7 || st[0].Meetings != 2 {
		t.Errorf("status: last %s, %d days since, %d meetings", st[0].LastMeeting, st[0].DaysSince, st[0].Meetings)
	}
	pr, _ := j.Prep("alice", today)
	if pr.LastMeeting != day(t, "2026-11-16") || pr.DaysSince != 7 {
		t.Errorf("prep: last %s, %d days since", pr.LastMeeting, pr.DaysSince)
	}
}

func TestMeetingOnFindsThePersonsMeetingThatDay(t *testing.T) {
	j := ledgerJournal(t)
	later := mustMeeting(t, j, "alice", "2026-11-16", "second that day\n")
	mustMeeting(t, j, "alice", "2026-11-20", "after\n")
	for _, tc := range []struct {
		name, handle, date string
		want               MeetingID
		ok                 bool
	}{
		{"the latest of two that day", "alice", "2026-11-16", later.ID, true},
		{"none that day", "alice", "2026-11-17", 0, false},
		{"another person's day", "bob", "2026-11-20", 0, false},
		{"before every meeting", "alice", "2020-01-01", 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id, ok, err := j.MeetingOn(tc.handle, day(t, tc.date))
			if err != nil || ok != tc.ok || id != tc.want {
				t.Errorf("MeetingOn = %v %v %v, want %v %v", id, ok, err, tc.want, tc.ok)
			}
		})
	}
	if _, _, err := j.MeetingOn("nobody", day(t, "2026-11-16")); !errors.Is(err, ErrNotFound) {
		t.Errorf("an unknown person: %v", err)
	}
}
