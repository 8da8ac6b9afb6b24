package journal

import (
	"bytes"
	"testing"

	"github.com/klauspost/compress/s2"
)

// FuzzS2DecodeAgreesWithTheLibrary: on any block, sound or not, decodeS2
// decodes what github.com/klauspost/compress/s2 decodes, and refuses what
// it refuses. Seeds: every note of codecNotes compressed, whole and cut.
func FuzzS2DecodeAgreesWithTheLibrary(f *testing.F) {
	for _, note := range codecNotes(f) {
		packed := s2Dict().EncodeBetter(nil, []byte(note))
		f.Add(packed)
		f.Add(packed[:len(packed)/2])
		f.Add(s2Dict().Encode(nil, []byte(note)))
	}
	f.Fuzz(func(t *testing.T, packed []byte) {
		if n, err := s2.DecodedLen(packed); err == nil && n > 1<<20 {
			return // a note record bounds the size before decoding; the library would allocate it
		}
		want, werr := s2Dict().Decode(nil, packed)
		if werr != nil {
			n, err := s2.DecodedLen(packed)
			if err == nil {
				if got, err := unpackS2(nil, packed, uint64(n)); err == nil {
					t.Fatalf("the library refuses a block (%v) decodeS2 decodes as %q", werr, got)
				}
			}
			return
		}
		got, gerr := unpackS2(nil, packed, uint64(len(want)))
		if gerr != nil || !bytes.Equal(got, want) {
			t.Fatalf("decodeS2: %q, %v; the library: %q", got, gerr, want)
		}
		// In a reused buffer with old bytes in it, too.
		buf := bytes.Repeat([]byte{0xAA}, len(want)+s2Slack+3)
		if got, err := unpackS2(buf[:0], packed, uint64(len(want))); err != nil || !bytes.Equal(got, want) {
			t.Fatalf("decodeS2 into a used buffer: %q, %v; the library: %q", got, err, want)
		}
	})
}
