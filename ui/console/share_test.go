package console

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unsafe"
)

// TestDocumentStoresOnlyStyledLines checks that a document keeps styles only for the lines that
// use one, that a style on a later line still gives the earlier lines their text, and that Plain
// comes without spare capacity, so appending to it never writes into an array another Document
// shares.
func TestDocumentStoresOnlyStyledLines(t *testing.T) {
	for _, tc := range []struct {
		name   string
		in     string
		opts   Options
		styled int
		lines  []string
	}{
		{"plain mode", "a\x1b[31mb\x1b[m\nc\n", Options{}, 0, []string{"ab", "c"}},
		{"colour mode, no style", "boot\r\nok\r\n", Options{Color: true}, 0, []string{"boot", "ok"}},
		{"colour mode, style set and reset on one line", "a\x1b[1m\x1b[m\nb", Options{Color: true}, 0, []string{"a", "b"}},
		{"style from the second line", "one\ntwo \x1b[31mred\x1b[m\nthree\n", Options{Color: true}, 1,
			[]string{"one", "two \x1b[31mred\x1b[m", "three"}},
		{"empty", "", Options{Color: true}, 0, []string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, render := range []func([]byte, Options) Document{Render, RenderShared} {
				doc := render([]byte(tc.in), tc.opts)
				if got := doc.Lines(); !slices.Equal(got, tc.lines) {
					t.Fatalf("Lines() = %q, want %q", got, tc.lines)
				}
				if doc.StyledCount() != tc.styled {
					t.Errorf("%d styled lines stored, want %d", doc.StyledCount(), tc.styled)
				}
				for i := range doc.Len() {
					if doc.Styled(i) != (doc.Line(i) != doc.Plain[i]) {
						t.Errorf("line %d: Styled %v for %q / %q", i, doc.Styled(i), doc.Line(i), doc.Plain[i])
					}
					if !doc.Styled(i) && unsafe.StringData(doc.Line(i)) != unsafe.StringData(doc.Plain[i]) {
						t.Errorf("line %d: an unstyled line is a copy of its plain text", i)
					}
				}
				if cap(doc.Plain) != len(doc.Plain) {
					t.Errorf("Plain has capacity %d for %d lines", cap(doc.Plain), len(doc.Plain))
				}
			}
		})
	}
}

// NewDocument stores what Render would for the same lines, and refuses, line by line, styled text
// that is not its plain text with SGR inserted.
func TestNewDocument(t *testing.T) {
	in := "one\r\n\x1b[1;31mred\x1b[0m and \x1b[38;2;1;2;3mdeep\x1b[m\r\n\x1b[4m\x1b[m\r\nlast \x1b[7mrev"
	doc := Render([]byte(in), Options{Color: true})
	got := NewDocument(doc.Lines(), doc.Plain)
	if !slices.Equal(got.Lines(), doc.Lines()) || got.StyledCount() != doc.StyledCount() {
		t.Fatalf("NewDocument(Render) = %q (%d styled), want %q (%d)", got.Lines(), got.StyledCount(), doc.Lines(), doc.StyledCount())
	}
	for _, tc := range []struct{ styled, plain, want string }{
		{"a\x1b[31mb", "ab", "a\x1b[31mb"},
		{"\x1b[31mab\x1b[m", "ab", "\x1b[31mab\x1b[m"},
		{"xb", "ab", "ab"},                           // text differs
		{"a\x1b]0;t\x07b", "ab", "ab"},               // not CSI
		{"a\x1b[31", "a", "a"},                       // unterminated
		{"\x1b[31mab\x1b[m!", "ab", "ab"},            // longer than plain
		{"\x1b[31ma\x1b[m", "ab", "ab"},              // shorter than plain
		{"", "ab", "ab"},                             // nothing
		{"日\x1b[2m本\x1b[m", "日本", "日\x1b[2m本\x1b[m"}, // multi-byte text
	} {
		d := NewDocument([]string{tc.styled}, []string{tc.plain})
		if got := d.Line(0); got != tc.want {
			t.Errorf("NewDocument(%q, %q).Line(0) = %q, want %q", tc.styled, tc.plain, got, tc.want)
		}
	}
	// Many styled lines cross the builder's chunks; each keeps its own insertions.
	var styled, plain []string
	for i := range 20000 {
		p := strings.Repeat("x", i%50)
		plain = append(plain, p)
		styled = append(styled, "\x1b[3"+string(rune('1'+i%7))+"m"+p+"\x1b[m")
	}
	d := NewDocument(styled, plain)
	for i := range styled {
		if d.Line(i) != styled[i] {
			t.Fatalf("line %d = %q, want %q", i, d.Line(i), styled[i])
		}
	}
}

// Past maxSeqs distinct SGR sequences, later ones are stored in full, line by line; every line
// still shows its own colour, from Render as from NewDocument, and in WriteText.
func TestStyleTableOverflow(t *testing.T) {
	var in strings.Builder
	var want []string
	for i := range maxSeqs + 500 {
		c := fmt.Sprintf("\x1b[38;2;%d;%d;%dm", i>>16&255, i>>8&255, i&255)
		fmt.Fprintf(&in, "x%sline %d\x1b[0m\n", c, i)
		want = append(want, fmt.Sprintf("x\x1b[38;2;%d;%d;%dmline %d\x1b[m", i>>16&255, i>>8&255, i&255, i))
	}
	doc := Render([]byte(in.String()), Options{Color: true})
	if got := doc.Lines(); !slices.Equal(got, want) {
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("line %d = %q, want %q", i, got[i], want[i])
			}
		}
		t.Fatalf("%d lines, want %d", len(got), len(want))
	}
	if len(doc.sty.seqs) > maxSeqs {
		t.Errorf("%d sequences in the table, at most %d expected", len(doc.sty.seqs), maxSeqs)
	}
	if got := NewDocument(want, doc.Plain).Lines(); !slices.Equal(got, want) {
		t.Error("NewDocument lost colours past the table's size")
	}
	var out strings.Builder
	if err := WriteText(&out, []byte(in.String()), Options{Color: true}); err != nil {
		t.Fatal(err)
	}
	if out.String() != strings.Join(want, "\n")+"\n" {
		t.Error("WriteText differs from the document's lines")
	}
}
