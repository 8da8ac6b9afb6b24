package journal

import (
	"regexp"
	"runtime"
	"strings"
	"sync"
	"unicode"
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
	for _, tk := range []struct {
		re    func() *regexp.Regexp
		hints []string
	}{
		{dueTokenRe, []string{"due", "deadline", "📅", "📆", "🗓"}},
		{doneTokenRe, []string{"done", "complet", "✅"}},
		{droppedTokenRe, []string{"❌"}},
	} {
		// A token needs its word or mark: without one the regexp, most
		// of the cost of a long list, cannot match.
		if !containsAny(rest, tk.hints) {
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

func blank(b []byte, start, end int) {
	for i := start; i < end; i++ {
		b[i] = ' '
	}
}

// tidyText is rest with its blanks collapsed and trailing separators cut,
// or text so collapsed when nothing is left.
func tidyText(rest, text string) string {
	if isTidy(rest) {
		return rest
	}
	out := strings.Join(strings.Fields(rest), " ")
	out = strings.TrimRight(out, " ·,;")
	if out == "" {
		return strings.Join(strings.Fields(text), " ")
	}
	return out
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

// isTidy reports whether tidyText would return s as it is: single spaces
// between words, none at the ends, no other blank, no separator last.
func isTidy(s string) bool {
	if s == "" {
		return false
	}
	prevSpace := true // no blank may lead
	for _, r := range s {
		switch {
		case r == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
		case r < 0x80 && r > ' ':
			prevSpace = false
		case unicode.IsSpace(r) || r < ' ':
			return false
		default:
			prevSpace = false
		}
	}
	return !prevSpace && !strings.ContainsAny(s[len(s)-1:], ",;") && !strings.HasSuffix(s, "·")
}

// containsAny reports whether s holds one of subs, ASCII letters in any
// case (the token expressions' (?i) folds no other letter of these words).
func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if containsFoldASCII(s, sub) {
			return true
		}
	}
	return false
}

// containsFoldASCII is strings.Contains with ASCII letters matched in any
// case; sub is lower case.
func containsFoldASCII(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		k := 0
		for k < len(sub) && (s[i+k] == sub[k] || 'A' <= s[i+k] && s[i+k] <= 'Z' && s[i+k]+('a'-'A') == sub[k]) {
			k++
		}
		if k == len(sub) {
			return true
		}
	}
	return false
}
