package journal

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Owners as people write them (SPEC 2.1 rule 1 and 2.4): prefixes, plain
// leads ("I'll", "Ravi will"), bracket leads ("[Kim]"), and marks anywhere
// in the item ("@Mira Okafor", "→ Kai", "(owner: Kai)", "**Owner:** Kai").
// A name is matched whole: "Ravindra will" is not Ravi.

// leadOwner applies rule 1 of SPEC 2.1 and the bracket and dated leads of
// 2.4 to the start of an item's text (after any task marker): "me:",
// "alice:", "@alice", "I'll", "Alice will", "alice to", "[Kim]",
// "2026-04-07 (@kim):". Emphasis around a label is allowed ("**Alice:**").
func (n names) leadOwner(text string) Owner {
	t := lower(head(strings.TrimLeft(text, "*_ \t"), 160))
	t = strings.TrimLeft(skipGlyph(skipPriority(t)), "*_ \t")
	if t == "" {
		return 0
	}
	// A leading date with a mention: "2026-04-07 (@lead): …".
	if len(t) > 12 && t[4] == '-' && t[7] == '-' && t[10] == ' ' {
		if _, err := ParseDate(t[:10]); err == nil {
			rest := strings.TrimLeft(t[11:], " (")
			if strings.HasPrefix(rest, "@") {
				p, _ := n.whoIs(rest[1:])
				return p.owner()
			}
		}
	}
	if t[0] == '(' {
		// "(Robin): draft the FAQ", as after "AI (Robin):".
		if end := strings.IndexByte(t, ')'); end > 1 && strings.HasPrefix(strings.TrimLeft(t[end+1:], "*_ "), ":") {
			inner := strings.TrimPrefix(strings.TrimSpace(t[1:end]), "@")
			if p, l := n.whoIs(inner); l == len(inner) {
				return p.owner()
			}
		}
	}
	if w, ok := waitingOn(t); ok {
		// "Waiting on Kai for the proposal": Kai owes it.
		p, _ := n.whoIs(strings.TrimPrefix(w, "@"))
		return p.owner()
	}
	if t[0] == '[' && !strings.HasPrefix(t, "[[") {
		if end := strings.IndexByte(t, ']'); end > 1 && !strings.ContainsAny(t[1:end], "[") {
			inner := strings.TrimPrefix(strings.TrimSpace(t[1:end]), "@")
			if p, l := n.whoIs(inner); l == len(inner) {
				return p.owner()
			}
			return 0
		}
	}
	for _, lead := range []string{"i'll ", "i’ll ", "i will ", "i'm going to ", "i’m going to ", "i am going to ", "i'd ", "i’d "} {
		if strings.HasPrefix(t, lead) {
			return Me
		}
	}
	if strings.HasPrefix(t, "i ") && verbLead(t[1:]) {
		return Me // "I need to", "I owe Kai", "I agreed to"
	}
	if pronounLead(t) {
		return Them
	}
	// "#jules rotate the keys": a tag of the person's leading the item, as
	// a mention does.
	at := strings.HasPrefix(t, "@") || strings.HasPrefix(t, "#") && !strings.HasPrefix(t, "#task")
	if at {
		t = t[1:]
	}
	p, l := n.whoIs(t)
	if p == nobody || p == partyRoles || l == 0 {
		return 0
	}
	rest := t[l:]
	if at || strings.HasPrefix(t, "[[") {
		// "[[Alice Smith]] send the doc": a page link leading the task, as
		// Logseq mentions its assignee.
		// "@alice …", "@me": a mention leading the item.
		return p.owner()
	}
	rest = strings.TrimLeft(rest, "*_]")
	if strings.HasPrefix(rest, ":") {
		return p.owner()
	}
	if dashLead(rest) {
		// "Leo - update the wiki", "**Robin** — confirm the budget".
		return p.owner()
	}
	if p == partyMe && l <= 2 {
		return 0 // "me to" and "I to" are not English leads; the keeper's name is
	}
	if r, ok := strings.CutPrefix(rest, "'s "); ok || strings.HasPrefix(rest, "’s ") {
		// "Eli's team to fix…": a promise made for the person's side;
		// "Alice's willingness to travel" is no lead.
		if !ok {
			r = rest[len("’s "):]
		}
		switch w := leadingWord(r); w {
		case "team", "squad", "group", "org", "side", "reports", "folks", "people", "crew":
			rest = r[len(w):]
		}
	}
	for _, lead := range []string{" will ", " to ", " is going to ", " is to ", " shall ", "'ll ", "’ll "} {
		if strings.HasPrefix(rest, lead) && !stampOnly(rest[len(lead):]) {
			return p.owner()
		}
	}
	if verbLead(rest) {
		return p.owner()
	}
	return 0
}

