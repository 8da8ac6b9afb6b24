package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// The --json outputs are an interface: scripts read these names. A field
// renamed or dropped breaks them, so every listing's fields are pinned
// here (README "JSON output" documents them). Optional fields (omitted
// when empty) are in the lists too: the demo journal fills them.

var itemFields = "carried date days_late days_overdue direction done due effective_due first_seen flags history id kind line meeting outcome owner person state text"

func keysOf(v map[string]any) string {
	var ks []string
	for k := range v {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return strings.Join(ks, " ")
}

// unionKeys is every field name found in a list of objects.
func unionKeys(t *testing.T, out string) string {
	t.Helper()
	var list []map[string]any
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("not a JSON list: %v\n%.300s", err, out)
	}
	if len(list) == 0 {
		t.Fatalf("an empty list pins nothing:\n%s", out)
	}
	all := map[string]any{}
	for _, o := range list {
		for k, v := range o {
			all[k] = v
		}
	}
	return keysOf(all)
}

func TestJSONFieldNamesAreStable(t *testing.T) {
	r := newRunner(t)
	r.ok("demo")
	meeting := decode[[]map[string]any](t, r.ok("meetings", "alice", "--json"))[0]["id"].(string)
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"people", []string{"people", "--json"}, "archived cadence context days_since due_for_1on1 due_soon handle last_meeting meetings name open_followups open_mine open_theirs overdue_mine overdue_theirs role"},
		{"due", []string{"due", "--json"}, "carried date days_overdue due effective_due first_seen flags history id kind line meeting outcome owner person state text"},
		{"followups", []string{"followups", "--json"}, "carried date first_seen flags id kind line meeting person state text"},
		{"meetings", []string{"meetings", "alice", "--json"}, "date id items person pulse rev time"},
		{"ledger", []string{"ledger", "--json"}, "mine name person team theirs"},
		{"ledger of a period", []string{"ledger", "--json", "--since", "2026-01-01", "--until", "2026-11-01"}, "from mine name person team theirs to"},
		{"search", []string{"search", "the", "--json"}, "date line match meeting person snippet"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := unionKeys(t, r.ok(tc.args...))
			for _, f := range strings.Fields(tc.want) {
				if !strings.Contains(" "+got+" ", " "+f+" ") {
					t.Errorf("%s --json lacks %q; has %s", tc.name, f, got)
				}
			}
			for _, f := range strings.Fields(got) {
				if !strings.Contains(" "+tc.want+" ", " "+f+" ") {
					t.Errorf("%s --json has %q, not pinned here: add it to the test and the README", tc.name, f)
				}
			}
		})
	}

	t.Run("an item", func(t *testing.T) {
		m := decode[map[string]any](t, r.ok("show", meeting, "--json"))
		all := map[string]any{}
		for _, it := range m["items"].([]any) {
			for k, v := range it.(map[string]any) {
				all[k] = v
			}
		}
		for _, f := range strings.Fields(keysOf(all)) {
			if !strings.Contains(" "+itemFields+" ", " "+f+" ") {
				t.Errorf("an item has %q, not pinned", f)
			}
		}
		if keysOf(m) != "date id items note person pulse rev time" {
			t.Errorf("show --json: %s", keysOf(m))
		}
	})

	t.Run("a ledger side", func(t *testing.T) {
		l := decode[[]map[string]any](t, r.ok("ledger", "--json"))[0]
		for _, side := range []string{"mine", "theirs"} {
			got := keysOf(l[side].(map[string]any))
			for _, f := range strings.Fields("days_late dropped keep_rate kept kept_late open overdue") {
				if !strings.Contains(" "+got+" ", " "+f+" ") {
					t.Errorf("ledger %s lacks %q: %s", side, f, got)
				}
			}
		}
	})

	t.Run("flag values are snake_case", func(t *testing.T) {
		for _, args := range [][]string{{"due", "--json"}, {"export", "--json", "-"}} {
			out := r.ok(args...)
			if strings.Contains(out, `"due soon"`) || strings.Contains(out, `"kept late"`) {
				t.Errorf("%s: a flag value with a space", strings.Join(args, " "))
			}
		}
	})

	t.Run("the export document carries its format version", func(t *testing.T) {
		doc := decode[map[string]any](t, r.ok("export", "--json", "-"))
		if doc["version"] != float64(1) {
			t.Fatalf("export --json version = %v, want 1", doc["version"])
		}
		if keysOf(doc) != "items meetings people today version" {
			t.Fatalf("export --json: %s", keysOf(doc))
		}
		newer := filepath.Join(r.dir, "newer.json")
		writeFile(t, newer, strings.Replace(r.ok("export", "--json", "-"), `"version": 1`, `"version": 99`, 1))
		r.fails(1, "format version 99", "import", newer, "--db", filepath.Join(r.dir, "n.db"))
	})
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}
