package journal

// The walk over a note's syntax tree and its state. The rules it applies
// are split by concept: owner.go, table.go, dialect.go, sections.go,
// itemdate.go, noteblocks.go, pulse.go, leads.go; where an item sits in the
// note is notespans.go.

import (
	"bytes"
	"strings"
	"sync"

	"github.com/oneonone/1on1/internal/gfm"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// NoteContext is what extraction needs to know about a note beyond its text.
type NoteContext struct {
	Date   Date   // the meeting's date: due phrases resolve against it
	Handle string // the meeting's person ("alice")
	Name   string // the person's full name; its first word followed by ':' is an owner prefix
	Role   Role   // the person's role: "manager" or "report" in an owner mark is read against it
	Keeper Keeper // who keeps the journal: their name or handle as an owner mark means me
}

// noteParser reads notes as the rest of the journal renders them: CommonMark
// with GitHub's tables, task boxes and strikethrough (internal/gfm, not
// goldmark's extension package: see there why). A goldmark parser keeps no
// state between parses, so one serves every call; it is built on first use,
// not at the start of every verb (issue 16).
//
// The walk reads blocks by their lines and never enters their inlines but
// for a list item's task box: the parsers of links, code spans, emphasis
// and raw HTML made nodes nobody read, a third of the parse and many of its
// allocations, so they are left out. Block structure does not depend on
// them (link reference definitions are a paragraph transformer, kept).
func noteParser() parser.Parser {
	parserOnce.Do(func() {
		mdParser = parser.NewParser(append([]parser.Option{
			parser.WithBlockParsers(parser.DefaultBlockParsers()...),
			parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
		}, gfm.ParserOptions()...)...)
	})
	return mdParser
}

// fullParser is goldmark's parser with every inline parser, as
// noteParser was before it left them out: tests hold the two to the same
// readings.
func fullParser() parser.Parser {
	return parser.NewParser(append([]parser.Option{
		parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
	}, gfm.ParserOptions()...)...)
}

var (
	parserOnce sync.Once
	mdParser   parser.Parser
)

// Extract returns the items of a note in document order (SPEC 2.1–2.4). It
// never panics, whatever the input.
//
// An item's Text is the raw markdown of its own first paragraph, after the
// checkbox and without the block id, its lines joined by a space; owner
// marks, task keywords, due and done tokens stay in it. A row of an
// action-item table is one item whose Text is its action cell. Extract
// fills the fields of Item up to Line.
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
	// memo is what dueOf said of Text, before any rule dropped the date.
	memo *dueMemo
	// marker is the task keyword leading Text (TODO, DONE…), at markerAt.
	marker   marker
	markerAt textRange
	// row is set for a row of an action-item table.
	row *tableRow
	// gitlab is set when the note uses GitLab's agenda tags.
	gitlab bool
}

// piece says that raw[text:text+n] is note[src:src+n]. Pieces are joined by
// one space in raw, standing for the line break and indentation between them.
type piece struct{ text, src, n int }

// textRange is a half-open byte range of an item's text.
type textRange struct{ start, end int }

// section is what the headings above an item make of its list items.
type section uint8

const (
	noSection       section = iota
	followUpSection         // follow-ups, agenda, topics to cover: every list item is a topic
	agendaSection           // agenda, topics, talking points: every list item is a topic, never a promise
	topicSection            // discussion, questions, goals, OKRs: task items are topics, bullets notes
	winSection
	feedbackSection
	tellSection     // feedback to give, to tell, praise to give
	actionSection   // action items, next steps, tasks: bullets are commitments
	decisionSection // decisions: what was settled, not promised
)

// heading is one entry of the heading stack: a heading's scope runs to the
// next heading of the same or a higher level. A bold label paragraph
// ("**Next steps:**") is a heading one level below the deepest.
type heading struct {
	level   int
	section section
	owner   Owner
	private bool
}

// labelLevel is the level of a bold label: below every real heading.
const labelLevel = 7

// scanState is what a walk over one note carries.
type scanState struct {
	note   []byte
	nc     NoteContext
	names  names
	gitlab bool
	stack  []heading
	// blocks are the Logseq "[[Person]]" blocks the walk is inside.
	blocks []ownerBlock
	titled bool // the first heading was seen
	start  int  // offset after front matter: nothing before it is an item
	// pulse is the first pulse line's value; private the private sections
	// closed so far, and openPrivate where the open one starts by level.
	pulse       int
	hasPulse    bool
	private     []Span
	openPrivate map[int]int
}

