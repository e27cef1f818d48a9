package ui

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/bootlog/bootlog/ui/findings"
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
			return v.showToast(v.wrapNotice(), toastInfo)
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
	s.query, s.q, s.re, s.notice, s.matches, s.total, s.pending, s.only = "", logview.Query{}, nil, "", nil, 0, false, false
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
	// answer is for this document the search looks only at its lines (Refine does so only if
	// the answer kept every match).
	var prev logview.Query
	var prevRes logview.Result
	if s.foundIn == s.searcher {
		prev, prevRes = s.found, logview.Result{Matches: s.matches, Total: s.total}
	}
	if s.searcher.Len() <= syncSearchLines {
		res, _ := s.searcher.Refine(context.Background(), cq, prev, prevRes)
		v.applyMatches(res, s.searcher)
		return nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	s.pending = true
	s.foundIn = nil
	return searchCmd(ctx, s.gen, s.searcher, cq, prev, prevRes)
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
	v.applyMatches(msg.res, msg.in)
	return nil
}

// applyMatches shows a search's answer, found by in. Highlights are cleared first because the
// view keeps the previous ones when given none.
func (v *viewer) applyMatches(res logview.Result, in *logview.Searcher) {
	s := &v.search
	ms := res.Matches
	s.matches, s.total, s.found, s.foundIn = ms, res.Total, s.q, in
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
// end of the log, as vim does. When the search kept only the first logview.MaxMatches, n and N go
// round those: after the last one marked comes the first, and the notice says why.
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
		return v.showToast(v.wrapNotice(), toastInfo)
	case !forward && after >= before && v.truncated():
		return v.showToast("search hit the top, continuing at the last marked match", toastInfo)
	case !forward && after >= before:
		return v.showToast("search hit the top, continuing at the end", toastInfo)
	}
	return nil
}

// truncated reports that the search found more matches than it kept (logview.MaxMatches): the
// rest are counted, not marked.
func (v *viewer) truncated() bool {
	s := &v.search
	return len(s.matches) > 0 && s.total > len(s.matches)
}

// wrapNotice is what the viewer says when the next match is back at the top. After the last
// marked match of a truncated search there are more matches, just none marked, so it says that
// rather than that the search hit the end of the log.
func (v *viewer) wrapNotice() string {
	if v.truncated() {
		return "first " + findings.Thousands(len(v.search.matches)) + " matches marked; continuing at the top"
	}
	return "search hit the end, continuing at the top"
}

// toggleOnlyMatches switches between every line and only the matching ones, keeping the current
// match (or the line in view) where the operator can see it. After a search that kept only the
// first logview.MaxMatches, the lines shown are those of the marked matches, so the view ends at
// the last marked one; the status bar's "first N marked" says so.
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

// searchStatus is the search part of the status bar: "match 3/17", "17 matches", "no matches";
// for a search that kept only the first logview.MaxMatches, the full count and how many are
// marked: "match 3/3,411,788 · first 250,000 marked" (46 columns at most, so it fits 60).
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
	var parts []string
	if v.truncated() && total > 0 {
		// The view marks what the search kept; the count is every match.
		total = s.total
	}
	switch {
	case total == 0 && s.typing:
		parts = append(parts, "no matches")
	case total == 0:
		parts = append(parts, fmt.Sprintf("no matches for /%s/", s.query))
	case cur < 0:
		parts = append(parts, findings.Thousands(total)+" matches")
	default:
		parts = append(parts, "match "+findings.Thousands(cur+1)+"/"+findings.Thousands(total))
	}
	if v.truncated() && total > 0 {
		parts = append(parts, "first "+findings.Thousands(len(s.matches))+" marked")
	}
	if s.notice != "" {
		parts = append(parts, s.notice)
	}
	return strings.Join(parts, " · ")
}

// searchCmd finds the matches of q off the UI goroutine, narrowing prev's answer when q extends
// it (see logview.Searcher.Refine). The context is cancelled by the next keystroke; the generation
// drops an answer that still gets through.
func searchCmd(ctx context.Context, gen uint64, in *logview.Searcher, q, prev logview.Query, prevRes logview.Result) tea.Cmd {
	return func() tea.Msg {
		res, ok := in.Refine(ctx, q, prev, prevRes)
		if !ok {
			return nil
		}
		return searchDoneMsg{gen: gen, res: res, in: in}
	}
}
