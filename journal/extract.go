package journal

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// NoteContext is what extraction needs to know about a note beyond its text.
type NoteContext struct {
	Date   Date   // the meeting's date: due phrases resolve against it
	Handle string // the meeting's person ("alice")
	Name   string // the person's full name; its first word followed by ':' is an owner prefix
}

// noteParser reads notes as the rest of the journal renders them: CommonMark
// with GitHub's extensions. A goldmark parser keeps no state between parses,
// so one serves every call.
var noteParser = goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser()

// Extract returns the items of a note in document order (SPEC 2.1–2.2). It
// never panics, whatever the input.
//
// An item's Text is the raw markdown of its own first paragraph, after the
// checkbox and without the block id, its lines joined by a space; owner
// prefixes, due and done tokens stay in it. Extract fills the fields of Item
// up to Line.
func Extract(note []byte, nc NoteContext) []Item {
	found := scan(note, nc)
	if len(found) == 0 {
		return nil
	}
	items := make([]Item, len(found))
	for i, f := range found {
		items[i] = f.Item
	}
	return items
}

// located is an item together with where its parts sit in the note, so that
// Stamp and rewriteItem change exactly the bytes they mean to.
type located struct {
	Item
	// box is the offset of the checkbox's '[', or -1 for a plain bullet.
	box int
	// pieces map the item's text, line by line, to the note's bytes; raw is
	// the text with its block id, Text a prefix of it.
	pieces []piece
	raw    string
	// due is where in Text the date or phrase that set Due sits; dueToken
	// tells a due:/📅 date from a "by" phrase.
	due      textRange
	dueToken bool
}

// piece says that raw[text:text+n] is note[src:src+n]. Pieces are joined by
// one space in raw, standing for the line break and indentation between them.
type piece struct{ text, src, n int }

// textRange is a half-open byte range of an item's text.
type textRange struct{ start, end int }

// section is what the headings above an item make of its list items.
type section uint8

const (
	noSection section = iota
	followUpSection
	winSection
	feedbackSection
)

// heading is one entry of the heading stack: a heading's scope runs to the
// next heading of the same or a higher level.
type heading struct {
	level   int
	section section
	owner   Owner
}

// scan parses a note and returns its items with their positions.
func scan(note []byte, nc NoteContext) []located {
	// A note's own front matter (kept by import) is no markdown to read:
	// its last line over "---" would be a heading.
	note = maskFrontMatter(note)
	doc := noteParser.Parse(text.NewReader(note))
	words := ownerWordsOf(nc)
	lines := newLineIndex(note)
	var (
		stack []heading
		out   []located
	)
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			h := headingOf(n, note, words)
			for len(stack) > 0 && stack[len(stack)-1].level >= h.level {
				stack = stack[:len(stack)-1]
			}
			stack = append(stack, h)
			return ast.WalkSkipChildren, nil
		case *ast.ListItem:
			if it, ok := listItem(n, note, stack, nc, words); ok {
				it.Line = lines.lineOf(it.pieces[0].src)
				out = append(out, it)
			}
		case *ast.Paragraph, *ast.TextBlock, *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock:
			// Nothing below these is an item; their inlines are not worth a visit.
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return out
}

