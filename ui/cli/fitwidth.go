package cli

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// configWidth is the width `bootlog config` fits: a standard terminal, and a mail or ticket.
const configWidth = 80

// fitConfig lays out config.Describe's text in width columns. Its table (a KEY VALUE SOURCE
// header and rows aligned under it) becomes three columns whose value and source cells wrap
// inside their column; every other line (the credential chain, "  - source: state") wraps
// at width with its continuation lines indented under the text. Columns are found from the
// header, so the layout follows whatever rows config prints.
func fitConfig(text string, width int) string {
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	var out []string
	cols := []int(nil)
	var rows [][3]string
	flush := func() {
		if len(rows) > 0 {
			out = append(out, layoutTable(rows, width)...)
			rows = nil
		}
		cols = nil
	}
	for _, l := range lines {
		if c := tableColumns(l); c != nil {
			flush()
			cols = c
			rows = append(rows, [3]string{"KEY", "VALUE", "SOURCE"})
			continue
		}
		if cols != nil && strings.TrimSpace(l) != "" {
			// Indented rows (a credential's key id and secret under it) stay in the table.
			rows = append(rows, splitRow(l, cols))
			continue
		}
		flush()
		out = append(out, wrapHanging(l, width)...)
	}
	flush()
	return strings.Join(out, "\n") + "\n"
}

// tableColumns returns the byte offsets of VALUE and SOURCE when l is the table's header.
func tableColumns(l string) []int {
	if !strings.HasPrefix(l, "KEY ") {
		return nil
	}
	v, s := strings.Index(l, " VALUE "), strings.Index(l, " SOURCE")
	if v < 0 || s < v {
		return nil
	}
	return []int{v + 1, s + 1}
}

// splitRow cuts an aligned row at the header's offsets. Rows are written by tabwriter with the
// header, so the offsets hold; a row shorter than expected keeps what it has.
func splitRow(l string, cols []int) [3]string {
	cell := func(from, to int) string {
		if from >= len(l) {
			return ""
		}
		return strings.TrimSpace(l[from:min(to, len(l))])
	}
	key := ""
	if len(l) > 0 {
		key = strings.TrimRight(l[:min(cols[0], len(l))], " ")
	}
	return [3]string{key, cell(cols[0], cols[1]), cell(cols[1], len(l))}
}

// layoutTable prints rows in width columns: the key column as wide as its longest key, the
// source column as wide as its longest source up to a quarter of the width (or its longest
// word, up to a third), the value column what is left; value and source wrap within their columns.
func layoutTable(rows [][3]string, width int) []string {
	keyW, srcW, srcWord := 0, 0, 0
	for _, r := range rows {
		keyW = max(keyW, ansi.StringWidth(r[0]))
		srcW = max(srcW, ansi.StringWidth(r[2]))
		for _, w := range strings.Fields(r[2]) {
			srcWord = max(srcWord, ansi.StringWidth(w))
		}
	}
	// A source such as "env ALIBABA_CLOUD_ECS_ENDPOINT" wraps between its words but never
	// inside the variable's name, which the operator may want to copy.
	srcW = min(srcW, max(width/4, min(srcWord, width/3)))
	valW := max(20, width-keyW-srcW-4)
	var out []string
	for _, r := range rows {
		val, src := wrapWords(r[1], valW), wrapWords(r[2], srcW)
		for i := range max(len(val), len(src)) {
			line := pad(at(i == 0, r[0]), keyW) + "  " + pad(index(val, i), valW) + "  " + index(src, i)
			out = append(out, strings.TrimRight(line, " "))
		}
	}
	return out
}

// wrapHanging wraps a free line at width, indenting continuation lines under its text (after
// its leading spaces and a "- ", "+ " or "* " bullet).
func wrapHanging(l string, width int) []string {
	if ansi.StringWidth(l) <= width {
		return []string{l}
	}
	body := strings.TrimLeft(l, " ")
	indent := len(l) - len(body)
	lead := strings.Repeat(" ", indent)
	for _, bullet := range []string{"- ", "+ ", "* "} {
		if strings.HasPrefix(body, bullet) {
			lead += bullet
			body = body[2:]
			break
		}
	}
	hang := strings.Repeat(" ", len(lead))
	parts := wrapWords(body, max(10, width-len(lead)))
	for i := range parts {
		if i == 0 {
			parts[i] = lead + parts[i]
		} else {
			parts[i] = hang + parts[i]
		}
	}
	return parts
}

// wrapWords wraps s greedily at spaces to lines of at most width columns; a word longer than
// width (a path) is cut, after a slash where there is one. It returns at least one line.
func wrapWords(s string, width int) []string {
	var lines []string
	cur := ""
	for _, w := range strings.Fields(s) {
		for ansi.StringWidth(w) > width {
			if cur != "" {
				lines, cur = append(lines, cur), ""
			}
			head := ansi.Truncate(w, width, "")
			// A path breaks after a slash when it can, so each piece reads as directories.
			if i := strings.LastIndex(head, "/"); i > 0 {
				head = head[:i+1]
			}
			lines = append(lines, head)
			w = w[len(head):]
		}
		switch {
		case cur == "":
			cur = w
		case ansi.StringWidth(cur)+1+ansi.StringWidth(w) <= width:
			cur += " " + w
		default:
			lines, cur = append(lines, cur), w
		}
	}
	if cur != "" || len(lines) == 0 {
		lines = append(lines, cur)
	}
	return lines
}

func pad(s string, w int) string {
	return s + strings.Repeat(" ", max(0, w-ansi.StringWidth(s)))
}

func at(first bool, s string) string {
	if first {
		return s
	}
	return ""
}

func index(ss []string, i int) string {
	if i < len(ss) {
		return ss[i]
	}
	return ""
}
