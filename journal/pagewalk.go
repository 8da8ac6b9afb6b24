package journal

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"io"
	"os"

	bolt "go.etcd.io/bbolt"
)

// pageWalker reads the page structure of a bbolt file with plain reads,
// bounds-checked at every step, before anything follows its pointers
// through the memory map. bbolt trusts its pages: a flipped byte in a page
// header or a branch pointer sends it past the end of the mapping (a memory
// fault), round a loop (a stack overflow) or over garbage — and its own
// Check does that in a goroutine of its own, where no recover reaches.
// Only a file this walk finds sound is handed to bbolt's Check.
//
// The layout read here is bbolt's file format version 2, stable since
// boltdb: a 16-byte page header (id, flags, count, overflow) and 16-byte
// branch and leaf elements, in the machine's byte order.
type pageWalker struct {
	r        io.ReaderAt
	size     int64  // file size
	pageSize uint64 //
	hwm      uint64 // pages in use, from the meta page
	seen     map[uint64]bool
}

const (
	pageHeaderSize  = 16
	pageElementSize = 16
	branchPageFlag  = 0x01
	leafPageFlag    = 0x02
	freelistFlag    = 0x10
	bucketLeafFlag  = 0x01
	boltMagic       = 0xED0CDAED
	boltVersion     = 2
	noFreelist      = ^uint64(0)
	maxTreeDepth    = 64
)

var native = binary.NativeEndian

// fileStructure is what the walk found.
type fileStructure struct {
	problems []string        // damage in the file as a whole
	buckets  map[string]bool // top-level buckets whose pages are sound
	damaged  map[string]string
}

// sound reports whether every page of the file is sound.
// pageStructure walks the pages of the file db has open.
func pageStructure(db *bolt.DB, path string) (fileStructure, error) {
	f, err := os.Open(path)
	if err != nil {
		return fileStructure{}, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fileStructure{}, err
	}
	return walkPages(f, fi.Size(), db.Info().PageSize), nil
}

func (s fileStructure) sound() bool { return len(s.problems) == 0 && len(s.damaged) == 0 }

// walkPages checks the structure of a bbolt file of the given page size.
func walkPages(r io.ReaderAt, size int64, pageSize int) fileStructure {
	fs := fileStructure{buckets: map[string]bool{}, damaged: map[string]string{}}
	w := &pageWalker{r: r, size: size, pageSize: uint64(pageSize), seen: map[uint64]bool{}}
	root, freelist, err := w.meta()
	if err != nil {
		fs.problems = append(fs.problems, err.Error())
		return fs
	}
	if uint64(size) < w.hwm*w.pageSize {
		fs.problems = append(fs.problems, fmt.Sprintf("the file is truncated: it holds %d bytes, its header says %d", size, w.hwm*w.pageSize))
		return fs
	}
	w.seen[0], w.seen[1] = true, true
	if freelist != noFreelist {
		if err := w.freelist(freelist); err != nil {
			fs.problems = append(fs.problems, err.Error())
		}
	}
	err = w.tree(root, 0, func(key, value []byte, isBucket bool) error {
		if !isBucket {
			return fmt.Errorf("a value where only buckets belong")
		}
		if err := w.bucket(value, 1); err != nil {
			fs.damaged[string(key)] = err.Error()
			return nil
		}
		fs.buckets[string(key)] = true
		return nil
	})
	if err != nil {
		fs.problems = append(fs.problems, "the root of the file: "+err.Error())
	}
	return fs
}

// meta reads both meta pages and returns the root page and freelist page of
// the valid one with the higher transaction id, as bbolt does.
func (w *pageWalker) meta() (root, freelist uint64, err error) {
	var bestTx uint64
	found := false
	for i := uint64(0); i < 2; i++ {
		b := make([]byte, 64)
		if _, err := w.r.ReadAt(b, int64(i*w.pageSize+pageHeaderSize)); err != nil {
			continue
		}
		h := fnv.New64a()
		h.Write(b[:56])
		if native.Uint32(b[0:4]) != boltMagic || native.Uint32(b[4:8]) != boltVersion || native.Uint64(b[56:64]) != h.Sum64() {
			continue
		}
		if tx := native.Uint64(b[48:56]); !found || tx > bestTx {
			found, bestTx = true, tx
			root, freelist, w.hwm = native.Uint64(b[16:24]), native.Uint64(b[32:40]), native.Uint64(b[40:48])
		}
	}
	if !found {
		return 0, 0, fmt.Errorf("both meta pages are damaged")
	}
	return root, freelist, nil
}

