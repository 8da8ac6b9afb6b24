package journal

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
)

// handMadeJournal holds a little of everything an export must carry:
// quoting in names, context notes, an archived person, a time, CRLF, three
// meetings on one day.
func handMadeJournal(t *testing.T) *Journal {
	t.Helper()
	j := openTemp(t)
	for _, p := range []Person{
		{Handle: "alice", Name: "Alice Martin", Role: RoleReport, Cadence: 7, Context: "Prefers async updates.\nLikes: tea\n"},
		{Handle: "bob", Name: `Bob "Bobby" O'Neil: #1`, Role: RolePeer, Cadence: 30, Archived: true},
		{Handle: "zoe", Name: "Zoë 張", Role: RoleManager},
	} {
		if _, err := j.AddPerson(p); err != nil {
			t.Fatal(err)
		}
	}
	add := func(handle, date, tm, note string) {
		t.Helper()
		d := day(t, date)
		if _, err := j.AddMeeting(Meeting{Person: handle, Date: d, Time: tm, Note: note}, d); err != nil {
			t.Fatal(err)
		}
	}
	add("alice", "2026-11-20", "14:30", "# 1:1\n\n## My commitments\n- [ ] send the deck by friday\n- [x] book the room\n\n## Wins\n- shipped search\n")
	add("alice", "2026-11-20", "", "second chat\r\n- [ ] them: review the RFC due:2026-11-25\r\n")
	add("alice", "2026-11-20", "", "")
	add("bob", "2026-11-21", "09:05", "## Feedback\n- given: clear writing\n- received: more context please\n")
	add("zoe", "2026-11-22", "", "## Follow-ups\n- budget for Q1\n- [-] old idea\n")
	return j
}

// readTree returns every file under dir by slash path.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == exportManifest {
			return err
		}
		b, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sortedNames(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestExportWritesPeopleAndMeetingsWithFrontMatter(t *testing.T) {
	j := handMadeJournal(t)
	dir := filepath.Join(t.TempDir(), "export")
	st, err := j.ExportMarkdown(dir, ExportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if st != (ExportStats{People: 3, Meetings: 5}) {
		t.Errorf("stats = %+v, want 3 people and 5 meetings", st)
	}
	tree := readTree(t, dir)
	wantFiles := []string{
		"meetings/alice/2026-11-20-2.md", "meetings/alice/2026-11-20-3.md", "meetings/alice/2026-11-20.md",
		"meetings/bob/2026-11-21.md", "meetings/zoe/2026-11-22.md",
		"people/alice.md", "people/bob.md", "people/zoe.md",
	}
	if got := sortedNames(tree); strings.Join(got, " ") != strings.Join(wantFiles, " ") {
		t.Fatalf("files:\n got %v\nwant %v", got, wantFiles)
	}
	tests := []struct{ name, file, want string }{
		{"person with context", "people/alice.md", "---\nname: Alice Martin\nhandle: alice\nrole: report\ncadence: 7\narchived: false\n---\nPrefers async updates.\nLikes: tea\n"},
		{"name that needs quotes, archived", "people/bob.md", "---\nname: \"Bob \\\"Bobby\\\" O'Neil: #1\"\nhandle: bob\nrole: peer\ncadence: 30\narchived: true\n---\n"},
		{"unicode name, default cadence", "people/zoe.md", "---\nname: Zoë 張\nhandle: zoe\nrole: manager\ncadence: 14\narchived: false\n---\n"},
		{"time quoted", "meetings/bob/2026-11-21.md", "---\nperson: bob\ndate: 2026-11-21\ntime: \"09:05\"\n---\n## Feedback\n- given: clear writing\n- received: more context please\n"},
		{"empty note", "meetings/alice/2026-11-20-3.md", "---\nperson: alice\ndate: 2026-11-20\n---\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tree[tc.file]; got != tc.want {
				t.Errorf("%s:\n got %q\nwant %q", tc.file, got, tc.want)
			}
		})
	}
	t.Run("notes byte for byte as stored, same-day in id order", func(t *testing.T) {
		ms, err := j.Meetings("alice")
		if err != nil {
			t.Fatal(err)
		}
		// Newest first: the last added is ms[0].
		for i, file := range []string{"2026-11-20-3.md", "2026-11-20-2.md", "2026-11-20.md"} {
			body := tree["meetings/alice/"+file]
			if !strings.HasSuffix(body, "---\n"+ms[i].Note) {
				t.Errorf("%s does not end with meeting %s's note", file, ms[i].ID)
			}
		}
		if !strings.Contains(tree["meetings/alice/2026-11-20-2.md"], "\r\n") {
			t.Error("CRLF lost")
		}
	})
}

