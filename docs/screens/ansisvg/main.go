// Command ansisvg turns a colour terminal capture (`tmux capture-pane -e -p`) into an SVG picture
// of a terminal window, cell for cell, for the README's screenshots (docs/screens/render converts
// the SVG to PNG with rsvg-convert).
//
// It exists because the general-purpose renderers tried first drop SGR codes that Bubble Tea
// programs rely on (39/49 default colours, 22 normal intensity, reverse video), which paints whole
// rows in the wrong colour, and they place backgrounds by an estimated glyph width that drifts
// away from the text over 120 columns. Here every cell sits at an exact column.
//
// It is a separate module with no dependencies so the tool never touches bootlog's go.mod.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	cols := flag.Int("cols", 120, "terminal width in cells")
	rows := flag.Int("rows", 40, "terminal height in cells")
	title := flag.String("title", "", "text in the window's title bar")
	font := flag.String("font", "DejaVu Sans Mono", "monospace font family (must have box-drawing glyphs)")
	size := flag.Float64("size", 14, "font size in px")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: ansisvg [flags] < capture.ansi > screen.svg")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 0 || *cols < 1 || *rows < 1 || *size <= 0 {
		flag.Usage()
		os.Exit(2)
	}
	in, err := io.ReadAll(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "ansisvg: read stdin:", err)
		os.Exit(1)
	}
	g := Parse(string(in), *cols, *rows)
	opts := SVGOptions{Title: *title, Font: *font, Size: *size}
	if _, err := io.WriteString(os.Stdout, g.SVG(opts)); err != nil {
		fmt.Fprintln(os.Stderr, "ansisvg: write stdout:", err)
		os.Exit(1)
	}
}
