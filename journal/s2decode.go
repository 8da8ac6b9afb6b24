package journal

import (
	"encoding/binary"
	"sync"

	"github.com/oneonone/1on1/internal/s2enc"
)

// decodeS2 is the loop of github.com/klauspost/compress/s2's Dict.Decode,
// written again for short notes (and so that 1on1 does not link the
// library: see internal/s2enc). The library's loop copies every literal
// and match with copy(), a call per operation, and a 1 KB note is a few
// hundred operations: that was half the time of a search printing every
// match. Here short copies are whole 16- or 8-byte moves into a buffer
// with slack. The format, the checks and their order are the library's:
// FuzzS2DecodeAgreesWithTheLibrary holds the two to the same output and
// the same refusals on any input.

// s2Slack is the room decodeS2 may write past the end of what it decodes.
const s2Slack = 16

// s2Tables is the dictionary as decodeS2 reads it.
type s2Tables struct {
	dict   []byte // noteDictS2V1, with s2Slack bytes of room after it
	n      int    // its length without them
	repeat int    // the offset a repeat copy starts from
}

var s2DecodeTables = sync.OnceValue(func() *s2Tables {
	b := s2Dict().Bytes()
	repeat, k := binary.Uvarint(b)
	d := b[k:]
	return &s2Tables{dict: append(d[:len(d):len(d)], make([]byte, s2Slack)...), n: len(d), repeat: int(repeat)}
})

// decodeS2 decodes the block src (its length header read already) into
// dst, which must be exactly as long as the block says and have s2Slack
// bytes of capacity beyond. It reports whether src was a sound block.
func decodeS2(dst, src []byte, t *s2Tables) bool {
	z := newS2Decoder(src, t)
	return z.run(dst, len(dst))
}

// s2Decoder decodes a block in steps, so that a search can stop once it
// has the line it looks for: on average it needs a little over half of a
// note.
type s2Decoder struct {
	src       []byte
	t         *s2Tables
	s, d      int // read and written so far
	offset    int // of the last copy, which a repeat copy uses again
	completed bool
}

func newS2Decoder(src []byte, t *s2Tables) *s2Decoder {
	return &s2Decoder{src: src, t: t, offset: t.n - t.repeat}
}

// run decodes into dst (as for decodeS2, and the same dst every step)
// until at least until bytes are out or the block ends, which sets
// completed. It reports false for a damaged block.
func (z *s2Decoder) run(dst []byte, until int) bool {
	if cap(dst)-len(dst) < s2Slack {
		panic("journal: decodeS2 needs slack after dst")
	}
	w := dst[:cap(dst)]
	src, t := z.src, z.t
	dict := t.dict[:t.n]
	d, s, offset := z.d, z.s, z.offset
	var length int
	for s < len(src) {
		if d >= until {
			z.d, z.s, z.offset = d, s, offset
			return true
		}
		switch src[s] & 0x03 {
		case 0x00: // literal
			x := uint32(src[s] >> 2)
			switch {
			case x < 60:
				s++
			case x == 60:
				s += 2
				if uint(s) > uint(len(src)) {
					return false
				}
				x = uint32(src[s-1])
			case x == 61:
				s += 3
				if uint(s) > uint(len(src)) {
					return false
				}
				x = uint32(src[s-2]) | uint32(src[s-1])<<8
			case x == 62:
				s += 4
				if uint(s) > uint(len(src)) {
					return false
				}
				x = uint32(src[s-3]) | uint32(src[s-2])<<8 | uint32(src[s-1])<<16
			default:
				s += 5
				if uint(s) > uint(len(src)) {
					return false
				}
				x = uint32(src[s-4]) | uint32(src[s-3])<<8 | uint32(src[s-2])<<16 | uint32(src[s-1])<<24
			}
			length = int(x) + 1
			if length > len(dst)-d || length > len(src)-s || length <= 0 {
				return false
			}
			if length <= 16 && s+16 <= len(src) {
				*(*[16]byte)(w[d:]) = *(*[16]byte)(src[s:])
			} else {
				copy(dst[d:], src[s:s+length])
			}
			d += length
			s += length
			continue

		case 0x01: // copy, 1-byte offset (or a repeat)
			s += 2
			if uint(s) > uint(len(src)) {
				return false
			}
			length = int(src[s-2]) >> 2 & 0x7
			toffset := int(uint32(src[s-2])&0xe0<<3 | uint32(src[s-1]))
			if toffset == 0 {
				switch length {
				case 5:
					s++
					if uint(s) > uint(len(src)) {
						return false
					}
					length = int(uint32(src[s-1])) + 4
				case 6:
					s += 2
					if uint(s) > uint(len(src)) {
						return false
					}
					length = int(uint32(src[s-2])|(uint32(src[s-1])<<8)) + (1 << 8)
				case 7:
					s += 3
					if uint(s) > uint(len(src)) {
						return false
					}
					length = int(uint32(src[s-3])|(uint32(src[s-2])<<8)|(uint32(src[s-1])<<16)) + (1 << 16)
				}
			} else {
				offset = toffset
			}
			length += 4
		case 0x02: // copy, 2-byte offset
			s += 3
			if uint(s) > uint(len(src)) {
				return false
			}
			length = 1 + int(src[s-3])>>2
			offset = int(uint32(src[s-2]) | uint32(src[s-1])<<8)
		default: // copy, 4-byte offset
			s += 5
			if uint(s) > uint(len(src)) {
				return false
			}
			length = 1 + int(src[s-5])>>2
			offset = int(uint32(src[s-4]) | uint32(src[s-3])<<8 | uint32(src[s-2])<<16 | uint32(src[s-1])<<24)
		}

		if offset <= 0 || length > len(dst)-d {
			return false
		}
		if d < offset { // from the dictionary
			if d > s2enc.MaxDictSrcOffset {
				return false
			}
			r := t.n - (offset - d)
			if r+length > t.n || r < 0 {
				return false
			}
			if length <= 16 {
				*(*[16]byte)(w[d:]) = *(*[16]byte)(t.dict[r:])
			} else {
				copy(dst[d:d+length], dict[r:])
			}
			d += length
			continue
		}
		switch {
		case offset >= 16 && length <= 32:
			// Each 16-byte move reads only bytes written before it.
			*(*[16]byte)(w[d:]) = *(*[16]byte)(w[d-offset:])
			if length > 16 {
				*(*[16]byte)(w[d+16:]) = *(*[16]byte)(w[d-offset+16:])
			}
		case offset >= 8 && length <= 16:
			*(*[8]byte)(w[d:]) = *(*[8]byte)(w[d-offset:])
			*(*[8]byte)(w[d+8:]) = *(*[8]byte)(w[d-offset+8:])
		case offset > length:
			copy(dst[d:d+length], dst[d-offset:])
		default:
			// Overlapping: a forward copy, byte by byte, repeats the
			// pattern as the format means it to.
			a := dst[d : d+length]
			b := dst[d-offset:]
			b = b[:len(a)]
			for i := range a {
				a[i] = b[i]
			}
		}
		d += length
	}
	z.d, z.s, z.completed = d, s, true
	return d == len(dst)
}
