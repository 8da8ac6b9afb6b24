package journal

// How processes share one journal file (SPEC 4.5). bbolt locks its file
// (flock) from Open to Close: one writer, or any number of readers. A
// Journal therefore opens and locks the file for the length of each
// transaction only, and closes it after: an app that stays open all day
// holds the file for the milliseconds of its own reads and saves, and a
// command run beside it waits at most for one of them. A write holds the
// lock alone, so two writers never interleave inside one write; bbolt's
// commit protocol keeps crash safety as it was. Because every transaction
// starts from a fresh open, it sees every commit made before it, by any
// process; Version and ChangedSince tell a client when to reload.
//
// A bbolt handle kept open between transactions cannot see another
// process's writes safely: its free-page list lives in memory, so its next
// write would reuse pages the other process filled. Hence a fresh open.

import (
	"fmt"
	"os"
	"runtime/debug"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
)

// WaitNotice is how long a transaction waits for another process before
// Options.Waiting is called.
const WaitNotice = time.Second

// lockPollMax bounds the sleep between two tries of a busy file lock: a
// waiter starts at 1 ms and doubles up to it, so a short write elsewhere
// costs a waiter little more than the write.
const lockPollMax = 16 * time.Millisecond

// lockPolicy is how long a transaction waits for the file and whom it tells.
type lockPolicy struct {
	timeout time.Duration
	waiting func(pid int)
}

func (j *Journal) lockPolicy() lockPolicy {
	return lockPolicy{timeout: j.timeout, waiting: j.waiting}
}

// openLocked opens the file at name and locks it, shared or alone, waiting
// as lk says. The file locked is the one at name when the lock is taken:
// Compact renames a new file over the journal while others wait for the
// old one, and a waiter that got the old one tries again on the new.
func openLocked(name string, flag int, perm os.FileMode, exclusive bool, lk lockPolicy) (*os.File, fileID, error) {
	start := time.Now()
	told := false
	sleep := time.Millisecond
	for {
		f, err := os.OpenFile(name, flag, perm)
		if err != nil {
			return nil, fileID{}, err
		}
		for {
			ok, err := tryLock(f, exclusive)
			if err != nil {
				f.Close()
				return nil, fileID{}, fmt.Errorf("lock %s: %w", name, err)
			}
			if ok {
				break
			}
			waited := time.Since(start)
			if waited >= lk.timeout {
				pid := lockHolder(f)
				f.Close()
				return nil, fileID{}, &LockedError{Path: name, PID: pid, Waited: lk.timeout}
			}
			if !told && waited >= WaitNotice && lk.waiting != nil {
				told = true
				lk.waiting(lockHolder(f))
			}
			time.Sleep(sleep)
			sleep = min(2*sleep, lockPollMax)
		}
		fi, err := f.Stat()
		if err != nil {
			f.Close()
			return nil, fileID{}, err
		}
		now, err := os.Stat(name)
		if err == nil && os.SameFile(fi, now) {
			return f, fileIdentity(fi), nil
		}
		f.Close() // releases the lock on the replaced file
		if err != nil {
			return nil, fileID{}, err
		}
	}
}

// withFile opens the journal's file for one transaction or check — shared
// to read, alone to write — runs fn and closes the file. The caller holds
// j.mu as the transaction needs it.
func (j *Journal) withFile(write, preloadFreelist bool, fn func(db *bolt.DB, id fileID) error) error {
	if j.closed {
		return fmt.Errorf("journal %s is closed: %w", j.path, ErrInvalid)
	}
	if !write && !preloadFreelist {
		if h := j.held.Swap(nil); h != nil {
			defer h.db.Close()
			return fn(h.db, h.id)
		}
	}
	db, id, err := openBolt(j.path, &bolt.Options{ReadOnly: !write, NoSync: j.noSync, PreLoadFreelist: preloadFreelist}, j.lockPolicy())
	if err != nil {
		return err
	}
	defer db.Close()
	return fn(db, id)
}

// view runs fn in a read transaction; a panic inside bbolt on a damaged
// page becomes ErrCorrupt instead of a crash.
func (j *Journal) view(fn func(tx *bolt.Tx) error) error {
	return j.viewFile(func(_ fileID, tx *bolt.Tx) error { return fn(tx) })
}

