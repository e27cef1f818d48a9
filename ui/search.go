package ui

import (
	"context"
	"fmt"
	"regexp"
	"unicode"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/bootlog/bootlog/ui/logview"
)

// syncSearchLines is the largest log searched on the UI goroutine; beyond it a keystroke's search
// runs in a command, so typing never waits for the regexp.
const syncSearchLines = 20000

// contextLines is how many lines around each match the only-matching view keeps.
const contextLines = 2

// searchState is the viewer's search: the box, the compiled pattern and its matches.
type searchState struct {
	input  textinput.Model
	typing bool // the search box has focus

	query   string         // the pattern the matches belong to
	re      *regexp.Regexp // nil when no search is active
	notice  string         // "invalid regexp, searched literally"
	matches []logview.Match
	pending bool // an off-thread search has not answered yet

	gen    uint64
	cancel context.CancelFunc

	only    bool  // show only matching lines and their context
	lineMap []int // shown line → log line (-1 for a "--" separator); nil when every line is shown
}

func newSearchState() searchState {
	return searchState{input: newTextInput("regexp (lower case ignores case)")}
}

// cancelRunning stops an off-thread search.
func (s *searchState) cancelRunning() {
	if s.cancel != nil {
		s.cancel()
		s.cancel = nil
	}
}

// compileSearch applies smart case (a pattern without capitals ignores case) and falls back to a
// literal search when the pattern is not a valid regular expression.
func compileSearch(q string) (re *regexp.Regexp, literal bool) {
	prefix := "(?i)"
	for _, r := range q {
		if unicode.IsUpper(r) {
			prefix = ""
			break
		}
	}
	re, err := regexp.Compile(prefix + q)
	if err == nil {
		return re, false
	}
	return regexp.MustCompile(prefix + regexp.QuoteMeta(q)), true
}

// beginSearch focuses an empty search box; the previous search stays until the first keystroke.
func (m *Model) beginSearch() tea.Cmd {
	s := &m.viewer.search
	s.typing = true
	s.input.SetValue("")
	return s.input.Focus()
}

// searchKey handles keys while the search box has focus. Only enter, esc and ctrl+c act; every
// other key is text, so typing "build" never pages or scrolls.
func (m *Model) searchKey(msg tea.KeyPressMsg) tea.Cmd {
	k, s := m.keys, &m.viewer.search
	switch {
	case key.Matches(msg, k.ForceQuit):
		return m.quit()
	case key.Matches(msg, k.Accept):
		s.typing = false
		s.input.Blur()
		if s.input.Value() == "" {
			m.clearSearch()
		}
		return nil
	case key.Matches(msg, k.Cancel):
		s.typing = false
		s.input.Blur()
		m.clearSearch()
		return nil
	}
	before := s.input.Value()
	var cmd tea.Cmd
	s.input, cmd = s.input.Update(msg)
	if v := s.input.Value(); v != before {
		return tea.Batch(cmd, m.runSearch(v))
	}
	return cmd
}

// clearSearch removes the search, its highlights and the only-matching view.
func (m *Model) clearSearch() {
	v := &m.viewer
	s := &v.search
	s.cancelRunning()
	s.gen++
	wasOnly := s.only
	anchor := m.anchorLine()
	s.query, s.re, s.notice, s.matches, s.pending, s.only = "", nil, "", nil, false, false
	v.lv.ClearHighlights()
	if wasOnly {
		m.setViewerLines()
		v.lv.GotoLine(anchor)
	}
}

// runSearch searches the log for q: at once for a normal log, in a command for a large one. A new
// keystroke cancels the previous search and bumps the generation, so only the last answer counts.
func (m *Model) runSearch(q string) tea.Cmd {
	v := &m.viewer
	s := &v.search
	s.cancelRunning()
	s.gen++
	if q == "" {
		m.clearSearch()
		return nil
	}
	re, literal := compileSearch(q)
	s.query, s.re, s.notice = q, re, ""
	if literal {
		s.notice = "invalid regexp, searched literally"
	}
	if len(v.doc.Plain) <= syncSearchLines {
		ms, _ := findMatches(context.Background(), re, v.doc.Plain)
		m.applyMatches(ms)
		return nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	s.pending = true
	return searchCmd(ctx, s.gen, re, v.doc.Plain)
}

// onSearchDone applies an off-thread search if no keystroke has superseded it.
func (m *Model) onSearchDone(msg searchDoneMsg) tea.Cmd {
	s := &m.viewer.search
	if msg.gen != s.gen || s.re == nil {
		return nil
	}
	s.pending = false
	s.cancel = nil
	m.applyMatches(msg.matches)
	return nil
}

// applyMatches shows a search's matches. Highlights are cleared first because the view keeps the
// previous ones when given none.
func (m *Model) applyMatches(ms []logview.Match) {
	v := &m.viewer
	s := &v.search
	s.matches = ms
	if s.only {
		m.setViewerLines()
		return
	}
	v.lv.ClearHighlights()
	if len(ms) > 0 {
		v.lv.SetHighlights(ms)
	}
}

// setViewerLines hands the log (or only its matching lines) to the view, with the highlights.
func (m *Model) setViewerLines() {
	v := &m.viewer
	s := &v.search
	styledLines := v.doc.Lines
	if m.plainText {
		// Plain lines are the styled ones without SGR, so highlights and marks stay put.
		styledLines = v.doc.Plain
	}
	if !s.only || s.re == nil {
		s.lineMap = nil
		v.lv.SetLines(styledLines, v.doc.Plain)
		if len(s.matches) > 0 {
			v.lv.SetHighlights(s.matches)
		}
		return
	}
	styled, plain, lineMap := onlyMatching(styledLines, v.doc.Plain, s.matches, contextLines)
	s.lineMap = lineMap
	v.lv.SetLines(styled, plain)
	if len(s.matches) > 0 {
		v.lv.SetHighlights(remapMatches(s.matches, lineMap))
	}
}

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
func (m *Model) anchorLine() int {
	v := &m.viewer
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

// toggleOnlyMatches switches between every line and only the matching ones, keeping the current
// match (or the line in view) where the operator can see it.
func (m *Model) toggleOnlyMatches() {
	v := &m.viewer
	s := &v.search
	if s.re == nil {
		return
	}
	cur, _ := v.lv.CurrentMatch()
	anchor := m.anchorLine()
	s.only = !s.only
	m.setViewerLines()
	if cur >= 0 {
		m.selectMatch(cur)
		return
	}
	if s.lineMap == nil {
		v.lv.GotoLine(anchor)
		return
	}
	for i, l := range s.lineMap {
		if l >= anchor {
			v.lv.GotoLine(i)
			return
		}
	}
}

// selectMatch makes match i current and scrolls to it.
func (m *Model) selectMatch(i int) {
	m.viewer.lv.SelectMatch(i)
}

// searchStatus is the search part of the status bar: "match 3/17", "17 matches", "no matches".
func (m *Model) searchStatus() string {
	v := &m.viewer
	s := &v.search
	switch {
	case s.re == nil:
		return ""
	case s.pending:
		return "searching…"
	}
	cur, total := v.lv.CurrentMatch()
	var st string
	switch {
	case total == 0 && s.typing:
		st = "no matches"
	case total == 0:
		st = fmt.Sprintf("no matches for /%s/", s.query)
	case cur < 0:
		st = fmt.Sprintf("%d matches", total)
	default:
		st = fmt.Sprintf("match %d/%d", cur+1, total)
	}
	if s.notice != "" {
		st += " · " + s.notice
	}
	return st
}
