package journal

// Reading a vault back: what the folder holds (vaultdisk.go), how it
// differs from the journal (planVault), and taking the differences in
// (SyncVault; vaultapply.go). vault.go says how the two are kept equal.

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// VaultState is what one file of a vault waits for.
type VaultState uint8

// The states of a vault file that differs from the journal.
const (
	// VaultToWrite: the journal changed it (or its write failed): the
	// journal's version is to be written.
	VaultToWrite VaultState = iota + 1
	// VaultChanged: changed in the folder: to be taken into the journal.
	VaultChanged
	// VaultNew: a file the journal never had: a new meeting or person.
	VaultNew
	// VaultDeleted: deleted in the folder; its meeting is removed only
	// when deletes are accepted.
	VaultDeleted
	// VaultToRemove: the journal no longer has it: the file is removed.
	VaultToRemove
	// VaultConflict: changed both in the journal and in the folder.
	VaultConflict
	// VaultMarkers: the file holds git conflict markers; never taken in.
	VaultMarkers
	// VaultHeld: a conflict copy stands beside it; nothing is taken in or
	// written until the copy is gone.
	VaultHeld
)

// String names the state as a user reads it.
func (s VaultState) String() string {
	switch s {
	case VaultToWrite:
		return "to write"
	case VaultChanged:
		return "changed"
	case VaultNew:
		return "new"
	case VaultDeleted:
		return "deleted"
	case VaultToRemove:
		return "to remove"
	case VaultConflict:
		return "conflict"
	case VaultMarkers:
		return "git conflict markers"
	case VaultHeld:
		return "conflict copy beside it"
	}
	return ""
}

// NeedsUser reports whether the state waits for the user: a conflict, a
// file with git conflict markers, or one with a conflict copy beside it.
func (s VaultState) NeedsUser() bool {
	return s == VaultConflict || s == VaultMarkers || s == VaultHeld
}

// VaultChange is one file of a vault that differs from the journal.
type VaultChange struct {
	File  string // path in the vault, with '/'
	State VaultState
}

// VaultStatus says how a vault differs from its journal.
type VaultStatus struct {
	Dir      string
	Changes  []VaultChange
	Problems []ImportProblem // files the vault cannot read
}

// Conflicts counts the changes that wait for the user (NeedsUser).
func (s VaultStatus) Conflicts() int {
	n := 0
	for _, c := range s.Changes {
		if c.State.NeedsUser() {
			n++
		}
	}
	return n
}

// VaultSyncOptions tune SyncVault.
type VaultSyncOptions struct {
	// AcceptDeletes removes the meetings whose files were deleted in the
	// folder, after a backup of the journal (BackupNow).
	AcceptDeletes bool
	// Restore writes the files deleted in the folder back instead.
	Restore bool
	// Today stamps done dates on items ticked in a file (SPEC 2.1).
	Today Date
	// Now names the backup AcceptDeletes takes.
	Now time.Time

	// adopt: the journal had no meetings when InitVault found notes in
	// the folder: where both hold a person's file, the folder's is taken.
	adopt bool
}

// VaultConflictCopy is a conflict SyncVault found: File is kept as the
// folder has it, Copy holds the journal's version beside it.
type VaultConflictCopy struct{ File, Copy string }

// VaultReport says what SyncVault did. Paths are in the vault, with '/'.
type VaultReport struct {
	Dir       string
	Written   []string            // written from the journal
	Read      []string            // changed in the folder, taken in
	Added     []string            // new files, taken in as meetings or people
	Removed   []string            // removed: the journal no longer has them
	Deleted   []string            // deleted in the folder; their meetings removed (AcceptDeletes)
	Restored  []string            // deleted in the folder, written back
	Missing   []string            // deleted in the folder; their meetings kept
	Conflicts []VaultConflictCopy // changed on both sides: both kept
	Held      []string            // a conflict copy stands beside them
	Markers   []string            // git conflict markers: not taken in
	Problems  []ImportProblem     // files that could not be read or taken in
	Backup    string              // the backup taken before deletes were accepted
	// Unwritten is why some files could not be written; the journal holds
	// their changes and the next sync writes them.
	Unwritten error
}

