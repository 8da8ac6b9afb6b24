package journal

import (
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// TestRecordWalkFindsWhatGetFinds: for descending ids, dense or sparse,
// present or not, before the first record or after the last, the walk
// search reads records with returns exactly what Bucket.Get does.
func TestRecordWalkFindsWhatGetFinds(t *testing.T) {
	db, err := bolt.Open(filepath.Join(t.TempDir(), "walk.db"), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rng := rand.New(rand.NewPCG(3, 4))
	var stored []MeetingID
	err = db.Update(func(tx *bolt.Tx) error {
		if _, err := tx.CreateBucket(bucketPeople); err != nil { // stays empty
			return err
		}
		b, err := tx.CreateBucket(bucketMeetings)
		if err != nil {
			return err
		}
		for id := MeetingID(100); id < 5000; id += MeetingID(1 + rng.IntN(3)) {
			stored = append(stored, id)
			if err := b.Put(meetingKey(id), []byte(id.String())); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, every := range []int{1, 2, 7, 300} {
		var ids []MeetingID
		for id := MeetingID(1); id < 5100; id++ {
			if rng.IntN(every) == 0 {
				ids = append(ids, id) // stored or not
			}
		}
		slices.Reverse(ids)
		db.View(func(tx *bolt.Tx) error {
			b := tx.Bucket(bucketMeetings)
			w := newRecordWalk(b)
			for _, id := range ids {
				if got, want := w.get(id), b.Get(meetingKey(id)); string(got) != string(want) {
					t.Fatalf("every %d: record of %d: %q, want %q", every, id, got, want)
				}
			}
			return nil
		})
	}
	db.View(func(tx *bolt.Tx) error {
		if got := newRecordWalk(tx.Bucket(bucketPeople)).get(7); got != nil {
			t.Errorf("an empty bucket's walk found %q", got)
		}
		return nil
	})
}
