package cli_test

import (
	"strings"
	"testing"
)

// TestE2EConfigName: the keeper's name, set after notes were written, makes
// the promises those notes mark with it mine (SPEC 2.4), and shows in
// 'config'.
func TestE2EConfigName(t *testing.T) {
	r := newRunner(t)
	r.ok("people", "add", "Alice Martin")
	if res := r.runIn("# 1:1 with Alice\n\n## Alice's next steps\n- Jordan to send the rubric due:2026-11-24\n- Alice to draft the RFC due:2026-11-25\n- [ ] book the room @jl due:2026-11-26\n", "note", "alice", "--date", "2026-11-20", "-"); res.code != 0 {
		t.Fatal(res.stderr)
	}
	owners := func() string {
		var got []string
		for _, it := range decode[[]item](t, r.ok("due", "--json", "--today", "2026-11-28")) {
			got = append(got, it.Owner+":"+strings.Fields(it.Text)[0])
		}
		return strings.Join(got, ",")
	}
	if got := owners(); got != "them:Jordan,them:Alice,them:book" {
		t.Fatalf("before the keeper is known, a name that is not the person's leaves the heading to decide: %s", got)
	}
	contains(t, "config unset", r.ok("config"), "name    not set")
	contains(t, "config name", r.ok("config", "name", "Jordan", "Lee"), "Keeper: Jordan Lee.")
	if got := owners(); got != "me:Jordan,them:Alice,them:book" {
		t.Fatalf("with the keeper's name set, 'Jordan to' is mine: %s", got)
	}
	r.ok("config", "handle", "@JL")
	if got := owners(); got != "me:Jordan,them:Alice,me:book" {
		t.Fatalf("with the keeper's handle set, '@jl' is mine: %s", got)
	}
	if got := r.ok("config", "--json"); !strings.Contains(got, `"name": "Jordan Lee"`) || !strings.Contains(got, `"handle": "jl"`) {
		t.Fatalf("config --json = %s", got)
	}
	if got := strings.TrimSpace(r.ok("config", "name")); got != "Jordan Lee" {
		t.Fatalf("config name = %q", got)
	}
	r.ok("check")
	r.fails(2, "unknown setting", "config", "colour", "blue")
	r.fails(1, "keeper handle", "config", "handle", "not a handle!")
	r.ok("config", "name", "")
	contains(t, "config cleared", r.ok("config"), "name    not set", "handle  jl")
}
