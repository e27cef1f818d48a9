package ui

import (
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// fitBanner lays out the banner in width cells: one line when everything fits, otherwise the
// kind, code and message first, then the hint (what to do), then the RequestId (for a support
// ticket) and the retry key, each part wrapped rather than cut: at 60 columns the banner grows
// lines, it never loses its end. The hint and the tail share a line when they fit on one.
func fitBanner(prefix string, err error, retry string, width int) string {
	head, msg, hint, req := errorParts(err)
	if req != "" {
		req = "RequestId " + req
	}
	full := prefix + joinParts(head, msg, hint, req, retry)
	if ansi.StringWidth(full) <= width {
		return full
	}
	const ind = "  "
	lines := []string{wrapHanging(prefix+joinParts(head, msg), width, ind)}
	tail := joinParts(req, retry)
	if both := ind + joinParts(hint, tail); ansi.StringWidth(both) <= width {
		return lines[0] + "\n" + both
	}
	for _, part := range []string{hint, tail} {
		if part != "" {
			lines = append(lines, wrapHanging(ind+part, width, ind))
		}
	}
	return strings.Join(lines, "\n")
}

// headerView is the title line(s) of the current screen.
func (m *Model) headerView() string {
	s := m.styles
	brand := s.App.Render("bootlog")
	if m.opts.Demo {
		brand += s.Dim.Render(" (demo)")
	}
	where := []string{}
	if m.region != "" {
		where = append(where, m.region)
	}
	if m.opts.ProfileLabel != "" {
		where = append(where, "profile "+m.opts.ProfileLabel)
	}
	switch m.screen {
	case screenConsole:
		return m.viewer.headerView(brand, m.width)
	case screenRegions:
		line := brand + "  " + s.Title.Render("choose a region")
		if len(where) > 0 {
			line += s.Dim.Render(" · " + strings.Join(where, " · "))
		}
		return clip(line, m.width)
	case screenFirstRun:
		return clip(brand+"  "+s.Title.Render("no credentials"), m.width)
	}
	line := brand + "  " + s.Title.Render(strings.Join(where, " · "))
	if count := m.list.countLabel(); count != "" {
		line += s.Dim.Render(" · " + count)
	}
	if m.list.loading {
		line += "  " + m.spinner.View() + s.Dim.Render(" loading")
	}
	if scan := m.list.scan.headerView(); scan != "" {
		// The scan's progress (done/total, rate, throttles, ETA) or, once it ended, the tally per
		// health; it wraps to a second line rather than losing "esc stops".
		if ansi.StringWidth(line)+2+ansi.StringWidth(scan) <= m.width {
			return line + "  " + s.Dim.Render(scan)
		}
		return clip(line, m.width) + "\n" + s.Dim.Render(wrapText(scan, m.width))
	}
	return clip(line, m.width)
}

// bannerView is the error band under the header, empty when all is well.
func (m *Model) bannerView() string {
	if m.banner == nil || m.screen == screenFirstRun {
		return ""
	}
	if ae := (*actionError)(nil); errors.As(m.banner, &ae) {
		// A failed save or pager run: not a refresh failure, and r would not retry it.
		return m.styles.Banner.Width(m.width).Render(wrapHanging("✗ "+oneLine(ae.Error()), m.width, "  "))
	}
	style, prefix, retry := m.styles.Banner, "✗ ", "r retry"
	switch m.screen {
	case screenList, screenRegions:
		retry = "ctrl+r retry"
	case screenConsole:
		if p := m.viewer.refreshFailedPrefix(); p != "" {
			prefix, style = p, m.styles.BannerWarn
		}
	}
	return style.Width(m.width).Render(fitBanner(prefix, m.banner, retry, m.width))
}

// footerView is the status bar and the short key help.
func (m *Model) footerView() string {
	var status string
	switch m.screen {
	case screenConsole:
		status = m.viewer.statusView()
	case screenList:
		if m.list.typing() {
			status = m.list.filterView()
		} else {
			status = m.list.statusLine()
		}
	case screenRegions:
		if m.regions.typing() {
			status = m.regions.filterView()
		} else {
			status = m.regions.statusLine()
		}
	}
	status = m.withToast(status)
	return status + "\n" + m.shortHelpView()
}

// shortHelpView is the key line. Where the help bubble would end it with "…" at a narrow width,
// it wraps between bindings instead: the keys at its end (esc back, ? help, q quit) are the ones
// an operator in a small window needs most.
func (m *Model) shortHelpView() string {
	st := m.help.Styles
	var items []string
	for _, b := range m.ShortHelp() {
		if !b.Enabled() {
			continue
		}
		items = append(items, st.ShortKey.Inline(true).Render(b.Help().Key)+" "+st.ShortDesc.Inline(true).Render(b.Help().Desc))
	}
	return wrapParts(items, st.ShortSeparator.Inline(true).Render(m.help.ShortSeparator), max(m.width, 1))
}

// withToast puts the toast at the right end of the status bar, truncating the left part first
// (the position and mode, which the operator can see again). A toast wider than the window gets
// lines of its own above the status bar, wrapped: a toast says what just happened (a path saved
// to, a link copied) and is never cut.
func (m *Model) withToast(left string) string {
	if m.toast.text == "" {
		return clipLines(left, m.width)
	}
	style := m.styles.ToastInfo
	if m.toast.level == toastWarn {
		style = m.styles.ToastWarn
	}
	right := style.Render(m.toast.text)
	rw := ansi.StringWidth(right)
	if rw >= m.width || strings.Contains(left, "\n") {
		wrapped := strings.Split(wrapHanging(m.toast.text, m.width, "  "), "\n")
		for i, l := range wrapped {
			wrapped[i] = style.Render(l)
		}
		return strings.Join(wrapped, "\n") + "\n" + clipLines(left, m.width)
	}
	left = ansi.Truncate(left, m.width-rw-1, "…")
	gap := m.width - rw - ansi.StringWidth(left)
	return left + strings.Repeat(" ", gap) + right
}

// tooSmallView replaces everything when the window cannot hold the layout.
func (m *Model) tooSmallView() string {
	msg := fmt.Sprintf("terminal too small: %dx%d\nbootlog needs at least %dx%d\n(q quits)", m.width, m.height, minWidth, minHeight)
	lines := strings.Split(msg, "\n")
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, m.width, "…")
	}
	if len(lines) > m.height {
		lines = lines[:m.height]
	}
	return strings.Join(lines, "\n")
}
