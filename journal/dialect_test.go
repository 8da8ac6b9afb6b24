package journal

import (
	"reflect"
	"testing"
)

// Tests of SPEC 2.4: notes as people write them, each rule with its near
// misses. The meeting is alice's (Alice Smith, my report) on Friday
// 2026-11-20; the journal's keeper is Robin Hale (robin).

var robin = Keeper{Name: "Robin Hale", Handle: "robin"}

func aliceKept() NoteContext {
	nc := alice
	nc.Role, nc.Keeper = RoleReport, robin
	return nc
}

func TestExtractOwnersAsPeopleWriteThem(t *testing.T) {
	tests := []struct {
		name string
		note string
		want Owner
	}{
		// Plain leads (SPEC 2.1 rule 1).
		{"I'll", "## Alice's\n- [ ] I'll send the deck\n", Me},
		{"I will", "## Alice's\n- [ ] I will send the deck\n", Me},
		{"I'm going to", "## Alice's\n- [ ] I'm going to send the deck\n", Me},
		{"curly apostrophe", "## Alice's\n- [ ] I’ll send the deck\n", Me},
		{"first name will", "- [ ] Alice will write the doc\n", Them},
		{"handle to", "- [ ] alice to write the doc\n", Them},
		{"first name is going to", "- [ ] Alice is going to write the doc\n", Them},
		{"near miss: a longer name is not the person", "- [ ] Alicia will write the doc\n", Me},
		{"near miss: the name elsewhere in the sentence", "- [ ] ask Alice to write the doc\n", Me},
		{"near miss: I in the middle", "## Alice's\n- [ ] what I will need is a doc\n", Them},
		{"near miss: 'Alice's will' is no lead", "- [ ] Alice's willingness to travel\n", Me},
		{"keeper's first name to", "## Alice's\n- [ ] Robin to book the room\n", Me},
		{"keeper's full name will", "## Alice's\n- [ ] Robin Hale will book the room\n", Me},
		// Marks anywhere.
		{"trailing @Name", "- [ ] write the doc @Alice Smith 📅 2026-12-01\n", Them},
		{"trailing @first name", "- [ ] write the doc @Alice\n", Them},
		{"@Myself", "## Alice's\n- [ ] book the room @Myself\n", Me},
		{"@ keeper", "## Alice's\n- [ ] book the room @Robin Hale\n", Me},
		{"- @Name -", "- [ ] write the doc - @Alice - Due: 2026-12-01\n", Them},
		{"arrow", "- [ ] write the doc → Alice\n", Them},
		{"(owner: Name)", "- [ ] write the doc (owner: Alice)\n", Them},
		{"Owner: Name", "- [ ] write the doc Owner: alice\n", Them},
		{"**Owner:** Name", "- [ ] **Owner:** Alice — write the doc\n", Them},
		{"a third party's mark leaves the heading to decide", "## Alice's\n- [ ] write the doc @Bob\n", Them},
		{"a third party's mark then the person's", "- [ ] ask @Bob, then @alice writes it\n", Them},
		{"an email address is no mark", "- [ ] mail alice@example.com\n", Me},
		{"near miss: Alicia after an arrow", "- [ ] write the doc → Alicia\n", Me},
		// Brackets and dated leads.
		{"[Name]", "- [ ] [Alice] write the doc\n", Them},
		{"[Manager] with my report is me", "## Alice's\n- [ ] [Manager] unblock the review\n", Me},
		{"[Report] with my report is them", "- [ ] [Report] write the tests\n", Them},
		{"[Kim] a third party", "## Alice's\n- [ ] [Kim] send the template\n", Them},
		{"[x] inside text is no bracket lead", "- [ ] [link](http://x) alice\n", Me},
		{"a dated lead with a mention", "- [ ] 2026-12-01 (@alice): send the draft\n", Them},
		// GTD tags.
		{"#promisedTo", "## Alice's\n- [ ] send the invite #promisedTo/Alice\n", Me},
		{"#waitingFor", "- [ ] the estimate #waitingFor/Alice\n", Them},
		// The title and dated headings name no owner.
		{"the title names no owner", "# 1:1 with Alice — 2026-11-20\n- [ ] x\n", Me},
		{"a title saying my names no owner", "# My 1:1 with Alice\n## Alice's\n### Hiring\n- [ ] x\n", Them},
		{"a running document's dated heading names no owner", "## Alice's commitments\n### 21 Nov, 2026 | Alice, Robin\n- [ ] x\n", Them},
		{"a bold label names an owner", "**Alice's next steps:**\n- y\n", Them},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			items := Extract([]byte(tc.note), aliceKept())
			if len(items) != 1 || items[0].Kind != Commitment {
				t.Fatalf("Extract(%q) = %s, want one commitment", tc.note, dumpItems(items))
			}
			if items[0].Owner != tc.want {
				t.Errorf("Extract(%q): owner %s, want %s", tc.note, items[0].Owner, tc.want)
			}
		})
	}
}

