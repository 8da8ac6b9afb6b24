package journal

import (
	"unicode"
	"unicode/utf8"
)

// lower is strings.ToLower, byte for byte, without its per-rune function
// calls on the ASCII letters that most of a note is: reading a note
// lowercases each item's text several times (owner, due, section rules),
// and strings.ToLower was a tenth of a check's CPU.
func lower(s string) string {
	i := 0
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				break
			}
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && w == 1 || unicode.ToLower(r) != r {
			break // an invalid byte becomes U+FFFD, as strings.Map makes it
		}
		i += w
	}
	if i == len(s) {
		return s
	}
	b := make([]byte, i, len(s)+utf8.UTFMax)
	copy(b, s[:i])
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		b = utf8.AppendRune(b, unicode.ToLower(r))
		i += w
	}
	return string(b)
}
