package ui

import "testing"

// The scroller shared by the instance list, the region picker and the capture list.

func TestScrollerKeepsTheCursorInView(t *testing.T) {
	k := DefaultKeyMap()
	for _, n := range []int{0, 1, 3, 10, 57} {
		var s scroller
		s.setRows(4)
		for _, name := range []string{"j", "j", "j", "j", "j", "pgdown", "G", "k", "pgup", "g", "pgdown", "pgdown", "k"} {
			s.moveKey(keyMsg(name), &k, n, 4)
			from, to := s.window(n)
			if n > 0 && (s.cursor < 0 || s.cursor >= n || s.cursor < from || s.cursor >= to) {
				t.Fatalf("n=%d after %s: cursor %d outside [%d,%d)", n, name, s.cursor, from, to)
			}
			if to-from > 4 || from < 0 || to > n {
				t.Fatalf("n=%d after %s: window [%d,%d)", n, name, from, to)
			}
		}
	}
}
