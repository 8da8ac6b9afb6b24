package journal

import (
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/oneonone/1on1/internal/atomicfile"
)

// DefaultTimeout is how long one transaction waits for other processes'
// transactions before it gives up with ErrLocked. The journal is held only
// for the length of a transaction, so a wait this long means a process is
// stuck, or an import or repair of a large journal is running.
const DefaultTimeout = 30 * time.Second

// Options tune Open.
type Options struct {
	// ReadOnly opens the file for reading only; it must exist. Read-only
	// opens share the file with each other but not with a writer. A
	// read-only Journal keeps the file Open checked for its first read,
	// so a writer waits for that read or Close: read soon after Open.
	ReadOnly bool
	// Timeout is how long one transaction waits for other processes to
	// finish theirs; zero means DefaultTimeout.
	Timeout time.Duration
	// NoSync skips fsync on commit: only for building throwaway journals
	// (benchmarks, tests), never for a user's journal.
	NoSync bool
	// Waiting, when set, is called once in a transaction that has waited
	// WaitNotice for another process, with that process's pid (0 when it
	// cannot be known), so that a client can say why it pauses. It is
	// called on the waiting goroutine.
	Waiting func(pid int)
	// VaultError, when set, is called after a commit whose files could
	// not all be written to the vault (see VaultWriteError), on the
	// writing goroutine. The commit itself stands.
	VaultError func(error)
}

// Journal is an open journal file. Its methods are safe for concurrent use,
// also by other processes: the file is opened and locked for the length of
// each transaction only (see lock.go), so an app may stay open beside
// commands that read and write the same journal.
type Journal struct {
	// mu orders this Journal's transactions as the file lock orders
	// processes: a write alone, reads together. It also guards closed.
	mu       sync.RWMutex
	closed   bool
	path     string
	readOnly bool
	noSync   bool
	timeout  time.Duration
	waiting  func(pid int)
	own      ownCommits
	held     atomic.Pointer[heldFile] // see checkSchema

	vaultError func(error)
	vaultMu    sync.Mutex
	vaultErr   error // the last write-through's failure
	// beforeVaultWrite, when set, runs between a commit and its vault
	// files: a test kills the process there.
	beforeVaultWrite func()
}

// Open opens the journal at path, creating it (mode 0600, in a folder of
// mode 0700) unless opts.ReadOnly is set, and checks that it is a journal
// this version can read (and, unless opts.ReadOnly, write). It fails with
// ErrCorrupt when the file is not a readable journal, ErrSchema when a newer
// 1on1 wrote it, and ErrLocked when another process's transaction outlasts
// opts.Timeout; it never panics on a damaged file. Other processes may open
// the same journal at the same time: see Journal.
func Open(path string, opts Options) (*Journal, error) {
	if opts.Timeout == 0 {
		opts.Timeout = DefaultTimeout
	}
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if opts.ReadOnly {
			return nil, fmt.Errorf("no journal at %s: %w", path, ErrNotFound)
		}
		if err := create(path); err != nil {
			return nil, err
		}
	case err != nil:
		return nil, fmt.Errorf("open journal %s: %w", path, err)
	case fi.IsDir():
		return nil, fmt.Errorf("open journal %s: it is a folder, not a journal file: %w", path, ErrCorrupt)
	case fi.Size() == 0:
		// bbolt would silently make a new database of an empty file; an
		// empty file where a journal should be is someone else's, or a
		// journal that lost its contents: either way, not ours to overwrite.
		return nil, fmt.Errorf("open journal %s: the file is empty (0 bytes), not a journal: %w", path, ErrCorrupt)
	}

	j := &Journal{path: path, readOnly: opts.ReadOnly, noSync: opts.NoSync, timeout: opts.Timeout, waiting: opts.Waiting, vaultError: opts.VaultError}
	ver, err := j.checkSchema()
	if err != nil {
		return nil, err
	}
	if ver < SchemaVersion {
		j.releaseHeld()
		if err := j.migrate(); err != nil {
			return nil, err
		}
	}
	return j, nil
}

