package journal

import (
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
)

// Action-item tables (SPEC 2.4): a GFM table whose header has an action
// column is a list of commitments, one per row. The row's block id is kept
// at the end of its action cell, where Stamp puts it; ticking a row writes
// its status cell, re-dating it its due cell.

// tableRow is where a row's cells sit in the note. A cell that is missing
// or empty has a zero-length range where its text would go; status and due
// are -1 when the table has no such column.
type tableRow struct {
	status, due textRange
	hasStatus   bool
	hasDue      bool
	statusText  string
}

var (
	actionHeads = []string{"action", "actions", "action item", "action items", "item", "items", "task", "tasks", "to-do", "todo", "to do", "what", "next step", "next steps", "commitment"}
	ownerHeads  = []string{"owner", "owners", "who", "assignee", "assigned to", "responsible", "dri"}
	dueHeads    = []string{"due", "due date", "deadline", "when", "by", "by when", "target date"}
	statusHeads = []string{"status", "done", "state", "done?", "complete", "completed"}
)

func headIs(cell string, names []string) bool {
	c := lower(strings.Trim(strings.TrimSpace(cell), "*_ :"))
	for _, n := range names {
		if c == n {
			return true
		}
	}
	return false
}

// cellSpan returns the byte range of a cell's trimmed text.
func cellSpan(c ast.Node) (textRange, bool) {
	l := c.Lines()
	if l == nil || l.Len() == 0 {
		return textRange{}, false
	}
	s := l.At(0)
	return textRange{s.Start, s.Stop}, s.Stop > s.Start
}

// rowCells returns the ranges of a row's cells from its line, empty cells
// included, splitting on pipes that are not escaped.
func rowCells(note []byte, lineStart int) []textRange {
	end := lineStart
	for end < len(note) && note[end] != '\n' {
		end++
	}
	s := trimLeft(note, lineStart, end)
	e := trimRight(note, s, end)
	if s < e && note[s] == '|' {
		s++
	}
	if e > s && note[e-1] == '|' && (e-2 < s || note[e-2] != '\\') {
		e--
	}
	var out []textRange
	cell := s
	for i := s; i <= e; i++ {
		if i == e || note[i] == '|' && (i == s || note[i-1] != '\\') {
			cs, ce := trimLeft(note, cell, i), trimRight(note, cell, i)
			if cs >= ce {
				// An empty cell: text goes after one blank, or at its start.
				cs = min(cell+1, i)
				ce = cs
			}
			out = append(out, textRange{cs, ce})
			cell = i + 1
		}
	}
	return out
}

// tableItems reads the rows of an action-item table.
func (st *scanState) tableItems(t *extast.Table) []located {
	head, ok := t.FirstChild().(*extast.TableHeader)
	if !ok {
		return nil
	}
	action, owner, due, status := -1, -1, -1, -1
	i := 0
	for c := head.FirstChild(); c != nil; c = c.NextSibling() {
		r, _ := cellSpan(c)
		h := string(st.note[r.start:r.end])
		switch {
		case action < 0 && headIs(h, actionHeads):
			action = i
		case owner < 0 && headIs(h, ownerHeads):
			owner = i
		case due < 0 && headIs(h, dueHeads):
			due = i
		case status < 0 && headIs(h, statusHeads):
			status = i
		}
		i++
	}
	if action < 0 {
		return nil
	}
	sec := st.section()
	var out []located
	for row := head.NextSibling(); row != nil; row = row.NextSibling() {
		pos := rowPos(row)
		if pos < 0 || pos >= len(st.note) {
			continue
		}
		cells := rowCells(st.note, lineStartOf(st.note, pos))
		if action >= len(cells) {
			continue
		}
		if it, ok := st.tableRowItem(cells, action, owner, due, status, sec); ok {
			out = append(out, it)
		}
	}
	return out
}

// rowPos returns an offset inside the row's line: a cell's, or the
// row's own position when every cell is empty.
func rowPos(row ast.Node) int {
	for c := row.FirstChild(); c != nil; c = c.NextSibling() {
		if r, ok := cellSpan(c); ok {
			return r.start
		}
	}
	return row.Pos()
}

func lineStartOf(note []byte, off int) int {
	for off > 0 && note[off-1] != '\n' {
		off--
	}
	return off
}

