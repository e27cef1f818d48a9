package imageview

import (
	"bytes"
	"encoding/base64"
	"errors"
	"image"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi/sixel"
)

// noise returns a w×h image of pseudo-random pixels, which PNG cannot compress, so that its kitty
// payload needs several chunks.
func noise(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	seed := uint32(1)
	for i := range img.Pix {
		seed = seed*1664525 + 1013904223
		img.Pix[i] = byte(seed >> 24)
	}
	return img
}

var kittyAPC = regexp.MustCompile(`^\x1b_G([^;\x1b]*)(?:;([A-Za-z0-9+/=]*))?\x1b\\`)

// kittyChunks splits a kitty output into its APC sequences' keys (sorted) and payloads.
func kittyChunks(t *testing.T, out string) (keys [][]string, payload string) {
	t.Helper()
	var p strings.Builder
	for rest := out; rest != ""; {
		m := kittyAPC.FindStringSubmatch(rest)
		if m == nil {
			t.Fatalf("not a kitty APC sequence at %q", rest[:min(len(rest), 40)])
		}
		k := strings.Split(m[1], ",")
		slices.Sort(k)
		keys = append(keys, k)
		if len(m[2]) > 4096 {
			t.Errorf("chunk %d payload %d bytes", len(keys), len(m[2]))
		}
		p.WriteString(m[2])
		rest = rest[len(m[0]):]
	}
	return keys, p.String()
}

func TestKittyChunking(t *testing.T) {
	img := noise(64, 64)
	out := Kitty(img, 40, 10)
	keys, payload := kittyChunks(t, out)
	if len(keys) < 3 {
		t.Fatalf("only %d chunks", len(keys))
	}
	// 64×64 square pixels in 40×10 cells (= 40×20 square units) → 20 columns, 10 rows.
	if got, want := strings.Join(keys[0], ","), "C=1,a=T,c=20,f=100,m=1,q=2,r=10"; got != want {
		t.Errorf("first chunk keys %q, want %q", got, want)
	}
	for i, k := range keys[1 : len(keys)-1] {
		if got := strings.Join(k, ","); got != "m=1,q=2" {
			t.Errorf("middle chunk %d keys %q", i+1, got)
		}
	}
	if got := strings.Join(keys[len(keys)-1], ","); got != "m=0,q=2" {
		t.Errorf("last chunk keys %q", got)
	}
	raw, err := base64.StdEncoding.DecodeString(payload)
	if err != nil {
		t.Fatalf("payload is not base64: %v", err)
	}
	back, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("payload is not a PNG: %v", err)
	}
	if back.Bounds() != img.Bounds() {
		t.Errorf("payload bounds %v", back.Bounds())
	}
}

func TestKittySmallImageIsOneChunk(t *testing.T) {
	keys, _ := kittyChunks(t, Kitty(testImage(4, 4), 10, 10))
	if len(keys) != 1 || slices.ContainsFunc(keys[0], func(k string) bool { return strings.HasPrefix(k, "m=") }) {
		t.Errorf("keys = %v, want one chunk without m=", keys)
	}
	if got := KittyClear(); got != "\x1b_Gq=2,d=A,a=d\x1b\\" {
		t.Errorf("KittyClear = %q", got)
	}
}

// unwrapTmux undoes ansi.TmuxPassthrough on every wrapped sequence in s, and fails on anything
// outside a wrapper.
func unwrapTmux(t *testing.T, s string) string {
	t.Helper()
	var out strings.Builder
	for s != "" {
		if !strings.HasPrefix(s, "\x1bPtmux;") {
			t.Fatalf("not a tmux passthrough at %q", s[:min(len(s), 20)])
		}
		s = s[len("\x1bPtmux;"):]
		// Inside, every ESC is doubled; a single ESC followed by '\' ends the wrapper.
		for {
			i := strings.IndexByte(s, 0x1b)
			if i < 0 || i+1 >= len(s) {
				t.Fatal("unterminated tmux passthrough")
			}
			out.WriteString(s[:i])
			if s[i+1] == 0x1b {
				out.WriteByte(0x1b)
				s = s[i+2:]
				continue
			}
			if s[i+1] != '\\' {
				t.Fatalf("lone ESC inside tmux passthrough")
			}
			s = s[i+2:]
			break
		}
	}
	return out.String()
}

