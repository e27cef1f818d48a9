package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
)

// The explanation panes replace the log when there is nothing to show, and say why and what to do.

// emptyView explains an instance whose console output is empty.
func (v *viewer) emptyView() string {
	s := v.styles
	lines := []string{
		s.PaneTitle.Render("No console output yet"),
		"",
		"ECS returned an empty log for " + v.inst.ID + ".",
		"",
		"• ECS caches the serial console output at each start, reboot and shutdown. If the",
		"  instance has only just been created, nothing is cached yet: follow (F) waits for it.",
		"• If the instance has booted and the log stays empty, the image may not send its",
		"  console to the serial port. Add " + s.Code.Render("console=ttyS0") + " to the kernel command line",
		"  (GRUB_CMDLINE_LINUX in /etc/default/grub), regenerate the GRUB config and reboot.",
		"",
		s.Dim.Render(v.paneKeys(v.keys.Refresh, v.keys.Follow, v.keys.Screenshot, v.keys.Reboot, v.keys.Back)),
	}
	return s.Pane.Render(strings.Join(lines, "\n"))
}

// paneKeys is a pane's key line: the given bindings that are on, as "key what" joined by " · ",
// so the line offers exactly what the keys do (B says start for a Stopped instance).
func (v *viewer) paneKeys(bs ...key.Binding) string {
	var parts []string
	for _, b := range bs {
		if b.Enabled() {
			parts = append(parts, b.Help().Key+" "+b.Help().Desc)
		}
	}
	return strings.Join(parts, " · ")
}

// unavailableView explains an instance whose console cannot be fetched at all.
func (v *viewer) unavailableView(width int) string {
	s := v.styles
	text := wrapText(v.unavailable, max(width-6, 20))
	keys := wrapText(v.paneKeys(v.keys.Screenshot, v.keys.VncLink, v.keys.Back), max(width-6, 20))
	lines := []string{s.PaneTitle.Render("Console output unavailable"), "", text, "", s.Dim.Render(keys)}
	return s.Pane.Render(strings.Join(lines, "\n"))
}
