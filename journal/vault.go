package journal

// A vault is a folder the journal mirrors itself into, in the export's
// layout (export.go), so that other tools (an editor, Obsidian, git, a
// folder sync) can read and change the notes (SPEC 4.7). The journal stays
// the store the app and the verbs use; the folder is a second copy, kept
// equal to it in both directions:
//
//   - write-through: every write that changes a person's notes, fields or
//     queue marks that person in the same transaction (touchVault); after
//     the commit the marked people's files are written (flushVault), and
//     the mark is cleared only once they are. A process killed between the
//     commit and the file write leaves the mark, and the next flush or
//     SyncVault writes the files: a save is never lost to the folder.
//   - read-back: SyncVault compares three things per file: what the
//     journal would write now, what the folder holds, and the SHA-256 of
//     what was last written or read there (the base). Who changed a file
//     is then plain: the journal (write it), the folder (take it in), or
//     both (a conflict: the file is kept and the journal's version is
//     written beside it).
//
// The vault's state lives in the meta bucket, under keys of their own
// (keyVaultDir, keyVaultFile, keyVaultDirty), not in a bucket of its own:
// the meta bucket is in every journal ever made, so no schema upgrade is
// needed, an older 1on1 still opens the journal (its writes are not
// mirrored, and the next SyncVault sees them as the journal's changes),
// and Compact and Backup carry the state as they carry the rest of meta.

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/oneonone/1on1/internal/atomicfile"
)

var (
	// keyVaultDir: the vault's folder, an absolute path; absent when the
	// journal has no vault.
	keyVaultDir = []byte("vault_dir")
	// keyVaultFile 0x00 <path in the vault, with '/'> → the SHA-256 of the
	// file as last written or read there: the base of a three-way compare.
	keyVaultFile = []byte("vault_file")
	// keyVaultDirty 0x00 <handle> → 1: a commit changed this person's
	// files and they are not yet written.
	keyVaultDirty = []byte("vault_dirty")
)

// vaultMarker is the file that marks a folder as a vault and carries the
// journal's block id salt to the journals that adopt it, so that two
// machines stamping the same new note stamp the same ids. Hidden: import
// and the vault's own scan pass over it.
const vaultMarker = ".1on1-vault"

// ErrNoVault is returned by the vault's methods when the journal has no
// vault. It matches ErrNotFound.
var ErrNoVault = fmt.Errorf("the journal has no vault: %w", ErrNotFound)

// vaultDirOf returns the vault folder recorded in the journal, "" for none.
func vaultDirOf(tx *bolt.Tx) string {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		return ""
	}
	return string(meta.Get(keyVaultDir))
}

// touchVault marks the people whose vault files a write changes, in the
// write's transaction; without a vault it does nothing. Every write that
// changes a note, a person or a queue calls it: storeMeeting, the people
// and queue writes, import.
func touchVault(tx *bolt.Tx, handles ...string) error {
	meta := tx.Bucket(bucketMeta)
	if meta == nil || meta.Get(keyVaultDir) == nil {
		return nil
	}
	for _, h := range handles {
		if h == "" {
			continue
		}
		if err := meta.Put(joinKey(keyVaultDirty, []byte(h)), []byte{1}); err != nil {
			return err
		}
	}
	return nil
}

// vaultPending reports whether people wait for their files to be written.
func vaultPending(tx *bolt.Tx) bool {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		return false
	}
	k, _ := meta.Cursor().Seek(prefixKey(keyVaultDirty))
	return k != nil && bytes.HasPrefix(k, prefixKey(keyVaultDirty))
}

// vaultDirty returns the people waiting for their files.
func vaultDirty(tx *bolt.Tx) []string {
	var out []string
	prefix := prefixKey(keyVaultDirty)
	c := tx.Bucket(bucketMeta).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		out = append(out, string(k[len(prefix):]))
	}
	return out
}

func baseOf(tx *bolt.Tx, rel string) ([32]byte, bool) {
	var sum [32]byte
	v := tx.Bucket(bucketMeta).Get(joinKey(keyVaultFile, []byte(rel)))
	if len(v) != len(sum) {
		return sum, false
	}
	copy(sum[:], v)
	return sum, true
}

func setBase(tx *bolt.Tx, rel string, sum [32]byte) error {
	if have, ok := baseOf(tx, rel); ok && have == sum {
		return nil
	}
	return tx.Bucket(bucketMeta).Put(joinKey(keyVaultFile, []byte(rel)), sum[:])
}

func dropBase(tx *bolt.Tx, rel string) error {
	return tx.Bucket(bucketMeta).Delete(joinKey(keyVaultFile, []byte(rel)))
}

