package logview

import (
	"sort"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

const (
	sgrReset = "\x1b[m"
	// replacement is drawn for invalid UTF-8 and C1 controls; it is one cell wide.
	replacement = "\uFFFD"
	// maxSGRState bounds the SGR re-emitted at the start of a row.
	maxSGRState = 512
	// noWrap is the row width used to walk a line that is not wrapped.
	noWrap = 1 << 30
)

// Highlight states of a cell.
const (
	hlNone = iota
	hlMatch
	hlSelected
)

// sink receives rendered rows. For the view it writes each row with its gutter and padding; for
// a gutter mark (mark true) it only keeps the text and its width.
type sink struct {
	b         *strings.Builder
	m         *Model
	line, sub int
	rows      int
	gutterOn  string
	gutterOff string
	mark      bool
	markCells int
}

// row takes one rendered row: its text (in text or raw, the other empty; raw is only valid during
// the call) and its width in cells.
func (k *sink) row(text string, raw []byte, cells int) {
	if k.mark {
		k.b.Write(raw)
		k.markCells = cells
		return
	}
	k.newRow()
	k.m.writeGutter(k.b, k.line, k.sub == 0, k.gutterOn, k.gutterOff)
	k.b.WriteString(text)
	k.b.Write(raw)
	writeSpaces(k.b, k.m.lay.textW-cells)
	k.sub++
}

// newRow starts a row, separating it from the previous one.
func (k *sink) newRow() {
	if k.rows > 0 {
		k.b.WriteByte('\n')
	}
	k.rows++
}

// frame is the per-View scratch state: highlight codes, computed only when a visible line has
// matches (lipgloss rendering is the most expensive thing in a frame otherwise), and reusable
// buffers.
type frame struct {
	m        *Model
	codesSet bool
	on, off  [3]string // SGR that starts and ends each highlight state
	sgr      []byte    // SGR in effect at the walk position, re-emitted after a cut or highlight
	out      []byte    // the row being built
}

// codes makes sure the highlight codes are computed.
func (f *frame) codes() {
	if f.codesSet {
		return
	}
	f.codesSet = true
	f.on[hlMatch], f.off[hlMatch] = styleCodes(f.m.HighlightStyle, "\x1b[7m")
	f.on[hlSelected], f.off[hlSelected] = styleCodes(f.m.SelectedHighlightStyle, "\x1b[1;4;7m")
}

// View renders exactly Height lines of exactly Width cells (rows are padded with spaces), joined
// by "\n". Only the visible rows are measured and drawn.
func (m Model) View() string {
	if m.height <= 0 {
		return ""
	}
	f := frame{m: &m, out: make([]byte, 0, 512)}
	var b strings.Builder
	// Highlight and colour codes can double a row; growing once is cheaper than twice.
	b.Grow(m.height * (2*m.width + 64))
	k := sink{b: &b, m: &m}
	if m.lay.numW > 0 {
		k.gutterOn, k.gutterOff = styleCodes(m.GutterStyle, "")
	}
	line, sub := m.lineAtRow(m.yOffset)
	for ; k.rows < m.height && line < m.plain.len(); line++ {
		want := 1
		if m.lay.wrapped {
			want = min(m.lineRows(line)-sub, m.height-k.rows)
		}
		k.line, k.sub = line, sub
		m.renderLine(&f, &k, line, sub, sub+want)
		sub = 0
	}
	for k.rows < m.height {
		k.newRow()
		writeSpaces(&b, m.width)
	}
	return b.String()
}

// writeGutter writes the mark column and line number for a row of line i; continuation rows of a
// wrapped line get a blank gutter so numbers count lines, not rows.
func (m *Model) writeGutter(b *strings.Builder, i int, first bool, on, off string) {
	if m.lay.markW > 0 {
		cells := 0
		if mark := m.markOf(i); first && mark != "" {
			// The mark gets its own scratch frame: the line's walk is still using its own.
			mf := frame{m: m}
			mk := sink{b: b, mark: true}
			w := walker{f: &mf, k: &mk, s: mark, sel: -1, rowTo: 1, colTo: 1, wrapW: noWrap}
			w.run()
			cells = mk.markCells
		}
		writeSpaces(b, m.lay.markW-cells)
	}
	if m.lay.numW == 0 {
		return
	}
	if !first {
		writeSpaces(b, m.lay.numW+1)
		return
	}
	n := i + 1
	if m.numbers != nil {
		n = m.numbers(i)
	}
	if n <= 0 {
		writeSpaces(b, m.lay.numW+1)
		return
	}
	var num [20]byte
	digits := strconv.AppendInt(num[:0], int64(n), 10)
	writeSpaces(b, m.lay.numW-len(digits))
	b.WriteString(on)
	b.Write(digits)
	b.WriteString(off)
	b.WriteByte(' ')
}

// spaces is a run of blanks for padding.
var spaces = strings.Repeat(" ", 256)

// writeSpaces writes n spaces (nothing for n <= 0).
func writeSpaces(b *strings.Builder, n int) {
	for n > 0 {
		k := min(n, len(spaces))
		b.WriteString(spaces[:k])
		n -= k
	}
}

// renderLine draws rows [from, to) of line i (wrap on) or the visible cut of it (wrap off).
func (m *Model) renderLine(f *frame, k *sink, i, from, to int) {
	styled, plain := m.styledLine(i), m.plain.at(i)
	hl, first := m.lineMatches(i)
	cw := m.lay.textW
	// Fast path: a line of printable ASCII without SGR or matches is its own cell array.
	if m.meas.kind(i) == kindASCII && len(hl) == 0 && len(styled) == len(plain) {
		if m.lay.wrapped {
			for r := from; r < to; r++ {
				a, z := min(r*cw, len(plain)), min((r+1)*cw, len(plain))
				k.row(plain[a:z], nil, z-a)
			}
			return
		}
		a, z := min(m.xOffset, len(plain)), min(m.xOffset+cw, len(plain))
		k.row(plain[a:z], nil, z-a)
		return
	}
	sel := -1
	if m.current >= first && m.current < first+len(hl) {
		sel = m.current - first
	}
	if len(hl) > 0 {
		f.codes()
	}
	f.sgr = f.sgr[:0]
	w := walker{f: f, k: k, s: styled, hl: hl, sel: sel, uniform: m.meas.kind(i) == kindASCII}
	if m.lay.wrapped {
		w.rowFrom, w.rowTo, w.colFrom, w.colTo, w.wrapW = from, to, 0, cw, cw
	} else {
		w.rowFrom, w.rowTo, w.colFrom, w.colTo, w.wrapW = 0, 1, m.xOffset, m.xOffset+cw, noWrap
	}
	if m.cache != nil && len(styled) >= cacheMinLen {
		m.cache.mu.Lock()
		defer m.cache.mu.Unlock()
		w.cps = m.cache.lookup(cacheKey{gen: m.gen, line: i, wrapW: w.wrapW})
	}
	w.run()
}

// styledLine returns line i styled. A long line's styled text is kept in the cache for later
// frames, since building it costs a pass over the line.
func (m *Model) styledLine(i int) string {
	switch {
	case m.styled == nil:
		return m.plain.at(i)
	case m.cache == nil || len(m.plain.at(i)) < cacheMinLen:
		return m.styled(i)
	}
	m.cache.mu.Lock()
	defer m.cache.mu.Unlock()
	return m.cache.styledLine(m.gen, i, m.styled)
}

// walker walks a styled line, placing its graphemes on rows of wrapW cells, and emits rows
// [rowFrom, rowTo) cut to the cell columns [colFrom, colTo). hl are the line's matches as byte
// ranges into the plain line, whose position advances with every printable byte of the styled
// one; sel is the index of the selected match in hl or -1.
//
// SGR sequences are kept and accumulated, so a row that starts mid-line (a wrapped row, a panned
// cut, the text after a highlight) re-emits the style in effect, and every row that emitted any
// SGR ends with a reset: rows are self-contained like the lines they come from. Anything that is
// not printable text or SGR is dropped. The placement rule (a grapheme that does not fit moves to
// the next row; one wider than a row is drawn as blanks) is the one walkCells uses to build the
// wrap index.
type walker struct {
	k                                      *sink
	f                                      *frame
	s                                      string
	hl                                     []Match
	sel                                    int
	rowFrom, rowTo, colFrom, colTo, wrapW  int
	out                                    []byte
	row, col, pos, hi, cells, cur, emitted int
	started, dirty                         bool
	// uniform is set for lines whose plain text is printable ASCII: one cell per byte.
	uniform bool
	// cps, for a long line, are its checkpoints: the walk resumes from one and adds more.
	cps *checkpoints
}

// run walks the whole line (or until the last wanted row or column).
func (w *walker) run() {
	w.out = w.f.out[:0]
	s := w.s
	i := w.resume()
	for i < len(s) {
		c := s[i]
		if w.cps != nil && c >= 0x20 && c != 0x7f && w.progress() >= w.cps.next {
			w.cps.record(checkpoint{i: i, pos: w.pos, row: w.row, col: w.col, abs: w.progress(), sgr: string(w.f.sgr)})
		}
		switch {
		case c >= 0x20 && c < 0x7f:
			if w.uniform && w.before() {
				// Text before the wanted rows or columns of a one-cell-per-byte line is
				// skipped by arithmetic, up to the next escape, so a position deep in a
				// huge line costs a byte search, not a walk.
				j := len(s)
				if e := strings.IndexByte(s[i:], ansi.ESC); e >= 0 {
					j = i + e
				}
				i = w.skipASCII(i, j)
				continue
			}
			// A run of printable ASCII is placed in bulk: one cell per byte.
			j := i + 1
			for j < len(s) && s[j] >= 0x20 && s[j] < 0x7f {
				j++
			}
			if !w.ascii(i, j) {
				w.end()
				return
			}
			i = j
		case c == ansi.ESC:
			n, isSGR := escapeLen(s[i:])
			if isSGR {
				w.sgr(s[i : i+n])
			}
			i += n
		case c < 0x80:
			// C0 control or DEL: dropped, but it is part of the plain text.
			i++
			w.pos++
		default:
			n, cw, bad := clusterAt(s[i:])
			if !w.cluster(i, n, cw, bad) {
				w.end()
				return
			}
			i += n
		}
	}
	w.end()
}

// progress is how far the walk is, in cells: rows times the row width plus the column when
// wrapped, the column otherwise.
func (w *walker) progress() int {
	if w.wrapW != noWrap {
		return w.row*w.wrapW + w.col
	}
	return w.col
}

// resume restores the walk from the last checkpoint before the wanted rows or columns and
// returns the byte index to continue at (0 without one).
func (w *walker) resume() int {
	if w.cps == nil {
		return 0
	}
	target := w.colFrom
	if w.wrapW != noWrap {
		target = w.rowFrom * w.wrapW
	}
	cp, ok := w.cps.before(target)
	if !ok {
		return 0
	}
	w.pos, w.row, w.col = cp.pos, cp.row, cp.col
	w.f.sgr = append(w.f.sgr[:0], cp.sgr...)
	return cp.i
}

// sgr records an SGR sequence and passes it through when the row is drawing unhighlighted text.
func (w *walker) sgr(seq string) {
	switch {
	case seq == sgrReset || seq == "\x1b[0m":
		w.f.sgr = w.f.sgr[:0]
	case strings.HasPrefix(seq, "\x1b[0;") || len(w.f.sgr)+len(seq) > maxSGRState:
		// A sequence that starts with a reset is the whole state on its own; the console
		// package writes every style change that way, so the state stays one sequence long.
		// Content that piles up changes without a reset is cut off at maxSGRState and keeps
		// only its latest change: wrong colour at worst, never unbounded work per row.
		w.f.sgr = append(w.f.sgr[:0], seq...)
	default:
		w.f.sgr = append(w.f.sgr, seq...)
	}
	if w.started && w.cur == hlNone {
		w.out = append(w.out, seq...)
		w.dirty = true
	}
}

// visibleRow reports whether the current row is wanted.
func (w *walker) visibleRow() bool { return w.row >= w.rowFrom && w.row < w.rowTo }

// nextRow ends the current row; it reports false when no wanted row is left.
func (w *walker) nextRow() bool {
	if w.visibleRow() {
		w.finish()
	}
	w.row, w.col = w.row+1, 0
	return w.row < w.rowTo
}

// ascii places the printable ASCII bytes s[i:j]; it reports false when the walk can stop.
func (w *walker) ascii(i, j int) bool {
	for i < j {
		n := j - i
		if w.wrapW != noWrap {
			if w.col >= w.wrapW && !w.nextRow() {
				return false
			}
			n = min(n, w.wrapW-w.col)
		}
		if !w.visibleRow() {
			w.skip(n)
			i += n
			continue
		}
		if w.col >= w.colTo {
			return false
		}
		if w.col < w.colFrom {
			n = min(n, w.colFrom-w.col)
			w.skip(n)
			i += n
			continue
		}
		n = min(n, w.colTo-w.col)
		// The state of the first byte holds until limit.
		h, limit := w.highlightAt(w.pos + 1)
		n = max(1, min(n, limit-w.pos))
		w.begin(h)
		w.out = append(w.out, w.s[i:i+n]...)
		w.cells += n
		w.skip(n)
		i += n
	}
	return true
}

// before reports whether the walk has not reached the wanted rows (wrap) or columns (no wrap).
func (w *walker) before() bool {
	if w.wrapW != noWrap {
		return w.row < w.rowFrom
	}
	return w.col < w.colFrom
}

// skipASCII moves past the one-cell bytes s[i:j] that come before the wanted rows or columns and
// returns the index of the first byte it did not skip. It is only used on lines whose plain text
// is printable ASCII, where every row but the last is exactly wrapW cells. Because it never draws,
// it cannot pass through a byte the contract says is absent.
func (w *walker) skipASCII(i, j int) int {
	if w.wrapW != noWrap {
		abs := w.row*w.wrapW + w.col
		k := min(j-i, w.rowFrom*w.wrapW-abs)
		abs += k
		// A row that is exactly full is the same as the next row not yet started: the next
		// byte lands at column 0 of the next row either way.
		w.row, w.col, w.pos = abs/w.wrapW, abs%w.wrapW, w.pos+k
		return i + k
	}
	k := min(j-i, w.colFrom-w.col)
	w.col += k
	w.pos += k
	return i + k
}

// skip advances past n one-cell bytes.
func (w *walker) skip(n int) {
	w.col += n
	w.pos += n
}

// cluster places one non-ASCII grapheme of n bytes and width cw at s[i:]; it reports false when
// the walk can stop.
func (w *walker) cluster(i, n, cw int, bad bool) bool {
	draw := cw
	if w.wrapW != noWrap {
		draw = min(cw, w.wrapW)
		if w.col+draw > w.wrapW && w.col > 0 && !w.nextRow() {
			return false
		}
	}
	if !w.visibleRow() {
		w.col += draw
		w.pos += n
		return true
	}
	if w.col >= w.colTo {
		return false
	}
	// A grapheme straddling a cut edge is drawn as blanks for its visible cells so the row keeps
	// its width.
	start, end := max(w.col, w.colFrom), min(w.col+draw, w.colTo)
	if end > start || (draw == 0 && w.col >= w.colFrom) {
		h, _ := w.highlightAt(w.pos + n)
		w.begin(h)
		switch {
		case end-start < draw || draw < cw:
			w.out = append(w.out, spaces[:end-start]...)
		case bad:
			w.out = append(w.out, replacement...)
		default:
			w.out = append(w.out, w.s[i:i+n]...)
		}
		w.cells += end - start
	}
	w.col += draw
	w.pos += n
	return true
}

// highlightAt returns the highlight state of the text from the current plain position to next
// (exclusive), and the plain position where that state may change.
func (w *walker) highlightAt(next int) (h, limit int) {
	if w.hi < len(w.hl) && w.hl[w.hi].End <= w.pos {
		// Find the first match that has not ended by binary search: a huge line can hold
		// tens of thousands of matches before the visible part.
		rest := w.hl[w.hi:]
		k := sort.Search(len(rest), func(k int) bool { return rest[k].Start > w.pos })
		if k > 0 && rest[k-1].End > w.pos {
			k--
		}
		w.hi += k
		for w.hi < len(w.hl) && w.hl[w.hi].End <= w.pos {
			w.hi++
		}
	}
	if w.hi == len(w.hl) {
		return hlNone, noWrap
	}
	x := w.hl[w.hi]
	if x.Start >= next {
		return hlNone, x.Start
	}
	h = hlMatch
	if w.hi == w.sel {
		h = hlSelected
	}
	return h, x.End
}

// begin prepares the row for text in highlight state h: the style in effect at the start of a
// row, and a switch of style when the highlight state changes.
func (w *walker) begin(h int) {
	if !w.started {
		w.started = true
		if h == hlNone && len(w.f.sgr) > 0 {
			w.out = append(w.out, w.f.sgr...)
			w.dirty = true
		}
	}
	if h != w.cur {
		w.out = append(w.out, sgrReset...)
		if h == hlNone {
			w.out = append(w.out, w.f.sgr...)
		} else {
			w.out = append(w.out, w.f.on[h]...)
		}
		w.cur, w.dirty = h, true
	}
}

// finish emits the current row, closing its style.
func (w *walker) finish() {
	if w.dirty {
		w.out = append(w.out, sgrReset...)
	}
	w.k.row("", w.out, w.cells)
	w.emitted++
	w.out, w.cells, w.cur, w.started, w.dirty = w.out[:0], 0, hlNone, false, false
}

// end emits the last row and blank rows for any wanted row the line does not reach.
func (w *walker) end() {
	if w.visibleRow() {
		w.finish()
	}
	for w.emitted < w.rowTo-w.rowFrom {
		w.k.row("", nil, 0)
		w.emitted++
	}
	w.f.out = w.out
}

// escapeLen returns the length of the escape sequence at the start of s (which begins with ESC)
// and whether it is an SGR sequence (CSI with only digits, ';' and ':' before 'm').
func escapeLen(s string) (int, bool) {
	if len(s) < 2 {
		return len(s), false
	}
	if s[1] != '[' {
		return 2, false
	}
	j, sgrParams := 2, true
	for j < len(s) && s[j] >= 0x30 && s[j] <= 0x3f {
		if s[j] > ';' {
			sgrParams = false
		}
		j++
	}
	params := j
	for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f {
		j++
	}
	if j < len(s) && s[j] >= 0x40 && s[j] <= 0x7e {
		return j + 1, s[j] == 'm' && params == j && sgrParams
	}
	return j, false
}

// styleCodes returns the SGR a lipgloss style puts before and after text. A style that adds
// anything else (padding, borders, hyperlinks) gets fallback instead, so highlighting never
// changes a row's width.
func styleCodes(st lipgloss.Style, fallback string) (on, off string) {
	const marker = "x"
	r := st.Render(marker)
	i := strings.Index(r, marker)
	if i >= 0 && sgrOnly(r[:i]) && sgrOnly(r[i+1:]) {
		return r[:i], r[i+1:]
	}
	if fallback == "" {
		return "", ""
	}
	return fallback, sgrReset
}

// sgrOnly reports whether s is a sequence of SGR escape sequences and nothing else.
func sgrOnly(s string) bool {
	for i := 0; i < len(s); {
		if s[i] != ansi.ESC {
			return false
		}
		n, ok := escapeLen(s[i:])
		if !ok {
			return false
		}
		i += n
	}
	return true
}
