package emulator

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"strings"
)

// The screenshot is an 80×25 text console drawn with a 3×5 pixel font, each font pixel 2×2
// screen pixels and each character cell 4×6 font pixels: 640×300 pixels, a few KB as PNG.
const (
	screenCols = 80
	screenRows = 25
	cellW      = 4
	cellH      = 6
	pixel      = 2
)

// font3x5 holds one glyph per character as five rows of three columns ('#' lit). Lower-case
// letters are drawn as capitals, as on many firmware consoles; characters without a glyph are
// drawn as a small block so that the shape of a line still shows.
var font3x5 = map[rune]string{
	'A': ".#.#.#####.##.#", 'B': "##.#.###.#.###.", 'C': ".###..#..#...##", 'D': "##.#.##.##.###.",
	'E': "####..###..####", 'F': "####..###..#...", 'G': ".###..#.##.#.##", 'H': "#.##.#####.##.#",
	'I': "###.#..#..#.###", 'J': "..#..#..##.#.#.", 'K': "#.##.###.#.##.#", 'L': "#..#..#..#..###",
	'M': "#.#####.##.##.#", 'N': "##.#.##.##.##.#", 'O': ".#.#.##.##.#.#.", 'P': "##.#.###.#..#..",
	'Q': ".#.#.##.##.#.##", 'R': "##.#.###.#.##.#", 'S': ".###...#...###.", 'T': "###.#..#..#..#.",
	'U': "#.##.##.##.####", 'V': "#.##.##.##.#.#.", 'W': "#.##.##.#####.#", 'X': "#.##.#.#.#.##.#",
	'Y': "#.##.#.#..#..#.", 'Z': "###..#.#.#..###",
	'0': "####.##.##.####", '1': ".#.##..#..#.###", '2': "##...#.#.#..###", '3': "##...#.#...###.",
	'4': "#.##.####..#..#", '5': "####..##...###.", '6': ".###..###.#.##.", '7': "###..#..#.#..#.",
	'8': "####.#####.####", '9': "####.####..###.",
	'.': "............#..", ',': ".........#.#...", ':': "....#.....#....", ';': "....#.....#.#..",
	'-': "......###......", '_': "............###", '=': "...###...###...", '+': "....#.###.#....",
	'/': "..#..#.#.#..#..", '\\': "#..#...#...#..#", '(': ".#.#..#..#...#.", ')': ".#...#..#..#.#.",
	'[': "##.#..#..#..##.", ']': ".##..#..#..#.##", '<': "..#.#.#...#...#", '>': "#...#...#.#.#..",
	'!': ".#..#..#.....#.", '?': "##...#.#.....#.", '\'': ".#..#..........", '"': "#.##.#.........",
	'*': "#.#.#.#.#.#....", '#': "#.####.####.#.#", '@': "####.####..####", '%': "#.#..#.#.#..#.#",
	'|': ".#..#..#..#..#.", '~': "....#####......", '$': ".####.#.##.###.", '&': ".#.#.#.#.#.#.##",
	'{': ".##.#.##..#..##", '}': "##..#..##.#.##.", '^': ".#.#.#.........", '`': "#...#..........",
}

var (
	screenBackground = color.RGBA{0x0c, 0x0c, 0x0c, 0xff}
	screenForeground = color.RGBA{0xc0, 0xc0, 0xc0, 0xff}
)

// screenLines is what the console shows: the last rows of the serial output, as a terminal
// would display them, or a sign-in screen for Windows (nil text).
func screenLines(text []byte, host, osName string) []string {
	if text == nil {
		return []string{"", "", "", "    " + osName, "", "    " + host, "",
			"    Press Ctrl+Alt+Delete to sign in."}
	}
	clean := strings.TrimRight(string(removeConsoleSymbols(text)), "\n")
	lines := strings.Split(clean, "\n")
	if len(lines) > screenRows {
		lines = lines[len(lines)-screenRows:]
	}
	for i, l := range lines {
		l = strings.ReplaceAll(l, "\t", "        ")
		if r := []rune(l); len(r) > screenCols {
			l = string(r[:screenCols])
		}
		lines[i] = l
	}
	return lines
}

// renderScreenshot draws lines on an 80×25 console and encodes it as PNG.
func renderScreenshot(lines []string) []byte {
	img := image.NewPaletted(image.Rect(0, 0, screenCols*cellW*pixel, screenRows*cellH*pixel),
		color.Palette{screenBackground, screenForeground})
	for row, line := range lines {
		if row >= screenRows {
			break
		}
		col := 0
		for _, r := range line {
			if col >= screenCols {
				break
			}
			drawGlyph(img, col, row, r)
			col++
		}
	}
	var b bytes.Buffer
	// Encoding an in-memory paletted image cannot fail.
	_ = png.Encode(&b, img)
	return b.Bytes()
}

func drawGlyph(img *image.Paletted, col, row int, r rune) {
	if r == ' ' {
		return
	}
	if r >= 'a' && r <= 'z' {
		r -= 'a' - 'A'
	}
	g, ok := font3x5[r]
	if !ok {
		g = "....###.###...."
	}
	for i := 0; i < 15 && i < len(g); i++ {
		if g[i] != '#' {
			continue
		}
		x0 := (col*cellW + i%3) * pixel
		y0 := (row*cellH + i/3) * pixel
		for dy := range pixel {
			for dx := range pixel {
				img.SetColorIndex(x0+dx, y0+dy, 1)
			}
		}
	}
}
