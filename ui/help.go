package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// syncKeys enables exactly the bindings that act on the current screen and focus: ctrl+c always,
// then what the component on screen asks for. It runs after every Update.
func (m *Model) syncKeys() {
	k := &m.keys
	for _, b := range k.all() {
		b.SetEnabled(false)
	}
	enable(&k.ForceQuit)
	switch {
	case m.screen == screenFirstRun:
		enable(&k.Quit)
		return
	case m.screen == screenList && m.list.typing(), m.screen == screenConsole && m.viewer.typing(),
		m.screen == screenRegions && m.regions.typing():
		// A text box has focus: every other key is text.
	default:
		enable(&k.Quit, &k.Help)
	}
	if m.showHelp {
		// The full help lists what the screen offers, so the bindings stay as they are; esc is
		// added, to close it, and the moving keys, which scroll it where it does not fit.
		defer enable(&k.Back, &k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.Top, &k.Bottom)
	}
	switch m.screen {
	case screenList:
		m.list.enableKeys(k)
	case screenRegions:
		m.regions.enableKeys(k, m.region != "")
	case screenConsole:
		m.viewer.enableKeys(k)
	}
}

// ShortHelp is the one-line key help for the current screen.
func (m *Model) ShortHelp() []key.Binding {
	k := m.keys
	switch {
	case m.screen == screenFirstRun:
		return []key.Binding{k.Quit}
	case m.screen == screenList && m.list.typing(), m.screen == screenRegions && m.regions.typing():
		return []key.Binding{k.Accept, k.Cancel, k.BoxUp, k.BoxDown}
	case m.screen == screenConsole && m.viewer.typing():
		return m.viewer.shortHelp(k)
	case m.showHelp:
		return []key.Binding{k.Back, k.Quit}
	}
	switch m.screen {
	case screenRegions:
		return []key.Binding{k.Choose, k.Up, k.Down, k.Filter, k.ClearFilter, k.Reload, k.Back, k.Help, k.Quit}
	case screenConsole:
		return m.viewer.shortHelp(k)
	}
	if m.list.jump.active() {
		return []key.Binding{k.Open, k.Up, k.Down, k.Back, k.Quit}
	}
	return []key.Binding{k.Open, k.CancelScan, k.Scan, k.Problems, k.Filter, k.ClearFilter, k.GoTo, k.Sort, k.Region, k.Help, k.Quit}
}

// FullHelp is every key, in columns: moving, the current screen's actions, and the program.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.keys
	move := []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.HalfPageUp, k.HalfPageDown, k.Top, k.Bottom, k.Left, k.Right,
		// Boot-aware viewer (tboot): less's paging keys, offered in the viewer only.
		k.PageDownLess, k.PageUpLess}
	general := []key.Binding{k.Back, k.Help, k.Quit}
	switch m.screen {
	case screenConsole:
		return append(append([][]key.Binding{move}, m.viewer.fullHelp(k)...), general)
	case screenRegions:
		return [][]key.Binding{move, {k.Choose, k.Filter, k.ClearFilter, k.Reload}, general}
	}
	return [][]key.Binding{move, {k.Open, k.Filter, k.ClearFilter, k.Sort, k.SortReverse, k.GoTo, k.Region, k.Reload},
		{k.Scan, k.CancelScan, k.Problems, k.HealthFilter}, general}
}

// The full help screen. bubbles' FullHelpView lays every column side by side and cuts what does
// not fit the width (at 60 columns, three of five columns were lost), and cannot scroll. This
// lays the columns out side by side as many as fit, the rest in further bands below, and scrolls
// when the bands are taller than the body.

// helpColumnGap separates two columns of the full help.
const helpColumnGap = "    "

