package imageview

import "strings"

// The values Protocol returns.
const (
	// ProtocolKitty selects Kitty.
	ProtocolKitty = "kitty"
	// ProtocolSixel selects Sixel.
	ProtocolSixel = "sixel"
	// ProtocolHalfBlocks selects HalfBlocks.
	ProtocolHalfBlocks = "halfblocks"
)

// Protocol picks how to show an image from the environment (pass os.Getenv). It is conservative:
// only terminals known to implement a graphics protocol get it, because a wrong guess fills the
// screen with base64, while half blocks work in every true-colour terminal.
//
//   - "kitty" when TERM contains "kitty" or "ghostty", KITTY_WINDOW_ID is set, or TERM_PROGRAM
//     is WezTerm or ghostty.
//   - "sixel" when TERM contains "sixel" or starts with "mlterm" or "foot".
//   - "halfblocks" otherwise, and always inside tmux or GNU screen: they swallow or misplace
//     graphics unless passthrough is configured, which cannot be detected from here. iTerm2
//     gets half blocks too: its sixel support depends on the version and settings.
func Protocol(env func(string) string) string {
	term := env("TERM")
	prog := env("TERM_PROGRAM")
	switch {
	case env("TMUX") != "" || env("STY") != "" ||
		strings.HasPrefix(term, "screen") || strings.HasPrefix(term, "tmux"):
		return ProtocolHalfBlocks
	case strings.Contains(term, "kitty") || strings.Contains(term, "ghostty") ||
		env("KITTY_WINDOW_ID") != "" || prog == "WezTerm" || strings.EqualFold(prog, "ghostty"):
		return ProtocolKitty
	case strings.Contains(term, "sixel") || strings.HasPrefix(term, "mlterm") ||
		strings.HasPrefix(term, "foot"):
		return ProtocolSixel
	}
	return ProtocolHalfBlocks
}
