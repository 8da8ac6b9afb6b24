package journal

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Who a name in a note stands for: the keeper, the person the note is
// with, or nobody the journal knows. owner.go reads owners with these
// names; they are made once per person and keeper and shared.

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

// sharedNamesOf is namesOf, made once per person and keeper and shared:
// the notes of a check or a batch are thousands of one person's, and the
// names are only read once made. A journal of many people and keepers
// stops sharing past namesShared of them.
func sharedNamesOf(nc NoteContext) names {
	k := namesKey{nc.Handle, nc.Name, nc.Role, nc.Keeper}
	namesMu.Lock()
	n, ok := namesMade[k]
	namesMu.Unlock()
	if ok {
		return n
	}
	n = namesOf(nc)
	namesMu.Lock()
	if len(namesMade) < namesShared {
		namesMade[k] = n
	}
	namesMu.Unlock()
	return n
}

// namesKey is what namesOf reads of a NoteContext: all but the date.
type namesKey struct {
	handle, name string
	role         Role
	keeper       Keeper
}

const namesShared = 4096

var (
	namesMu   sync.Mutex
	namesMade = map[namesKey]names{}
)

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
	return strings.FieldsFunc(lower(s), func(r rune) bool {
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
	if strings.HasPrefix(s, "[[") {
		// A wikilink names whom it links: "[[Leo Brandt]]".
		if end := strings.Index(s, "]]"); end > 2 {
			// "[[Alice Moreno|Alice]]": the page it links names the side.
			inner, _, _ := strings.Cut(s[2:end], "|")
			if p, l := n.whoIs(inner); l == len(inner) {
				return p, end + 2
			}
		}
		return nobody, 0
	}
	try(n.them, partyThem)
	try(n.me, partyMe)
	if best != nobody {
		return best, bestLen
	}
	if rest, ok := strings.CutPrefix(s, "my "); ok {
		// "my manager", "my lead": the role names the person, not me.
		w := leadingWord(rest)
		if r, ok := roleWords[strings.TrimSuffix(w, "s")]; ok && w != "" {
			// My manager is the person when the person is my manager;
			// otherwise someone else ("my report", in a 1:1 with my manager).
			if r == n.role {
				return partyThem, 3 + len(w)
			}
			return nobody, 3 + len(w)
		}
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