func (st *scanState) tableRowItem(cells []textRange, action, owner, due, status int, sec section) (located, bool) {
	note := st.note
	var it located
	a := cells[action]
	if a.start >= a.end {
		return it, false
	}
	it.box = -1
	it.pieces = []piece{{text: 0, src: a.start, n: a.end - a.start}}
	it.raw = string(note[a.start:a.end])
	textEnd, id := splitBlockID(it.raw)
	it.Text = it.raw[:textEnd]
	cell := func(i int) string {
		if i < 0 || i >= len(cells) {
			return ""
		}
		return strings.TrimSpace(string(note[cells[i].start:cells[i].end]))
	}
	if it.Text == "" || isPlaceholder(it.Text) || isPlaceholder(cell(owner)) {
		return it, false
	}
	it.row = &tableRow{}
	if status >= 0 && status < len(cells) {
		it.row.status, it.row.hasStatus, it.row.statusText = cells[status], true, cell(status)
	}
	if due >= 0 && due < len(cells) {
		it.row.due, it.row.hasDue = cells[due], true
	}
	it.ID = id
	it.State = statusState(cell(status))
	it.Kind = Commitment

	who := int(st.names.ownerCell(cell(owner)))
	mark := st.names.markOwner(it.Text)
	if d := cell(due); d != "" {
		d = strings.Trim(d, "*_ ")
		if v, err := ParseDate(d); err == nil {
			it.Due = v
		} else if v, ok := ResolveDue(d, st.nc.Date); ok {
			it.Due = v
		}
	}
	if it.Due.IsZero() {
		it.readDue(st.nc.Date)
	}
	switch sec {
	case topicSection, agendaSection:
		it.Kind, it.State = FollowUp, StateOpen
	case followUpSection:
		if who == 0 && mark == 0 && it.Due.IsZero() {
			it.Kind = FollowUp
		}
	}
	if it.Kind != Commitment && !it.row.hasDue {
		st.dropBareDue(&it)
	}
	if it.Kind == Commitment {
		it.Owner = Owner(who)
		if it.Owner == 0 {
			it.Owner = st.ownerOf(st.names.leadOwner(it.Text), mark, noMarker)
		}
	}
	it.Done = doneOf(it.Text, it.State, st.nc.Date)
	if !it.row.hasStatus && !it.Done.IsZero() {
		it.State = StateDone
	}
	return it, true
}

// statusState reads a status cell.
func statusState(s string) State {
	t := lower(strings.Trim(s, "*_ ."))
	// "🟢 Done", "🔴 Open": a colour dot before the word.
	if i := strings.IndexFunc(t, unicode.IsLetter); i > 0 && !strings.ContainsAny(t[:i], "✓✔✅❌☑☒") {
		t = t[i:]
	}
	switch {
	case t == "":
		return StateOpen
	case strings.HasPrefix(t, "done"), strings.HasPrefix(t, "complete"), t == "✓", t == "✔", t == "✔️", t == "✅", t == "x", t == "yes", t == "closed", strings.HasPrefix(t, "finished"),
		t == "☑", t == "☒", t == "resolved", t == "shipped", t == "sent", t == "delivered":
		return StateDone
	case strings.HasPrefix(t, "drop"), strings.HasPrefix(t, "cancel"), strings.HasPrefix(t, "won't"), strings.HasPrefix(t, "wont"), strings.HasPrefix(t, "won’t"), t == "❌", t == "abandoned",
		t == "n/a", t == "descoped", t == "de-scoped", t == "no longer needed", t == "not needed", t == "superseded", t == "obsolete", t == "skipped":
		return StateDropped
	}
	return StateOpen
}

// ownerCell reads an owner cell: a name, a handle, me, a role word, or
// several of them ("Alice, Robin", "Alice / Bob", "Both"), with notes in
// parentheses left aside ("Alice (report)"). Both sides, or "Both", is a
// shared promise, so mine (SPEC 2.1 rule 3); the person and a third party
// are the person's; nobody the journal knows is 0, for the other rules.
func (n names) ownerCell(c string) Owner {
	c = lower(c)
	for {
		open := strings.IndexByte(c, '(')
		close := strings.IndexByte(c, ')')
		if open < 0 || close < open {
			break
		}
		c = c[:open] + " " + c[close+1:]
	}
	c = strings.NewReplacer("[[", "", "]]", "", "**", "", "__", "").Replace(c)
	c = strings.Trim(c, "*_@[] ")
	switch c {
	case "":
		return 0
	case "both", "we", "us", "all", "everyone", "shared", "joint":
		return Me
	}
	if p, l := n.whoIs(c); l == len(c) {
		return p.owner()
	}
	parts := strings.FieldsFunc(strings.ReplaceAll(strings.ReplaceAll(c, " and ", ","), " + ", ","), func(r rune) bool {
		return r == ',' || r == '/' || r == '&' || r == ';'
	})
	me, them := false, false
	for _, part := range parts {
		part = strings.Trim(strings.TrimSpace(part), "*_@[] ")
		if p, l := n.whoIs(part); l == len(part) && part != "" {
			me = me || p == partyMe
			them = them || p == partyThem
		}
	}
	switch {
	case me:
		return Me
	case them:
		return Them
	}
	return 0
}