func TestTmuxPassthrough(t *testing.T) {
	img := noise(64, 64)
	direct, err := EncodeKitty(img, 40, 10, Direct)
	if err != nil {
		t.Fatal(err)
	}
	wrapped, err := EncodeKitty(img, 40, 10, Tmux)
	if err != nil {
		t.Fatal(err)
	}
	// Every chunk is wrapped on its own, and unwrapping gives the direct output back.
	if n, want := strings.Count(wrapped, "\x1bPtmux;"), strings.Count(direct, "\x1b_G"); n != want || n < 3 {
		t.Errorf("%d tmux wrappers for %d chunks", n, want)
	}
	if unwrapTmux(t, wrapped) != direct {
		t.Error("unwrapped kitty output differs from the direct one")
	}
	// x/ansi's sixel palette comes out of a map, so two encodings of one image may number their
	// registers differently: compare the shape, not the bytes.
	s, err := EncodeSixel(testImage(20, 13), 20, 13, Tmux)
	if u := unwrapTmux(t, s); err != nil || !strings.HasPrefix(u, "\x1bP0;1q\"1;1;20;13#") || !strings.HasSuffix(u, "\x1b\\") ||
		len(u) != len(Sixel(testImage(20, 13), 20, 13)) {
		t.Errorf("sixel through tmux: %q, %v", u, err)
	}
	if unwrapTmux(t, ClearKitty(Tmux)) != KittyClear() {
		t.Error("ClearKitty(Tmux) does not wrap KittyClear")
	}
	if Direct.String() != "direct" || Tmux.String() != "tmux" {
		t.Error("Passthrough names")
	}
}

func TestSixelRoundTrip(t *testing.T) {
	src := testImage(20, 13)
	out := Sixel(src, 40, 13)
	if !strings.HasPrefix(out, "\x1bP0;1q\"1;1;20;13") || !strings.HasSuffix(out, "\x1b\\") {
		t.Fatalf("sequence = %q…", out[:min(len(out), 30)])
	}
	body := out[len("\x1bP0;1q") : len(out)-2]
	if strings.ContainsAny(body, "\x1b\n") {
		t.Error("escape or newline inside the sixel body")
	}
	// 13 rows make three bands of six, separated by two '-' (x/ansi ends the last band with
	// one more, which draws nothing).
	if n := strings.Count(strings.TrimSuffix(body, "-"), "-"); n != 2 {
		t.Errorf("%d band separators, want 2", n)
	}
	back, err := (&sixel.Decoder{}).Decode(strings.NewReader(body))
	if err != nil {
		t.Fatalf("decode our sixel: %v", err)
	}
	if back.Bounds().Dx() != 20 || back.Bounds().Dy() < 13 {
		t.Fatalf("decoded bounds %v", back.Bounds())
	}
	// Sixel colours are percentages, so allow a few units of error per channel.
	for _, p := range []image.Point{{0, 0}, {9, 5}, {15, 2}, {19, 12}, {3, 10}} {
		r1, g1, b1, _ := src.At(p.X, p.Y).RGBA()
		r2, g2, b2, _ := back.At(p.X, p.Y).RGBA()
		for _, d := range []int{int(r1>>8) - int(r2>>8), int(g1>>8) - int(g2>>8), int(b1>>8) - int(b2>>8)} {
			if d < -4 || d > 4 {
				t.Errorf("pixel %v: %d,%d,%d became %d,%d,%d", p, r1>>8, g1>>8, b1>>8, r2>>8, g2>>8, b2>>8)
				break
			}
		}
	}
}

func TestSixelPaletteBound(t *testing.T) {
	// A gradient with far more than 256 colours is quantised to at most 256 registers.
	img := image.NewRGBA(image.Rect(0, 0, 256, 64))
	for y := range 64 {
		for x := range 256 {
			o := img.PixOffset(x, y)
			img.Pix[o], img.Pix[o+1], img.Pix[o+2], img.Pix[o+3] = uint8(x), uint8(y*4), uint8(255-x), 255
		}
	}
	defs := regexp.MustCompile(`#\d+;2;`).FindAllString(Sixel(img, 256, 64), -1)
	if len(defs) < 16 || len(defs) > 256 {
		t.Errorf("%d palette entries", len(defs))
	}
}

