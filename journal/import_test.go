package journal

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// roundTrip exports j, imports the export into an empty journal, exports
// that, and fails unless the two trees are byte-identical.
func roundTrip(t *testing.T, j *Journal) {
	t.Helper()
	first := filepath.Join(t.TempDir(), "first")
	st, err := j.ExportMarkdown(first, ExportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	k := openTemp(t)
	rep, err := k.ImportMarkdown(first, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) > 0 || rep.Skipped != 0 || rep.People != st.People || rep.Meetings != st.Meetings {
		t.Fatalf("import of an export: %+v, export wrote %+v", rep, st)
	}
	second := filepath.Join(t.TempDir(), "second")
	if _, err := k.ExportMarkdown(second, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	a, b := readTree(t, first), readTree(t, second)
	if strings.Join(sortedNames(a), " ") != strings.Join(sortedNames(b), " ") {
		t.Fatalf("files differ:\n first %v\nsecond %v", sortedNames(a), sortedNames(b))
	}
	for name, body := range a {
		if b[name] != body {
			t.Errorf("%s differs:\n first %q\nsecond %q", name, body, b[name])
		}
	}
	if rep, err := k.Check(); err != nil || !rep.OK {
		t.Errorf("check of the imported journal: %v %s", err, rep)
	}
}

func TestExportImportExportGivesByteIdenticalTrees(t *testing.T) {
	t.Run("hand-made journal", func(t *testing.T) { roundTrip(t, handMadeJournal(t)) })
	for seed := int64(1); seed <= 12; seed++ {
		t.Run(fmt.Sprintf("random journal %d", seed), func(t *testing.T) {
			j := openTemp(t)
			randomJournal(t, j, seed)
			roundTrip(t, j)
		})
	}
}

func TestImportNamesEachBadFileAndImportsTheRest(t *testing.T) {
	j := openTemp(t)
	var calls [][2]int
	rep, err := j.ImportMarkdown(filepath.Join("testdata", "import", "mixed"), func(done, total int) {
		calls = append(calls, [2]int{done, total})
	})
	if err != nil {
		t.Fatal(err)
	}
	// alice from her people file, zed because a note names him.
	if rep.People != 2 || rep.Meetings != 3 || rep.Skipped != 0 || rep.Ignored != 1 {
		t.Errorf("report %+v, want 2 people, 3 meetings, 1 file ignored", rep)
	}
	if len(rep.Created) != 1 || rep.Created[0].Handle != "zed" {
		t.Errorf("created %+v, want zed, whom a note names", rep.Created)
	}
	if len(calls) != 1 || calls[0] != [2]int{3, 3} {
		t.Errorf("progress calls %v, want [[3 3]]", calls)
	}
	got := map[string]string{}
	for _, p := range rep.Problems {
		got[p.File] = p.Reason
	}
	for _, tc := range []struct{ file, reason string }{
		{"notes/bad-date.md", "bad date"},
		{"notes/not-utf8.md", "not UTF-8"},
		{"notes/no-front-matter.md", "no person"},
	} {
		t.Run(tc.reason, func(t *testing.T) {
			if got[tc.file] != tc.reason {
				t.Errorf("%s: reason %q, want %q", tc.file, got[tc.file], tc.reason)
			}
		})
	}
	if len(rep.Problems) != 3 {
		t.Errorf("problems %v, want exactly the 3 bad files", rep.Problems)
	}

	t.Run("another tool's note: CRLF front matter, comments, lists; stamped", func(t *testing.T) {
		ms, err := j.Meetings("alice")
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) != 2 {
			t.Fatalf("%d meetings", len(ms))
		}
		weekly := ms[0]
		if weekly.Date != day(t, "2026-11-27") || weekly.Time != "" {
			t.Errorf("weekly: date %s time %q", weekly.Date, weekly.Time)
		}
		// Its own keys (title, tags) stay at the top, byte for byte.
		if !strings.HasPrefix(weekly.Note, "---\ntitle: Weekly: planning\r\ntags:\r\n  - one-on-one\r\n---\n- [ ] them: review the RFC ^") || !strings.HasSuffix(weekly.Note, "\r\n") {
			t.Errorf("weekly note %q: want its own front matter and the body byte for byte plus a block id", weekly.Note)
		}
	})
	t.Run("ticked item is done on the meeting's date, not today", func(t *testing.T) {
		it := itemByText(t, mustMeetingOn(t, j, "alice", "2026-11-20").Items, "book the room")
		if it.Done != day(t, "2026-11-20") {
			t.Errorf("done %s, want the meeting's date 2026-11-20", it.Done)
		}
	})
	t.Run("importing again creates no duplicates", func(t *testing.T) {
		again, err := j.ImportMarkdown(filepath.Join("testdata", "import", "mixed"), nil)
		if err != nil {
			t.Fatal(err)
		}
		if again.People != 0 || again.Meetings != 0 || again.Skipped != 3 {
			t.Errorf("second import %+v, want nothing added and 3 skipped", again)
		}
		if ms, _ := j.Meetings("alice"); len(ms) != 2 {
			t.Errorf("%d meetings after a second import, want 2", len(ms))
		}
	})
}

func mustMeetingOn(t *testing.T, j *Journal, handle, date string) Meeting {
	t.Helper()
	ms, err := j.Meetings(handle)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Date == day(t, date) {
			return m
		}
	}
	t.Fatalf("no meeting with %s on %s", handle, date)
	return Meeting{}
}

