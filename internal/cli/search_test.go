package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// --limit 0 lists every match; a negative limit is a usage error.
func TestSearchLimitZeroListsEveryMatch(t *testing.T) {
	vars := map[string]string{"ONEONONE_DB": filepath.Join(t.TempDir(), "j.db"), "ONEONONE_TODAY": "2026-11-23"}
	if _, errs, code := runMain(t, vars, "demo", "--people", "2", "--years", "1"); code != 0 {
		t.Fatalf("demo: %s", errs)
	}
	count := func(args ...string) (int, string) {
		out, errs, code := runMain(t, vars, append([]string{"search"}, args...)...)
		if code != 0 {
			t.Fatalf("search %v: exit %d: %s", args, code, errs)
		}
		return strings.Count(out, "\n") - 1, errs // less the header
	}
	all, errs := count("the", "--limit", "0")
	if all <= 50 || strings.Contains(errs, "older ones may exist") {
		t.Fatalf("--limit 0 listed %d notes (stderr %q); the demo has more than 50 with 'the'", all, errs)
	}
	if n, errs := count("the"); n != 50 || !strings.Contains(errs, "--limit 0") {
		t.Fatalf("the default listed %d, stderr %q", n, errs)
	}
	if n, _ := count("the", "--limit", "100000"); n != all {
		t.Fatalf("--limit 100000 listed %d, --limit 0 %d", n, all)
	}
	if _, errs, code := runMain(t, vars, "search", "the", "--limit", "-1"); code != 2 || !strings.Contains(errs, "--limit") {
		t.Fatalf("--limit -1: exit %d, %q", code, errs)
	}
}
