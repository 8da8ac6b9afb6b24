package journal

import (
	"bytes"
	"testing"
	"unicode/utf8"
)

// The seed corpora live in testdata/fuzz/FuzzExtract and
// testdata/fuzz/FuzzStamp; these add the notes the other tests use.
var fuzzSeeds = []string{
	"- [ ] send deck by friday ^a1\n- [x] review done:2026-11-19\n",
	"## Follow-ups\r\n- promo\r\n- [x] budget\r\n",
	"## Wins\n- shipped\n## Feedback\n- given: clear\n",
	"> - [ ] quoted\n>   lazy\n",
	"- [ ]x not a task\n- [-] dropped\n- [~] renegotiated\n",
	"1. [ ] a\n\n   - [ ] b\n\n2. [X] c 📅 2026-12-01 ✅ 2026-11-20\n",
	// SPEC 2.4: tables, keywords, marks, labels and the other dates.
	"## Action items\n\n| Action | Owner | Due | Status |\n| --- | --- | --- | --- |\n| Draft it ^t1 | Manager | next week | Done |\n| Book it | Alice | | |\n| _Example_ | _Owner_ | | |\n",
	"| What | Who |\n|---|---|\n| a \\| b | robin |\n| c |\n",
	"1. TODO Alice to send it\n1. DOTO book the room\n1. DONE x\n1. WONT y\n1. DISCUSS z\n",
	"- [[Alice Smith]]\n\t- LATER send it\n\t  DEADLINE: <2026-12-04 Fri>\n\t- NOW plan\n\t  SCHEDULED: <2026-11-23 Mon>\n- CANCELED venue\n",
	"**Next steps:**\n\n- AI: Alice to write it - due 2026-12-01\n- Action: @Robin Hale books it **Due:** next week\n- Agreed to wait\n- _Example: name to do x_\n",
	"## Follow-ups\n- [ ] promo\n- [ ] policy @alice\n- [/] x [due:: 2026-12-01] [completion:: 2026-11-19]\n- [-] y ❌ 2026-11-18\n",
	"---\ntags: [a]\n---\n# 1:1 with Alice\nEnergy level? 6/10\n## Private\n- [ ] tell: great demo\n- [ ] [Manager] x → Alice (owner: me) #promisedTo\n",
}

// FuzzExtract checks that Extract never panics and that what it returns
// holds together: lines inside the note, kinds and states set, ids only on
// commitments and follow-ups.
func FuzzExtract(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, note []byte) {
		lines := bytes.Count(note, []byte("\n")) + 1
		for _, it := range Extract(note, alice) {
			if it.Line < 1 || it.Line > lines {
				t.Fatalf("item on line %d of a %d-line note: %+v", it.Line, lines, it)
			}
			if it.Kind < Commitment || it.Kind > FeedbackToGive || it.State < StateOpen || it.State > StateDropped {
				t.Fatalf("item without kind or state: %+v", it)
			}
			if it.Text == "" {
				t.Fatalf("item without text: %+v", it)
			}
			if it.ID != "" && (it.Kind == Win || it.Kind == Feedback || !validID(it.ID)) {
				t.Fatalf("bad id %q on %+v", it.ID, it)
			}
			if (it.Kind == Commitment) != (it.Owner != 0) {
				t.Fatalf("owner %v on a %v", it.Owner, it.Kind)
			}
			if utf8.Valid(note) && !utf8.ValidString(it.Text) {
				t.Fatalf("valid note gave invalid text %q", it.Text)
			}
		}
	})
}

// FuzzStamp checks Stamp's promises on any note (see checkStamp), and that
// rewriting a stamped item changes its own lines only.
func FuzzStamp(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, note []byte) {
		checkStamp(t, note)
		stamped, _ := Stamp(note, alice, propertyStampDay, counter("zq"))
		for _, it := range scan(stamped, alice) {
			if it.ID == "" {
				continue
			}
			own := make(map[int]bool)
			if it.box >= 0 {
				own[bytes.Count(stamped[:it.box], []byte("\n"))] = true
			}
			for _, pc := range it.pieces {
				own[bytes.Count(stamped[:pc.src], []byte("\n"))] = true
			}
			for _, tc := range []struct {
				ch    Change
				state State
			}{
				{Change{Action: ActionDone}, StateDone},
				{Change{Action: ActionDrop}, StateDropped},
				{Change{Action: ActionReopen}, StateOpen},
				{Change{Action: ActionRedate, Due: propertyStampDay}, it.State},
			} {
				ch := tc.ch
				out, err := rewriteItem(stamped, alice, it.ID, ch, propertyStampDay)
				if err != nil && it.row != nil && !it.row.hasStatus && ch.Action == ActionDrop {
					continue // a table without a status column has no place to say dropped
				}
				if err != nil {
					t.Fatalf("rewriteItem(%s, action %d): %v in %q", it.ID, ch.Action, err, stamped)
				}
				var after *Item
				for _, got := range Extract(out, alice) {
					if got.ID == it.ID {
						after = &got
						break
					}
				}
				if after == nil || after.State != tc.state || ch.Action == ActionRedate && after.Due != ch.Due {
					t.Fatalf("rewriteItem(%s, action %d) left %+v: %q -> %q", it.ID, ch.Action, after, stamped, out)
				}
				before, lines := bytes.Split(stamped, []byte("\n")), bytes.Split(out, []byte("\n"))
				if len(before) != len(lines) {
					t.Fatalf("rewriteItem(%s, action %d) changed the number of lines: %q -> %q", it.ID, ch.Action, stamped, out)
				}
				for i := range before {
					if !own[i] && !bytes.Equal(before[i], lines[i]) {
						t.Fatalf("rewriteItem(%s, action %d) changed line %d of another item: %q -> %q", it.ID, ch.Action, i+1, stamped, out)
					}
				}
			}
			break // one item per note keeps the fuzzer fast
		}
	})
}
