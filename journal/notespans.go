package journal

import (
	"bytes"
	"sort"

	"github.com/yuin/goldmark/ast"
)

// Where an item sits in its note: the byte ranges of its lines, its
// block id, and the line of an offset. Extract reads them; Stamp and the
// rewrites of one item's line write through them.

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
		if nl := bytes.IndexByte(note[start:end], '\n'); nl >= 0 {
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
