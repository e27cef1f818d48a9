package imageview

import (
	"fmt"
	"image"
)

// DefaultCellWidth and DefaultCellHeight are the cell size in pixels Render assumes for sixel
// when the caller does not know it: a common size for a 12–14 pt monospace font. A wrong guess
// only makes the image smaller or larger than its box, which the terminal clips.
const (
	DefaultCellWidth  = 10
	DefaultCellHeight = 20
)

// Render returns img for a box of cols×rows cells in the way c says: kitty graphics, sixel (sized
// with cellW×cellH pixels per cell, or the defaults when either is not positive) or half blocks.
// Graphics sequences draw at the cursor and do not move it; half blocks are text lines (see
// HalfBlocks). An unknown protocol is an error.
func Render(img image.Image, cols, rows int, c Choice, cellW, cellH int) (string, error) {
	switch c.Protocol {
	case ProtocolKitty:
		return EncodeKitty(img, cols, rows, c.Passthrough)
	case ProtocolSixel:
		if cellW <= 0 || cellH <= 0 {
			cellW, cellH = DefaultCellWidth, DefaultCellHeight
		}
		return EncodeSixel(img, cols*cellW, rows*cellH, c.Passthrough)
	case ProtocolHalfBlocks:
		s := HalfBlocks(img, cols, rows)
		if s == "" {
			return "", errNothingToDraw
		}
		return s, nil
	}
	return "", fmt.Errorf("render image: unknown protocol %q", c.Protocol)
}
