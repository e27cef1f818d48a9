package console

import (
	"encoding/binary"
	"slices"
	"strings"
	"unsafe"
)

// Document is a rendered console log: Plain[i] is line i without styling, for search and
// measuring, and Line(i) is the same line as displayed, with its SGR sequences. Line(i) is
// self-contained (its styles are reset at its end) and Plain[i] == ansi.Strip(Line(i)) always
// holds; in plain mode Line(i) == Plain[i].
//
// Only the lines that use a style store anything beyond their plain text, and what they store is
// where their SGR sequences go in it, not a second copy of the text: on a boot log, where about
// one line in eight is coloured, a full styled slice beside Plain cost 30 MB per million lines
// (a string header per line and a styled copy of every coloured one); the sparse form costs about
// 45 bytes per coloured line. Line builds the styled text on demand, which is what a view that
// draws only the rows on screen wants.
//
// Plain may point into the rendered input (RenderShared) and may be shared with other
// Documents, so it must not be modified in place.
type Document struct {
	// Plain[i] is line i without styling.
	Plain []string
	// styledAt holds, in ascending order, the lines that use any style; sgr[k] is the encoded
	// SGR insertions of line styledAt[k] (see appendInsert).
	styledAt []int32
	sgr      []string
}

// Len returns the number of lines.
func (d Document) Len() int { return len(d.Plain) }

// Line returns line i as displayed: Plain[i] with its SGR sequences. For a line without style it
// is Plain[i] itself; for a styled line it is built on each call. It panics if i is out of range,
// as Plain[i] does.
func (d Document) Line(i int) string {
	p := d.Plain[i]
	if k, ok := d.styledIndex(i); ok {
		return expand(p, d.sgr[k])
	}
	return p
}

// Styled reports whether line i uses any style, that is whether Line(i) differs from Plain[i].
func (d Document) Styled(i int) bool {
	_, ok := d.styledIndex(i)
	return ok
}

// StyledCount returns the number of lines that use a style.
func (d Document) StyledCount() int { return len(d.styledAt) }

// StyleBytes returns the memory the styles of the styled lines take, beyond Plain.
func (d Document) StyleBytes() int {
	n := 20 * len(d.sgr) // a line number and a string header each
	for _, s := range d.sgr {
		n += len(s)
	}
	return n
}

// styledIndex returns the index in styledAt of line i, if it is styled.
func (d Document) styledIndex(i int) (int, bool) {
	if len(d.styledAt) == 0 || i < int(d.styledAt[0]) || i > int(d.styledAt[len(d.styledAt)-1]) {
		return 0, false
	}
	return slices.BinarySearch(d.styledAt, int32(i))
}

// Lines returns every line as displayed, Line(i) for each i, in a new slice. It costs a string
// header per line and a styled copy of every coloured line, which is what Document avoids
// holding: it is for small documents and tests; a view of a big log asks Line for the lines it
// draws.
func (d Document) Lines() []string {
	out := make([]string, len(d.Plain))
	for i := range out {
		out[i] = d.Line(i)
	}
	return out
}

// NewDocument returns the Document whose line i is styled[i] displayed and plain[i] plain. Each
// styled[i] must be plain[i] with SGR sequences (CSI … m) inserted, as Render produces them; a
// line that is not, or is plain[i] itself, is stored without style, so Line(i) gives plain[i]
// and the invariant Plain[i] == ansi.Strip(Line(i)) still holds. The Document keeps plain, not a
// copy. A styled slice shorter than plain leaves the remaining lines unstyled.
func NewDocument(styled, plain []string) Document {
	b := newStyler()
	for i, s := range styled[:min(len(styled), len(plain))] {
		b.add(i, s, plain[i])
	}
	return b.document(plain)
}

// styler collects the SGR insertions of styled lines given whole, for NewDocument.
type styler struct {
	at      []int32
	sgr     []string
	buf     []byte // the current chunk the encodings are kept in
	scratch []byte // one line's encoding
}

// stylerChunk is the size of a styler's chunks: NewDocument serves small documents and the
// viewer's rewritten ones (wall-clock times), whose encodings take a few bytes per styled line.
const stylerChunk = 64 << 10