func TestExtractKeeperSharingTheFirstName(t *testing.T) {
	nc := aliceKept()
	nc.Keeper = Keeper{Name: "Alice Jones"}
	items := Extract([]byte("- [ ] Alice will write it\n- [ ] write it @Alice Jones\n"), nc)
	if len(items) != 2 || items[0].Owner != Them || items[1].Owner != Me {
		t.Errorf("a first name shared by keeper and person is the person's; the full name the keeper's: %s", dumpItems(items))
	}
}

func TestExtractWhatCountsAsAPromise(t *testing.T) {
	tests := []struct {
		name string
		note string
		want string // the items as dumpItems writes them
	}{
		{"bullets under an action heading are commitments", "## Action items\n- send the deck\n- Alice to write the doc\n",
			"2: commitment owner=me state=open \"send the deck\"\n3: commitment owner=them state=open \"Alice to write the doc\"\n"},
		{"next steps in a numbered list", "### Next steps\n1. send the deck\n",
			"2: commitment owner=me state=open \"send the deck\"\n"},
		{"prose bullets elsewhere stay notes, however much they say will", "## Notes\n- Alice will be out next week\n- I will admit it was hard\n", ""},
		{"decisions and past events under an action heading are not promises",
			"## Action items\n- Agreed to keep the stand-up\n- Approved the budget\n- Decided: no Friday deploys\n- Offsite booked for May 4\n", ""},
		{"a template's placeholder is not a promise", "## Action items\n- _Example: Name to do a thing_\n- [ ] *describe the action*\n", ""},
		{"TODO and DOTO leads", "1. TODO write the doc\n2. DOTO book the room\n",
			"1: commitment owner=them state=open \"TODO write the doc\"\n2: commitment owner=me state=open \"DOTO book the room\"\n"},
		{"TODO without GitLab's tags is an open task the usual rules own", "- TODO write the doc\n- DONE send it\n",
			"1: commitment owner=me state=open \"TODO write the doc\"\n2: commitment owner=me state=done \"DONE send it\"\n"},
		{"WONT is dropped and DISCUSS a topic", "- WONT move the sync\n- DISCUSS career path\n",
			"1: commitment owner=me state=dropped \"WONT move the sync\"\n2: follow-up state=open \"DISCUSS career path\"\n"},
		{"near miss: a keyword used as a noun", "- TODO list is long\n- DONE items get archived\n- Todo: lower case is prose\n", ""},
		{"AI: and Action: leads", "- AI: Alice to send the plan\n- Action: book the room\n",
			"1: commitment owner=them state=open \"AI: Alice to send the plan\"\n2: commitment owner=me state=open \"Action: book the room\"\n"},
		{"Logseq markers, DEADLINE and SCHEDULED, and a person's block",
			"- [[Alice Smith]]\n  - LATER send the timeline\n    DEADLINE: <2026-12-04 Fri>\n  - NOW write the plan\n    SCHEDULED: <2026-11-23 Mon>\n- CANCELED book the venue\n",
			"2: commitment owner=them state=open due=2026-12-04 \"LATER send the timeline DEADLINE: <2026-12-04 Fri>\"\n4: commitment owner=them state=open \"NOW write the plan SCHEDULED: <2026-11-23 Mon>\"\n6: commitment owner=me state=dropped \"CANCELED book the venue\"\n"},
		{"task items under topic headings and bold labels are topics",
			"## Discussion topics\n- [ ] conference budget\n\n**Progress on goals:**\n\n- [ ] ship search\n## OKRs\n- [x] KR1 latency\n",
			"2: follow-up state=open \"conference budget\"\n6: follow-up state=open \"ship search\"\n8: follow-up state=done \"KR1 latency\"\n"},
		{"a follow-up task with an owner mark or a due date is a commitment",
			"## Follow-ups\n- [ ] promo case\n- [ ] send the policy @alice\n- [ ] book it due:2026-12-01\n",
			"2: follow-up state=open \"promo case\"\n3: commitment owner=them state=open \"send the policy @alice\"\n4: commitment owner=me state=open due=2026-12-01 \"book it due:2026-12-01\"\n"},
		{"#discussWith is a topic", "- [ ] split the service #discussWith/Alice\n",
			"1: follow-up state=open \"split the service #discussWith/Alice\"\n"},
		{"more headings: wins and follow-ups",
			"## Wins to celebrate\n- shipped\n## High performance\n- led the drill\n## Topics for next time\n- comp\n## Carry forward\n- visa\n",
			"2: win state=open \"shipped\"\n4: win state=open \"led the drill\"\n6: follow-up state=open \"comp\"\n8: follow-up state=open \"visa\"\n"},
		{"feedback to give: a heading and tell:", "## Praise to give\n- the retry write-up\n## Notes\n- [ ] tell: great demo\n",
			"2: feedback to give state=open \"the retry write-up\"\n4: feedback to give state=open \"tell: great demo\"\n"},
		{"[/] is open", "- [/] migrate the scripts\n", "1: commitment owner=me state=open \"migrate the scripts\"\n"},
		{"front matter is not markdown", "---\npeople: \"[[Alice Smith]]\"\ntags: [x]\n---\n- [ ] x\n",
			"5: commitment owner=me state=open \"x\"\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := dumpItems(Extract([]byte(tc.note), aliceKept()))
			if got != tc.want {
				t.Errorf("Extract(%q)\n got: %s\nwant: %s", tc.note, got, tc.want)
			}
		})
	}
}

