package imageview

import "strings"

// Choice is how to show an image in the terminal bootlog runs in: a protocol (ProtocolKitty,
// ProtocolSixel or ProtocolHalfBlocks) and the passthrough its sequences need.
type Choice struct {
	Protocol    string
	Passthrough Passthrough
}

// Choose picks how to show an image from the environment (pass os.Getenv, or a map's lookup in
// tests). Like Protocol it is conservative, since a wrong guess fills the screen with base64 while
// half blocks work in every true-colour terminal; unlike Protocol it can see through tmux.
//
// Outside tmux, the terminal is known from TERM and TERM_PROGRAM, as Protocol does, and from the
// variables kitty, Ghostty and WezTerm put in the environment of their shells (KITTY_WINDOW_ID,
// GHOSTTY_RESOURCES_DIR, WEZTERM_PANE). Inside tmux (TMUX set), TERM and TERM_PROGRAM describe
// tmux, not the terminal, so only those inherited variables tell; and graphics go through only
// when allowTmux says the operator turned tmux's allow-passthrough on, which cannot be detected
// from here. Sixel terminals (foot, mlterm, TERM=*sixel*) leave no such variable, so inside tmux
// they get half blocks. GNU screen (STY set, or TERM=screen* outside tmux) always gets half
// blocks: its passthrough cuts sequences into 768-byte pieces that break images.
func Choose(env func(string) string, allowTmux bool) Choice {
	half := Choice{Protocol: ProtocolHalfBlocks}
	term, prog := env("TERM"), env("TERM_PROGRAM")
	inTmux := env("TMUX") != "" || strings.EqualFold(prog, "tmux")
	if env("STY") != "" || (!inTmux && strings.HasPrefix(term, "screen")) {
		return half
	}
	kittyVars := env("KITTY_WINDOW_ID") != "" || env("GHOSTTY_RESOURCES_DIR") != "" || env("WEZTERM_PANE") != ""
	if inTmux {
		if !allowTmux || !kittyVars {
			return half
		}
		return Choice{Protocol: ProtocolKitty, Passthrough: Tmux}
	}
	switch {
	case kittyVars || strings.Contains(term, "kitty") || strings.Contains(term, "ghostty") ||
		prog == "WezTerm" || strings.EqualFold(prog, "ghostty"):
		return Choice{Protocol: ProtocolKitty}
	case strings.Contains(term, "sixel") || strings.HasPrefix(term, "mlterm") || strings.HasPrefix(term, "foot"):
		return Choice{Protocol: ProtocolSixel}
	}
	return half
}
