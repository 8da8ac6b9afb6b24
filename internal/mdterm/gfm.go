package mdterm

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// GitHub's task boxes and tables, without goldmark's extension package:
// importing it compiles linkify's URL regular expressions at every start
// of every verb (about 1.5 ms, half the start-up budget of issue 16).

// taskBox is a task's box at the start of a list item: [ ], [x], and the
// dropped forms [-] and [~] of SPEC 2.1.
type taskBox struct {
	ast.BaseInline
	mark byte // ' ', 'x' or '-'
}

var kindTaskBox = ast.NewNodeKind("TaskBox")

func (n *taskBox) Kind() ast.NodeKind { return kindTaskBox }

func (n *taskBox) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// taskBoxParser finds a box followed by a blank (or the line's end) at the
// very start of a list item's first paragraph, as GitHub does.
type taskBoxParser struct{}

func (taskBoxParser) Trigger() []byte { return []byte{'['} }

func (taskBoxParser) Parse(parent ast.Node, block text.Reader, _ parser.Context) ast.Node {
	item := parent.Parent()
	if item == nil || item.FirstChild() != parent || parent.HasChildren() {
		return nil
	}
	if _, ok := item.(*ast.ListItem); !ok {
		return nil
	}
	line, _ := block.PeekLine()
	if len(line) < 3 || line[0] != '[' || line[2] != ']' || (len(line) > 3 && !isBlank(line[3])) {
		return nil
	}
	mark := line[1]
	switch mark {
	case ' ':
	case 'x', 'X':
		mark = 'x'
	case '-', '~':
		mark = '-'
	default:
		return nil
	}
	n := 3
	for n < len(line) && isBlank(line[n]) && line[n] != '\n' {
		n++
	}
	block.Advance(n)
	return &taskBox{mark: mark}
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// align is a table column's alignment.
type align byte

const (
	alignNone align = iota
	alignLeft
	alignCenter
	alignRight
)

// splitTable finds a GitHub table in a paragraph's lines: a header row,
// a delimiter row (|---|:--:|) with as many cells, then body rows. It
// returns the lines before the table (a table may end a paragraph) and
// the raw cells.
func splitTable(lines []string) (before []string, rows [][]string, aligns []align, ok bool) {
	for k := 1; k < len(lines); k++ {
		al, isDelim := delimiterRow(lines[k])
		if !isDelim {
			continue
		}
		head := cells(lines[k-1])
		if len(head) != len(al) || !strings.Contains(lines[k-1]+lines[k], "|") {
			continue
		}
		rows = append(rows, head)
		for _, l := range lines[k+1:] {
			rows = append(rows, cells(l))
		}
		return lines[:k-1], rows, al, true
	}
	return nil, nil, nil, false
}

func delimiterRow(line string) ([]align, bool) {
	cs := cells(line)
	if len(cs) == 0 {
		return nil, false
	}
	var out []align
	for _, c := range cs {
		c = strings.TrimSpace(c)
		left, right := strings.HasPrefix(c, ":"), strings.HasSuffix(c, ":")
		dashes := strings.Trim(c, ":")
		if dashes == "" || strings.Trim(dashes, "-") != "" {
			return nil, false
		}
		switch {
		case left && right:
			out = append(out, alignCenter)
		case right:
			out = append(out, alignRight)
		case left:
			out = append(out, alignLeft)
		default:
			out = append(out, alignNone)
		}
	}
	return out, true
}

// cells splits a table row on pipes that are not escaped, without the
// optional outer pipes. An escaped pipe stays escaped: the cell is read
// as markdown, which gives the pipe.
func cells(line string) []string {
	line = strings.TrimSpace(line)
	line = strings.TrimPrefix(line, "|")
	if strings.HasSuffix(line, "|") && !strings.HasSuffix(line, `\|`) {
		line = line[:len(line)-1]
	}
	var out []string
	start := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case '|':
			out = append(out, strings.TrimSpace(line[start:i]))
			start = i + 1
		}
	}
	return append(out, strings.TrimSpace(line[start:]))
}

// paragraphLines returns a paragraph's source lines without line ends.
func paragraphLines(n ast.Node, src []byte) []string {
	var out []string
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		out = append(out, string(bytes.TrimRight(seg.Value(src), "\r\n")))
	}
	return out
}
