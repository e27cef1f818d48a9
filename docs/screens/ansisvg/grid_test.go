package main

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

func TestParseColoursAndDefaults(t *testing.T) {
	// What tmux captures of a Bubble Tea row: 256-colour text, then SGR 39 back to the default.
	g := Parse("\x1b[38;5;115mRun\x1b[39m x", 10, 1)
	for c := 0; c < 3; c++ {
		if got := g.Cells[0][c].Style.FG; got != indexed(115) {
			t.Errorf("cell %d fg = %+v, want colour 115", c, got)
		}
	}
	if got := g.Cells[0][4]; got.R != 'x' || got.Style.FG.Set {
		t.Errorf("cell 4 = %+v, want x in the default colour after SGR 39", got)
	}
}

func TestParseBackgroundBoldReverseAndReset(t *testing.T) {
	g := Parse("\x1b[1;48;5;53ma\x1b[22mb\x1b[7mc\x1b[0md", 4, 1)
	a, b, c, d := g.Cells[0][0].Style, g.Cells[0][1].Style, g.Cells[0][2].Style, g.Cells[0][3].Style
	if !a.Bold || a.BG != indexed(53) {
		t.Errorf("a = %+v, want bold on colour 53", a)
	}
	if b.Bold || b.BG != indexed(53) {
		t.Errorf("b = %+v, want SGR 22 to end bold and keep the background", b)
	}
	if !c.Reverse {
		t.Errorf("c = %+v, want reverse", c)
	}
	if d != (Style{}) {
		t.Errorf("d = %+v, want the default style after SGR 0", d)
	}
	fg, bg := colors(c)
	if fg != indexed(53) || bg != DefaultFG {
		t.Errorf("reverse drew fg %v bg %v, want the colours swapped", fg, bg)
	}
}

func TestParseTrueColourBothForms(t *testing.T) {
	g := Parse("\x1b[38;2;10;20;30ma\x1b[38:2::40:50:60mb\x1b[48:5:196mc", 3, 1)
	if got := g.Cells[0][0].Style.FG; got != (Color{Set: true, R: 10, G: 20, B: 30}) {
		t.Errorf("semicolon form = %+v", got)
	}
	if got := g.Cells[0][1].Style.FG; got != (Color{Set: true, R: 40, G: 50, B: 60}) {
		t.Errorf("colon form = %+v", got)
	}
	if got := g.Cells[0][2].Style.BG; got != indexed(196) {
		t.Errorf("colon 256-colour background = %+v", got)
	}
}

func TestParseStyleCarriesOverLineEnds(t *testing.T) {
	g := Parse("\x1b[31mab\ncd", 2, 2)
	if got := g.Cells[1][0].Style.FG; got != indexed(1) {
		t.Errorf("second line fg = %+v, want red carried over the newline", got)
	}
	if g.Cells[1][1].R != 'd' {
		t.Errorf("second line = %q%q, want cd", g.Cells[1][0].R, g.Cells[1][1].R)
	}
}

func TestParseWideRunesTakeTwoCells(t *testing.T) {
	g := Parse("堡a", 4, 1)
	if !g.Cells[0][0].Wide || !g.Cells[0][1].Spacer || g.Cells[0][2].R != 'a' {
		t.Errorf("cells = %+v, want a wide rune, its spacer, then a", g.Cells[0][:3])
	}
	// A wide rune that does not fit in the last column is dropped, not split.
	g = Parse("ab堡", 3, 1)
	if g.Cells[0][2].R != ' ' {
		t.Errorf("last cell = %q, want it left blank", g.Cells[0][2].R)
	}
}

func TestParseClipsAndSkipsOtherSequences(t *testing.T) {
	g := Parse("\x1b]8;;http://x\x07ab\x1b[2Kc\x1b(Bdef\nrow2\nrow3", 4, 2)
	got := string([]rune{g.Cells[0][0].R, g.Cells[0][1].R, g.Cells[0][2].R, g.Cells[0][3].R})
	if got != "abcd" {
		t.Errorf("row 0 = %q, want abcd (OSC and CSI K skipped, ef clipped at 4 columns)", got)
	}
	if g.Cells[1][0].R != 'r' || len(g.Cells) != 2 {
		t.Errorf("want exactly two rows, the second starting with r")
	}
}

func TestParseMalformedInputNeverPanics(t *testing.T) {
	for _, in := range []string{
		"\x1b", "\x1b[", "\x1b[38;5", "\x1b[38;2;1;2m", "\x1b[48;5;999mX", "\x1b[38:2mX",
		"\x1b]0;title", "\x1b[;;;m", "\x1b[99999999999999999999mX", "\t\t\t\t\t\t", "\xff\xfe",
	} {
		g := Parse(in, 5, 2)
		_ = g.SVG(SVGOptions{Font: "DejaVu Sans Mono", Size: 14})
	}
}

func TestSVGMergesBackgroundsAndEscapesText(t *testing.T) {
	g := Parse("\x1b[48;5;53m<a&b>\x1b[0m  \x1b[31mz", 10, 1)
	svg := g.SVG(SVGOptions{Title: `t"1`, Font: "DejaVu Sans Mono", Size: 14})
	rects := strings.Count(svg, `fill="`+hex(indexed(53))+`"`)
	if rects != 1 {
		t.Errorf("got %d background rectangles for one run of colour 53, want 1", rects)
	}
	for _, want := range []string{"&lt;a&amp;b&gt;</text>", `t&quot;1`, ">z</text>"} {
		if !strings.Contains(svg, want) {
			t.Errorf("SVG lacks %s:\n%s", want, svg)
		}
	}
	// The z sits at column 7: its x is that column's left edge.
	wantX := padX + 7*14*advancePerEm
	re := regexp.MustCompile(fmt.Sprintf(`<text x="%.2f" y="[0-9.]+" fill="%s">z</text>`, wantX, hex(indexed(1))))
	if !re.MatchString(svg) {
		t.Errorf("red z not drawn at x=%.2f:\n%s", wantX, svg)
	}
}

func TestIndexedPalette(t *testing.T) {
	for n, want := range map[int]Color{
		16:  {Set: true, R: 0, G: 0, B: 0},
		53:  {Set: true, R: 0x5f, G: 0, B: 0x5f},
		147: {Set: true, R: 0xaf, G: 0xaf, B: 0xff},
		232: {Set: true, R: 8, G: 8, B: 8},
		255: {Set: true, R: 0xee, G: 0xee, B: 0xee},
	} {
		if got := indexed(n); got != want {
			t.Errorf("indexed(%d) = %+v, want %+v", n, got, want)
		}
	}
	if indexed(256).Set || indexed(-1).Set {
		t.Error("out-of-range indexes must give the default colour")
	}
}
