package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/oneonone/1on1/journal"
)

// ledgerFixture is the fixture with Zoe, to whom I have broken my only
// promise, and Alice, to whom I kept four of five (one re-dated in time): by name Alice comes
// first, by my keep rate Zoe does. A year earlier I kept one of two
// promises to Alice on time.
func ledgerFixture(t *testing.T) (*journal.Journal, string) {
	t.Helper()
	j, dir := fixture(t)
	if _, err := j.AddPerson(journal.Person{Handle: "zoe", Name: "Zoe Park", Role: journal.RoleReport, Cadence: 14}); err != nil {
		t.Fatal(err)
	}
	for _, m := range []journal.Meeting{
		{Person: "alice", Date: journal.NewDate(2026, time.November, 5), Note: "# 1:1\n\n## My commitments\n\n- [x] book the offsite due:2026-11-06 done:2026-11-06\n- [x] send the notes due:2026-11-07 done:2026-11-05\n- [x] intro to finance due:2026-11-09 done:2026-11-09\n- [x] share the agenda ~~due:2026-11-06~~ (moved 2026-11-05) due:2026-11-08 done:2026-11-08\n"},
		// A year before: one kept, one kept late, so the 365 days compare.
		{Person: "alice", Date: journal.NewDate(2025, time.June, 2), Note: "# 1:1\n\n## My commitments\n\n- [x] plan the quarter due:2025-06-06 done:2025-06-06\n- [x] write the review due:2025-06-10 done:2025-06-20\n"},
		{Person: "zoe", Date: journal.NewDate(2026, time.November, 3), Note: "# 1:1\n\n## My commitments\n\n- [ ] share the promo packet due:2026-11-10\n"},
	} {
		if _, err := j.AddMeeting(m, today); err != nil {
			t.Fatal(err)
		}
	}
	return j, dir
}

// ledgerRows returns the people of the ledger list, in order.
func ledgerRows(m *model) []string {
	lp := m.panes[paneLedger].(*ledgerPane)
	var out []string
	for _, it := range lp.list.VisibleItems() {
		out = append(out, it.(ledgerRow).l.person.Handle)
	}
	return out
}

func TestLedgerSortPutsTheLeastReliableFirst(t *testing.T) {
	for _, tc := range []struct {
		presses int
		want    string
	}{
		{0, "alice bo zoe"}, // by name
		{1, "zoe alice bo"}, // my rate: Zoe 0%, Alice 75%, Bo has none due
		{2, "alice bo zoe"}, // their rate: Alice 0%, Bo 100%, Zoe none
		{3, "alice bo zoe"}, // back to names
	} {
		j, dir := ledgerFixture(t)
		tm := newTestModel(t, j, dir, 100, 30)
		waitFor(t, tm, "Alice Martin")
		tm.Send(press("l"))
		waitFor(t, tm, "Zoe Park", "keep rate by month")
		for i := 0; i < tc.presses; i++ {
			tm.Send(press("s"))
			time.Sleep(20 * time.Millisecond)
		}
		m := finalModel(t, tm)
		if got := strings.Join(ledgerRows(m), " "); got != tc.want {
			t.Errorf("after %d × s the ledger lists %q, want %q", tc.presses, got, tc.want)
		}
		if tc.presses == 1 {
			if lp := m.panes[paneLedger].(*ledgerPane); lp.list.Index() != 0 {
				t.Errorf("sorting left the cursor on row %d, not the least reliable", lp.list.Index())
			}
		}
	}
}

func TestLedgerRangePickedShowsThePeriodBefore(t *testing.T) {
	j, dir := ledgerFixture(t)
	tm := newTestModel(t, j, dir, 80, 24)
	waitFor(t, tm, "Alice Martin")
	tm.Send(press("l"))
	waitFor(t, tm, "last 90 days")
	tm.Send(press("r")) // last 365 days
	waitFor(t, tm, "last 365 days: 2025-11-24 to 2026-11-23", "before: 2024-11-24 to 2025-11-23", "▲ 30 pts")
	time.Sleep(100 * time.Millisecond)
	requireGolden(t, finalModel(t, tm).View())
}

func TestLedgerRangeThisQuarterComparesTheQuarterBefore(t *testing.T) {
	cur, prev, ok := ledgerRanges[3].periods(today)
	if !ok || cur.From != journal.NewDate(2026, time.October, 1) || cur.To != today ||
		prev.From != journal.NewDate(2026, time.July, 1) || prev.To != journal.NewDate(2026, time.September, 30) {
		t.Errorf("this quarter is %v, before %v (%v)", cur, prev, ok)
	}
	jan := journal.NewDate(2027, time.January, 15)
	cur, prev, _ = ledgerRanges[3].periods(jan)
	if cur.From != journal.NewDate(2027, time.January, 1) || prev.From != journal.NewDate(2026, time.October, 1) || prev.To != journal.NewDate(2026, time.December, 31) {
		t.Errorf("in January this quarter is %v, before %v", cur, prev)
	}
	if _, _, ok := ledgerRanges[4].periods(today); ok {
		t.Error("all time has a period before it")
	}
}

