package logview

import (
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

const (
	sgrReset = "\x1b[m"
	// replacement is drawn for invalid UTF-8 and C1 controls; it is one cell wide.
	replacement = "\uFFFD"
	// noWrap is the text width used to walk a line that is not wrapped.
	noWrap = 1 << 30
)

// Highlight states of a cell.
const (
	hlNone = iota
	hlMatch
	hlSelected
)

// frame is the per-View scratch state: the highlight and gutter codes and reusable buffers.
type frame struct {
	on, off  [3]string // SGR that starts and ends each highlight state
	gutterOn string
	gutterOf string
	sgr      []byte // SGR in effect at the walk position, re-emitted after a cut or highlight
	out      []byte // the row being built
}

// View renders exactly Height lines of exactly Width cells (rows are padded with spaces), joined
// by "\n". Only the visible rows are measured and drawn.
func (m Model) View() string {
	if m.height <= 0 {
		return ""
	}
	var f frame
	f.on[hlMatch], f.off[hlMatch] = styleCodes(m.HighlightStyle, "\x1b[7m")
	f.on[hlSelected], f.off[hlSelected] = styleCodes(m.SelectedHighlightStyle, "\x1b[1;4;7m")
	if m.lay.numW > 0 {
		f.gutterOn, f.gutterOf = styleCodes(m.GutterStyle, "")
	}

	var b strings.Builder
	b.Grow(m.height * (m.width + 24))
	rows := 0
	newRow := func() {
		if rows > 0 {
			b.WriteByte('\n')
		}
		rows++
	}
	line, sub := m.lineAtRow(m.yOffset)
	for ; rows < m.height && line < len(m.plain); line++ {
		want := 1
		if m.lay.wrapped {
			want = min(m.lineRows(line)-sub, m.height-rows)
		}
		k := sub
		m.renderLine(&f, line, sub, sub+want, func(text string, cells int) {
			newRow()
			m.writeGutter(&b, &f, line, k == 0)
			b.WriteString(text)
			writeSpaces(&b, m.lay.textW-cells)
			k++
		})
		sub = 0
	}
	for rows < m.height {
		newRow()
		writeSpaces(&b, m.width)
	}
	return b.String()
}

// writeGutter writes the mark column and line number for a row of line i; continuation rows of a
// wrapped line get a blank gutter so numbers count lines, not rows.
func (m *Model) writeGutter(b *strings.Builder, f *frame, i int, first bool) {
	if m.lay.markW > 0 {
		cells := 0
		if mark, ok := m.marks[i]; ok && first && mark != "" {
			// The mark gets its own scratch: the line's walk is still using f's.
			mf := frame{on: f.on}
			walkRow(&mf, mark, nil, -1, 0, 1, 0, 1, noWrap, func(text string, c int) {
				b.WriteString(text)
				cells = c
			})
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
	var num [20]byte
	digits := strconv.AppendInt(num[:0], int64(i+1), 10)
	writeSpaces(b, m.lay.numW-len(digits))
	b.WriteString(f.gutterOn)
	b.Write(digits)
	b.WriteString(f.gutterOf)
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

// renderLine draws rows [from, to) of line i (wrap on) or the visible cut of it (wrap off),
// calling emit with each row's text and its width in cells.
func (m *Model) renderLine(f *frame, i, from, to int, emit func(text string, cells int)) {
	styled, plain := m.styled[i], m.plain[i]
	hl, first := m.lineMatches(i)
	cw := m.lay.textW
	// Fast path: a line of printable ASCII without SGR or matches is its own cell array.
	if m.kinds[i] == kindASCII && len(hl) == 0 && len(styled) == len(plain) {
		if m.lay.wrapped {
			for r := from; r < to; r++ {
				a, z := min(r*cw, len(plain)), min((r+1)*cw, len(plain))
				emit(plain[a:z], z-a)
			}
			return
		}
		a, z := min(m.xOffset, len(plain)), min(m.xOffset+cw, len(plain))
		emit(plain[a:z], z-a)
		return
	}
	sel := -1
	if m.current >= first && m.current < first+len(hl) {
		sel = m.current - first
	}
	f.sgr = f.sgr[:0]
	if m.lay.wrapped {
		walkRow(f, styled, hl, sel, from, to, 0, cw, cw, emit)
		return
	}
	walkRow(f, styled, hl, sel, 0, 1, m.xOffset, m.xOffset+cw, noWrap, emit)
}

// walkRow walks a styled line, placing its graphemes on rows of wrapW cells, and emits rows
// [rowFrom, rowTo) cut to the cell columns [colFrom, colTo). hl are the line's matches as byte
// ranges into the plain line, which advances with every printable byte of the styled one; sel is
// the index of the selected match in hl or -1.
//
// SGR sequences are kept and accumulated, so a row that starts mid-line (a wrapped row, a panned
// cut, the text after a highlight) re-emits the style in effect, and every row that emitted any
// SGR ends with a reset: rows are self-contained like the lines they come from. Anything that is
// not printable text or SGR is dropped.
func walkRow(f *frame, s string, hl []Match, sel, rowFrom, rowTo, colFrom, colTo, wrapW int,
	emit func(text string, cells int)) {
	out := f.out[:0]
	row, col, pos, k := 0, 0, 0, 0
	cells, cur, started, dirty := 0, hlNone, false, false
	emitted := 0
	finish := func() {
		if dirty {
			out = append(out, sgrReset...)
		}
		emit(string(out), cells)
		emitted++
		out, cells, cur, started, dirty = out[:0], 0, hlNone, false, false
	}
	visibleRow := func() bool { return row >= rowFrom && row < rowTo }

walk:
	for i := 0; i < len(s); {
		c := s[i]
		if c == ansi.ESC {
			n, isSGR := escapeLen(s[i:])
			if isSGR {
				seq := s[i : i+n]
				if seq == sgrReset || seq == "\x1b[0m" {
					f.sgr = f.sgr[:0]
				} else {
					f.sgr = append(f.sgr, seq...)
				}
				if started && cur == hlNone {
					out = append(out, seq...)
					dirty = true
				}
			}
			i += n
			continue
		}
		n, w, bad := 1, 1, false
		if c < 0x80 {
			if c < 0x20 || c == 0x7f {
				i++
				pos++
				continue
			}
		} else {
			n, w, bad = clusterAt(s[i:])
		}
		// Place the grapheme: a wide one that does not fit moves to the next row, as in
		// walkCells, which the wrap index is built with.
		draw := w
		if wrapW != noWrap {
			draw = min(w, wrapW)
			if col+draw > wrapW && col > 0 {
				if visibleRow() {
					finish()
				}
				row, col = row+1, 0
				if row >= rowTo {
					break walk
				}
			}
		}
		if !visibleRow() {
			col += draw
			i += n
			pos += n
			continue
		}
		// Cut to [colFrom, colTo): a grapheme straddling an edge is drawn as blanks for its
		// visible cells so the row keeps its width.
		start, end := max(col, colFrom), min(col+draw, colTo)
		if col >= colTo {
			break walk
		}
		if end > start || (draw == 0 && col >= colFrom) {
			for k < len(hl) && hl[k].End <= pos {
				k++
			}
			h := hlNone
			if k < len(hl) && hl[k].Start < pos+n {
				h = hlMatch
				if k == sel {
					h = hlSelected
				}
			}
			if !started {
				started = true
				if h == hlNone && len(f.sgr) > 0 {
					out = append(out, f.sgr...)
					dirty = true
				}
			}
			if h != cur {
				out = append(out, sgrReset...)
				if h == hlNone {
					out = append(out, f.sgr...)
				} else {
					out = append(out, f.on[h]...)
				}
				cur, dirty = h, true
			}
			switch {
			case end-start < draw || draw < w:
				out = append(out, spaces[:end-start]...)
			case bad:
				out = append(out, replacement...)
			default:
				out = append(out, s[i:i+n]...)
			}
			cells += end - start
		}
		col += draw
		i += n
		pos += n
	}
	if visibleRow() {
		finish()
	}
	for emitted < rowTo-rowFrom {
		emit("", 0)
		emitted++
	}
	f.out = out
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
