// Package mdterm renders the markdown of notes, preps and reviews for a
// terminal: headings, paragraphs, emphasis, code, lists and task items,
// quotes, links, tables and rules, word-wrapped to a width.
//
// It replaces glamour, which linked in chroma (syntax highlighting that
// notes never use) and bluemonday: their package initialisation cost about
// 27 ms of every start of every verb (bench/README.md has the figures).
//
// Safety: the renderer never copies source bytes to the terminal. Every
// piece of text is decoded first (character references such as &#27; and
// backslash escapes, exactly as a markdown reader would), then passed
// through termsafe.Text, and only then wrapped in the program's own SGR
// styling. What comes out therefore holds no control character other than
// newline and SGR sequences, whatever the note holds.
package mdterm

// Why this file is long: One renderer over goldmark's node kinds; each kind is a short case.

import (
	"strconv"
	"strings"
	"sync"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/oneonone/1on1/internal/termsafe"
)

// Options says how to render.
type Options struct {
	// Width is the most columns a line may take, margin included; at
	// least 8 is used.
	Width int
	// Margin is the number of spaces before every line.
	Margin int
	// Plain renders without colours or attributes, keeping markdown's own
	// marks for headings, emphasis and code blocks so that structure still
	// shows: for NO_COLOR, TERM=dumb and tests.
	Plain bool
}

var (
	parserOnce sync.Once
	mdParser   parser.Parser
)

// theParser is built on first use, not at start-up.
func theParser() parser.Parser {
	parserOnce.Do(func() {
		// goldmark's default parser, built from the parser package so that
		// goldmark's root package and HTML renderer are not linked.
		mdParser = parser.NewParser(
			parser.WithBlockParsers(parser.DefaultBlockParsers()...),
			parser.WithInlineParsers(append(parser.DefaultInlineParsers(), util.Prioritized(taskBoxParser{}, 0))...),
			parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
		)
	})
	return mdParser
}

// Render returns md rendered for a terminal, without a trailing newline.
// It is safe for concurrent use.
func Render(md string, o Options) string {
	o.Margin = max(o.Margin, 0)
	if o.Width-o.Margin < 8 {
		o.Width = o.Margin + 8
	}
	src := []byte(md)
	doc := theParser().Parse(text.NewReader(src))
	r := &renderer{src: src, o: o, st: newTheme(o.Plain)}
	var blocks []string
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if b := r.block(n, o.Width-o.Margin); b != "" {
			blocks = append(blocks, b)
		}
	}
	out := strings.Join(blocks, "\n\n")
	if o.Margin > 0 {
		pad := strings.Repeat(" ", o.Margin)
		lines := strings.Split(out, "\n")
		for i, l := range lines {
			if l != "" {
				lines[i] = pad + l
			}
		}
		out = strings.Join(lines, "\n")
	}
	return out
}

// theme is the styling of each element as SGR prefixes; in plain mode
// every prefix is empty and marks stand in for attributes. The styles are
// composed here rather than with lipgloss: lipgloss styles text rune by
// rune when it underlines, and so cut the escape sequences of styled text
// nested inside (a link in a heading) into loose ESC bytes.
type theme struct {
	plain                                    bool
	h1, h2, strong, em, del, code, link, url string
	dim, quote, bullet, done, open           string
	tableHead, codeBlock                     string
}

const reset = "\x1b[0m"

var (
	colorAccent = lipgloss.AdaptiveColor{Light: "#5A3FC0", Dark: "#B4A0FF"}
	colorDim    = lipgloss.AdaptiveColor{Light: "#767676", Dark: "#8A8A8A"}
	colorCode   = lipgloss.AdaptiveColor{Light: "#A66300", Dark: "#FFB454"}
	colorLink   = lipgloss.AdaptiveColor{Light: "#1565C0", Dark: "#6CB6FF"}
	colorGreen  = lipgloss.AdaptiveColor{Light: "#2E7D32", Dark: "#7BD88F"}
)

// SGR attributes.
const (
	bold      = "1"
	italic    = "3"
	underline = "4"
	strike    = "9"
)

