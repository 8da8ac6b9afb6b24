package journal

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// day parses a test date or fails the test.
func day(t testing.TB, s string) Date {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// openTemp opens a new journal in a temporary folder. When the test ends
// the journal is closed and bbolt's own consistency check runs on the file.
func openTemp(t testing.TB) *Journal {
	t.Helper()
	path := filepath.Join(t.TempDir(), "journal.db")
	j, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		j.Close()
		checkBolt(t, path)
	})
	return j
}

// checkBolt runs bbolt's consistency check on a closed journal file.
func checkBolt(t testing.TB, path string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Errorf("reopen %s for check: %v", path, err)
		return
	}
	defer db.Close()
	_ = db.View(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			t.Errorf("bbolt check: %v", err)
		}
		return nil
	})
}

func fileSum(t testing.TB, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func mustPerson(t testing.TB, j *Journal, handle, name string) Person {
	t.Helper()
	p, err := j.AddPerson(Person{Handle: handle, Name: name})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func mustMeeting(t testing.TB, j *Journal, handle, date, note string) Meeting {
	t.Helper()
	d := day(t, date)
	m, err := j.AddMeeting(Meeting{Person: handle, Date: d, Note: note}, d)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// itemByText finds the item whose text starts with prefix.
func itemByText(t testing.TB, items []Item, prefix string) Item {
	t.Helper()
	for _, it := range items {
		if len(it.Text) >= len(prefix) && it.Text[:len(prefix)] == prefix {
			return it
		}
	}
	t.Fatalf("no item starting %q among %d items", prefix, len(items))
	return Item{}
}
