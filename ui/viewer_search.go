package ui

import (
	"context"
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/bootlog/bootlog/ui/logview"
)

// syncSearchLines is the largest log searched on the UI goroutine; beyond it a keystroke's search
// runs in a command, so typing never waits for the regexp.
const syncSearchLines = 20000

// beginSearch focuses an empty search box; the previous search stays until the first keystroke.
func (v *viewer) beginSearch() tea.Cmd {
	s := &v.search
	s.typing = true
	s.origin = v.position()
	s.input.SetValue("")
	return s.input.Focus()
}

// onSearchKey handles keys while the search box has focus. Only enter and esc act here (ctrl+c
// quits from the root); every other key is text, so typing "build" never pages or scrolls.
func (v *viewer) onSearchKey(msg tea.KeyPressMsg) tea.Cmd {
	if v.jump.typing {
		// The root gives the focused box its keys through here; the ":" prompt is the other.
		return v.onGotoKey(msg)
	}
	k, s := &v.keys, &v.search
	switch {
	case key.Matches(msg, k.Accept):
		s.typing = false
		s.input.Blur()
		if s.input.Value() == "" {
			v.clearSearch()
			v.restorePosition(s.origin)
			return nil
		}
		if len(s.matches) == 0 && !s.pending {
			// Nothing found: the view goes back where it was, as in vim and less.
			v.restorePosition(s.origin)
			return nil
		}
		if v.searchWrapped() {
			return v.showToast("search hit the end, continuing at the top", toastInfo)
		}
		return nil
	case key.Matches(msg, k.Cancel):
		s.typing = false
		s.input.Blur()
		v.clearSearch()
		v.restorePosition(s.origin)
		return nil
	}
	return v.updateSearchInput(msg)
}

// updateSearchInput gives the search box a key, a paste or a cursor blink, and searches for the
// new text.
func (v *viewer) updateSearchInput(msg tea.Msg) tea.Cmd {
	s := &v.search
	before := s.input.Value()
	var cmd tea.Cmd
	s.input, cmd = s.input.Update(msg)
	if q := s.input.Value(); q != before {
		return tea.Batch(cmd, v.runSearch(q))
	}
	return cmd
}

// clearSearch removes the search, its highlights and the only-matching view.
func (v *viewer) clearSearch() {
	s := &v.search
	s.cancelRunning()
	s.gen++
	wasOnly := s.only
	anchor := v.anchorLine()
	s.query, s.q, s.re, s.notice, s.matches, s.pending, s.only = "", logview.Query{}, nil, "", nil, false, false
	s.foundIn = nil
	v.lv.ClearHighlights()
	if wasOnly {
		v.setViewerLines()
		v.lv.GotoLine(v.shownIndex(anchor))
	}
}