// newTheme builds the prefixes for lipgloss's colour profile and
// background (the terminal's, as the caller set them).
func newTheme(plain bool) theme {
	profile := lipgloss.ColorProfile()
	if plain {
		return theme{plain: true}
	}
	dark := lipgloss.HasDarkBackground()
	sgr := func(c *lipgloss.AdaptiveColor, attrs ...string) string {
		if c != nil {
			hex := c.Light
			if dark {
				hex = c.Dark
			}
			if seq := profile.Color(hex); seq != nil {
				if s := seq.Sequence(false); s != "" {
					attrs = append(attrs, s)
				}
			}
		}
		if profile == termenv.Ascii || len(attrs) == 0 {
			return ""
		}
		return "\x1b[" + strings.Join(attrs, ";") + "m"
	}
	return theme{
		h1:        sgr(&colorAccent, bold, underline),
		h2:        sgr(&colorAccent, bold),
		strong:    sgr(nil, bold),
		em:        sgr(nil, italic),
		del:       sgr(nil, strike),
		code:      sgr(&colorCode),
		link:      sgr(&colorLink, underline),
		url:       sgr(&colorDim),
		dim:       sgr(&colorDim),
		quote:     sgr(&colorDim),
		bullet:    sgr(&colorAccent),
		done:      sgr(&colorGreen),
		open:      sgr(&colorAccent),
		tableHead: sgr(nil, bold),
		codeBlock: sgr(&colorCode),
	}
}

// paint styles already safe text with the prefix sgr. Styled text inside
// keeps its own style and then returns to this one.
func (t theme) paint(sgr string, s string) string {
	if sgr == "" || s == "" {
		return s
	}
	return sgr + strings.ReplaceAll(s, reset, reset+sgr) + reset
}

type renderer struct {
	src []byte
	o   Options
	st  theme
}

// block renders one block node into lines at most width columns wide.
func (r *renderer) block(n ast.Node, width int) string {
	width = max(width, 4)
	switch n := n.(type) {
	case *ast.Heading:
		marks := strings.Repeat("#", n.Level) + " "
		body := r.inlines(n)
		if r.st.plain {
			return wrap(marks+body, width)
		}
		if n.Level == 1 {
			return wrap(r.st.paint(r.st.h1, body), width)
		}
		return wrap(r.st.paint(r.st.h2, marks+body), width)
	case *ast.Paragraph, *ast.TextBlock:
		if before, rows, aligns, ok := splitTable(paragraphLines(n, r.src)); ok {
			var parts []string
			if len(before) > 0 {
				parts = append(parts, wrap(r.markdownInline(strings.Join(before, "\n")), width))
			}
			return strings.Join(append(parts, r.table(rows, aligns, width)), "\n")
		}
		return wrap(r.inlines(n), width)
	case *ast.ThematicBreak:
		return r.st.paint(r.st.dim, strings.Repeat("─", min(width, 40)))
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		return r.codeBlock(n, width)
	case *ast.Blockquote:
		return r.prefixed(n, width, r.st.paint(r.st.quote, "│ "), 2)
	case *ast.List:
		return r.list(n, width)
	case *ast.HTMLBlock:
		// Shown as the text it is, never interpreted.
		var b strings.Builder
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			b.Write(seg.Value(r.src))
		}
		if n.HasClosure() {
			b.Write(n.ClosureLine.Value(r.src))
		}
		return wrap(r.st.paint(r.st.dim, termsafe.Text(strings.TrimRight(b.String(), "\n"))), width)
	}
	// Anything else: its children's text.
	return wrap(r.inlines(n), width)
}

// children renders the blocks under n, separated by blank lines (tight
// list items: by line breaks).
func (r *renderer) children(n ast.Node, width int, tight bool) string {
	var parts []string
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if b := r.block(c, width); b != "" {
			parts = append(parts, b)
		}
	}
	sep := "\n\n"
	if tight {
		sep = "\n"
	}
	return strings.Join(parts, sep)
}

// prefixed renders n's children at width-cols and puts prefix before
// every line.
func (r *renderer) prefixed(n ast.Node, width int, prefix string, cols int) string {
	body := r.children(n, width-cols, false)
	lines := strings.Split(body, "\n")
	for i, l := range lines {
		lines[i] = prefix + l
	}
	return strings.Join(lines, "\n")
}

