package journal

import (
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"sync"
	"unsafe"
)

// Notes are stored deflated: markdown compresses to about half, and the
// journal file should stay within twice the size of the notes it holds.
// The preset dictionary holds what most 1:1 notes say, so that even short
// notes shrink. A stored note starts with its encoding byte; the
// dictionary is part of the format and never changes for noteDeflateV1.

const (
	noteRaw       = 0 // the note's bytes as they are
	noteDeflateV1 = 1 // DEFLATE with noteDictV1
)

// minDeflate: shorter notes are stored raw; compression cannot pay off.
const minDeflate = 96

var noteDictV1 = []byte("## Feedback\n- given: \n- received: \n## Wins\n- \n## Follow-ups\n- [ ] follow-up: \n" +
	"## Notes\n\n## My commitments\n- [ ] me: \n- [x] \n- [-] \n- [~] \n's commitments\n- [ ] them: \n" +
	" by friday by tomorrow by next week by end of month due:2026- done:2026- ✅ 📅 " +
	"# 1:1 with  — \nthe and to of for with on in that this we will about next week team project review plan " +
	"feedback career growth goals roadmap hiring launch customer priorities update meeting discussed " +
	"- [ ] - [x] ^")

var deflaters = sync.Pool{New: func() any {
	w, err := flate.NewWriterDict(nil, flate.DefaultCompression, noteDictV1)
	if err != nil {
		panic(err) // only for an invalid level, which is a constant here
	}
	return w
}}

// inflaters keeps DEFLATE readers for reuse: a new one allocates its
// window and tables (about 40 KB) for every note read, which was most of
// the cost of a search that reads thousands of notes.
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

// note appends a note in its smallest encoding.
func (w *writer) note(s string) {
	if len(s) >= minDeflate {
		var buf bytes.Buffer
		buf.Grow(len(s) / 2)
		fw := deflaters.Get().(*flate.Writer)
		fw.Reset(&buf)
		_, err := io.WriteString(fw, s)
		if err == nil {
			err = fw.Close()
		}
		deflaters.Put(fw)
		if err == nil && buf.Len() < len(s) {
			w.b = append(w.b, noteDeflateV1)
			w.uvarint(uint64(len(s)))
			w.uvarint(uint64(buf.Len()))
			w.b = append(w.b, buf.Bytes()...)
			return
		}
	}
	w.b = append(w.b, noteRaw)
	w.str(s)
}

// note reads a note written by writer.note.
func (r *reader) note() string {
	if len(r.b) < 1 {
		r.fail()
		return ""
	}
	enc := r.b[0]
	r.b = r.b[1:]
	switch enc {
	case noteRaw:
		return r.str()
	case noteDeflateV1:
		size, n := r.uvarint(), r.uvarint()
		// The bound guards against a damaged length asking for gigabytes;
		// it leaves room above MaxNoteSize, which is checked on save.
		if r.err != nil || n > uint64(len(r.b)) || size > 2*MaxNoteSize {
			r.fail()
			return ""
		}
		packed := r.b[:n]
		r.b = r.b[n:]
		out, err := inflate(packed, size)
		if err != nil {
			r.err = fmt.Errorf("%w: note does not inflate: %v", ErrCorrupt, err)
			r.b = nil
			return ""
		}
		return unsafe.String(unsafe.SliceData(out), len(out)) // out is never written again
	}
	r.err = fmt.Errorf("%w: unknown note encoding %d", ErrCorrupt, enc)
	r.b = nil
	return ""
}
