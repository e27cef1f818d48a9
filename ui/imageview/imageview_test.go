package imageview

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// testImage is w×h with a red top-left quadrant, a blue bottom-right one and white elsewhere.
func testImage(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.NRGBA{255, 255, 255, 255}
			switch {
			case x < w/2 && y < h/2:
				c = color.NRGBA{200, 10, 20, 255}
			case x >= w/2 && y >= h/2:
				c = color.NRGBA{0, 0, 255, 255}
			}
			img.Set(x, y, c)
		}
	}
	return img
}

func encodePNG(t *testing.T, img image.Image) []byte {
	t.Helper()
	b := encodePNGBytes(img)
	if b == nil {
		t.Fatal("png encode failed")
	}
	return b
}

func encodeJPEG(t *testing.T, img image.Image) []byte {
	t.Helper()
	b := encodeJPEGBytes(img)
	if b == nil {
		t.Fatal("jpeg encode failed")
	}
	return b
}

func encodePNGBytes(img image.Image) []byte {
	var b bytes.Buffer
	if png.Encode(&b, img) != nil {
		return nil
	}
	return b.Bytes()
}

func encodeJPEGBytes(img image.Image) []byte {
	var b bytes.Buffer
	if jpeg.Encode(&b, img, &jpeg.Options{Quality: 95}) != nil {
		return nil
	}
	return b.Bytes()
}

func TestDetect(t *testing.T) {
	src := testImage(8, 6)
	cases := map[string][]byte{
		"png":  encodePNG(t, src),
		"jpeg": encodeJPEG(t, src),
		"":     []byte("GIF89a......"),
	}
	for want, b := range cases {
		if got := Detect(b); got != want {
			t.Errorf("Detect(% x...) = %q, want %q", b[:4], got, want)
		}
	}
	for _, b := range [][]byte{nil, {0x89, 'P'}, {0xff, 0xd8}, []byte("hello")} {
		if got := Detect(b); got != "" {
			t.Errorf("Detect(% x) = %q, want \"\"", b, got)
		}
	}
}

