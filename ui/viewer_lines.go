package ui

import (
	"github.com/bootlog/bootlog/ui/logview"
)

// Which lines the log view shows and where: the whole log or only the matching lines, the
// highlights, and the reading position kept across a change.

// keepPosition runs change (new lines, a new size, separators that come or go) and puts the view
// back where the operator was reading: at the end if they were there (or toEnd asks for it),
// otherwise on the same log line at the top.
func (v *viewer) keepPosition(toEnd bool, change func()) {
	wasBottom, at := v.lv.AtBottom(), v.position()
	change()
	switch {
	case toEnd || wasBottom:
		v.lv.GotoBottom()
	default:
		v.restorePosition(at)
	}
}

// position is the reading position now.
func (v *viewer) position() readingPosition {
	return readingPosition{line: v.topLogLine(), onSep: v.separatorOnTop()}
}

// restorePosition puts the view back on a reading position.
func (v *viewer) restorePosition(at readingPosition) {
	i := v.shownIndex(at.line)
	if lm := v.search.lineMap; !at.onSep && i < len(lm) && lm[i] < 0 {
		// The line itself was on top, not the separator above it.
		i++
	}
	v.lv.SetTopLine(i)
}

// separatorOnTop reports whether the top line of the view is one of the view's own (a boot
// separator or a "--").
func (v *viewer) separatorOnTop() bool {
	lm, top := v.search.lineMap, v.lv.TopLine()
	return top >= 0 && top < len(lm) && lm[top] < 0
}

// setViewerLines hands the log (or only its matching lines) to the view, with the boot
// separators, the log's own line numbers, the highlights and the gutter marks.
func (v *viewer) setViewerLines() {
	s := &v.search
	// The view asks for the styled text of the lines it draws only: the document keeps styles
	// for its coloured lines alone, not a styled copy of the log.
	styled := v.doc.Line
	if v.plainText {
		// Plain lines are the styled ones without SGR, so highlights and marks stay put.
		styled = nil
	}
	var keep []bool
	if s.only && s.re != nil {
		keep = keepMatching(len(v.doc.Plain), s.matches, contextLines)
	}
	seps := v.bootSeparators()
	if keep == nil && seps == nil {
		s.lineMap = nil
		v.lv.SetNumbers(nil)
		v.lv.SetContent(v.doc.Plain, styled)
		if len(s.matches) > 0 {
			v.lv.SetHighlights(s.matches)
		}
	} else {
		lineMap, own, ownPlain := assemble(len(v.doc.Plain), keep, seps)
		s.lineMap = lineMap
		// The gutter shows each line's number in the log, none for the view's own lines.
		top := 0
		for i := len(lineMap) - 1; i >= 0 && top == 0; i-- {
			top = lineMap[i] + 1
		}
		v.lv.SetNumberFunc(func(i int) int { return lineMap[i] + 1 }, top)
		plain := v.doc.Plain
		v.lv.SetMappedContent(plain, lineMap, ownPlain, func(i int) string {
			switch l := lineMap[i]; {
			case l < 0:
				return own[i]
			case styled == nil:
				return plain[l]
			default:
				return styled(l)
			}
		})
		if len(s.matches) > 0 {
			v.lv.SetHighlights(remapMatches(s.matches, lineMap))
		}
	}
	v.syncMarks()
}

// contextLines is how many lines around each match the only-matching view keeps.
const contextLines = 2

// separator is a line the viewer draws above log line line: a boot's label. It is not part of
// the log: the line map gives it -1, the gutter no number, and search never sees it.
type separator struct {
	line          int
	styled, plain string
}

// bootRule is the dashes either side of a separator's label: they make it a separator without
// colour too.
const bootRule = "────"

// bootSeparators returns the separator to draw above the first line of each boot, by log line,
// or nil when the log has fewer than two boots (there is nothing to separate).
func (v *viewer) bootSeparators() []separator {
	bs := v.nav.boots
	if bs.Count() < 2 {
		return nil
	}
	out := make([]separator, bs.Count())
	for i := range out {
		text := bootRule + " " + bs.Label(i) + " " + bootRule
		out[i] = separator{line: bs.Boot(i).First, plain: text, styled: v.styles.BootSeparator.Render(text)}
	}
	return out
}

