package cli_test

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestBringYourNotes imports, through the built binary, a folder laid out
// as people keep their 1:1 notes: a folder per person, dates only in file
// names, no front matter, Obsidian Tasks fields, a running document, an
// attachment and an undated note (Priya has no other, so she is not added).
func TestBringYourNotes(t *testing.T) {
	r := newRunner(t)
	vault := filepath.Join(r.dir, "vault", "1-1s")
	files := map[string]string{
		"Alice Martin/2026-10-01.md": "# 1:1 with Alice\n\n" +
			"- [ ] me: send the rubric 📅 2026-10-08 ⏫\n" +
			"- [ ] alice: draft the plan 🔁 every week ⏳ 2026-10-05 🛫 2026-10-04 ➕ 2026-09-30 #growth [[Career ladder]]\n",
		"Alice Martin/Weekly 2026-10-15.md": "## Action items\n" +
			"- [x] me: book the room ✅ 2026-10-14\n" +
			"- [ ] alice: share the doc 📅 2026-10-20 🔽\n",
		"José Núñez/running notes.md": "# José / me\n\n" +
			"## 2026-11-05\n- [ ] me: introduce him to the platform team 📅 2026-11-12\n\n" +
			"## 21 Oct, 2026 | José, Robin\n- [ ] José: write the RFC 📅 2026-10-30\n",
		"Priya/attachments/diagram.png": "\x89PNG not a note",
		"Priya/ideas.md":                "- [ ] me: undated, so not imported\n",
	}
	for name, body := range files {
		p := filepath.Join(vault, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("dry run lists people, dates and refusals and writes nothing", func(t *testing.T) {
		res := r.fails(1, "would not be imported", "import", vault, "--people-from-folders", "--dry-run")
		contains(t, "dry run", res.stdout,
			"would add person alice (Alice Martin)", "would add person jose (José Núñez)",
			"would import 2026-10-01  alice", "would import 2026-10-21  jose", "running notes.md:6",
			"would import 2 people and 4 meetings", "Priya/ideas.md: no date", "passed over 1 files")
		if _, err := os.Stat(r.db); err == nil {
			t.Errorf("a dry run created the journal")
		}
	})

	t.Run("import", func(t *testing.T) {
		res := r.fails(1, "could not be imported", "import", vault, "--people-from-folders")
		contains(t, "import", res.stdout, "added person alice (Alice Martin)", "imported 2 people and 4 meetings", "Priya/ideas.md: no date")
	})

	t.Run("people", func(t *testing.T) {
		people := decode[[]map[string]any](t, r.ok("people", "--json"))
		var got []string
		for _, p := range people {
			got = append(got, p["handle"].(string)+"="+p["name"].(string))
		}
		sort.Strings(got)
		if strings.Join(got, " ") != "alice=Alice Martin jose=José Núñez" {
			t.Errorf("people %v", got)
		}
	})

	type item struct {
		Person, Date, Owner, Due, Done, State, Text string
	}
	items := func(t *testing.T) map[string]item {
		doc := decode[struct {
			Items []struct {
				Person, Date, Owner, Due, Done, State, Text string
			}
		}](t, r.ok("export", "--json", "-"))
		out := map[string]item{}
		for _, it := range doc.Items {
			key := strings.Fields(strings.SplitN(it.Text, ":", 2)[1])[0] // the first word after the owner
			out[key] = item(it)
		}
		return out
	}
	t.Run("dates, owners and due dates", func(t *testing.T) {
		got := items(t)
		for word, want := range map[string]item{
			"send":      {Person: "alice", Date: "2026-10-01", Owner: "me", Due: "2026-10-08", State: "open"},
			"draft":     {Person: "alice", Date: "2026-10-01", Owner: "them", Due: "", State: "open"},
			"book":      {Person: "alice", Date: "2026-10-15", Owner: "me", Done: "2026-10-14", State: "done"},
			"share":     {Person: "alice", Date: "2026-10-15", Owner: "them", Due: "2026-10-20", State: "open"},
			"introduce": {Person: "jose", Date: "2026-11-05", Owner: "me", Due: "2026-11-12", State: "open"},
			"write":     {Person: "jose", Date: "2026-10-21", Owner: "them", Due: "2026-10-30", State: "open"},
		} {
			g, ok := got[word]
			if !ok {
				t.Errorf("no item %q among %v", word, got)
				continue
			}
			g.Text = ""
			if g != want {
				t.Errorf("%s: %+v\nwant %+v", word, g, want)
			}
		}
	})

	t.Run("tasks fields, tags and links survive export and import", func(t *testing.T) {
		out := filepath.Join(r.dir, "export")
		r.ok("export", out)
		note := mustRead(t, filepath.Join(out, "meetings", "alice", "2026-10-01.md"))
		contains(t, "exported note", note, "⏫", "🔁 every week", "⏳ 2026-10-05", "🛫 2026-10-04", "➕ 2026-09-30", "#growth", "[[Career ladder]]")
		fresh := filepath.Join(r.dir, "fresh.db")
		contains(t, "re-import", r.ok("import", out, "--db", fresh), "imported 2 people and 4 meetings")
		again := filepath.Join(r.dir, "export-again")
		r.ok("export", again, "--db", fresh)
		for _, f := range []string{"meetings/alice/2026-10-01.md", "meetings/alice/2026-10-15.md", "meetings/jose/2026-11-05.md", "meetings/jose/2026-10-21.md", "people/jose.md"} {
			if a, b := mustRead(t, filepath.Join(out, f)), mustRead(t, filepath.Join(again, f)); a != b {
				t.Errorf("%s differs after export, import, export:\n%s\n---\n%s", f, a, b)
			}
		}
	})
}

// TestANoteThatIsNotUTF8IsRefusedAndKept: the journal refuses such text at
// save (export and import could not carry it); the CLI keeps what was
// piped in, byte for byte, and says where.
func TestANoteThatIsNotUTF8IsRefusedAndKept(t *testing.T) {
	r := newRunner(t)
	r.ok("people", "add", "Alice Martin")
	text := "- [ ] me: send the caf\xe9 menu\n"
	res := r.runIn(text, "note", "alice")
	if res.code != 1 || !strings.Contains(res.stderr, "not UTF-8") || !strings.Contains(res.stderr, "kept in ") {
		t.Fatalf("note with bytes that are not UTF-8: exit %d, stderr %q", res.code, res.stderr)
	}
	kept := strings.Fields(res.stderr[strings.Index(res.stderr, "kept in ")+len("kept in "):])[0]
	kept = strings.TrimRight(kept, ";,.")
	if b, err := os.ReadFile(kept); err != nil || string(b) != text {
		t.Errorf("kept file %s: %q %v, want the text byte for byte", kept, b, err)
	}
	if out := r.ok("meetings", "alice"); strings.Contains(out, "2026") {
		t.Errorf("the refused note was stored: %s", out)
	}
}
