// Package corpus gives benchmarks a demo journal to read: built once per
// set of generator parameters and cached on disk, so that the decade
// corpus (40 people, 10 years, about 20,000 meetings) is paid for once and
// not on every benchmark run.
//
// By default benchmarks use a small journal, so that CI's
// `go test -run xxx -bench . -benchtime 1x ./...` stays quick. The decade
// is chosen with the test flag -bench.decade or ONEONONE_BENCH=decade; any
// other size with -bench.people and -bench.years (or ONEONONE_BENCH=P/Y,
// e.g. 4/10 for a tenth of the decade).
package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/oneonone/1on1/internal/demo"
	"github.com/oneonone/1on1/journal"
)

// Today is the fixed "today" of every benchmark: Monday 2026-11-23, as in
// bench/run.sh.
var Today = journal.NewDate(2026, time.November, 23)

var (
	decadeFlag = flag.Bool("bench.decade", false, "benchmarks use the decade journal (40 people, 10 years)")
	peopleFlag = flag.Int("bench.people", 0, "benchmarks use a demo journal with this many people (overrides the default size)")
	yearsFlag  = flag.Int("bench.years", 0, "years of history of the benchmark journal (with -bench.people)")
	dirFlag    = flag.String("benchdir", "", "folder that caches benchmark journals (default: $TMPDIR/1on1-bench)")
)

// Size is what the demo generator is asked for.
type Size struct {
	People, Years int
}

// The sizes benchmarks know by name.
var (
	Small  = Size{People: 4, Years: 1}   // CI: a few hundred meetings
	Decade = Size{People: 40, Years: 10} // the corpus of issue 7
)

func (s Size) String() string { return fmt.Sprintf("%dp%dy", s.People, s.Years) }

// Chosen returns the size the flags and ONEONONE_BENCH ask for, Small when
// they ask for nothing.
func Chosen() Size {
	if *decadeFlag {
		return Decade
	}
	if *peopleFlag > 0 {
		return Size{People: *peopleFlag, Years: *yearsFlag}
	}
	switch env := os.Getenv("ONEONONE_BENCH"); {
	case env == "decade":
		return Decade
	case strings.Contains(env, "/"):
		p, y, _ := strings.Cut(env, "/")
		pn, err1 := strconv.Atoi(p)
		yn, err2 := strconv.Atoi(y)
		if err1 == nil && err2 == nil && pn > 0 {
			return Size{People: pn, Years: yn}
		}
	}
	return Small
}

// Options returns the generator options for a size: seed 1, today Today.
func (s Size) Options() demo.Options {
	return demo.Options{People: s.People, Years: s.Years, Seed: 1, Today: Today}
}

// Dir is the cache folder.
func Dir() string {
	if *dirFlag != "" {
		return *dirFlag
	}
	return filepath.Join(os.TempDir(), "1on1-bench")
}

var (
	mu    sync.Mutex
	built = map[string]string{}
)

// Path returns the file of a cached demo journal of the chosen size,
// building it when the cache holds none for these parameters and this
// version of the journal and demo code. Benchmarks must not write to it:
// open it read-only, or copy it with Copy.
func Path(b testing.TB) string {
	return PathFor(b, Chosen())
}

// PathFor is Path for a given size.
func PathFor(b testing.TB, s Size) string {
	b.Helper()
	mu.Lock()
	defer mu.Unlock()
	name := fmt.Sprintf("demo-%s-seed1-%s-v%d-%s.db", s, Today, journal.SchemaVersion, codeVersion())
	if p, ok := built[name]; ok {
		return p
	}
	dir := Dir()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if _, err := os.Stat(path); err != nil {
		start := time.Now()
		if err := build(path, s); err != nil {
			b.Fatalf("build the %s benchmark journal: %v", s, err)
		}
		b.Logf("built the %s benchmark journal in %.1fs: %s", s, time.Since(start).Seconds(), path)
	}
	built[name] = path
	return path
}

// build writes the journal under a temporary name, then links it into
// place, so that two test binaries building at once never see half a file.
func build(path string, s Size) error {
	tmp := fmt.Sprintf("%s.%d.tmp", path, os.Getpid())
	os.Remove(tmp)
	defer os.Remove(tmp)
	// NoSync only speeds up the build: the file's layout is what a synced
	// '1on1 demo' writes.
	j, err := journal.Open(tmp, journal.Options{NoSync: true})
	if err != nil {
		return err
	}
	if _, err := demo.Generate(j, s.Options()); err != nil {
		j.Close()
		return err
	}
	if err := j.Close(); err != nil {
		return err
	}
	os.Remove(tmp + ".pid")
	if err := os.Link(tmp, path); err != nil && !os.IsExist(err) {
		return err
	}
	return nil
}

// Open opens the cached journal of the chosen size read-only, as the CLI's
// query verbs do, and closes it when the benchmark ends.
func Open(b testing.TB) *journal.Journal {
	b.Helper()
	j, err := journal.Open(Path(b), journal.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { j.Close() })
	return j
}

// Copy copies the cached journal of the chosen size into b.TempDir() and
// returns the copy's path, for benchmarks that write.
func Copy(b testing.TB) string {
	b.Helper()
	src := Path(b)
	dst := filepath.Join(b.TempDir(), "journal.db")
	in, err := os.Open(src)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
	return dst
}

var (
	versionOnce sync.Once
	version     string
)

// codeVersion hashes the source of the journal and demo packages, so that
// a change to the generator or to the storage builds a new corpus instead
// of benchmarking a stale file.
func codeVersion() string {
	versionOnce.Do(func() {
		version = "nosrc"
		_, self, _, ok := runtime.Caller(0)
		if !ok {
			return
		}
		root := filepath.Join(filepath.Dir(self), "..", "..")
		h := sha256.New()
		var files []string
		for _, pkg := range []string{"journal", "demo"} {
			m, _ := filepath.Glob(filepath.Join(root, pkg, "*.go"))
			for _, f := range m {
				if !strings.HasSuffix(f, "_test.go") {
					files = append(files, f)
				}
			}
		}
		if len(files) == 0 {
			return
		}
		sort.Strings(files)
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				return
			}
			fmt.Fprintf(h, "%s %d\n", filepath.Base(f), len(data))
			h.Write(data)
		}
		version = hex.EncodeToString(h.Sum(nil))[:12]
	})
	return version
}
