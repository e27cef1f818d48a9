package logview

// maxYOffset is the largest row offset: the last row at the bottom of the view.
func (m *Model) maxYOffset() int { return max(0, m.lay.total-m.height) }

// maxXOffset is the largest pan offset: the widest line's end at the right edge.
func (m *Model) maxXOffset() int {
	if m.wrap {
		return 0
	}
	return max(0, m.maxWidth-m.lay.textW)
}

// clamp keeps both offsets within the content.
func (m *Model) clamp() {
	m.yOffset = max(0, min(m.yOffset, m.maxYOffset()))
	m.xOffset = max(0, min(m.xOffset, m.maxXOffset()))
}

// GotoTop scrolls to the first line.
func (m *Model) GotoTop() { m.yOffset = 0 }

// GotoBottom scrolls so the last line is at the bottom.
func (m *Model) GotoBottom() { m.yOffset = m.maxYOffset() }

// GotoLine scrolls so line i (content index, clamped) is visible. A line already on screen does
// not move the view; any other is centred, as search results are, so it has context above it.
func (m *Model) GotoLine(i int) {
	if m.plain.len() == 0 {
		return
	}
	i = max(0, min(i, m.plain.len()-1))
	m.ensureRowVisible(m.rowOfLine(i))
}

// ensureRowVisible centres content row r unless it is already on screen.
func (m *Model) ensureRowVisible(r int) {
	if r >= m.yOffset && r < m.yOffset+m.height {
		return
	}
	m.yOffset = r - m.height/2
	m.clamp()
}

// YOffset returns the first visible row, counted over wrapped rows.
func (m Model) YOffset() int { return m.yOffset }

// SetYOffset scrolls to content row n, clamped.
func (m *Model) SetYOffset(n int) {
	m.yOffset = n
	m.clamp()
}

// XOffset returns the first visible cell column when wrap is off.
func (m Model) XOffset() int { return m.xOffset }

// SetXOffset pans to cell column n, clamped; it does nothing while wrap is on.
func (m *Model) SetXOffset(n int) {
	m.xOffset = n
	m.clamp()
}

// AtTop reports whether the view shows the first line.
func (m Model) AtTop() bool { return m.yOffset <= 0 }

// AtBottom reports whether the view shows the last line.
func (m Model) AtBottom() bool { return m.yOffset >= m.maxYOffset() }

// ScrollPercent is how far down the view is, 0 to 1; content that fits counts as 1, as in the
// bubbles viewport.
func (m Model) ScrollPercent() float64 {
	maxY := m.maxYOffset()
	if maxY == 0 {
		return 1
	}
	return max(0, min(1, float64(m.yOffset)/float64(maxY)))
}

// TopLine returns the content index of the first visible line.
func (m Model) TopLine() int {
	line, _ := m.lineAtRow(m.yOffset)
	return min(line, max(m.plain.len()-1, 0))
}

// TotalLineCount returns the number of content lines.
func (m Model) TotalLineCount() int { return m.plain.len() }

// TotalRowCount returns the number of screen rows of the whole content (wrapped rows included).
func (m Model) TotalRowCount() int { return m.lay.total }

// VisibleLineCount returns the number of content rows on screen.
func (m Model) VisibleLineCount() int { return max(0, min(m.height, m.lay.total-m.yOffset)) }

// ScrollDown moves the view down n rows.
func (m *Model) ScrollDown(n int) {
	m.yOffset += max(n, 0)
	m.clamp()
}

// ScrollUp moves the view up n rows.
func (m *Model) ScrollUp(n int) {
	m.yOffset -= max(n, 0)
	m.clamp()
}

// PageDown moves the view down one page.
func (m *Model) PageDown() { m.ScrollDown(m.height) }

// PageUp moves the view up one page.
func (m *Model) PageUp() { m.ScrollUp(m.height) }

// HalfPageDown moves the view down half a page.
func (m *Model) HalfPageDown() { m.ScrollDown(max(m.height/2, 1)) }

// HalfPageUp moves the view up half a page.
func (m *Model) HalfPageUp() { m.ScrollUp(max(m.height/2, 1)) }

// ScrollLeft pans left n cells when wrap is off.
func (m *Model) ScrollLeft(n int) {
	m.xOffset -= max(n, 0)
	m.clamp()
}

// ScrollRight pans right n cells when wrap is off.
func (m *Model) ScrollRight(n int) {
	m.xOffset += max(n, 0)
	m.clamp()
}

// SetTopLine scrolls so line i (clamped) is the first visible line, or as near the top as the end
// of the content allows. Use it to restore a reading position; GotoLine only ensures visibility.
func (m *Model) SetTopLine(i int) {
	m.yOffset = m.rowOfLine(max(0, min(i, m.plain.len()-1)))
	m.clamp()
}
