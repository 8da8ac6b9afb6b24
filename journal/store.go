package journal

import (
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/oneonone/1on1/internal/atomicfile"
)

// DefaultTimeout is how long Open waits for another process to release the
// journal before it reports ErrLocked: long enough to ride out another
// process's short write, short enough that the whole refusal, process start
// included, comes within a second.
const DefaultTimeout = 500 * time.Millisecond

// Options tune Open.
type Options struct {
	// ReadOnly opens the file for reading only; it must exist. Read-only
	// opens share the file with each other but not with a writer.
	ReadOnly bool
	// Timeout is how long to wait for another process to release the file;
	// zero means DefaultTimeout.
	Timeout time.Duration
	// NoSync skips fsync on commit: only for building throwaway journals
	// (benchmarks, tests), never for a user's journal.
	NoSync bool
}

// Journal is an open journal file. Its methods are safe for concurrent use.
type Journal struct {
	// mu guards db: every transaction holds it shared, and Compact, which
	// swaps the file, holds it alone.
	mu       sync.RWMutex
	db       *bolt.DB
	path     string
	readOnly bool
	timeout  time.Duration
}

// Open opens the journal at path, creating it (mode 0600, in a folder of
// mode 0700) unless opts.ReadOnly is set. It fails with ErrLocked when
// another process has it open, ErrCorrupt when it is not a readable journal
// and ErrSchema when a newer 1on1 wrote it; it never panics on a damaged
// file.
func Open(path string, opts Options) (*Journal, error) {
	if opts.Timeout == 0 {
		opts.Timeout = DefaultTimeout
	}
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if opts.ReadOnly {
			return nil, fmt.Errorf("no journal at %s: create one with '1on1 demo' or '1on1 people add', or use --db: %w", path, ErrNotFound)
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
		return nil, fmt.Errorf("open journal %s: the file is empty (0 bytes), not a journal; move it away or use --db: %w", path, ErrCorrupt)
	}

	db, err := openBolt(path, &bolt.Options{Timeout: opts.Timeout, ReadOnly: opts.ReadOnly, NoSync: opts.NoSync})
	if err != nil {
		return nil, err
	}
	db.AllocSize = growStep
	j := &Journal{db: db, path: path, readOnly: opts.ReadOnly, timeout: opts.Timeout}
	if err := j.checkSchema(); err != nil {
		db.Close()
		return nil, err
	}
	if !opts.ReadOnly {
		if err := j.addBuckets(); err != nil {
			db.Close()
			return nil, err
		}
		writeLockInfo(path)
	}
	return j, nil
}

// openBolt opens the file, turning bbolt's panics and memory faults on a
// damaged file into ErrCorrupt and its bare lock timeout into ErrLocked.
func openBolt(path string, bo *bolt.Options) (db *bolt.DB, err error) {
	// bbolt takes the file lock before it reads the file, and a panic
	// skips its cleanup: keep the file to release the lock, or this process
	// would lock itself out of its own journal ("open in another process").
	var file *os.File
	bo.OpenFile = func(name string, flag int, perm os.FileMode) (*os.File, error) {
		f, err := os.OpenFile(name, flag, perm)
		file = f
		return f, err
	}
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
	switch {
	case err == nil:
		return db, nil
	case errors.Is(err, bolterrors.ErrTimeout):
		return nil, lockedError(path)
	case errors.Is(err, bolterrors.ErrInvalid), errors.Is(err, bolterrors.ErrVersionMismatch),
		errors.Is(err, bolterrors.ErrChecksum), errors.Is(err, bolterrors.ErrInvalidMapping):
		return nil, fmt.Errorf("open journal %s: %w", path, ErrCorrupt)
	case errors.Is(err, os.ErrPermission):
		return nil, fmt.Errorf("open journal %s: permission denied: %w", path, err)
	default:
		// bbolt reports some damage as plain errors ("file size too small").
		return nil, fmt.Errorf("open journal %s: %v: %w", path, err, ErrCorrupt)
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

func (j *Journal) checkSchema() error {
	return j.view(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			return fmt.Errorf("open journal %s: not a 1on1 journal (no meta bucket): %w", j.path, ErrCorrupt)
		}
		v := meta.Get(keySchema)
		if len(v) != 4 {
			return fmt.Errorf("open journal %s: schema version missing: %w", j.path, ErrCorrupt)
		}
		ver := uint32(v[0])<<24 | uint32(v[1])<<16 | uint32(v[2])<<8 | uint32(v[3])
		if ver > SchemaVersion {
			return fmt.Errorf("open journal %s (schema %d, this 1on1 reads up to %d): %w", j.path, ver, SchemaVersion, ErrSchema)
		}
		for _, b := range allBuckets {
			if tx.Bucket(b) == nil && !isAddedBucket(b) {
				return fmt.Errorf("open journal %s: bucket %s missing: %w", j.path, b, ErrCorrupt)
			}
		}
		return nil
	})
}

