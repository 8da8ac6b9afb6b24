package journal

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// lower must be strings.ToLower exactly: extraction rules compare its
// results, and a note read differently would fail check.
func TestLowerIsToLower(t *testing.T) {
	cases := []string{"", "a", "A", "abc", "ABC déjà VU", "İstanbul", "ΣΑΣ", "Kelvin \u212a", "\xff", "a\xffB", "\xe2\x86", "→ Ana", "ǅ ǈ", "ẞ", "\ufffd", "x\xc3", "ÀÉÎ—–…", "日本語 ABC"}
	notes, _ := filepath.Glob("testdata/*/*.md")
	for _, p := range notes {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, strings.Split(string(b), "\n")...)
	}
	for _, s := range cases {
		if got, want := lower(s), strings.ToLower(s); got != want {
			t.Errorf("lower(%q) = %q, strings.ToLower gives %q", s, got, want)
		}
	}
}

func FuzzLower(f *testing.F) {
	for _, s := range []string{"ABC déjà", "\xff\xfe", "İ", "Σ", "a→b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := lower(s), strings.ToLower(s); got != want {
			t.Errorf("lower(%q) = %q, strings.ToLower gives %q", s, got, want)
		}
	})
}