// NeedsUser reports whether something waits for the user: a conflict, a
// conflict copy, git conflict markers, or a file that could not be written.
func (r VaultReport) NeedsUser() bool {
	return len(r.Conflicts)+len(r.Held)+len(r.Markers) > 0 || r.Unwritten != nil
}

// vaultStep is one file's comparison: the journal's version (nil when
// the journal has none), the folder's (nil when absent), the base, and
// what is to be done.
type vaultStep struct {
	rel   string
	entry *exportEntry
	file  *vaultFile
	base  [32]byte
	known bool // a base is recorded
	state VaultState
	same  bool // journal and folder agree: only the base may be stale
}

// planVault compares the journal (in tx) with disk, file by file.
func planVault(tx *bolt.Tx, disk vaultDisk, adopt bool) ([]vaultStep, error) {
	entries := map[string]*exportEntry{}
	err := exportEntries(tx, func(e exportEntry) error {
		entries[e.rel] = &e
		return nil
	})
	if err != nil {
		return nil, err
	}
	rels := map[string]bool{}
	for rel := range entries {
		rels[rel] = true
	}
	for rel := range disk.files {
		rels[rel] = true
	}
	for rel := range basesUnder(tx, "") {
		rels[rel] = true
	}
	var steps []vaultStep
	for _, rel := range sortedKeys(rels) {
		s := vaultStep{rel: rel, entry: entries[rel]}
		if f, ok := disk.files[rel]; ok {
			s.file = &f
		}
		s.base, s.known = baseOf(tx, rel)
		var jsum [32]byte
		if s.entry != nil {
			jsum = sha256.Sum256(s.entry.data)
		}
		jChanged := s.entry == nil && s.known || s.entry != nil && (!s.known || jsum != s.base)
		fChanged := s.file == nil && s.known || s.file != nil && (!s.known || s.file.sum != s.base)
		switch {
		case len(disk.copies[rel]) > 0:
			s.state = VaultHeld
		case s.file != nil && hasConflictMarkers(s.file.data):
			s.state = VaultMarkers
		case s.entry == nil && s.file == nil:
			s.same = true // gone on both sides: the base goes too
		case s.entry != nil && s.file != nil && jsum == s.file.sum:
			s.same = true
		case !fChanged:
			if s.entry == nil {
				s.state = VaultToRemove
			} else {
				s.state = VaultToWrite
			}
		case !jChanged:
			switch {
			case s.file == nil:
				s.state = VaultDeleted
			case s.entry == nil && !s.known:
				s.state = VaultNew
			default:
				s.state = VaultChanged
			}
		case s.file == nil:
			s.state = VaultToWrite // deleted there, changed here: the change wins
		case s.entry == nil:
			s.state = VaultNew // removed here, changed there: kept as new
		case adopt && !s.known && s.entry.meeting == 0:
			s.state = VaultChanged // a person added before the vault was adopted
		default:
			s.state = VaultConflict
		}
		steps = append(steps, s)
	}
	return steps, nil
}

// VaultStatus compares the journal with its vault; it changes nothing.
func (j *Journal) VaultStatus() (VaultStatus, error) {
	dir, err := j.VaultDir()
	if err != nil {
		return VaultStatus{}, err
	}
	if dir == "" {
		return VaultStatus{}, ErrNoVault
	}
	if err := vaultThere(dir); err != nil {
		return VaultStatus{}, err
	}
	disk, err := readVaultDisk(dir)
	if err != nil {
		return VaultStatus{}, err
	}
	st := VaultStatus{Dir: dir, Problems: disk.problems}
	err = j.view(func(tx *bolt.Tx) error {
		steps, err := planVault(tx, disk, false)
		for _, s := range steps {
			if s.state != 0 {
				st.Changes = append(st.Changes, VaultChange{File: s.rel, State: s.state})
			}
		}
		return err
	})
	return st, err
}

