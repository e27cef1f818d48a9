package console

// The line under the cursor has two representations.
//
// Append mode is the fast path, taken by almost every line of a boot log: the cursor sits at the end
// of the line, so text is appended straight into the document's plain-text buffer and only style
// changes (runs) and multi-byte clusters (segs) are recorded on the side.
//
// Overwrite mode is entered the first time something lands left of the end of the line (after a
// lone CR, a backspace, a cursor move or an erase of the left part). The line becomes a slice of
// cells, one per column, so later text replaces what the screen showed there. At the end of the
// line the cells are flattened back into the document buffer.

// run marks where a style starts, as a byte offset from the start of the line.
type run struct {
	off int
	st  style
}

// seg records a cluster that is not a single ASCII byte in an append-mode line, so that the
// conversion to cells knows its exact byte length and width without segmenting the text again.
type seg struct {
	off, n, w int
}

// cell is one column of an overwrite-mode line. A cluster w columns wide has a lead cell holding its
// text (arena[off:off+n]) followed by w-1 continuation cells with n == 0 and w == 0.
type cell struct {
	off, n uint32
	w      uint32
	st     style
}

// blankCell is an unstyled space; the arena of every overwrite-mode line starts with that space.
var blankCell = cell{off: 0, n: 1, w: 1}

// maxAttachBytes caps the text of a cell that zero-width clusters are attached to in overwrite
// mode. Each attach may have to move the cell's text, so without a cap, input that alternates
// attaching to one cell with writing another would take quadratic time. Terminals cap combining
// marks per cell too (xterm keeps two); 64 bytes is far more than any real text needs.
const maxAttachBytes = 64

// line is the state of the line under the cursor.
type line struct {
	start int   // offset of the line's text in renderer.plain (append mode)
	runs  []run // style changes, append mode
	segs  []seg // non-ASCII clusters, append mode
	width int   // columns the line occupies
	col   int   // cursor column; may lie beyond width after a cursor move
	over  bool  // overwrite mode
	blank int   // overwrite mode: cells[:blank] are known to be blank (see eraseToStart)
	cells []cell
	arena []byte
}

// lastStyle is the style in effect at the end of an append-mode line.
func (l *line) lastStyle() style {
	if n := len(l.runs); n > 0 {
		return l.runs[n-1].st
	}
	return style{}
}

// setStyle makes st the style of the text appended next.
func (r *renderer) setStyle(st style) {
	l := &r.ln
	if st == l.lastStyle() {
		return
	}
	off := len(r.plain) - l.start
	if n := len(l.runs); n > 0 && l.runs[n-1].off == off {
		// Nothing was written in the previous style; replace it, and drop the run entirely if
		// that makes it a no-op.
		prev := style{}
		if n > 1 {
			prev = l.runs[n-2].st
		}
		if st == prev {
			l.runs = l.runs[:n-1]
		} else {
			l.runs[n-1].st = st
		}
		return
	}
	l.runs = append(l.runs, run{off: off, st: st})
}

// padTo fills the gap between the end of an append-mode line and the cursor with unstyled spaces,
// which is what the cells a cursor move skipped over show on a terminal.
func (r *renderer) padTo() {
	l := &r.ln
	r.setStyle(style{})
	for l.width < l.col {
		r.plain = append(r.plain, ' ')
		l.width++
	}
}

// writeASCII writes a run of printable ASCII bytes, one column each.
func (r *renderer) writeASCII(s string, st style) {
	l := &r.ln
	if !l.over {
		if l.col >= l.width {
			if l.col > l.width {
				r.padTo()
			}
			r.setStyle(st)
			r.plain = append(r.plain, s...)
			l.col += len(s)
			l.width = l.col
			return
		}
		if len(l.segs) == 0 && len(l.runs) == 0 && st == (style{}) {
			// An unstyled ASCII line overwritten with unstyled ASCII (every redraw in plain
			// mode, most progress counters in colour mode): columns are byte offsets, so the
			// bytes can be replaced where they are.
			at := l.start + l.col
			k := copy(r.plain[at:], s)
			r.plain = append(r.plain, s[k:]...)
			l.col += len(s)
			l.width = max(l.width, l.col)
			return
		}
		r.toOverwrite()
	}
	for k := 0; k < len(s); k++ {
		r.putCell(s[k:k+1], 1, st)
	}
}

// writeCluster writes one grapheme cluster that occupies w >= 1 columns.
func (r *renderer) writeCluster(s string, w int, st style) {
	l := &r.ln
	if !l.over {
		if l.col >= l.width {
			if l.col > l.width {
				r.padTo()
			}
			r.setStyle(st)
			l.segs = append(l.segs, seg{off: len(r.plain) - l.start, n: len(s), w: w})
			r.plain = append(r.plain, s...)
			l.col += w
			l.width = l.col
			return
		}
		r.toOverwrite()
	}
	r.putCell(s, w, st)
}