// addBuckets creates the addedBuckets a journal made before them lacks,
// so that every write finds its bucket.
func (j *Journal) addBuckets() error {
	missing := false
	_ = j.db.View(func(tx *bolt.Tx) error {
		for _, b := range addedBuckets {
			missing = missing || tx.Bucket(b) == nil
		}
		return nil
	})
	if !missing {
		return nil
	}
	err := j.db.Update(func(tx *bolt.Tx) error {
		for _, b := range addedBuckets {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("open journal %s: add buckets: %w", j.path, err)
	}
	return nil
}

// Path returns the journal's file name.
func (j *Journal) Path() string { return j.path }

// Close closes the file. A journal is unusable after Close.
func (j *Journal) Close() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if !j.readOnly {
		removeLockInfo(j.path)
	}
	return j.db.Close()
}

// view runs fn in a read transaction; a panic inside bbolt on a damaged
// page becomes ErrCorrupt instead of a crash.
func (j *Journal) view(fn func(tx *bolt.Tx) error) (err error) {
	j.mu.RLock()
	defer j.mu.RUnlock()
	return j.viewLocked(fn)
}

// viewLocked is view for a caller that holds mu.
func (j *Journal) viewLocked(fn func(tx *bolt.Tx) error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("read journal %s: %w", j.path, ErrCorrupt)
		}
	}()
	return j.db.View(fn)
}

// update runs fn in one write transaction: all of it is stored, or none.
func (j *Journal) update(fn func(tx *bolt.Tx) error) (err error) {
	if j.readOnly {
		return fmt.Errorf("journal %s is open read-only: %w", j.path, ErrInvalid)
	}
	j.mu.RLock()
	defer j.mu.RUnlock()
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("write journal %s: %w", j.path, ErrCorrupt)
		}
	}()
	return j.db.Update(fn)
}

// lockInfoPath names the file where the writer leaves its pid, so that a
// second process can say who holds the journal.
func lockInfoPath(path string) string { return path + ".pid" }

func writeLockInfo(path string) {
	// Best effort: the pid only improves an error message.
	_ = os.WriteFile(lockInfoPath(path), []byte(strconv.Itoa(os.Getpid())), 0o600)
}

func removeLockInfo(path string) {
	b, err := os.ReadFile(lockInfoPath(path))
	if err == nil && strings.TrimSpace(string(b)) == strconv.Itoa(os.Getpid()) {
		os.Remove(lockInfoPath(path))
	}
}

// LockedError says that another process holds the journal. It matches
// ErrLocked with errors.Is.
type LockedError struct {
	Path string
	PID  int // 0 when unknown
}

// Error says who holds the journal and what to do.
func (e *LockedError) Error() string {
	if e.PID > 0 {
		return fmt.Sprintf("journal %s is open in another process (pid %d); close it or use --db", e.Path, e.PID)
	}
	return fmt.Sprintf("journal %s is open in another process; close it or use --db", e.Path)
}

// Is makes errors.Is(err, ErrLocked) true.
func (e *LockedError) Is(target error) bool { return target == ErrLocked }

func lockedError(path string) error {
	e := &LockedError{Path: path}
	if b, err := os.ReadFile(lockInfoPath(path)); err == nil {
		if pid, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil && pid > 0 && processAlive(pid) {
			e.PID = pid
		}
	}
	return e
}

// processAlive reports whether a process with that pid exists. A writer
// killed with SIGKILL leaves its pid file behind; a reader holding the lock
// afterwards must not be reported as that dead writer.
func processAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, syscall.EPERM)
}
