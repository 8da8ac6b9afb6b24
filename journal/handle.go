package journal

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// SuggestHandle derives a free handle from a person's name: the first name
// in lower case with accents dropped ("José Núñez" → "jose"); when taken
// reports that one is in use, the first name and the initial of the last
// ("jose.n"), then numbered ("jose.n2", …). A name with no Latin letters or
// digits gives "person", "person2", …
func SuggestHandle(name string, taken func(string) bool) string {
	// O'Brien is one word.
	name = strings.NewReplacer("'", "", "’", "").Replace(name)
	words := strings.FieldsFunc(foldASCII(name), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	})
	base := "person"
	if len(words) > 0 {
		base = clip(words[0], 24)
	}
	free := func(h string) bool { return ValidHandle(h) && (taken == nil || !taken(h)) }
	if free(base) {
		return base
	}
	if len(words) > 1 {
		base += "." + words[len(words)-1][:1]
		if free(base) {
			return base
		}
	}
	for n := 2; ; n++ {
		if h := base + strconv.Itoa(n); free(h) {
			return h
		}
	}
}

// foldASCII lower-cases s and replaces letters with accents by their base
// letter (é → e, ß → ss); other characters pass through.
func foldASCII(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		if unicode.Is(unicode.Mn, r) {
			continue // a combining accent
		}
		if t, ok := asciiLetters[r]; ok {
			b.WriteString(t)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// asciiLetters spells the Latin letters that do not decompose into a base
// letter and an accent.
var asciiLetters = map[rune]string{
	'ß': "ss", 'ø': "o", 'ł': "l", 'æ': "ae", 'œ': "oe", 'đ': "d", 'ð': "d", 'þ': "th", 'ı': "i",
}

// clip cuts an ASCII string to at most n bytes.
func clip(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// sameName reports whether two names are the same person's as people type
// them: case, accents and spacing aside.
func sameName(a, b string) bool {
	return strings.Join(strings.Fields(foldASCII(a)), " ") == strings.Join(strings.Fields(foldASCII(b)), " ")
}
