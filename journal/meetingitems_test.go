package journal

import (
	"reflect"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// readingNotes are notes whose items take every form the stored reading
// must give back: texts that are a run of the note, texts joined from
// several lines, done stamps added at save, repeats, a pulse, front
// matter, wide characters.
var readingNotes = []string{
	"## My commitments\n- [ ] me: send the deck due:2026-11-10\n- [x] me: book the room\n\nEnergy level? 7/10\n",
	"- [ ] Ana: write the RFC\n  and share it with the team\n- [ ] me: review it\n",
	"---\ntitle: x\n---\n## Wins\n- shipped the löwe release 🎉\n## Feedback\n- given: clear write-up\n- received: more context\n",
	"- [ ] me: same text\n- [ ] me: same text\n## Follow-ups\n- [ ] ask about hiring\n",
	"| status | action | owner |\n| --- | --- | --- |\n| [ ] | plan the offsite | me |\n",
	"nothing structured here at all\n",
	"",
}

// TestAMeetingReadsBackAsItsNoteSays: the items and pulse a meeting is
// read back with are exactly what reading its note gives, for every form
// of item, after saves, a rename and a new keeper.
func TestAMeetingReadsBackAsItsNoteSays(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "ana", "Ana")
	var ids []MeetingID
	for i, note := range readingNotes {
		m := mustMeeting(t, j, "ana", "2026-11-0"+string(rune('1'+i)), note)
		ids = append(ids, m.ID)
	}
	same := func(when string) {
		t.Helper()
		err := j.view(func(tx *bolt.Tx) error {
			for _, id := range ids {
				got, err := getMeeting(tx, id)
				if err != nil {
					return err
				}
				if !storedItems(tx, &got) {
					t.Errorf("%s: meeting %s has no stored reading", when, id)
				}
				p, _ := getPerson(tx, "ana")
				k, _ := keeperOf(tx)
				r := Read([]byte(got.Note), p.noteContext(got.Date, k))
				want := placeItems(r.Items, got)
				if len(want) == 0 {
					want = nil
				}
				if !reflect.DeepEqual(got.Items, want) || got.Pulse != r.Pulse || got.HasPulse != r.HasPulse {
					t.Errorf("%s: meeting %s reads back as\n%+v (pulse %d %v)\nwant\n%+v (pulse %d %v)", when, id, got.Items, got.Pulse, got.HasPulse, want, r.Pulse, r.HasPulse)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if rep, err := j.Check(); err != nil || !rep.OK {
			t.Errorf("%s: check: %v %s", when, err, rep)
		}
	}
	same("after saving")
	// A new name changes whose promise "Ana Lopez: …" is.
	if _, err := j.UpdatePerson(Person{Handle: "ana", Name: "Ana Lopez"}); err != nil {
		t.Fatal(err)
	}
	same("after a rename")
	if err := j.SetKeeper(Keeper{Name: "Robin"}); err != nil {
		t.Fatal(err)
	}
	same("after setting the keeper")
	m, err := j.Meeting(ids[0])
	if err != nil {
		t.Fatal(err)
	}
	m.Note = strings.Replace(m.Note, "send the deck", "send the longer deck", 1)
	if _, err := j.SaveMeeting(m, day(t, "2026-11-20")); err != nil {
		t.Fatal(err)
	}
	same("after an edit")
	if err := j.DeleteMeeting(ids[1]); err != nil {
		t.Fatal(err)
	}
	ids = append(ids[:1], ids[2:]...)
	same("after a delete")
}

// TestADamagedReadingIsReadFromTheNote: a stored reading that is missing
// or does not decode never hides or changes a meeting's items; check
// reports it and Repair writes it again.
func TestADamagedReadingIsReadFromTheNote(t *testing.T) {
	for _, damage := range []string{"missing", "flipped", "offset past the note"} {
		t.Run(damage, func(t *testing.T) {
			j := openTemp(t)
			mustPerson(t, j, "ana", "Ana")
			m := mustMeeting(t, j, "ana", "2026-11-02", readingNotes[0])
			before, err := j.Meeting(m.ID)
			if err != nil {
				t.Fatal(err)
			}
			err = j.update(func(tx *bolt.Tx) error {
				b := tx.Bucket(bucketMeetingItems)
				switch damage {
				case "missing":
					return b.Delete(meetingKey(m.ID))
				case "flipped":
					v := append([]byte(nil), b.Get(meetingKey(m.ID))...)
					v[len(v)-1] ^= 0x40
					return b.Put(meetingKey(m.ID), v)
				}
				items := []Item{{Kind: Commitment, Owner: Me, State: StateOpen, Text: "x", Line: 1}}
				v := encodeMeetingItems("x", items, 0, false)
				// Point the text past the end of the real note.
				long := encodeMeetingItems(strings.Repeat(" ", 5000)+"x", items, 0, false)
				if len(long) == len(v) {
					t.Fatal("the test's record does not use an offset")
				}
				return b.Put(meetingKey(m.ID), long)
			})
			if err != nil {
				t.Fatal(err)
			}
			got, err := j.Meeting(m.ID)
			if err != nil || !reflect.DeepEqual(got.Items, before.Items) || got.Pulse != 7 {
				t.Errorf("meeting with a damaged reading: %v\n%+v\nwant\n%+v", err, got.Items, before.Items)
			}
			if rep, err := j.Check(); err != nil || rep.OK {
				t.Errorf("check calls a damaged reading healthy: %v %s", err, rep)
			}
			if _, err := j.Repair(); err != nil {
				t.Fatal(err)
			}
			if rep, err := j.Check(); err != nil || !rep.OK {
				t.Errorf("check after repair: %v %s", err, rep)
			}
		})
	}
}

// TestASchema2JournalGainsItsReadings: a journal from before readings were
// stored opens, read-only too, with one for every note.
func TestASchema2JournalGainsItsReadings(t *testing.T) {
	j := openTemp(t)
	mustPerson(t, j, "ana", "Ana")
	m := mustMeeting(t, j, "ana", "2026-11-02", readingNotes[0])
	path := j.Path()
	j.Close()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketMeetingItems); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchema, schemaBytes(2))
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only open of a schema 2 journal: %v", err)
	}
	defer ro.Close()
	err = ro.view(func(tx *bolt.Tx) error {
		got := Meeting{ID: m.ID, Note: m.Note, Person: m.Person, Date: m.Date}
		if !storedItems(tx, &got) || !reflect.DeepEqual(got.Items, m.Items) {
			t.Errorf("upgraded journal's reading: %+v, want %+v", got.Items, m.Items)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if rep, err := ro.Check(); err != nil || !rep.OK {
		t.Errorf("check after the upgrade: %v %s", err, rep)
	}
}
