package imageview

import (
	"image"
	"strconv"
	"strings"
)

// Sixel returns img as a DEC sixel sequence of at most widthPx×heightPx pixels, keeping its aspect
// ratio. Colours are reduced to the 6×6×6 colour cube (216 registers at most, within the 256 that
// sixel terminals provide), and only registers the image uses are defined. It returns "" for a
// nil image or a size below one pixel.
//
// Why a fixed cube rather than an adaptive palette: a console screenshot is mostly a handful of
// flat VGA colours, which the cube reproduces closely, and a fixed palette keeps the output
// deterministic and the code short.
func Sixel(img image.Image, widthPx, heightPx int) string {
	px := fitted(img, widthPx, heightPx)
	if px == nil {
		return ""
	}
	w, h := px.Rect.Dx(), px.Rect.Dy()

	// Map every pixel to a cube index and assign registers in order of first use.
	idx := make([]uint8, w*h)
	reg := [216]int{}
	for i := range reg {
		reg[i] = -1
	}
	var used []int // cube indexes by register
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := at(px, x, y)
			ci := cubeIndex(c)
			idx[y*w+x] = uint8(ci)
			if reg[ci] < 0 {
				reg[ci] = len(used)
				used = append(used, ci)
			}
		}
	}

	var b strings.Builder
	// P2=1: pixels no colour is drawn into keep the terminal background. The raster attributes
	// ("1;1;W;H) give a 1:1 pixel aspect and the image size.
	b.WriteString("\x1bP0;1;0q\"1;1;")
	b.WriteString(strconv.Itoa(w))
	b.WriteByte(';')
	b.WriteString(strconv.Itoa(h))
	for r, ci := range used {
		b.WriteByte('#')
		b.WriteString(strconv.Itoa(r))
		b.WriteString(";2;")
		b.WriteString(strconv.Itoa(ci / 36 * 20))
		b.WriteByte(';')
		b.WriteString(strconv.Itoa(ci / 6 % 6 * 20))
		b.WriteByte(';')
		b.WriteString(strconv.Itoa(ci % 6 * 20))
	}

	// Each band is six pixel rows. For every register used in the band, one row of sixel
	// characters says which of the six pixels in each column have that colour.
	bits := make(map[int][]byte)
	var order []int
	for top := 0; top < h; top += 6 {
		if top > 0 {
			b.WriteByte('-')
		}
		clear(bits)
		order = order[:0]
		for dy := 0; dy < 6 && top+dy < h; dy++ {
			for x := 0; x < w; x++ {
				r := reg[idx[(top+dy)*w+x]]
				row := bits[r]
				if row == nil {
					row = make([]byte, w)
					bits[r] = row
					order = append(order, r)
				}
				row[x] |= 1 << dy
			}
		}
		for i, r := range order {
			if i > 0 {
				// "$" returns to the start of the band so the next colour overprints it.
				b.WriteByte('$')
			}
			b.WriteByte('#')
			b.WriteString(strconv.Itoa(r))
			writeSixelRow(&b, bits[r])
		}
	}
	b.WriteString("\x1b\\")
	return b.String()
}

// cubeIndex maps a colour to the nearest entry of the 6×6×6 cube, as r*36+g*6+b.
func cubeIndex(c rgb) int {
	q := func(v uint8) int { return (int(v)*5 + 127) / 255 }
	return q(c.r)*36 + q(c.g)*6 + q(c.b)
}

// writeSixelRow writes one colour's sixels for a band, run-length encoded ("!n?") for runs of
// four or more, and without trailing empty sixels, which draw nothing.
func writeSixelRow(b *strings.Builder, row []byte) {
	end := len(row)
	for end > 0 && row[end-1] == 0 {
		end--
	}
	for i := 0; i < end; {
		j := i + 1
		for j < end && row[j] == row[i] {
			j++
		}
		ch := byte(63 + row[i])
		if n := j - i; n >= 4 {
			b.WriteByte('!')
			b.WriteString(strconv.Itoa(n))
			b.WriteByte(ch)
		} else {
			for k := 0; k < n; k++ {
				b.WriteByte(ch)
			}
		}
		i = j
	}
}
