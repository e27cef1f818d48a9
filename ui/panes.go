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

// firstRunView is the full-pane screen shown when no credentials were found anywhere.
func (m *Model) firstRunView() string {
	s := m.styles
	lines := []string{
		s.PaneTitle.Render("No Alibaba Cloud credentials found"),
		"",
	}
	// config's own inspection of each source reads better than the SDK's chain error, which
	// concatenates every provider's message; the error is the fallback when there is none.
	if _, tried := m.cfg.HasCredentials(); len(tried) > 0 {
		lines = append(lines, "bootlog looked at, in order:")
		for _, t := range tried {
			lines = append(lines, "  - "+t)
		}
		lines = append(lines, "")
	} else if fe := m.firstRun; fe != nil {
		if fe.Message != "" {
			lines = append(lines, "What was tried: "+oneLine(fe.Message))
		}
		if fe.Hint != "" {
			lines = append(lines, oneLine(fe.Hint))
		}
		lines = append(lines, "")
	}
	lines = append(lines,
		"bootlog looks for credentials the way the aliyun CLI does. Any one of these works:",
		"",
		"  • configure a CLI profile:     "+s.Code.Render("aliyun configure"),
		"  • or set environment vars:     "+s.Code.Render("ALIBABA_CLOUD_ACCESS_KEY_ID")+" and",
		"                                 "+s.Code.Render("ALIBABA_CLOUD_ACCESS_KEY_SECRET"),
		"  • pick a profile:              "+s.Code.Render("bootlog --profile NAME"),
		"",
		"To look around without an account: "+s.Code.Render("bootlog --demo"),
		"",
		s.Dim.Render("q quits"),
	)
	for i, l := range lines {
		lines[i] = wrapText(l, max(m.width-4, 20))
	}
	return s.Pane.Render(strings.Join(lines, "\n"))
}

// wrapText breaks plain text at spaces so no line exceeds w cells, keeping the text's leading
// indentation on every line it makes (list items stay aligned). Lines with styling pass through.
func wrapText(text string, w int) string {
	if strings.Contains(text, "\x1b") || len(text) <= w {
		return text
	}
	indent := text[:len(text)-len(strings.TrimLeft(text, " "))]
	var out []string
	line := ""
	for _, word := range strings.Fields(text) {
		if line != "" && len(indent)+len(line)+1+len(word) > w {
			out = append(out, indent+line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += word
	}
	if line != "" {
		out = append(out, indent+line)
	}
	return strings.Join(out, "\n")
}