// basesUnder returns the bases of the files whose path starts with prefix.
func basesUnder(tx *bolt.Tx, prefix string) map[string][32]byte {
	out := map[string][32]byte{}
	p := joinKey(keyVaultFile, []byte(prefix))
	c := tx.Bucket(bucketMeta).Cursor()
	for k, v := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, v = c.Next() {
		if len(v) == 32 {
			var sum [32]byte
			copy(sum[:], v)
			out[string(k[len(prefixKey(keyVaultFile)):])] = sum
		}
	}
	return out
}

// personPrefixes are the path prefixes of a person's files in a vault.
func personPrefixes(handle string) []string {
	return []string{peopleFolder + "/" + handle + ".md", meetingsFolder + "/" + handle + "/"}
}

// handleOfPath returns whose folder or file a vault path is in:
// "alice" for people/alice.md and meetings/alice/2026-11-20.md.
func handleOfPath(rel string) string {
	parts := strings.Split(rel, "/")
	switch {
	case len(parts) == 2 && parts[0] == peopleFolder:
		return strings.TrimSuffix(parts[1], ".md")
	case len(parts) == 3 && parts[0] == meetingsFolder:
		return parts[1]
	}
	return ""
}

// VaultDir returns the folder the journal mirrors itself into, "" when it
// has no vault.
func (j *Journal) VaultDir() (string, error) {
	var dir string
	err := j.view(func(tx *bolt.Tx) error {
		dir = vaultDirOf(tx)
		return nil
	})
	return dir, err
}

// VaultWriteError returns why the files of the last write could not all
// be written to the vault, nil when they were (or there is no vault). The
// write itself is stored; the next write or SyncVault writes the files.
func (j *Journal) VaultWriteError() error {
	j.vaultMu.Lock()
	defer j.vaultMu.Unlock()
	return j.vaultErr
}

// writeThrough writes the files a commit changed: update calls it after
// every commit that left people waiting for their files.
func (j *Journal) writeThrough() {
	if j.beforeVaultWrite != nil {
		j.beforeVaultWrite() // a test's kill point
	}
	err := j.flushVault()
	j.vaultMu.Lock()
	j.vaultErr = err
	j.vaultMu.Unlock()
	if err != nil && j.vaultError != nil {
		j.vaultError(err)
	}
}

// VaultUnwrittenError says which vault files a write could not write, and
// why; the journal holds the change, and the files are written by the next
// write or SyncVault.
type VaultUnwrittenError struct {
	Dir     string
	Files   []string // paths in the vault, with '/'
	Changed []string // of Files, those changed in the folder since: SyncVault decides
	Err     error    // the first failure of a write, nil when only Changed
}

// Error says how many files were not written and why.
func (e *VaultUnwrittenError) Error() string {
	var parts []string
	if n := len(e.Files) - len(e.Changed); n > 0 {
		parts = append(parts, fmt.Sprintf("%d %s could not be written (%v)", n, plural(n, "file"), e.Err))
	}
	if len(e.Changed) > 0 {
		parts = append(parts, fmt.Sprintf("%d %s changed in the folder meanwhile (%s)", len(e.Changed), plural(len(e.Changed), "file"), strings.Join(firstFew(e.Changed), ", ")))
	}
	return fmt.Sprintf("vault %s: %s; the journal holds the change", e.Dir, strings.Join(parts, "; "))
}

// Unwrap returns the write failure.
func (e *VaultUnwrittenError) Unwrap() error { return e.Err }

func firstFew(names []string) []string {
	if len(names) > 3 {
		return append(append([]string{}, names[:3]...), fmt.Sprintf("and %d more", len(names)-3))
	}
	return names
}

