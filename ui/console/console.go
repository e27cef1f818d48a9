// Package console turns raw serial-console bytes into display lines that are safe to put on the
// operator's terminal: terminal line semantics are applied, colour (SGR) is kept and re-emitted by
// bootlog itself, and every other control or escape sequence is consumed or made visible.
package console

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Options controls rendering.
type Options struct {
	// Color keeps SGR styling; false gives plain text (NO_COLOR, --no-color, pipes).
	Color bool
}

// Document is a rendered console log. Lines[i] is self-contained (its styles are reset at its end);
// Plain[i] is the same line without styling, for search.
type Document struct {
	Lines []string
	Plain []string
}

// Render converts decoded console bytes into a Document.
//
// TEMPORARY placeholder (strip-only) until the console-text issue lands its real renderer.
func Render(data []byte, opts Options) Document {
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	raw := strings.Split(text, "\n")
	doc := Document{Lines: make([]string, len(raw)), Plain: make([]string, len(raw))}
	for i, l := range raw {
		p := ansi.Strip(l)
		p = strings.Map(func(r rune) rune {
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
				return -1
			}
			return r
		}, p)
		doc.Lines[i], doc.Plain[i] = p, p
	}
	return doc
}