// groupBreak is the line between groups of kept lines that are not adjacent, as grep -C prints.
const groupBreak = "--"

// keepMatching marks the lines with a match plus ctx lines either side.
func keepMatching(n int, ms []logview.Match, ctx int) []bool {
	keep := make([]bool, n)
	for _, mt := range ms {
		for i := max(mt.Line-ctx, 0); i <= min(mt.Line+ctx, n-1); i++ {
			keep[i] = true
		}
	}
	return keep
}

// assemble builds the shown lines: the kept log lines (every line when keep is nil) with the
// separators, seps sorted by line, and "--" between kept groups that are not adjacent. A
// separator whose line is hidden is drawn above the next kept line of its boot; of several that
// would stand together only the last (the boot that line belongs to) is drawn, and it replaces
// the "--" there. The log has n lines. lineMap gives each shown line's index in the log, -1 for
// the lines of the view, whose styled and plain text own and ownPlain hold by shown index (a log
// line's are the document's): the shown lines are not copied.
func assemble(n int, keep []bool, seps []separator) (lineMap []int, own, ownPlain map[int]string) {
	if keep == nil {
		lineMap = make([]int, 0, n+len(seps))
	}
	own, ownPlain = map[int]string{}, map[int]string{}
	add := func(st, pl string, l int) {
		if l < 0 {
			own[len(lineMap)], ownPlain[len(lineMap)] = st, pl
		}
		lineMap = append(lineMap, l)
	}
	prev, next := -1, 0
	for i := range n {
		if keep != nil && !keep[i] {
			continue
		}
		sep := -1
		for next < len(seps) && seps[next].line <= i {
			sep = next
			next++
		}
		switch {
		case sep >= 0:
			add(seps[sep].styled, seps[sep].plain, -1)
		case prev >= 0 && i > prev+1:
			add(groupBreak, groupBreak, -1)
		}
		add("", "", i)
		prev = i
	}
	return lineMap, own, ownPlain
}

// remapMatches moves matches from log lines to the shown lines of lineMap. Both are in log-line
// order (lineMap's own lines aside), so one walk through both does it, where a map from log line
// to shown line cost some 40 bytes a shown line.
func remapMatches(ms []logview.Match, lineMap []int) []logview.Match {
	out := make([]logview.Match, 0, len(ms))
	j := 0
	for _, mt := range ms {
		// The view's own lines (-1) are passed over with the log lines before mt.Line.
		for j < len(lineMap) && lineMap[j] < mt.Line {
			j++
		}
		if j < len(lineMap) && lineMap[j] == mt.Line {
			out = append(out, logview.Match{Line: j, Start: mt.Start, End: mt.End})
		}
	}
	return out
}

// anchorLine is the log line the operator is looking at: the current match's, else the top line.
func (v *viewer) anchorLine() int {
	s := &v.search
	line := v.lv.TopLine()
	if idx, _ := v.lv.CurrentMatch(); idx >= 0 && idx < len(s.matches) {
		return s.matches[idx].Line
	}
	if s.lineMap != nil {
		for i := min(line, len(s.lineMap)-1); i >= 0; i-- {
			if s.lineMap[i] >= 0 {
				return s.lineMap[i]
			}
		}
		return 0
	}
	return line
}

// topLogLine is the log line at the top of the view, through the line map: for a separator on
// the top line, the log line under it (the boot it heads).
func (v *viewer) topLogLine() int {
	top := v.lv.TopLine()
	lm := v.search.lineMap
	if lm == nil {
		return top
	}
	for i := max(top, 0); i < len(lm); i++ {
		if lm[i] >= 0 {
			return lm[i]
		}
	}
	for i := min(top, len(lm)-1); i >= 0; i-- {
		if lm[i] >= 0 {
			return lm[i]
		}
	}
	return 0
}
