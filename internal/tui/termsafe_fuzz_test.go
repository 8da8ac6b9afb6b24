package tui

import (
	"bytes"
	"sync"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/oneonone/1on1/internal/termsafe"
	"github.com/oneonone/1on1/journal"
)

var fuzzColourOnce sync.Once

// FuzzNothingReachesTheTerminal (issue 10 item 7) takes a person's name,
// their context and a note from the fuzzer and sends them down every path
// to the terminal without the storage in between: the note's items as the
// journal extracts them; the prep and review documents the journal writes
// from them; the markdown renderer in colour and without (the app's
// preview, `prep` and `review` on a terminal); list rows and the status
// line as the app styles them; and CLI text through termsafe's writer.
// Nothing may hold a control character but newline, tab and the SGR
// styling the program adds. The CLI's end-to-end sibling,
// cli.FuzzNothingReachesTheTerminal, runs the same through the verbs.
func FuzzNothingReachesTheTerminal(f *testing.F) {
	for _, s := range [][3]string{
		{"Ann &#27;]0;t&#7;", "ctx \x1b]52;c;eA==\x07", "- [ ] me: send &#x1b;[2J by friday\n- [x] Ann: ok &#x9b;31m"},
		{"\u202eevil", "&#8238; | a |\n|---|\n| &#27;[1m |", "# &#27;]8;;http://x&#27;\\t\n\n> \u009b2J\n\n```\n\x1b]0;x\x07\n```"},
		{"Bo \r\nZ", "[x](&#27;) <http://a/&#27;>", "## Ann's commitments\n\n- [ ] \U000E0041 tag `\x1b[5m` due:2026-12-01"},
	} {
		f.Add(s[0], s[1], s[2])
	}
	f.Fuzz(func(t *testing.T, name, context, note string) {
		fuzzColourOnce.Do(func() { lipgloss.SetColorProfile(termenv.TrueColor) })
		check := func(path, out string) {
			if i := termsafe.FirstControl(out); i >= 0 {
				t.Fatalf("%s: control at %d: %q", path, i, out[max(0, i-20):min(len(out), i+20)])
			}
		}
		today := journal.NewDate(2026, 11, 23)
		p := journal.Person{Handle: "p", Name: name, Context: context, Cadence: 14}
		items := journal.Extract([]byte(note), journal.NoteContext{Date: today, Handle: "p", Name: name})
		prep := journal.Prep{Person: p, Today: today, Mine: items, Theirs: items, FollowUps: items, Wins: items, DaysSince: -1}
		review := journal.Review{Person: p, Today: today, From: today, Wins: items, Feedback: items, Commitments: items}
		docs := map[string]string{
			"note": note, "prep": prep.Markdown(), "review": review.Markdown(),
			"person": personSummary(journal.PersonStatus{Person: p, DaysSince: -1}),
		}
		for what, md := range docs {
			for _, style := range []string{"notty", "dark"} {
				out, _ := renderMarkdown(md, style, 50)
				check(what+" rendered "+style, out)
			}
			var b bytes.Buffer
			w := termsafe.NewWriter(&b)
			w.Write([]byte(md))
			w.Flush()
			check(what+" as CLI text", b.String())
		}
		st := newStyles()
		labels := []string{name, context, firstLine(note)}
		for _, it := range items {
			labels = append(labels, it.Text)
		}
		for _, l := range labels {
			check("list row", spread(st.Selected.Render(clean(l)), st.Overdue.Render("overdue"), 40))
			check("list row", fit(st.Dim.Render(clean(l)), 30))
			check("status line", st.Status.Render("ticked done: "+clean(l)))
		}
	})
}
