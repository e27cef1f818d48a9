package imageview

import (
	"errors"
	"image"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/ansi/kitty"
)

// Kitty returns a kitty graphics protocol sequence that shows img in at most cols×rows cells at
// the cursor, or "" for a nil image, a size below one cell, or an image that cannot be encoded.
// It is EncodeKitty without passthrough.
func Kitty(img image.Image, cols, rows int) string {
	s, err := EncodeKitty(img, cols, rows, Direct)
	if err != nil {
		return ""
	}
	return s
}

// errNothingToDraw is returned for a nil image or a size below one cell or pixel.
var errNothingToDraw = errors.New("no image, or no room to draw it")

// EncodeKitty returns the kitty graphics protocol sequences (encoded by x/ansi/kitty) that
// transmit img as PNG and display it in at most cols×rows cells at the cursor, keeping the aspect
// ratio (assuming cells twice as tall as wide). The base64 payload is split into chunks of at
// most 4096 bytes, each its own APC sequence (m=1 on all but the last), each wrapped by p on its
// own, as tmux wants. The keys are:
//
//   - a=T,f=100: transmit and display PNG data.
//   - q=2: no replies. A reply arrives on the terminal's input, where Bubble Tea would read it
//     as key presses.
//   - C=1: do not move the cursor, so a TUI renderer's idea of the cursor stays right.
//
// The image stays on screen, whatever text is drawn over it, until ClearKitty removes it.
func EncodeKitty(img image.Image, cols, rows int, p Passthrough) (string, error) {
	if img == nil || cols <= 0 || rows <= 0 {
		return "", errNothingToDraw
	}
	bnd := img.Bounds()
	c, r2 := Fit(bnd.Dx(), bnd.Dy(), cols, 2*rows)
	if c == 0 {
		return "", errNothingToDraw
	}
	var b strings.Builder
	err := kitty.EncodeGraphics(&b, img, &kitty.Options{
		Action: kitty.TransmitAndPut,
		// EncodeGraphics picks what to send by Transmission before it fills in defaults, so
		// the zero value sends an empty payload: Direct must be said.
		Transmission:    kitty.Direct,
		Format:          kitty.PNG,
		Quiet:           2,
		DoNotMoveCursor: true,
		Columns:         c,
		Rows:            max(1, (r2+1)/2),
		Chunk:           true,
		ChunkFormatter:  p.wrap,
	})
	if err != nil {
		return "", err
	}
	return b.String(), nil
}

// KittyClear returns the kitty sequence that deletes every image placement on screen; send it
// when the screenshot pane closes, because kitty images stay until deleted. It is ClearKitty
// without passthrough.
func KittyClear() string { return ClearKitty(Direct) }

// ClearKitty returns the kitty sequence that deletes every image placement on screen and frees
// the images' data (d=A), wrapped by p.
func ClearKitty(p Passthrough) string {
	o := kitty.Options{Action: kitty.Delete, Delete: kitty.DeleteAll, DeleteResources: true, Quiet: 2}
	return p.wrap(ansi.KittyGraphics(nil, o.Options()...))
}
