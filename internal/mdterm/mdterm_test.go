package mdterm

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/oneonone/1on1/internal/termsafe"
)

const sample = `# 1:1 with Alice

Talked about the **launch deck** and _hiring_; see [the doc](https://example.com/doc) and ` + "`make deck`" + `.

## Commitments

- [ ] me: send the budget sheet by friday ^a1b2
- [x] alice: review the plan done:2026-11-20
- plain bullet
  - nested bullet

1. first
2. second

> Quoted feedback that goes on long enough to need wrapping at a narrow width.

` + "```" + `
code block
` + "```" + `

| promises | kept | open |
|---|--:|--:|
| mine to Alice | 3 | 1 |
`

// Every element notes use comes out as a reader expects, in plain mode
// (NO_COLOR, tests) where markdown's marks show structure.
func TestRenderShowsEveryElementNotesUse(t *testing.T) {
	out := Render(sample, Options{Width: 100, Plain: true})
	for _, want := range []string{
		"# 1:1 with Alice",
		"**launch deck**", "*hiring*",
		"the doc (https://example.com/doc)",
		"make deck",
		"## Commitments",
		"[ ] me: send the budget sheet by friday ^a1b2",
		"[x] alice: review the plan",
		"• plain bullet", "  • nested bullet",
		"1. first", "2. second",
		"│ Quoted feedback",
		"```\ncode block\n```",
		"promises      | kept | open",
		"mine to Alice |    3 |    1",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
	for _, l := range strings.Split(Render(sample, Options{Width: 60, Plain: true}), "\n") {
		if w := ansi.StringWidth(l); w > 60 {
			t.Errorf("line of %d columns at width 60: %q", w, l)
		}
	}
}

// With colour, attributes replace the marks and styled text nested in
// styled text (a link in a heading, bold in a list) keeps both styles.
func TestRenderStylesWithColour(t *testing.T) {
	lipgloss.SetColorProfile(termenv.TrueColor)
	defer lipgloss.SetColorProfile(termenv.Ascii)
	out := Render("## See [docs](https://x.y) **now**\n\n- **bold** item\n", Options{Width: 40})
	plain := ansi.Strip(out)
	if strings.Contains(plain, "**") || !strings.Contains(plain, "## See docs (https://x.y) now") {
		t.Errorf("colour render shows marks or loses text: %q", plain)
	}
	if !strings.Contains(out, "\x1b[1m") || !strings.Contains(out, ";4;") && !strings.Contains(out, "[4;") {
		t.Errorf("no bold or underline in %q", out)
	}
	if i := termsafe.FirstControl(out); i >= 0 {
		t.Errorf("non-SGR control at %d in %q", i, out)
	}
}

func TestRenderWrapsListItemsWithAHangingIndent(t *testing.T) {
	out := Render("- [ ] one two three four five six seven eight nine ten\n", Options{Width: 24, Plain: true})
	lines := strings.Split(out, "\n")
	if len(lines) < 2 || !strings.HasPrefix(lines[1], "    ") {
		t.Errorf("continuation not under the text:\n%s", out)
	}
}

// Text that a markdown reader decodes into control characters — character
// references, escapes in every element — never reaches the output raw.
func TestRenderDecodesThenShowsControls(t *testing.T) {
	for _, colour := range []bool{false, true} {
		if colour {
			lipgloss.SetColorProfile(termenv.TrueColor)
		}
		for _, md := range []string{
			"&#27;]52;c;aGk=&#7; clipboard",
			"&#x1b;]0;title&#x1b;\\ and &#x9b;2J and &#155;1m",
			"# &#27;[2J heading\n\n> &#27;]8;;http://x&#27;\\ quote",
			"[&#27;]0;t&#7;](http://x/&#27;) <http://a/&#27;>",
			"| &#27;[31m | b |\n|---|---|\n| \x1b[1m | &#x202e; |",
			"- [ ] &#8238;gpj.exe \u2066x\u2069",
			"`\x1b[2J` and ```\n\x1b]0;t\x07\n```",
		} {
			out := Render(md, Options{Width: 40, Plain: !colour})
			if i := termsafe.FirstControl(out); i >= 0 {
				t.Errorf("colour %v: control at %d rendering %q: %q", colour, i, md, out)
			}
		}
	}
	lipgloss.SetColorProfile(termenv.Ascii)
}

func FuzzRender(f *testing.F) {
	f.Add(sample, 40)
	f.Add("&#27;]52;c;x&#7; [a](&#27;) `&#27;`", 10)
	f.Fuzz(func(t *testing.T, md string, width int) {
		lipgloss.SetColorProfile(termenv.TrueColor)
		for _, plain := range []bool{true, false} {
			out := Render(md, Options{Width: width % 200, Margin: 2, Plain: plain})
			if i := termsafe.FirstControl(out); i >= 0 {
				t.Fatalf("plain %v: control at %d: %q", plain, i, out)
			}
		}
	})
}
