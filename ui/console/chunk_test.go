package console

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unsafe"
)

// The plain and styled buffers are chunks (render.go): a line that does not fit what is left of a
// chunk makes append move the array mid-line, and keep must then move the line to a chunk of its
// own. Lines of every length up to several chunks, coloured or not, cross those boundaries here.
func TestChunkBoundaries(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	var in strings.Builder
	var want []string
	for in.Len() < 6*chunkSize {
		n := rng.IntN(300)
		switch rng.IntN(20) {
		case 0:
			n = chunkReserve + rng.IntN(chunkSize)
		case 1:
			n = chunkSize + rng.IntN(2*chunkSize)
		}
		text := strings.Repeat(string(rune('a'+len(want)%26)), n)
		want = append(want, text)
		if rng.IntN(3) == 0 && n > 2 {
			// Colour the middle: the plain text is no longer the input's bytes.
			fmt.Fprintf(&in, "%s\x1b[31m%s\x1b[0m%s\r\n", text[:1], text[1:n-1], text[n-1:])
		} else {
			in.WriteString(text + "\r\n")
		}
	}
	data := []byte(in.String())
	for _, share := range []bool{false, true} {
		for _, color := range []bool{false, true} {
			var doc Document
			if share {
				doc = RenderShared(data, Options{Color: color})
			} else {
				doc = Render(data, Options{Color: color})
			}
			if len(doc.Plain) != len(want) {
				t.Fatalf("share %v color %v: %d lines, want %d", share, color, len(doc.Plain), len(want))
			}
			for i, w := range want {
				if doc.Plain[i] != w {
					t.Fatalf("share %v color %v: line %d has %d bytes, want %d", share, color, i, len(doc.Plain[i]), len(w))
				}
				if !color && doc.Lines()[i] != w {
					t.Fatalf("share %v: plain-mode line %d differs", share, i)
				}
				if color && strings.Contains(doc.Lines()[i], "\x1b") && !strings.HasSuffix(doc.Lines()[i], "\x1b[m") {
					t.Fatalf("share %v: line %d not reset", share, i)
				}
			}
		}
	}
}

// RenderShared points verbatim lines into the input and copies only the others.
func TestRenderSharedPointsIntoInput(t *testing.T) {
	data := []byte("plain line\r\n\x1b[32mgreen\x1b[0m\r\nbell\x07\n")
	doc := RenderShared(data, Options{Color: true})
	inside := func(s string) bool {
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		base := uintptr(unsafe.Pointer(unsafe.SliceData(data)))
		return p >= base && p < base+uintptr(len(data))
	}
	if !inside(doc.Plain[0]) || doc.Lines()[0] != doc.Plain[0] {
		t.Errorf("verbatim line was copied")
	}
	if inside(doc.Plain[1]) || inside(doc.Plain[2]) {
		t.Errorf("a rewritten line points into the input: %q %q", doc.Plain[1], doc.Plain[2])
	}
	if doc.Plain[1] != "green" || doc.Plain[2] != "bell^G" {
		t.Errorf("plain = %q", doc.Plain)
	}
	if other := Render(data, Options{Color: true}); inside(other.Plain[0]) {
		t.Errorf("Render points into its input")
	}
}
