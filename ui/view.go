package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
)

// The root's view: the window as header, banner, body and footer, each measured, and the layout
// that gives each component its share.

// layout sizes the body to what the header and footer leave, measured rather than assumed, and
// gives each component its size.
func (m *Model) layout() {
	if m.width == 0 || m.height == 0 {
		return
	}
	top := blockHeight(m.headerView()) + blockHeight(m.bannerView())
	bottom := blockHeight(m.footerView())
	m.bodyHeight = max(m.height-top-bottom, 0)
	m.viewer.bodyTop = top
	m.viewer.setSize(m.width, m.bodyHeight)
	m.list.setSize(m.width, m.bodyHeight)
	m.regions.setSize(m.width, m.bodyHeight)
}

// View renders the whole window.
func (m *Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "bootlog"
	if m.screen == screenConsole {
		name := m.viewer.inst.Name
		if name == "" {
			name = m.viewer.inst.ID
		}
		v.WindowTitle = "bootlog · " + name
	}
	return v
}

// render composes header, banner, body and footer.
func (m *Model) render() string {
	if m.width == 0 || m.height == 0 {
		return ""
	}
	if m.width < minWidth || m.height < minHeight {
		return m.tooSmallView()
	}
	header := m.headerView()
	banner := m.bannerView()
	footer := m.footerView()
	bodyH := max(m.height-blockHeight(header)-blockHeight(banner)-blockHeight(footer), 0)
	body := m.bodyView(bodyH)
	parts := []string{header}
	if banner != "" {
		parts = append(parts, banner)
	}
	parts = append(parts, fitHeight(body, bodyH), footer)
	// Every part is already cut to the width; joining plainly spares measuring each line again.
	return strings.Join(parts, "\n")
}

// bodyView is the part between header and footer.
func (m *Model) bodyView(height int) string {
	if m.showHelp {
		return m.helpView(m.width, height)
	}
	switch m.screen {
	case screenFirstRun:
		return m.firstRunView()
	case screenRegions:
		return m.regions.View(m.width, height)
	case screenConsole:
		return m.viewer.View(m.width, height)
	}
	return m.list.View(m.width, height)
}