func TestExportFilesArePrivateWhateverTheUmask(t *testing.T) {
	for _, tc := range []struct {
		name  string
		umask int
	}{{"umask 000", 0o000}, {"umask 022", 0o022}, {"umask 077", 0o077}} {
		t.Run(tc.name, func(t *testing.T) {
			j := handMadeJournal(t)
			old := syscall.Umask(tc.umask)
			defer syscall.Umask(old)
			dir := filepath.Join(t.TempDir(), "out", "export")
			if _, err := j.ExportMarkdown(dir, ExportOptions{}); err != nil {
				t.Fatal(err)
			}
			err := filepath.WalkDir(filepath.Dir(dir), func(path string, d fs.DirEntry, err error) error {
				if err != nil {
					return err
				}
				fi, err := d.Info()
				if err != nil {
					return err
				}
				want := fs.FileMode(0o600)
				if d.IsDir() {
					want = 0o700
				}
				if fi.Mode().Perm() != want {
					t.Errorf("%s has mode %v, want %v", path, fi.Mode().Perm(), want)
				}
				if strings.HasSuffix(path, ".tmp") {
					t.Errorf("temp file left behind: %s", path)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestExportJSONHoldsEveryItemWithItsFlags(t *testing.T) {
	j := handMadeJournal(t)
	var buf bytes.Buffer
	if err := j.ExportJSON(&buf, day(t, "2026-12-01")); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		People   []map[string]any `json:"people"`
		Meetings []map[string]any `json:"meetings"`
		Items    []struct {
			Kind, State, Text, Person, Meeting, Due string
			Flags                                   []string
		} `json:"items"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if len(doc.People) != 3 || len(doc.Meetings) != 5 {
		t.Fatalf("%d people, %d meetings; want 3 and 5", len(doc.People), len(doc.Meetings))
	}
	kinds := map[string]int{}
	flags := map[string][]string{}
	for _, it := range doc.Items {
		kinds[it.Kind]++
		flags[it.Text] = it.Flags
	}
	for _, k := range []string{"commitment", "follow-up", "win", "feedback"} {
		if kinds[k] == 0 {
			t.Errorf("no %s among the items: %v", k, kinds)
		}
	}
	if got := flags["them: review the RFC due:2026-11-25"]; strings.Join(got, ",") != "overdue" {
		t.Errorf("overdue commitment has flags %v", got)
	}
	if got := flags["send the deck by friday"]; strings.Join(got, ",") != "overdue" {
		t.Errorf("commitment due by friday has flags %v", got)
	}
}

// randomJournal fills j with people and notes drawn from seed: items of
// every kind, CRLF, unicode, same-day meetings, items carried over.
func randomJournal(t *testing.T, j *Journal, seed int64) {
	t.Helper()
	r := rand.New(rand.NewSource(seed))
	names := []string{"Ada Lovelace", "José Núñez", "李 雷", `Quinn "Q" Doe`, "- dash", "true", "Ümit: the #1", " spaced ", "O'Brien"}
	var handles []string
	for i := 0; i < 1+r.Intn(4); i++ {
		h := fmt.Sprintf("p%d", i)
		p := Person{Handle: h, Name: names[r.Intn(len(names))], Role: Roles[r.Intn(len(Roles))], Cadence: 1 + r.Intn(40), Archived: r.Intn(4) == 0}
		if r.Intn(2) == 0 {
			p.Context = "context: " + names[r.Intn(len(names))] + "\n\n* likes 🎉\n"
		}
		if _, err := j.AddPerson(p); err != nil {
			t.Fatal(err)
		}
		handles = append(handles, h)
	}
	lines := []string{
		"## My commitments", "## Their commitments", "## Follow-ups", "## Wins", "## Feedback", "Some text, *emphasis*.",
		"- [ ] write the plan by friday", "- [x] ship the release", "- [X] fix CI ✅ 2026-01-03", "- [-] drop the rewrite",
		"- [~] renegotiate", "- [ ] them: send numbers due:2026-02-01", "- [ ] 日本語のレビュー 📅 2026-03-01",
		"- [ ] follow-up: hiring plan", "- kudos for the launch 🚀", "- given: great demo", "- received: slow replies",
		"- [ ] by end of month", "> quoted - [ ] not an item", "```\n- [ ] in code\n```", "",
	}
	base := day(t, "2026-01-05")
	var stored []Meeting
	for i := 0; i < 5+r.Intn(25); i++ {
		var b strings.Builder
		for k := 0; k < r.Intn(8); k++ {
			b.WriteString(lines[r.Intn(len(lines))] + "\n")
		}
		if len(stored) > 0 && r.Intn(3) == 0 {
			// Carry a line over from an earlier note.
			prev := stored[r.Intn(len(stored))]
			for _, l := range strings.Split(prev.Note, "\n") {
				if strings.Contains(l, " ^") {
					b.WriteString(strings.TrimRight(l, "\r") + "\n")
					break
				}
			}
		}
		note := b.String()
		if r.Intn(4) == 0 {
			note = strings.ReplaceAll(note, "\n", "\r\n")
		}
		m := Meeting{Person: handles[r.Intn(len(handles))], Date: base.AddDays(r.Intn(20)), Note: note}
		if r.Intn(3) == 0 {
			m.Time = fmt.Sprintf("%02d:%02d", r.Intn(24), r.Intn(60))
		}
		got, err := j.AddMeeting(m, m.Date.AddDays(r.Intn(3)))
		if err != nil {
			t.Fatal(err)
		}
		stored = append(stored, got)
	}
}
