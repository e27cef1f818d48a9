package logview

import (
	"math/bits"
	"sort"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Line kinds decide how cheaply a line can be wrapped and cut.
const (
	// kindASCII lines hold printable ASCII only, so byte offsets are cell columns.
	kindASCII uint8 = iota
	// kindNarrow lines have no grapheme wider than one cell, so a line of width w takes
	// ceil(w/textW) rows without walking it.
	kindNarrow
	// kindWide lines hold wide graphemes, which move to the next row when they do not fit; their
	// row count needs a walk.
	kindWide
)

// blockShift sets the block size of the row index: 64 lines per prefix-sum entry keeps the index
// at one int per 64 lines while a lookup scans at most 63 row counts.
const blockShift = 6

// layout is the wrap index for one text width. It is rebuilt, never edited, so Model copies can
// share it.
type layout struct {
	// textW is the number of cells for text on each row; gutterW the cells before it, of which
	// markW are the mark column and numW the line-number digits.
	textW, gutterW, markW, numW int
	// wrapped reports whether lines wrap; when false every line is one row.
	wrapped bool
	// wideRows holds the row counts of the wrapped lines with wide graphemes, which take a walk
	// to count; every other line's count follows from its width (see lineRows). A per-line
	// slice cost 4 bytes a line for what is, for nearly every line of a log, arithmetic.
	wideRows map[int]int
	// blocks[b] is the number of rows before line b<<blockShift; the last entry is the total.
	blocks []int
	// total is the number of screen rows of the whole content.
	total int
}

// clusterAt describes the printable unit at the start of s, which begins with a byte >= 0x80: its
// byte length, its width in cells, and whether it must be drawn as U+FFFD because it is invalid
// UTF-8 or a C1 control (which some terminals would execute).
func clusterAt(s string) (n, w int, bad bool) {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError && size <= 1 {
		return 1, 1, true
	}
	if r >= 0x80 && r <= 0x9f {
		return size, 1, true
	}
	// Grapheme segmentation costs far more than the rest of a frame, and CJK text is the common
	// non-ASCII in these logs. A simple wide rune followed by ASCII or another simple wide rune
	// is a cluster of its own: nothing in those ranges extends or joins a cluster.
	if simpleWide(r) {
		if size == len(s) || s[size] < 0x80 {
			return size, 2, false
		}
		if r2, _ := utf8.DecodeRuneInString(s[size:]); simpleWide(r2) {
			return size, 2, false
		}
	}
	c, w := ansi.FirstGraphemeCluster(s, ansi.GraphemeWidth)
	if len(c) == 0 {
		return size, 1, true
	}
	return len(c), w, false
}

// simpleWide reports whether r is a two-cell rune that never combines with its neighbours: CJK
// ideographs, kana, Hangul syllables, CJK punctuation and fullwidth forms. Combining marks in the
// same blocks (U+302A..U+302F, U+3099..U+309A) and narrow ones (U+303F) are left out.
func simpleWide(r rune) bool {
	switch {
	case r >= 0x4e00 && r <= 0x9fff, r >= 0x3400 && r <= 0x4dbf:
		return true
	case r >= 0x3000 && r <= 0x3029, r >= 0x3041 && r <= 0x3096, r >= 0x30a1 && r <= 0x30fa:
		return true
	case r >= 0xac00 && r <= 0xd7a3, r >= 0xff01 && r <= 0xff60:
		return true
	}
	return false
}

// measures holds every line's width and kind in about a third of a byte per line of ASCII text:
// a line of printable ASCII (nearly every line of a boot log) is as wide as it is long, so only
// its kind is kept, two bits of a word; the other lines' widths are kept in line order, and a
// line finds its width by counting the non-ASCII lines before it (rank). An int32 width and a
// byte of kind per line took 5 MB on a million lines.
type measures struct {
	plain lines
	// kinds holds two bits per line, 32 lines a word; rank[w] is the number of non-ASCII lines
	// before word w.
	kinds []uint64
	rank  []uint32
	// widths are the non-ASCII lines' widths, in line order; a width from longWidth up is in
	// long, by line.
	widths []uint16
	long   map[int]int
}

// longWidth is the width from which a non-ASCII line's width is kept in measures.long.
const longWidth = 1<<16 - 1

// measureLines computes every line's width and kind. It is the only whole-content pass.
func measureLines(plain lines) (ms measures, maxWidth int) {
	ms.plain = plain
	n := plain.len()
	ms.kinds = make([]uint64, (n+31)/32)
	ms.rank = make([]uint32, len(ms.kinds))
	for i := range n {
		s := plain.at(i)
		if i&31 == 0 {
			ms.rank[i>>5] = uint32(len(ms.widths))
		}
		w, k := measure(s)
		maxWidth = max(maxWidth, w)
		if k == kindASCII {
			continue
		}
		ms.kinds[i>>5] |= uint64(k) << (2 * (i & 31))
		if w >= longWidth {
			if ms.long == nil {
				ms.long = make(map[int]int)
			}
			ms.long[i] = w
		}
		ms.widths = append(ms.widths, uint16(min(w, longWidth)))
	}
	return ms, maxWidth
}

// width is line i's display width.
func (ms *measures) width(i int) int {
	if ms.kind(i) == kindASCII {
		return len(ms.plain.at(i))
	}
	// The non-ASCII lines before line i in its word: a line's two bits are non-zero exactly
	// when it is not ASCII.
	const low = 0x5555555555555555
	before := ms.kinds[i>>5] & (1<<(2*(i&31)) - 1)
	r := int(ms.rank[i>>5]) + bits.OnesCount64((before|before>>1)&low)
	if w := int(ms.widths[r]); w < longWidth {
		return w
	}
	return ms.long[i]
}

// kind is line i's kind.
func (ms *measures) kind(i int) uint8 { return uint8(ms.kinds[i>>5] >> (2 * (i & 31)) & 3) }

// measure returns the display width of one plain line and its kind.
func measure(s string) (int, uint8) {
	if isPrintableASCII(s) {
		return len(s), kindASCII
	}
	width, kind := 0, kindNarrow
	for i := 0; i < len(s); {
		b := s[i]
		if b < 0x80 {
			if b >= 0x20 && b < 0x7f {
				width++
			}
			i++
			continue
		}
		n, w, _ := clusterAt(s[i:])
		if w > 1 {
			kind = kindWide
		}
		width += w
		i += n
	}
	return width, kind
}

// isPrintableASCII reports whether s holds only bytes 0x20..0x7e. It tests eight bytes at a time,
// because this runs over every byte of the log when the content is set.
func isPrintableASCII(s string) bool {
	const ones = 0x0101010101010101
	const highs = 0x8080808080808080
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		// A byte is bad if its high bit is set, it is below 0x20, or it is 0x7f. x-0x20 per
		// byte borrows (sets the high bit) for bytes below 0x20; x+0x01 carries into the high
		// bit for 0x7f. Both tests are exact for bytes without the high bit.
		if x&highs != 0 {
			return false
		}
		if (x-0x20*ones)&^x&highs != 0 {
			return false
		}
		if (x+ones)&highs != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if b := s[i]; b < 0x20 || b >= 0x7f {
			return false
		}
	}
	return true
}