func TestExtractTables(t *testing.T) {
	note := "## Action items\n\n| Action | Owner | Due | Status |\n| --- | --- | --- | --- |\n" +
		"| Draft the rubric | Manager | 2026-12-02 | Open |\n" +
		"| Pair on the export | Alice | Next week | Done |\n" +
		"| Write the proposal | Report | | In progress |\n" +
		"| Move the budget | Robin Hale | | Cancelled |\n" +
		"| Ask Kim | Kim | by friday | |\n" +
		"| _Example: an action_ | _Owner_ | _Date_ | _Status_ |\n\n" +
		"| Time | Topic | Notes |\n| --- | --- | --- |\n| 10 min | Budget | flat |\n\n" +
		"## Discussion\n\n| Item | Who |\n| --- | --- |\n| Reorg | Alice |\n"
	want := "5: commitment owner=me state=open due=2026-12-02 \"Draft the rubric\"\n" +
		"6: commitment owner=them state=done due=2026-11-27 \"Pair on the export\"\n" +
		"7: commitment owner=them state=open \"Write the proposal\"\n" +
		"8: commitment owner=me state=dropped \"Move the budget\"\n" +
		"9: commitment owner=me state=open \"Ask Kim\"\n" +
		"20: follow-up state=open \"Reorg\"\n"
	if got := dumpItems(Extract([]byte(note), aliceKept())); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	// Read against my manager, the role words swap.
	nc := aliceKept()
	nc.Role = RoleManager
	items := Extract([]byte(note), nc)
	if items[0].Owner != Them || items[2].Owner != Me {
		t.Errorf("with my manager, Manager is them and Report me: %s", dumpItems(items))
	}
	// Ask Kim's "by friday" sits in the due column, not its text.
	if items[4].Due != 0 {
		t.Errorf("a due cell that is no date sets none: %s", dumpItems(items[4:5]))
	}
}