func TestDecodePNGAndJPEG(t *testing.T) {
	src := testImage(40, 30)
	for name, b := range map[string][]byte{"png": encodePNG(t, src), "jpeg": encodeJPEG(t, src)} {
		img, err := Decode(b)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if img.Bounds().Dx() != 40 || img.Bounds().Dy() != 30 {
			t.Errorf("%s: bounds %v", name, img.Bounds())
		}
		r, g, b, _ := img.At(35, 25).RGBA()
		if r>>8 > 40 || g>>8 > 40 || b>>8 < 215 {
			t.Errorf("%s: pixel (35,25) = %d,%d,%d, want blue", name, r>>8, g>>8, b>>8)
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	_, err := Decode([]byte("GIF89a not supported"))
	if !errors.Is(err, ErrUnknownFormat) || !strings.Contains(err.Error(), "47 49 46 38") {
		t.Errorf("Decode(GIF) error = %v", err)
	}
	if _, err := Decode(nil); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("Decode(nil) error = %v", err)
	}
	// A valid PNG cut short.
	p := encodePNG(t, testImage(20, 20))
	if _, err := Decode(p[:len(p)/2]); err == nil || !strings.Contains(err.Error(), "png") {
		t.Errorf("Decode(truncated png) error = %v", err)
	}
	// JPEG magic with garbage after it.
	if _, err := Decode([]byte{0xff, 0xd8, 0xff, 0x00, 0x01}); err == nil {
		t.Error("Decode(garbage jpeg) succeeded")
	}
}

func TestDecodeRejectsHugeDimensions(t *testing.T) {
	// A PNG header claiming 100000×100000 pixels: rejected from the header, before any
	// allocation.
	p := encodePNG(t, testImage(1, 1))
	huge := append([]byte(nil), p...)
	// IHDR width and height start at byte 16.
	copy(huge[16:], []byte{0, 1, 0x86, 0xa0, 0, 1, 0x86, 0xa0})
	// Fix the IHDR checksum (over type and data, bytes 12 to 29) so that the size is what fails.
	binary.BigEndian.PutUint32(huge[29:], crc32.ChecksumIEEE(huge[12:29]))
	_, err := Decode(huge)
	if err == nil || !strings.Contains(err.Error(), "unreasonable size 100000x100000") {
		t.Fatalf("Decode(100000x100000 header) error = %v", err)
	}
}

func TestFit(t *testing.T) {
	cases := []struct{ w, h, mw, mh, ww, wh int }{
		{1024, 768, 80, 48, 64, 48},
		{1024, 768, 80, 100, 80, 60},
		{10, 10, 100, 50, 50, 50},
		{1000, 1, 10, 10, 10, 1},
		{0, 10, 10, 10, 0, 0},
		{10, 10, 0, 10, 0, 0},
	}
	for _, c := range cases {
		if w, h := Fit(c.w, c.h, c.mw, c.mh); w != c.ww || h != c.wh {
			t.Errorf("Fit(%d,%d,%d,%d) = %d,%d want %d,%d", c.w, c.h, c.mw, c.mh, w, h, c.ww, c.wh)
		}
	}
}

func TestHalfBlocksDimensions(t *testing.T) {
	cases := []struct {
		w, h, cols, rows int
		wantCols         int
		wantLines        int
	}{
		// 1024×768 into 80×24 cells = 80×48 pixels: height-bound, 64×48 pixels, 24 lines.
		{1024, 768, 80, 24, 64, 24},
		// Width-bound: 40×60 pixel box, 40×30 pixels, 15 lines.
		{1024, 768, 40, 30, 40, 15},
		// Odd pixel height: 9×7 into 9×10 cells → 9×7 pixels, 4 lines, the last half-filled.
		{9, 7, 9, 10, 9, 4},
	}
	for _, c := range cases {
		out := HalfBlocks(testImage(c.w, c.h), c.cols, c.rows)
		lines := strings.Split(out, "\n")
		if len(lines) != c.wantLines {
			t.Errorf("%dx%d in %dx%d: %d lines, want %d", c.w, c.h, c.cols, c.rows, len(lines), c.wantLines)
		}
		for i, l := range lines {
			if w := ansi.StringWidth(l); w != c.wantCols {
				t.Errorf("%dx%d line %d width %d, want %d", c.w, c.h, i, w, c.wantCols)
			}
			if !strings.HasSuffix(l, "\x1b[0m") {
				t.Errorf("line %d does not end with a reset: %q", i, l[max(0, len(l)-10):])
			}
			if strings.Trim(ansi.Strip(l), "▀") != "" {
				t.Errorf("line %d holds more than half blocks", i)
			}
		}
		if len(lines) > c.rows {
			t.Errorf("more lines than rows")
		}
	}
}

func TestHalfBlocksColours(t *testing.T) {
	// 4×4 image into 4×2 cells: one pixel per half cell, no scaling.
	out := HalfBlocks(testImage(4, 4), 4, 2)
	lines := strings.Split(out, "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines", len(lines))
	}
	// Top-left cell: red over red. Bottom-right cell: blue over blue.
	if !strings.HasPrefix(lines[0], "\x1b[38;2;200;10;20m\x1b[48;2;200;10;20m▀") {
		t.Errorf("first cell = %q", lines[0])
	}
	if !strings.Contains(lines[1], "\x1b[38;2;0;0;255m") || !strings.Contains(lines[1], "\x1b[48;2;0;0;255m") {
		t.Errorf("bottom row lacks blue: %q", lines[1])
	}
	// Unchanged colours are not repeated: the top row is red, red, white, white.
	if n := strings.Count(lines[0], "\x1b[38;2;"); n != 2 {
		t.Errorf("top row has %d foreground changes, want 2: %q", n, lines[0])
	}
}

func TestHalfBlocksOddHeightUsesDefaultBackground(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 2, 1))
	img.Set(0, 0, color.RGBA{1, 2, 3, 255})
	img.Set(1, 0, color.RGBA{1, 2, 3, 255})
	out := HalfBlocks(img, 2, 1)
	if out != "\x1b[38;2;1;2;3m\x1b[49m▀▀\x1b[0m" {
		t.Errorf("HalfBlocks = %q", out)
	}
}

