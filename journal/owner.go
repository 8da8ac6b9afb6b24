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

// party is who a name in a note stands for.
type party uint8

const (
	nobody     party = iota // not a name the journal knows: a third party
	partyMe                 // the keeper
	partyThem               // the meeting's person
	partyRoles              // a role word that the person's role did not resolve
)

// names are the words that stand for each side in one note.
type names struct {
	me, them [][]string // lower-case word sequences
	role     Role
	// headMe and headThem are the names as heading words; headThem also
	// holds each word of the person's name ("## Smith to do").
	headMe, headThem [][]string
}

func namesOf(nc NoteContext) names {
	n := names{role: nc.Role}
	n.me = append(n.me, []string{"me"}, []string{"myself"}, []string{"i"})
	add := func(dst *[][]string, s string) {
		if ws := nameWords(s); len(ws) > 0 {
			*dst = append(*dst, ws)
			if len(ws) > 1 {
				*dst = append(*dst, ws[:1])
			}
		}
	}
	add(&n.them, nc.Name)
	add(&n.them, nc.Handle)
	add(&n.me, nc.Keeper.Name)
	add(&n.me, nc.Keeper.Handle)
	// A person who shares the keeper's first name is named in full only.
	n.me = dropShared(n.me, n.them)
	for _, p := range n.me {
		if p[0] != "i" && p[0] != "me" && p[0] != "myself" {
			n.headMe = append(n.headMe, headingWords(strings.Join(p, " ")))
		}
	}
	for _, p := range n.them {
		n.headThem = append(n.headThem, headingWords(strings.Join(p, " ")))
	}
	for _, w := range headingWords(nc.Name) {
		n.headThem = append(n.headThem, []string{w})
	}
	n.them = append(n.them, []string{"them"})
	return n
}

// dropShared removes from a the one-word names that b holds too.
func dropShared(a, b [][]string) [][]string {
	out := a[:0]
	for _, x := range a {
		shared := false
		for _, y := range b {
			if len(x) == 1 && len(y) == 1 && x[0] == y[0] {
				shared = true
			}
		}
		if !shared {
			out = append(out, x)
		}
	}
	return out
}

// nameWords lowercases a name and splits it into words of letters, digits,
// dots, dashes and underscores ("jean-luc", "a.smith").
func nameWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '_' && r != '.'
	})
}

// roleWords are the role words an owner mark may use, and the role of the
// person they name.
var roleWords = map[string]Role{
	"manager": RoleManager, "mgr": RoleManager, "lead": RoleManager, "boss": RoleManager,
	"report": RoleReport, "employee": RoleReport, "direct": RoleReport, "ic": RoleReport, "dr": RoleReport,
}

// whoIs reads the name at the start of s (lower case) and returns the side
// it names and its length in bytes. Longer names are tried first, so "robin
// hale" wins over "robin"; a name must end at a word boundary.
func (n names) whoIs(s string) (party, int) {
	best, bestLen := nobody, 0
	try := func(list [][]string, p party) {
		for _, ws := range list {
			if l, ok := phrasePrefix(s, ws); ok && l > bestLen {
				best, bestLen = p, l
			}
		}
	}
	try(n.them, partyThem)
	try(n.me, partyMe)
	if best != nobody {
		return best, bestLen
	}
	w := leadingWord(s)
	if r, ok := roleWords[strings.TrimSuffix(w, "s")]; ok {
		return n.roleParty(r), len(w)
	}
	return nobody, len(w)
}

// roleParty reads a role word against the person's role: in a 1:1 with my
// report, "manager" is me and "report" them; with my manager, the other way.
func (n names) roleParty(r Role) party {
	switch {
	case r == RoleManager && n.role == RoleReport, r == RoleReport && n.role == RoleManager:
		return partyMe
	case r == n.role && (r == RoleManager || r == RoleReport):
		return partyThem
	}
	return partyRoles
}