// ownerBlock is a list item whose nested items it speaks for: a name
// ("**Ana**", "[[Sam Ortiz]]") gives them an owner, a label ("- **Next
// steps:**") a section, or both ("- Ana's action items:").
type ownerBlock struct {
	li      ast.Node
	owner   Owner
	section section
}

// scan parses a note and returns its items with their positions.
func scan(note []byte, nc NoteContext) []located {
	_, out := scanAll(note, nc)
	return out
}

// scanAll is scan that also returns what the walk learnt of the note.
func scanAll(note []byte, nc NoteContext) (*scanState, []located) {
	return scanWith(noteParser(), note, nc)
}

// scanWith is scanAll with the parser p.
func scanWith(p parser.Parser, note []byte, nc NoteContext) (*scanState, []located) {
	// A note's own front matter (kept by import) is no markdown to read:
	// its last line over "---" would be a heading.
	note = maskFrontMatter(note)
	doc := p.Parse(text.NewReader(note))
	st := &scanState{note: note, nc: nc, names: sharedNamesOf(nc), gitlab: usesGitLabTags(note), start: frontMatterEnd(note)}
	lines := newLineIndex(note)
	var out []located
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if k := len(st.blocks); k > 0 && st.blocks[k-1].li == n {
				st.blocks = st.blocks[:k-1]
			}
			return ast.WalkContinue, nil
		}
		if pos := nodeStart(n); pos >= 0 && pos < st.start {
			return ast.WalkSkipChildren, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			st.pushAt(st.headingOf(n), lineStartOf(note, max(nodeStart(n), 0)))
			return ast.WalkSkipChildren, nil
		case *ast.ListItem:
			if it, ok := st.listItem(n); ok {
				it.Line = lines.lineOf(it.pieces[0].src)
				out = append(out, it)
			}
		case *extast.Table:
			for _, it := range st.tableItems(n) {
				it.Line = lines.lineOf(it.pieces[0].src)
				out = append(out, it)
			}
			return ast.WalkSkipChildren, nil
		case *ast.Paragraph:
			st.readPulse(n)
			if _, inList := n.Parent().(*ast.ListItem); !inList {
				if h, ok := st.labelOf(n); ok {
					st.pushAt(h, lineStartOf(note, max(nodeStart(n), 0)))
				} else {
					for _, it := range st.lineItems(n) {
						it.Line = lines.lineOf(it.pieces[0].src)
						out = append(out, it)
					}
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.TextBlock:
			st.readPulse(n)
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock:
			// Nothing below these is an item; their inlines are not worth a visit.
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	st.pushAt(heading{level: 0}, len(note)) // the end of the note closes every section
	return st, out
}

// pushAt makes h, whose line starts at offset at, the innermost heading,
// closing those it ends; a private section closes with its heading.
func (st *scanState) pushAt(h heading, at int) {
	for len(st.stack) > 0 && st.stack[len(st.stack)-1].level >= h.level {
		top := st.stack[len(st.stack)-1]
		st.stack = st.stack[:len(st.stack)-1]
		if start, ok := st.openPrivate[top.level]; ok && top.private {
			delete(st.openPrivate, top.level)
			st.private = append(st.private, Span{start, at})
		}
	}
	if h.level == 0 {
		return
	}
	if h.private && len(st.openPrivate) == 0 {
		// A private section inside another is already covered by it.
		if st.openPrivate == nil {
			st.openPrivate = map[int]int{}
		}
		st.openPrivate[h.level] = at
	}
	st.stack = append(st.stack, h)
}

// readPulse takes the meeting's pulse from the first line of a paragraph
// that says it on a line of its own.
func (st *scanState) readPulse(n ast.Node) {
	if st.hasPulse {
		return
	}
	for _, l := range lineSpans(n, st.note) {
		line := st.note[l.start:l.end]
		if len(line) > 120 || !bytes.ContainsAny(line, "/0123456789") {
			continue // pulseOfLine's own first test, before a copy of the line
		}
		if v, ok := pulseOfLine(string(line)); ok {
			st.pulse, st.hasPulse = v, true
			return
		}
	}
}

// nodeStart returns the offset of a block's first line, or -1.
func nodeStart(n ast.Node) int {
	if n.Type() != ast.TypeBlock {
		return -1
	}
	if l := n.Lines(); l != nil && l.Len() > 0 {
		return l.At(0).Start
	}
	return -1
}

// frontMatterEnd returns the offset just after a leading YAML front matter
// block ("---" … "---"), or 0: its lines are not markdown, and goldmark would
// read its last key as a heading.
func frontMatterEnd(note []byte) int {
	if !bytes.HasPrefix(note, []byte("---\n")) && !bytes.HasPrefix(note, []byte("---\r\n")) {
		return 0
	}
	off := bytes.IndexByte(note, '\n') + 1
	for off < len(note) {
		end := bytes.IndexByte(note[off:], '\n')
		line := note[off:]
		next := len(note)
		if end >= 0 {
			line, next = note[off:off+end], off+end+1
		}
		if l := bytes.TrimRight(line, " \t\r"); bytes.Equal(l, []byte("---")) || bytes.Equal(l, []byte("...")) {
			return next
		}
		off = next
	}
	return 0
}

// section returns the innermost section the list labels, then the headings
// above give.
func (st *scanState) section() section {
	for i := len(st.blocks) - 1; i >= 0; i-- {
		if st.blocks[i].section != noSection {
			return st.blocks[i].section
		}
	}
	for i := len(st.stack) - 1; i >= 0; i-- {
		if st.stack[i].section != noSection {
			return st.stack[i].section
		}
	}
	return noSection
}

// headingOwner returns the owner named by the nearest heading that names
// one, walking up the levels (SPEC 2.1 rule 2).
func (st *scanState) headingOwner() Owner {
	for i := len(st.stack) - 1; i >= 0; i-- {
		if st.stack[i].owner != 0 {
			return st.stack[i].owner
		}
	}
	return 0
}

// listItem reads one list item. ok is false when the item is none of the
// journal's: a plain bullet outside the sections that give bullets a
// meaning, or an item without text.
func (st *scanState) listItem(li *ast.ListItem) (located, bool) {
	note := st.note
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
	// and [~] and the in-progress [/] arrive as plain text.
	it.box = -1
	task := false
	l0 := note[lines[0].start:lines[0].end]
	if len(l0) >= 3 && l0[0] == '[' && l0[2] == ']' && (len(l0) == 3 || l0[3] == ' ' || l0[3] == '\t') {
		_, isBox := first.FirstChild().(*extast.TaskCheckBox)
		switch l0[1] {
		case ' ', 'x', 'X':
			task = isBox
		case '-', '~', '/':
			task = true
		}
		if task {
			it.box = lines[0].start
			switch l0[1] {
			case ' ', '/':
				it.State = StateOpen
			case 'x', 'X':
				it.State = StateDone
			default:
				it.State = StateDropped
			}
			lines[0].start = trimLeft(note, lines[0].start+3, lines[0].end)
		}
	}

	if !task && st.nameBlock(li, lines[0]) {
		return it, false
	}
	return st.readItem(it, lines, task)
}

// readItem reads an item from its lines, the checkbox already taken.
func (st *scanState) readItem(it located, lines []textRange, task bool) (located, bool) {
	note := st.note
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
	it.gitlab = st.gitlab
	// A ballot box pasted from a document ("☐ Send…", "☑ Sent…") is a box
	// the scan cannot tick in place: the item is a task all the same. A
	// check mark ("✅ Shipped…") only says done: under wins it is a win,
	// under an action heading a kept promise.
	glyph, checkMark := 0, State(0)
	if !task {
		if gs, n, ok := leadGlyph(it.Text); ok {
			glyph = n
			if ballotGlyph(it.Text) {
				task, it.State = true, gs
			} else {
				checkMark = gs
			}
		}
	}
	mk, mlen := leadMarker(it.Text[glyph:])
	mlen += glyph
	body := it.Text[mlen:]
	if mk != noMarker {
		it.marker, it.markerAt = mk, textRange{glyph, len(strings.TrimRight(it.Text[:mlen], " \t:"))}
	}
	sec := st.section()
	if !task && mk == noMarker && sec == noSection && !hasTellPrefix(body) {
		// A plain bullet outside the sections that give bullets a meaning:
		// most lines of most notes, so nothing more is read of them.
		return it, false
	}
	lead := st.names.leadOwner(body)
	mark := st.names.markOwner(body)
	it.readDue(st.nc.Date)

	switch {
	case mk == markDiscuss || strings.Contains(it.Text, "#") && strings.Contains(lower(it.Text), "#discusswith"): // no "#", nothing to lowercase
		it.Kind = FollowUp
		if !task {
			it.State = StateOpen
		}
	case hasTellPrefix(body) || sec == tellSection:
		it.Kind = FeedbackToGive
		if !task {
			it.State = StateOpen
		}
	case (task || mk == noMarker && sec == actionSection) && hasFollowUpPrefix(body):
		// "Next time: ask about the move" is a topic, even among actions.
		it.Kind = FollowUp
		if !task {
			it.State = StateOpen
		}
	case task && sec == decisionSection && lead == 0 && mark == 0 && explicitDue(it.Text, st.nc.Date).IsZero():
		// "- [x] Keep the release train": a decision ticked as taken.
		return it, false
	case task && (sec == topicSection || sec == agendaSection):
		// "- [ ] Alice: career growth" on an agenda is her topic, not her
		// promise (SPEC 2.4: never promises).
		it.Kind = FollowUp
	case task && sec == followUpSection:
		// A topic, unless it says who owes it or by when.
		it.Kind = FollowUp
		if lead != 0 || mark != 0 || !explicitDue(it.Text, st.nc.Date).IsZero() || st.blockOwner() != 0 {
			it.Kind = Commitment
		}
	case task:
		it.Kind = Commitment
	case mk != noMarker:
		it.Kind = Commitment
		it.State = markerState(mk)
	case sec == followUpSection || sec == agendaSection:
		it.Kind, it.State = FollowUp, StateOpen
	case sec == winSection:
		it.Kind, it.State = Win, StateOpen
		st.dropBareDue(&it)
		return it, true
	case sec == feedbackSection:
		it.Kind, it.State = Feedback, StateOpen
		it.Direction = feedbackDirection(it.Text)
		st.dropBareDue(&it)
		return it, true
	case sec == actionSection && !notAPromise(body):
		it.Kind, it.State = Commitment, StateOpen
	default:
		return it, false
	}
	if it.Kind != Commitment {
		st.dropBareDue(&it)
	}
	if it.Kind == Commitment && st.names.noAction(body) {
		// "Action: none this week", "Alice: n/a", a bullet that is only a
		// name: nothing was promised.
		return it, false
	}
	if it.Kind == Commitment && isPlaceholder(body) {
		return it, false
	}
	if checkMark != 0 && (it.Kind == Commitment || it.Kind == FollowUp) {
		it.State = checkMark
	}
	if it.Kind == Commitment && it.box < 0 && glyph == 0 && (mk == noMarker || mk == markAction) && it.State == StateOpen {
		// "Send the deck (done)", "Book the venue — cancelled": a bullet
		// that says how it ended. A box, a glyph or a keyword outranks it.
		if s := trailingStatus(body); s != 0 {
			it.State = s
		}
	}
	if it.Kind == Commitment && it.box < 0 && glyph == 0 && it.State == StateOpen && struckThrough(body) {
		// "~~Book the team lunch~~ (venue closed)": released, not kept.
		it.State = StateDropped
	}
	if task && mk != noMarker && it.Kind == Commitment && it.State == StateOpen {
		// "- [ ] DONE …": the keyword is newer than the box.
		if s := markerState(mk); s != StateOpen {
			it.State = s
		}
	}

	it.ID = id
	if it.Kind == Commitment {
		it.Owner = st.ownerOf(lead, mark, mk)
	}
	it.Done = doneOf(it.Text, it.State, st.nc.Date)
	if it.Kind == Commitment && !task && mk == noMarker && it.State == StateOpen {
		// A bullet that says when it was done ("Done, sent April 2",
		// "(completed 2026-02-11)") is done.
		if it.Done.IsZero() {
			it.Done, _ = doneWordDate(it.Text, st.nc.Date)
		}
		if !it.Done.IsZero() {
			it.State = StateDone
		}
	}
	return it, true
}

// markerState is the state a task keyword gives.
func markerState(mk marker) State {
	switch mk {
	case markDone:
		return StateDone
	case markWont, markCanceled:
		return StateDropped
	}
	return StateOpen
}

// ownerOf applies the owner rules of SPEC 2.1 and 2.4 in order: a lead on
// the text, an owner mark anywhere in it, GitLab's TODO/DOTO, the Logseq
// block it is nested under, the nearest heading that names a side, then me.
func (st *scanState) ownerOf(lead, mark Owner, mk marker) Owner {
	switch {
	case lead != 0:
		return lead
	case mark != 0:
		return mark
	case mk == markDoto:
		return Me
	case mk == markTodo && st.gitlab:
		return Them
	}
	if o := st.blockOwner(); o != 0 {
		return o
	}
	if o := st.headingOwner(); o != 0 {
		return o
	}
	return Me
}