// gutterWidths returns the widths of the mark column, the line-number digits and the whole
// gutter for the current settings. A gutter that would leave no room for text is dropped.
func (m *Model) gutterWidths() (markW, numW, gutterW int) {
	if m.hasMarks() {
		markW = 1
	}
	if m.lineNumbers {
		numW = digits(m.gutterMax())
	}
	gutterW = markW
	if numW > 0 {
		gutterW += numW + 1
	}
	if m.width-gutterW < 1 {
		return 0, 0, 0
	}
	return markW, numW, gutterW
}

// digits is the number of decimal digits of n, at least 1.
func digits(n int) int {
	d := 1
	for n >= 10 {
		n /= 10
		d++
	}
	return d
}

// relayout rebuilds the wrap index for the current content, size and settings, and clamps the
// offsets. It keeps the old index when nothing it depends on changed.
func (m *Model) relayout() {
	markW, numW, gutterW := m.gutterWidths()
	textW := max(m.width-gutterW, 0)
	old := m.lay
	sameShape := old.textW == textW && old.wrapped == m.wrap && old.total != 0
	m.lay = layout{textW: textW, gutterW: gutterW, markW: markW, numW: numW, wrapped: m.wrap}
	if sameShape && len(old.blocks) == m.plain.len()>>blockShift+2 && m.wrap {
		m.lay.wideRows, m.lay.blocks, m.lay.total = old.wideRows, old.blocks, old.total
	} else {
		m.buildRows()
	}
	m.clamp()
}

// invalidate forces the next relayout to rebuild the row index (the content changed).
func (m *Model) invalidate() { m.lay = layout{} }

// relayoutKeep relayouts; with anchor it keeps the top line on top (or the bottom at the bottom),
// as when the text width changes under the operator, and otherwise keeps the row offset clamped.
func (m *Model) relayoutKeep(anchor bool) {
	if !anchor {
		m.invalidate()
		m.relayout()
		return
	}
	atBottom := m.lay.total > 0 && m.AtBottom() && m.yOffset > 0
	line, sub := m.lineAtRow(m.yOffset)
	m.relayout()
	if atBottom {
		m.GotoBottom()
		return
	}
	if line < m.plain.len() {
		m.yOffset = m.rowOfLine(line) + min(sub, m.lineRows(line)-1)
	}
	m.clamp()
}