func TestHalfBlocksDownscalesByAveraging(t *testing.T) {
	// A 2×2 black-and-white checkerboard shrunk to one pixel is mid-grey.
	img := image.NewRGBA(image.Rect(0, 0, 2, 4))
	for y := 0; y < 4; y++ {
		for x := 0; x < 2; x++ {
			if (x+y)%2 == 0 {
				img.Set(x, y, color.White)
			} else {
				img.Set(x, y, color.Black)
			}
		}
	}
	out := HalfBlocks(img, 1, 1)
	if !strings.Contains(out, "\x1b[38;2;128;128;128m") {
		t.Errorf("HalfBlocks = %q, want mid-grey", out)
	}
}

func TestRenderersRejectBadInput(t *testing.T) {
	img := testImage(4, 4)
	for name, s := range map[string]string{
		"halfblocks nil":   HalfBlocks(nil, 10, 10),
		"halfblocks zero":  HalfBlocks(img, 0, 10),
		"halfblocks empty": HalfBlocks(image.NewRGBA(image.Rect(0, 0, 0, 0)), 10, 10),
		"kitty nil":        Kitty(nil, 10, 10),
		"kitty zero":       Kitty(img, 10, 0),
		"sixel nil":        Sixel(nil, 10, 10),
		"sixel zero":       Sixel(img, -1, 10),
	} {
		if s != "" {
			t.Errorf("%s: got %q, want \"\"", name, s)
		}
	}
}

func TestHalfBlocksNonZeroOrigin(t *testing.T) {
	full := testImage(8, 8)
	sub := full.SubImage(image.Rect(4, 4, 8, 8)) // the blue quadrant
	out := HalfBlocks(sub, 4, 2)
	if strings.Contains(out, "200;10;20") || !strings.Contains(out, "0;0;255") {
		t.Errorf("sub-image rendered the wrong pixels: %q", out)
	}
}

func TestProtocol(t *testing.T) {
	cases := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"TERM": "xterm-kitty"}, "kitty"},
		{map[string]string{"TERM": "xterm-256color", "KITTY_WINDOW_ID": "3"}, "kitty"},
		{map[string]string{"TERM": "xterm-256color", "TERM_PROGRAM": "WezTerm"}, "kitty"},
		{map[string]string{"TERM": "xterm-ghostty"}, "kitty"},
		{map[string]string{"TERM": "xterm-256color", "TERM_PROGRAM": "ghostty"}, "kitty"},
		{map[string]string{"TERM": "foot"}, "sixel"},
		{map[string]string{"TERM": "foot-extra"}, "sixel"},
		{map[string]string{"TERM": "mlterm"}, "sixel"},
		{map[string]string{"TERM": "xterm-sixel"}, "sixel"},
		{map[string]string{"TERM": "xterm-256color", "TERM_PROGRAM": "iTerm.app"}, "halfblocks"},
		{map[string]string{"TERM": "xterm-256color"}, "halfblocks"},
		{map[string]string{}, "halfblocks"},
		{map[string]string{"TERM": "tmux-256color", "KITTY_WINDOW_ID": "1"}, "halfblocks"},
		{map[string]string{"TERM": "xterm-kitty", "TMUX": "/tmp/tmux-0/default,1,0"}, "halfblocks"},
		{map[string]string{"TERM": "screen-256color"}, "halfblocks"},
		{map[string]string{"TERM": "foot", "STY": "1234.pts-0"}, "halfblocks"},
	}
	for _, c := range cases {
		got := Protocol(func(k string) string { return c.env[k] })
		if got != c.want {
			t.Errorf("Protocol(%v) = %q, want %q", c.env, got, c.want)
		}
	}
}

// BenchmarkHalfBlocks renders a 1024×768 screenshot into a 200×60 terminal.
func BenchmarkHalfBlocks(b *testing.B) {
	img := testImage(1024, 768)
	for b.Loop() {
		HalfBlocks(img, 200, 60)
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1000, "ms/render")
}