// helpLines is the full help as lines of at most width cells: each column of FullHelp (only
// its enabled bindings) as a block of "key  description" rows, placed left to right while they
// fit, then on a new band.
func (m *Model) helpLines(width int) []string {
	st := m.styles.Help
	var blocks []string
	for _, col := range m.FullHelp() {
		var keys, descs []string
		kw := 0
		for _, b := range col {
			if !b.Enabled() {
				continue
			}
			keys, descs = append(keys, b.Help().Key), append(descs, b.Help().Desc)
			kw = max(kw, ansi.StringWidth(b.Help().Key))
		}
		if len(keys) == 0 {
			continue
		}
		rows := make([]string, len(keys))
		for i := range keys {
			rows[i] = st.FullKey.Render(pad(keys[i], kw)) + " " + st.FullDesc.Render(descs[i])
			rows[i] = clip(rows[i], width)
		}
		blocks = append(blocks, strings.Join(rows, "\n"))
	}
	var lines, band []string
	bandW := 0
	flush := func() {
		if len(band) == 0 {
			return
		}
		if len(lines) > 0 {
			lines = append(lines, "")
		}
		lines = append(lines, strings.Split(lipgloss.JoinHorizontal(lipgloss.Top, band...), "\n")...)
		band, bandW = nil, 0
	}
	for _, b := range blocks {
		w := lipgloss.Width(b)
		if len(band) > 0 && bandW+len(helpColumnGap)+w > width {
			flush()
		}
		if len(band) > 0 {
			band = append(band, helpColumnGap)
			bandW += len(helpColumnGap)
		}
		band, bandW = append(band, b), bandW+w
	}
	flush()
	return lines
}

// helpView is the full help in the body: the lines from helpTop, and a last line that says how
// to scroll when some are out of view.
func (m *Model) helpView(width, height int) string {
	pane := m.styles.Pane
	innerW, innerH := m.helpBox(width, height)
	lines := m.helpLines(innerW)
	if len(lines) <= innerH {
		return pane.Render(strings.Join(lines, "\n"))
	}
	rows := max(innerH-1, 1) // the last row says where the rest is
	top := min(max(m.helpTop, 0), len(lines)-rows)
	shown := append([]string(nil), lines[top:top+rows]...)
	more := fmt.Sprintf("lines %d–%d of %d · ↑/↓ pgup/pgdn scroll · esc closes", top+1, top+rows, len(lines))
	shown = append(shown, m.styles.Dim.Render(clip(more, innerW)))
	return pane.Render(strings.Join(shown, "\n"))
}

// helpBox is the room for help lines inside the pane's frame.
func (m *Model) helpBox(width, height int) (w, h int) {
	pane := m.styles.Pane
	return max(width-pane.GetHorizontalFrameSize(), 10), max(height-pane.GetVerticalFrameSize(), 1)
}

// scrollHelp moves the full help, within its lines.
func (m *Model) scrollHelp(msg tea.KeyPressMsg) {
	// A page is exactly the rows helpView scrolls (the box less its "lines a–b of n" row), so
	// paging never skips a line.
	_, innerH := m.helpBox(m.width, m.bodyHeight)
	k, page := &m.keys, max(innerH-1, 1)
	switch {
	case key.Matches(msg, k.Up):
		m.helpTop--
	case key.Matches(msg, k.Down):
		m.helpTop++
	case key.Matches(msg, k.PageUp, k.HalfPageUp):
		m.helpTop -= page
	case key.Matches(msg, k.PageDown, k.HalfPageDown):
		m.helpTop += page
	case key.Matches(msg, k.Top):
		m.helpTop = 0
	case key.Matches(msg, k.Bottom):
		m.helpTop = 1 << 30
	}
	m.clampHelp()
}

// clampHelp keeps helpTop where the last help line is still on the last scrolling row.
func (m *Model) clampHelp() {
	w, h := m.helpBox(m.width, m.bodyHeight)
	n := len(m.helpLines(w))
	m.helpTop = min(max(m.helpTop, 0), max(n-max(h-1, 1), 0))
}
