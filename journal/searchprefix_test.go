package journal

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// TestSearchReadingPartOfANoteFindsWhatTheWholeNoteGives: a one-word
// search reads a note only up to the end of the line the word is first
// on. Wherever that line falls (first line, last, across the points
// where reading pauses, in a note of one long line) and whatever else the
// note holds (the Kelvin sign or dotted capital I, which lower-case into
// k and i), its hits are those matchNote cuts from the whole note.
func TestSearchReadingPartOfANoteFindsWhatTheWholeNoteGives(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "ana", "Ana")
	rng := rand.New(rand.NewPCG(5, 6))
	filler := []string{"the plan", "we talked", "about the roadmap", "and hiring", "next week", "— a long aside",
		"王小明 joined", "the 🚀 launch", "Kite", "inventory"}
	forms := []string{"budget", "Budget", "BUDGET", "budgets", "bUdGeT", "\u212aite", "kite", "\u0130nventory", "İNVENTORY"}
	var ids []MeetingID
	for i := range 300 {
		var b strings.Builder
		size := 100 + rng.IntN(3000)
		for b.Len() < size {
			if rng.IntN(12) == 0 {
				b.WriteString(forms[rng.IntN(len(forms))])
			} else {
				b.WriteString(filler[rng.IntN(len(filler))])
			}
			switch rng.IntN(8) {
			case 0:
				b.WriteString("\n")
			case 1:
				if i%7 != 0 { // every seventh note is one long line
					b.WriteString("\n- [ ] ")
				} else {
					b.WriteString(" ")
				}
			default:
				b.WriteString(" ")
			}
		}
		m := mustMeeting(t, j, "ana", NewDate(2020, 1, 1).AddDays(i).String(), b.String())
		ids = append(ids, m.ID)
	}
	for _, word := range []string{"budget", "kite", "inventory", "ki", "t"} {
		hits, err := j.Search(Query{Text: word, Limit: -1})
		if err != nil {
			t.Fatal(err)
		}
		got := map[MeetingID]Hit{}
		for _, h := range hits {
			got[h.Meeting] = h
		}
		// Only the notes the index names are read: block ids are not
		// indexed, and a random one may hold the word ("^ki4l").
		indexed := map[MeetingID]bool{}
		if err := j.view(func(tx *bolt.Tx) error {
			cands, err := candidates(tx.Bucket(bucketTerms), []string{word})
			for _, id := range cands {
				indexed[id] = true
			}
			return err
		}); err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, id := range ids {
			if !indexed[id] {
				if _, ok := got[id]; ok {
					t.Errorf("%q: %s is a hit but not in the index", word, id)
				}
				continue
			}
			m, err := j.Meeting(id)
			if err != nil {
				t.Fatal(err)
			}
			want, ok := matchNote(m, []string{word})
			if !ok {
				continue
			}
			n++
			if g := got[id]; fmt.Sprint(g) != fmt.Sprint(want) {
				t.Errorf("%q in %s: hit %+v, the whole note gives %+v", word, id, g, want)
			}
		}
		if n != len(hits) || n == 0 {
			t.Errorf("%q: %d hits, the whole notes give %d", word, len(hits), n)
		}
	}
}

// TestFirstLineHoldsAtEveryPause: however the reading of a note is cut
// into steps, the test says "enough" only once the start holds the
// word's first match and the end of its line, or never when the note
// lacks the word — also for a match cut in two by a pause.
func TestFirstLineAtEveryPause(t *testing.T) {
	notes := []string{
		"x budget\nmore",
		"a line\nand the BUDGET here\n",
		"no match at all\n",
		"budget",
		"budge budget\n",
		"xx budget yy Budget\nzz budget\n",
		"kite, a kite\nkite",
		"bud\u212a\u212aite kite\nlast",
		"\u0130nventory then inventory\n",
	}
	for _, note := range notes {
		for _, w := range []string{"budget", "kite", "inventory"} {
			want := indexFold(note, w)
			for step := 1; step <= len(note); step++ {
				fl := newFirstLine(w)
				enough := fl.holds
				end := 0
				for end < len(note) {
					end = min(end+step, len(note))
					if enough(note[:end]) {
						break
					}
				}
				p := note[:end]
				if end < len(note) {
					if k := fl.at; !fl.found || k != want || !strings.Contains(p[k:], "\n") {
						t.Errorf("%q in %q, steps of %d: enough at %d bytes, match at %d, want %d with its line", w, note, step, end, k, want)
					}
				}
			}
		}
	}
}
