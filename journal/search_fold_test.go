package journal

import (
	"strings"
	"testing"
)

// indexFold finds what lower-casing the whole note and searching it found,
// on the same line, for ASCII and other notes alike.
func FuzzIndexFold(f *testing.F) {
	for _, s := range [][2]string{
		{"Budget review\nBUDGET", "budget"}, {"Émile\nÉMILE budget", "émile"}, {"\xff\nKELVIN \u212a", "k"},
		{"straße\nSTRASSE", "straße"}, {"İstanbul\ni̇", "i̇"}, {"日本語\nテスト", "テ"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, note, word string) {
		word = strings.ToLower(word)
		if word == "" {
			return
		}
		lower := strings.ToLower(note)
		want := strings.Index(lower, word)
		got := indexFold(note, word)
		if (want < 0) != (got < 0) {
			t.Fatalf("indexFold(%q, %q) = %d, lower-case search %d", note, word, got, want)
		}
		if want >= 0 && strings.Count(note[:got], "\n") != strings.Count(lower[:want], "\n") {
			t.Fatalf("indexFold(%q, %q) = %d is on another line than %d", note, word, got, want)
		}
	})
}

func TestSearchWithoutALimitFindsEveryNote(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "alice", "Alice Martin")
	start := NewDate(2026, 1, 1)
	for d := 0; d < 70; d++ {
		mustMeeting(t, j, "alice", (start + Date(d)).String(), "# notes\n\nThe Budget, again.\n")
	}
	for _, c := range []struct{ limit, want int }{{0, 50}, {-1, 70}, {10, 10}, {100, 70}} {
		hits, err := j.Search(Query{Text: "budget", Limit: c.limit})
		if err != nil || len(hits) != c.want {
			t.Fatalf("limit %d: %d hits, %v; want %d", c.limit, len(hits), err, c.want)
		}
		for i := 1; i < len(hits); i++ {
			if hits[i].Date > hits[i-1].Date {
				t.Fatalf("limit %d: not newest first at %d", c.limit, i)
			}
		}
		if hits[0].Line != 3 || hits[0].Snippet != "The Budget, again." {
			t.Fatalf("hit %+v", hits[0])
		}
	}
}