// phrasePrefix reports whether s starts with the words ws, separated by
// single spaces, ending at a word boundary; l is the bytes taken.
func phrasePrefix(s string, ws []string) (int, bool) {
	l := 0
	for i, w := range ws {
		if i > 0 {
			if l >= len(s) || s[l] != ' ' {
				return 0, false
			}
			l++
		}
		if !strings.HasPrefix(s[l:], w) {
			return 0, false
		}
		l += len(w)
	}
	if l < len(s) {
		r, _ := utf8.DecodeRuneInString(s[l:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-' && l+1 < len(s) && s[l+1] != ' ' {
			return 0, false
		}
		// "a.smith" is a handle, "Kai." ends a sentence.
		if r == '.' && l+1 < len(s) && (unicode.IsLetter(rune(s[l+1])) || unicode.IsDigit(rune(s[l+1]))) {
			return 0, false
		}
	}
	return l, true
}

// leadingWord returns the word of letters, digits, dashes and dots at the
// start of s.
func leadingWord(s string) string {
	for i, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '_' && r != '.' {
			return strings.TrimRight(s[:i], ".")
		}
	}
	return strings.TrimRight(s, ".")
}

func (p party) owner() Owner {
	switch p {
	case partyMe:
		return Me
	case partyThem:
		return Them
	}
	return 0
}

// leadOwner applies rule 1 of SPEC 2.1 and the bracket and dated leads of
// 2.4 to the start of an item's text (after any task marker): "me:",
// "alice:", "@alice", "I'll", "Alice will", "alice to", "[Kim]",
// "2026-04-07 (@kim):". Emphasis around a label is allowed ("**Alice:**").
func (n names) leadOwner(text string) Owner {
	t := strings.ToLower(head(strings.TrimLeft(text, "*_ \t"), 160))
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
	if t[0] == '[' {
		if end := strings.IndexByte(t, ']'); end > 1 && !strings.ContainsAny(t[1:end], "[") {
			inner := strings.TrimPrefix(strings.TrimSpace(t[1:end]), "@")
			if p, l := n.whoIs(inner); l == len(inner) {
				return p.owner()
			}
			return 0
		}
	}
	for _, lead := range []string{"i'll ", "i’ll ", "i will ", "i'm going to ", "i’m going to ", "i am going to "} {
		if strings.HasPrefix(t, lead) {
			return Me
		}
	}
	at := strings.HasPrefix(t, "@")
	if at {
		t = t[1:]
	}
	p, l := n.whoIs(t)
	if p == nobody || p == partyRoles || l == 0 {
		return 0
	}
	rest := t[l:]
	if at {
		// "@alice …", "@me": a mention leading the item.
		return p.owner()
	}
	rest = strings.TrimLeft(rest, "*_")
	if strings.HasPrefix(rest, ":") {
		return p.owner()
	}
	for _, lead := range []string{" will ", " to ", " is going to ", " is to ", " shall "} {
		if strings.HasPrefix(rest, lead) && (p != partyMe || l > 2) && !stampOnly(rest[len(lead):]) {
			// "me to" and "I to" are not English leads; the keeper's name is.
			return p.owner()
		}
	}
	return 0
}

// markOwner finds an owner mark anywhere in the text (SPEC 2.4): "@Name",
// "@handle", "→ Name", "(owner: Name)", "Owner: Name", "**Owner:** Name",
// "#promisedTo" and "#waitingFor". Marks naming a third party are passed
// over; the first mark that names a side decides.
func (n names) markOwner(text string) Owner {
	if !strings.ContainsAny(text, "@#→") && !containsFold(text, "owner") {
		return 0 // most items carry no mark
	}
	t := strings.ToLower(text)
	for i := 0; i < len(t); i++ {
		var rest string
		switch {
		case t[i] == '@' && (i == 0 || !isIDByte(t[i-1])):
			rest = t[i+1:]
		case strings.HasPrefix(t[i:], "→"):
			rest = strings.TrimLeft(t[i+len("→"):], " \t*_")
		case strings.HasPrefix(t[i:], "owner") && (i == 0 || !unicode.IsLetter(rune(t[i-1]))):
			r := strings.TrimLeft(t[i+5:], "*_ ")
			if !strings.HasPrefix(r, ":") {
				continue
			}
			rest = strings.TrimLeft(r[1:], "*_ \t@")
		case strings.HasPrefix(t[i:], "#promisedto"):
			return Me
		case strings.HasPrefix(t[i:], "#waitingfor"):
			return Them
		default:
			continue
		}
		if p, _ := n.whoIs(rest); p == partyMe || p == partyThem {
			return p.owner()
		}
	}
	return 0
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
	lower := strings.ToLower(head(t, 160))
	at := strings.HasPrefix(lower, "@")
	if at {
		lower = lower[1:]
	}
	p, l := n.whoIs(lower)
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
