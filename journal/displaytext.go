package journal

import (
	"regexp"
	"strings"
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

func displayText(text string) string {
	b := []byte(text)
	if !hasISODate(text) {
		// Every token and struck date holds an ISO date: none here.
		return tidyText(text, text)
	}
	if strings.Contains(text, "~~") {
		for _, m := range struckDueRe().FindAllStringIndex(text, -1) {
			for i := m[0]; i < m[1]; i++ {
				b[i] = ' ' // positions kept for the tokens below
			}
		}
	}
	rest := string(b)
	for _, re := range []*regexp.Regexp{dueTokenRe(), doneTokenRe(), droppedTokenRe()} {
		for _, t := range dateTokens(re, rest) {
			for i := t.tok.start; i < t.tok.end; i++ {
				b[i] = ' '
			}
		}
	}
	return tidyText(string(b), text)
}

// tidyText is rest with its blanks collapsed and trailing separators cut,
// or text so collapsed when nothing is left.
func tidyText(rest, text string) string {
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
