package journal

import (
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// reviewLines are the lines random notes are made of: commitments both
// ways, dated, undated, ticked, dropped, follow-ups, wins and plain text.
var reviewLines = []string{
	"- [ ] me: send the deck by friday",
	"- [ ] them: review the plan due:2026-11-25",
	"- [x] book the room due:2026-11-20",
	"- [ ] Alice: write the memo by next week",
	"- [-] drop the offsite",
	"- [ ] call finance",
	"- [X] ship the fix done:2026-11-30 due:2026-11-28",
	"- [ ] follow-up: hiring plan",
	"- [ ] @alice update the wiki by dec 3",
	"plain words about budget and roadmap",
}

var reviewHeadings = []string{"## My commitments", "## Alice's commitments", "## Follow-ups", "## Wins", "## Notes"}

// reviewNote builds a note of random lines, some carrying ids of items the
// journal already holds (carried over, as a template would).
func reviewNote(r *rand.Rand, carry []Item) string {
	var b strings.Builder
	for range 1 + r.Intn(6) {
		switch r.Intn(5) {
		case 0:
			b.WriteString(reviewHeadings[r.Intn(len(reviewHeadings))] + "\n")
		case 1:
			if len(carry) > 0 {
				it := carry[r.Intn(len(carry))]
				box := []string{"[ ]", "[x]", "[-]"}[r.Intn(3)]
				fmt.Fprintf(&b, "- %s %s ^%s\n", box, stripDone(it.Text), it.ID)
				continue
			}
			fallthrough
		default:
			b.WriteString(reviewLines[r.Intn(len(reviewLines))] + "\n")
		}
	}
	return b.String()
}

func stripDone(s string) string {
	return doneTokenRe().ReplaceAllString(s, "")
}

// itemsSummary describes items by what a user sees of them.
func itemsSummary(items []Item, today Date) []string {
	var out []string
	for _, it := range items {
		out = append(out, fmt.Sprintf("%s %s %s %s owner=%s due=%s done=%s first=%s carried=%d flags=%v",
			it.ID, it.Person, it.Kind, it.State, it.Owner, it.Due, it.Done, it.FirstSeen, it.Carried, it.Flags(today).Names()))
	}
	slices.Sort(out)
	return out
}

// rebuilt adds every note of j, in meeting order, to a new journal: what a
// from-scratch import of the notes gives.
func rebuilt(t *testing.T, j *Journal) *Journal {
	t.Helper()
	k := openTemp(t)
	people, err := j.People(true)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range people {
		if _, err := k.AddPerson(p); err != nil {
			t.Fatal(err)
		}
	}
	err = j.ForEachMeeting(func(m Meeting) error {
		_, err := k.AddMeeting(Meeting{Person: m.Person, Date: m.Date, Time: m.Time, Note: m.Note}, m.Date)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func mustCheckOK(t *testing.T, j *Journal, after string) {
	t.Helper()
	rep, err := j.Check()
	if err != nil {
		t.Fatalf("after %s: check: %v", after, err)
	}
	if !rep.OK {
		t.Fatalf("after %s: check: %s", after, rep)
	}
}

// Every write keeps the derived data (items, open lists, ledgers, search
// index) equal to what the notes alone say: after any sequence of adds,
// saves (new notes, new dates, new people), deletes, item changes and
// renames, Check reports OK and the flags and ledgers are those of a
// journal rebuilt from the notes.
func TestAnySequenceOfWritesLeavesDerivedDataAsTheNotesSayIt(t *testing.T) {
	seeds := 40
	if testing.Short() {
		seeds = 5
	}
	today := day(t, "2026-12-01")
	base := day(t, "2026-11-01")
	for seed := range seeds {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			r := rand.New(rand.NewSource(int64(seed)))
			j := openTemp(t)
			mustPerson(t, j, "alice", "Alice Martin")
			mustPerson(t, j, "bob", "Bob Stone")
			handles := []string{"alice", "bob"}
			var log []string
			for step := range 40 {
				var all []Meeting
				if err := j.ForEachMeeting(func(m Meeting) error { all = append(all, m); return nil }); err != nil {
					t.Fatal(err)
				}
				open, err := j.OpenCommitments(ItemFilter{})
				if err != nil {
					t.Fatal(err)
				}
				var known []Item
				for _, h := range handles {
					j.view(func(tx *bolt.Tx) error {
						its, _ := personItems(tx, h)
						known = append(known, its...)
						return nil
					})
				}
				op := r.Intn(7)
				if len(all) == 0 {
					op = 0
				}
				var desc string
				switch op {
				case 0, 1:
					h := handles[r.Intn(2)]
					d := base.AddDays(r.Intn(30))
					note := reviewNote(r, known)
					desc = fmt.Sprintf("add %s %s %q", h, d, note)
					if _, err := j.AddMeeting(Meeting{Person: h, Date: d, Note: note}, d); err != nil {
						t.Fatalf("%s: %v", desc, err)
					}
				case 2:
					m := all[r.Intn(len(all))]
					switch r.Intn(3) {
					case 0:
						m.Note = reviewNote(r, known)
					case 1:
						m.Date = base.AddDays(r.Intn(30))
					case 2:
						m.Person = handles[r.Intn(2)]
					}
					desc = fmt.Sprintf("save %s as %s %s %q", m.ID, m.Person, m.Date, m.Note)
					if _, err := j.SaveMeeting(m, today); err != nil {
						t.Fatalf("%s: %v", desc, err)
					}
				case 3:
					m := all[r.Intn(len(all))]
					desc = fmt.Sprintf("delete %s", m.ID)
					if err := j.DeleteMeeting(m.ID); err != nil {
						t.Fatalf("%s: %v", desc, err)
					}
				case 4, 5:
					items := append(open, known...)
					if len(items) == 0 {
						continue
					}
					it := items[r.Intn(len(items))]
					ch := Change{Action: Action(1 + r.Intn(4)), Due: base.AddDays(r.Intn(40))}
					desc = fmt.Sprintf("change %s %d", it.ID, ch.Action)
					ch.Person = it.Person
					if _, err := j.ChangeItem(it.ID, ch, today); err != nil && !strings.Contains(err.Error(), "edit the note by hand") {
						t.Fatalf("%s: %v", desc, err)
					}
				case 6:
					h := handles[r.Intn(2)]
					p, err := j.Person(h)
					if err != nil {
						t.Fatal(err)
					}
					p.Name = []string{"Alice Martin", "Bob Stone", "Carol Alice", "Dan"}[r.Intn(4)]
					desc = fmt.Sprintf("rename %s to %s", h, p.Name)
					if _, err := j.UpdatePerson(p); err != nil {
						t.Fatalf("%s: %v", desc, err)
					}
				}
				log = append(log, desc)
				mustCheckOK(t, j, fmt.Sprintf("step %d:\n%s", step, strings.Join(log, "\n")))
			}

			k := rebuilt(t, j)
			for _, h := range handles {
				got, err := j.Flagged(today, ItemFilter{Person: h})
				if err != nil {
					t.Fatal(err)
				}
				want, err := k.Flagged(today, ItemFilter{Person: h})
				if err != nil {
					t.Fatal(err)
				}
				if g, w := itemsSummary(got, today), itemsSummary(want, today); !slices.Equal(g, w) {
					t.Errorf("Flagged(%s) = \n%s\nrebuilt from the notes: \n%s\nafter:\n%s", h, strings.Join(g, "\n"), strings.Join(w, "\n"), strings.Join(log, "\n"))
				}
				gl, err := j.Ledger(h, 0, 0, today)
				if err != nil {
					t.Fatal(err)
				}
				wl, err := k.Ledger(h, 0, 0, today)
				if err != nil {
					t.Fatal(err)
				}
				if gl != wl {
					t.Errorf("Ledger(%s) = %+v, rebuilt from the notes: %+v", h, gl, wl)
				}
			}
		})
	}
}

// Ticking a commitment from the list ticks it, even when its line was
// copied within its note (same block id twice): the journal reads the last
// repeat as the item's state, so that is the one a change must rewrite.
func TestTickingACommitmentWhoseLineIsRepeatedInItsNoteTicksIt(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "alice", "Alice Martin")
	today := day(t, "2026-11-20")
	mustMeeting(t, j, "alice", "2026-11-20", "- [ ] send the deck ^dup1\n\n## Notes\n\n- [ ] send the deck ^dup1\n")
	it, err := j.ChangeItem("dup1", Change{Action: ActionDone}, today)
	if err != nil {
		t.Fatal(err)
	}
	if it.State != StateDone {
		t.Errorf("after ActionDone the item is %s, want done", it.State)
	}
	open, err := j.OpenCommitments(ItemFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(open) != 0 {
		t.Errorf("after ticking, %d commitments are still open: %+v", len(open), open)
	}
}

// Search finds a note by any word it holds, whatever its letters: a word
// with a capital dotted I (Turkish names, İstanbul) is found by itself.
func TestSearchFindsWordsWithTurkishCapitalI(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "alice", "Alice Martin")
	mustMeeting(t, j, "alice", "2026-11-20", "Trip to İstanbul next month.\n")
	for _, q := range []string{"İstanbul", "istanbul"} {
		hits, err := j.Search(Query{Text: q})
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		if len(hits) != 1 {
			t.Errorf("search %q found %d notes, want 1", q, len(hits))
		}
	}
}

// Notes imported from another journal keep their promises apart from the
// journal's own: two different commitments are never merged into one
// carried item because both journals happened to hand out the same block id.
func TestImportedNotesNeverMergeWithUnrelatedCommitmentsOfTheJournal(t *testing.T) {
	src := openTemp(t)
	mustPerson(t, src, "alice", "Alice Martin")
	mustMeeting(t, src, "alice", "2026-11-20", "- [ ] send the deck due:2026-11-25\n")
	dir := t.TempDir()
	if _, err := src.ExportMarkdown(dir, ExportOptions{}); err != nil {
		t.Fatal(err)
	}

	dst := openTemp(t)
	mustPerson(t, dst, "alice", "Alice Martin")
	mustMeeting(t, dst, "alice", "2026-11-20", "- [x] book the room due:2026-11-21 done:2026-11-21\n")
	if _, err := dst.ImportMarkdown(dir, nil); err != nil {
		t.Fatal(err)
	}
	mustCheckOK(t, dst, "import")
	l, err := dst.Ledger("alice", 0, 0, day(t, "2026-12-01"))
	if err != nil {
		t.Fatal(err)
	}
	want := LedgerSide{Kept: 1, Overdue: 1}
	if l.Mine != want {
		t.Errorf("ledger of my promises after import = %+v, want %+v (book the room kept, send the deck overdue)", l.Mine, want)
	}
}

// Carrying open commitments into a new note keeps their owners, whatever
// the person's first name: "My" (a common Vietnamese name) must not turn
// the heading "My's commitments" into one of mine.
func TestTemplateKeepsTheirCommitmentsTheirsWhateverTheirName(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "my", "My Tran")
	mustMeeting(t, j, "my", "2026-11-20", "## Their commitments\n\n- [ ] write the memo due:2026-11-30\n")
	note, err := j.Template("my", day(t, "2026-12-04"))
	if err != nil {
		t.Fatal(err)
	}
	d := day(t, "2026-12-04")
	if _, err := j.AddMeeting(Meeting{Person: "my", Date: d, Note: note}, d); err != nil {
		t.Fatal(err)
	}
	open, err := j.OpenCommitments(ItemFilter{Person: "my"})
	if err != nil {
		t.Fatal(err)
	}
	if len(open) != 1 || open[0].Owner != Them {
		t.Fatalf("after carrying over, open commitments = %+v, want one owned by them", open)
	}
}

