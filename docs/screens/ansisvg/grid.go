package main

import (
	"strconv"
	"strings"
)

// Color is a terminal colour: the terminal's default when Set is false, else an RGB value.
type Color struct {
	Set     bool
	R, G, B uint8
}

// Style is the SGR state of one cell.
type Style struct {
	FG, BG                                Color
	Bold, Dim, Italic, Underline, Reverse bool
	Strike, Hidden                        bool
}

// Cell is one terminal cell. Wide is set on the first cell of a double-width rune; the cell after
// it is a Spacer, which draws nothing of its own.
type Cell struct {
	R      rune
	Style  Style
	Wide   bool
	Spacer bool
}

// Grid is a screen of Rows by Cols cells, as a terminal of that size would show the capture.
type Grid struct {
	Cols, Rows int
	Cells      [][]Cell
}

// Parse lays out an ANSI capture on a cols×rows grid. Only SGR (CSI … m) changes the picture;
// other escape sequences are skipped, and text past the grid's edge is dropped, so any input gives
// a grid and never an error. As in a terminal, the SGR state carries over line ends.
func Parse(s string, cols, rows int) *Grid {
	g := &Grid{Cols: cols, Rows: rows, Cells: make([][]Cell, rows)}
	for r := range g.Cells {
		g.Cells[r] = make([]Cell, cols)
		for c := range g.Cells[r] {
			g.Cells[r][c].R = ' '
		}
	}
	var st Style
	row, col := 0, 0
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == 0x1b:
			i = skipEscape(rs, i, &st)
		case r == '\n':
			row, col = row+1, 0
		case r == '\r':
			col = 0
		case r == '\t':
			col = min((col/8+1)*8, cols)
		case r < 0x20 || r == 0x7f:
			// Other control characters move nothing in a capture.
		default:
			w := runeWidth(r)
			if w == 0 || row >= rows || col+w > cols {
				continue
			}
			g.Cells[row][col] = Cell{R: r, Style: st, Wide: w == 2}
			if w == 2 {
				g.Cells[row][col+1] = Cell{R: ' ', Style: st, Spacer: true}
			}
			col += w
		}
	}
	return g
}

// skipEscape consumes the escape sequence starting at rs[i] (an ESC), applies it to st when it is
// SGR, and returns the index of its last rune.
func skipEscape(rs []rune, i int, st *Style) int {
	if i+1 >= len(rs) {
		return i
	}
	switch rs[i+1] {
	case '[':
		j := i + 2
		for j < len(rs) && (rs[j] < 0x40 || rs[j] > 0x7e) {
			j++
		}
		if j < len(rs) && rs[j] == 'm' {
			applySGR(st, string(rs[i+2:j]))
		}
		return min(j, len(rs)-1)
	case ']', 'P', '_', '^':
		// String sequences (OSC, DCS, APC, PM) end with BEL or ESC \.
		for j := i + 2; j < len(rs); j++ {
			if rs[j] == 0x07 {
				return j
			}
			if rs[j] == 0x1b && j+1 < len(rs) && rs[j+1] == '\\' {
				return j + 1
			}
		}
		return len(rs) - 1
	default:
		// ESC, any intermediate bytes (as in ESC ( B), then one final byte.
		j := i + 1
		for j < len(rs)-1 && rs[j] >= 0x20 && rs[j] <= 0x2f {
			j++
		}
		return j
	}
}

// applySGR applies one SGR parameter string ("1;38;5;147", "38:2::10:20:30", "") to st.
func applySGR(st *Style, params string) {
	groups := strings.Split(params, ";")
	for k := 0; k < len(groups); k++ {
		sub := strings.Split(groups[k], ":")
		n := atoi(sub[0])
		switch {
		case n == 0:
			*st = Style{}
		case n == 1:
			st.Bold = true
		case n == 2:
			st.Dim = true
		case n == 3:
			st.Italic = true
		case n == 4:
			st.Underline = !(len(sub) > 1 && sub[1] == "0")
		case n == 7:
			st.Reverse = true
		case n == 8:
			st.Hidden = true
		case n == 9:
			st.Strike = true
		case n == 21 || n == 22:
			st.Bold, st.Dim = false, false
		case n == 23:
			st.Italic = false
		case n == 24:
			st.Underline = false
		case n == 27:
			st.Reverse = false
		case n == 28:
			st.Hidden = false
		case n == 29:
			st.Strike = false
		case n >= 30 && n <= 37:
			st.FG = indexed(n - 30)
		case n == 39:
			st.FG = Color{}
		case n >= 40 && n <= 47:
			st.BG = indexed(n - 40)
		case n == 49:
			st.BG = Color{}
		case n >= 90 && n <= 97:
			st.FG = indexed(n - 90 + 8)
		case n >= 100 && n <= 107:
			st.BG = indexed(n - 100 + 8)
		case n == 38 || n == 48 || n == 58:
			var c Color
			var ok bool
			if len(sub) > 1 {
				c, ok = extendedColor(sub[1:], true)
			} else {
				var used int
				c, ok, used = extendedFromGroups(groups[k+1:])
				k += used
			}
			if !ok {
				continue
			}
			switch n {
			case 38:
				st.FG = c
			case 48:
				st.BG = c
			}
		}
	}
}

// extendedColor reads the colon form: ["5", n] or ["2", colourspace?, r, g, b].
func extendedColor(sub []string, colon bool) (Color, bool) {
	switch atoi(sub[0]) {
	case 5:
		if len(sub) < 2 {
			return Color{}, false
		}
		return indexed(atoi(sub[1])), true
	case 2:
		v := sub[1:]
		if colon && len(v) >= 4 {
			v = v[1:] // skip the colour-space ID
		}
		if len(v) < 3 {
			return Color{}, false
		}
		return Color{Set: true, R: clampByte(atoi(v[0])), G: clampByte(atoi(v[1])), B: clampByte(atoi(v[2]))}, true
	}
	return Color{}, false
}

// extendedFromGroups reads the semicolon form (5;n or 2;r;g;b) and says how many groups it used.
func extendedFromGroups(rest []string) (Color, bool, int) {
	if len(rest) == 0 {
		return Color{}, false, 0
	}
	switch atoi(rest[0]) {
	case 5:
		if len(rest) < 2 {
			return Color{}, false, len(rest)
		}
		c, ok := extendedColor(rest[:2], false)
		return c, ok, 2
	case 2:
		if len(rest) < 4 {
			return Color{}, false, len(rest)
		}
		c, ok := extendedColor(rest[:4], false)
		return c, ok, 4
	}
	return Color{}, false, 1
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return n
}

func clampByte(n int) uint8 {
	return uint8(max(0, min(n, 255)))
}
