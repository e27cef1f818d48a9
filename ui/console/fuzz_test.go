package console

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// emittedSGR matches exactly the SGR shapes appendSGR produces. Any other escape in the output
// means input bytes reached it.
var emittedSGR = regexp.MustCompile(`\x1b\[(?:[0-9]+(?:;[0-9]+)*)?m`)

// fuzzSeeds are the hostile and tricky inputs every fuzz run starts from, on top of the files in
// testdata/fuzz/FuzzRender.
var fuzzSeeds = []string{
	"",
	"plain\n",
	"[\x1b[0;32m  OK  \x1b[0m] Started \x1b[0;1;39mJournal Service\x1b[0m.\r\n",
	"Loading 10%\rLoading 100%\x1b[K\r\ndone\n",
	"abc\b\b\bxyz\t|\x1b[5G*\x1b[3D#\x1b[2C!\x1b[1K\n",
	"\x1b]52;c;aGVsbG8=\x07\x1b]0;owned\x1b\\\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\\n",
	"\x1bPq#0;2;0;0;0#1;2;100;100;0\x1b\\\x1b_Gf=100;AAAA\x1b\\\x1b^pm\x1b\\\x1bXsos\x1b\\",
	"\x1b[6n\x1b[c\x1b[>c\x1b[H\x1b[2J\x1b[10;10H\x1bc\x1b7\x1b8\x1b(0",
	"\x9b31m\x9d0;t\x07\x90q\x9c\xc2\x9b\xc2\x85",
	"\u202eevil\u202c \u2066x\u2069 \u200f\u200e\u061c",
	"\x00\x07\x7f\x0b\x0c\x1a\x18",
	"中文字符\r a\x1b[1Kb e\u0301 \U0001F1FA\U0001F1F8 1\ufe0f\u20e3",
	"\xff\xfe\xc0\x80\xed\xa0\x80",
	"\x1b[38;2;255;0;0;48;5;17;1;2;3;4;7mX\x1b[38:2::1:2:3;4:3mY\x1b[58;2;1;2;3mZ",
	"\x1b[" + strings.Repeat("1;", 40) + "m overflow",
	"\x1b[999999999999999999999G|\x1b[99999999C|",
	"unterminated \x1b]0;title",
	"unterminated \x1b[38;5",
	"\x1b",
}

// FuzzRender checks the safety properties of Render on arbitrary input: no panic, no escape in the
// output other than SGR that bootlog emitted, no control character at all, every styled line reset
// at its end, Plain equal to the stripped line, and plain mode equal to colour mode minus SGR.
func FuzzRender(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc := Render(data, Options{Color: true})
		plain := Render(data, Options{})
		// WriteText streams line by line; it must print exactly the document.
		var streamed bytes.Buffer
		if err := WriteText(&streamed, data, Options{Color: true}); err != nil || streamed.String() != documentText(data, Options{Color: true}) {
			t.Fatalf("WriteText differs from Render (err %v)", err)
		}
		if len(doc.Lines()) != len(doc.Plain) || len(plain.Lines()) != len(plain.Plain) {
			t.Fatalf("line/plain count mismatch: %d/%d, %d/%d",
				len(doc.Lines()), len(doc.Plain), len(plain.Lines()), len(plain.Plain))
		}
		if len(doc.Lines()) != len(plain.Lines()) {
			t.Fatalf("colour mode has %d lines, plain mode %d", len(doc.Lines()), len(plain.Lines()))
		}
		for i, l := range doc.Lines() {
			checkSafe(t, i, emittedSGR.ReplaceAllString(l, ""))
			checkSafe(t, i, doc.Plain[i])
			if strings.Contains(l, "\x1b") && !strings.HasSuffix(l, "\x1b[m") {
				t.Fatalf("line %d: styled line not reset at its end: %q", i, l)
			}
			if got := ansi.Strip(l); got != doc.Plain[i] {
				t.Fatalf("line %d: Plain %q != ansi.Strip(Lines) %q", i, doc.Plain[i], got)
			}
			if plain.Lines()[i] != plain.Plain[i] || plain.Plain[i] != doc.Plain[i] {
				t.Fatalf("line %d: plain mode %q/%q differs from colour mode's text %q",
					i, plain.Lines()[i], plain.Plain[i], doc.Plain[i])
			}
		}
		// RenderShared must give the same document, whichever lines it takes from the input.
		for _, opts := range []Options{{Color: true}, {}} {
			want, got := Render(data, opts), RenderShared(data, opts)
			if !slices.Equal(got.Lines(), want.Lines()) || !slices.Equal(got.Plain, want.Plain) {
				t.Fatalf("RenderShared(%+v) = %q/%q, Render gives %q/%q", opts, got.Lines(), got.Plain, want.Lines(), want.Plain)
			}
		}
	})
}

// checkSafe fails if s contains an escape, a C0 or C1 control, DEL, a bidi control or invalid UTF-8.
func checkSafe(t *testing.T, i int, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("line %d: invalid UTF-8: %q", i, s)
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || isC1(r) || isBidiControl(r) {
			t.Fatalf("line %d: control %U left in output: %q", i, r, s)
		}
	}
}
