package journal

import (
	"regexp"
	"runtime"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// DisplayText is the item's text as a list or an agenda shows it beside the
// item's state: without the due, done and cancelled date tokens and the
// struck due-date history ("~~due:2026-11-20~~ (moved 2026-11-22)"), which
// the state says better ("overdue 3 days", "due 2026-11-29"). Words that
// set a date as people say them ("by friday") stay: they are the promise
// as it was made. A text that is nothing but tokens is returned as it is.
func (it Item) DisplayText() string {
	return displayText(it.Text)
}

// DisplayTexts returns the DisplayText of each item, on every core for a
// long list (a large journal's "due" shows thousands).
func DisplayTexts(items []Item) []string {
	out := make([]string, len(items))
	workers := min(runtime.GOMAXPROCS(0), len(items)/512+1)
	if workers == 1 {
		for i, it := range items {
			out[i] = displayText(it.Text)
		}
		return out
	}
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*len(items)/workers, (w+1)*len(items)/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				out[i] = displayText(items[i].Text)
			}
		}()
	}
	wg.Wait()
	return out
}

func displayText(text string) string {
	if !hasISODate(text) {
		// Every token and struck date holds an ISO date: none here.
		return tidyText(text, text)
	}
	rest := text
	if strings.Contains(text, "~~") {
		if struck := struckDueRe().FindAllStringIndex(text, -1); len(struck) > 0 {
			b := []byte(text)
			for _, m := range struck {
				blank(b, m[0], m[1]) // positions kept for the tokens below
			}
			rest = string(b)
		}
	}
	var b []byte
	due, done, dropped := tokenHints(rest)
	for _, tk := range []struct {
		re   func() *regexp.Regexp
		hint bool
	}{{dueTokenRe, due}, {doneTokenRe, done}, {droppedTokenRe, dropped}} {
		// A token needs its word or mark: without one the regexp, most
		// of the cost of a long list, cannot match.
		if !tk.hint {
			continue
		}
		for _, t := range dateTokens(tk.re(), rest) {
			if b == nil {
				b = []byte(rest)
			}
			blank(b, t.tok.start, t.tok.end)
		}
	}
	if b != nil {
		rest = string(b)
	}
	return tidyText(rest, text)
}

// blank overwrites b[start:end] with spaces, keeping every position.
func blank(b []byte, start, end int) {
	for i := start; i < end; i++ {
		b[i] = ' '
	}
}

// tidyText is rest with its blanks collapsed and trailing separators cut,
// or text so collapsed when nothing is left.
func tidyText(rest, text string) string {
	if out := collapse(rest); out != "" {
		return out
	}
	return strings.Join(strings.Fields(text), " ")
}

// collapse is strings.TrimRight(strings.Join(strings.Fields(s), " "), " ·,;")
// in one pass, and without a copy when the result is the start of s, as
// it is for most item texts.
func collapse(s string) string {
	var b []byte // the result, once it is no longer s[:n]
	n := 0
	blank := -1 // where the run of blanks before i began
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if r == ' ' || r < utf8.RuneSelf && '\t' <= r && r <= '\r' || r >= utf8.RuneSelf && unicode.IsSpace(r) {
			if blank < 0 {
				blank = i
			}
			i += size
			continue
		}
		if blank >= 0 && (n > 0 || len(b) > 0) {
			if b == nil && n == blank && i == blank+1 && s[blank] == ' ' {
				n = i // one space between words, as it stands
			} else {
				if b == nil {
					b = append(make([]byte, 0, len(s)), s[:n]...)
				}
				b = append(b, ' ')
			}
		}
		blank = -1
		if b == nil && i == n {
			n = i + size
		} else {
			if b == nil {
				b = append(make([]byte, 0, len(s)), s[:n]...)
			}
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	out := s[:n]
	if b != nil {
		out = string(b)
	}
	return strings.TrimRight(out, " ·,;")
}

// ListText is DisplayText without a leading owner label ("me:", "Alice:",
// "@alice"), for a list that already says whose the item is ("alice → me:"):
// p is the item's person and k the journal's keeper, whose names the label
// may use.
func (it Item) ListText(p Person, k Keeper) string {
	return namesOf(p.noteContext(it.Date, k)).withoutOwnerLabel(it.DisplayText())
}

// ListTexts returns the ListText of each item, reading the people and the
// keeper once.
func (j *Journal) ListTexts(items []Item) ([]string, error) {
	people, err := j.People(true)
	if err != nil {
		return nil, err
	}
	k, err := j.Keeper()
	if err != nil {
		return nil, err
	}
	byHandle := make(map[string]Person, len(people))
	for _, p := range people {
		byHandle[p.Handle] = p
	}
	texts := make([]string, len(items))
	for i, it := range items {
		texts[i] = it.ListText(byHandle[it.Person], k)
	}
	return texts, nil
}

// tokenHints reports, in one pass over s, whether it holds the word or
// mark each kind of date token needs: "due", "deadline", 📅, 📆 or 🗓 for a
// due token; "done", "complet…" or ✅ for a done token; ❌ for a dropped
// one. ASCII letters match in any case, as the expressions' (?i) does (it
// folds no other letter into these words).
func tokenHints(s string) (due, done, dropped bool) {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 'd', 'D':
			due = due || hasFoldAt(s, i, "due") || hasFoldAt(s, i, "deadline")
			done = done || hasFoldAt(s, i, "done")
		case 'c', 'C':
			done = done || hasFoldAt(s, i, "complet")
		case 0xF0:
			due = due || strings.HasPrefix(s[i:], "📅") || strings.HasPrefix(s[i:], "📆") || strings.HasPrefix(s[i:], "🗓")
		case 0xE2:
			done = done || strings.HasPrefix(s[i:], "✅")
			dropped = dropped || strings.HasPrefix(s[i:], "❌")
		}
	}
	return due, done, dropped
}

// hasFoldAt reports whether s holds the lower-case ASCII word w at i, its
// letters in any case.
func hasFoldAt(s string, i int, w string) bool {
	return len(s)-i >= len(w) && equalFoldASCII(s[i:i+len(w)], w)
}