// The search index stays complete and exact through many saves, deletes
// and date changes of notes that share a word, when its postings span
// several chunks: search finds every note holding the word, and no deleted
// one.
func TestSearchFindsExactlyTheLiveNotesAfterManyEditsAcrossChunks(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "alice", "Alice Martin")
	r := rand.New(rand.NewSource(7))
	base := day(t, "2026-01-01")
	live := map[MeetingID]bool{}
	ids := func() []MeetingID {
		var out []MeetingID
		for id := range live {
			out = append(out, id)
		}
		slices.Sort(out)
		return out
	}
	steps := 1500
	if testing.Short() {
		steps = 300
	}
	for step := range steps {
		cur := ids()
		switch op := r.Intn(10); {
		case op < 5 || len(cur) == 0:
			d := base.AddDays(r.Intn(200))
			m, err := j.AddMeeting(Meeting{Person: "alice", Date: d, Note: "budget talk\n"}, d)
			if err != nil {
				t.Fatal(err)
			}
			live[m.ID] = true
		case op < 7:
			id := cur[r.Intn(len(cur))]
			if err := j.DeleteMeeting(id); err != nil {
				t.Fatal(err)
			}
			delete(live, id)
		case op < 9:
			m, err := j.Meeting(cur[r.Intn(len(cur))])
			if err != nil {
				t.Fatal(err)
			}
			delete(live, m.ID)
			m.Date = base.AddDays(r.Intn(200))
			if m, err = j.SaveMeeting(m, m.Date); err != nil {
				t.Fatal(err)
			}
			live[m.ID] = true
		default:
			m, err := j.Meeting(cur[r.Intn(len(cur))])
			if err != nil {
				t.Fatal(err)
			}
			m.Note = "nothing here\n"
			if _, err := j.SaveMeeting(m, m.Date); err != nil {
				t.Fatal(err)
			}
			delete(live, m.ID)
		}
		if step%100 == 99 {
			mustCheckOK(t, j, fmt.Sprintf("step %d", step))
		}
	}
	mustCheckOK(t, j, "the last step")
	hits, err := j.Search(Query{Text: "budget", Limit: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	var got []MeetingID
	for _, h := range hits {
		got = append(got, h.Meeting)
	}
	slices.Sort(got)
	if want := ids(); !slices.Equal(got, want) {
		t.Errorf("search found %d notes, %d hold the word", len(got), len(want))
	}
	// Stale postings are no harm to search, but they are to the file:
	// every id under the term must be a live note holding it.
	err = j.view(func(tx *bolt.Tx) error {
		ps, err := postingsWithPrefix(tx.Bucket(bucketTerms), "budget")
		if err != nil {
			return err
		}
		if want := ids(); !slices.Equal(ps, want) {
			t.Errorf("the index lists %d notes under the word, %d hold it", len(ps), len(want))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Search finds every word a note holds: only a block id (a caret word at
// the end of an item) is left out of the index, not any word after a caret
// ("2^10", a footnote "[^legal]").
func TestSearchFindsWordsThatFollowACaretInText(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "alice", "Alice Martin")
	mustMeeting(t, j, "alice", "2026-11-20", "Storage grew 2^10 times; see the note[^legal].\n\n[^legal]: counsel reviewed it.\n")
	for _, q := range []string{"10", "legal"} {
		hits, err := j.Search(Query{Text: q})
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		if len(hits) != 1 {
			t.Errorf("search %q found %d notes, want 1", q, len(hits))
		}
	}
}

// MonthlyLedger of no months, or of a negative number of them, is an
// empty trend or an error, never a panic.
func TestMonthlyLedgerOfANegativeNumberOfMonthsDoesNotPanic(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "alice", "Alice Martin")
	defer func() {
		if r := recover(); r != nil {
			t.Errorf("MonthlyLedger(-1) panicked: %v", r)
		}
	}()
	_, _ = j.MonthlyLedger("alice", -1, day(t, "2026-11-20"))
}

// A note the journal accepted reads back: a note just under the size
// limit that stamping (block ids, done dates) takes over the limit must be
// refused or read back whole, never stored as a record that then reads as
// damaged.
func TestANoteAcceptedAtTheSizeLimitReadsBackAfterStamping(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "alice", "Alice Martin")
	task := "- [ ] send the deck\n"
	filler := strings.Repeat("notes about the roadmap and the team\n", MaxNoteSize/37+1)
	note := filler[:MaxNoteSize-len(task)-1] + "\n" + task
	if len(note) != MaxNoteSize {
		t.Fatalf("note is %d bytes", len(note))
	}
	d := day(t, "2026-11-20")
	m, err := j.AddMeeting(Meeting{Person: "alice", Date: d, Note: note}, d)
	if err != nil {
		return // refused: fine
	}
	if _, err := j.Meeting(m.ID); err != nil {
		t.Errorf("the meeting was stored (note of %d bytes after stamping) but reads back as: %v", len(m.Note), err)
	}
}

// Listing archived people too shows their counts as they are: archiving
// hides a person, it does not clear what is open between us.
func TestPeopleStatusWithArchivedCountsTheArchivedPersonsCommitments(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "alice", "Alice Martin")
	mustMeeting(t, j, "alice", "2026-11-01", "- [ ] send the deck due:2026-11-10\n- [ ] them: review the plan due:2026-11-10\n")
	if err := j.SetArchived("alice", true); err != nil {
		t.Fatal(err)
	}
	sts, err := j.PeopleStatus(day(t, "2026-11-20"), true)
	if err != nil {
		t.Fatal(err)
	}
	if len(sts) != 1 {
		t.Fatalf("PeopleStatus(withArchived) listed %d people, want 1", len(sts))
	}
	if st := sts[0]; st.OverdueMine != 1 || st.OverdueTheirs != 1 || st.OpenMine != 1 || st.OpenTheirs != 1 {
		t.Errorf("archived alice: overdue %d/%d, open %d/%d; want 1/1 and 1/1", st.OverdueMine, st.OverdueTheirs, st.OpenMine, st.OpenTheirs)
	}
}
