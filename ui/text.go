package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// Text helpers every part of the screen uses: cutting and padding to a width, wrapping, counts
// and sizes in words, and the one-line text box.

// oneLine collapses every run of whitespace (newlines included) into one space.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// joinParts joins the non-empty parts with " · ".
func joinParts(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, " · ")
}

// indent prefixes every line of s.
func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}

// padRight pads s with spaces to w cells, so a selected row's background spans the window.
func padRight(s string, w int) string {
	if n := w - ansi.StringWidth(s); n > 0 {
		return s + strings.Repeat(" ", n)
	}
	return s
}

// humanBytes formats a size the way ls -h does, in binary units.
func humanBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	f, suffix := float64(n)/unit, "KiB"
	for _, s := range []string{"MiB", "GiB"} {
		if f < unit {
			break
		}
		f, suffix = f/unit, s
	}
	return fmt.Sprintf("%.1f %s", f, suffix)
}

// plural formats a count with its noun: "1 line", "3 lines".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// pad right-pads s with spaces to w cells.
func pad(s string, w int) string {
	if n := ansi.StringWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

// wrapText breaks text at spaces so no line is wider than w cells on screen (measured in display
// width, so CJK names and styled text wrap where they should), keeping the text's leading
// indentation on every line it makes (list items stay aligned). A word wider than the line is
// broken rather than left to run off the screen.
func wrapText(text string, w int) string {
	if ansi.StringWidth(text) <= w {
		return text
	}
	body := strings.TrimLeft(text, " ")
	indent := text[:len(text)-len(body)]
	wrapped := ansi.Wrap(body, max(w-len(indent), 1), "")
	return indent + strings.ReplaceAll(wrapped, "\n", "\n"+indent)
}

// wrapHanging wraps text to w cells like wrapText, and indents every line after the first by
// hang (a hanging indent), so a wrapped banner or toast reads as one item. Every line is wrapped
// to w minus the indent, so nothing is joined back: a path or URL broken across lines keeps every
// character and gains none.
func wrapHanging(text string, w int, hang string) string {
	if ansi.StringWidth(text) <= w {
		return text
	}
	wrapped := ansi.Wrap(text, max(w-len(hang), 1), "")
	return strings.ReplaceAll(wrapped, "\n", "\n"+hang)
}

// fitHeight pads or cuts s to exactly h lines.
func fitHeight(s string, h int) string {
	if h <= 0 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// blockHeight is the number of lines s occupies: lipgloss.Height, except that nothing takes none
// (lipgloss counts the empty string as one line).
func blockHeight(s string) int {
	if s == "" {
		return 0
	}
	return lipgloss.Height(s)
}

// clip cuts a line to width cells.
func clip(s string, width int) string {
	return ansi.Truncate(s, width, "…")
}

// clipLines is clip for each line of a block.
func clipLines(s string, width int) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = clip(l, width)
	}
	return strings.Join(lines, "\n")
}

// newTextInput builds a one-line box whose cursor does not blink: a blinking cursor would tick
// forever, and an idle program should schedule nothing.
func newTextInput(placeholder string) textinput.Model {
	ti := textinput.New()
	ti.Prompt = "/"
	ti.Placeholder = placeholder
	st := ti.Styles()
	st.Cursor.Blink = false
	ti.SetStyles(st)
	return ti
}

func onOff(what string, on bool) string {
	if on {
		return what + " on"
	}
	return what + " off"
}

// wrapParts lays out items joined by sep over as many lines as width needs, breaking only
// between items (an item wider than the line is wrapped on its own). The status bar and the key
// line use it so that nothing they say is cut at a narrow width: "no matches for /Falling/" or
// "esc back" at 60 columns is exactly what the operator needs to read.
func wrapParts(items []string, sep string, width int) string {
	var lines []string
	cur, curW := "", 0
	sepW := ansi.StringWidth(sep)
	for _, it := range items {
		w := ansi.StringWidth(it)
		switch {
		case cur == "":
			cur, curW = it, w
		case curW+sepW+w <= width:
			cur, curW = cur+sep+it, curW+sepW+w
		default:
			lines = append(lines, cur)
			cur, curW = it, w
		}
		if curW > width {
			lines = append(lines, ansi.Wrap(cur, max(width, 1), ""))
			cur, curW = "", 0
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return strings.Join(lines, "\n")
}
