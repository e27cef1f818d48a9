package cli

import (
	"fmt"
	"io"
	"os"

	"github.com/charmbracelet/x/term"
)

// progressLine is a status line rewritten in place on a terminal, and nothing elsewhere, so a
// script's stderr holds only real messages.
type progressLine struct {
	w     io.Writer
	shown bool
}

func newProgressLine(w io.Writer) *progressLine {
	if !isTerminal(w) {
		return &progressLine{}
	}
	return &progressLine{w: w}
}

// show replaces the line with text (the caller has made it safe).
func (p *progressLine) show(text string) {
	if p.w == nil {
		return
	}
	fmt.Fprintf(p.w, "\r\x1b[K%s", text)
	p.shown = true
}

// clear erases the line, leaving the cursor where the next message starts.
func (p *progressLine) clear() {
	if p.w == nil || !p.shown {
		return
	}
	fmt.Fprint(p.w, "\r\x1b[K")
	p.shown = false
}

// isTerminal reports whether w is a terminal, so piped output is plain text.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}
