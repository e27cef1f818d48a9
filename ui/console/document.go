package console

import (
	"encoding/binary"
	"math"
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
// where their SGR sequences go in it, not a second copy of the text (see styleSet): on a boot
// log, where about one line in eight is coloured, a full styled slice beside Plain cost 30 MB per
// million lines (a string header per line and a styled copy of every coloured one); the sparse
// form costs about 20 bytes per coloured line. Line builds the styled text on demand, which is
// what a view that draws only the rows on screen wants.
//
// Plain may point into the rendered input (RenderShared) and may be shared with other
// Documents, so it must not be modified in place.
type Document struct {
	// Plain[i] is line i without styling.
	Plain []string
	// sty holds the styled lines' SGR insertions; nil when no line uses a style. It is never
	// modified once the Document is built, so copies of a Document share it.
	sty *styleSet
}

// styleSet is where the SGR sequences of a Document's styled lines go in their plain text. Each
// styled line has an encoding in enc: for each SGR sequence, in order, the number of plain bytes
// since the previous one (uvarint), then the sequence as a code (uvarint): an even code 2k is
// seqs[k]; an odd code 2n+1 is followed by n bytes, the sequence itself. A log uses a few dozen
// distinct sequences, so nearly every insertion takes two bytes.
type styleSet struct {
	// at holds, in ascending order, the lines that use a style; off[k] is where line at[k]'s
	// encoding starts in enc, and it ends where the next one starts (or at the end of enc).
	at   []int32
	off  []uint32
	enc  []byte
	seqs []string
}

// Len returns the number of lines.
func (d Document) Len() int { return len(d.Plain) }

// Line returns line i as displayed: Plain[i] with its SGR sequences. For a line without style it
// is Plain[i] itself; for a styled line it is built on each call. It panics if i is out of range,
// as Plain[i] does.
func (d Document) Line(i int) string {
	p := d.Plain[i]
	if k, ok := d.sty.index(i); ok {
		return d.sty.expand(p, k)
	}
	return p
}

// Styled reports whether line i uses any style, that is whether Line(i) differs from Plain[i].
func (d Document) Styled(i int) bool {
	_, ok := d.sty.index(i)
	return ok
}

// StyledCount returns the number of lines that use a style.
func (d Document) StyledCount() int {
	if d.sty == nil {
		return 0
	}
	return len(d.sty.at)
}

// StyleBytes returns the memory the styles of the styled lines take, beyond Plain.
func (d Document) StyleBytes() int {
	s := d.sty
	if s == nil {
		return 0
	}
	n := 8*len(s.at) + len(s.enc)
	for _, q := range s.seqs {
		n += 16 + len(q)
	}
	return n
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
	var b styleBuilder
	for i, s := range styled[:min(len(styled), len(plain))] {
		if s == plain[i] || !walkStyled(s, plain[i], nil) || !b.begin(i) {
			continue
		}
		walkStyled(s, plain[i], b.insertText)
	}
	return Document{Plain: plain, sty: b.set()}
}

// walkStyled calls fn, if not nil, with each CSI sequence of styled and its offset in plain, and
// reports whether styled is plain with CSI sequences inserted.
func walkStyled(styled, plain string, fn func(at int, seq string)) bool {
	pos := 0
	for i := 0; i < len(styled); {
		e := strings.IndexByte(styled[i:], '\x1b')
		if e < 0 {
			e = len(styled) - i
		}
		if pos+e > len(plain) || styled[i:i+e] != plain[pos:pos+e] {
			return false
		}
		pos += e
		i += e
		if i == len(styled) {
			break
		}
		if i+1 >= len(styled) || styled[i+1] != '[' {
			return false
		}
		n := seqEnd(styled[i:])
		if c := styled[i+n-1]; n < 3 || c < 0x40 || c > 0x7e {
			return false
		}
		if fn != nil {
			fn(pos, styled[i:i+n])
		}
		i += n
	}
	return pos == len(plain)
}

// seqEnd returns the length of the CSI sequence at the start of s: "\x1b[", parameter and
// intermediate bytes, and the final byte (0x40..0x7e). A sequence without a final byte runs to the
// end of s.
func seqEnd(s string) int {
	for j := 2; j < len(s); j++ {
		if c := s[j]; c >= 0x40 && c <= 0x7e {
			return j + 1
		}
	}
	return len(s)
}

// index returns the index in s.at of line i, if it is styled.
func (s *styleSet) index(i int) (int, bool) {
	if s == nil || len(s.at) == 0 || i < int(s.at[0]) || i > int(s.at[len(s.at)-1]) {
		return 0, false
	}
	return slices.BinarySearch(s.at, int32(i))
}

// encoding returns the encoding of styled line k.
func (s *styleSet) encoding(k int) []byte {
	end := len(s.enc)
	if k+1 < len(s.off) {
		end = int(s.off[k+1])
	}
	return s.enc[s.off[k]:end]
}

// expand returns plain, the plain text of styled line k, with its SGR sequences.
func (s *styleSet) expand(plain string, k int) string {
	enc := s.encoding(k)
	// One allocation: each insertion's two bytes or so stand for a sequence of a few bytes.
	b := s.appendExpanded(make([]byte, 0, len(plain)+6*len(enc)), plain, enc)
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// appendExpanded appends plain with the insertions of enc (one line's encoding) to b.
func (s *styleSet) appendExpanded(b []byte, plain string, enc []byte) []byte {
	pos := 0
	for len(enc) > 0 {
		delta, n := binary.Uvarint(enc)
		if n <= 0 {
			break
		}
		code, m := binary.Uvarint(enc[n:])
		if m <= 0 {
			break
		}
		enc = enc[n+m:]
		next := pos + int(min(delta, uint64(len(plain)-pos)))
		b = append(b, plain[pos:next]...)
		pos = next
		if code&1 == 0 {
			if k := code >> 1; k < uint64(len(s.seqs)) {
				b = append(b, s.seqs[k]...)
			}
			continue
		}
		l := int(min(code>>1, uint64(len(enc))))
		b = append(b, enc[:l]...)
		enc = enc[l:]
	}
	return append(b, plain[pos:]...)
}

// maxSeqs bounds a styleSet's table of sequences; later sequences are written out in full. A
// log that uses more distinct ones (a gradient of 24-bit colours, say) would otherwise grow the
// table and its index line by line.
const maxSeqs = 4096

// styleBuilder builds a styleSet, one styled line at a time: begin, then its insertions in order.
type styleBuilder struct {
	s styleSet
	// last is the plain offset of the current line's last insertion.
	last int
	// bySeq and byStep find a sequence's code: by its text (NewDocument), or by the style change
	// it makes (the renderer, which need not build the sequence to look it up).
	bySeq  map[string]uint64
	byStep map[[2]style]uint64
	// full reports that enc reached the size its 32-bit offsets can address: later lines are
	// left unstyled.
	full bool
	// scratch holds a sequence being built.
	scratch []byte
}

// grow sizes the builder for about lines styled lines.
func (b *styleBuilder) grow(lines int) {
	b.s.at = slices.Grow(b.s.at, lines)
	b.s.off = slices.Grow(b.s.off, lines)
	// Two to five style changes of two bytes each make a typical coloured line.
	b.s.enc = slices.Grow(b.s.enc, 12*lines)
}

// begin starts styled line i, which must come after every line begun before. It reports false
// when the set is full and the line is to stay unstyled.
func (b *styleBuilder) begin(i int) bool {
	if b.full || len(b.s.enc) > math.MaxUint32-1<<20 {
		b.full = true
		return false
	}
	b.s.at = append(b.s.at, int32(i))
	b.s.off = append(b.s.off, uint32(len(b.s.enc)))
	b.last = 0
	return true
}

// insertText inserts seq at plain offset at of the current line.
func (b *styleBuilder) insertText(at int, seq string) {
	b.put(at, b.code(seq), seq)
}

// code returns the code of seq, adding it to the table if there is room.
func (b *styleBuilder) code(seq string) uint64 {
	if code, ok := b.bySeq[seq]; ok {
		return code
	}
	if len(b.s.seqs) >= maxSeqs {
		return uint64(len(seq))<<1 | 1
	}
	b.s.seqs = append(b.s.seqs, seq)
	code := uint64(len(b.s.seqs)-1) << 1
	if b.bySeq == nil {
		b.bySeq = map[string]uint64{}
	}
	b.bySeq[seq] = code
	return code
}

// insertStep inserts the sequence that changes style from to to at plain offset at of the
// current line.
func (b *styleBuilder) insertStep(at int, from, to style) {
	key := [2]style{from, to}
	code, ok := b.byStep[key]
	var seq string
	if !ok || code&1 == 1 {
		b.scratch = appendSGR(b.scratch[:0], from, to)
		seq = string(b.scratch)
		if !ok {
			code = b.code(seq)
			if b.byStep == nil {
				b.byStep = map[[2]style]uint64{}
			}
			if len(b.byStep) < maxSeqs {
				b.byStep[key] = code
			}
		}
	}
	b.put(at, code, seq)
}

// put appends one insertion: code (and seq, for an inline code) at plain offset at.
func (b *styleBuilder) put(at int, code uint64, seq string) {
	b.s.enc = binary.AppendUvarint(b.s.enc, uint64(at-b.last))
	b.s.enc = binary.AppendUvarint(b.s.enc, code)
	if code&1 == 1 {
		b.s.enc = append(b.s.enc, seq...)
	}
	b.last = at
}

// set returns the styles built, nil when no line is styled.
func (b *styleBuilder) set() *styleSet {
	if len(b.s.at) == 0 {
		return nil
	}
	s := b.s
	return &s
}
