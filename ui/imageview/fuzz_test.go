package imageview

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// FuzzDecode feeds arbitrary bytes to Decode and renders whatever decodes, checking that nothing
// panics and that half blocks keep their shape.
func FuzzDecode(f *testing.F) {
	small := testImage(6, 5)
	f.Add(encodePNGBytes(small))
	f.Add(encodeJPEGBytes(small))
	f.Add([]byte("\x89PNG\r\n\x1a\n garbage"))
	f.Add([]byte{0xff, 0xd8, 0xff, 0xe0})
	f.Fuzz(func(t *testing.T, b []byte) {
		img, err := Decode(b)
		if err != nil {
			return
		}
		out := HalfBlocks(img, 12, 6)
		lines := strings.Split(out, "\n")
		if len(lines) > 6 {
			t.Fatalf("%d lines for 6 rows", len(lines))
		}
		for _, l := range lines {
			if ansi.StringWidth(l) > 12 {
				t.Fatalf("line wider than 12 cells")
			}
		}
		_ = Sixel(img, 24, 24)
		_ = Kitty(img, 4, 2)
		if _, err := Render(img, 4, 2, Choice{Protocol: ProtocolSixel, Passthrough: Tmux}, 3, 6); err != nil {
			t.Fatalf("sixel of a decodable image: %v", err)
		}
	})
}
