package fetch

import (
	"encoding/base64"
	"encoding/binary"
	"slices"
)

// b64Stream decodes the ConsoleOutput string while it is still arriving, one character of the
// JSON string at a time, to the same bytes DecodeConsole gives for the whole string: whitespace is
// skipped, and the string's end gets DecodeConsole's padding rule. It keeps no copy of the text.
// Instead it remembers how the text deviated from the canonical base64 of the decoded bytes (the
// whitespace, and characters the JSON spelled with an escape such as \/ or \u002B), so that the
// exact JSON text can be rebuilt when the answer has to go to the SDK untouched after all.
//
// Only whole 4-character quanta without padding are decoded before the end: they map one to one
// onto their 3 bytes, which is what makes the rebuilt text exact. The characters still pending
// (at most a flush's worth) and the final quantum stay as text.
type b64Stream struct {
	data []byte // decoded so far: full quanta only, until finish
	pend []byte // base64 characters not yet decoded; '=' only ever in the last quantum
	// tail is how many bytes of data finish decoded from pend, which is kept as text: a final
	// quantum's bytes may not re-encode to the same characters (Go ignores stray low bits).
	tail int
	// chars counts the base64 characters taken (decoded or pending).
	chars int64
	// marks records each deviation from the canonical text: uvarint characters since the
	// previous mark, one byte kind|length, then the raw JSON spelling.
	marks    []byte
	lastMark int64
	padded   bool // pend holds an '='
	reserve  int  // the capacity data jumps to when its first size is not enough
	finished bool
}

// flushAt is how many pending characters are decoded at once: a multiple of 4, large enough
// for base64's fast path, small enough to be nothing next to the log.
const flushAt = 4096

// Mark kinds, or'ed with the spelling's length (at most 6, `\u002B`).
const (
	markInsert  = 0x80 // whitespace that is not part of the base64 text
	markReplace = 0x40 // a base64 character that the JSON spelled as an escape
)

// newB64Stream returns a decoder whose output buffer starts with room for size decoded bytes
// and, when that is not enough, grows once to reserve. A caller that knows the body's length
// passes it as size, so the log is never copied to grow. One that does not passes the most the
// body cap admits as reserve: the pages of a fresh large allocation are not touched until
// written, so only what is decoded becomes resident, and a small answer costs only size.
func newB64Stream(size, reserve int) *b64Stream {
	return &b64Stream{data: make([]byte, 0, max(size, 0)), reserve: reserve, pend: make([]byte, 0, flushAt)}
}

// room makes sure data can take n more bytes.
func (s *b64Stream) room(n int) {
	if cap(s.data)-len(s.data) >= n {
		return
	}
	if s.reserve > cap(s.data) && s.reserve-len(s.data) >= n {
		s.data = append(make([]byte, 0, s.reserve), s.data...)
		return
	}
	s.data = slices.Grow(s.data, n)
}

// b64Class tells base64 characters (1), the whitespace DecodeConsole skips (2) and everything
// else (0) apart.
var b64Class = func() (t [256]uint8) {
	for _, c := range []byte("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=") {
		t[c] = 1
	}
	for _, c := range []byte(" \t\r\n\v\f") {
		t[c] = 2
	}
	return t
}()

// plain takes a run of characters that the JSON wrote as themselves. It returns how many it took:
// fewer than len(run) means run[n] cannot be part of base64 text, breaks its padding, is not
// allowed raw in a JSON string (control characters), or is a quote or backslash for the caller.
func (s *b64Stream) plain(run []byte) int {
	for i := 0; i < len(run); i++ {
		c := run[i]
		switch b64Class[c] {
		case 1:
			if c == '=' {
				if !s.add(c) {
					return i
				}
				continue
			}
			// The common case: a stretch of alphabet characters, taken whole.
			j := i + 1
			for j < len(run) && b64Class[run[j]] == 1 && run[j] != '=' {
				j++
			}
			if !s.addRun(run[i:j]) {
				return i
			}
			i = j - 1
		case 2:
			if c != ' ' {
				// A raw control character: the JSON itself is invalid.
				return i
			}
			s.mark(markInsert, run[i:i+1])
		default:
			return i
		}
	}
	return len(run)
}

// escaped takes one character the JSON spelled as an escape (raw, e.g. `\/`) that unescapes to
// c. It reports false when c cannot be part of base64 text, and then takes nothing.
func (s *b64Stream) escaped(c byte, raw []byte) bool {
	switch b64Class[c] {
	case 1:
		at := s.chars
		if !s.add(c) {
			return false
		}
		s.markAt(at, markReplace, raw)
		return true
	case 2:
		s.mark(markInsert, raw)
		return true
	}
	return false
}