// flushVault writes the files of the people marked by touchVault: a file
// the folder still holds as last written (or does not hold) is replaced
// by the journal's version; a file changed in the folder meanwhile is left
// for SyncVault, which sees both changes. Files of meetings the journal no
// longer has are removed when unchanged. A person's mark is cleared once
// all their files agree. It runs in a write transaction, so that no other
// writer's flush interleaves with this one.
func (j *Journal) flushVault() error {
	var fail *VaultUnwrittenError
	err := j.commit(func(tx *bolt.Tx) error {
		fail = nil
		dir := vaultDirOf(tx)
		if dir == "" {
			return nil
		}
		meta := tx.Bucket(bucketMeta)
		for _, h := range vaultDirty(tx) {
			unwritten, changed, werr, err := flushPerson(tx, dir, h)
			if err != nil {
				return err
			}
			if len(unwritten) > 0 {
				if fail == nil {
					fail = &VaultUnwrittenError{Dir: dir}
				}
				fail.Files = append(fail.Files, unwritten...)
				fail.Changed = append(fail.Changed, changed...)
				if fail.Err == nil {
					fail.Err = werr
				}
				continue
			}
			if err := meta.Delete(joinKey(keyVaultDirty, []byte(h))); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("vault: %w", err)
	}
	if fail != nil {
		return fail
	}
	return nil
}

// flushPerson writes one person's files; it returns those it could not
// write, those of them changed in the folder, and the first write error.
func flushPerson(tx *bolt.Tx, dir, handle string) (unwritten, changed []string, werr error, err error) {
	bases := map[string][32]byte{}
	for _, p := range personPrefixes(handle) {
		for rel, sum := range basesUnder(tx, p) {
			bases[rel] = sum
		}
	}
	fail := func(rel string, e error) {
		unwritten = append(unwritten, rel)
		if e == nil {
			changed = append(changed, rel)
		} else if werr == nil {
			werr = e
		}
	}
	rendered := map[string]bool{}
	err = personEntries(tx, handle, func(e exportEntry) error {
		rendered[e.rel] = true
		sum := sha256.Sum256(e.data)
		base, known := bases[e.rel]
		if known && base == sum {
			return nil // the journal did not change it
		}
		have, exists, rerr := vaultFileSum(dir, e.rel)
		switch {
		case rerr != nil:
			fail(e.rel, rerr)
			return nil
		case exists && have == sum:
		case !exists && !known, exists && known && have == base, !exists && known:
			// Free, or as last written: the journal's change goes there.
			// (A file deleted in the folder while the journal changed it
			// comes back: the change is worth more than the deletion.)
			if werr := writeVaultFile(dir, e.rel, e.data); werr != nil {
				fail(e.rel, werr)
				return nil
			}
		default:
			fail(e.rel, nil)
			return nil
		}
		return setBase(tx, e.rel, sum)
	})
	if err != nil {
		return nil, nil, nil, err
	}
	for rel, base := range bases {
		if rendered[rel] {
			continue
		}
		have, exists, rerr := vaultFileSum(dir, rel)
		switch {
		case rerr != nil:
			fail(rel, rerr)
			continue
		case exists && have != base:
			fail(rel, nil) // changed in the folder: SyncVault takes it in
			continue
		case exists:
			if rerr := os.Remove(filepath.Join(dir, filepath.FromSlash(rel))); rerr != nil && !errors.Is(rerr, fs.ErrNotExist) {
				fail(rel, rerr)
				continue
			}
		}
		if err := dropBase(tx, rel); err != nil {
			return nil, nil, nil, err
		}
	}
	return unwritten, changed, werr, nil
}

// vaultFileSum returns the SHA-256 of the regular file at rel in dir, and
// whether there is one; a link or special file there is an error.
func vaultFileSum(dir, rel string) (sum [32]byte, exists bool, err error) {
	p := filepath.Join(dir, filepath.FromSlash(rel))
	fi, err := os.Lstat(p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return sum, false, nil
	case err != nil:
		return sum, false, err
	case !fi.Mode().IsRegular():
		return sum, false, fmt.Errorf("%s is not a regular file: %w", rel, ErrInvalid)
	}
	sum, err = sumOfFile(p)
	return sum, err == nil, err
}

// writeVaultFile writes one file of the vault atomically (mode 0600),
// making its folders (0700) and refusing links on the way.
func writeVaultFile(dir, rel string, data []byte) error {
	if err := privateDirs(dir, path.Dir(rel)); err != nil {
		return err
	}
	return atomicfile.Write(filepath.Join(dir, filepath.FromSlash(rel)), data, atomicfile.Options{})
}

// InitVault makes dir the journal's vault: the journal is mirrored there
// in the export layout, and every later write also writes its files. A
// folder that already holds notes in that layout (another machine's vault,
// cloned) is adopted into a journal that holds no meetings yet: its people
// and notes are taken in (SyncVault), and its block id salt becomes the
// journal's, so both journals stamp the same ids into the same new note.
// A folder with notes and a journal with meetings is refused with
// ErrExists (that is an import, not a vault), unless the folder's marker
// carries the journal's own salt (its vault before VaultOff, or a journal
// that adopted it). dir may not exist yet.
func (j *Journal) InitVault(dir string, opt VaultSyncOptions) (VaultReport, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return VaultReport{}, fmt.Errorf("vault %s: %w", dir, err)
	}
	if fi, err := os.Stat(abs); err == nil && !fi.IsDir() {
		return VaultReport{}, fmt.Errorf("vault %s: it is a file, not a folder: %w", abs, ErrInvalid)
	}
	if err := privateDir(abs); err != nil {
		return VaultReport{}, err
	}
	disk, err := readVaultDisk(abs)
	if err != nil {
		return VaultReport{}, err
	}
	salt, err := readVaultSalt(abs)
	if err != nil {
		return VaultReport{}, err
	}
	err = j.update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if cur := vaultDirOf(tx); cur != "" {
			if cur == abs {
				return nil // again: a sync
			}
			return fmt.Errorf("vault %s: the journal already mirrors itself into %s (1on1 vault off first): %w", abs, cur, ErrExists)
		}
		empty := tx.Bucket(bucketMeetings).Stats().KeyN == 0
		ours := salt != nil && bytes.Equal(salt, meta.Get(keyIDSalt))
		if len(disk.files) > 0 && !empty && !ours {
			return fmt.Errorf("vault %s: the folder holds notes and the journal holds meetings; a vault is adopted only by a journal without meetings (import the folder instead, or use an empty folder): %w", abs, ErrExists)
		}
		opt.adopt = empty && len(disk.files) > 0
		if salt != nil && empty && queueEmpty(tx) {
			if err := meta.Put(keyIDSalt, salt); err != nil {
				return err
			}
		}
		// Files with no base: a folder file equal to the journal's is in
		// sync, any other is new to the journal.
		return meta.Put(keyVaultDir, []byte(abs))
	})
	if err != nil {
		return VaultReport{}, err
	}
	if salt == nil {
		if err := j.writeVaultMarker(abs); err != nil {
			return VaultReport{}, err
		}
		if err := writeVaultIgnore(abs); err != nil {
			return VaultReport{}, err
		}
	}
	return j.SyncVault(opt)
}

