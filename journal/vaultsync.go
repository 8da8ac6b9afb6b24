package journal

// Reading a vault back: what the folder holds (readVaultDisk), how it
// differs from the journal (planVault), and taking the differences in
// (SyncVault). vault.go says how the two are kept equal.

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"

	"github.com/oneonone/1on1/internal/atomicfile"
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

// ErrVaultGone is returned when the vault's folder, or its marker file,
// is not there: an unmounted disk or a moved folder must never read as
// every note deleted. It matches ErrNotFound.
var ErrVaultGone = fmt.Errorf("the vault's folder is not there, or lost its %s file: %w", vaultMarker, ErrNotFound)

// vaultThere fails with ErrVaultGone unless dir holds the vault marker.
func vaultThere(dir string) error {
	if fi, err := os.Lstat(filepath.Join(dir, vaultMarker)); err != nil || !fi.Mode().IsRegular() {
		return fmt.Errorf("vault %s: %w", dir, ErrVaultGone)
	}
	return nil
}

// vaultFile is a file read from a vault.
type vaultFile struct {
	data []byte
	sum  [32]byte
}

// vaultDisk is what a vault folder holds in the export layout.
type vaultDisk struct {
	files    map[string]vaultFile
	copies   map[string][]string // a file's path → its conflict copies
	problems []ImportProblem
	temps    []string // hidden .tmp files: writes in progress, or a killed process's
}

// staleVaultTemp is how old a temporary file in a vault must be before a
// sync takes it for a killed write's leftover (a write in progress renames
// its file within milliseconds).
const staleVaultTemp = time.Minute

// removeStaleTemps removes what writes killed midway left in the vault,
// before git or a folder sync copies it to every machine.
func (d vaultDisk) removeStaleTemps(dir string, now time.Time) {
	for _, rel := range d.temps {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if fi, err := os.Lstat(p); err == nil && fi.Mode().IsRegular() && now.Sub(fi.ModTime()) > staleVaultTemp {
			os.Remove(p)
		}
	}
}

// conflictCopyRE matches a conflict copy's name: "2026-11-20.conflict-2.md"
// beside "2026-11-20.md".
var conflictCopyRE = lazyRegexp(`^(.+)\.conflict-[0-9]+\.md$`)

// readVaultDisk reads people/*.md and meetings/*/*.md under dir: regular
// files only, bounded as import reads them; hidden files (editors' swap
// files, temporary files of a write in progress) are passed over.
func readVaultDisk(dir string) (vaultDisk, error) {
	disk := vaultDisk{files: map[string]vaultFile{}, copies: map[string][]string{}}
	readFolder := func(rel string) error {
		entries, err := os.ReadDir(filepath.Join(dir, filepath.FromSlash(rel)))
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("vault %s: %w", dir, err)
		}
		for _, e := range entries {
			name := e.Name()
			frel := rel + "/" + name
			if strings.HasPrefix(name, ".") && strings.HasSuffix(name, ".tmp") && !e.IsDir() {
				disk.temps = append(disk.temps, frel)
				continue
			}
			if strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ".md") || e.IsDir() {
				continue
			}
			if m := conflictCopyRE().FindStringSubmatch(name); m != nil {
				of := rel + "/" + m[1] + ".md"
				disk.copies[of] = append(disk.copies[of], frel)
				continue
			}
			if !e.Type().IsRegular() {
				disk.problems = append(disk.problems, ImportProblem{File: frel, Reason: "not a regular file (a vault never follows links)"})
				continue
			}
			data, reason := readRegular(filepath.Join(dir, filepath.FromSlash(frel)), maxImportFile)
			if reason != "" {
				disk.problems = append(disk.problems, ImportProblem{File: frel, Reason: reason})
				continue
			}
			disk.files[frel] = vaultFile{data: data, sum: sha256.Sum256(data)}
		}
		return nil
	}
	if err := readFolder(peopleFolder); err != nil {
		return disk, err
	}
	folders, err := os.ReadDir(filepath.Join(dir, meetingsFolder))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return disk, fmt.Errorf("vault %s: %w", dir, err)
	}
	for _, f := range folders {
		if f.IsDir() && !strings.HasPrefix(f.Name(), ".") {
			if err := readFolder(meetingsFolder + "/" + f.Name()); err != nil {
				return disk, err
			}
		}
	}
	return disk, nil
}

// hasConflictMarkers reports whether data holds the lines git writes
// around a merge conflict.
func hasConflictMarkers(data []byte) bool {
	return lineStarts(data, "<<<<<<< ") && lineStarts(data, ">>>>>>> ")
}

func lineStarts(data []byte, prefix string) bool {
	return bytes.HasPrefix(data, []byte(prefix)) || bytes.Contains(data, []byte("\n"+prefix))
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

// readVaultNote reads a meeting file of a vault as one meeting (never as
// a running document: the file is one note): person and date from its
// front matter, else from its folder and name; the note as import keeps
// it, with the file's own front matter keys at its top.
func readVaultNote(rel string, data []byte) (ref string, m Meeting, reason string) {
	if !utf8.Valid(data) {
		return "", m, "not UTF-8"
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	fields := map[string]string{}
	body := data
	var own []byte
	if inner, rest, ok := frontMatterBlock(data); ok {
		f, _, err := parseFrontMatter(data)
		if err != nil {
			return "", m, "bad front matter: " + err.Error()
		}
		fields, own, body = f, ownFrontMatter(inner), rest
	}
	ref = fields["person"]
	if strings.TrimSpace(ref) == "" {
		ref = handleOfPath(rel)
	}
	if strings.TrimSpace(ref) == "" {
		return "", m, "no person"
	}
	date, ok := leadingDate(fields["date"])
	if !ok {
		date, ok = dateInName(path.Base(rel))
	}
	if !ok {
		return "", m, "no date"
	}
	tm := fields["time"]
	if len(tm) == 4 && tm[1] == ':' {
		tm = "0" + tm
	}
	if tm != "" && !timeRE().MatchString(tm) {
		return "", m, "bad time"
	}
	return ref, Meeting{Date: date, Time: tm, Note: string(withOwnFrontMatter(own, body))}, ""
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

// writeConflictCopy writes the journal's version of rel beside it as
// <name>.conflict-<n>.md, the first n free, and returns its path; a copy
// that already holds the same text is reused.
func writeConflictCopy(dir, rel string, data []byte) (string, error) {
	stem := strings.TrimSuffix(rel, ".md")
	for n := 1; ; n++ {
		c := fmt.Sprintf("%s.conflict-%d.md", stem, n)
		p := filepath.Join(dir, filepath.FromSlash(c))
		have, exists, err := vaultFileSum(dir, c)
		switch {
		case err != nil:
			return "", err
		case exists && have == sha256.Sum256(data):
			return c, nil
		case exists:
			continue
		}
		if err := privateDirs(dir, path.Dir(c)); err != nil {
			return "", err
		}
		if err := atomicfile.Write(p, data, atomicfile.Options{}); err != nil {
			return "", fmt.Errorf("vault: %w", err)
		}
		return c, nil
	}
}
