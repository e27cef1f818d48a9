package console

import (
	"slices"
	"testing"
	"unsafe"
)

// TestUnstyledDocumentSharesLines checks that a document without any style has one slice for
// Lines and Plain, that a style on a later line still gives the earlier lines their text, and
// that appending to Lines never writes into Plain's array.
func TestUnstyledDocumentSharesLines(t *testing.T) {
	for _, tc := range []struct {
		name   string
		in     string
		opts   Options
		shared bool
		lines  []string
	}{
		{"plain mode", "a\x1b[31mb\x1b[m\nc\n", Options{}, true, []string{"ab", "c"}},
		{"colour mode, no style", "boot\r\nok\r\n", Options{Color: true}, true, []string{"boot", "ok"}},
		{"colour mode, style set and reset on one line", "a\x1b[1m\x1b[m\nb", Options{Color: true}, true, []string{"a", "b"}},
		{"style from the second line", "one\ntwo \x1b[31mred\x1b[m\nthree\n", Options{Color: true}, false,
			[]string{"one", "two \x1b[31mred\x1b[m", "three"}},
		{"empty", "", Options{Color: true}, true, []string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, render := range []func([]byte, Options) Document{Render, RenderShared} {
				doc := render([]byte(tc.in), tc.opts)
				if !slices.Equal(doc.Lines, tc.lines) {
					t.Fatalf("Lines = %q, want %q", doc.Lines, tc.lines)
				}
				same := len(doc.Lines) > 0 && unsafe.SliceData(doc.Lines) == unsafe.SliceData(doc.Plain)
				if len(doc.Lines) > 0 && same != tc.shared {
					t.Errorf("Lines and Plain share an array: %v, want %v", same, tc.shared)
				}
				if cap(doc.Lines) != len(doc.Lines) || cap(doc.Plain) != len(doc.Plain) {
					t.Errorf("caps %d, %d for %d lines: an append to one could write into the other",
						cap(doc.Lines), cap(doc.Plain), len(doc.Lines))
				}
				if got := append(doc.Lines, "x"); unsafe.SliceData(got) == unsafe.SliceData(doc.Plain) {
					t.Error("appending to Lines wrote into Plain's array")
				}
			}
		})
	}
}