// runSearch searches the log for q: at once for a normal log, in a command for a large one. A new
// keystroke cancels the previous search and bumps the generation, so only the last answer counts.
func (v *viewer) runSearch(q string) tea.Cmd {
	s := &v.search
	s.cancelRunning()
	s.gen++
	if q == "" {
		v.clearSearch()
		return nil
	}
	cq := logview.Compile(q)
	s.query, s.q, s.re, s.notice = q, cq, cq.Regexp(), ""
	if cq.Invalid {
		s.notice = "invalid regexp, searched literally"
	}
	v.ensureSearcher()
	// Typing one more letter of a literal can only narrow the previous answer, so when that
	// answer is complete and for this document the search looks only at its lines.
	var prev logview.Query
	var prevMatches []logview.Match
	if s.foundIn == s.searcher {
		prev, prevMatches = s.found, s.matches
	}
	if s.searcher.Len() <= syncSearchLines {
		ms, _ := s.searcher.Refine(context.Background(), cq, prev, prevMatches)
		v.applyMatches(ms, s.searcher)
		return nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	s.pending = true
	s.foundIn = nil
	return searchCmd(ctx, s.gen, s.searcher, cq, prev, prevMatches)
}

// ensureSearcher makes the searcher of the document shown, if there is none yet.
func (v *viewer) ensureSearcher() {
	s := &v.search
	if s.searcher == nil {
		// A file's lines point into its bytes (console.RenderShared), which the searcher then
		// scans in long runs; other lines are searched one by one.
		s.searcher = logview.NewSearcherIn(v.doc.Plain, v.out.Data)
	}
}

// prepareSearchCmd builds a large document's search index in the background once the whole
// document is there (setDoc calls it), so that the first search does not wait for it: some 40 ms
// on a million lines (logview's BenchmarkSearchIndex). A small document's index is built by its
// first search in no time. A search that comes before the index is ready waits for it (the status bar says so);
// it is never built twice.
func (v *viewer) prepareSearchCmd() tea.Cmd {
	if len(v.doc.Plain) <= syncSearchLines {
		return nil
	}
	v.ensureSearcher()
	in := v.search.searcher
	return func() tea.Msg {
		in.Prepare()
		return nil
	}
}

// onSearchDone applies an off-thread search if no keystroke has superseded it.
func (v *viewer) onSearchDone(msg searchDoneMsg) tea.Cmd {
	s := &v.search
	if msg.gen != s.gen || s.re == nil {
		return nil
	}
	s.pending = false
	s.cancel = nil
	v.applyMatches(msg.matches, msg.in)
	return nil
}

// applyMatches shows a search's matches, found by in. Highlights are cleared first because the
// view keeps the previous ones when given none.
func (v *viewer) applyMatches(ms []logview.Match, in *logview.Searcher) {
	s := &v.search
	s.matches, s.found, s.foundIn = ms, s.q, in
	if s.typing {
		// While typing, each keystroke searches from where the search began (vim's incsearch):
		// a match found for "F" must not decide where "Falling" starts, or stay on screen when
		// "Falling" finds nothing.
		v.restorePosition(s.origin)
	}
	if s.only {
		v.setViewerLines()
		v.keepMatchContext()
		return
	}
	v.lv.ClearHighlights()
	if len(ms) > 0 {
		if s.lineMap != nil {
			// Boot separators are lines of the view: matches move down past them.
			ms = remapMatches(ms, s.lineMap)
		}
		v.lv.SetHighlights(ms)
		v.keepMatchContext()
	}
}

// matchContext is how many lines the view keeps below the current match, so a match never
// lands on the bottom row with nothing after it.
const matchContext = 3

// keepMatchContext centres the current match when it sits in the last lines of the view.
func (v *viewer) keepMatchContext() {
	idx, _ := v.lv.CurrentMatch()
	ms := v.lv.Matches()
	if idx < 0 || idx >= len(ms) {
		return
	}
	line, top, h := ms[idx].Line, v.lv.TopLine(), v.lv.Height()
	if h > 2*matchContext && line >= top+h-matchContext {
		v.lv.SetTopLine(line - h/2)
	}
}

// searchWrapped reports whether the match a new search settled on lies above where the search
// began: there was none below, so it continued from the top, and vim and less say so.
func (v *viewer) searchWrapped() bool {
	idx, _ := v.lv.CurrentMatch()
	ms := v.lv.Matches()
	if idx < 0 || idx >= len(ms) {
		return false
	}
	return ms[idx].Line < v.shownIndex(v.search.origin.line)
}

// stepMatch moves to the next (or previous) match and says so when the search wraps around the
// end of the log, as vim does.
func (v *viewer) stepMatch(forward bool) tea.Cmd {
	before, total := v.lv.CurrentMatch()
	if forward {
		v.lv.HighlightNext()
	} else {
		v.lv.HighlightPrevious()
	}
	v.keepMatchContext()
	after, _ := v.lv.CurrentMatch()
	switch {
	case total == 0 || before < 0:
		return nil
	case forward && after <= before:
		return v.showToast("search hit the end, continuing at the top", toastInfo)
	case !forward && after >= before:
		return v.showToast("search hit the top, continuing at the end", toastInfo)
	}
	return nil
}

// toggleOnlyMatches switches between every line and only the matching ones, keeping the current
// match (or the line in view) where the operator can see it.
func (v *viewer) toggleOnlyMatches() {
	s := &v.search
	cur, _ := v.lv.CurrentMatch()
	anchor := v.anchorLine()
	s.only = !s.only
	v.setViewerLines()
	if cur >= 0 {
		v.lv.SelectMatch(cur)
		return
	}
	if s.lineMap == nil {
		v.lv.GotoLine(anchor)
		return
	}
	if !s.only {
		// Every line is back, between boot separators.
		v.lv.GotoLine(v.shownIndex(anchor))
		return
	}
	for i, l := range s.lineMap {
		if l >= anchor {
			v.lv.GotoLine(i)
			return
		}
	}
}

// searchStatus is the search part of the status bar: "match 3/17", "17 matches", "no matches".
func (v *viewer) searchStatus() string {
	s := &v.search
	switch {
	case s.re == nil:
		return ""
	case s.pending && s.searcher != nil && s.searcher.Waits(s.q):
		return "indexing for search…"
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

// searchCmd finds every match of q off the UI goroutine, narrowing prev's matches when q extends
// it (see logview.Searcher.Refine). The context is cancelled by the next keystroke; the generation
// drops an answer that still gets through.
func searchCmd(ctx context.Context, gen uint64, in *logview.Searcher, q, prev logview.Query, prevMatches []logview.Match) tea.Cmd {
	return func() tea.Msg {
		ms, ok := in.Refine(ctx, q, prev, prevMatches)
		if !ok {
			return nil
		}
		return searchDoneMsg{gen: gen, matches: ms, in: in}
	}
}
