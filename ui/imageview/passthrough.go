package imageview

import "github.com/charmbracelet/x/ansi"

// Passthrough says how a graphics sequence reaches the terminal that draws it.
type Passthrough int

const (
	// Direct writes sequences as they are: bootlog runs straight in the terminal.
	Direct Passthrough = iota
	// Tmux wraps each sequence in tmux's passthrough (DCS tmux; ... ST, ansi.TmuxPassthrough) so
	// that tmux hands it to the terminal outside. tmux drops it unless its allow-passthrough
	// option is on (off by default since tmux 3.3).
	Tmux
)

// String returns "direct" or "tmux".
func (p Passthrough) String() string {
	if p == Tmux {
		return "tmux"
	}
	return "direct"
}

// wrap applies the passthrough to one complete escape sequence.
func (p Passthrough) wrap(seq string) string {
	if p == Tmux && seq != "" {
		return ansi.TmuxPassthrough(seq)
	}
	return seq
}