func TestExtractDates(t *testing.T) {
	tests := []struct {
		text, due, done string
	}{
		{"x Due: 2026-12-01", "2026-12-01", ""},
		{"x **Due:** Next week", "2026-11-27", ""},
		{"x Due: This week", "2026-11-20", ""},
		{"x Deadline: EOM", "2026-11-30", ""},
		{"x due 2026-12-01", "2026-12-01", ""},
		{"x 📆 2026-12-01", "2026-12-01", ""},
		{"x 🗓 2026-12-01", "2026-12-01", ""},
		{"x 🗓️ 2026-12-01", "2026-12-01", ""},
		{"x [due:: 2026-12-01]", "2026-12-01", ""},
		{"x (due:: 2026-12-01)", "2026-12-01", ""},
		{"x by EOW", "2026-11-20", ""},
		{"x by end of week", "2026-11-20", ""},
		{"x by in 2 weeks", "2026-12-04", ""},
		{"x Due: in 2 weeks", "2026-12-04", ""},
		{"never a due: ⏳ 2026-12-01 🛫 2026-12-02 ➕ 2026-11-19 🔁 every week ⏫ 🔼 🔽", "", ""},
		{"near miss: overdue 2026-12-01", "", ""},
		{"x (completed 2026-11-19)", "", "2026-11-19"},
		{"x (done 2026-11-19)", "", "2026-11-19"},
		{"x [completion:: 2026-11-19]", "", "2026-11-19"},
		{"x — completed on 2026-11-19", "", "2026-11-19"},
		{"x — Done, sent November 18", "", "2026-11-18"},
		{"x — done, sent December 18", "", "2025-12-18"},
	}
	for _, tc := range tests {
		items := Extract([]byte("- [x] "+tc.text+"\n"), aliceKept())
		if len(items) != 1 {
			t.Fatalf("%q: %s", tc.text, dumpItems(items))
		}
		if got := items[0].Due.String(); got != tc.due && !(got == "" && tc.due == "") {
			t.Errorf("%q: due %q, want %q", tc.text, got, tc.due)
		}
		if got := items[0].Done.String(); got != tc.done {
			t.Errorf("%q: done %q, want %q", tc.text, got, tc.done)
		}
	}
	// ❌ on a dropped item is the day it was dropped; on a done one it is nothing.
	items := Extract([]byte("- [-] x ❌ 2026-11-19\n- [x] y ❌ 2026-11-19\n"), aliceKept())
	if items[0].Done != isoDay("2026-11-19") || items[1].Done != 0 {
		t.Errorf("❌: %s", dumpItems(items))
	}
	// A checkbox-less promise that says when it was done is done.
	items = Extract([]byte("## Action items\n- send the deck — Done, sent November 18\n"), aliceKept())
	if len(items) != 1 || items[0].State != StateDone || items[0].Done != isoDay("2026-11-18") {
		t.Errorf("status word and date: %s", dumpItems(items))
	}
}