// viewFile is view that also tells fn which file it reads.
func (j *Journal) viewFile(fn func(id fileID, tx *bolt.Tx) error) error {
	j.mu.RLock()
	defer j.mu.RUnlock()
	return j.withFile(false, false, func(db *bolt.DB, id fileID) error {
		return readGuard(j.path, func() error {
			return db.View(func(tx *bolt.Tx) error { return fn(id, tx) })
		})
	})
}

// readGuard turns a panic or memory fault while reading into ErrCorrupt.
func readGuard(path string, fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("read journal %s: %w", path, ErrCorrupt)
		}
	}()
	return fn()
}

// update runs fn in one write transaction: all of it is stored, or none.
// When the journal has a vault and fn changed what it mirrors, the files
// are written after the commit (writeThrough, vault.go).
func (j *Journal) update(fn func(tx *bolt.Tx) error) error {
	pending := false
	err := j.commit(func(tx *bolt.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		pending = vaultPending(tx)
		return nil
	})
	if err == nil && pending {
		j.writeThrough()
	}
	return err
}

// commit runs fn in one write transaction.
func (j *Journal) commit(fn func(tx *bolt.Tx) error) (err error) {
	if j.readOnly {
		return fmt.Errorf("journal %s is open read-only: %w", j.path, ErrInvalid)
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.withFile(true, false, func(db *bolt.DB, id fileID) (err error) {
		defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("write journal %s: %w", j.path, ErrCorrupt)
			}
		}()
		var txid uint64
		err = db.Update(func(tx *bolt.Tx) error {
			if err := fn(tx); err != nil {
				return err
			}
			txid = uint64(tx.ID())
			return nil
		})
		if err == nil {
			// A writable transaction's id is the last commit's plus one.
			j.own.add(Version{id, txid - 1}, Version{id, txid})
		}
		return err
	})
}

// Close ends the use of the journal; its methods fail after Close. It
// waits for transactions in flight. The file is not held between
// transactions, so there is nothing else to release.
func (j *Journal) Close() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.closed = true
	j.releaseHeld()
	return nil
}

// Version identifies one state of the journal file: it changes with every
// commit, by this process or another, and when the file is replaced
// (Compact, a restored backup). Versions are compared with ==.
type Version struct {
	file fileID
	tx   uint64 // bbolt's id of the last committed transaction
}

// Version returns the journal's current version.
func (j *Journal) Version() (Version, error) {
	var v Version
	err := j.viewFile(func(id fileID, tx *bolt.Tx) error {
		v = Version{id, uint64(tx.ID())}
		return nil
	})
	return v, err
}

// ChangedSince returns the journal's current version and whether anyone
// but this Journal — another process, or another Journal on the same file
// — committed since since. An app polls it to show what commands run
// beside it changed; its own saves do not count.
func (j *Journal) ChangedSince(since Version) (Version, bool, error) {
	now, err := j.Version()
	if err != nil {
		return since, false, err
	}
	return now, j.own.follow(since) != now, nil
}

// ownKept is how many of its own commits a Journal remembers for
// ChangedSince: far more than commit between two polls of an app.
const ownKept = 256

// ownCommits remembers the versions this Journal's own commits went from
// and to.
type ownCommits struct {
	mu    sync.Mutex
	steps map[Version]Version
	order []Version
}

func (o *ownCommits) add(from, to Version) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.steps == nil {
		o.steps = map[Version]Version{}
	}
	if len(o.order) == ownKept {
		delete(o.steps, o.order[0])
		o.order = o.order[1:]
	}
	o.steps[from] = to
	o.order = append(o.order, from)
}

// follow returns the version v leads to through own commits alone.
func (o *ownCommits) follow(v Version) Version {
	o.mu.Lock()
	defer o.mu.Unlock()
	for range len(o.steps) + 1 {
		next, ok := o.steps[v]
		if !ok {
			break
		}
		v = next
	}
	return v
}

// LockedError says that another process held the journal for longer than
// a transaction was willing to wait. It matches ErrLocked with errors.Is.
type LockedError struct {
	Path   string
	PID    int           // the holder, 0 when unknown
	Waited time.Duration // how long the transaction waited
}

// Error says who held the journal and for how long it was waited for.
func (e *LockedError) Error() string {
	who := "another process"
	if e.PID > 0 {
		who = fmt.Sprintf("another process (pid %d)", e.PID)
	}
	return fmt.Sprintf("journal %s is in use by %s; gave up waiting after %s", e.Path, who, e.Waited.Round(time.Millisecond))
}

// Is makes errors.Is(err, ErrLocked) true.
func (e *LockedError) Is(target error) bool { return target == ErrLocked }
