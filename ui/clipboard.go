package ui

import (
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// Copying goes through OSC 52, the terminal's own clipboard, which also works over SSH. Inside
// tmux a bare OSC 52 reaches the outer terminal only when tmux's set-clipboard is on (its default,
// "external", keeps it inside tmux), so bootlog also sends it wrapped in tmux's DCS passthrough,
// which needs allow-passthrough on. Neither can be confirmed: the toast says what was sent and,
// in tmux, what tmux needs, rather than claiming that it was copied.

// copyCmd sends the text that text builds to the clipboard, and shows a toast that says what was
// sent. text runs in the command, so joining a large log costs the UI goroutine nothing.
func (v *viewer) copyCmd(text func() string, what string) tea.Cmd {
	tmux := v.handoff.tmux
	note := "sent " + what + " to the clipboard (OSC 52)"
	if tmux {
		note += " through tmux: needs set-clipboard on or allow-passthrough on"
	}
	send := func() tea.Msg {
		s := text()
		if !tmux {
			return tea.SetClipboard(s)()
		}
		return tea.BatchMsg{tea.SetClipboard(s), tea.Raw(ansi.TmuxPassthrough(ansi.SetSystemClipboard(s)))}
	}
	return tea.Batch(send, v.showToast(note, toastInfo))
}

// copyText is copyCmd for a string already built.
func (v *viewer) copyText(s, what string) tea.Cmd {
	return v.copyCmd(func() string { return s }, what)
}
