package journal

import (
	"fmt"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"

	"github.com/oneonone/1on1/internal/atomicfile"
)

// growStep is how much the file grows by once it is past growStep: small
// enough that a journal is not mostly empty space, large enough that a
// bulk import does not grow (and fsync) the file on every transaction.
const growStep = 2 << 20

// compactTxBytes bounds the size of one copying transaction in Compact.
const compactTxBytes = 16 << 20

// Compact rewrites the journal file without free pages and with full
// pages, which a bulk load (demo, import) leaves behind. It writes the copy
// under a temporary name, syncs it and renames it over the journal, so a
// crash at any moment leaves either the old file or the new one.
func (j *Journal) Compact() error {
	if j.readOnly {
		return fmt.Errorf("compact %s: journal is open read-only: %w", j.path, ErrInvalid)
	}
	dir := filepath.Dir(j.path)
	tmp, err := os.CreateTemp(dir, ".journal-*.tmp")
	if err != nil {
		return fmt.Errorf("compact %s: %w", j.path, err)
	}
	tmpPath := tmp.Name()
	tmp.Close()
	os.Remove(tmpPath)
	defer os.Remove(tmpPath)

	// No write may come between the copy and the swap, or it would be
	// acknowledged and lost.
	j.mu.Lock()
	defer j.mu.Unlock()
	dst, err := bolt.Open(tmpPath, 0o600, &bolt.Options{Timeout: j.timeout})
	if err != nil {
		return fmt.Errorf("compact %s: %w", j.path, err)
	}
	dst.AllocSize = growStep
	if err := copyBuckets(dst, j); err != nil {
		dst.Close()
		return fmt.Errorf("compact %s: %w", j.path, err)
	}
	if err := dst.Close(); err != nil {
		return fmt.Errorf("compact %s: %w", j.path, err)
	}
	if err := os.Chmod(tmpPath, 0o600); err != nil {
		return fmt.Errorf("compact %s: %w", j.path, err)
	}
	// The copy is complete and synced (bbolt syncs on commit). It takes
	// the journal's name while the old file is still open and locked, so
	// no other process can write to the old file after the copy was made;
	// one that opens the new file first only makes our reopen fail.
	if err := atomicfile.Replace(tmpPath, j.path); err != nil {
		return fmt.Errorf("compact: %w", err)
	}
	if err := j.db.Close(); err != nil {
		return fmt.Errorf("compact %s: %w", j.path, err)
	}
	db, err := openBolt(j.path, &bolt.Options{Timeout: j.timeout})
	if err != nil {
		return fmt.Errorf("compact %s: reopen: %w", j.path, err)
	}
	db.AllocSize = growStep
	j.db = db
	return nil
}

// copyBuckets copies every bucket of j into dst in key order, with full
// pages, keeping bucket sequences (meeting ids depend on them).
func copyBuckets(dst *bolt.DB, j *Journal) error {
	return j.viewLocked(func(src *bolt.Tx) error {
		for _, name := range allBuckets {
			sb := src.Bucket(name)
			var k, v []byte
			c := sb.Cursor()
			k, v = c.First()
			for first := true; first || k != nil; first = false {
				err := dst.Update(func(tx *bolt.Tx) error {
					db, err := tx.CreateBucketIfNotExists(name)
					if err != nil {
						return err
					}
					db.FillPercent = 1.0
					if err := db.SetSequence(sb.Sequence()); err != nil {
						return err
					}
					size := 0
					for ; k != nil && size < compactTxBytes; k, v = c.Next() {
						if err := db.Put(k, v); err != nil {
							return err
						}
						size += len(k) + len(v)
					}
					return nil
				})
				if err != nil {
					return err
				}
			}
		}
		return nil
	})
}