func TestRenderersRejectNothingToDraw(t *testing.T) {
	img := testImage(4, 4)
	for name, f := range map[string]func() (string, error){
		"kitty nil":  func() (string, error) { return EncodeKitty(nil, 10, 10, Direct) },
		"kitty zero": func() (string, error) { return EncodeKitty(img, 10, 0, Tmux) },
		"sixel nil":  func() (string, error) { return EncodeSixel(nil, 10, 10, Direct) },
		"sixel zero": func() (string, error) { return EncodeSixel(img, -1, 10, Direct) },
		"render hb":  func() (string, error) { return Render(img, 0, 5, Choice{Protocol: ProtocolHalfBlocks}, 0, 0) },
	} {
		if s, err := f(); s != "" || err == nil {
			t.Errorf("%s: got %q, %v; want an error", name, s, err)
		}
	}
	if Kitty(nil, 1, 1) != "" || Sixel(img, 0, 0) != "" {
		t.Error("the string forms must return \"\" for nothing to draw")
	}
}

func TestRender(t *testing.T) {
	img := testImage(40, 20)
	kit, err := Render(img, 20, 10, Choice{Protocol: ProtocolKitty, Passthrough: Tmux}, 0, 0)
	if err != nil || !strings.HasPrefix(kit, "\x1bPtmux;\x1b\x1b_G") {
		t.Errorf("kitty via tmux: %q, %v", kit[:min(len(kit), 20)], err)
	}
	// Sixel: 20×10 cells of the default 10×20 pixels = 200×200 pixels; the 2:1 image fits as
	// 200×100.
	six, err := Render(img, 20, 10, Choice{Protocol: ProtocolSixel}, 0, 0)
	if err != nil || !strings.HasPrefix(six, "\x1bP0;1q\"1;1;200;100") {
		t.Errorf("sixel: %q, %v", six[:min(len(six), 20)], err)
	}
	six, _ = Render(img, 20, 10, Choice{Protocol: ProtocolSixel}, 8, 16)
	if !strings.HasPrefix(six, "\x1bP0;1q\"1;1;160;80") {
		t.Errorf("sixel with 8×16 cells: %q", six[:min(len(six), 20)])
	}
	hb, err := Render(img, 20, 10, Choice{Protocol: ProtocolHalfBlocks}, 0, 0)
	if err != nil || hb != HalfBlocks(img, 20, 10) {
		t.Errorf("half blocks: %v", err)
	}
	if _, err := Render(img, 20, 10, Choice{Protocol: "ascii-art"}, 0, 0); err == nil || !strings.Contains(err.Error(), `"ascii-art"`) {
		t.Errorf("unknown protocol error = %v", err)
	}
}

func TestChoose(t *testing.T) {
	const tmux = "/tmp/tmux-1000/default,1234,0"
	half, kit, six := Choice{Protocol: ProtocolHalfBlocks}, Choice{Protocol: ProtocolKitty}, Choice{Protocol: ProtocolSixel}
	kitTmux := Choice{Protocol: ProtocolKitty, Passthrough: Tmux}
	cases := []struct {
		name      string
		env       map[string]string
		allowTmux bool
		want      Choice
	}{
		{"kitty by TERM", map[string]string{"TERM": "xterm-kitty"}, false, kit},
		{"kitty by window id", map[string]string{"TERM": "xterm-256color", "KITTY_WINDOW_ID": "3"}, false, kit},
		{"WezTerm", map[string]string{"TERM": "xterm-256color", "TERM_PROGRAM": "WezTerm"}, false, kit},
		{"WezTerm pane", map[string]string{"TERM": "xterm-256color", "WEZTERM_PANE": "0"}, false, kit},
		{"Ghostty", map[string]string{"TERM": "xterm-ghostty"}, false, kit},
		{"Ghostty resources", map[string]string{"TERM": "xterm-256color", "GHOSTTY_RESOURCES_DIR": "/usr/share/ghostty"}, false, kit},
		{"foot", map[string]string{"TERM": "foot"}, false, six},
		{"mlterm", map[string]string{"TERM": "mlterm"}, false, six},
		{"xterm-sixel", map[string]string{"TERM": "xterm-sixel"}, false, six},
		{"iTerm2", map[string]string{"TERM": "xterm-256color", "TERM_PROGRAM": "iTerm.app"}, false, half},
		{"plain xterm", map[string]string{"TERM": "xterm-256color"}, false, half},
		{"empty env", map[string]string{}, true, half},
		{"tmux, passthrough not allowed", map[string]string{"TERM": "tmux-256color", "TMUX": tmux, "KITTY_WINDOW_ID": "1"}, false, half},
		{"tmux in kitty, allowed", map[string]string{"TERM": "tmux-256color", "TMUX": tmux, "TERM_PROGRAM": "tmux", "KITTY_WINDOW_ID": "1"}, true, kitTmux},
		{"tmux in Ghostty, allowed", map[string]string{"TERM": "screen-256color", "TMUX": tmux, "GHOSTTY_RESOURCES_DIR": "/x"}, true, kitTmux},
		{"tmux in an unknown terminal, allowed", map[string]string{"TERM": "tmux-256color", "TMUX": tmux}, true, half},
		{"tmux in foot, allowed: undetectable", map[string]string{"TERM": "tmux-256color", "TMUX": tmux}, true, half},
		{"TERM_PROGRAM=tmux without TMUX (sudo)", map[string]string{"TERM": "tmux-256color", "TERM_PROGRAM": "tmux", "KITTY_WINDOW_ID": "1"}, true, kitTmux},
		{"GNU screen", map[string]string{"TERM": "screen-256color"}, true, half},
		{"GNU screen in kitty", map[string]string{"TERM": "screen", "STY": "1234.pts-0", "KITTY_WINDOW_ID": "1"}, true, half},
		{"foot with STY", map[string]string{"TERM": "foot", "STY": "1234.pts-0"}, true, half},
	}
	for _, c := range cases {
		got := Choose(func(k string) string { return c.env[k] }, c.allowTmux)
		if got != c.want {
			t.Errorf("%s: Choose = %+v, want %+v", c.name, got, c.want)
		}
	}
}