// listItem reads one list item. ok is false when the item is none of the
// journal's: a plain bullet outside the follow-up, win and feedback
// sections, or an item without text.
func listItem(li *ast.ListItem, note []byte, stack []heading, nc NoteContext, words ownerWords) (located, bool) {
	var it located
	first := li.FirstChild()
	switch first.(type) {
	case *ast.Paragraph, *ast.TextBlock:
	default:
		return it, false
	}
	lines := lineSpans(first, note)
	if len(lines) == 0 {
		return it, false
	}

	// The checkbox. goldmark finds [ ], [x] and [X] (and also "[ ]x", which
	// is no task: GitHub wants a space after the box); the dropped forms [-]
	// and [~] arrive as plain text.
	it.box = -1
	task := false
	l0 := note[lines[0].start:lines[0].end]
	if len(l0) >= 3 && l0[0] == '[' && l0[2] == ']' && (len(l0) == 3 || l0[3] == ' ' || l0[3] == '\t') {
		_, isBox := first.FirstChild().(*extast.TaskCheckBox)
		switch l0[1] {
		case ' ', 'x', 'X':
			task = isBox
		case '-', '~':
			task = true
		}
		if task {
			it.box = lines[0].start
			switch l0[1] {
			case ' ':
				it.State = StateOpen
			case 'x', 'X':
				it.State = StateDone
			default:
				it.State = StateDropped
			}
			lines[0].start = trimLeft(note, lines[0].start+3, lines[0].end)
		}
	}

	var raw strings.Builder
	for _, l := range lines {
		if l.start >= l.end {
			continue
		}
		if raw.Len() > 0 {
			raw.WriteByte(' ')
		}
		it.pieces = append(it.pieces, piece{text: raw.Len(), src: l.start, n: l.end - l.start})
		raw.Write(note[l.start:l.end])
	}
	it.raw = raw.String()
	textEnd, id := splitBlockID(it.raw)
	it.Text = it.raw[:textEnd]
	if it.Text == "" {
		return it, false
	}

	sec := noSection
	for i := len(stack) - 1; i >= 0; i-- {
		if stack[i].section != noSection {
			sec = stack[i].section
			break
		}
	}
	switch {
	case task && (sec == followUpSection || hasFollowUpPrefix(it.Text)):
		it.Kind = FollowUp
	case task:
		it.Kind = Commitment
	case sec == followUpSection:
		it.Kind, it.State = FollowUp, StateOpen
	case sec == winSection:
		it.Kind, it.State = Win, StateOpen
		return it, true
	case sec == feedbackSection:
		it.Kind, it.State = Feedback, StateOpen
		it.Direction = feedbackDirection(it.Text)
		return it, true
	default:
		return it, false
	}

	it.ID = id
	if it.Kind == Commitment {
		it.Owner = ownerOf(it.Text, stack, nc)
	}
	it.Due, it.due, it.dueToken = dueOf(it.Text, nc.Date)
	it.Done = doneOf(it.Text)
	return it, true
}

// lineSpans returns the trimmed bytes of each line of a paragraph or text
// block, without line endings.
func lineSpans(n ast.Node, note []byte) []textRange {
	segs := n.Lines()
	spans := make([]textRange, 0, segs.Len())
	for i := 0; i < segs.Len(); i++ {
		s := segs.At(i)
		start, end := max(0, s.Start), min(len(note), s.Stop)
		if start >= end {
			continue
		}
		if nl := strings.IndexByte(string(note[start:end]), '\n'); nl >= 0 {
			end = start + nl
		}
		start = trimLeft(note, start, end)
		end = trimRight(note, start, end)
		spans = append(spans, textRange{start, end})
	}
	return spans
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func trimLeft(b []byte, start, end int) int {
	for start < end && isBlank(b[start]) {
		start++
	}
	return start
}

func trimRight(b []byte, start, end int) int {
	for end > start && isBlank(b[end-1]) {
		end--
	}
	return end
}

// splitBlockID finds a trailing block id ("… ^c7f3") and returns the length
// of the text before it, trimmed, and the id without its caret.
func splitBlockID(raw string) (textEnd int, id string) {
	i := len(raw)
	for i > 0 && isIDByte(raw[i-1]) {
		i--
	}
	if i == len(raw) || i == 0 || raw[i-1] != '^' || (i >= 2 && raw[i-2] != ' ' && raw[i-2] != '\t') {
		return len(raw), ""
	}
	id = raw[i:]
	end := i - 1
	for end > 0 && (raw[end-1] == ' ' || raw[end-1] == '\t') {
		end--
	}
	return end, id
}

func isIDByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-'
}

// validID reports whether id can stand as a block id.
func validID(id string) bool {
	if id == "" {
		return false
	}
	for i := 0; i < len(id); i++ {
		if !isIDByte(id[i]) {
			return false
		}
	}
	return true
}

// srcOffset returns the note offset of the end of it.raw[:p]. p must not
// fall in the space between two pieces.
func (it *located) srcOffset(p int) int {
	i := sort.Search(len(it.pieces), func(i int) bool { return it.pieces[i].text+it.pieces[i].n >= p })
	if i == len(it.pieces) {
		i--
	}
	pc := it.pieces[i]
	return pc.src + min(max(p-pc.text, 0), pc.n)
}

// srcRanges returns the note's byte ranges that make up raw[r.start:r.end],
// one per line it touches.
func (it *located) srcRanges(r textRange) []textRange {
	var out []textRange
	for _, pc := range it.pieces {
		s, e := max(r.start, pc.text), min(r.end, pc.text+pc.n)
		if s < e {
			out = append(out, textRange{pc.src + s - pc.text, pc.src + e - pc.text})
		}
	}
	return out
}

// textEnd returns the note offset just after the item's text, before its
// block id: where new tokens go.
func (it *located) textEnd() int { return it.srcOffset(len(it.Text)) }

// lineIndex turns byte offsets into 1-based line numbers.
type lineIndex []int

