package journal

import (
	"fmt"
	"os"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// TestCompactLeavesNoEmptyTail: a compacted journal ends at its last
// page, not in the megabytes bbolt grows a file by ahead of need; it
// opens, reads, takes new notes (growing again) and checks healthy.
func TestCompactLeavesNoEmptyTail(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "ana", "Ana")
	for i := range 400 {
		mustMeeting(t, j, "ana", NewDate(2024, 1, 1).AddDays(i).String(),
			fmt.Sprintf("## Notes\n- item %d %s\n", i, strings.Repeat("the budget and the plan ", 40)))
	}
	if err := j.Compact(); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(j.Path())
	if err != nil {
		t.Fatal(err)
	}
	var used int64
	if err := j.view(func(tx *bolt.Tx) error { used = tx.Size(); return nil }); err != nil {
		t.Fatal(err)
	}
	if fi.Size() != used {
		t.Errorf("compacted file of %d bytes holds %d bytes of pages", fi.Size(), used)
	}
	mustMeeting(t, j, "ana", "2026-01-01", "## Notes\n- after the compaction "+strings.Repeat("x ", 3000)+"\n")
	if hits, err := j.Search(Query{Text: "compaction"}); err != nil || len(hits) != 1 {
		t.Errorf("search after compacting and a write: %v, %v", hits, err)
	}
	if rep, err := j.Check(); err != nil || !rep.OK {
		t.Errorf("check after compacting and a write: %v %s", err, rep)
	}
}
