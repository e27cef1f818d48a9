package imageview

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"image"
	"image/png"
	"strings"
)

// kittyChunk is the largest payload per escape sequence the kitty protocol allows.
const kittyChunk = 4096

// Kitty returns a kitty graphics protocol sequence that transmits img as PNG and displays it in
// at most cols×rows cells at the cursor, keeping the aspect ratio (assuming cells twice as tall
// as wide). The base64 payload is split into chunks of at most 4096 bytes, each in its own APC
// sequence with m=1, the last with m=0. The keys are:
//
//   - a=T,f=100: transmit and display PNG data.
//   - q=2: no replies. A reply arrives on the terminal's input, where Bubble Tea would read it
//     as key presses.
//   - C=1: do not move the cursor, so a TUI renderer's idea of the cursor stays right.
//
// It returns "" for a nil image, a size below one cell, or an image that cannot be encoded.
func Kitty(img image.Image, cols, rows int) string {
	if img == nil || cols <= 0 || rows <= 0 {
		return ""
	}
	bnd := img.Bounds()
	c, r2 := Fit(bnd.Dx(), bnd.Dy(), cols, 2*rows)
	if c == 0 {
		return ""
	}
	r := max(1, (r2+1)/2)
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return ""
	}
	payload := base64.StdEncoding.EncodeToString(buf.Bytes())
	var b strings.Builder
	b.Grow(len(payload) + (len(payload)/kittyChunk+1)*32)
	for first := true; first || payload != ""; first = false {
		n := min(len(payload), kittyChunk)
		chunk := payload[:n]
		payload = payload[n:]
		more := 0
		if payload != "" {
			more = 1
		}
		if first {
			fmt.Fprintf(&b, "\x1b_Ga=T,f=100,q=2,C=1,c=%d,r=%d,m=%d;", c, r, more)
		} else {
			fmt.Fprintf(&b, "\x1b_Gm=%d,q=2;", more)
		}
		b.WriteString(chunk)
		b.WriteString("\x1b\\")
	}
	return b.String()
}

// KittyClear returns the kitty sequence that deletes every image placement on screen; send it
// when the screenshot pane closes, because kitty images stay until deleted, whatever text is
// drawn over them.
func KittyClear() string {
	return "\x1b_Ga=d,d=A,q=2\x1b\\"
}