// pronounLead reports whether t starts with "she'll", "he will", "they
// need to", "you'll"…: in the person's 1:1, the third person leading a
// promise is the person (a third party is named, not referred to), and so
// is "you" in notes written to them.
func pronounLead(t string) bool {
	for _, p := range []string{"she", "he", "they", "you"} {
		rest, ok := strings.CutPrefix(t, p)
		if !ok {
			continue
		}
		for _, lead := range []string{"'ll ", "’ll ", " will ", " is going to ", " are going to ", "'s going to ", "’s going to ", "'d ", "’d ", " to "} {
			if strings.HasPrefix(rest, lead) && !stampOnly(rest[len(lead):]) {
				return true
			}
		}
		if verbLead(rest) {
			return true
		}
	}
	return false
}

// verbLeads are the verbs after a name that make it the one who owes:
// "Kai needs to", "Nia owes me", "Zoe agreed to".
var verbLeads = []string{
	" needs to ", " need to ", " has to ", " have to ", " should ", " must ", " owes ", " owe ",
	" agreed to ", " offered to ", " promised to ", " volunteered to ", " committed to ",
	" will need to ", " can ", " is responsible for ",
}

// verbLead reports whether rest (after a name) starts with a verb lead.
func verbLead(rest string) bool {
	for _, v := range verbLeads {
		if strings.HasPrefix(rest, v) && !stampOnly(rest[len(v):]) {
			return true
		}
	}
	return false
}

// dashLead reports whether rest, after a name leading an item, is a dash
// and then the action: "Leo - update the wiki", "Robin — confirm".
func dashLead(rest string) bool {
	for _, d := range []string{" - ", " — ", " – ", " -- ", "—", "–"} {
		if r, ok := strings.CutPrefix(rest, d); ok {
			r = strings.TrimSpace(r)
			return r != "" && !stampOnly(r)
		}
	}
	return false
}

// waitingOn reads "waiting on X for …", "waiting for X to …", "blocked on
// X for …" and returns what follows the lead, X first.
func waitingOn(t string) (string, bool) {
	for _, p := range []string{"waiting on ", "waiting for ", "wait on ", "wait for ", "blocked on ", "waiting on:", "waiting for:"} {
		if r, ok := strings.CutPrefix(t, p); ok {
			return strings.TrimLeft(r, " "), true
		}
	}
	return "", false
}

// skipPriority drops a Logseq or Obsidian priority before a lead: "[#A] ",
// "#A ", and Obsidian Tasks' priority emoji.
func skipPriority(t string) string {
	if len(t) >= 4 && t[0] == '[' && t[1] == '#' && t[3] == ']' {
		return strings.TrimLeft(t[4:], " \t")
	}
	return t
}

// markOwner finds an owner mark anywhere in the text (SPEC 2.4): "@Name",
// "@handle", "→ Name", "(owner: Name)", "Owner: Name", "**Owner:** Name",
// Dataview's "[owner:: [[Name]]]", "assigned to Name", "Assignee: Name",
// "#promisedTo" and "#waitingFor"; and a name standing alone as an
// assignee: "(Ben)", "— Ivy" or "- @Lee -" between dashes, "**Ivy Chen**"
// in bold. Marks naming a third party are passed over; the first mark that
// names a side decides.
func (n names) markOwner(text string) Owner {
	if o := n.labelMark(text); o != 0 {
		return o
	}
	return n.aloneMark(text)
}

// ownerLabels are the words that say the name after them owns the item.
var ownerLabels = []string{"owner", "assignee", "assigned to", "assigned", "responsible", "who", "dri"}

func (n names) labelMark(text string) Owner {
	// "→" apart: ContainsAny with a character outside ASCII tries every
	// rune of text against the set, and this runs for most items.
	if !strings.ContainsAny(text, "@#>") && !strings.Contains(text, "→") && !containsFold(text, "owner") && !containsFold(text, "assign") &&
		!containsFold(text, "who") && !containsFold(text, "responsible") && !containsFold(text, "dri") {
		return 0 // most items carry no mark
	}
	t := lower(text)
	for i := 0; i < len(t); i++ {
		var rest string
		switch {
		case t[i] == '@' && (i == 0 || !isIDByte(t[i-1])):
			rest = t[i+1:]
		case strings.HasPrefix(t[i:], "→"):
			rest = strings.TrimLeft(t[i+len("→"):], " \t*_")
		case strings.HasPrefix(t[i:], "->") || strings.HasPrefix(t[i:], "=>"):
			rest = strings.TrimLeft(t[i+2:], " \t*_")
		case strings.HasPrefix(t[i:], "#promisedto"):
			return Me
		case strings.HasPrefix(t[i:], "#waitingfor"):
			return Them
		case i == 0 || !unicode.IsLetter(rune(t[i-1])):
			label := ""
			for _, l := range ownerLabels {
				if strings.HasPrefix(t[i:], l) {
					label = l
					break
				}
			}
			if label == "" {
				continue
			}
			r := strings.TrimLeft(t[i+len(label):], "*_ ")
			switch {
			case strings.HasPrefix(r, ":"):
				rest = strings.TrimLeft(r, ":*_ \t@")
			case strings.HasPrefix(label, "assigned") && label != "assigned":
				rest = strings.TrimLeft(r, "*_ \t@") // "assigned to Robin"
			default:
				continue
			}
		default:
			continue
		}
		if p, _ := n.whoIs(rest); p == partyMe || p == partyThem {
			return p.owner()
		}
	}
	return 0
}

