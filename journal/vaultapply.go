package journal

import (
	"crypto/sha256"
	"path"
	"sort"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// Taking a vault's changes in, in the sync's transaction: changed and
// new files of meetings and people, deletes, and the marks that make the
// flush after the commit write the journal's version back.

// applyVault takes the folder's changes into the journal and marks the
// people whose files are to be written, in the sync's transaction.
func applyVault(tx *bolt.Tx, te termEdits, dir string, steps []vaultStep, opt VaultSyncOptions, rep *VaultReport) error {
	known := map[string]Person{}
	err := tx.Bucket(bucketPeople).ForEach(func(k, v []byte) error {
		p, err := decodePerson(v)
		if err == nil {
			known[p.Handle] = p
		}
		return nil
	})
	if err != nil {
		return err
	}
	keeper, err := keeperOf(tx)
	if err != nil {
		return err
	}
	problem := func(rel, reason string) {
		rep.Problems = append(rep.Problems, ImportProblem{File: rel, Reason: reason})
	}
	// A note file renamed in the folder, unchanged, is the deleted file
	// and a new one with its very bytes: the journal keeps the meeting,
	// and its file goes back to the name the journal gives it (by date),
	// rather than the note being taken in twice.
	deletedBySum := map[[32]byte]*vaultStep{}
	for i := range steps {
		if s := &steps[i]; s.state == VaultDeleted && s.entry.meeting != 0 {
			deletedBySum[s.base] = s
		}
	}
	for i := range steps {
		s := &steps[i]
		if s.state != VaultNew || !strings.HasPrefix(s.rel, meetingsFolder+"/") {
			continue
		}
		if from := deletedBySum[s.file.sum]; from != nil {
			delete(deletedBySum, s.file.sum)
			rep.Restored = append(rep.Restored, from.rel)
			rep.Removed = append(rep.Removed, s.rel)
			if err := takeFile(tx, s, from.entry.person); err != nil {
				return err
			}
			if err := dropBase(tx, from.rel); err != nil { // written anew
				return err
			}
			s.state, from.state = 0, 0 // done
		}
	}
	// People first: the notes name them.
	var notes []vaultNewNote
	for i := range steps {
		s := &steps[i]
		isPerson := strings.HasPrefix(s.rel, peopleFolder+"/")
		switch {
		case s.state == 0 && !s.same:
			// settled above
		case s.same:
			if s.entry == nil {
				err = dropBase(tx, s.rel)
			} else {
				err = setBase(tx, s.rel, s.file.sum)
			}
		case s.state == VaultToWrite:
			rep.Written = append(rep.Written, s.rel)
			err = touchVault(tx, s.entry.person)
		case s.state == VaultToRemove:
			rep.Removed = append(rep.Removed, s.rel)
			err = touchVault(tx, handleOfPath(s.rel))
		case s.state == VaultHeld:
			rep.Held = append(rep.Held, s.rel)
		case s.state == VaultMarkers:
			rep.Markers = append(rep.Markers, s.rel)
		case s.state == VaultConflict:
			var c string
			if c, err = writeConflictCopy(dir, s.rel, s.entry.data); err == nil {
				rep.Conflicts = append(rep.Conflicts, VaultConflictCopy{File: s.rel, Copy: c})
				// The journal's version is now in the folder too: once the
				// copy is gone, the file as the user left it is taken in.
				err = setBase(tx, s.rel, sha256.Sum256(s.entry.data))
			}
		case s.state == VaultDeleted:
			switch {
			case isPerson || opt.Restore:
				// People are not removed by deleting their file: archive
				// them instead. The file comes back.
				rep.Restored = append(rep.Restored, s.rel)
				if err = dropBase(tx, s.rel); err == nil {
					err = touchVault(tx, s.entry.person)
				}
			case opt.AcceptDeletes:
				var old Meeting
				if old, err = getMeeting(tx, s.entry.meeting); err == nil {
					err = storeMeeting(tx, &old, nil, Person{}, 0, te)
				}
				if err == nil {
					rep.Deleted = append(rep.Deleted, s.rel)
					err = dropBase(tx, s.rel)
				}
			default:
				rep.Missing = append(rep.Missing, s.rel)
			}
		case s.state == VaultChanged && isPerson:
			if reason := applyPersonFile(tx, te, s, known); reason != "" {
				problem(s.rel, reason)
			} else {
				rep.Read = append(rep.Read, s.rel)
			}
		case s.state == VaultChanged:
			if reason := applyNoteFile(tx, te, s, known, keeper, opt.Today); reason != "" {
				problem(s.rel, reason)
			} else {
				rep.Read = append(rep.Read, s.rel)
			}
		case s.state == VaultNew && isPerson:
			p, reason := parsePersonFile(s.rel, s.file.data)
			switch {
			case reason != "":
				problem(s.rel, reason)
			case known[p.Handle].Handle != "":
				problem(s.rel, "the person is in the journal already")
			default:
				if err = tx.Bucket(bucketPeople).Put([]byte(p.Handle), encodePerson(p)); err == nil {
					known[p.Handle] = p
					err = addQueuedTx(tx, p.Handle, readQueueFrontMatter(s.file.data))
				}
				if err == nil {
					rep.Added = append(rep.Added, s.rel)
					err = takeFile(tx, s, p.Handle)
				}
			}
		case s.state == VaultNew:
			ref, m, reason := readVaultNote(s.rel, s.file.data)
			if reason != "" {
				problem(s.rel, reason)
				break
			}
			notes = append(notes, vaultNewNote{step: s, ref: ref, m: m, nth: sameDayNumber(path.Base(s.rel), m.Date)})
		}
		if err != nil {
			return err
		}
	}
	// New notes oldest first, same-day ones in their files' order, so
	// that they are numbered as their files are.
	sort.SliceStable(notes, func(a, b int) bool {
		x, y := notes[a], notes[b]
		switch {
		case x.m.Date != y.m.Date:
			return x.m.Date < y.m.Date
		case x.nth != y.nth:
			return x.nth < y.nth
		}
		return x.step.rel < y.step.rel
	})
	for _, n := range notes {
		p, found := findPerson(known, n.ref)
		if !found {
			if p = newPersonFor(n.ref, known); p.Handle == "" {
				problem(n.step.rel, "bad person")
				continue
			}
			if err := tx.Bucket(bucketPeople).Put([]byte(p.Handle), encodePerson(p)); err != nil {
				return err
			}
			known[p.Handle] = p
		}
		m := n.m
		m.Person = p.Handle
		if err := m.validate(); err != nil {
			problem(n.step.rel, errorWithoutWrap(err))
			continue
		}
		seq, err := tx.Bucket(bucketMeetings).NextSequence()
		if err != nil {
			return err
		}
		m.ID = newMeetingID(m.Date, seq)
		m.Rev = 1
		// Done dates as import stamps them: a note from elsewhere is
		// history, ticked on its own day.
		if err := storeMeeting(tx, nil, &m, p, m.Date, te); err != nil {
			problem(n.step.rel, errorWithoutWrap(err))
			continue
		}
		rep.Added = append(rep.Added, n.step.rel)
		if err := takeFile(tx, n.step, p.Handle); err != nil {
			return err
		}
	}
	return nil
}

// vaultNewNote is a new file read as a meeting, waiting to be added.
type vaultNewNote struct {
	step *vaultStep
	ref  string
	m    Meeting
	nth  int
}

// takeFile records that the folder's file s was taken in: its content is
// the base, so the flush after the commit writes the journal's version
// (with block ids stamped) over it, or removes it when the journal keeps
// the note under another name. A crash before the flush leaves the marks:
// the next sync writes the same.
func takeFile(tx *bolt.Tx, s *vaultStep, handle string) error {
	if err := setBase(tx, s.rel, s.file.sum); err != nil {
		return err
	}
	return touchVault(tx, handle, handleOfPath(s.rel))
}

// applyNoteFile takes a changed meeting file in as an edit of its
// meeting, as SaveMeetingCarry stores one. It returns why not, or "".
func applyNoteFile(tx *bolt.Tx, te termEdits, s *vaultStep, known map[string]Person, keeper Keeper, today Date) string {
	ref, n, reason := readVaultNote(s.rel, s.file.data)
	if reason != "" {
		return reason
	}
	p, found := findPerson(known, ref)
	if !found {
		return "no person " + keyName(cleanRef(ref)) + " in the journal"
	}
	old, err := getMeeting(tx, s.entry.meeting)
	if err != nil {
		return "its meeting is unreadable"
	}
	m := old
	m.Person, m.Date, m.Time, m.Note = p.Handle, n.Date, n.Time, n.Note
	if err := m.validate(); err != nil {
		return errorWithoutWrap(err)
	}
	if m.Date != old.Date {
		seq, err := tx.Bucket(bucketMeetings).NextSequence()
		if err != nil {
			return "the journal cannot number it"
		}
		m.ID = newMeetingID(m.Date, seq)
	}
	m.Rev = old.Rev + 1
	if err := storeMeeting(tx, &old, &m, p, today, te); err != nil {
		return errorWithoutWrap(err)
	}
	if _, err := carryChanges(tx, &old, &m, today, te); err != nil {
		return errorWithoutWrap(err)
	}
	if err := takeFile(tx, s, p.Handle); err != nil {
		return "the journal could not record it"
	}
	return ""
}

// applyPersonFile takes a changed people/<handle>.md in: the person's
// fields, and the queue as the file lists it (entries added by hand are
// queued, entries taken out are unqueued).
func applyPersonFile(tx *bolt.Tx, te termEdits, s *vaultStep, known map[string]Person) string {
	p, reason := parsePersonFile(s.rel, s.file.data)
	if reason != "" {
		return reason
	}
	if p.Handle != s.entry.person {
		return "handle does not match the file name"
	}
	if err := updatePersonTx(tx, te, p); err != nil {
		return errorWithoutWrap(err)
	}
	known[p.Handle] = p
	listed := readQueueFrontMatter(s.file.data)
	waiting, err := queuedOf(tx, p.Handle, false)
	if err != nil {
		return "its queue is unreadable"
	}
	for _, w := range waiting {
		kept := false
		for _, q := range listed {
			kept = kept || q.ID == w.ID
		}
		if !kept {
			if err := tx.Bucket(bucketQueue).Delete(joinKey([]byte(p.Handle), []byte(w.ID))); err != nil {
				return "its queue could not be changed"
			}
		}
	}
	if err := addQueuedTx(tx, p.Handle, listed); err != nil {
		return "its queue could not be changed"
	}
	if err := takeFile(tx, s, p.Handle); err != nil {
		return "the journal could not record it"
	}
	return ""
}
