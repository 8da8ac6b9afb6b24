package journal

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// RepairReport says what Repair rebuilt and which notes it could not read.
type RepairReport struct {
	Meetings   int         // notes the derived data was rebuilt from
	Unreadable []MeetingID // note records that could not be read, left in place
	// Backup is the most recently taken backup (in BackupDir, or where
	// earlier versions kept them) that holds the unreadable notes readable;
	// empty when there are none or no backup holds them.
	Backup string
}

// Repair rebuilds all derived data — the by_person, items, occurrences,
// person_items, open, open_followups and search buckets (derivedBuckets) —
// from the notes, in one transaction. Notes themselves are
// never changed. An unreadable note record is left in place, never
// deleted, and reported with the newest backup that holds it readable. A
// file whose page structure is damaged is not repaired: it fails with
// ErrCorrupt, and a backup is the way back.
func (j *Journal) Repair() (RepairReport, error) {
	var rep RepairReport
	err := j.update(func(tx *bolt.Tx) error {
		f, err := os.Open(j.path)
		if err != nil {
			return err
		}
		fi, err := f.Stat()
		if err != nil {
			f.Close()
			return err
		}
		st := walkPages(f, fi.Size(), tx.DB().Info().PageSize)
		f.Close()
		if !st.sound() {
			return fmt.Errorf("the file's page structure is damaged, so derived data cannot be rebuilt safely; restore a backup: %w", ErrCorrupt)
		}
		unreadable, n, err := rebuildDerivedCount(tx)
		if err != nil {
			return err
		}
		rep.Unreadable = unreadable
		rep.Meetings = n
		return nil
	})
	if err != nil {
		return RepairReport{}, fmt.Errorf("repair %s: %w", j.path, err)
	}
	if len(rep.Unreadable) > 0 {
		rep.Backup = j.backupHolding(rep.Unreadable)
	}
	return rep, nil
}

// backupHolding returns the newest backup that holds every one of ids
// readable, else the newest that holds most of them, else "". It looks in
// BackupDir, then in the "backups" folder and the journal's own folder,
// where earlier versions kept them (that folder may be shared with other
// journals: a backup counts only if it holds these very notes). Newest
// means most recently taken (file times, which the wall clock wrote, hence
// time.Now here); a backup taken "in the future" comes after every other,
// however far ahead its date.
func (j *Journal) backupHolding(ids []MeetingID) string {
	dir := filepath.Dir(j.path)
	now := time.Now()
	var all []backupFile
	for _, d := range []string{BackupDir(j.path), filepath.Join(dir, "backups"), dir} {
		bs, _ := listBackups(d, now)
		all = append(all, bs...)
	}
	sort.SliceStable(all, func(a, b int) bool {
		x, y := all[a], all[b]
		if x.future != y.future {
			return !x.future
		}
		return x.taken.After(y.taken)
	})
	best, bestN := "", 0
	for _, b := range all {
		if same, _ := sameFile(b.path, j.path); same {
			continue
		}
		n := backupHolds(b.path, ids)
		if n == len(ids) {
			return b.path
		}
		if n > bestN {
			best, bestN = b.path, n
		}
	}
	return best
}

// backupHolds counts the notes of ids a backup holds readable.
func backupHolds(path string, ids []MeetingID) int {
	db, _, err := openBolt(path, &bolt.Options{ReadOnly: true}, lockPolicy{timeout: 100 * time.Millisecond})
	if err != nil {
		return 0
	}
	defer db.Close()
	n := 0
	_ = guarded(func() error {
		return db.View(func(tx *bolt.Tx) error {
			b := tx.Bucket(bucketMeetings)
			if b == nil {
				return nil
			}
			for _, id := range ids {
				if v := b.Get(meetingKey(id)); v != nil {
					if m, err := decodeMeeting(v); err == nil && m.ID == id {
						n++
					}
				}
			}
			return nil
		})
	})
	return n
}

// rebuildDerived rebuilds every derived bucket from the notes inside tx; it
// returns the ids of note records it could not read.
func rebuildDerived(tx *bolt.Tx) ([]MeetingID, error) {
	u, _, err := rebuildDerivedCount(tx)
	return u, err
}

func rebuildDerivedCount(tx *bolt.Tx) (unreadable []MeetingID, n int, err error) {
	people := map[string]Person{}
	err = tx.Bucket(bucketPeople).ForEach(func(k, v []byte) error {
		if p, err := decodePerson(v); err == nil {
			people[p.Handle] = p
		}
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	var meetings []Meeting
	err = tx.Bucket(bucketMeetings).ForEach(func(k, v []byte) error {
		m, err := decodeMeeting(v)
		if err != nil || len(k) != 8 || m.ID != meetingIDFromKey(k) {
			unreadable = append(unreadable, meetingIDFromKey(k))
			return nil
		}
		m.Note = strings.Clone(m.Note)
		meetings = append(meetings, m)
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	keeper, err := keeperOf(tx)
	if err != nil {
		return nil, 0, err
	}
	d := deriveAll(meetings, people, keeper, func(Meeting) {})
	for _, name := range derivedBuckets {
		if err := tx.DeleteBucket(name); err != nil && !errors.Is(err, bolterrors.ErrBucketNotFound) {
			return nil, 0, err
		}
		if _, err := tx.CreateBucket(name); err != nil {
			return nil, 0, err
		}
	}
	put := func(name []byte, k, v []byte) error { return tx.Bucket(name).Put(k, v) }
	for name, records := range d {
		for k, v := range records {
			var val []byte
			if v != "" {
				val = []byte(v)
			}
			if err := put([]byte(name), []byte(k), val); err != nil {
				return nil, 0, err
			}
		}
	}
	terms := map[string][]MeetingID{}
	for _, m := range meetings {
		for t := range noteTerms(m.Note) {
			terms[t] = append(terms[t], m.ID) // meetings come in id order
		}
	}
	for t, ids := range terms {
		for len(ids) > 0 {
			n := min(len(ids), chunkSize)
			if err := put(bucketTerms, joinKey([]byte(t), meetingKey(ids[0])), encodePostings(ids[:n])); err != nil {
				return nil, 0, err
			}
			ids = ids[n:]
		}
	}
	// The derived data is now in this code's layout.
	if err := tx.Bucket(bucketMeta).Put(keySchema, schemaBytes(SchemaVersion)); err != nil {
		return nil, 0, err
	}
	return unreadable, len(meetings), nil
}