// migrate brings a journal written by an older 1on1 to SchemaVersion, in
// one transaction: the buckets added since are made, notes stored in an
// older encoding are stored again in the current one (their text
// unchanged), and, from before schema 3, everything derived from the
// notes is rebuilt as Repair does. A read-only journal is migrated too (the file is written
// for that one transaction), so that old journals stay readable by every
// verb. A file whose page structure is damaged is never written: what
// looks like an old journal may be a new one with a damaged page.
func (j *Journal) migrate() error {
	if err := j.structureSound(); err != nil {
		return err
	}
	w := &Journal{path: j.path, noSync: j.noSync, timeout: j.timeout, waiting: j.waiting}
	reencoded := false
	err := w.update(func(tx *bolt.Tx) error {
		from := schemaOf(tx)
		if from >= SchemaVersion {
			return nil // another process upgraded it meanwhile
		}
		reencoded = from < 4
		for _, b := range addedBuckets {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		if err := reencodeNotes(tx); err != nil {
			return err
		}
		if from < 3 { // schema 3's derived data is schema 4's
			if _, err := rebuildDerived(tx); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketMeta).Put(keySchema, schemaBytes(SchemaVersion))
	})
	if err != nil {
		return fmt.Errorf("upgrade journal %s to schema %d: %w", j.path, SchemaVersion, err)
	}
	if reencoded {
		// Every note page was written anew, and bbolt keeps the old ones
		// as free pages: the file grew by half. A compacted copy takes
		// its place. Best effort: the upgrade stands without it (a
		// read-only folder, a full disk), the file is only larger.
		_ = w.Compact()
	}
	return nil
}

// structureSound fails with ErrCorrupt when the file's pages do not form
// sound bbolt trees, as check's first two steps see them.
func (j *Journal) structureSound() error {
	return j.withFile(false, true, func(db *bolt.DB, _ fileID) error {
		st, err := pageStructure(db, j.path)
		if err != nil {
			return fmt.Errorf("open journal %s: %w", j.path, err)
		}
		if !st.sound() {
			return fmt.Errorf("open journal %s: its page structure is damaged (1on1 check says more): %w", j.path, ErrCorrupt)
		}
		return guarded(func() error {
			return db.View(func(tx *bolt.Tx) error {
				// The channel is drained: its goroutine reads pages until
				// it closes, so leaving early would let it read the map
				// after the file is closed (a fault, seen under -race).
				var first error
				for err := range tx.Check() {
					if first == nil {
						first = fmt.Errorf("open journal %s: bbolt's check fails (%v): %w", j.path, err, ErrCorrupt)
					}
				}
				return first
			})
		})
	})
}

// schemaOf returns the schema version a file records, 0 when it has none.
func schemaOf(tx *bolt.Tx) uint32 {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		return 0
	}
	v := meta.Get(keySchema)
	if len(v) != 4 {
		return 0
	}
	return binary.BigEndian.Uint32(v)
}

// openBolt opens the file and waits for its lock as lk says, turning
// bbolt's panics and memory faults on a damaged file into ErrCorrupt. It
// returns the identity of the file it locked, which is the one at path.
func openBolt(path string, bo *bolt.Options, lk lockPolicy) (db *bolt.DB, id fileID, err error) {
	// bbolt takes the file lock before it reads the file, and a panic
	// skips its cleanup: keep the file to release the lock, or this process
	// would lock itself out of its own journal.
	var file *os.File
	bo.OpenFile = func(name string, flag int, perm os.FileMode) (*os.File, error) {
		// Never create: a journal that vanished is an error, not a new
		// empty bbolt file (create makes journals).
		f, fid, err := openLocked(name, flag&^os.O_CREATE, perm, !bo.ReadOnly, lk)
		file, id = f, fid
		return f, err
	}
	// Where the lock is ours (unix), bbolt's own try succeeds at once.
	bo.Timeout = lk.timeout
	bo.NoStatistics = true
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			if file != nil {
				releaseFileLock(file)
				file.Close()
			}
			db, err = nil, fmt.Errorf("open journal %s: %w", path, ErrCorrupt)
		}
	}()
	db, err = bolt.Open(path, 0o600, bo)
	var le *LockedError
	switch {
	case err == nil:
		db.AllocSize = growStep
		return db, id, nil
	case errors.As(err, &le):
		return nil, id, err
	case errors.Is(err, bolterrors.ErrTimeout):
		return nil, id, &LockedError{Path: path, Waited: lk.timeout}
	case errors.Is(err, os.ErrNotExist):
		return nil, id, fmt.Errorf("open journal %s: the file is gone: %w", path, ErrNotFound)
	case errors.Is(err, bolterrors.ErrInvalid), errors.Is(err, bolterrors.ErrVersionMismatch),
		errors.Is(err, bolterrors.ErrChecksum), errors.Is(err, bolterrors.ErrInvalidMapping):
		return nil, id, fmt.Errorf("open journal %s: %w", path, ErrCorrupt)
	case errors.Is(err, os.ErrPermission):
		return nil, id, fmt.Errorf("open journal %s: permission denied: %w", path, err)
	default:
		// bbolt reports some damage as plain errors ("file size too small").
		return nil, id, fmt.Errorf("open journal %s: %v: %w", path, err, ErrCorrupt)
	}
}

