package journal

import (
	"math/rand/v2"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// TestTokenMatchesIsTheRegexpsOwnSearch: the anchored scan finds exactly
// what each token expression's own search finds, in texts made of the
// pieces tokens are made of (and their near misses).
func TestTokenMatchesIsTheRegexpsOwnSearch(t *testing.T) {
	pieces := []string{"due", "Due", "DUE", "due:", "due::", "deadline:", "DEADLINE:", "on", " ", "\t", "<", "**", "__",
		"📅", "📆", "🗓", "\uFE0F", "✅", "❌", "done:", "(completed", "(completed:", "(done", "[completion::", "(completion::",
		"completed on", "completed:", "2026-11-20", "2026-1-20", "20261-11-20", "x", "overdue:", "é", "ſ", "K", ")", "]", ":", "-", "d", "c", "(", "["}
	res := []*regexp.Regexp{dueTokenRe(), doneTokenRe(), droppedTokenRe(), dueLabelRe()}
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 50000; n++ {
		var b strings.Builder
		for k := rng.IntN(12); k >= 0; k-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := b.String()
		for _, re := range res {
			want := re.FindAllStringSubmatchIndex(text, -1)
			got := tokenMatches(re, text)
			if len(want) == 0 && len(got) == 0 {
				continue
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%q in %q: got %v, want %v", re, text, got, want)
			}
		}
	}
}
