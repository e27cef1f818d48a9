package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/bootlog/bootlog/ui/logview"
)

// scroller is the cursor and scroll offset of a list whose items are one row each. The instance
// list, the region picker and the capture list share it, so they move alike.
type scroller struct {
	cursor int // the selected item
	offset int // the first item on screen
	fit    int // how many items fit
}

// setRows records how many items fit. The offset is left as it is until the next move, so a
// resize never jumps the list.
func (s *scroller) setRows(n int) { s.fit = max(n, 1) }

// clamp keeps the cursor on one of n items and its row on screen.
func (s *scroller) clamp(n int) {
	rows := max(s.fit, 1)
	s.cursor = min(max(s.cursor, 0), max(n-1, 0))
	if s.cursor < s.offset {
		s.offset = s.cursor
	}
	if s.cursor >= s.offset+rows {
		s.offset = s.cursor - rows + 1
	}
	s.offset = max(min(s.offset, n-rows), 0)
}

// window is the range [from, to) of the n items on screen.
func (s *scroller) window(n int) (from, to int) {
	return s.offset, min(s.offset+max(s.fit, 1), n)
}

// moveKey applies a movement key (up, down, page up and down, top, bottom) to a list of n items;
// page is how far a page key moves. It reports false for any other key.
func (s *scroller) moveKey(msg tea.KeyPressMsg, k *KeyMap, n, page int) bool {
	switch {
	case key.Matches(msg, k.Up):
		s.cursor--
	case key.Matches(msg, k.Down):
		s.cursor++
	case key.Matches(msg, k.PageUp):
		s.cursor -= page
	case key.Matches(msg, k.PageDown):
		s.cursor += page
	case key.Matches(msg, k.Top):
		s.cursor = 0
	case key.Matches(msg, k.Bottom):
		s.cursor = n - 1
	default:
		return false
	}
	s.clamp(n)
	return true
}

// Horizontal and wheel steps, in cells and rows.
const (
	panStep   = 8
	wheelStep = 3
)

// scrollLogKey moves a log view by a scrolling key: the log's and the comparison's keys are the
// same bindings. Only enabled bindings match, so the comparison, which leaves ←/→ off, never pans.
func scrollLogKey(lv *logview.Model, k *KeyMap, msg tea.KeyPressMsg) {
	switch {
	case key.Matches(msg, k.Up):
		lv.ScrollUp(1)
	case key.Matches(msg, k.Down):
		lv.ScrollDown(1)
	case key.Matches(msg, k.PageUp, k.PageUpLess):
		lv.PageUp()
	case key.Matches(msg, k.PageDown, k.PageDownLess):
		lv.PageDown()
	case key.Matches(msg, k.HalfPageUp):
		lv.HalfPageUp()
	case key.Matches(msg, k.HalfPageDown):
		lv.HalfPageDown()
	case key.Matches(msg, k.Top):
		lv.GotoTop()
	case key.Matches(msg, k.Bottom):
		lv.GotoBottom()
	case key.Matches(msg, k.Left):
		lv.ScrollLeft(panStep)
	case key.Matches(msg, k.Right):
		lv.ScrollRight(panStep)
	}
}