func (r *renderer) list(l *ast.List, width int) string {
	var items []string
	num := l.Start
	for c := l.FirstChild(); c != nil; c = c.NextSibling() {
		marker := r.st.paint(r.st.bullet, "•") + " "
		cols := 2
		if l.IsOrdered() {
			m := strconv.Itoa(num) + "."
			marker, cols = r.st.paint(r.st.bullet, m)+" ", len(m)+1
			num++
		}
		if box := firstBox(c); box != nil {
			// A task's box is its bullet.
			if !l.IsOrdered() {
				marker, cols = "", 0
			}
			switch {
			case box.mark == 'x' && r.st.plain:
				marker += "[x] "
			case box.mark == 'x':
				marker += r.st.paint(r.st.done, "[✓]") + " "
			case box.mark == '-':
				marker += r.st.paint(r.st.dim, "[-]") + " "
			default:
				marker += r.st.paint(r.st.open, "[ ]") + " "
			}
			cols += 4
		}
		body := r.children(c, width-cols, l.IsTight)
		lines := strings.Split(body, "\n")
		pad := strings.Repeat(" ", cols)
		for i := range lines {
			if i == 0 {
				lines[i] = marker + lines[i]
			} else if lines[i] != "" {
				lines[i] = pad + lines[i]
			}
		}
		items = append(items, strings.Join(lines, "\n"))
	}
	if l.IsTight {
		return strings.Join(items, "\n")
	}
	return strings.Join(items, "\n\n")
}

// taskBox returns the check box that starts a list item, if any.
func firstBox(item ast.Node) *taskBox {
	if p := item.FirstChild(); p != nil {
		if b, ok := p.FirstChild().(*taskBox); ok {
			return b
		}
	}
	return nil
}

func (r *renderer) codeBlock(n ast.Node, width int) string {
	var b strings.Builder
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(r.src))
	}
	code := strings.TrimRight(termsafe.Text(strings.ReplaceAll(b.String(), "\t", "    ")), "\n")
	if r.st.plain {
		fence := "```"
		return fence + "\n" + ansi.Hardwrap(code, width, true) + "\n" + fence
	}
	out := strings.Split(ansi.Hardwrap(code, width-2, true), "\n")
	for i, l := range out {
		out[i] = "  " + r.st.paint(r.st.codeBlock, l)
	}
	return strings.Join(out, "\n")
}

// inlines renders the inline children of n as one styled string with
// line breaks where the source had hard breaks.
func (r *renderer) inlines(n ast.Node) string {
	var b strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		r.inline(&b, c)
	}
	return b.String()
}

// decoded returns the text of a segment as a markdown reader sees it:
// backslash escapes removed, character references resolved. Only then is
// it made safe, so that &#27; cannot become an escape.
func decoded(v []byte) string {
	return termsafe.Text(string(util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))))
}

func (r *renderer) inline(b *strings.Builder, n ast.Node) {
	switch n := n.(type) {
	case *ast.Text:
		b.WriteString(decoded(n.Segment.Value(r.src)))
		switch {
		case n.HardLineBreak():
			b.WriteString("\n")
		case n.SoftLineBreak():
			b.WriteString(" ")
		}
	case *ast.String:
		if n.IsCode() || n.IsRaw() {
			b.WriteString(termsafe.Text(string(n.Value)))
		} else {
			b.WriteString(decoded(n.Value))
		}
	case *ast.CodeSpan:
		var s strings.Builder
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if t, ok := c.(*ast.Text); ok {
				s.Write(t.Segment.Value(r.src))
				if t.SoftLineBreak() {
					s.WriteByte(' ')
				}
			} else if str, ok := c.(*ast.String); ok {
				s.Write(str.Value)
			}
		}
		b.WriteString(r.st.paint(r.st.code, termsafe.Line(s.String())))
	case *ast.Emphasis:
		inner := r.inlines(n)
		switch {
		case r.st.plain:
			m := strings.Repeat("*", n.Level)
			b.WriteString(m + inner + m)
		case n.Level >= 2:
			b.WriteString(r.st.paint(r.st.strong, inner))
		default:
			b.WriteString(r.st.paint(r.st.em, inner))
		}
	case *ast.Link:
		r.link(b, r.inlines(n), string(n.Destination))
	case *ast.Image:
		r.link(b, "image: "+r.inlines(n), string(n.Destination))
	case *ast.AutoLink:
		u := decoded(n.URL(r.src))
		b.WriteString(r.st.paint(r.st.link, u))
	case *ast.RawHTML:
		for i := 0; i < n.Segments.Len(); i++ {
			seg := n.Segments.At(i)
			b.WriteString(r.st.paint(r.st.dim, termsafe.Line(string(seg.Value(r.src)))))
		}
	case *taskBox:
		// Drawn by the list item.
	default:
		b.WriteString(r.inlines(n))
	}
}