// attach adds a zero-width cluster (a combining mark or joiner that the grapheme segmenter could
// not join because something came between) to the cell left of the cursor, as a terminal does.
// With no cell there it has nothing to combine with and is dropped; it would not be visible.
func (r *renderer) attach(s string) {
	l := &r.ln
	if l.col == 0 || l.col > l.width {
		return
	}
	if !l.over && l.col == l.width {
		end := len(r.plain) - l.start
		if n := len(l.segs); n > 0 && l.segs[n-1].off+l.segs[n-1].n == end {
			l.segs[n-1].n += len(s)
		} else {
			// Every append-mode cell that is not a seg is a single ASCII byte.
			l.segs = append(l.segs, seg{off: end - 1, n: 1 + len(s), w: 1})
		}
		r.plain = append(r.plain, s...)
		return
	}
	r.toOverwrite()
	k := l.col - 1
	for k > 0 && l.cells[k].w == 0 {
		k--
	}
	c := &l.cells[k]
	if int(c.n)+len(s) > maxAttachBytes {
		return
	}
	if int(c.off+c.n) != len(l.arena) {
		// Move the cell's text to the end of the arena so that it can grow in place.
		off := len(l.arena)
		l.arena = append(l.arena, l.arena[c.off:c.off+c.n]...)
		c.off = uint32(off)
	}
	l.arena = append(l.arena, s...)
	c.n += uint32(len(s))
	l.blank = min(l.blank, k)
}

// toOverwrite converts the append-mode line into cells.
func (r *renderer) toOverwrite() {
	l := &r.ln
	if l.over {
		return
	}
	l.over = true
	l.blank = 0
	text := r.plain[l.start:]
	l.arena = append(l.arena[:0], ' ')
	l.arena = append(l.arena, text...)
	l.cells = l.cells[:0]
	ri, si := 0, 0
	cur := style{}
	for off := 0; off < len(text); {
		for ri < len(l.runs) && l.runs[ri].off <= off {
			cur = l.runs[ri].st
			ri++
		}
		if si < len(l.segs) && l.segs[si].off == off {
			sg := l.segs[si]
			si++
			l.cells = append(l.cells, cell{off: uint32(1 + off), n: uint32(sg.n), w: uint32(sg.w), st: cur})
			for k := 1; k < sg.w; k++ {
				l.cells = append(l.cells, cell{st: cur})
			}
			off += sg.n
			continue
		}
		l.cells = append(l.cells, cell{off: uint32(1 + off), n: 1, w: 1, st: cur})
		off++
	}
	r.plain = r.plain[:l.start]
	l.runs, l.segs = l.runs[:0], l.segs[:0]
	l.width = len(l.cells)
}

// breakCluster blanks every column of the cluster that covers column t, unless that cluster is one
// column wide. Overwriting or erasing part of a wide character destroys all of it on a terminal.
func (l *line) breakCluster(t int) {
	c := l.cells[t]
	if c.w == 1 {
		return
	}
	k := t
	for k > 0 && l.cells[k].w == 0 {
		k--
	}
	w := int(l.cells[k].w)
	if w < 1 {
		w = 1
	}
	for j := k; j < k+w && j < len(l.cells); j++ {
		l.cells[j] = blankCell
	}
}

// putCell writes one cluster at the cursor of an overwrite-mode line.
func (r *renderer) putCell(s string, w int, st style) {
	l := &r.ln
	col := l.col
	for t := col; t < col+w && t < len(l.cells); t++ {
		l.breakCluster(t)
	}
	for len(l.cells) < col+w {
		l.cells = append(l.cells, blankCell)
	}
	l.blank = min(l.blank, col)
	off := len(l.arena)
	l.arena = append(l.arena, s...)
	l.cells[col] = cell{off: uint32(off), n: uint32(len(s)), w: uint32(w), st: st}
	for k := 1; k < w; k++ {
		l.cells[col+k] = cell{st: st}
	}
	l.col += w
	l.width = len(l.cells)
}

// eraseToEnd implements ESC[K and ESC[0K: the cursor column and everything right of it.
func (r *renderer) eraseToEnd() {
	l := &r.ln
	if l.col >= l.width {
		return
	}
	if !l.over && len(l.segs) == 0 {
		// Pure ASCII: columns are byte offsets, so the line can be cut without converting it.
		r.plain = r.plain[:l.start+l.col]
		for n := len(l.runs); n > 0 && l.runs[n-1].off >= l.col; n-- {
			l.runs = l.runs[:n-1]
		}
		l.width = l.col
		return
	}
	r.toOverwrite()
	l.breakCluster(l.col)
	l.cells = l.cells[:l.col]
	l.width = l.col
	l.blank = min(l.blank, l.col)
}

// eraseToStart implements ESC[1K: everything from the start of the line through the cursor column.
func (r *renderer) eraseToStart() {
	l := &r.ln
	if l.width == 0 {
		return
	}
	r.toOverwrite()
	end := min(l.col, len(l.cells)-1)
	l.breakCluster(end)
	// Cells left of l.blank are already blank, so repeated ESC[1K costs nothing; without this a
	// long line followed by many ESC[1K would take quadratic time.
	for t := l.blank; t <= end; t++ {
		l.cells[t] = blankCell
	}
	l.blank = max(l.blank, end+1)
}

// eraseLine implements ESC[2K. The cursor keeps its column; the line returns to append mode.
func (r *renderer) eraseLine() {
	l := &r.ln
	r.plain = r.plain[:l.start]
	l.runs, l.segs, l.cells = l.runs[:0], l.segs[:0], l.cells[:0]
	l.over = false
	l.width = 0
}

// flushCells turns an overwrite-mode line back into append-mode text and runs.
func (r *renderer) flushCells() {
	l := &r.ln
	l.over = false
	for _, c := range l.cells {
		if c.n == 0 {
			continue
		}
		r.setStyle(c.st)
		r.plain = append(r.plain, l.arena[c.off:c.off+c.n]...)
	}
}
