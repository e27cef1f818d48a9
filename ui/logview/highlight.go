package logview

import (
	"slices"
	"sort"
)

// SetHighlights sets search matches and selects the first one at or after the top line of the
// view, scrolling to it; when every match is above the view the selection wraps to the first
// match, as a search that hits the bottom continues at the top. An empty slice clears (unlike the
// bubbles viewport, which keeps the previous highlights).
//
// Matches should be sorted by line, then start, as a line-by-line regexp search yields them; the
// slice is kept without copying when it is. Matches that are empty or out of range of their line
// are dropped, so the count from CurrentMatch can be lower than len(matches).
func (m *Model) SetHighlights(matches []Match) {
	m.matches = m.cleanMatches(matches)
	m.current = -1
	if len(m.matches) == 0 {
		m.matches = nil
		return
	}
	top := m.TopLine()
	i := m.firstMatchAtLine(top)
	if i == len(m.matches) {
		i = 0
	}
	m.current = i
	m.showCurrent()
}

// cleanMatches returns matches if they are valid and sorted, else a sorted copy of the valid ones.
func (m *Model) cleanMatches(matches []Match) []Match {
	valid := func(x Match) bool {
		return x.Line >= 0 && x.Line < m.plain.len() && x.Start >= 0 && x.Start < x.End &&
			x.End <= len(m.plain.at(x.Line))
	}
	less := func(a, b Match) int {
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Start - b.Start
	}
	clean := true
	for i, x := range matches {
		if !valid(x) || (i > 0 && less(matches[i-1], x) > 0) {
			clean = false
			break
		}
	}
	if clean {
		return matches
	}
	out := make([]Match, 0, len(matches))
	for _, x := range matches {
		if valid(x) {
			out = append(out, x)
		}
	}
	slices.SortStableFunc(out, less)
	return out
}

// firstMatchAtLine is the index of the first match on line i or later (len(matches) if none).
func (m *Model) firstMatchAtLine(i int) int {
	return sort.Search(len(m.matches), func(k int) bool { return m.matches[k].Line >= i })
}

// lineMatches returns the matches on line i and the index of the first of them.
func (m *Model) lineMatches(i int) ([]Match, int) {
	if len(m.matches) == 0 {
		return nil, 0
	}
	lo := m.firstMatchAtLine(i)
	hi := lo
	if hi < len(m.matches) && m.matches[hi].Line == i {
		hi = m.firstMatchAtLine(i + 1)
	}
	return m.matches[lo:hi], lo
}

// ClearHighlights removes all matches.
func (m *Model) ClearHighlights() { m.matches, m.current = nil, -1 }

// HighlightNext selects the next match, wrapping, and scrolls to it.
func (m *Model) HighlightNext() {
	if len(m.matches) == 0 {
		return
	}
	m.current = (m.current + 1) % len(m.matches)
	m.showCurrent()
}

// HighlightPrevious selects the previous match, wrapping, and scrolls to it.
func (m *Model) HighlightPrevious() {
	if len(m.matches) == 0 {
		return
	}
	if m.current <= 0 {
		m.current = len(m.matches)
	}
	m.current--
	m.showCurrent()
}

// CurrentMatch returns the selected match index (-1 for none) and the match count.
func (m Model) CurrentMatch() (int, int) { return m.current, len(m.matches) }

// Matches returns the matches in use (sorted, valid). The slice must not be modified.
func (m Model) Matches() []Match { return m.matches }

// showCurrent scrolls so the selected match is on screen: its row is centred if it was off screen
// and, with wrap off, the view pans so the match's start is visible with some context before it.
func (m *Model) showCurrent() {
	if m.current < 0 || m.current >= len(m.matches) {
		return
	}
	x := m.matches[m.current]
	row, col := m.position(x.Line, x.Start)
	m.ensureRowVisible(m.rowOfLine(x.Line) + row)
	if m.wrap || m.lay.textW == 0 {
		return
	}
	_, end := m.position(x.Line, x.End)
	if col >= m.xOffset && end <= m.xOffset+m.lay.textW {
		return
	}
	m.xOffset = col - m.lay.textW/3
	m.clamp()
}

// SelectMatch selects match i (an index into Matches) and scrolls to it, as HighlightNext does;
// an index out of range changes nothing.
func (m *Model) SelectMatch(i int) {
	if i < 0 || i >= len(m.matches) {
		return
	}
	m.current = i
	m.showCurrent()
}
