package imageview

import (
	"image"
	"image/draw"
	"math"
)

// Fit returns the largest size with the aspect ratio of w×h that fits in maxW×maxH, at least 1×1.
// It returns 0, 0 when any argument is not positive.
func Fit(w, h, maxW, maxH int) (int, int) {
	if w <= 0 || h <= 0 || maxW <= 0 || maxH <= 0 {
		return 0, 0
	}
	scale := math.Min(float64(maxW)/float64(w), float64(maxH)/float64(h))
	fw := min(maxW, max(1, int(math.Round(float64(w)*scale))))
	fh := min(maxH, max(1, int(math.Round(float64(h)*scale))))
	return fw, fh
}

// toRGBA converts img to *image.RGBA with its origin at 0,0. image/draw has fast paths for the
// decoders' own types (YCbCr for JPEG, NRGBA and paletted for PNG), which beats calling At per
// pixel.
func toRGBA(img image.Image) *image.RGBA {
	b := img.Bounds()
	if r, ok := img.(*image.RGBA); ok && b.Min == (image.Point{}) {
		return r
	}
	dst := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(dst, dst.Bounds(), img, b.Min, draw.Src)
	return dst
}

// resize scales src to w×h by averaging the source pixels each destination pixel covers (a box
// filter). Nearest-neighbour sampling would drop most of a screenshot's one-pixel-wide text
// strokes when shrinking it to a terminal, leaving noise; averaging keeps them as grey.
// Premultiplied colour averaged this way composites transparent pixels over black.
func resize(src *image.RGBA, w, h int) *image.RGBA {
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	sw, sh := src.Rect.Dx(), src.Rect.Dy()
	for y := 0; y < h; y++ {
		y0 := y * sh / h
		y1 := max(y0+1, (y+1)*sh/h)
		for x := 0; x < w; x++ {
			x0 := x * sw / w
			x1 := max(x0+1, (x+1)*sw/w)
			var r, g, b, a, n uint64
			for sy := y0; sy < y1; sy++ {
				row := src.Pix[sy*src.Stride+x0*4 : sy*src.Stride+x1*4]
				for i := 0; i < len(row); i += 4 {
					r += uint64(row[i])
					g += uint64(row[i+1])
					b += uint64(row[i+2])
					a += uint64(row[i+3])
					n++
				}
			}
			o := y*dst.Stride + x*4
			dst.Pix[o] = uint8((r + n/2) / n)
			dst.Pix[o+1] = uint8((g + n/2) / n)
			dst.Pix[o+2] = uint8((b + n/2) / n)
			dst.Pix[o+3] = uint8((a + n/2) / n)
		}
	}
	return dst
}

// fitted converts img and scales it to fit maxW×maxH pixels, or returns nil when nothing fits.
func fitted(img image.Image, maxW, maxH int) *image.RGBA {
	if img == nil {
		return nil
	}
	b := img.Bounds()
	w, h := Fit(b.Dx(), b.Dy(), maxW, maxH)
	if w == 0 {
		return nil
	}
	return resize(toRGBA(img), w, h)
}
