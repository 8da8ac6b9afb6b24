package cli_test

// BenchmarkVerbs runs the query verbs in process, as bench/run.sh runs them
// as whole processes: the difference between the two is what a process
// pays before main (runtime and package initialisation) and at exit. On the
// cached demo journal of bench/corpus (small by default; the decade with
// -bench.decade or ONEONONE_BENCH=decade).

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/oneonone/1on1/bench/corpus"
	"github.com/oneonone/1on1/cli"
)

func BenchmarkVerbs(b *testing.B) {
	path := corpus.Path(b)
	for _, verb := range []string{"due", "search budget", "search stampede", "prep alice", "ledger alice"} {
		b.Run(strings.ReplaceAll(verb, " ", "_"), func(b *testing.B) {
			args := append(strings.Fields(verb), "--db", path, "--today", corpus.Today.String())
			var stderr bytes.Buffer
			env := cli.Env{
				Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &stderr,
				Now: func() time.Time { return corpus.Today.Time() },
			}
			b.ReportAllocs()
			for b.Loop() {
				if code := cli.Main(args, env); code != 0 {
					b.Fatalf("1on1 %s: exit %d: %s", verb, code, stderr.String())
				}
			}
		})
	}
}
