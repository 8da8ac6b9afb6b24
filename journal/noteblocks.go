package journal

// Blocks that stand for headings or hold items outside the usual list item
// (SPEC 2.4): a list item that is only a name or a label, with items nested
// under it, and the lines of a paragraph that a label such as "AI:" leads.

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// lineItems reads the lines of a paragraph that a label leads, as notes
// typed without bullets write action items: "AI: Nia to share the survey",
// "Action: Robin to book the review", "TODO: call finance". A keyword that
// needs no colon in a list (TODO, DONE…) needs one here: a line of prose
// may start with a capital word. A box before the label ("[x] AI: …", as
// a tick from the app writes it) gives the state.
func (st *scanState) lineItems(p *ast.Paragraph) []located {
	var out []located
	for _, l := range lineSpans(p, st.note) {
		line := st.note[l.start:l.end]
		if len(line) < 4 || !bytes.ContainsRune(line, ':') {
			continue
		}
		it := located{box: -1}
		task := false
		if len(line) > 4 && line[0] == '[' && line[2] == ']' && line[3] == ' ' && bytes.IndexByte([]byte(" xX-~/"), line[1]) >= 0 {
			task, it.box = true, l.start
			it.State = map[byte]State{' ': StateOpen, '/': StateOpen, 'x': StateDone, 'X': StateDone}[line[1]]
			if it.State == 0 {
				it.State = StateDropped
			}
			l.start = trimLeft(st.note, l.start+3, l.end)
		}
		mk, n := leadMarker(string(st.note[l.start:l.end]))
		if mk == noMarker || mk == markDiscuss {
			continue
		}
		if !bytes.HasSuffix(bytes.TrimRight(st.note[l.start:l.start+n], " \t"), []byte(":")) && !lineLabelled(st.note[l.start:l.end]) {
			continue
		}
		if it, ok := st.readItem(it, []textRange{l}, task); ok && it.Kind == Commitment {
			out = append(out, it)
		}
	}
	return out
}

// lineLabelled reports whether a line starts with "AI (Name):" or "AI -
// @name": a label with its owner, which needs no colon of its own.
func lineLabelled(line []byte) bool {
	mk, _ := leadMarker(string(line))
	return mk == markAction
}

// nameBlock reads a list item that is only a name ("**Ana**", "Ana:",
// "Both") with a list nested under it: the nested items are that side's.
// It reports whether li is such a block, and opens it.
func (st *scanState) nameBlock(li *ast.ListItem, l0 textRange) bool {
	if li.ChildCount() < 2 {
		return false
	}
	if _, ok := li.LastChild().(*ast.List); !ok {
		return false
	}
	text := string(st.note[l0.start:l0.end])
	if h, ok := listLabel(st, text); ok {
		st.blocks = append(st.blocks, ownerBlock{li: li, owner: h.owner, section: h.section})
		return true
	}
	if o := st.names.blockOwner(text); o != 0 {
		st.blocks = append(st.blocks, ownerBlock{li: li, owner: o})
		return true
	}
	return false
}

// listLabel reads a list item's text that is only a label with items
// nested under it, "**Next steps:**", "Action items:", "Alice's to-dos:",
// as a heading for them. It must open a section: "Robin said:" is a note.
func listLabel(st *scanState, text string) (heading, bool) {
	t := strings.TrimSpace(text)
	inner, ok := boldOnly(t)
	if !ok {
		if inner, ok = strings.CutSuffix(t, ":"); !ok {
			return heading{}, false
		}
	}
	if len(headingWords(inner)) > 5 || strings.ContainsAny(inner, ":.!?") {
		return heading{}, false
	}
	h := st.readHeading(inner, labelLevel)
	return h, h.section != noSection
}

// blockOwner returns the owner the innermost list block that names one
// gives, or 0.
func (st *scanState) blockOwner() Owner {
	for i := len(st.blocks) - 1; i >= 0; i-- {
		if st.blocks[i].owner != 0 {
			return st.blocks[i].owner
		}
	}
	return 0
}

// dropBareDue forgets a due date read from a day standing alone ("next
// week", "(Fri)"): it dates a promise, never a topic, a win or feedback.
func (st *scanState) dropBareDue(it *located) {
	if !it.Due.IsZero() && explicitDue(it.Text, st.nc.Date).IsZero() {
		it.Due, it.due = 0, textRange{}
	}
}