func newLineIndex(note []byte) lineIndex {
	idx := lineIndex{0}
	for i, c := range note {
		if c == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

func (l lineIndex) lineOf(off int) int {
	return sort.Search(len(l), func(i int) bool { return l[i] > off })
}

// Headings.

// ownerWords are the words that tie a heading or a prefix to a side.
type ownerWords struct {
	them [][]string // the person's handle, full name, and each word of it
}

var meHeadingWords = [][]string{{"my"}, {"me"}, {"i"}, {"mine"}, {"myself"}}

var themPronouns = [][]string{{"their"}, {"them"}, {"theirs"}, {"they"}}

func ownerWordsOf(nc NoteContext) ownerWords {
	var w ownerWords
	w.them = append(w.them, themPronouns...)
	for _, s := range []string{nc.Handle, nc.Name} {
		if ws := headingWords(s); len(ws) > 0 {
			w.them = append(w.them, ws)
		}
	}
	for _, ws := range headingWords(nc.Name) {
		w.them = append(w.them, []string{ws})
	}
	return w
}

var sectionPhrases = []struct {
	words   []string
	section section
}{
	{[]string{"follow", "up"}, followUpSection},
	{[]string{"follow", "ups"}, followUpSection},
	{[]string{"followup"}, followUpSection},
	{[]string{"followups"}, followUpSection},
	{[]string{"next", "time"}, followUpSection},
	{[]string{"to", "discuss"}, followUpSection},
	{[]string{"parking", "lot"}, followUpSection},
	{[]string{"wins"}, winSection},
	{[]string{"kudos"}, winSection},
	{[]string{"recognition"}, winSection},
	{[]string{"achievements"}, winSection},
	{[]string{"shout", "outs"}, winSection},
	{[]string{"shoutouts"}, winSection},
	{[]string{"feedback"}, feedbackSection},
}

// headingOf reads a heading's section and owner. When a heading has words of
// more than one section, or of both sides, the first in it decides ("My
// commitments to Alice" is mine).
func headingOf(h *ast.Heading, note []byte, ow ownerWords) heading {
	var b strings.Builder
	for _, l := range lineSpans(h, note) {
		b.Write(note[l.start:l.end])
		b.WriteByte(' ')
	}
	words := headingWords(b.String())
	out := heading{level: h.Level}
	for i := range words {
		if out.section == noSection {
			for _, p := range sectionPhrases {
				if hasPhraseAt(words, i, p.words) {
					out.section = p.section
					break
				}
			}
		}
		if out.owner == 0 {
			for _, p := range meHeadingWords {
				if hasPhraseAt(words, i, p) {
					out.owner = Me
				}
			}
			for _, p := range ow.them {
				if out.owner == 0 && hasPhraseAt(words, i, p) {
					out.owner = Them
				}
			}
		}
	}
	return out
}

// headingWords lowercases s and splits it into words of letters and digits:
// "Alice's follow-ups" is alice, s, follow, ups.
func headingWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

func hasPhraseAt(words []string, i int, phrase []string) bool {
	if i+len(phrase) > len(words) {
		return false
	}
	for j, w := range phrase {
		if words[i+j] != w {
			return false
		}
	}
	return true
}

// Prefixes.

// ownerOf applies the owner rules of SPEC 2.1 in order: a prefix on the
// text, the nearest heading if it names a side, then me.
func ownerOf(text string, stack []heading, nc NoteContext) Owner {
	if o := prefixOwner(text, nc); o != 0 {
		return o
	}
	// Only the nearest heading counts (SPEC 2.1 rule 2): a title such as
	// "# 1:1 with Alice" names the person, but the tasks in its sections
	// are not all hers.
	if n := len(stack); n > 0 && stack[n-1].owner != 0 {
		return stack[n-1].owner
	}
	return Me
}

// prefixOwner reads "me:", "I:", "@me", "them:", "<handle>:", "@<handle>"
// and "<first name>:" at the start of an item's text, also in bold
// ("**Alice:**").
func prefixOwner(text string, nc NoteContext) Owner {
	t := strings.ToLower(strings.TrimLeft(text, "*_ "))
	if mention(t, "@me") {
		return Me
	}
	if h := strings.ToLower(nc.Handle); h != "" && mention(t, "@"+h) {
		return Them
	}
	for _, w := range []string{"me", "i"} {
		if labelled(t, w) {
			return Me
		}
	}
	them := []string{"them", strings.ToLower(nc.Handle), strings.ToLower(nc.Name)}
	if f := strings.Fields(nc.Name); len(f) > 0 {
		them = append(them, strings.ToLower(f[0]))
	}
	for _, w := range them {
		if w != "" && labelled(t, w) {
			return Them
		}
	}
	return 0
}

// mention reports whether t starts with the mention m as a whole word.
func mention(t, m string) bool {
	if !strings.HasPrefix(t, m) {
		return false
	}
	rest := t[len(m):]
	if rest == "" {
		return true
	}
	c := rest[0]
	return !(isIDByte(c) || c == '_' || c == '.' && len(rest) > 1 && isIDByte(rest[1]) || c >= 0x80)
}

// labelled reports whether t starts with "<w>:", allowing emphasis marks
// between the word and the colon.
func labelled(t, w string) bool {
	if !strings.HasPrefix(t, w) {
		return false
	}
	return strings.HasPrefix(strings.TrimLeft(t[len(w):], "*_"), ":")
}

var followUpPrefixes = []string{"follow-up:", "follow up:", "followup:"}

func hasFollowUpPrefix(text string) bool {
	t := strings.ToLower(strings.TrimLeft(text, "*_ "))
	for _, p := range followUpPrefixes {
		if strings.HasPrefix(t, p) || labelled(t, strings.TrimSuffix(p, ":")) {
			return true
		}
	}
	return false
}

func feedbackDirection(text string) Direction {
	t := strings.ToLower(strings.TrimLeft(text, "*_ "))
	switch {
	case labelled(t, "given"):
		return Given
	case labelled(t, "received"):
		return Received
	}
	return 0
}

// Dates.

var (
	// dueTokenRe matches due:2026-12-01 and 📅 2026-12-01.
	dueTokenRe = regexp.MustCompile(`(?i)(due:[ \t]?|📅[ \t]*)(\d{4}-\d{2}-\d{2})\b`)
	// doneTokenRe matches done:2026-11-20 and ✅ 2026-11-20.
	doneTokenRe = regexp.MustCompile(`(?i)(done:[ \t]?|✅[ \t]*)(\d{4}-\d{2}-\d{2})\b`)
)

// dateToken is a due or done token in an item's text: tok covers it all,
// date only its date.
type dateToken struct {
	tok, date textRange
	value     Date
}

// dateTokens returns the tokens of re in text that hold a real date. A
// worded token ("due:") must start a word, so "overdue:" is none.
func dateTokens(re *regexp.Regexp, text string) []dateToken {
	// Most items hold no token: skip the regexp for them.
	if !strings.Contains(text, ":") && !strings.Contains(text, "📅") && !strings.Contains(text, "✅") {
		return nil
	}
	var out []dateToken
	for _, m := range re.FindAllStringSubmatchIndex(text, -1) {
		if c := text[m[0]]; (c == 'd' || c == 'D') && m[0] > 0 {
			r, _ := utf8.DecodeLastRuneInString(text[:m[0]])
			if r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) {
				continue
			}
		}
		d, err := ParseDate(text[m[4]:m[5]])
		if err != nil {
			continue
		}
		out = append(out, dateToken{tok: textRange{m[0], m[1]}, date: textRange{m[4], m[5]}, value: d})
	}
	return out
}

// maxPhraseWords is how many words after "by" a due phrase may take ("by
// the end of the month").
const maxPhraseWords = 5

// dueOf finds an item's due date (SPEC 2.1): the first valid due: or 📅
// date, else the first "by <phrase>" that ResolveDue understands, trying the
// longest phrase first. r is where the date or phrase sits in text.
func dueOf(text string, base Date) (due Date, r textRange, token bool) {
	if toks := dateTokens(dueTokenRe, text); len(toks) > 0 {
		return toks[0].value, toks[0].date, true
	}
	if base <= 0 {
		return 0, r, false
	}
	words := wordSpans(text)
	for i, w := range words {
		if i+1 == len(words) || !strings.EqualFold(strings.TrimLeft(text[w.start:w.end], "(*_"), "by") {
			continue
		}
		for j := min(i+maxPhraseWords, len(words)-1); j > i; j-- {
			start := words[i+1].start
			end := start + len(strings.TrimRight(text[start:words[j].end], `.,;:!?)]*_"'`))
			if end <= start {
				continue
			}
			if d, ok := ResolveDue(text[start:end], base); ok {
				return d, textRange{start, end}, false
			}
		}
	}
	return 0, r, false
}

// wordSpans returns the spans of text between spaces and tabs.
func wordSpans(text string) []textRange {
	var out []textRange
	start := -1
	for i := 0; i <= len(text); i++ {
		if i == len(text) || text[i] == ' ' || text[i] == '\t' {
			if start >= 0 {
				out = append(out, textRange{start, i})
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	return out
}

// doneOf returns the first valid done:/✅ date in text, or zero.
func doneOf(text string) Date {
	if toks := dateTokens(doneTokenRe, text); len(toks) > 0 {
		return toks[0].value
	}
	return 0
}