func TestImportKeepsIdenticalSameDayNotesAsTwoMeetings(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "alice", "Alice")
	mustMeeting(t, j, "alice", "2026-11-20", "same\n")
	mustMeeting(t, j, "alice", "2026-11-20", "same\n")
	dir := filepath.Join(t.TempDir(), "x")
	if _, err := j.ExportMarkdown(dir, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	k := openTemp(t)
	for i, want := range []ImportReport{{People: 1, Meetings: 2}, {Skipped: 2}} {
		rep, err := k.ImportMarkdown(dir, nil)
		if err != nil {
			t.Fatal(err)
		}
		if rep.People != want.People || rep.Meetings != want.Meetings || rep.Skipped != want.Skipped || len(rep.Problems) > 0 {
			t.Errorf("import %d: %+v, want %+v", i+1, rep, want)
		}
	}
}

func TestFrontMatterIsReadAsYAMLWouldReadIt(t *testing.T) {
	tests := []struct {
		name, in string
		want     map[string]string
		body     string
		err      string
	}{
		{"plain", "---\nperson: alice\ndate: 2026-11-20\n---\nbody", map[string]string{"person": "alice", "date": "2026-11-20"}, "body", ""},
		{"double quoted with escapes", "---\nname: \"A \\\"B\\\" \\u00e9\\n\"\n---\n", map[string]string{"name": "A \"B\" é\n"}, "", ""},
		{"single quoted", "---\nname: 'O''Neil # not a comment'\n---\n", map[string]string{"name": "O'Neil # not a comment"}, "", ""},
		{"comments and blank lines", "---\n# c\n\nperson: bob # who\n---\n", map[string]string{"person": "bob"}, "", ""},
		{"CRLF and BOM", "\uFEFF---\r\nperson: bob\r\n---\r\nx\r\n", map[string]string{"person": "bob"}, "x\r\n", ""},
		{"nested values passed over", "---\ntags:\n  - a\n  - b\nperson: c\n---\n", map[string]string{"tags": "", "person": "c"}, "", ""},
		{"dots close", "---\nperson: d\n...\nbody", map[string]string{"person": "d"}, "body", ""},
		{"never closed", "---\nperson: d\n", nil, "", "no front matter"},
		{"no opening line", "person: d\n---\n", nil, "", "no front matter"},
		{"unclosed quote", "---\nname: \"abc\n---\n", nil, "", "unclosed quote"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, body, err := parseFrontMatter([]byte(tc.in))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) || string(body) != tc.body {
				t.Errorf("got %v %q, want %v %q", got, body, tc.want, tc.body)
			}
		})
	}
}

