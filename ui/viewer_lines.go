package ui

import "github.com/bootlog/bootlog/ui/logview"

// Which lines the log view shows and where: the whole log or only the matching lines, the
// highlights, and the reading position kept across a change.

// keepPosition runs change (new lines, a new size) and puts the view back where the operator was
// reading: at the end if they were there (or toEnd asks for it), otherwise on the same top line.
func (v *viewer) keepPosition(toEnd bool, change func()) {
	wasBottom, top := v.lv.AtBottom(), v.lv.TopLine()
	change()
	switch {
	case toEnd || wasBottom:
		v.lv.GotoBottom()
	default:
		v.lv.SetTopLine(top)
	}
}

// setViewerLines hands the log (or only its matching lines) to the view, with the highlights
// and the gutter marks.
func (v *viewer) setViewerLines() {
	s := &v.search
	styledLines := v.doc.Lines
	if v.plainText {
		// Plain lines are the styled ones without SGR, so highlights and marks stay put.
		styledLines = v.doc.Plain
	}
	if !s.only || s.re == nil {
		s.lineMap = nil
		v.lv.SetLines(styledLines, v.doc.Plain)
		if len(s.matches) > 0 {
			v.lv.SetHighlights(s.matches)
		}
	} else {
		styled, plain, lineMap := onlyMatching(styledLines, v.doc.Plain, s.matches, contextLines)
		s.lineMap = lineMap
		v.lv.SetLines(styled, plain)
		if len(s.matches) > 0 {
			v.lv.SetHighlights(remapMatches(s.matches, lineMap))
		}
	}
	v.syncMarks()
}

// contextLines is how many lines around each match the only-matching view keeps.
const contextLines = 2

// onlyMatching keeps the lines with a match plus ctx lines either side, with a "--" line between
// groups that are not adjacent, as grep -C does. lineMap gives each kept line's index in the log.
func onlyMatching(styled, plain []string, ms []logview.Match, ctx int) ([]string, []string, []int) {
	keep := make([]bool, len(plain))
	for _, mt := range ms {
		for i := max(mt.Line-ctx, 0); i <= min(mt.Line+ctx, len(plain)-1); i++ {
			keep[i] = true
		}
	}
	var os, op []string
	var lineMap []int
	prev := -1
	for i, k := range keep {
		if !k {
			continue
		}
		if prev >= 0 && i > prev+1 {
			os, op, lineMap = append(os, "--"), append(op, "--"), append(lineMap, -1)
		}
		os, op, lineMap = append(os, styled[i]), append(op, plain[i]), append(lineMap, i)
		prev = i
	}
	return os, op, lineMap
}

// remapMatches moves matches from log lines to the shown lines of lineMap.
func remapMatches(ms []logview.Match, lineMap []int) []logview.Match {
	shown := make(map[int]int, len(lineMap))
	for i, l := range lineMap {
		if l >= 0 {
			shown[l] = i
		}
	}
	out := make([]logview.Match, 0, len(ms))
	for _, mt := range ms {
		if i, ok := shown[mt.Line]; ok {
			out = append(out, logview.Match{Line: i, Start: mt.Start, End: mt.End})
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

// topLogLine is the log line at the top of the view, through the only-matching line map.
func (v *viewer) topLogLine() int {
	top := v.lv.TopLine()
	if lm := v.search.lineMap; lm != nil {
		for i := min(top, len(lm)-1); i >= 0; i-- {
			if lm[i] >= 0 {
				return lm[i]
			}
		}
		return 0
	}
	return top
}