// SyncVault makes the journal and its vault equal again: files changed in
// the folder are taken in as edits of their meetings or people (stamped as
// any saved note is, and written back with their new block ids), new files
// become meetings or people, the journal's changes are written, and files
// of meetings the journal removed are removed. A file deleted in the
// folder is reported; its meeting is removed only with opt.AcceptDeletes,
// after a backup, or its file written back with opt.Restore. A file
// changed on both sides is kept as the folder has it, and the journal's
// version is written beside it as <name>.conflict-<n>.md; until that copy
// is gone, the file is neither taken in nor written (VaultHeld), and
// deleting the copy takes the file in as it then is. A file with git
// conflict markers is never taken in.
func (j *Journal) SyncVault(opt VaultSyncOptions) (VaultReport, error) {
	dir, err := j.VaultDir()
	if err != nil {
		return VaultReport{}, err
	}
	if dir == "" {
		return VaultReport{}, ErrNoVault
	}
	if err := vaultThere(dir); err != nil {
		return VaultReport{}, err
	}
	disk, err := readVaultDisk(dir)
	if err != nil {
		return VaultReport{}, err
	}
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	disk.removeStaleTemps(dir, now)
	rep := VaultReport{Dir: dir}
	if opt.AcceptDeletes {
		st, err := j.VaultStatus()
		if err != nil {
			return rep, err
		}
		for _, c := range st.Changes {
			if c.State == VaultDeleted && strings.HasPrefix(c.File, meetingsFolder+"/") {
				if rep.Backup, err = j.BackupNow(opt.Now); err != nil {
					return rep, fmt.Errorf("vault: backup before removing meetings: %w", err)
				}
				break
			}
		}
	}
	backup := rep.Backup
	// Nothing to do is found without a commit: an app that looks every
	// few seconds must not change the journal's version each time.
	idle := false
	err = j.view(func(tx *bolt.Tx) error {
		steps, err := planVault(tx, disk, opt.adopt)
		if err != nil {
			return err
		}
		idle = !vaultPending(tx) && vaultIdle(steps, opt)
		if idle {
			rep = VaultReport{Dir: dir, Problems: disk.problems}
			for _, s := range steps {
				switch s.state {
				case VaultHeld:
					rep.Held = append(rep.Held, s.rel)
				case VaultMarkers:
					rep.Markers = append(rep.Markers, s.rel)
				case VaultDeleted:
					rep.Missing = append(rep.Missing, s.rel)
				}
			}
		}
		return nil
	})
	if err != nil || idle {
		return rep, err
	}
	err = j.writeNotes(func(tx *bolt.Tx, te termEdits) error {
		rep = VaultReport{Dir: dir, Backup: backup, Problems: append([]ImportProblem(nil), disk.problems...)}
		steps, err := planVault(tx, disk, opt.adopt)
		if err != nil {
			return err
		}
		return applyVault(tx, te, dir, steps, opt, &rep)
	})
	if err != nil {
		return rep, fmt.Errorf("vault sync %s: %w", dir, err)
	}
	// The commit wrote the files of the people it marked (writeThrough).
	rep.Unwritten = j.VaultWriteError()
	var unwritten map[string]bool
	var ue *VaultUnwrittenError
	if errors.As(rep.Unwritten, &ue) {
		unwritten = map[string]bool{}
		for _, f := range ue.Files {
			unwritten[f] = true
		}
	}
	kept := rep.Written[:0]
	for _, f := range rep.Written {
		if !unwritten[f] {
			kept = append(kept, f)
		}
	}
	rep.Written = kept
	return rep, nil
}

// vaultIdle reports whether a sync of steps would change nothing: every
// file agrees and its base is recorded, or waits for the user, or was
// deleted in the folder with no option to act on it.
func vaultIdle(steps []vaultStep, opt VaultSyncOptions) bool {
	for _, s := range steps {
		switch {
		case s.same:
			if s.entry == nil || !s.known || s.base != s.file.sum {
				return false
			}
		case s.state == VaultHeld, s.state == VaultMarkers:
		case s.state == VaultDeleted:
			if opt.AcceptDeletes || opt.Restore || s.entry.meeting == 0 {
				return false
			}
		default:
			return false
		}
	}
	return true
}