// create makes a new journal: built under a temporary name and renamed into
// place, so that a crash never leaves a half-made file at path.
func create(path string) error {
	dir := filepath.Dir(path)
	if err := ensureDir(dir); err != nil {
		return err
	}
	removeStaleTemps(dir)
	tmp, err := os.CreateTemp(dir, ".journal-*.tmp")
	if err != nil {
		return fmt.Errorf("create journal in %s: %w", dir, err)
	}
	tmpPath := tmp.Name()
	tmp.Close()
	os.Remove(tmpPath) // bbolt creates it with the mode we ask for
	defer os.Remove(tmpPath)
	db, err := bolt.Open(tmpPath, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		return fmt.Errorf("create journal %s: %w", path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		meta := tx.Bucket(bucketMeta)
		if err := meta.Put(keySchema, schemaBytes(SchemaVersion)); err != nil {
			return err
		}
		salt := make([]byte, 8)
		if _, err := rand.Read(salt); err != nil {
			return err
		}
		return meta.Put(keyIDSalt, salt)
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmpPath, 0o600)
	}
	if err == nil {
		// Link, not rename: a journal another process made meanwhile wins.
		err = os.Link(tmpPath, path)
		if errors.Is(err, os.ErrExist) {
			err = nil
		}
	}
	if err != nil {
		return fmt.Errorf("create journal %s: %w", path, err)
	}
	return atomicfile.SyncDir(dir)
}

// staleTemp is how old a temporary file of ours must be before it is taken
// for the leftover of a killed process rather than another's work in hand.
const staleTemp = time.Hour

// removeStaleTemps removes what a process killed while creating or
// compacting a journal left in dir. Best effort: they hold no note text.
func removeStaleTemps(dir string) {
	names, _ := filepath.Glob(filepath.Join(dir, ".journal-*.tmp"))
	for _, name := range names {
		if fi, err := os.Stat(name); err == nil && time.Since(fi.ModTime()) > staleTemp {
			os.Remove(name)
		}
	}
}

// ensureDir makes dir with mode 0700 when it does not exist.
func ensureDir(dir string) error {
	if _, err := os.Stat(dir); err == nil {
		return nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create folder %s: %w", dir, err)
	}
	// MkdirAll honours the umask; the journal's folder is private whatever it is.
	return os.Chmod(dir, 0o700)
}

func schemaBytes(v uint32) []byte {
	return []byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}
}

// checkSchema checks the file as it will be used: a journal opened for
// writing is opened for writing here too, so that a file it cannot write
// or whose free-page list is damaged is refused now, not at the first save.
// It returns the file's schema version.
func (j *Journal) checkSchema() (ver uint32, err error) {
	check := func(db *bolt.DB, _ fileID) error {
		err := guarded(func() error {
			return db.View(func(tx *bolt.Tx) error {
				ver = schemaOf(tx)
				return j.checkSchemaTx(tx)
			})
		})
		if errors.Is(err, ErrCorrupt) && !strings.Contains(err.Error(), j.path) {
			err = fmt.Errorf("open journal %s: %w", j.path, ErrCorrupt)
		}
		return err
	}
	if !j.readOnly {
		return ver, j.withFile(true, false, check)
	}
	// A reader keeps the file it checked for its first read: a verb
	// then opens the file once, not twice (about 2 ms of a 10 ms verb).
	// Its shared lock is held until that read, or Close.
	db, id, err := openBolt(j.path, &bolt.Options{ReadOnly: true}, j.lockPolicy())
	if err != nil {
		return 0, err
	}
	if err := check(db, id); err != nil {
		db.Close()
		return ver, err
	}
	j.held.Store(&heldFile{db: db, id: id})
	return ver, nil
}

// heldFile is a file a reader opened and has not read yet.
type heldFile struct {
	db *bolt.DB
	id fileID
}

// releaseHeld closes the file Open kept, if no read has taken it.
func (j *Journal) releaseHeld() {
	if h := j.held.Swap(nil); h != nil {
		h.db.Close()
	}
}

func (j *Journal) checkSchemaTx(tx *bolt.Tx) error {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		return fmt.Errorf("open journal %s: not a 1on1 journal (no meta bucket): %w", j.path, ErrCorrupt)
	}
	v := meta.Get(keySchema)
	if len(v) != 4 {
		return fmt.Errorf("open journal %s: schema version missing: %w", j.path, ErrCorrupt)
	}
	ver := binary.BigEndian.Uint32(v)
	switch {
	case ver > SchemaVersion:
		return fmt.Errorf("open journal %s (schema %d, this 1on1 reads up to %d): %w", j.path, ver, SchemaVersion, ErrSchema)
	case ver == 0:
		// No 1on1 ever wrote schema 0: the number itself is damaged.
		return fmt.Errorf("open journal %s: schema version 0: %w", j.path, ErrCorrupt)
	}
	for _, b := range allBuckets {
		// Only an older journal may lack the buckets added since; in a
		// current one a missing bucket is a damaged page, and making a
		// new one would write into a damaged file.
		if tx.Bucket(b) == nil && (ver == SchemaVersion || !isAddedBucket(b)) {
			return fmt.Errorf("open journal %s: bucket %s missing: %w", j.path, b, ErrCorrupt)
		}
	}
	return nil
}

// Path returns the journal's file name.
func (j *Journal) Path() string { return j.path }
