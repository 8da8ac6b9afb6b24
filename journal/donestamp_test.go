package journal

import (
	"os"
	"path/filepath"
	"testing"
)

// TestDoneDatesOnImportAndOnSave: SPEC 2.1 — a ticked item without a done
// date is stamped with the meeting's date on import (old notes are
// history) and with today through note and the app; a done date the note
// gives in any form (issue 18: "(completed D)", "[completion:: D]", "✅ D")
// is kept, never stamped over.
func TestDoneDatesOnImportAndOnSave(t *testing.T) {
	body := "## Action items\n- [x] send the deck\n- [x] book the room (completed 2026-02-11)\n- [x] call finance [completion:: 2026-02-10]\n- [x] draft the memo ✅ 2026-02-09\n"
	want := map[string]string{"send the deck": "", "book the room": "2026-02-11", "call finance": "2026-02-10", "draft the memo": "2026-02-09"}

	t.Run("import: the meeting's date", func(t *testing.T) {
		j := openTemp(t)
		mustPerson(t, j, "alice", "Alice Smith")
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "2026-02-12.md"), []byte("---\nperson: alice\ndate: 2026-02-12\n---\n"+body), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := j.ImportMarkdown(dir, nil); err != nil {
			t.Fatal(err)
		}
		ms, err := j.Meetings("alice")
		if err != nil || len(ms) != 1 {
			t.Fatalf("meetings: %v %v", ms, err)
		}
		m, err := j.Meeting(ms[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		for text, d := range want {
			if d == "" {
				d = "2026-02-12"
			}
			if it := itemByText(t, m.Items, text); it.Done.String() != d {
				t.Errorf("import: %q done %s, want %s", text, it.Done, d)
			}
		}
	})
	t.Run("note and the app: today", func(t *testing.T) {
		j := openTemp(t)
		mustPerson(t, j, "alice", "Alice Smith")
		m, err := j.AddMeeting(Meeting{Person: "alice", Date: day(t, "2026-02-12"), Note: body}, day(t, "2026-02-20"))
		if err != nil {
			t.Fatal(err)
		}
		for text, d := range want {
			if d == "" {
				d = "2026-02-20"
			}
			if it := itemByText(t, m.Items, text); it.Done.String() != d {
				t.Errorf("save: %q done %s, want %s", text, it.Done, d)
			}
		}
	})
}
