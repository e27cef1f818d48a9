// Package logview is a scrollable, searchable view of a very long log. It keeps the API shape of
// the bubbles v2 viewport, but wraps, highlights and renders only what is visible, so a frame costs
// the same at 1M lines as at 100.
package logview

import (
	tea "charm.land/bubbletea/v2"
)

// Match is one search hit: byte offsets [Start, End) into Plain line Line.
type Match struct {
	Line, Start, End int
}

// Model is the log view. The zero value is not usable; call New.
//
// API CONTRACT (placeholder bodies until the speed issue lands the real implementation).
type Model struct {
	width, height int
	styled, plain []string
	yOffset       int
	wrap          bool
	lineNumbers   bool
	matches       []Match
	current       int
	marks         map[int]string
}

// New returns an empty view.
func New() Model { return Model{wrap: true, current: -1} }

// SetSize sets the view's outer size in cells.
func (m *Model) SetSize(width, height int) { m.width, m.height = width, height }

// Width returns the width.
func (m Model) Width() int { return m.width }

// Height returns the height.
func (m Model) Height() int { return m.height }

// SetLines replaces the content. styled[i] is self-contained; plain[i] is styled[i] without SGR.
// It clears highlights and clamps the offset.
func (m *Model) SetLines(styled, plain []string) {
	m.styled, m.plain = styled, plain
	m.matches, m.current = nil, -1
}

// SetWrap turns soft wrap on or off; off enables horizontal panning.
func (m *Model) SetWrap(on bool) { m.wrap = on }

// Wrap reports soft wrap.
func (m Model) Wrap() bool { return m.wrap }

// SetLineNumbers shows or hides the line-number gutter.
func (m *Model) SetLineNumbers(on bool) { m.lineNumbers = on }

// LineNumbers reports the gutter.
func (m Model) LineNumbers() bool { return m.lineNumbers }

// SetMarks sets gutter marks by line index (e.g. "!" for a finding).
func (m *Model) SetMarks(marks map[int]string) { m.marks = marks }

// SetHighlights sets search matches (sorted by line, then start) and selects the first one at or
// after the top of the view, scrolling to it. An empty slice clears.
func (m *Model) SetHighlights(matches []Match) { m.matches = matches }

// ClearHighlights removes all matches.
func (m *Model) ClearHighlights() { m.matches, m.current = nil, -1 }

// HighlightNext selects the next match, wrapping, and scrolls to it.
func (m *Model) HighlightNext() {}

// HighlightPrevious selects the previous match, wrapping, and scrolls to it.
func (m *Model) HighlightPrevious() {}

// CurrentMatch returns the selected match index (-1 for none) and the match count.
func (m Model) CurrentMatch() (int, int) { return m.current, len(m.matches) }

// GotoTop scrolls to the first line.
func (m *Model) GotoTop() { m.yOffset = 0 }

// GotoBottom scrolls so the last line is at the bottom.
func (m *Model) GotoBottom() {}

// GotoLine scrolls so line i (content index) is visible.
func (m *Model) GotoLine(i int) {}

// AtTop reports whether the view shows the first line.
func (m Model) AtTop() bool { return m.yOffset == 0 }

// AtBottom reports whether the view shows the last line.
func (m Model) AtBottom() bool { return true }

// ScrollPercent is how far down the view is, 0 to 1.
func (m Model) ScrollPercent() float64 { return 0 }

// TopLine returns the content index of the first visible line.
func (m Model) TopLine() int { return m.yOffset }

// TotalLineCount returns the number of content lines.
func (m Model) TotalLineCount() int { return len(m.plain) }

// ScrollDown, ScrollUp, PageDown, PageUp, HalfPageDown, HalfPageUp, ScrollLeft, ScrollRight move the view.
func (m *Model) ScrollDown(n int)  {}
func (m *Model) ScrollUp(n int)    {}
func (m *Model) PageDown()         {}
func (m *Model) PageUp()           {}
func (m *Model) HalfPageDown()     {}
func (m *Model) HalfPageUp()       {}
func (m *Model) ScrollLeft(n int)  {}
func (m *Model) ScrollRight(n int) {}

// Update handles scrolling keys (KeyMap) and the mouse wheel.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) { return m, nil }

// View renders exactly Height lines of at most Width cells.
func (m Model) View() string { return "" }
