package journal

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Front matter (SPEC 2.3, 2.4) is read and written here. The journal's own
// keys are person, date and time (journalKeys): export writes them, import
// takes them out of the file. Every other key a note's front matter holds
// (tags, type, aliases, Dataview fields…) is the note's own and is kept byte
// for byte: import stores those lines at the top of the note as a front
// matter block of its own, and export merges that block back into the
// file's front matter after the journal's keys. So export, import, export
// gives identical files, and a vault's Dataview queries keep working.

// journalKeys are the front matter keys the journal writes and consumes.
var journalKeys = []string{"person", "date", "time"}

// ownFrontMatter returns the lines of a front matter block (between its
// delimiters) that are not the journal's keys: each top-level "key:" line
// of another key, with the indented or list lines that continue it, and the
// comments and blank lines among them.
func ownFrontMatter(inner []byte) []byte {
	var out []byte
	dropping := false
	for rest := inner; len(rest) > 0; {
		i := bytes.IndexByte(rest, '\n') + 1
		if i == 0 {
			i = len(rest)
		}
		line := rest[:i]
		rest = rest[i:]
		switch t := strings.TrimSpace(string(line)); {
		case t == "" || t[0] == '#':
			// Blank and comment lines stay with what is kept.
			if dropping {
				continue
			}
		case line[0] == ' ' || line[0] == '\t' || t[0] == '-':
			// A continuation of the key above.
			if dropping {
				continue
			}
		default:
			key, _, _ := strings.Cut(string(line), ":")
			dropping = isJournalKey(key)
			if dropping {
				continue
			}
		}
		out = append(out, line...)
	}
	return out
}

func isJournalKey(key string) bool {
	for _, k := range journalKeys {
		if strings.EqualFold(strings.TrimSpace(key), k) {
			return true
		}
	}
	return false
}

// noteFrontMatter splits a stored note that starts with a front matter
// block of its own — "---\n", lines that read as front matter and hold
// none of the journal's keys, "---\n" — into those lines and the rest. A
// note that starts with anything else (a thematic break, a block holding
// "person:") has none: ok is false and export writes it whole as the body.
func noteFrontMatter(note string) (inner, rest string, ok bool) {
	after, found := strings.CutPrefix(note, "---\n")
	if !found {
		return "", "", false
	}
	for i := 0; i < len(after); {
		j := strings.IndexByte(after[i:], '\n')
		if j < 0 {
			return "", "", false // never closed
		}
		if after[i:i+j] == "---" {
			inner, rest = after[:i], after[i+j+1:]
			break
		}
		i += j + 1
		if i >= len(after) {
			return "", "", false
		}
	}
	if inner == "" {
		return "", "", false
	}
	fields, _, err := parseFrontMatter([]byte("---\n" + inner + "---\n"))
	if err != nil {
		return "", "", false
	}
	for _, k := range journalKeys {
		if _, mine := fields[k]; mine {
			return "", "", false
		}
	}
	if string(ownFrontMatter([]byte(inner))) != inner {
		return "", "", false
	}
	return inner, rest, true
}

// withOwnFrontMatter is the note import stores for a file whose front
// matter held own lines besides the journal's keys.
func withOwnFrontMatter(own, body []byte) []byte {
	if len(own) == 0 {
		return body
	}
	if own[len(own)-1] != '\n' {
		own = append(own, '\n')
	}
	out := make([]byte, 0, len(own)+len(body)+8)
	out = append(out, "---\n"...)
	out = append(out, own...)
	out = append(out, "---\n"...)
	return append(out, body...)
}

// maskFrontMatter returns note with its own front matter block blanked
// (every byte but newlines made a space), so that extraction reads the
// note's markdown at the same offsets and lines without taking "tags: …"
// over "---" for a heading.
func maskFrontMatter(note []byte) []byte {
	inner, _, ok := noteFrontMatter(string(note))
	if !ok {
		return note
	}
	n := len("---\n") + len(inner) + len("---")
	out := bytes.Clone(note)
	for i := 0; i < n; i++ {
		if out[i] != '\n' {
			out[i] = ' '
		}
	}
	return out
}

// frontMatterBlock splits b into the lines between its front matter
// delimiters and the body after the closing line; ok is false when b does
// not start with a closed block. A byte order mark and trailing spaces or
// '\r' on the delimiter lines are allowed, as parseFrontMatter allows them.
func frontMatterBlock(b []byte) (inner, body []byte, ok bool) {
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	line, rest, _ := cutLine(b)
	if strings.TrimRight(string(line), " \t\r") != "---" {
		return nil, nil, false
	}
	start := rest
	for off := 0; len(rest) > 0; {
		line, after, _ := cutLine(rest)
		if s := strings.TrimRight(string(line), " \t\r"); s == "---" || s == "..." {
			return start[:off], after, true
		}
		off += len(rest) - len(after)
		rest = after
	}
	return nil, nil, false
}

var errNoFrontMatter = errors.New("no front matter")

