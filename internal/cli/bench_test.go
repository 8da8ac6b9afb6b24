package cli_test

// BenchmarkVerbs runs the query verbs in process, as bench/run.sh runs them
// as whole processes: the difference between the two is what a process
// pays before main (runtime and package initialisation) and at exit. On the
// cached demo journal of bench/corpus (small by default; the decade with
// -bench.decade or ONEONONE_BENCH=decade).
//
// Output goes to /dev/null through an *os.File, as hyperfine's does, so
// that the write system calls a verb makes are counted; the "buffered"
// variants put a bufio.Writer in front, to show what buffering saves.

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/oneonone/1on1/bench/corpus"
	"github.com/oneonone/1on1/internal/cli"
)

func BenchmarkVerbs(b *testing.B) {
	path := corpus.Path(b)
	devNull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		b.Fatal(err)
	}
	defer devNull.Close()
	for _, verb := range []string{"due", "search budget", "search stampede", "search budget --limit 0", "prep alice", "ledger alice"} {
		for _, buffered := range []bool{false, true} {
			name := strings.ReplaceAll(verb, " ", "_")
			if buffered {
				name += "/buffered"
			}
			b.Run(name, func(b *testing.B) {
				args := append(strings.Fields(verb), "--db", path, "--today", corpus.Today.String())
				var stderr bytes.Buffer
				var out io.Writer = devNull
				bw := bufio.NewWriter(devNull)
				if buffered {
					out = bw
				}
				env := cli.Env{
					Stdin: strings.NewReader(""), Stdout: out, Stderr: &stderr,
					Now: func() time.Time { return corpus.Today.Time() },
				}
				b.ReportAllocs()
				for b.Loop() {
					if code := cli.Main(args, env); code != 0 {
						b.Fatalf("1on1 %s: exit %d: %s", verb, code, stderr.String())
					}
					bw.Flush()
				}
			})
		}
	}
}
