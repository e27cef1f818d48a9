package ui

import (
	"strings"
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
		"  instance has only just been created, nothing is cached yet: follow (f) waits for it.",
		"• If the instance has booted and the log stays empty, the image may not send its",
		"  console to the serial port. Add " + s.Code.Render("console=ttyS0") + " to the kernel command line",
		"  (GRUB_CMDLINE_LINUX in /etc/default/grub), regenerate the GRUB config and reboot.",
		"",
		s.Dim.Render("r refresh · f follow · esc back"),
	}
	return s.Pane.Render(strings.Join(lines, "\n"))
}

// unavailableView explains an instance whose console cannot be fetched at all.
func (v *viewer) unavailableView(width int) string {
	s := v.styles
	text := wrapText(v.unavailable, max(width-6, 20))
	lines := []string{s.PaneTitle.Render("Console output unavailable"), "", text, "", s.Dim.Render("esc back")}
	return s.Pane.Render(strings.Join(lines, "\n"))
}