// page reads page id with its overflow pages, and marks them seen.
func (w *pageWalker) page(id uint64) ([]byte, error) {
	if id < 2 || id >= w.hwm {
		return nil, fmt.Errorf("page %d is out of bounds (%d pages)", id, w.hwm)
	}
	hdr := make([]byte, pageHeaderSize)
	if _, err := w.r.ReadAt(hdr, int64(id*w.pageSize)); err != nil {
		return nil, fmt.Errorf("page %d cannot be read: %v", id, err)
	}
	if got := native.Uint64(hdr[0:8]); got != id {
		return nil, fmt.Errorf("page %d says it is page %d", id, got)
	}
	overflow := uint64(native.Uint32(hdr[12:16]))
	if id+overflow >= w.hwm {
		return nil, fmt.Errorf("page %d runs past the last page", id)
	}
	for k := id; k <= id+overflow; k++ {
		if w.seen[k] {
			return nil, fmt.Errorf("page %d is used twice", k)
		}
		w.seen[k] = true
	}
	p := make([]byte, (overflow+1)*w.pageSize)
	if _, err := w.r.ReadAt(p, int64(id*w.pageSize)); err != nil {
		return nil, fmt.Errorf("page %d cannot be read: %v", id, err)
	}
	return p, nil
}

func (w *pageWalker) freelist(id uint64) error {
	p, err := w.page(id)
	if err != nil {
		return fmt.Errorf("freelist: %v", err)
	}
	if native.Uint16(p[8:10])&freelistFlag == 0 {
		return fmt.Errorf("freelist: page %d is not a freelist page", id)
	}
	n, start := uint64(native.Uint16(p[10:12])), uint64(pageHeaderSize)
	if n == 0xFFFF {
		if len(p) < pageHeaderSize+8 {
			return fmt.Errorf("freelist: page %d is too short", id)
		}
		n, start = native.Uint64(p[pageHeaderSize:]), pageHeaderSize+8
	}
	if n > uint64(len(p)) || start+n*8 > uint64(len(p)) {
		return fmt.Errorf("freelist: page %d lists more pages than it holds", id)
	}
	for i := uint64(0); i < n; i++ {
		if f := native.Uint64(p[start+i*8:]); f < 2 || f >= w.hwm {
			return fmt.Errorf("freelist: page %d names page %d, out of bounds", id, f)
		}
	}
	return nil
}

// bucket walks the pages of a bucket, given its value in the parent.
func (w *pageWalker) bucket(v []byte, depth int) error {
	if len(v) < 16 {
		return fmt.Errorf("a bucket header is cut short")
	}
	nested := func(key, value []byte, isBucket bool) error {
		if isBucket {
			return w.bucket(value, depth+1)
		}
		return nil
	}
	if root := native.Uint64(v[0:8]); root != 0 {
		return w.tree(root, depth, nested)
	}
	// An inline bucket: its one leaf page follows the header.
	inline := v[16:]
	if len(inline) < pageHeaderSize || native.Uint16(inline[8:10])&leafPageFlag == 0 {
		return fmt.Errorf("an inline bucket is damaged")
	}
	return w.leaf(inline, "an inline bucket", nested)
}

// tree walks the branch and leaf pages under page id, calling fn for every
// leaf element.
func (w *pageWalker) tree(id uint64, depth int, fn func(key, value []byte, isBucket bool) error) error {
	if depth > maxTreeDepth {
		return fmt.Errorf("page %d is nested %d deep: the pages loop", id, depth)
	}
	p, err := w.page(id)
	if err != nil {
		return err
	}
	flags, count := native.Uint16(p[8:10]), uint64(native.Uint16(p[10:12]))
	switch {
	case flags&branchPageFlag != 0:
		if count == 0 || pageHeaderSize+count*pageElementSize > uint64(len(p)) {
			return fmt.Errorf("branch page %d holds a bad element count", id)
		}
		for i := uint64(0); i < count; i++ {
			e := p[pageHeaderSize+i*pageElementSize:]
			pos, ksize := uint64(native.Uint32(e[0:4])), uint64(native.Uint32(e[4:8]))
			if pageHeaderSize+i*pageElementSize+pos+ksize > uint64(len(p)) {
				return fmt.Errorf("branch page %d: a key runs past the page", id)
			}
			if err := w.tree(native.Uint64(e[8:16]), depth+1, fn); err != nil {
				return err
			}
		}
		return nil
	case flags&leafPageFlag != 0:
		return w.leaf(p, fmt.Sprintf("leaf page %d", id), fn)
	}
	return fmt.Errorf("page %d is neither a branch nor a leaf page", id)
}

// leaf checks the elements of a leaf page (or an inline bucket's page).
func (w *pageWalker) leaf(p []byte, name string, fn func(key, value []byte, isBucket bool) error) error {
	count := uint64(native.Uint16(p[10:12]))
	if pageHeaderSize+count*pageElementSize > uint64(len(p)) {
		return fmt.Errorf("%s holds a bad element count", name)
	}
	for i := uint64(0); i < count; i++ {
		at := pageHeaderSize + i*pageElementSize
		e := p[at:]
		flags := native.Uint32(e[0:4])
		pos, ksize, vsize := uint64(native.Uint32(e[4:8])), uint64(native.Uint32(e[8:12])), uint64(native.Uint32(e[12:16]))
		if at+pos+ksize+vsize > uint64(len(p)) {
			return fmt.Errorf("%s: a key or value runs past the page", name)
		}
		k := p[at+pos : at+pos+ksize]
		if err := fn(k, p[at+pos+ksize:at+pos+ksize+vsize], flags&bucketLeafFlag != 0); err != nil {
			return err
		}
	}
	return nil
}
