package journal

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"
	"unsafe"

	bolt "go.etcd.io/bbolt"

	"github.com/oneonone/1on1/internal/s2enc"
)

// Notes are stored compressed: the journal file should stay within twice
// the size of the notes it holds. A stored note starts with its encoding
// byte; each encoding's dictionary is part of the format and never
// changes.
//
// New notes are stored noteS2V1: S2 (an LZ77 without entropy coding, from
// github.com/klauspost/compress; our copy of its encoder in
// internal/s2enc, our decoder in s2decode.go) with a preset dictionary. A search that
// prints every match decompresses thousands of notes, and for notes of
// about a kilobyte DEFLATE spends most of its time building Huffman
// tables: S2 decodes the same notes about 5× faster, and stores them at
// about 1.8 of their size where DEFLATE reached 2 (issue 16).
// noteDeflateV1 notes, written before schema 4, are still read; opening
// such a journal re-encodes them (migrate).

const (
	noteRaw       = 0 // the note's bytes as they are
	noteDeflateV1 = 1 // DEFLATE with noteDictV1; read only, written before schema 4
	noteS2V1      = 2 // an S2 block with noteDictS2V1
)

// minCompress: shorter notes are stored raw; compression cannot pay off.
const minCompress = 96

// noteDictV1 is noteDeflateV1's preset dictionary.
var noteDictV1 = []byte("## Feedback\n- given: \n- received: \n## Wins\n- \n## Follow-ups\n- [ ] follow-up: \n" +
	"## Notes\n\n## My commitments\n- [ ] me: \n- [x] \n- [-] \n- [~] \n's commitments\n- [ ] them: \n" +
	" by friday by tomorrow by next week by end of month due:2026- done:2026- ✅ 📅 " +
	"# 1:1 with  — \nthe and to of for with on in that this we will about next week team project review plan " +
	"feedback career growth goals roadmap hiring launch customer priorities update meeting discussed " +
	"- [ ] - [x] ^")

// s2Dict is made on first use, not at start-up: most verbs read no note.
var s2Dict = sync.OnceValue(func() *s2enc.Dict {
	d := s2enc.MakeDict([]byte(noteDictS2V1))
	if d == nil {
		panic("journal: noteDictS2V1 is not a valid S2 dictionary") // a constant: caught by every test
	}
	return d
})

// inflaters keeps DEFLATE readers for reuse: a new one allocates its
// window and tables (about 40 KB) for every note read.
var inflaters sync.Pool

// inflate returns the size bytes that packed holds.
func inflate(packed []byte, size uint64) ([]byte, error) {
	src := bytes.NewReader(packed)
	fr, _ := inflaters.Get().(io.ReadCloser)
	if fr == nil {
		fr = flate.NewReaderDict(src, noteDictV1)
	} else if err := fr.(flate.Resetter).Reset(src, noteDictV1); err != nil {
		return nil, err
	}
	out := make([]byte, size)
	_, err := io.ReadFull(fr, out)
	if err == nil {
		inflaters.Put(fr)
	}
	return out, err
}

// unpackS2 decodes packed, which must hold exactly size bytes, into dst
// when it has room (else into a new slice).
func unpackS2(dst, packed []byte, size uint64) ([]byte, error) {
	n, k, err := s2HeaderLen(packed)
	if err != nil {
		return nil, err
	}
	if uint64(n) != size {
		return nil, fmt.Errorf("holds %d bytes, its record says %d", n, size)
	}
	if cap(dst) < n+s2Slack {
		dst = make([]byte, n, n+s2Slack)
	}
	if !decodeS2(dst[:n], packed[k:], s2DecodeTables()) {
		return nil, errS2Corrupt
	}
	return dst[:n], nil
}

// note appends a note in its smallest encoding.
func (w *writer) note(s string) {
	if len(s) >= minCompress {
		// EncodeBetter: a third the size of Encode's output for notes,
		// at a few tens of microseconds a note.
		packed := s2Dict().EncodeBetter(nil, unsafe.Slice(unsafe.StringData(s), len(s)))
		if len(packed) < len(s) {
			w.b = append(w.b, noteS2V1)
			w.uvarint(uint64(len(s)))
			w.uvarint(uint64(len(packed)))
			w.b = append(w.b, packed...)
			return
		}
	}
	w.b = append(w.b, noteRaw)
	w.str(s)
}

// note reads a note written by writer.note.
func (r *reader) note() string { return r.noteInto(nil) }