func TestLedgerDrillDownListsThePromisesAndOpensTheNote(t *testing.T) {
	j, dir := ledgerFixture(t)
	tm := newTestModel(t, j, dir, 80, 24)
	waitFor(t, tm, "Alice Martin")
	tm.Send(press("l"))
	waitFor(t, tm, "last 90 days", "keep rate by month")
	tm.Send(press("enter")) // Alice's promises
	waitFor(t, tm, "Promises · Alice", "book the offsite")
	tm.Send(press("o")) // kept only
	waitFor(t, tm, "Promises · Alice · kept")
	tm.Send(press("/")) // the re-dated one, to show its history
	tm.Type("agenda")
	tm.Send(press("enter"))
	waitFor(t, tm, "renegotiated)")
	time.Sleep(100 * time.Millisecond)
	m := finalModel(t, tm)
	requireGolden(t, m.View())
	lp := m.panes[paneLedger].(*ledgerPane)
	for _, it := range lp.drill.list.Items() {
		if o := it.(drillRow).it.Outcome(today); o != journal.OutcomeKept {
			t.Errorf("the kept list holds a promise %s", o)
		}
	}
	if n := len(lp.drill.list.Items()); n != 4 {
		t.Errorf("%d kept promises listed, want 4", n)
	}
}

// TestLedgerDrillDownEnterOpensTheNoteAndEscGoesBack: enter on a promise
// opens its note at its line, esc there returns to the promises, and esc
// there to the people.
func TestLedgerDrillDownEnterOpensTheNoteAndEscGoesBack(t *testing.T) {
	j, dir := ledgerFixture(t)
	tm := newTestModel(t, j, dir, 100, 30)
	waitFor(t, tm, "Alice Martin")
	tm.Send(press("l"))
	waitFor(t, tm, "keep rate by month")
	tm.Send(press("enter"))
	waitFor(t, tm, "Promises · Alice")
	for i := 0; i < 4; i++ { // overdue
		tm.Send(press("o"))
	}
	waitFor(t, tm, "· overdue", "review hiring plan")
	tm.Send(press("enter"))
	waitFor(t, tm, "open: ", "» ", "esc back to ledger")
	tm.Send(press("esc")) // back to the promises it came from, still filtered
	waitFor(t, tm, "Promises · Alice · overdue")
	time.Sleep(50 * time.Millisecond)
	m := finalModel(t, tm)
	if lp := m.panes[paneLedger].(*ledgerPane); m.view != paneLedger || lp.drill == nil || drillOutcomes[lp.drill.outcome] != journal.OutcomeOverdue {
		t.Errorf("esc from the note shows %s, not the overdue promise it was opened from", m.view)
	}

	tm = newTestModel(t, j, dir, 100, 30)
	waitFor(t, tm, "Alice Martin")
	tm.Send(press("l"))
	waitFor(t, tm, "keep rate by month")
	tm.Send(press("enter"))
	waitFor(t, tm, "Promises · Alice")
	tm.Send(press("esc"))
	time.Sleep(50 * time.Millisecond)
	m = finalModel(t, tm)
	if lp := m.panes[paneLedger].(*ledgerPane); lp.drill != nil || m.view != paneLedger {
		t.Errorf("esc from the promises left view %s, drill open %v", m.view, lp.drill != nil)
	}
}

func TestLedgerPromisePreviewTellsEachMoveOfTheDueDate(t *testing.T) {
	d := func(m time.Month, day int) journal.Date { return journal.NewDate(2026, m, day) }
	it := journal.Item{Kind: journal.Commitment, Person: "alice", Text: "ship it", State: journal.StateOpen,
		Due: d(time.November, 30), FirstSeen: d(time.November, 2), Date: d(time.November, 16),
		History: []journal.DueSet{{Due: d(time.November, 10), Set: d(time.November, 2)},
			{Due: d(time.November, 12), Set: d(time.November, 9)}, {Due: d(time.November, 30), Set: d(time.November, 16)}}}
	got := drillText(it, today, newStyles())
	for _, want := range []string{"2026-11-10 set 2026-11-02", "→ 2026-11-12 on 2026-11-09 (renegotiated)", "→ 2026-11-30 on 2026-11-16 (slipped)", "outcome    slipped"} {
		if !strings.Contains(got, want) {
			t.Errorf("the preview does not say %q:\n%s", want, got)
		}
	}
}

func TestLedgerDropsAnAnswerForARangeLeftBehind(t *testing.T) {
	m := newLedgerPane(&env{st: newStyles(), now: clockAt(today)})
	late := ledgersLoadedMsg{rng: defaultLedgerRange + 1, ledgers: []personLedger{{person: journal.PersonStatus{Person: journal.Person{Handle: "old", Name: "Old Range"}}}}}
	m.Update(late)
	if n := len(m.list.Items()); n != 0 {
		t.Errorf("an answer for another range filled %d rows", n)
	}
	late.rng = defaultLedgerRange
	m.Update(late)
	if n := len(m.list.Items()); n != 1 {
		t.Errorf("the answer for the range shown filled %d rows, want 1", n)
	}
}