// add takes one base64 character, decoding the pending ones first when there are enough. It
// reports false (taking nothing) when the text can no longer be valid: anything but more '='
// after padding, which DecodeConsole rejects too.
func (s *b64Stream) add(c byte) bool {
	if s.padded && c != '=' {
		return false
	}
	if len(s.pend) == flushAt {
		if s.padded {
			// Padding and then more characters.
			return false
		}
		s.flush()
	}
	s.padded = s.padded || c == '='
	s.pend = append(s.pend, c)
	s.chars++
	return true
}

// addRun takes alphabet characters without '=', as add would one by one.
func (s *b64Stream) addRun(run []byte) bool {
	if s.padded {
		return false
	}
	for len(run) > 0 {
		if len(s.pend) == flushAt {
			s.flush()
		}
		k := min(flushAt-len(s.pend), len(run))
		s.pend = append(s.pend, run[:k]...)
		s.chars += int64(k)
		run = run[k:]
	}
	return true
}

// flush decodes a full pend, which more characters follow, so it holds no padding.
func (s *b64Stream) flush() {
	n := len(s.data)
	s.room(flushAt / 4 * 3)
	s.data = s.data[:n+flushAt/4*3]
	// A multiple of 4 alphabet characters without padding always decodes.
	base64.StdEncoding.Decode(s.data[n:], s.pend) //nolint:errcheck // See above.
	s.pend = s.pend[:0]
}

// mark records a deviation at the current character position.
func (s *b64Stream) mark(kind byte, raw []byte) { s.markAt(s.chars, kind, raw) }

func (s *b64Stream) markAt(at int64, kind byte, raw []byte) {
	s.marks = binary.AppendUvarint(s.marks, uint64(at-s.lastMark))
	s.marks = append(s.marks, kind|byte(len(raw)))
	s.marks = append(s.marks, raw...)
	// lastMark is where rebuilding stands after the mark: past the character a replacement
	// stands for.
	s.lastMark = at
	if kind == markReplace {
		s.lastMark++
	}
}

// finish decodes what is pending as the end of the text. It reports false when the text is not
// valid base64 as DecodeConsole judges it; the stream is then unchanged, so rebuild still works.
func (s *b64Stream) finish() bool {
	if s.finished {
		return true
	}
	if len(s.pend) == 0 {
		s.finished = true
		return true
	}
	// DecodeConsole's rule: restore missing padding unless the text already ends with '='.
	q := s.pend
	if rem := len(q) % 4; rem != 0 && q[len(q)-1] != '=' {
		q = append(q[:len(q):len(q)], "==="[:4-rem]...)
	}
	n, dl := len(s.data), base64.StdEncoding.DecodedLen(len(q))
	s.room(dl)
	m, err := base64.StdEncoding.Decode(s.data[n:n+dl], q)
	if err != nil {
		return false
	}
	s.data, s.tail, s.finished = s.data[:n+m], m, true
	return true
}

// bytes is the decoded output; valid after finish reported true.
func (s *b64Stream) bytes() []byte { return s.data }

// rebuild appends the JSON string content exactly as it was received (between the quotes, escapes
// as they were spelled) to dst.
func (s *b64Stream) rebuild(dst []byte) []byte {
	src := canonText{s: s, canon: s.data[:len(s.data)-s.tail]}
	for m := s.marks; len(m) > 0; {
		delta, w := binary.Uvarint(m)
		kind, l := m[w]&0xC0, int(m[w]&0x3F)
		raw := m[w+1 : w+1+l]
		m = m[w+1+l:]
		dst = src.take(dst, int64(delta), true)
		dst = append(dst, raw...)
		if kind == markReplace {
			dst = src.take(dst, 1, false)
		}
	}
	return src.take(dst, s.chars, true)
}

// canonText yields the base64 characters a b64Stream took, without their spelling: the decoded
// quanta re-encoded, then the characters still pending.
type canonText struct {
	s       *b64Stream
	canon   []byte // decoded bytes not yet re-encoded
	buf     [flushAt]byte
	cur     []byte // characters ready to copy
	pendOut bool   // the pending characters have been queued
}

// take copies the next n characters to dst (or drops them when keep is false), stopping early
// when there are no more.
func (c *canonText) take(dst []byte, n int64, keep bool) []byte {
	for n > 0 {
		if len(c.cur) == 0 && !c.refill() {
			break
		}
		k := int(min(n, int64(len(c.cur))))
		if keep {
			dst = append(dst, c.cur[:k]...)
		}
		c.cur, n = c.cur[k:], n-int64(k)
	}
	return dst
}

func (c *canonText) refill() bool {
	if len(c.canon) > 0 {
		k := min(len(c.canon), flushAt/4*3)
		base64.StdEncoding.Encode(c.buf[:], c.canon[:k])
		c.cur, c.canon = c.buf[:base64.StdEncoding.EncodedLen(k)], c.canon[k:]
		return true
	}
	if !c.pendOut {
		c.pendOut = true
		c.cur = c.s.pend
		return len(c.cur) > 0
	}
	return false
}