// parseFrontMatter splits "---\n key: value … \n---\n body" into its
// fields and body. It reads the small subset of YAML front matter holds:
// top-level "key: value" lines with plain, 'single' or "double" quoted
// scalars, comments and blank lines. Indented lines and list entries
// (values of keys the journal does not read) are passed over. The body is
// every byte after the closing line.
func parseFrontMatter(b []byte) (map[string]string, []byte, error) {
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	line, rest, _ := cutLine(b)
	if strings.TrimRight(string(line), " \t\r") != "---" {
		return nil, nil, errNoFrontMatter
	}
	fields := map[string]string{}
	for n := 2; ; n++ {
		if len(rest) == 0 {
			return nil, nil, errNoFrontMatter // never closed: this is no front matter
		}
		line, rest, _ = cutLine(rest)
		s := strings.TrimRight(string(line), " \t\r")
		if s == "---" || s == "..." {
			return fields, rest, nil
		}
		t := strings.TrimSpace(s)
		if t == "" || t[0] == '#' || s[0] == ' ' || s[0] == '\t' || t[0] == '-' {
			continue
		}
		key, val, ok := strings.Cut(s, ":")
		if !ok || strings.ContainsAny(key, " \t\"'") {
			return nil, nil, fmt.Errorf("line %d is not key: value", n)
		}
		v, err := yamlScalar(strings.TrimSpace(val))
		if err != nil {
			return nil, nil, fmt.Errorf("line %d: %w", n, err)
		}
		fields[strings.ToLower(key)] = v
	}
}

// cutLine returns the first line of b without its '\n', and the rest.
func cutLine(b []byte) (line, rest []byte, found bool) {
	return bytes.Cut(b, []byte("\n"))
}

// yamlScalar reads one scalar: "double" (with escapes), 'single' (a
// doubled quote stands for one), or plain up to a " #" comment. null and ~ are empty.
func yamlScalar(s string) (string, error) {
	switch {
	case s == "":
		return "", nil
	case s[0] == '"':
		var b strings.Builder
		for i := 1; i < len(s); i++ {
			c := s[i]
			switch c {
			case '"':
				return b.String(), yamlAfterScalar(s[i+1:])
			case '\\':
				if i+1 >= len(s) {
					return "", errors.New("unfinished escape")
				}
				i++
				n := 0
				switch s[i] {
				case 'n':
					b.WriteByte('\n')
				case 't', '\t':
					b.WriteByte('\t')
				case 'r':
					b.WriteByte('\r')
				case '0':
					b.WriteByte(0)
				case '"', '\\', '/', ' ':
					b.WriteByte(s[i])
				case 'x':
					n = 2
				case 'u':
					n = 4
				case 'U':
					n = 8
				default:
					return "", fmt.Errorf("unknown escape \\%c", s[i])
				}
				if n > 0 {
					if i+n >= len(s) {
						return "", errors.New("unfinished escape")
					}
					v, err := strconv.ParseUint(s[i+1:i+1+n], 16, 32)
					if err != nil {
						return "", errors.New("bad escape")
					}
					b.WriteRune(rune(v))
					i += n
				}
			default:
				b.WriteByte(c)
			}
		}
		return "", errors.New("unclosed quote")
	case s[0] == '\'':
		var b strings.Builder
		for i := 1; i < len(s); i++ {
			if s[i] == '\'' {
				if i+1 < len(s) && s[i+1] == '\'' {
					b.WriteByte('\'')
					i++
					continue
				}
				return b.String(), yamlAfterScalar(s[i+1:])
			}
			b.WriteByte(s[i])
		}
		return "", errors.New("unclosed quote")
	}
	if i := strings.Index(s, " #"); i >= 0 {
		s = strings.TrimSpace(s[:i])
	}
	if s == "~" || s == "null" {
		return "", nil
	}
	return s, nil
}

// yamlAfterScalar accepts what may follow a quoted scalar: spaces and a
// comment.
func yamlAfterScalar(s string) error {
	t := strings.TrimLeft(s, " \t")
	if t == "" || (t[0] == '#' && len(t) < len(s)) {
		return nil
	}
	return errors.New("text after a quoted value")
}

// yamlString writes s as a YAML scalar: plain when YAML would read it back
// as the same string, double-quoted otherwise.
func yamlString(s string) string {
	if yamlPlainSafe(s) {
		return s
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case !unicode.IsPrint(r) && r != ' ':
			if r > 0xFFFF {
				fmt.Fprintf(&b, `\U%08x`, r)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// yamlPlainSafe reports whether s can stand unquoted: no leading or
// trailing space, no indicator at the start, no ": " or " #", nothing YAML
// would read as a bool, null or number.
func yamlPlainSafe(s string) bool {
	if s == "" || !utf8.ValidString(s) || strings.TrimSpace(s) != s {
		return false
	}
	if strings.ContainsAny(s[:1], "-?:,[]{}#&*!|>'\"%@`") {
		return false
	}
	if strings.Contains(s, ": ") || strings.Contains(s, " #") || strings.HasSuffix(s, ":") {
		return false
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || (!unicode.IsPrint(r) && r != ' ') {
			return false
		}
	}
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~":
		return false
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return false
	}
	return !looksNumeric(s)
}

// looksNumeric is true for strings a YAML reader may take for a number,
// a date or a time (2026-11-20, 1_000, 0x1F, 14:30).
func looksNumeric(s string) bool {
	if !strings.ContainsAny(s, "0123456789") {
		return false
	}
	for _, r := range s {
		if !strings.ContainsRune("0123456789:-._+xXoObBeE", r) {
			return false
		}
	}
	return true
}