func newStyler() *styler { return &styler{} }

// add records line i, shown as styled, with plain text plain.
func (b *styler) add(i int, styled, plain string) {
	if styled == plain {
		return
	}
	enc, ok := appendEncoded(b.scratch[:0], styled, plain)
	b.scratch = enc
	if !ok || len(enc) == 0 {
		return
	}
	if cap(b.buf)-len(b.buf) < len(enc) {
		// Earlier lines keep pointing into the old chunk, which nothing writes again.
		b.buf = make([]byte, 0, max(stylerChunk, len(enc)))
	}
	s0 := len(b.buf)
	b.buf = append(b.buf, enc...)
	b.at = append(b.at, int32(i))
	b.sgr = append(b.sgr, unsafe.String(&b.buf[s0], len(enc)))
}

// document returns the Document of plain with the collected styles.
func (b *styler) document(plain []string) Document {
	return Document{Plain: plain, styledAt: b.at, sgr: b.sgr}
}

// The SGR insertions of a styled line are encoded as one string: for each SGR sequence, in order,
// the distance in bytes of plain text from the previous sequence's position (uvarint), then the
// sequence itself, "\x1b[" through its final byte. A final byte is the first byte of the sequence
// after "\x1b[" in 0x40..0x7e, so the sequence needs no length.

// appendInsert appends one insertion: seq (a whole CSI sequence) delta plain bytes after the
// previous one.
func appendInsert(b []byte, delta int, seq []byte) []byte {
	b = binary.AppendUvarint(b, uint64(delta))
	return append(b, seq...)
}

// expand returns plain with the encoded insertions enc applied.
func expand(plain, enc string) string {
	b := appendExpanded(make([]byte, 0, len(plain)+len(enc)), plain, enc)
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// appendExpanded appends plain with the encoded insertions enc applied to b.
func appendExpanded(b []byte, plain, enc string) []byte {
	pos := 0
	for len(enc) > 0 {
		delta, n := uvarint(enc)
		if n == 0 {
			break
		}
		enc = enc[n:]
		next := pos + int(min(delta, uint64(len(plain)-pos)))
		b = append(b, plain[pos:next]...)
		pos = next
		end := seqEnd(enc)
		b = append(b, enc[:end]...)
		enc = enc[end:]
	}
	return append(b, plain[pos:]...)
}

// uvarint decodes the uvarint at the start of s and returns it and its length, or a length of 0
// if s does not start with a whole one.
func uvarint(s string) (uint64, int) {
	var x uint64
	for i := 0; i < len(s) && i < binary.MaxVarintLen64; i++ {
		c := s[i]
		x |= uint64(c&0x7f) << (7 * i)
		if c < 0x80 {
			return x, i + 1
		}
	}
	return 0, 0
}

// seqEnd returns the length of the CSI sequence at the start of s: "\x1b[", parameter and
// intermediate bytes, and the final byte. A sequence without a final byte runs to the end of s.
func seqEnd(s string) int {
	for j := 2; j < len(s); j++ {
		if c := s[j]; c >= 0x40 && c <= 0x7e {
			return j + 1
		}
	}
	return len(s)
}

// appendEncoded appends the encoded SGR insertions that turn plain into styled. ok is false when
// styled is not plain with CSI sequences inserted.
func appendEncoded(b []byte, styled, plain string) ([]byte, bool) {
	pos, last := 0, 0
	for i := 0; i < len(styled); {
		e := strings.IndexByte(styled[i:], '\x1b')
		if e < 0 {
			e = len(styled) - i
		}
		if pos+e > len(plain) || styled[i:i+e] != plain[pos:pos+e] {
			return b, false
		}
		pos += e
		i += e
		if i == len(styled) {
			break
		}
		if i+1 >= len(styled) || styled[i+1] != '[' {
			return b, false
		}
		n := seqEnd(styled[i:])
		if c := styled[i+n-1]; c < 0x40 || c > 0x7e || n < 3 {
			return b, false
		}
		b = binary.AppendUvarint(b, uint64(pos-last))
		b = append(b, styled[i:i+n]...)
		last = pos
		i += n
	}
	return b, pos == len(plain)
}
