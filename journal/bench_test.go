package journal_test

// Benchmarks for the budgets of issue 7, on a demo journal cached by
// bench/corpus: a small one by default (CI runs every benchmark once), the
// decade with -bench.decade or ONEONONE_BENCH=decade, any other size with
// -bench.people/-bench.years. bench/run.sh times the same rows as whole
// processes.
//
//	go test ./journal -run xxx -bench . -bench.decade -benchmem

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/oneonone/1on1/bench/corpus"
	"github.com/oneonone/1on1/internal/demo"
	"github.com/oneonone/1on1/journal"
)

// Words of the demo vocabulary: "budget" is in about half of the decade's
// notes, "stampede" in about one in seven.
const (
	commonWord = "budget"
	rareWord   = "stampede"
	person     = "alice" // always the demo's first person
)

// BenchmarkOpen is the cost every CLI process pays before its query.
func BenchmarkOpen(b *testing.B) {
	path := corpus.Path(b)
	b.ReportAllocs()
	for b.Loop() {
		j, err := journal.Open(path, journal.Options{ReadOnly: true})
		if err != nil {
			b.Fatal(err)
		}
		j.Close()
	}
}

// BenchmarkVersion is the fixed cost of one read transaction — open and
// lock the file, read bbolt's meta, close — which every query pays since
// the journal holds its file only per transaction (lock.go); it is also
// the app's once-a-second poll for changes made by other processes.
func BenchmarkVersion(b *testing.B) {
	j := corpus.Open(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := j.Version(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFlagged is '1on1 due': every overdue, due-soon and undated
// commitment. Budget (whole process): 30 ms.
func BenchmarkFlagged(b *testing.B) {
	j := corpus.Open(b)
	b.ReportAllocs()
	var n int
	for b.Loop() {
		items, err := j.Flagged(corpus.Today, journal.ItemFilter{})
		if err != nil {
			b.Fatal(err)
		}
		n = len(items)
	}
	b.ReportMetric(float64(n), "items")
}

// BenchmarkOpenCommitments is every open commitment, flagged or not: the
// TUI's commitments view.
func BenchmarkOpenCommitments(b *testing.B) {
	j := corpus.Open(b)
	b.ReportAllocs()
	var n int
	for b.Loop() {
		items, err := j.OpenCommitments(journal.ItemFilter{})
		if err != nil {
			b.Fatal(err)
		}
		n = len(items)
	}
	b.ReportMetric(float64(n), "items")
}

// BenchmarkPeopleStatus is the TUI's home list.
func BenchmarkPeopleStatus(b *testing.B) {
	j := corpus.Open(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := j.PeopleStatus(corpus.Today, false); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSearch is '1on1 search WORD' (50 hits at most, as the CLI
// asks). Budget (whole process): 100 ms.
func BenchmarkSearch(b *testing.B) {
	j := corpus.Open(b)
	for _, q := range []string{commonWord, rareWord, commonWord + " " + rareWord, `"cache stampede"`} {
		b.Run(q, func(b *testing.B) {
			b.ReportAllocs()
			var n int
			for b.Loop() {
				hits, err := j.Search(journal.Query{Text: q})
				if err != nil {
					b.Fatal(err)
				}
				n = len(hits)
			}
			b.ReportMetric(float64(n), "hits")
		})
	}
}

// BenchmarkPrep is '1on1 prep HANDLE'. Budget (whole process): 30 ms.
func BenchmarkPrep(b *testing.B) {
	j := corpus.Open(b)
	b.ReportAllocs()
	for b.Loop() {
		pr, err := j.Prep(person, corpus.Today)
		if err != nil {
			b.Fatal(err)
		}
		_ = pr.Markdown()
	}
}

// BenchmarkOpenPerson is what the app reads when a person is opened: the
// person, their meetings with items as they stand today (the meetings
// pane), their open commitments and follow-ups, and the newest meeting
// (the preview). On the decade a person has about 500 notes. Budget: 20 ms.
func BenchmarkOpenPerson(b *testing.B) {
	j := corpus.Open(b)
	b.ReportAllocs()
	var n int
	for b.Loop() {
		if _, err := j.Person(person); err != nil {
			b.Fatal(err)
		}
		ms, err := j.Meetings(person)
		if err != nil || len(ms) == 0 {
			b.Fatalf("meetings of %s: %d, %v", person, len(ms), err)
		}
		if _, err := j.OpenCommitments(journal.ItemFilter{Person: person}); err != nil {
			b.Fatal(err)
		}
		if _, err := j.OpenFollowUps(person); err != nil {
			b.Fatal(err)
		}
		if _, err := j.Meeting(ms[0].ID); err != nil {
			b.Fatal(err)
		}
		n = len(ms)
	}
	b.ReportMetric(float64(n), "notes")
}

// BenchmarkCheck is '1on1 check': every record, bbolt's own check, and
// every note read again to compare the derived data. Budget at the
// decade: 3 s on two cores.
func BenchmarkCheck(b *testing.B) {
	path := corpus.Path(b)
	b.ReportAllocs()
	for b.Loop() {
		rep, err := journal.CheckFile(path)
		if err != nil || !rep.OK {
			b.Fatalf("check: %v %s", err, rep)
		}
	}
}

// BenchmarkLedger is '1on1 ledger HANDLE': the whole history of a person.
// Budget (whole process): 30 ms.
func BenchmarkLedger(b *testing.B) {
	j := corpus.Open(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := j.Ledger(person, 0, 0, corpus.Today); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSaveMeeting saves an edited note into a real, fsync'd copy of
// the journal: the commit is included. Budget: 20 ms median.
func BenchmarkSaveMeeting(b *testing.B) {
	path := corpus.Copy(b)
	j, err := journal.Open(path, journal.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer j.Close()
	ms, err := j.Meetings(person)
	if err != nil || len(ms) == 0 {
		b.Fatalf("meetings of %s: %d, %v", person, len(ms), err)
	}
	m := latest(ms)
	base := m.Note

	b.Run("edit", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			i++
			m.Note = base + fmt.Sprintf("\nAlso talked about item %d.\n", i)
			if m, err = j.SaveMeeting(m, corpus.Today); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("add", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			i++
			nm := journal.Meeting{Person: person, Date: corpus.Today, Note: base + fmt.Sprintf("\nNew meeting %d.\n", i)}
			if _, err := j.AddMeeting(nm, corpus.Today); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func latest(ms []journal.Meeting) journal.Meeting {
	m := ms[0]
	for _, x := range ms {
		if x.ID > m.ID {
			m = x
		}
	}
	return m
}

// BenchmarkBuild runs demo.Generate into a fresh, synced journal of the
// chosen size, as '1on1 demo' does, and reports the file size against the
// markdown it holds, before and after Compact. Budget at the decade: 15 s,
// file ≤ 2× the markdown.
func BenchmarkBuild(b *testing.B) {
	s := corpus.Chosen()
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		path := filepath.Join(b.TempDir(), "journal.db")
		b.StartTimer()
		start := time.Now()
		j, err := journal.Open(path, journal.Options{})
		if err != nil {
			b.Fatal(err)
		}
		st, err := demo.Generate(j, s.Options())
		if err != nil {
			b.Fatal(err)
		}
		if err := j.Close(); err != nil {
			b.Fatal(err)
		}
		build := time.Since(start)
		b.StopTimer()
		size := fileSize(b, path)
		j, err = journal.Open(path, journal.Options{})
		if err != nil {
			b.Fatal(err)
		}
		cstart := time.Now()
		if err := j.Compact(); err != nil {
			b.Fatal(err)
		}
		compact := time.Since(cstart)
		j.Close()
		compacted := fileSize(b, path)
		b.ReportMetric(build.Seconds(), "build-s")
		b.ReportMetric(compact.Seconds(), "compact-s")
		b.ReportMetric(float64(st.Meetings), "meetings")
		b.ReportMetric(float64(st.Meetings)/build.Seconds(), "meetings/s")
		b.ReportMetric(float64(st.NoteBytes)/1e6, "notes-MB")
		b.ReportMetric(float64(size)/1e6, "file-MB")
		b.ReportMetric(float64(compacted)/1e6, "compacted-MB")
		b.ReportMetric(float64(size)/float64(st.NoteBytes), "file/notes")
		b.ReportMetric(float64(compacted)/float64(st.NoteBytes), "compacted/notes")
		b.StartTimer()
	}
}

func fileSize(b *testing.B, path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	return fi.Size()
}
