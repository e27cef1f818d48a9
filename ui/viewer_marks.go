package ui

import (
	"sort"

	"github.com/bootlog/bootlog/ui/findings"
)

// The gutter marks: a dot per finding (the navigator) and a "+" per line new since the previous
// capture (capture history). The findings' marks are looked up for the lines drawn and win over
// the "+" marks, which are a map of the log view; each sync replaces only its own marks, and only
// when one of its inputs changed.

// syncMarks puts the gutter marks of the findings and of the capture's new lines in step with
// the lines shown.
func (v *viewer) syncMarks() {
	v.syncCaptureMarks()
	v.syncFindingMarks()
}

// newLineMark is the gutter mark of a line new since the previous capture.
const newLineMark = "+"

// syncCaptureMarks sets the "+" gutter marks of the capture on screen, in step with the
// only-matching view, and removes them when the live log returns. Marks other features set are
// kept: only lines without a mark get a "+", and only "+" marks are removed. It runs whenever its
// inputs may have changed (syncMarks) and does nothing unless one did.
func (v *viewer) syncCaptureMarks() {
	c := &v.captures
	want := c.shown != nil && c.marksOn && c.newCount > 0
	cur := v.lv.Marks()
	k := marksKey{gen: c.marksGen, on: want, mapLen: len(v.search.lineMap), mark: v.styles.NewLine.Render(newLineMark)}
	if len(v.search.lineMap) > 0 {
		k.lineMap = &v.search.lineMap[0]
	}
	if k == c.applied && (c.sentinel < 0 || cur[c.sentinel] == k.mark) {
		return
	}
	old := c.applied.mark
	next := make(map[int]string, len(cur))
	mine := false
	for i, s := range cur {
		if old != "" && s == old {
			mine = true
			continue
		}
		next[i] = s
	}
	c.sentinel = -1
	if !want && !mine {
		// Nothing of ours is in the gutter; leave whatever map is there untouched.
		c.applied = k
		return
	}
	if want {
		add := func(shown, line int) {
			if line >= 0 && line < len(c.isNew) && c.isNew[line] {
				if _, taken := next[shown]; !taken {
					next[shown] = k.mark
				}
			}
		}
		if lm := v.search.lineMap; lm != nil {
			for j, l := range lm {
				add(j, l)
			}
		} else {
			for i := range c.isNew {
				add(i, i)
			}
		}
	}
	for i, s := range next {
		if s == k.mark && (c.sentinel < 0 || i < c.sentinel) {
			c.sentinel = i
		}
	}
	if len(next) == 0 {
		next = nil
	}
	v.lv.SetMarks(next)
	c.applied = k
}

// severityGlyph is a finding's mark, one per severity so that the gutter and the panel tell the
// severities apart without colour.
func severityGlyph(sev findings.Severity) string {
	switch sev {
	case findings.Critical:
		return "✗"
	case findings.Warning:
		return "▲"
	}
	return "○"
}

// findingStyle is the colour of a severity.
func (s Styles) findingStyle(sev findings.Severity) func(...string) string {
	switch sev {
	case findings.Critical:
		return s.FindingCritical.Render
	case findings.Warning:
		return s.FindingWarning.Render
	}
	return s.FindingInfo.Render
}

// syncFindingMarks puts a mark in the gutter of every finding, through the only-matching view's
// line map when it is on. It runs whenever the lines or the findings change (syncMarks) and does
// nothing unless an input changed. The marks are looked up for the lines drawn (findingMarker):
// a log can hold a hundred thousand findings, whose marks in a map took 7 MB.
func (v *viewer) syncFindingMarks() {
	n := &v.nav
	marks := [3]string{
		v.styles.findingStyle(findings.Info)(severityGlyph(findings.Info)),
		v.styles.findingStyle(findings.Warning)(severityGlyph(findings.Warning)),
		v.styles.findingStyle(findings.Critical)(severityGlyph(findings.Critical)),
	}
	k := markKey{gen: n.gen, n: len(n.findings), mapLen: len(v.search.lineMap), styles: marks}
	if len(v.search.lineMap) > 0 {
		k.lineMap = &v.search.lineMap[0]
	}
	if n.pending {
		k.n = -1
	}
	if k == v.marks.key {
		return
	}
	v.marks.key = k
	var f func(int) string
	if !n.pending {
		f = v.findingMarker(marks)
	}
	v.lv.SetMarkFunc(f)
}

// findingMarker returns the mark of each shown line that holds a finding, glyphs by severity, or
// nil when no finding is shown.
func (v *viewer) findingMarker(glyphs [3]string) func(int) string {
	fs, lm := v.nav.findings, v.search.lineMap
	// logLine maps a shown line to its log line, -1 for none.
	logLine := func(shown int) int {
		if lm == nil {
			return shown
		}
		if shown < 0 || shown >= len(lm) {
			return -1
		}
		return lm[shown]
	}
	shown := false
	for _, f := range fs {
		if f.Rule == nil {
			continue
		}
		// shownIndex may name the separator right above the line.
		if i := v.shownIndex(f.Line); logLine(i) == f.Line || logLine(i+1) == f.Line {
			shown = true
			break
		}
	}
	if !shown {
		return nil
	}
	return func(i int) string {
		l := logLine(i)
		if l < 0 {
			return ""
		}
		// Findings are sorted by line, at most one per line.
		k := sort.Search(len(fs), func(k int) bool { return fs[k].Line >= l })
		if k == len(fs) || fs[k].Line != l || fs[k].Rule == nil {
			return ""
		}
		return glyphs[min(max(int(fs[k].Rule.Severity), 0), 2)]
	}
}
