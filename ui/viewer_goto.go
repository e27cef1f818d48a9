package ui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Go to line: ":150" Enter, as in vim, or "150G" (digits, then G or g), as in less. N is the
// log's own line number, the one the gutter, the findings and grep -n show; the line is put at
// the top of the view, as less does, so the status bar reads "line 150/…".

// maxCountDigits bounds a typed count; no log has a line number longer than this.
const maxCountDigits = 9

// beginGoto opens an empty ":" prompt (a new one each time: nothing of the last one is kept).
func (v *viewer) beginGoto() tea.Cmd {
	g := &v.jump
	g.typing, g.count = true, ""
	g.input = newTextInput("line number")
	g.input.Prompt = ":"
	g.input.CharLimit = maxCountDigits
	g.input.SetWidth(min(20, max(v.width-4, 1)))
	return g.input.Focus()
}

// onGotoKey handles a key while the ":" prompt has focus: enter goes, esc closes, the rest is
// text.
func (v *viewer) onGotoKey(msg tea.KeyPressMsg) tea.Cmd {
	k, g := &v.keys, &v.jump
	switch {
	case key.Matches(msg, k.Accept):
		g.typing = false
		g.input.Blur()
		text := strings.TrimSpace(g.input.Value())
		if text == "" {
			return nil
		}
		n, err := strconv.Atoi(text)
		if err != nil {
			return v.showToast(":"+text+" is not a line number", toastWarn)
		}
		return v.gotoLine(n)
	case key.Matches(msg, k.Cancel):
		g.typing = false
		g.input.Blur()
		return nil
	}
	var cmd tea.Cmd
	g.input, cmd = g.input.Update(msg)
	return cmd
}

// onCountKey takes the digits of "150G"; ok is false for a key that is not part of a count, and
// that key drops a count begun before it unless it is G or g, which goes.
func (v *viewer) onCountKey(msg tea.KeyPressMsg) (cmd tea.Cmd, ok bool) {
	k, g := &v.keys, &v.jump
	switch {
	case key.Matches(msg, k.Count):
		if len(g.count) < maxCountDigits {
			g.count += msg.Text
		}
		return nil, true
	case g.count != "" && key.Matches(msg, k.Bottom, k.Top):
		n, _ := strconv.Atoi(g.count)
		g.count = ""
		return v.gotoLine(n), true
	}
	g.count = ""
	return nil, false
}

// gotoLine puts log line n (1-based, clamped to the log) at the top of the view. A line the
// only-matching view hides gives way to the next line shown, and a toast says so.
func (v *viewer) gotoLine(n int) tea.Cmd {
	total := len(v.doc.Plain)
	if total == 0 {
		return nil
	}
	n = min(max(n, 1), total)
	i := v.shownIndex(n - 1)
	if lm := v.search.lineMap; i < len(lm) && lm[i] < 0 {
		i++
	}
	v.lv.SetTopLine(i)
	if got := v.topLogLine() + 1; got != n && v.search.only {
		return v.showToast("line "+strconv.Itoa(n)+" is hidden by only-matching; & shows every line", toastWarn)
	}
	return nil
}

// gotoStatus is the count being typed, for the status bar: "150 (G goes to line 150)".
func (v *viewer) gotoStatus() string {
	if c := v.jump.count; c != "" {
		return c + " (G goes to line " + c + ")"
	}
	return ""
}
