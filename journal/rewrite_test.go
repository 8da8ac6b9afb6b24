package journal

import (
	"errors"
	"testing"
)

func TestRewriteItem(t *testing.T) {
	today := isoDay("2026-11-22")
	tests := []struct {
		name string
		note string
		id   string
		ch   Change
		want string
	}{
		{"done ticks the box and stamps today's date before the id",
			"- [ ] send deck ^a1\n", "a1", Change{Action: ActionDone},
			"- [x] send deck done:2026-11-22 ^a1\n"},
		{"done keeps a done date the item has",
			"- [ ] send deck ✅ 2026-11-20 ^a1\n", "a1", Change{Action: ActionDone},
			"- [x] send deck ✅ 2026-11-20 ^a1\n"},
		{"done on a done item changes nothing",
			"- [X] send deck done:2026-11-20 ^a1\n", "a1", Change{Action: ActionDone},
			"- [X] send deck done:2026-11-20 ^a1\n"},
		{"done on a dropped item ticks it",
			"- [~] send deck ^a1\n", "a1", Change{Action: ActionDone},
			"- [x] send deck done:2026-11-22 ^a1\n"},
		{"done on a plain follow-up bullet adds a ticked box",
			"## Follow-ups\n- promo case ^f1\n", "f1", Change{Action: ActionDone},
			"## Follow-ups\n- [x] promo case done:2026-11-22 ^f1\n"},
		{"drop marks the box [-]",
			"- [ ] send deck ^a1\n", "a1", Change{Action: ActionDrop},
			"- [-] send deck ^a1\n"},
		{"drop keeps a [~]",
			"- [~] send deck ^a1\n", "a1", Change{Action: ActionDrop},
			"- [~] send deck ^a1\n"},
		{"drop on a plain follow-up bullet adds a dropped box",
			"## Next time\n1. promo case ^f1\n", "f1", Change{Action: ActionDrop},
			"## Next time\n1. [-] promo case ^f1\n"},
		{"reopen clears the box and removes the done date",
			"- [x] send deck done:2026-11-20 ^a1\n", "a1", Change{Action: ActionReopen},
			"- [ ] send deck ^a1\n"},
		{"reopen removes a ✅ date",
			"- [x] send deck ✅ 2026-11-20 by friday ^a1\n", "a1", Change{Action: ActionReopen},
			"- [ ] send deck by friday ^a1\n"},
		{"reopen removes a done date that starts a line",
			"- [x] send deck\n  done:2026-11-20 more ^a1\n", "a1", Change{Action: ActionReopen},
			"- [ ] send deck\n  more ^a1\n"},
		{"reopen reopens a dropped item",
			"- [-] send deck ^a1\n", "a1", Change{Action: ActionReopen},
			"- [ ] send deck ^a1\n"},
		{"redate strikes the due: token with the day of the move and writes the new one",
			"- [ ] send deck due:2026-11-25 ^a1\n", "a1", Change{Action: ActionRedate, Due: isoDay("2026-12-04")},
			"- [ ] send deck ~~due:2026-11-25~~ (moved 2026-11-22) due:2026-12-04 ^a1\n"},
		{"redate strikes a 📅 token and keeps the 📅 form",
			"- [ ] send deck 📅 2026-11-25 ^a1\n", "a1", Change{Action: ActionRedate, Due: isoDay("2026-12-04")},
			"- [ ] send deck ~~📅 2026-11-25~~ (moved 2026-11-22) 📅 2026-12-04 ^a1\n"},
		{"redate strikes a by phrase as the date it stood for",
			"- [ ] send deck by end of the month, ok? ^a1\n", "a1", Change{Action: ActionRedate, Due: isoDay("2026-12-04")},
			"- [ ] send deck ~~due:2026-11-30~~ (moved 2026-11-22) due:2026-12-04, ok? ^a1\n"},
		{"a second redate strikes the date in force and keeps the first move",
			"- [ ] send deck ~~due:2026-11-25~~ (moved 2026-11-20) due:2026-12-04 ^a1\n", "a1", Change{Action: ActionRedate, Due: isoDay("2026-12-11")},
			"- [ ] send deck ~~due:2026-11-25~~ (moved 2026-11-20) ~~due:2026-12-04~~ (moved 2026-11-22) due:2026-12-11 ^a1\n"},
		{"redate to the date in force changes nothing",
			"- [ ] send deck due:2026-12-04 ^a1\n", "a1", Change{Action: ActionRedate, Due: isoDay("2026-12-04")},
			"- [ ] send deck due:2026-12-04 ^a1\n"},
		{"redate adds a due: token to an undated item, before its id",
			"- [ ] send deck ^a1\n", "a1", Change{Action: ActionRedate, Due: isoDay("2026-12-04")},
			"- [ ] send deck due:2026-12-04 ^a1\n"},
		{"redate adds a due: token when the by phrase spans lines",
			"- [ ] send deck by dec\n  3 ^a1\n", "a1", Change{Action: ActionRedate, Due: isoDay("2026-12-04")},
			"- [ ] send deck by dec\n  3 due:2026-12-04 ^a1\n"},
		{"only the item's own lines change, CRLF and all",
			"# Notes\r\n- [ ] a ^a1\r\n- [ ] b\r\n  more ^b2\r\n- [ ] c ^c3\r\n", "b2", Change{Action: ActionDone},
			"# Notes\r\n- [ ] a ^a1\r\n- [x] b\r\n  more done:2026-11-22 ^b2\r\n- [ ] c ^c3\r\n"},
		{"a nested item changes without its parent or children",
			"- [ ] parent ^p1\n  - [ ] child ^c1\n    - [ ] grandchild ^g1\n", "c1", Change{Action: ActionDrop},
			"- [ ] parent ^p1\n  - [-] child ^c1\n    - [ ] grandchild ^g1\n"},
		{"a change goes through when Seen is the item's text",
			"- [ ] send deck by friday ^a1\n", "a1", Change{Action: ActionDone, Seen: "send deck by friday"},
			"- [x] send deck by friday done:2026-11-22 ^a1\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := rewriteItem([]byte(tc.note), alice, tc.id, tc.ch, today)
			if err != nil {
				t.Fatalf("rewriteItem(%q, %s): %v", tc.note, tc.id, err)
			}
			if string(got) != tc.want {
				t.Errorf("rewriteItem(%q, %s)\n = %q\nwant %q", tc.note, tc.id, got, tc.want)
			}
		})
	}
}