// noteInto is note decompressing into buf when it has room: the note then
// lives in buf, and is valid only until buf is used again. A raw note
// aliases the record, as note's does.
func (r *reader) noteInto(buf []byte) string {
	if len(r.b) < 1 {
		r.fail()
		return ""
	}
	enc := r.b[0]
	r.b = r.b[1:]
	if enc == noteRaw {
		return r.str()
	}
	if enc != noteDeflateV1 && enc != noteS2V1 {
		r.err = fmt.Errorf("%w: unknown note encoding %d", ErrCorrupt, enc)
		r.b = nil
		return ""
	}
	size, n := r.uvarint(), r.uvarint()
	// The bound guards against a damaged length asking for gigabytes; it
	// leaves room above MaxNoteSize, which is checked on save.
	if r.err != nil || n > uint64(len(r.b)) || size > 2*MaxNoteSize {
		r.fail()
		return ""
	}
	packed := r.b[:n]
	r.b = r.b[n:]
	var out []byte
	var err error
	if enc == noteDeflateV1 {
		out, err = inflate(packed, size)
	} else {
		out, err = unpackS2(buf, packed, size)
	}
	if err != nil {
		r.err = fmt.Errorf("%w: note does not decompress: %v", ErrCorrupt, err)
		r.b = nil
		return ""
	}
	// out is not written while the note is in use: a new slice, or buf,
	// whose owner reuses it only after it is done with the note.
	return unsafe.String(unsafe.SliceData(out), len(out))
}

// reencodeNotes stores again, in the current encoding, every note record
// stored otherwise (migrate). The text and every other field stay as they
// are. A record that does not decode is left untouched: check and Repair
// report it, and a backup may hold it readable.
func reencodeNotes(tx *bolt.Tx) error {
	b := tx.Bucket(bucketMeetings)
	type record struct{ k, v []byte }
	var recs []record
	err := b.ForEach(func(k, v []byte) error {
		recs = append(recs, record{k, v}) // the map's bytes, valid in tx
		return nil
	})
	if err != nil {
		return err
	}
	// Decoding and encoding take seconds on a large journal: both cores.
	parallelFor(len(recs), 64, func(i int) {
		r := &recs[i]
		m, err := decodeMeeting(r.v)
		if err != nil {
			r.v = nil
			return
		}
		if v := encodeMeeting(m); !bytes.Equal(v, r.v) {
			r.k, r.v = slices.Clone(r.k), v
		} else {
			r.v = nil
		}
	})
	// Keys come in order and every page is rewritten: fill the pages, as
	// Compact does, rather than leave them half full as a split would.
	b.FillPercent = 1.0
	for _, r := range recs {
		if r.v == nil {
			continue
		}
		if err := b.Put(r.k, r.v); err != nil {
			return err
		}
	}
	return nil
}

// notePrefix is noteInto for a reader that may not need the whole note:
// a note stored S2 is decoded a few hundred bytes at a time until
// enough(what is decoded so far) says it is enough, or the note ends.
// It returns the bytes decoded, which begin the note, and whether they
// are all of it. Other encodings are read whole.
func (r *reader) notePrefix(buf []byte, enough func(prefix string) bool) (string, bool) {
	if len(r.b) == 0 || r.b[0] != noteS2V1 {
		return r.noteInto(buf), true
	}
	head := *r
	r.b = r.b[1:]
	size, n := r.uvarint(), r.uvarint()
	if r.err != nil || n > uint64(len(r.b)) || size > 2*MaxNoteSize {
		r.fail()
		return "", false
	}
	packed := r.b[:n]
	dlen, k, err := s2HeaderLen(packed)
	if err != nil || uint64(dlen) != size {
		*r = head // noteInto says what is wrong
		return r.noteInto(buf), true
	}
	r.b = r.b[n:]
	dst := buf[:0]
	if cap(dst) < dlen+s2Slack {
		dst = make([]byte, 0, dlen+s2Slack)
	}
	dst = dst[:dlen]
	z := newS2Decoder(packed[k:], s2DecodeTables())
	for until := 128; ; until += 128 {
		if !z.run(dst, until) {
			r.err = fmt.Errorf("%w: note does not decompress: %v", ErrCorrupt, errS2Corrupt)
			r.b = nil
			return "", false
		}
		// Valid until buf is used again, as noteInto's note.
		prefix := unsafe.String(unsafe.SliceData(dst), z.d)
		if z.completed || enough(prefix) {
			return prefix, z.completed
		}
	}
}

// s2HeaderLen returns the decoded length an S2 block declares and the
// length of that declaration.
func s2HeaderLen(packed []byte) (int, int, error) {
	// The checks of s2.DecodedLen.
	v, k := binary.Uvarint(packed)
	if k <= 0 || k > 5 || v > 0xffffffff {
		return 0, 0, errS2Corrupt
	}
	return int(v), k, nil
}

var errS2Corrupt = errors.New("s2: corrupt input")