func TestYAMLStringsReadBackAsWritten(t *testing.T) {
	for _, s := range []string{
		"Alice", "", " padded ", "a: b", "a #b", "#x", "- x", "true", "No", "null", "~", "1.5", "2026-11-20", "14:30",
		`"q"`, "'s'", "back\\slash", "line\nbreak", "tab\there", "bell\a", "Zoë 張 🎉", "\u200b", "ends:", "[x]", "{a}", "@me", "*bold*",
	} {
		t.Run(fmt.Sprintf("%q", s), func(t *testing.T) {
			got, _, err := parseFrontMatter([]byte("---\nk: " + yamlString(s) + "\n---\n"))
			if err != nil {
				t.Fatalf("%q written as %s: %v", s, yamlString(s), err)
			}
			if got["k"] != s {
				t.Errorf("%q written as %s reads back as %q", s, yamlString(s), got["k"])
			}
		})
	}
}

func TestJSONExportImportsIntoAnEmptyJournalAsTheSameJournal(t *testing.T) {
	for seed := int64(1); seed <= 6; seed++ {
		t.Run(fmt.Sprintf("random journal %d", seed), func(t *testing.T) {
			j := openTemp(t)
			randomJournal(t, j, seed)
			var doc bytes.Buffer
			if err := j.ExportJSON(&doc, day(t, "2026-11-23")); err != nil {
				t.Fatal(err)
			}
			k := openTemp(t)
			rep, err := k.ImportJSON(bytes.NewReader(doc.Bytes()), nil)
			if err != nil || len(rep.Problems) > 0 || rep.Skipped != 0 {
				t.Fatalf("import: %+v %v", rep, err)
			}
			// Meeting ids are the journal's own numbering; everything else,
			// the notes above all, must come back the same.
			var again bytes.Buffer
			if err := k.ExportJSON(&again, day(t, "2026-11-23")); err != nil {
				t.Fatal(err)
			}
			var x, y jsonExport
			json.Unmarshal(doc.Bytes(), &x)
			json.Unmarshal(again.Bytes(), &y)
			if len(x.People) != len(y.People) || len(x.Meetings) != len(y.Meetings) || len(x.Items) != len(y.Items) {
				t.Errorf("people %d/%d meetings %d/%d items %d/%d", len(x.People), len(y.People), len(x.Meetings), len(y.Meetings), len(x.Items), len(y.Items))
			}
			a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
			j.ExportMarkdown(a, ExportOptions{})
			k.ExportMarkdown(b, ExportOptions{})
			ta, tb := readTree(t, a), readTree(t, b)
			for name, body := range ta {
				if tb[name] != body {
					t.Errorf("%s differs after a JSON round trip", name)
				}
			}
			rep, err = k.ImportJSON(bytes.NewReader(doc.Bytes()), nil)
			if err != nil || rep.Meetings != 0 || rep.People != 0 || rep.Skipped == 0 {
				t.Errorf("importing the same document twice: %+v %v", rep, err)
			}
		})
	}
}

func TestJSONImportNamesBadEntriesAndNeverQuotesNotes(t *testing.T) {
	j := openTemp(t)
	doc := `{"people":[{"handle":"alice","name":"Alice"},{"handle":"Bad Handle"}],
"meetings":[
 {"person":"alice","date":"2026-11-20","note":"- [ ] fine\n"},
 {"person":"bob","date":"2026-11-20","note":"x"},
 {"person":"alice","date":"2026-11-21","time":"25:00","note":"x"}
]}`
	rep, err := j.ImportJSON(strings.NewReader(doc), nil)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, p := range rep.Problems {
		got[p.File] = p.Reason
	}
	if rep.People != 1 || rep.Meetings != 1 || got["meetings[1]"] != "missing person" || got["meetings[2]"] != "bad time" || !strings.HasPrefix(got["people[1]"], "bad person") {
		t.Errorf("report %+v", rep)
	}
	_, err = j.ImportJSON(strings.NewReader(`{"meetings":[{"note":"SECRET`), nil)
	if !errors.Is(err, ErrInvalid) || strings.Contains(err.Error(), "SECRET") {
		t.Errorf("a broken document: %v", err)
	}
}
