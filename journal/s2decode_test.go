package journal

import (
	"bytes"
	"sync"
	"testing"

	"github.com/klauspost/compress/s2"
)

// libDict is noteDictS2V1 as the library makes it: the reference the
// copies of its encoder (internal/s2enc) and decoder (decodeS2) are held to.
var libDict = sync.OnceValue(func() *s2.Dict { return s2.MakeDict([]byte(noteDictS2V1), nil) })

// TestS2EncodeIsTheLibrarys: internal/s2enc encodes every note byte for
// byte as s2.Dict.EncodeBetter does, and its dictionary is the library's.
func TestS2EncodeIsTheLibrarys(t *testing.T) {
	if !bytes.Equal(s2Dict().Bytes(), libDict().Bytes()) {
		t.Fatal("the dictionaries differ")
	}
	for i, note := range codecNotes(t) {
		if got, want := s2Dict().EncodeBetter(nil, []byte(note)), libDict().EncodeBetter(nil, []byte(note)); !bytes.Equal(got, want) {
			t.Errorf("note %d (%d bytes): encoded in %d bytes, the library in %d", i, len(note), len(got), len(want))
		}
	}
}

// FuzzS2EncodeIsTheLibrarys is TestS2EncodeIsTheLibrarys on any text.
func FuzzS2EncodeIsTheLibrarys(f *testing.F) {
	for _, note := range codecNotes(f) {
		f.Add([]byte(note))
	}
	f.Fuzz(func(t *testing.T, note []byte) {
		if got, want := s2Dict().EncodeBetter(nil, note), libDict().EncodeBetter(nil, note); !bytes.Equal(got, want) {
			t.Fatalf("encoded in %d bytes, the library in %d", len(got), len(want))
		}
	})
}

// FuzzS2DecodeAgreesWithTheLibrary: on any block, sound or not, decodeS2
// decodes what github.com/klauspost/compress/s2 decodes, and refuses what
// it refuses. Seeds: every note of codecNotes compressed, whole and cut.
func FuzzS2DecodeAgreesWithTheLibrary(f *testing.F) {
	for _, note := range codecNotes(f) {
		packed := libDict().EncodeBetter(nil, []byte(note))
		f.Add(packed)
		f.Add(packed[:len(packed)/2])
		f.Add(libDict().Encode(nil, []byte(note)))
	}
	f.Fuzz(func(t *testing.T, packed []byte) {
		if n, err := s2.DecodedLen(packed); err == nil && n > 1<<20 {
			return // a note record bounds the size before decoding; the library would allocate it
		}
		want, werr := libDict().Decode(nil, packed)
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
