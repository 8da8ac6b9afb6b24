package cli_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestMain gives the test run a temporary folder of its own, removed at
// the end: the binary the end-to-end tests build and the notes a failed
// save keeps (in the temporary folder, as users need) went to /tmp and
// stayed there, a few megabytes a run.
func TestMain(m *testing.M) {
	flag.Parse()
	// Benchmarks keep their cached journals in the real one.
	if f := flag.Lookup("benchdir"); f != nil && f.Value.String() == "" {
		f.Value.Set(filepath.Join(os.TempDir(), "1on1-bench"))
	}
	dir, err := os.MkdirTemp("", "1on1-cli-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("TMPDIR", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
