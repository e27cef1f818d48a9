package emulator

import (
	"bytes"
	"image/png"
	"strings"
	"testing"
)

func TestRemoveConsoleSymbols(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "hello\tworld\n", "hello\tworld\n"},
		{"systemd colours", "[\x1b[0;32m  OK  \x1b[0m] Started Journal.\r\n", "[  OK  ] Started Journal.\n"},
		{"cursor moves", "\x1b[2J\x1b[1;1Hboot\x1b[K\n", "boot\n"},
		{"private mode", "\x1b[?25lhidden\x1b[?25h", "hidden"},
		{"osc title bel", "\x1b]0;title\x07text", "text"},
		{"osc link st", "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "link"},
		{"dcs", "\x1bP1$r0m\x1b\\after", "after"},
		{"charset", "\x1b(Bline\x1b)0", "line"},
		{"two-byte", "\x1bcreset\x1b7saved\x1b8", "resetsaved"},
		{"controls", "a\x00b\x07c\x08d\x0ce\x7ff\rg", "abcdefg"},
		{"utf-8 kept", "Jäger – ✓ 日本\n", "Jäger – ✓ 日本\n"},
		{"trailing esc", "end\x1b", "end"},
		{"unterminated csi", "end\x1b[12", "end"},
		{"unterminated osc", "x\x1b]0;never ends", "x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(removeConsoleSymbols([]byte(tt.in))); got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func FuzzRemoveConsoleSymbols(f *testing.F) {
	f.Add([]byte("[\x1b[0;32m  OK  \x1b[0m] x\r\n"))
	f.Add([]byte("\x1b]0;t\x07\x1bP\x1b\\"))
	f.Fuzz(func(t *testing.T, in []byte) {
		out := removeConsoleSymbols(in)
		if len(out) > len(in) {
			t.Fatalf("output longer than input")
		}
		for _, c := range out {
			if (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f {
				t.Fatalf("control byte %#x left in %q", c, out)
			}
		}
		// Text without any control byte passes unchanged.
		if !bytes.ContainsFunc(in, func(r rune) bool { return r < 0x20 && r != '\n' && r != '\t' || r == 0x7f }) && !bytes.Equal(in, out) {
			t.Fatalf("plain text changed: %q -> %q", in, out)
		}
	})
}

func TestFontGlyphsAreThreeByFive(t *testing.T) {
	for r, g := range font3x5 {
		if len(g) != 15 || strings.Trim(g, ".#") != "" {
			t.Errorf("glyph %q: %q is not 15 cells of '.' and '#'", r, g)
		}
	}
	for r := 'A'; r <= 'Z'; r++ {
		if _, ok := font3x5[r]; !ok {
			t.Errorf("no glyph for %q", r)
		}
	}
}

func TestScreenshotShowsTheLastLines(t *testing.T) {
	var b strings.Builder
	for i := range 40 {
		b.WriteString(strings.Repeat("x", i%3) + "\n")
	}
	b.WriteString("\x1b[1mweb-1 login: \x1b[0m" + strings.Repeat("y", 100))
	lines := screenLines([]byte(b.String()), "web-1", "CentOS")
	if len(lines) != screenRows || !strings.HasPrefix(lines[screenRows-1], "web-1 login: y") || len([]rune(lines[screenRows-1])) != screenCols {
		t.Fatalf("%d lines, last %q", len(lines), lines[len(lines)-1])
	}
	if w := screenLines(nil, "win-1", "Windows Server 2022"); !strings.Contains(strings.Join(w, "\n"), "Ctrl+Alt+Delete") {
		t.Fatalf("windows screen: %q", w)
	}
	img, err := png.Decode(bytes.NewReader(renderScreenshot([]string{"A", "", "Z"})))
	if err != nil {
		t.Fatal(err)
	}
	// 'A' has its top-middle pixel lit and top-left dark; row 2 is where 'Z' starts.
	lit := func(x, y int) bool { r, _, _, _ := img.At(x, y).RGBA(); return r > 0x8000 }
	if lit(0, 0) || !lit(pixel, 0) || !lit(0, 2*cellH*pixel) {
		t.Fatal("glyphs are not where the font puts them")
	}
}
