package journal_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/oneonone/1on1/bench/corpus"
	"github.com/oneonone/1on1/journal"
)

// BenchmarkSaveMeetingWithVault is BenchmarkSaveMeeting/edit in a journal
// with a vault: the commit, then the write-through of the person's files
// (each rendered, the changed one written and fsynced). Budget: 20 ms,
// as a save without a vault.
func BenchmarkSaveMeetingWithVault(b *testing.B) {
	path := corpus.Copy(b)
	j, err := journal.Open(path, journal.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer j.Close()
	if _, err := j.InitVault(filepath.Join(b.TempDir(), "vault"), journal.VaultSyncOptions{Today: corpus.Today}); err != nil {
		b.Fatal(err)
	}
	ms, err := j.Meetings(person)
	if err != nil || len(ms) == 0 {
		b.Fatalf("meetings of %s: %d, %v", person, len(ms), err)
	}
	m := latest(ms)
	base := m.Note
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		m.Note = base + fmt.Sprintf("\nAlso talked about item %d.\n", i)
		if m, err = j.SaveMeeting(m, corpus.Today); err != nil {
			b.Fatal(err)
		}
		if err := j.VaultWriteError(); err != nil {
			b.Fatal(err)
		}
	}
}
