package ui

import (
	"strings"

	"github.com/bootlog/bootlog/config"
)

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
		config.CredentialsClaim(),
		"Any one of these works:",
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
