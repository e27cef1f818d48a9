package imageview

import (
	"image"
	"strconv"
	"strings"
)

// HalfBlocks renders img into at most width×height terminal cells, keeping its aspect ratio. Each
// cell is '▀' with the upper pixel as 24-bit foreground and the lower pixel as 24-bit background
// colour. Every line has the same display width, ends with an SGR reset so that no colour leaks
// into whatever follows, and lines are joined with "\n" (no trailing newline). The result is not
// padded to width×height; the caller centres it. It returns "" for a nil image or a size below
// one cell.
func HalfBlocks(img image.Image, width, height int) string {
	// Two pixels per cell vertically: a cell is about twice as tall as wide, so this keeps
	// pixels square.
	px := fitted(img, width, 2*height)
	if px == nil {
		return ""
	}
	w, h := px.Rect.Dx(), px.Rect.Dy()
	rows := (h + 1) / 2
	var b strings.Builder
	// Roughly 40 bytes of SGR per cell at worst.
	b.Grow(rows * w * 40)
	for r := 0; r < rows; r++ {
		if r > 0 {
			b.WriteByte('\n')
		}
		var fg, bg rgb
		haveFg, haveBg := false, false
		for x := 0; x < w; x++ {
			up := at(px, x, 2*r)
			if !haveFg || up != fg {
				writeSGR(&b, "38", up)
				fg, haveFg = up, true
			}
			if 2*r+1 < h {
				lo := at(px, x, 2*r+1)
				if !haveBg || lo != bg {
					writeSGR(&b, "48", lo)
					bg, haveBg = lo, true
				}
			} else if x == 0 {
				// An odd pixel height leaves the last row's lower halves empty; the terminal's
				// own background shows there.
				b.WriteString("\x1b[49m")
			}
			b.WriteString("▀")
		}
		b.WriteString("\x1b[0m")
	}
	return b.String()
}

type rgb struct{ r, g, b uint8 }

func at(img *image.RGBA, x, y int) rgb {
	o := y*img.Stride + x*4
	return rgb{img.Pix[o], img.Pix[o+1], img.Pix[o+2]}
}

// writeSGR writes a true-colour SGR: kind "38" for foreground, "48" for background.
func writeSGR(b *strings.Builder, kind string, c rgb) {
	b.WriteString("\x1b[")
	b.WriteString(kind)
	b.WriteString(";2;")
	b.WriteString(strconv.Itoa(int(c.r)))
	b.WriteByte(';')
	b.WriteString(strconv.Itoa(int(c.g)))
	b.WriteByte(';')
	b.WriteString(strconv.Itoa(int(c.b)))
	b.WriteByte('m')
}