// TestChangeEveryForm: a note in any style can still be ticked, dropped,
// reopened and re-dated, each in the form it is written in.
func TestChangeEveryForm(t *testing.T) {
	today := isoDay("2026-11-22")
	table := "## Action items\n\n| Action | Owner | Due | Status |\n| --- | --- | --- | --- |\n| Draft the rubric ^t1 | Alice | 2026-12-02 | Open |\n| Book it ^t2 | Robin | | |\n"
	tests := []struct {
		name, note, id string
		ch             Change
		want           string
	}{
		{"tick a table row: its status cell", table, "t1", Change{Action: ActionDone},
			"## Action items\n\n| Action | Owner | Due | Status |\n| --- | --- | --- | --- |\n| Draft the rubric done:2026-11-22 ^t1 | Alice | 2026-12-02 | Done |\n| Book it ^t2 | Robin | | |\n"},
		{"tick a row with an empty status cell", table, "t2", Change{Action: ActionDone},
			"## Action items\n\n| Action | Owner | Due | Status |\n| --- | --- | --- | --- |\n| Draft the rubric ^t1 | Alice | 2026-12-02 | Open |\n| Book it done:2026-11-22 ^t2 | Robin | | Done |\n"},
		{"redate a table row: its due cell", table, "t1", Change{Action: ActionRedate, Due: isoDay("2026-12-09")},
			"## Action items\n\n| Action | Owner | Due | Status |\n| --- | --- | --- | --- |\n| Draft the rubric ^t1 | Alice | 2026-12-09 | Open |\n| Book it ^t2 | Robin | | |\n"},
		{"redate a row with an empty due cell", table, "t2", Change{Action: ActionRedate, Due: isoDay("2026-12-09")},
			"## Action items\n\n| Action | Owner | Due | Status |\n| --- | --- | --- | --- |\n| Draft the rubric ^t1 | Alice | 2026-12-02 | Open |\n| Book it ^t2 | Robin | 2026-12-09 | |\n"},
		{"drop a table row", table, "t1", Change{Action: ActionDrop},
			"## Action items\n\n| Action | Owner | Due | Status |\n| --- | --- | --- | --- |\n| Draft the rubric ^t1 | Alice | 2026-12-02 | Dropped |\n| Book it ^t2 | Robin | | |\n"},
		{"tick a TODO lead: DONE", "1. TODO write the doc ^g1\n", "g1", Change{Action: ActionDone},
			"1. DONE write the doc done:2026-11-22 ^g1\n"},
		{"drop a GitLab TODO: a box keeps it theirs", "1. TODO write the doc ^g1\n2. DOTO x ^g2\n", "g1", Change{Action: ActionDrop},
			"1. [-] TODO write the doc ^g1\n2. DOTO x ^g2\n"},
		{"drop a GitLab DOTO: WONT", "1. TODO write the doc ^g1\n2. DOTO x ^g2\n", "g2", Change{Action: ActionDrop},
			"1. TODO write the doc ^g1\n2. WONT x ^g2\n"},
		{"tick a GitLab TODO: a box keeps it theirs", "1. TODO write the doc ^g1\n2. DOTO x ^g2\n", "g1", Change{Action: ActionDone},
			"1. [x] TODO write the doc done:2026-11-22 ^g1\n2. DOTO x ^g2\n"},
		{"reopen a GitLab DONE of mine: DOTO", "1. DONE write the doc done:2026-11-20 ^g1\n2. DOTO x ^g2\n", "g1", Change{Action: ActionReopen},
			"1. DOTO write the doc ^g1\n2. DOTO x ^g2\n"},
		{"drop a Logseq LATER: CANCELED", "- LATER send it\n  DEADLINE: <2026-12-04 Fri> ^l1\n", "l1", Change{Action: ActionDrop},
			"- CANCELED send it\n  DEADLINE: <2026-12-04 Fri> ^l1\n"},
		{"redate a Logseq DEADLINE", "- LATER send it\n  DEADLINE: <2026-12-04 Fri> ^l1\n", "l1", Change{Action: ActionRedate, Due: isoDay("2026-12-11")},
			"- LATER send it\n  DEADLINE: <2026-12-11 Fri> ^l1\n"},
		{"tick an action-heading bullet: a box", "## Next steps\n- Alice to send the plan ^n1\n", "n1", Change{Action: ActionDone},
			"## Next steps\n- [x] Alice to send the plan done:2026-11-22 ^n1\n"},
		{"redate a Due: phrase", "- [ ] x **Due:** next week ^d1\n", "d1", Change{Action: ActionRedate, Due: isoDay("2026-12-11")},
			"- [ ] x **Due:** 2026-12-11 ^d1\n"},
		{"redate a Dataview due", "- [ ] x [due:: 2026-12-01] ^d1\n", "d1", Change{Action: ActionRedate, Due: isoDay("2026-12-11")},
			"- [ ] x [due:: 2026-12-11] ^d1\n"},
		{"reopen removes a Dataview completion, brackets and all", "- [x] x [completion:: 2026-11-19] ^d1\n", "d1", Change{Action: ActionReopen},
			"- [ ] x ^d1\n"},
		{"tick an in-progress [/]", "- [/] x ^d1\n", "d1", Change{Action: ActionDone},
			"- [x] x done:2026-11-22 ^d1\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := rewriteItem([]byte(tc.note), aliceKept(), tc.id, tc.ch, today)
			if err != nil {
				t.Fatalf("rewriteItem: %v", err)
			}
			if string(got) != tc.want {
				t.Errorf("rewriteItem(%q)\n = %q\nwant %q", tc.note, got, tc.want)
			}
		})
	}
}