func TestSaveImage(t *testing.T) {
	dir := t.TempDir()
	data := encodePNG(t, testImage(8, 8))
	path := filepath.Join(dir, ImageFileName("i-bp1abc", data, time.Date(2026, 11, 30, 22, 3, 5, 0, time.FixedZone("CST", 8*3600))))
	if filepath.Base(path) != "bootlog-i-bp1abc-20261130T140305Z.png" {
		t.Errorf("file name = %q", filepath.Base(path))
	}
	if err := SaveImage(path, data); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", st.Mode().Perm())
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, data) {
		t.Error("saved bytes differ")
	}
	// A second save to the same path fails and leaves the first file alone.
	err = SaveImage(path, encodeJPEG(t, testImage(8, 8)))
	if !errors.Is(err, fs.ErrExist) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("second save error = %v", err)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, data) {
		t.Error("the existing file was changed")
	}
	// Not an image: refused, nothing written.
	junk := filepath.Join(dir, "junk.png")
	if err := SaveImage(junk, []byte("<html>502 Bad Gateway</html>")); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("junk save error = %v", err)
	}
	if _, err := os.Stat(junk); !errors.Is(err, fs.ErrNotExist) {
		t.Error("junk was written")
	}
	// A directory that does not exist: a plain error naming the cause.
	if err := SaveImage(filepath.Join(dir, "nope", "x.png"), data); err == nil || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing directory error = %v", err)
	}
}

func TestImageFileName(t *testing.T) {
	at := time.Date(2026, 11, 30, 14, 3, 5, 0, time.UTC)
	jpg := encodeJPEG(t, testImage(4, 4))
	for id, want := range map[string]string{
		"i-bp1abc":               "bootlog-i-bp1abc-20261130T140305Z.jpg",
		"../../etc/passwd":       "bootlog-_.._etc_passwd-20261130T140305Z.jpg",
		"":                       "bootlog-instance-20261130T140305Z.jpg",
		"..":                     "bootlog-instance-20261130T140305Z.jpg",
		"i-\x1b]0;pwn\x07x":      "bootlog-i-__0_pwn_x-20261130T140305Z.jpg",
		strings.Repeat("a", 300): "bootlog-" + strings.Repeat("a", 64) + "-20261130T140305Z.jpg",
	} {
		if got := ImageFileName(id, jpg, at); got != want {
			t.Errorf("ImageFileName(%q) = %q, want %q", id, got, want)
		}
	}
	if got := ImageFileName("i-1", []byte("x"), at); !strings.HasSuffix(got, ".img") {
		t.Errorf("unknown format name %q", got)
	}
}

// BenchmarkSixel encodes a 1024×768 screenshot for a 120×40 terminal of 10×20-pixel cells.
func BenchmarkSixel(b *testing.B) {
	img := testImage(1024, 768)
	for b.Loop() {
		if _, err := EncodeSixel(img, 1200, 800, Direct); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1000, "ms/render")
}

// BenchmarkKitty encodes the same screenshot for kitty (PNG, base64, chunks).
func BenchmarkKitty(b *testing.B) {
	img := testImage(1024, 768)
	for b.Loop() {
		if _, err := EncodeKitty(img, 120, 40, Direct); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1000, "ms/render")
}
