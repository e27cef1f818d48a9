package main

import (
	"fmt"
	"math"
	"strings"
)

// SVGOptions sets the window's title and the font.
type SVGOptions struct {
	Title string
	Font  string
	Size  float64
}

// Layout of the window around the cells, in px at 1×.
const (
	padX      = 16.0
	titleBarH = 32.0
	padTop    = 10.0
	padBottom = 14.0
	radius    = 10.0
)

// DejaVu Sans Mono's advance width is 1233/2048 em; the cell width must match the font's own
// advance so that runs of text line up with the backgrounds drawn under them.
const advancePerEm = 1233.0 / 2048.0

// SVG draws the grid as a terminal window: a title bar, then every cell at its exact column.
// Backgrounds are merged into one rectangle per run of equal colour; ASCII text is drawn in runs
// of equal style, and every other rune on its own at its column, so a glyph taken from a fallback
// font with another advance cannot shift the text after it.
func (g *Grid) SVG(o SVGOptions) string {
	cw := o.Size * advancePerEm
	lh := math.Round(o.Size * 1.2)
	// DejaVu Sans Mono: ascent 0.928 em, descent 0.236 em; centre that box in the row.
	baseline := (lh-1.164*o.Size)/2 + 0.928*o.Size
	w := math.Ceil(2*padX + float64(g.Cols)*cw)
	h := titleBarH + padTop + float64(g.Rows)*lh + padBottom
	top := titleBarH + padTop

	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%g" height="%g" viewBox="0 0 %g %g" xml:space="preserve">`+"\n", w, h, w, h)
	fmt.Fprintf(&b, `<rect width="%g" height="%g" rx="%g" fill="%s"/>`+"\n", w, h, radius, hex(DefaultBG))
	fmt.Fprintf(&b, `<path d="M0,%g a%g,%g 0 0 1 %g,-%g H%g a%g,%g 0 0 1 %g,%g V%g H0 Z" fill="#2d2d2d"/>`+"\n",
		radius, radius, radius, radius, radius, w-radius, radius, radius, radius, radius, titleBarH)
	for i, c := range []string{"#ff5f57", "#febc2e", "#28c840"} {
		fmt.Fprintf(&b, `<circle cx="%g" cy="%g" r="6" fill="%s"/>`+"\n", 20+float64(i)*20, titleBarH/2, c)
	}
	if o.Title != "" {
		fmt.Fprintf(&b, `<text x="%g" y="%g" text-anchor="middle" font-family="%s" font-size="12" fill="#9d9d9d">%s</text>`+"\n",
			w/2, titleBarH/2+4, escape(o.Font), escape(o.Title))
	}
	fmt.Fprintf(&b, `<g font-family="%s" font-size="%g">`+"\n", escape(o.Font), o.Size)
	for r, row := range g.Cells {
		y := top + float64(r)*lh
		g.backgrounds(&b, row, y, cw, lh)
		g.texts(&b, row, y+baseline, cw)
	}
	b.WriteString("</g>\n</svg>\n")
	return b.String()
}

// colors resolves a cell's drawn foreground and background (default colours, reverse, faint).
func colors(s Style) (fg, bg Color) {
	fg, bg = s.FG, s.BG
	if !fg.Set {
		fg = DefaultFG
	}
	if !bg.Set {
		bg = DefaultBG
	}
	if s.Reverse {
		fg, bg = bg, fg
	}
	if s.Dim {
		fg = blend(fg, bg, 0.45)
	}
	return fg, bg
}

func (g *Grid) backgrounds(b *strings.Builder, row []Cell, y, cw, lh float64) {
	for c := 0; c < len(row); {
		_, bg := colors(row[c].Style)
		end := c + 1
		for end < len(row) {
			if _, next := colors(row[end].Style); next != bg {
				break
			}
			end++
		}
		if bg != DefaultBG {
			fmt.Fprintf(b, `<rect x="%.2f" y="%g" width="%.2f" height="%g" fill="%s"/>`+"\n",
				padX+float64(c)*cw, y, float64(end-c)*cw, lh, hex(bg))
		}
		c = end
	}
}

// textKey is what must be equal for two cells to share one <text> element.
type textKey struct {
	fg                              Color
	bold, italic, underline, strike bool
}

func keyOf(s Style) textKey {
	fg, _ := colors(s)
	return textKey{fg: fg, bold: s.Bold, italic: s.Italic, underline: s.Underline, strike: s.Strike}
}

func (g *Grid) texts(b *strings.Builder, row []Cell, y, cw float64) {
	for c := 0; c < len(row); {
		cell := row[c]
		if cell.Spacer || cell.Style.Hidden || (cell.R == ' ' && !cell.Style.Underline && !cell.Style.Strike) {
			c++
			continue
		}
		k := keyOf(cell.Style)
		end := c + 1
		if cell.R < 0x80 {
			for end < len(row) && row[end].R < 0x80 && !row[end].Spacer && !row[end].Style.Hidden && keyOf(row[end].Style) == k {
				end++
			}
			// A run's trailing spaces draw nothing unless decorated.
			for end > c+1 && row[end-1].R == ' ' && !k.underline && !k.strike {
				end--
			}
		}
		var s strings.Builder
		for _, x := range row[c:end] {
			s.WriteRune(x.R)
		}
		fmt.Fprintf(b, `<text x="%.2f" y="%g" fill="%s"%s>%s</text>`+"\n", padX+float64(c)*cw, y, hex(k.fg), attrs(k), escape(s.String()))
		c = end
	}
}

func attrs(k textKey) string {
	var a strings.Builder
	if k.bold {
		a.WriteString(` font-weight="bold"`)
	}
	if k.italic {
		a.WriteString(` font-style="italic"`)
	}
	switch {
	case k.underline && k.strike:
		a.WriteString(` text-decoration="underline line-through"`)
	case k.underline:
		a.WriteString(` text-decoration="underline"`)
	case k.strike:
		a.WriteString(` text-decoration="line-through"`)
	}
	return a.String()
}

func hex(c Color) string {
	return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B)
}

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

func escape(s string) string {
	return escaper.Replace(s)
}