// queueEmpty reports whether no topic or feedback was ever queued: queue
// ids derive from the salt too.
func queueEmpty(tx *bolt.Tx) bool {
	b := tx.Bucket(bucketQueue)
	return b == nil || b.Stats().KeyN == 0
}

// readVaultSalt returns the salt a vault's marker carries, nil when there
// is no marker.
func readVaultSalt(dir string) ([]byte, error) {
	p := filepath.Join(dir, vaultMarker)
	if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	data, reason := readRegular(p, 4096)
	if reason != "" {
		return nil, fmt.Errorf("vault %s: %s is %s: %w", dir, vaultMarker, reason, ErrInvalid)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "id_salt:"); ok {
			salt, err := hex.DecodeString(strings.TrimSpace(v))
			if err != nil || len(salt) == 0 {
				break
			}
			return salt, nil
		}
	}
	return nil, fmt.Errorf("vault %s: %s holds no id_salt line: %w", dir, vaultMarker, ErrInvalid)
}

// writeVaultMarker writes the marker with the journal's salt.
func (j *Journal) writeVaultMarker(dir string) error {
	var salt []byte
	err := j.view(func(tx *bolt.Tx) error {
		salt = bytes.Clone(tx.Bucket(bucketMeta).Get(keyIDSalt))
		return nil
	})
	if err != nil {
		return err
	}
	if len(salt) == 0 {
		// A journal from before the salt: the vault gets one, and so do
		// the journals that adopt it.
		salt = make([]byte, 8)
		if _, err := rand.Read(salt); err != nil {
			return err
		}
	}
	text := "# This folder is a 1on1 vault (1on1 vault init). Keep this file: journals\n" +
		"# that adopt the folder take its salt, so they stamp the same block ids.\n" +
		"id_salt: " + hex.EncodeToString(salt) + "\n"
	if err := atomicfile.Write(filepath.Join(dir, vaultMarker), []byte(text), atomicfile.Options{}); err != nil {
		return fmt.Errorf("vault: %w", err)
	}
	return nil
}

// writeVaultIgnore writes a .gitignore that keeps the temporary files of
// writes in progress out of git, unless the folder has one (the user's).
func writeVaultIgnore(dir string) error {
	p := filepath.Join(dir, ".gitignore")
	if _, err := os.Lstat(p); !errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	text := "# Written by 1on1 vault init: temporary files of a write in progress.\n.*.tmp\n"
	if err := atomicfile.Write(p, []byte(text), atomicfile.Options{}); err != nil {
		return fmt.Errorf("vault: %w", err)
	}
	return nil
}

// VaultOff stops mirroring the journal: the files stay in the folder, and
// the journal forgets the folder and what it wrote there.
func (j *Journal) VaultOff() (string, error) {
	var dir string
	err := j.update(func(tx *bolt.Tx) error {
		dir = vaultDirOf(tx)
		if dir == "" {
			return ErrNoVault
		}
		meta := tx.Bucket(bucketMeta)
		var keys [][]byte
		for _, prefix := range [][]byte{prefixKey(keyVaultFile), prefixKey(keyVaultDirty)} {
			c := meta.Cursor()
			for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
				keys = append(keys, bytes.Clone(k))
			}
		}
		keys = append(keys, keyVaultDir)
		for _, k := range keys {
			if err := meta.Delete(k); err != nil {
				return err
			}
		}
		return nil
	})
	return dir, err
}