// link shows a link's text and, when it says something the text does not,
// its destination: the reader sees where a link goes (no OSC 8 link is
// ever written, so text cannot disguise a destination).
func (r *renderer) link(b *strings.Builder, label, dest string) {
	dest = decoded([]byte(dest))
	b.WriteString(r.st.paint(r.st.link, label))
	if dest != "" && dest != ansi.Strip(label) {
		b.WriteString(" " + r.st.paint(r.st.url, "("+termsafe.Line(dest)+")"))
	}
}

// wrap word-wraps s to width columns, breaking words longer than a line.
func wrap(s string, width int) string {
	return ansi.Wrap(s, width, "")
}

// markdownInline renders a piece of markdown (a table cell, the lines of
// a paragraph before its table) as inline text.
func (r *renderer) markdownInline(md string) string {
	sub := &renderer{src: []byte(md), o: r.o, st: r.st}
	doc := theParser().Parse(text.NewReader(sub.src))
	var parts []string
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		parts = append(parts, sub.inlines(n))
	}
	return strings.Join(parts, " ")
}

// table lays a table out in aligned columns. When it is wider than the
// width, the widest columns give up room first and their cells are cut
// with an ellipsis.
func (r *renderer) table(raw [][]string, aligns []align, width int) string {
	const head = 1
	rows := make([][]string, len(raw))
	for i, row := range raw {
		for _, c := range row {
			rows[i] = append(rows[i], strings.ReplaceAll(r.markdownInline(c), "\n", " "))
		}
	}
	cols := len(aligns)
	widths := make([]int, cols)
	body := make([]int, cols) // widest cell below the header
	for ri, row := range rows {
		for i, c := range row {
			if i >= cols {
				break
			}
			widths[i] = max(widths[i], ansi.StringWidth(c))
			if ri >= head {
				body[i] = max(body[i], ansi.StringWidth(c), 3)
			}
		}
	}
	sep, bar, cross := " │ ", "─", "─┼─"
	if r.st.plain {
		sep, bar, cross = " | ", "-", "-|-"
	}
	avail := width - (cols-1)*3
	// Headers wider than their column's cells give way first (a count
	// under "kept late" needs two columns), then the widest columns.
	for total(widths) > avail {
		w := -1
		for i := range widths {
			if widths[i] > body[i] && (w < 0 || widths[i]-body[i] > widths[w]-body[w]) {
				w = i
			}
		}
		if w < 0 {
			break
		}
		widths[w]--
	}
	for total(widths) > avail {
		w := 0
		for i := range widths {
			if widths[i] > widths[w] {
				w = i
			}
		}
		if widths[w] <= 3 {
			break
		}
		widths[w]--
	}
	var out []string
	for ri, row := range rows {
		var line []string
		for i := 0; i < cols; i++ {
			c := ""
			if i < len(row) {
				c = row[i]
			}
			if ansi.StringWidth(c) > widths[i] {
				c = ansi.Truncate(c, widths[i], "…")
			}
			pad := widths[i] - ansi.StringWidth(c)
			switch aligns[i] {
			case alignRight:
				c = strings.Repeat(" ", pad) + c
			case alignCenter:
				c = strings.Repeat(" ", pad/2) + c + strings.Repeat(" ", pad-pad/2)
			default:
				c += strings.Repeat(" ", pad)
			}
			if ri < head {
				c = r.st.paint(r.st.tableHead, c)
			}
			line = append(line, c)
		}
		out = append(out, strings.TrimRight(strings.Join(line, r.st.paint(r.st.dim, sep)), " "))
		if ri == head-1 {
			var rule []string
			for _, w := range widths {
				rule = append(rule, strings.Repeat(bar, w))
			}
			out = append(out, r.st.paint(r.st.dim, strings.Join(rule, cross)))
		}
	}
	return strings.Join(out, "\n")
}

func total(ws []int) int {
	n := 0
	for _, w := range ws {
		n += w
	}
	return n
}