func TestRewriteItemRefuses(t *testing.T) {
	note := "- [ ] send deck ^a1\n## Wins\n- shipped ^w1\n"
	tests := []struct {
		name string
		id   string
		ch   Change
		want error
	}{
		{"an id that is not in the note is not found", "zz", Change{Action: ActionDone}, ErrNotFound},
		{"an empty id is not found", "", Change{Action: ActionDone}, ErrNotFound},
		{"a win's caret is no item id", "w1", Change{Action: ActionDone}, ErrNotFound},
		{"a stale Seen means the note changed", "a1", Change{Action: ActionDone, Seen: "send the deck"}, ErrNoteChanged},
		{"a redate without a date is invalid", "a1", Change{Action: ActionRedate}, ErrInvalid},
		{"an unknown action is invalid", "a1", Change{Action: 99}, ErrInvalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := rewriteItem([]byte(note), alice, tc.id, tc.ch, isoDay("2026-11-22"))
			if !errors.Is(err, tc.want) {
				t.Fatalf("rewriteItem(%s) = %q, %v; want an error wrapping %v", tc.id, got, err, tc.want)
			}
		})
	}
}

// TestRewriteItemKeepsItsItem checks that every action leaves the item where
// it was, with the state and dates it asked for.
func TestRewriteItemKeepsItsItem(t *testing.T) {
	note := []byte("## Alice's\n- [ ] send deck by friday ^a1\n## Follow-ups\n- promo ^f1\n")
	for _, id := range []string{"a1", "f1"} {
		for _, tc := range []struct {
			ch    Change
			state State
		}{
			{Change{Action: ActionDone}, StateDone},
			{Change{Action: ActionDrop}, StateDropped},
			{Change{Action: ActionReopen}, StateOpen},
			{Change{Action: ActionRedate, Due: isoDay("2027-01-05")}, StateOpen},
		} {
			out, err := rewriteItem(note, alice, id, tc.ch, isoDay("2026-11-22"))
			if err != nil {
				t.Fatal(err)
			}
			var found *Item
			items := Extract(out, alice)
			for i := range items {
				if items[i].ID == id {
					found = &items[i]
				}
			}
			if found == nil || found.State != tc.state || len(items) != 2 {
				t.Fatalf("after action %d on %s: %+v in %q", tc.ch.Action, id, found, out)
			}
			if tc.ch.Action == ActionRedate && found.Due != tc.ch.Due {
				t.Errorf("after redate of %s: due %s, want %s in %q", id, found.Due, tc.ch.Due, out)
			}
			if tc.ch.Action == ActionDone && found.Done != isoDay("2026-11-22") {
				t.Errorf("after done of %s: done %s in %q", id, found.Done, out)
			}
			if found.Kind == Commitment && found.Owner != Them {
				t.Errorf("after action %d, %s changed owner: %q", tc.ch.Action, id, out)
			}
		}
	}
}
