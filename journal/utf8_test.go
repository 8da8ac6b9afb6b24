package journal

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// notUTF8 are byte sequences that are not UTF-8, at the start, the middle
// and the end of a note: a lone byte, a cut sequence, an overlong form, a
// surrogate, a code point past U+10FFFF.
var notUTF8 = map[string]string{
	"latin-1 at the end":    "- [ ] me: café\xe9",
	"lone byte first":       "\xff- [ ] me: send it\n",
	"cut sequence":          "- [ ] me: pay \xe2\x82 by friday\n",
	"overlong slash":        "path \xc0\xaf etc\n",
	"surrogate":             "a \xed\xa0\x80 b\n",
	"past the last rune":    "x \xf4\x90\x80\x80 y\n",
	"on a later line":       "line one\nline two \x80\n",
	"in front matter lines": "---\ntags: \xfe\n---\nbody\n",
}

// TestNotesThatAreNotUTF8AreRefusedAtSave: such a note was accepted by
// note, then refused by import after export and turned into U+FFFD by
// JSON: the round trip lost it. It is refused at save, with ErrInvalid and
// without quoting the text, so the client keeps it (as a draft).
func TestNotesThatAreNotUTF8AreRefusedAtSave(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "alice", "Alice")
	good := mustMeeting(t, j, "alice", "2026-11-20", "- [ ] me: fine\n")
	d := day(t, "2026-11-21")
	for name, note := range notUTF8 {
		note += " zqsecret\n"
		t.Run(name, func(t *testing.T) {
			_, err := j.AddMeeting(Meeting{Person: "alice", Date: d, Note: note}, d)
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "not UTF-8") {
				t.Errorf("AddMeeting: %v, want ErrInvalid saying not UTF-8", err)
			}
			if err != nil && strings.Contains(err.Error(), "zqsecret") {
				t.Errorf("the error quotes the note: %v", err)
			}
			_, err = j.AddMeetings([]Meeting{{Person: "alice", Date: d, Note: "fine\n"}, {Person: "alice", Date: d, Note: note}}, d)
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("AddMeetings: %v", err)
			}
			m := good
			m.Note = note
			if _, err := j.SaveMeeting(m, d); !errors.Is(err, ErrInvalid) {
				t.Errorf("SaveMeeting: %v", err)
			}
		})
	}
	if ms, _ := j.Meetings("alice"); len(ms) != 1 || ms[0].Note != good.Note {
		t.Errorf("refused saves changed the journal: %d meetings", len(ms))
	}
	for _, p := range []Person{{Handle: "bob", Name: "B\xffb"}, {Handle: "carol", Name: "Carol", Context: "ctx \xc3"}} {
		if _, err := j.AddPerson(p); !errors.Is(err, ErrInvalid) {
			t.Errorf("AddPerson %s: %v", p.Handle, err)
		}
	}
	alice, _ := j.Person("alice")
	alice.Context = "\xff"
	if _, err := j.UpdatePerson(alice); !errors.Is(err, ErrInvalid) {
		t.Errorf("UpdatePerson: %v", err)
	}
}

// TestEveryUnicodeNoteSurvivesBothExports: what is accepted is carried
// byte for byte through markdown and JSON, whatever its characters.
func TestEveryUnicodeNoteSurvivesBothExports(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "alice", "Ålice 王 👩‍💻")
	notes := []string{
		"- [ ] me: envoyer le café ☕ à 王小明 by 2026-12-01\n",
		"emoji 👩‍👩‍👧 flags 🇯🇵, combining e\u0301, RTL \u05e9\u05dc\u05d5\u05dd \u202e reversed\u202c\n",
		"NUL \x00 and BOM \ufeff in the middle, LS \u2028 PS \u2029\n",
		"no final newline — 𝕏",
		"\r\nCRLF\r\n- [x] them: done ✅ 2026-11-01\r\n",
	}
	for i, n := range notes {
		mustMeeting(t, j, "alice", fmt.Sprintf("2026-11-%02d", i+1), n)
	}
	roundTrip(t, j)

	var doc bytes.Buffer
	if err := j.ExportJSON(&doc, day(t, "2026-11-30")); err != nil {
		t.Fatal(err)
	}
	k := openTemp(t)
	if rep, err := k.ImportJSON(bytes.NewReader(doc.Bytes()), nil); err != nil || len(rep.Problems) > 0 || rep.Meetings != len(notes) {
		t.Fatalf("JSON import: %+v %v", rep, err)
	}
	want, _ := j.Meetings("alice")
	got, _ := k.Meetings("alice")
	for i := range want {
		if got[i].Note != want[i].Note {
			t.Errorf("meeting %d changed through JSON:\n%q\n%q", i, want[i].Note, got[i].Note)
		}
	}
}

func TestImportRefusesTextThatIsNotUTF8InsteadOfChangingIt(t *testing.T) {
	j := openTemp(t)
	root := writeTree(t, map[string]string{"2026-11-20.md": "caf\xe9\n", "2026-11-21.md": "fine\n"})
	rep := importWith(t, j, root, ImportOptions{Person: "alice"})
	if problemsOf(rep)["2026-11-20.md"] != "not UTF-8" || rep.Meetings != 1 {
		t.Errorf("markdown import: %+v", rep)
	}
	doc := "{\"people\":[{\"handle\":\"bob\",\"name\":\"Bob\"}],\"meetings\":[{\"person\":\"bob\",\"date\":\"2026-11-20\",\"note\":\"caf\xe9\"}],\"items\":[]}"
	_, err := j.ImportJSON(strings.NewReader(doc), nil)
	if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "not UTF-8") {
		t.Errorf("a JSON document with raw bytes that are not UTF-8: %v (encoding/json would have made them U+FFFD)", err)
	}
	if _, err := j.Person("bob"); err == nil {
		t.Errorf("a refused document added its people")
	}
}

// A journal may hold a note from before notes had to be UTF-8. Markdown
// export writes it as it is; JSON, which cannot carry it, refuses naming
// the meeting rather than changing it.
func TestALegacyNoteThatIsNotUTF8IsNeverChangedByExport(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "alice", "Alice")
	m := mustMeeting(t, j, "alice", "2026-11-20", "placeholder\n")
	legacy := "caf\xe9\n"
	err := j.update(func(tx *bolt.Tx) error {
		stored, err := getMeeting(tx, m.ID)
		if err != nil {
			return err
		}
		stored.Note = legacy
		return tx.Bucket(bucketMeetings).Put(meetingKey(m.ID), encodeMeeting(stored))
	})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "export")
	if _, err := j.ExportMarkdown(dir, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "meetings", "alice", "2026-11-20.md"))
	if !bytes.HasSuffix(b, []byte(legacy)) {
		t.Errorf("markdown export changed the note: %q", b)
	}
	var doc bytes.Buffer
	err = j.ExportJSON(&doc, day(t, "2026-11-30"))
	if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), m.ID.String()) {
		t.Errorf("JSON export of a note that is not UTF-8: %v, want ErrInvalid naming %s", err, m.ID)
	}
}