// TestStampEveryForm: ids and done dates land where the item can keep them.
func TestStampEveryForm(t *testing.T) {
	note := "## Action items\n\n| Action | Owner | Status |\n| --- | --- | --- |\n| Draft it | Alice | Done |\n| Book it | Robin | |\n\n" +
		"1. TODO write the doc\n1. DONE send it\n\n## Praise to give\n- [ ] the demo\n"
	want := "## Action items\n\n| Action | Owner | Status |\n| --- | --- | --- |\n| Draft it done:2026-11-21 ^id1 | Alice | Done |\n| Book it ^id2 | Robin | |\n\n" +
		"1. TODO write the doc ^id3\n1. DONE send it done:2026-11-21 ^id4\n\n## Praise to give\n- [ ] the demo ^id5\n"
	got, _ := Stamp([]byte(note), aliceKept(), isoDay("2026-11-21"), counter("id"))
	if string(got) != want {
		t.Errorf("Stamp\n = %q\nwant %q", got, want)
	}
	before, after := Extract([]byte(note), aliceKept()), Extract(got, aliceKept())
	for i := range before {
		before[i].ID, after[i].ID = "", ""
		after[i].Text, before[i].Text = "", ""
		before[i].Done, after[i].Done = 0, 0
	}
	if !reflect.DeepEqual(before, after) {
		t.Errorf("stamping changed what the note says:\n%s\n%s", dumpItems(before), dumpItems(after))
	}
}

func TestExtractHeadingsNamingTheKeeper(t *testing.T) {
	tests := []struct {
		note string
		want Owner
	}{
		{"## Alice's commitments\n### Robin's\n- [ ] x\n", Me},
		{"## Robin Hale's commitments\n- [ ] x\n", Me},
		{"## Robin's commitments\n### Next steps\n- x\n", Me},
		{"## Robin's commitments\n### Alice\n- [ ] x\n", Them},
		{"## Robbie's commitments\n### Alice's\n#### Notes\n- [ ] x\n", Them},
	}
	for _, tc := range tests {
		items := Extract([]byte(tc.note), aliceKept())
		if len(items) != 1 || items[0].Owner != tc.want {
			t.Errorf("Extract(%q) = %s, want owner %s", tc.note, dumpItems(items), tc.want)
		}
	}
	// Without a keeper, the name is nobody's and the heading above decides.
	if items := Extract([]byte("## Alice's\n### Robin's\n- [ ] x\n"), alice); len(items) != 1 || items[0].Owner != Them {
		t.Errorf("without a keeper: %s", dumpItems(items))
	}
}
