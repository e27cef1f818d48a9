package imageview

import (
	"bytes"
	"image"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/ansi/sixel"
)

// Sixel returns img as a DEC sixel sequence of at most widthPx×heightPx pixels, or "" for a nil
// image or a size below one pixel. It is EncodeSixel without passthrough.
func Sixel(img image.Image, widthPx, heightPx int) string {
	s, err := EncodeSixel(img, widthPx, heightPx, Direct)
	if err != nil {
		return ""
	}
	return s
}

// EncodeSixel returns img as a DEC sixel sequence of at most widthPx×heightPx pixels, keeping
// its aspect ratio, wrapped by p. The image is first scaled by averaging (see HalfBlocks), then
// encoded by x/ansi/sixel, whose median-cut palette has at most 256 colours, the number sixel
// terminals provide. The DCS parameters are "0;1": P2=1 leaves pixels no colour is drawn into
// with the terminal's background instead of painting them black.
func EncodeSixel(img image.Image, widthPx, heightPx int, p Passthrough) (string, error) {
	px := fitted(img, widthPx, heightPx)
	if px == nil {
		return "", errNothingToDraw
	}
	var payload bytes.Buffer
	if err := (&sixel.Encoder{}).Encode(&payload, px); err != nil {
		return "", err
	}
	return p.wrap(ansi.SixelGraphics(0, 1, 0, payload.Bytes())), nil
}
