package journal

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

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
	// acknowledged and lost: the old file stays locked for writing, by
	// this process and against every other, until the new one has its name.
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.withFile(true, false, func(src *bolt.DB, srcID fileID) error {
		dst, err := bolt.Open(tmpPath, 0o600, &bolt.Options{Timeout: time.Second, NoSync: j.noSync})
		if err != nil {
			return fmt.Errorf("compact %s: %w", j.path, err)
		}
		dst.AllocSize = growStep
		var from, to uint64
		var used int64
		if err := copyBuckets(dst, src, j.path, &from); err != nil {
			dst.Close()
			return fmt.Errorf("compact %s: %w", j.path, err)
		}
		if err := dst.View(func(tx *bolt.Tx) error { to, used = uint64(tx.ID()), tx.Size(); return nil }); err != nil {
			dst.Close()
			return fmt.Errorf("compact %s: %w", j.path, err)
		}
		if err := dst.Close(); err != nil {
			return fmt.Errorf("compact %s: %w", j.path, err)
		}
		if err := trimFile(tmpPath, used); err != nil {
			return fmt.Errorf("compact %s: %w", j.path, err)
		}
		if err := os.Chmod(tmpPath, 0o600); err != nil {
			return fmt.Errorf("compact %s: %w", j.path, err)
		}
		fi, err := os.Stat(tmpPath)
		if err != nil {
			return fmt.Errorf("compact %s: %w", j.path, err)
		}
		// The copy is complete and synced (bbolt syncs on commit). It
		// takes the journal's name while the old file is still locked;
		// whoever waits for the old file finds, once it is let go, that
		// the name is the new file's and opens that one (openLocked).
		if err := atomicfile.Replace(tmpPath, j.path); err != nil {
			return fmt.Errorf("compact: %w", err)
		}
		j.own.add(Version{srcID, from}, Version{fileIdentity(fi), to})
		return nil
	})
}

// copyBuckets copies every bucket of j into dst in key order, with full
// pages, keeping bucket sequences (meeting ids depend on them).
// from is set to the copied transaction's id.
func copyBuckets(dst, srcDB *bolt.DB, path string, from *uint64) error {
	return readGuard(path, func() error { return srcDB.View(func(src *bolt.Tx) error { return copyTx(dst, src, from) }) })
}

func copyTx(dst *bolt.DB, src *bolt.Tx, from *uint64) error {
	*from = uint64(src.ID())
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
}

// trimFile cuts the file at path to size bytes when it is longer. bbolt
// grows a file ahead of its pages (AllocSize, 2 MB here), so a copy
// made in one go ends in up to 2 MB of nothing; a compacted journal is
// meant to be as small as its pages, and the next write grows it again.
func trimFile(path string, size int64) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	fi, err := f.Stat()
	if err == nil && fi.Size() > size {
		if err = f.Truncate(size); err == nil {
			err = f.Sync()
		}
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