// aloneMark finds a name standing alone as an assignee: a parenthesis or a
// bold span that holds only a name, or a name set off by dashes or a bar
// after the action ("Update the checklist — Ivy").
func (n names) aloneMark(text string) Owner {
	t := lower(text)
	exact := func(s string) Owner {
		// What Stamp and a change append ("done:D", "📅 D", a struck due)
		// must not change whose the item is: "— Alice done:2026-11-22".
		for _, p := range []string{" done:", " due:", " ✅", " 📅", " ~~", " (moved", " ❌"} {
			if i := strings.Index(s, p); i > 0 {
				s = s[:i]
			}
		}
		s = strings.TrimSpace(strings.Trim(strings.TrimSpace(s), "*_"))
		s = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(s, "@"), "."))
		if s == "" || s == "i" {
			return 0
		}
		if p, l := n.whoIs(s); l == len(s) && (p == partyMe || p == partyThem) {
			return p.owner()
		}
		return 0
	}
	for i := 0; i < len(t); i++ {
		switch {
		case t[i] == '(':
			if end := strings.IndexByte(t[i:], ')'); end > 1 {
				if o := exact(t[i+1 : i+end]); o != 0 {
					return o
				}
			}
		case strings.HasPrefix(t[i:], "**") && i > 0:
			// "Draft a plan **Ivy Chen** Due Dec 11": a bold name after the
			// action, closing it; "Send **Ivy** the deck" names whom to.
			if end := strings.Index(t[i+2:], "**"); end > 0 {
				if o := exact(t[i+2 : i+2+end]); o != 0 && closesAction(t[i+2+end+2:]) {
					return o
				}
				i += end + 3
			}
		}
	}
	// Segments after the action, set off by dashes or bars.
	segs := splitSegments(t)
	for _, s := range segs[min(1, len(segs)):] {
		if o := exact(s); o != 0 {
			return o
		}
	}
	return 0
}

// closesAction reports whether what follows an assignee's bold name is only
// the item's tail: nothing, a due date, a dash, a bar, a parenthesis or an id.
func closesAction(rest string) bool {
	rest = strings.TrimSpace(rest)
	if rest == "" {
		return true
	}
	for _, p := range []string{"due", "by ", "📅", "📆", "🗓", "—", "–", "- ", "|", "(", "[", "^", "✅", "#", "done:", "❌", "~~"} {
		if strings.HasPrefix(rest, p) {
			return true
		}
	}
	return false
}

// splitSegments splits an item's text at " - ", " — ", " – " and " | ".
func splitSegments(t string) []string {
	var out []string
	for {
		cut := -1
		width := 0
		for _, sep := range []string{" - ", " — ", " – ", " | ", " -- "} {
			if i := strings.Index(t, sep); i >= 0 && (cut < 0 || i < cut) {
				cut, width = i, len(sep)
			}
		}
		if cut < 0 {
			return append(out, t)
		}
		out = append(out, t[:cut])
		t = t[cut+width:]
	}
}

// head returns at most the first n bytes of s, cut at a rune boundary: a
// lead is read from the start of an item, never from all of a long one.
func head(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// withoutOwnerLabel returns text without a leading owner label — "me:",
// "I:", "@me", "them:", "alice:", "**Alice:**", "@alice", the keeper's name
// and a colon — where a label of its own says whose the item is. Plain leads
// ("I'll send…", "Alice will…") are sentences, and stay.
func (n names) withoutOwnerLabel(text string) string {
	t := strings.TrimLeft(text, "*_ \t")
	low := lower(head(t, 160))
	at := strings.HasPrefix(low, "@")
	if at {
		low = low[1:]
	}
	p, l := n.whoIs(low)
	if p != partyMe && p != partyThem || l == 0 {
		return text
	}
	rest := t[l:]
	if at {
		rest = t[l+1:]
	}
	if !at {
		r := strings.TrimLeft(rest, "*_")
		if !strings.HasPrefix(r, ":") {
			return text
		}
		rest = r[1:]
	}
	return strings.TrimLeft(rest, "*_ \t")
}

// stampOnly reports whether what follows a lead is only what Stamp and a
// change add (a done or due date): "Alice to" plus a stamp is no sentence,
// and a stamp must not change whose an item is.
func stampOnly(rest string) bool {
	w := strings.TrimSpace(rest)
	for _, p := range []string{"done:", "due:", "✅", "📅", "^"} {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return w == ""
}
