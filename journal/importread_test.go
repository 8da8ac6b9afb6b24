package journal

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// writeTree writes files (path with '/' → contents) under a new folder.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := filepath.Join(t.TempDir(), "notes")
	for name, body := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// importWith reads root with opt and imports it into j.
func importWith(t *testing.T, j *Journal, root string, opt ImportOptions) ImportReport {
	t.Helper()
	set, err := ReadMarkdown(root, opt)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := j.Import(set, opt)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// notesOf lists "person date file[:line]" for each imported note, sorted.
func notesOf(rep ImportReport) string {
	var out []string
	for _, n := range rep.Notes {
		f := n.File
		if n.Line > 0 {
			f += fmt.Sprintf(":%d", n.Line)
		}
		out = append(out, n.Person+" "+n.Date.String()+" "+f)
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
}

func problemsOf(rep ImportReport) map[string]string {
	out := map[string]string{}
	for _, p := range rep.Problems {
		out[p.File] = p.Reason
	}
	return out
}

func TestImportPeopleFromFoldersWithDatesInFileNames(t *testing.T) {
	root := writeTree(t, map[string]string{
		"José Núñez/2026-11-20.md":             "- [ ] me: send the rubric 📅 2026-11-27\n",
		"José Núñez/1-1 2026-11-27 weekly.md":  "- [x] me: send the rubric\n",
		"Priya Singh/notes 2026-10-02.md":      "- [ ] them: draft the plan\n",
		"Priya Singh/sub/folder/2026-10-09.md": "deep inside the person's folder\n",
		"Priya Singh/ideas.md":                 "no date anywhere\n",
		"Priya Singh/photo.png":                "not a note",
		"loose 2026-01-01.md":                  "not in a person's folder\n",
	})
	j := openTemp(t)
	mustPerson(t, j, "priya", "Priya Patel") // another Priya: the folder's Priya gets her own handle
	rep := importWith(t, j, root, ImportOptions{PeopleFromFolders: true})
	want := strings.Join([]string{
		"jose 2026-11-20 José Núñez/2026-11-20.md",
		"jose 2026-11-27 José Núñez/1-1 2026-11-27 weekly.md",
		"priya.s 2026-10-02 Priya Singh/notes 2026-10-02.md",
		"priya.s 2026-10-09 Priya Singh/sub/folder/2026-10-09.md",
	}, "\n")
	if got := notesOf(rep); got != want {
		t.Errorf("imported:\n%s\nwant:\n%s", got, want)
	}
	var created []string
	for _, p := range rep.Created {
		created = append(created, p.Handle+"="+p.Name)
	}
	sort.Strings(created)
	if strings.Join(created, " ") != "jose=José Núñez priya.s=Priya Singh" {
		t.Errorf("created %v", created)
	}
	probs := problemsOf(rep)
	if probs["Priya Singh/ideas.md"] != "no date" || probs["loose 2026-01-01.md"] != "not in a person's folder" || len(probs) != 2 {
		t.Errorf("problems %v", rep.Problems)
	}
	if rep.Ignored != 1 {
		t.Errorf("ignored %d files, want the photo", rep.Ignored)
	}
	p, err := j.Person("jose")
	if err != nil || p.Name != "José Núñez" {
		t.Errorf("jose: %+v %v", p, err)
	}
	// A second run finds the same people by name and adds nothing.
	again := importWith(t, j, root, ImportOptions{PeopleFromFolders: true})
	if len(again.Created) != 0 || again.Meetings != 0 || again.Skipped != 4 {
		t.Errorf("second import %+v", again)
	}
}

func TestImportPersonFlagDateSourcesAndNoCreate(t *testing.T) {
	root := writeTree(t, map[string]string{
		"a.md":            "---\ndate: 2026-03-01\n---\nfront matter date\n",
		"b.md":            "---\ncreated: 2026-03-02T10:22:31\n---\nObsidian's created\n",
		"c 2026-03-03.md": "file name\n",
		"d.md":            "---\ndate: \"{{date}}\"\n---\nan unfilled template, dated by nothing\n",
		"2026-03-05.md":   "---\ndate: \"{{date}}\"\n---\nunfilled template, dated by its name\n",
		"e.md":            "# 1:1 — 2026-03-06\n\none dated heading\n",
		"f.md":            "nothing at all\n",
		"g.md":            "---\ndate: 2026-03-07T09:05\n---\ndate and time\n",
	})
	j := openTemp(t)
	rep := importWith(t, j, root, ImportOptions{Person: "Ravi Kumar", DryRun: true})
	if len(rep.Created) != 1 || rep.Created[0].Handle != "ravi" {
		t.Errorf("dry run would create %+v, want ravi", rep.Created)
	}
	if ps, _ := j.People(true); len(ps) != 0 {
		t.Errorf("a dry run added people: %v", ps)
	}
	want := "ravi 2026-03-01 a.md\nravi 2026-03-02 b.md\nravi 2026-03-03 c 2026-03-03.md\nravi 2026-03-05 2026-03-05.md\nravi 2026-03-06 e.md\nravi 2026-03-07 g.md"
	if got := notesOf(rep); got != want {
		t.Errorf("dry run lists:\n%s\nwant:\n%s", got, want)
	}
	probs := problemsOf(rep)
	if probs["d.md"] != "bad date" || probs["f.md"] != "no date" {
		t.Errorf("problems %v", rep.Problems)
	}

	rep = importWith(t, j, root, ImportOptions{Person: "ravi", NoCreate: true})
	if rep.Meetings != 0 || len(rep.Created) != 0 || problemsOf(rep)["a.md"] != "missing person" {
		t.Errorf("--no-create: %+v", rep)
	}
	rep = importWith(t, j, root, ImportOptions{Person: "Ravi Kumar"})
	if rep.Meetings != 6 || rep.People != 1 {
		t.Errorf("import %+v", rep)
	}
	if m := mustMeetingOn(t, j, "ravi", "2026-03-07"); m.Time != "09:05" {
		t.Errorf("time %q, want 09:05 from the date", m.Time)
	}
}

func TestImportPersonAsHandleNameOrWikilink(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "marco", "Marco Rossi")
	mustPerson(t, j, "lena", "Lena Park")
	root := writeTree(t, map[string]string{
		"1.md": "---\nperson: marco\ndate: 2026-01-01\n---\nx\n",
		"2.md": "---\nperson: Lena Park\ndate: 2026-01-02\n---\nx\n",
		"3.md": "---\nperson: \"[[Marco Rossi]]\"\ndate: 2026-01-03\n---\nx\n",
		"4.md": "---\nperson: \"[[people/Lena Park|Lena]]\"\ndate: 2026-01-04\n---\nx\n",
		"5.md": "---\nperson: lena park\ndate: 2026-01-05\n---\nx\n",
		"6.md": "---\nperson: \"@marco\"\ndate: 2026-01-06\n---\nx\n",
		"7.md": "---\nperson: Lena\ndate: 2026-01-07\n---\nx\n",
	})
	rep := importWith(t, j, root, ImportOptions{NoCreate: true})
	want := "marco 2026-01-01 1.md\nlena 2026-01-02 2.md\nmarco 2026-01-03 3.md\nlena 2026-01-04 4.md\nlena 2026-01-05 5.md\nmarco 2026-01-06 6.md\nlena 2026-01-07 7.md"
	var lines []string
	for _, n := range rep.Notes {
		lines = append(lines, n.Person+" "+n.Date.String()+" "+n.File)
	}
	if got := strings.Join(lines, "\n"); got != want {
		t.Errorf("got\n%s\nwant\n%s\nproblems %v", got, want, rep.Problems)
	}
}

func TestRunningDocumentsSplitIntoOneMeetingPerDatedSection(t *testing.T) {
	newestFirst := "# Alice / Me 1:1s\n\n" +
		"## 2026-11-20\n- [ ] me: send the rubric 📅 2026-11-27\n\n" +
		"```\n## 2026-01-01 inside a code block is no heading\n```\n\n" +
		"## 21 Sep, 2022 | Alice, Eduardo\n- [ ] them: draft the plan\n\n" +
		"## Mon, 3 Mar 2025\nnotes\n"
	oldestLast := "## Sep 1, 2022\nfirst\n## September 8, 2022\n### Action items\n- [ ] alice: book the room\n"
	withPreamble := "Standing agenda: growth, blockers.\n\n### 2026-05-01\none\n### 2026-05-08\ntwo\n"
	oneDate := "## 2026-07-01\nonly one dated heading: a note, not a running document\n"
	root := writeTree(t, map[string]string{
		"alice.md":    newestFirst,
		"bob.md":      oldestLast,
		"carol.md":    withPreamble,
		"dave.md":     oneDate,
		"erin 1-1.md": "---\ntags: [one-on-one]\n---\n## 2026-02-02\na\n## 2026-02-09\nb\n",
	})
	j := openTemp(t)
	for _, h := range []string{"alice", "bob", "carol", "dave", "erin"} {
		mustPerson(t, j, h, strings.ToUpper(h[:1])+h[1:])
	}
	var reps []ImportReport
	for _, f := range []string{"alice.md", "bob.md", "carol.md", "dave.md", "erin 1-1.md"} {
		h := strings.TrimSuffix(strings.Fields(f)[0], ".md")
		set, err := ReadMarkdown(filepath.Join(root, f), ImportOptions{Person: h})
		if err != nil {
			t.Fatal(err)
		}
		rep, err := j.Import(set, ImportOptions{Person: h})
		if err != nil {
			t.Fatal(err)
		}
		reps = append(reps, rep)
	}
	var all []string
	for _, r := range reps {
		all = append(all, notesOf(r))
		for _, p := range r.Problems {
			t.Errorf("problem %+v", p)
		}
	}
	want := strings.Join([]string{
		"alice 2022-09-21 alice.md:10\nalice 2025-03-03 alice.md:13\nalice 2026-11-20 alice.md:3",
		"bob 2022-09-01 bob.md:1\nbob 2022-09-08 bob.md:3",
		"carol 2026-05-01 carol.md:3\ncarol 2026-05-08 carol.md:5",
		"dave 2026-07-01 dave.md",
		"erin 2026-02-02 erin 1-1.md:4\nerin 2026-02-09 erin 1-1.md:6",
	}, "\n")
	if got := strings.Join(all, "\n"); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	m := mustMeetingOn(t, j, "alice", "2026-11-20")
	if !strings.HasPrefix(m.Note, "## 2026-11-20\n- [ ] me: send the rubric 📅 2026-11-27 ^") || !strings.Contains(m.Note, "inside a code block") {
		t.Errorf("section note %q: want its heading, its text and the code block", m.Note)
	}
	if strings.Contains(m.Note, "Alice / Me") {
		t.Errorf("the document's title went into a meeting: %q", m.Note)
	}
	it := itemByText(t, m.Items, "me: send the rubric")
	if it.Due != day(t, "2026-11-27") || it.Owner != Me {
		t.Errorf("item %+v: want mine, due 2026-11-27", it)
	}
	if c := mustMeetingOn(t, j, "carol", "2026-05-01"); !strings.HasPrefix(c.Note, "Standing agenda") {
		t.Errorf("text before the first dated heading was lost: %q", c.Note)
	}
	if e := mustMeetingOn(t, j, "erin", "2026-02-09"); e.Note != "---\ntags: [one-on-one]\n---\n## 2026-02-09\nb\n" {
		t.Errorf("erin's section %q: want the document's own front matter kept", e.Note)
	}
}

func TestHeadingDate(t *testing.T) {
	for in, want := range map[string]string{
		"2026-11-20":                     "2026-11-20",
		"2026/11/20 weekly":              "2026-11-20",
		"21 Sep, 2022 | Alice, Eduardo":  "2022-09-21",
		"21st September 2022":            "2022-09-21",
		"Sep 21, 2022":                   "2022-09-21",
		"Sept 21 2022":                   "2022-09-21",
		"Wednesday, 21 Sep 2022":         "2022-09-21",
		"**2026-11-20**":                 "2026-11-20",
		"[[2026-11-20]]":                 "2026-11-20",
		"📅 2026-11-20":                   "2026-11-20",
		"1:1 — 2026-11-20":               "2026-11-20",
		"Goals for March 2026":           "",
		"Action items":                   "",
		"2026-02-30":                     "",
		"Q3 2026":                        "",
		"31 Sep 2022":                    "",
		"May the force 4 2026":           "",
		"20261120":                       "",
		"Retro of 3 Mar 2025 (late)":     "",
		"2026-11-20T10:00 standup notes": "2026-11-20",
	} {
		d, ok := headingDate(in)
		got := ""
		if ok {
			got = d.String()
		}
		if got != want {
			t.Errorf("headingDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestOwnFrontMatterSurvivesImportExportImport(t *testing.T) {
	file := "---\n" +
		"tags:\n  - 1on1\n  - team/platform\n" +
		"person: \"[[Lena Park]]\"\n" +
		"type: one-on-one   # Dataview\n" +
		"date: 2026-11-20\n" +
		"aliases: [Lena 1:1]\n" +
		"people: [\"[[Lena Park]]\", \"[[Me]]\"]\n" +
		"---\n" +
		"- [ ] @Lena Park review the doc #followup [[RFC-12]] ⏫ 🔁 every week ⏳ 2026-11-22 🛫 2026-11-21 ➕ 2026-11-19 📅 2026-11-25\n"
	root := writeTree(t, map[string]string{"Lena/2026-11-20.md": file})
	j := openTemp(t)
	rep := importWith(t, j, root, ImportOptions{})
	if rep.Meetings != 1 || len(rep.Problems) > 0 {
		t.Fatalf("import %+v", rep)
	}
	m := mustMeetingOn(t, j, "lena", "2026-11-20")
	wantOwn := "---\ntags:\n  - 1on1\n  - team/platform\ntype: one-on-one   # Dataview\naliases: [Lena 1:1]\npeople: [\"[[Lena Park]]\", \"[[Me]]\"]\n---\n"
	if !strings.HasPrefix(m.Note, wantOwn) {
		t.Errorf("note %q\nwant it to start with its own keys %q", m.Note, wantOwn)
	}
	for _, keep := range []string{"#followup", "[[RFC-12]]", "⏫", "🔁 every week", "⏳ 2026-11-22", "🛫 2026-11-21", "➕ 2026-11-19"} {
		if !strings.Contains(m.Note, keep) {
			t.Errorf("the note lost %q", keep)
		}
	}
	for _, it := range m.Items {
		if it.Due != 0 && it.Due != day(t, "2026-11-25") {
			t.Errorf("item %q due %s: only 📅 is a due date", it.Text, it.Due)
		}
		if it.Done != 0 {
			t.Errorf("item %q done %s: nothing here is done", it.Text, it.Done)
		}
	}
	// The own front matter is read as none of the note's markdown: no
	// heading "people: …" decides anything.
	first := filepath.Join(t.TempDir(), "first")
	if _, err := j.ExportMarkdown(first, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	exported := readTree(t, first)["meetings/lena/2026-11-20.md"]
	if !strings.HasPrefix(exported, "---\nperson: lena\ndate: 2026-11-20\ntags:\n  - 1on1\n") || strings.Count(exported, "---\n") != 2 {
		t.Errorf("exported file has not one front matter with both the journal's and the note's keys:\n%s", exported)
	}
	roundTrip(t, j)
}

func TestNoteStartingWithARuleIsNotTakenForFrontMatter(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "alice", "Alice")
	for i, note := range []string{
		"---\n\nA rule first, then text\n",
		"---\nperson: bob\n---\nlooks like front matter naming someone else\n",
		"---\nnot: closed\n",
		"---\n---\nempty block\n",
		"---\njust a line of prose, no key\n---\nafter\n",
		"---\ntags: x\n...\nclosed the YAML way\n",
	} {
		mustMeeting(t, j, "alice", fmt.Sprintf("2026-01-%02d", i+1), note)
	}
	roundTrip(t, j)
}

func TestExtractionSkipsTheNotesOwnFrontMatter(t *testing.T) {
	withFM := "---\ntype: agenda\ntopics: discussion\n---\n- [ ] me: send the deck by 2026-11-27\n"
	items := Extract([]byte(withFM), NoteContext{Date: day(t, "2026-11-20"), Handle: "alice", Name: "Alice"})
	if len(items) != 1 || items[0].Kind != Commitment || items[0].Line != 5 {
		t.Errorf("items %+v: want one commitment on line 5, read as if the front matter were not there", items)
	}
}

// TestImportReadsOnlyRegularFilesAndNamesTheRest: a pipe once hung import
// forever (holding the journal), a link to /dev/zero ended in "out of
// memory". Every kind of file that is not a note is named with its reason,
// and the rest imports.
func TestImportReadsOnlyRegularFilesAndNamesTheRest(t *testing.T) {
	root := writeTree(t, map[string]string{
		"alice/2026-11-20.md": "- [ ] me: the one good note\n",
	})
	outside := writeTree(t, map[string]string{"2026-01-01.md": "a note outside the folder\n"})
	a := filepath.Join(root, "alice")
	mk := func(name string, f func(string) error) {
		if err := f(filepath.Join(a, name)); err != nil {
			t.Skipf("cannot make %s here: %v", name, err)
		}
	}
	mk("pipe 2026-11-21.md", func(p string) error { return mkfifo(p) })
	mk("pipe-no-ext", func(p string) error { return mkfifo(p) })
	mk("zero 2026-11-22.md", func(p string) error { return os.Symlink("/dev/zero", p) })
	mk("random 2026-11-23.md", func(p string) error { return os.Symlink("/dev/urandom", p) })
	mk("linked-pipe 2026-11-24.md", func(p string) error { return os.Symlink(filepath.Join(a, "pipe-no-ext"), p) })
	mk("elsewhere", func(p string) error { return os.Symlink(outside, p) })
	mk("dangling 2026-11-25.md", func(p string) error { return os.Symlink(filepath.Join(a, "nothing"), p) })
	mk("linked 2026-11-26.md", func(p string) error { return os.Symlink(filepath.Join(outside, "2026-01-01.md"), p) })
	mk("huge 2026-11-27.md", func(p string) error {
		return os.WriteFile(p, []byte(strings.Repeat("x", maxImportFile+1)), 0o600)
	})
	mk("just-right 2026-11-28.md", func(p string) error {
		return os.WriteFile(p, []byte(strings.Repeat("y", MaxNoteSize)), 0o600)
	})

	type result struct {
		set *ImportSet
		err error
	}
	done := make(chan result, 1)
	go func() {
		set, err := ReadMarkdown(root, ImportOptions{PeopleFromFolders: true})
		done <- result{set, err}
	}()
	var r result
	select {
	case r = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("reading the folder did not finish in 10 s: a special file blocked it")
	}
	if r.err != nil {
		t.Fatal(r.err)
	}
	j := openTemp(t)
	rep, err := j.Import(r.set, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"alice/pipe 2026-11-21.md":        "not a regular file (named pipe)",
		"alice/pipe-no-ext":               "not a regular file (named pipe)",
		"alice/zero 2026-11-22.md":        "not a regular file (device)",
		"alice/random 2026-11-23.md":      "not a regular file (device)",
		"alice/linked-pipe 2026-11-24.md": "not a regular file (named pipe)",
		"alice/elsewhere":                 "a link to a folder (not followed)",
		"alice/dangling 2026-11-25.md":    "unreadable",
		"alice/huge 2026-11-27.md":        "too large (over 8 MiB)",
	}
	got := problemsOf(rep)
	for f, reason := range want {
		if got[f] != reason {
			t.Errorf("%s: %q, want %q", f, got[f], reason)
		}
	}
	if len(got) != len(want) {
		t.Errorf("problems %v", rep.Problems)
	}
	// The regular note, a link to a regular note, and a note of exactly
	// the size limit come in.
	if notes := notesOf(rep); notes != "alice 2026-11-20 alice/2026-11-20.md\nalice 2026-11-26 alice/linked 2026-11-26.md\nalice 2026-11-28 alice/just-right 2026-11-28.md" {
		t.Errorf("imported:\n%s", notes)
	}
}

func TestImportOfOneFileThatIsNotRegular(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "x.md")
	if err := os.Symlink("/dev/zero", p); err != nil {
		t.Skip(err)
	}
	set, err := ReadMarkdown(p, ImportOptions{Person: "alice"})
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Problems()) != 1 || set.Problems()[0].Reason != "not a regular file (device)" {
		t.Errorf("problems %v", set.Problems())
	}
	if _, err := ReadJSONFile(p); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("JSON from /dev/zero: %v", err)
	}
}