// buildRows computes the per-line row counts and block prefix sums.
func (m *Model) buildRows() {
	n := m.plain.len()
	if !m.wrap {
		m.lay.total = n
		return
	}
	cw := max(m.lay.textW, 1)
	blocks := make([]int, (n>>blockShift)+2)
	var wide map[int]int
	total := 0
	for i := range n {
		if i&(1<<blockShift-1) == 0 {
			blocks[i>>blockShift] = total
		}
		r, walked := m.countRows(i, cw)
		if walked {
			if wide == nil {
				wide = make(map[int]int)
			}
			wide[i] = r
		}
		total += r
	}
	blocks[len(blocks)-1] = total
	if n&(1<<blockShift-1) == 0 {
		blocks[n>>blockShift] = total
	}
	m.lay.wideRows, m.lay.blocks, m.lay.total = wide, blocks, total
}

// countRows is the number of rows line i takes at text width cw (at least 1); walked reports a
// line with wide graphemes that had to be walked to count them.
func (m *Model) countRows(i, cw int) (rows int, walked bool) {
	w := m.meas.width(i)
	if w <= cw {
		return 1, false
	}
	if m.meas.kind(i) != kindWide {
		return (w + cw - 1) / cw, false
	}
	rows = 1
	walkCells(m.plain.at(i), cw, func(_, row, _, _ int) bool {
		rows = row + 1
		return true
	})
	return rows, true
}

// walkCells walks a plain line the way the renderer places it at text width cw: it calls fn with
// each printable unit's byte offset, row, first column and width (a unit wider than cw counts as
// cw cells). fn returns false to stop. Controls take no cells and are not reported.
func walkCells(s string, cw int, fn func(off, row, col, w int) bool) {
	row, col := 0, 0
	for i := 0; i < len(s); {
		b := s[i]
		n, w := 1, 1
		if b < 0x80 {
			if b < 0x20 || b == 0x7f {
				i++
				continue
			}
		} else {
			n, w, _ = clusterAt(s[i:])
		}
		w = min(w, cw)
		if col+w > cw && col > 0 {
			row, col = row+1, 0
		}
		if !fn(i, row, col, w) {
			return
		}
		col += w
		i += n
	}
}

// lineRows is the number of rows line i takes.
func (m *Model) lineRows(i int) int {
	if !m.lay.wrapped || i < 0 || i >= m.plain.len() {
		return 1
	}
	w, cw := m.meas.width(i), max(m.lay.textW, 1)
	switch {
	case w <= cw:
		return 1
	case m.meas.kind(i) == kindWide:
		if r, ok := m.lay.wideRows[i]; ok {
			return r
		}
		r, _ := m.countRows(i, cw)
		return r
	}
	return (w + cw - 1) / cw
}

// rowOfLine is the screen row, counted from the top of the content, of line i's first row.
func (m *Model) rowOfLine(i int) int {
	if !m.lay.wrapped {
		return i
	}
	i = max(0, min(i, m.plain.len()))
	b := i >> blockShift
	r := m.lay.blocks[b]
	for j := b << blockShift; j < i; j++ {
		r += m.lineRows(j)
	}
	return r
}

// lineAtRow maps a content row to its line and the row within that line. Rows past the end map to
// (TotalLineCount, 0).
func (m *Model) lineAtRow(row int) (line, sub int) {
	n := m.plain.len()
	if row < 0 {
		row = 0
	}
	if !m.lay.wrapped {
		return min(row, n), 0
	}
	if row >= m.lay.total {
		return n, 0
	}
	blocks := m.lay.blocks[:len(m.lay.blocks)-1]
	b := sort.Search(len(blocks), func(b int) bool { return blocks[b] > row }) - 1
	r := blocks[b]
	for i := b << blockShift; i < n; i++ {
		k := m.lineRows(i)
		if row < r+k {
			return i, row - r
		}
		r += k
	}
	return n, 0
}

// position returns where byte offset off of line i lands: the row within the line and the cell
// column (within the row when wrapped, within the line otherwise).
func (m *Model) position(i, off int) (row, col int) {
	s := m.plain.at(i)
	off = max(0, min(off, len(s)))
	if m.meas.kind(i) == kindASCII {
		if m.lay.wrapped && m.lay.textW > 0 {
			return off / m.lay.textW, off % m.lay.textW
		}
		return 0, off
	}
	cw := 1 << 30
	if m.lay.wrapped {
		cw = max(m.lay.textW, 1)
	}
	end := true
	lastRow, lastEnd := 0, 0
	walkCells(s, cw, func(o, r, c, w int) bool {
		if o >= off {
			row, col, end = r, c, false
			return false
		}
		lastRow, lastEnd = r, c+w
		return true
	})
	if end {
		return lastRow, lastEnd
	}
	return row, col
}
