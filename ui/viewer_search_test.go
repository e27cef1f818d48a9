package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/bootlog/bootlog/ui/logview"
)

// The viewer's search and only-matching view.

func TestSearchSmartCaseAndCounter(t *testing.T) {
	h := openWeb(t, standardFetcher())
	h.press("/")
	h.typeText("kernel")
	if !h.m.viewer.search.typing {
		t.Fatal("search box lost focus")
	}
	if n := len(h.m.viewer.search.matches); n != 2 {
		t.Fatalf("lower-case pattern: %d matches, want 2 (smart case)", n)
	}
	h.press("enter")
	h.typeText("") // nothing
	h.press("/")
	h.typeText("Kernel p")
	if n := len(h.m.viewer.search.matches); n != 2 {
		t.Fatalf("Kernel p: %d", n)
	}
	h.press("backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace")
	h.typeText("KERNEL")
	if n := len(h.m.viewer.search.matches); n != 0 {
		t.Fatalf("upper-case pattern matched case-insensitively: %d", n)
	}
	h.press("esc")
	if h.m.viewer.search.re != nil || h.m.screen != screenConsole {
		t.Fatal("esc in the box did not just clear the search")
	}
}

func TestSearchKeysNeverTriggerActions(t *testing.T) {
	f := standardFetcher()
	h := openWeb(t, f)
	calls := f.count("ConsoleOutput")
	wrap := h.m.viewer.lv.Wrap()
	h.press("/")
	h.typeText("rfwq#&Gn?")
	if f.count("ConsoleOutput") != calls || h.m.viewer.follow || h.m.viewer.lv.Wrap() != wrap || h.quit || h.m.showHelp {
		t.Fatal("keys typed into the search box acted")
	}
	if got := h.m.viewer.search.input.Value(); got != "rfwq#&Gn?" {
		t.Fatalf("box = %q", got)
	}
}

func TestInvalidRegexpSearchesLiterally(t *testing.T) {
	f := standardFetcher()
	f.consoles[webID] = consoleFor(webID, []byte("a\nfoo(bar\nb\n"), testNow)
	h := openWeb(t, f)
	h.press("/")
	h.typeText("foo(")
	if len(h.m.viewer.search.matches) != 1 || h.m.viewer.search.notice == "" {
		t.Fatalf("matches=%d notice=%q", len(h.m.viewer.search.matches), h.m.viewer.search.notice)
	}
	h.mustContain("invalid regexp, searched literally")
}

func TestSearchNextPrevAndEscClears(t *testing.T) {
	h := openWeb(t, standardFetcher())
	h.press("/")
	h.typeText("unit")
	h.press("enter")
	if !h.m.keys.NextMatch.Enabled() {
		t.Fatal("n disabled with matches")
	}
	if n := len(h.m.viewer.search.matches); n != 58 {
		t.Fatalf("matches = %d", n)
	}
	before, _ := h.m.viewer.lv.CurrentMatch()
	h.press("n")
	after, _ := h.m.viewer.lv.CurrentMatch()
	h.press("N")
	back, _ := h.m.viewer.lv.CurrentMatch()
	if back != before {
		t.Fatalf("n then N: %d → %d → %d", before, after, back)
	}
	if !strings.Contains(h.m.viewer.searchStatus(), "58") {
		t.Fatalf("status %q", h.m.viewer.searchStatus())
	}
	h.press("esc")
	if h.m.viewer.search.re != nil || h.m.screen != screenConsole {
		t.Fatal("first esc should clear the search and stay")
	}
	if _, total := h.m.viewer.lv.CurrentMatch(); total != 0 {
		t.Fatalf("highlights left: %d", total)
	}
	h.press("esc")
	if h.m.screen != screenList {
		t.Fatal("second esc should go back")
	}
}

func TestOnlyMatchingLinesToggle(t *testing.T) {
	h := openWeb(t, standardFetcher())
	h.press("/")
	h.typeText("panic")
	h.press("enter", "&")
	v := &h.m.viewer
	// Matches on lines 59 and 60 (index 58, 59) with 2 lines of context: 57..60.
	if got := v.lv.TotalLineCount(); got != 4 {
		t.Fatalf("only-matching view has %d lines: %v", got, v.search.lineMap)
	}
	if _, total := v.lv.CurrentMatch(); total != 2 {
		t.Fatalf("highlights in filtered view: %d", total)
	}
	h.press("&")
	if got := v.lv.TotalLineCount(); got != 60 || v.search.lineMap != nil {
		t.Fatalf("back to all: %d lines", got)
	}
}

func TestOnlyMatchingSeparators(t *testing.T) {
	plain := []string{"a", "x", "b", "c", "d", "e", "f", "x", "g"}
	_, op, lm := onlyMatching(plain, plain, matchesOf("x", plain), 1)
	if got := strings.Join(op, ","); got != "a,x,b,--,f,x,g" {
		t.Fatalf("got %s", got)
	}
	if lm[3] != -1 || lm[4] != 6 {
		t.Fatalf("lineMap %v", lm)
	}
}

func TestLargeLogSearchRunsOffThreadAndLatestWins(t *testing.T) {
	f := standardFetcher()
	f.consoles[webID] = consoleFor(webID, bootLog(syncSearchLines+100), testNow)
	h := openWeb(t, f)
	h.press("/")
	// Hold the first keystroke's search, then type another.
	_, first := h.m.Update(keyMsg("p"))
	if !h.m.viewer.search.pending {
		t.Fatal("large-log search ran on the UI goroutine")
	}
	h.typeText("anic")
	h.drain(first) // cancelled or stale: ignored
	if n := len(h.m.viewer.search.matches); n != 2 || h.m.viewer.search.query != "panic" {
		t.Fatalf("matches=%d query=%q", n, h.m.viewer.search.query)
	}
}

func TestPasteIntoSearchAndFilter(t *testing.T) {
	h := openWeb(t, standardFetcher())
	h.press("/")
	h.send(tea.PasteMsg{Content: "Kernel panic"})
	if h.m.viewer.search.query != "Kernel panic" || len(h.m.viewer.search.matches) != 2 {
		t.Fatalf("paste: query %q, %d matches", h.m.viewer.search.query, len(h.m.viewer.search.matches))
	}
	h.press("esc", "esc", "/")
	h.send(tea.PasteMsg{Content: "db-"})
	if len(h.m.list.rows) != 1 {
		t.Fatalf("pasted filter: %d rows", len(h.m.list.rows))
	}
}

// Each keystroke that extends a literal searches only the previous answer's lines; the answer
// must stay what a full search gives, also when a backspace widens the pattern again, a capital
// turns smart case off, or the document changes under the search.
func TestTypingNarrowsAndStaysExact(t *testing.T) {
	f := standardFetcher()
	f.consoles[webID] = consoleFor(webID, bootLog(300), testNow)
	h := openWeb(t, f)
	h.press("/")
	check := func(want string) {
		t.Helper()
		s := &h.m.viewer.search
		if s.query != want {
			t.Fatalf("query %q, want %q", s.query, want)
		}
		exp := matchesOf(want, h.m.viewer.doc.Plain)
		if len(s.matches) != len(exp) {
			t.Fatalf("%q: %d matches, a full search finds %d", want, len(s.matches), len(exp))
		}
		for i := range exp {
			if s.matches[i] != exp[i] {
				t.Fatalf("%q: match %d is %v, want %v", want, i, s.matches[i], exp[i])
			}
		}
	}
	for _, q := range []string{"u", "un", "uni", "unit", "unit ", "unit 1", "unit 12"} {
		h.typeText(q[len(q)-1:])
		check(q)
	}
	h.press("backspace", "backspace")
	check("unit ")
	h.typeText("2")
	check("unit 2")
	h.press("backspace", "backspace", "backspace", "backspace", "backspace", "backspace")
	h.typeText("Kernel")
	check("Kernel")
	h.press("backspace", "backspace", "backspace", "backspace", "backspace", "backspace")
	h.typeText("kernel")
	check("kernel")
	h.typeText(" p")
	check("kernel p")
}

// TestSearchWithNoMatchRestoresThePosition is issue 12 item 3: at line 169, "/Falling" Enter
// left the view at line 3, where the incremental search had found "F".
func TestSearchWithNoMatchRestoresThePosition(t *testing.T) {
	f := standardFetcher()
	f.consoles[webID] = consoleFor(webID, bootLog(300), testNow)
	h := openWeb(t, f)
	v := &h.m.viewer
	h.press(":")
	h.typeText("169")
	h.press("enter", "/")
	// "K" (capital: case matters) matches only the panic at the end: the view goes there; "Kx"
	// matches nothing.
	h.typeText("K")
	if v.topLogLine() == 168 {
		t.Fatal("the incremental search did not show the match of K")
	}
	h.typeText("x")
	if v.topLogLine() != 168 {
		t.Fatalf("while typing a search with no match: line %d", v.topLogLine()+1)
	}
	h.press("enter")
	if v.topLogLine() != 168 {
		t.Fatalf("after a search with no match: line %d, want 169", v.topLogLine()+1)
	}
	// Each keystroke searches from where the search began, not from the last match shown.
	h.press("/")
	h.typeText("unit 2")
	if cur, _ := v.lv.CurrentMatch(); cur < 0 || v.search.matches[cur].Line < 168 {
		t.Fatalf("incremental search went back before its start: %v", cur)
	}
	// esc gives the position back too.
	h.press("esc")
	if v.topLogLine() != 168 {
		t.Fatalf("after esc: line %d", v.topLogLine()+1)
	}
}

func TestSearchSaysWhenItWraps(t *testing.T) {
	h := openWeb(t, standardFetcher())
	h.press("/")
	h.typeText("unit 1[05] ")
	h.press("enter")
	// The viewer opens at the end, so the first match is above: the new search itself wrapped.
	if h.m.toast.text != "search hit the end, continuing at the top" {
		t.Fatalf("new search from the end: toast %q", h.m.toast.text)
	}
	h.m.toast.text = ""
	h.press("n")
	if h.m.toast.text != "" && strings.Contains(h.m.toast.text, "search hit") {
		t.Fatalf("wrapped too early: %q", h.m.toast.text)
	}
	h.press("n")
	if h.m.toast.text != "search hit the end, continuing at the top" {
		t.Fatalf("toast %q", h.m.toast.text)
	}
	h.press("N")
	if h.m.toast.text != "search hit the top, continuing at the end" {
		t.Fatalf("toast %q", h.m.toast.text)
	}
}

// TestMatchLandsWithContextBelow: a match is never left on the bottom row with nothing after it.
func TestMatchLandsWithContextBelow(t *testing.T) {
	f := standardFetcher()
	f.consoles[webID] = consoleFor(webID, bootLog(300), testNow)
	h := openWeb(t, f)
	v := &h.m.viewer
	h.press("g")
	// The last line on screen holds unit N; search for it.
	bottom := v.lv.TopLine() + v.lv.Height() - 1
	h.press("/")
	h.typeText(fmt.Sprintf("unit %d ", bottom+1))
	h.press("enter")
	cur, _ := v.lv.CurrentMatch()
	line := v.lv.Matches()[cur].Line
	if line > v.lv.TopLine()+v.lv.Height()-1-matchContext {
		t.Fatalf("match on line %d with top %d and height %d", line, v.lv.TopLine(), v.lv.Height())
	}
}

// TestNewSearchSaysWhenItWraps: a new search that finds nothing below where it began lands on a
// match above it and says so at Enter, as `n` does (issue 12 item 3: "/Started" from line 169
// landed on line 41 without a word).
func TestNewSearchSaysWhenItWraps(t *testing.T) {
	f := standardFetcher()
	f.consoles[webID] = consoleFor(webID, bootLog(300), testNow)
	h := openWeb(t, f)
	h.press(":")
	h.typeText("169")
	h.press("enter", "/")
	h.typeText("unit 5 ")
	h.press("enter")
	if h.m.toast.text != "search hit the end, continuing at the top" {
		t.Fatalf("a search that continued from the top said %q", h.m.toast.text)
	}
	// One found below the start says nothing.
	h.press(":")
	h.typeText("3")
	h.press("enter", "/")
	h.typeText("unit 250 ")
	h.m.toast.text = ""
	h.press("enter")
	if strings.Contains(h.m.toast.text, "search hit") {
		t.Fatalf("a search that did not wrap said %q", h.m.toast.text)
	}
}

// A large log's search index is built in the background once the log is there, so the first
// search does not wait for it; a search that comes before it is ready says so while it waits.
func TestLargeLogSearchIndexBuiltInBackground(t *testing.T) {
	f := standardFetcher()
	f.consoles[webID] = consoleFor(webID, bootLog(syncSearchLines+100), testNow)
	h := openWeb(t, f)
	s := &h.m.viewer.search
	if s.searcher == nil || s.searcher.Waits(logview.Compile("panic")) {
		t.Fatal("the index of a large log was not built once the log arrived")
	}
	// As if the log had just arrived and its index were still being built.
	s.searcher = logview.NewSearcher(h.m.viewer.doc.Plain)
	h.press("/")
	_, cmd := h.m.Update(keyMsg("p"))
	h.mustContain("indexing for search…")
	h.drain(cmd)
	h.mustNotContain("indexing for search…")
	if len(s.matches) == 0 {
		t.Fatal("the search found nothing once the index was built")
	}
}

// A search with more matches than logview.MaxMatches keeps only the first ones: the status bar
// gives the full count and says how many are marked, n wraps after the last marked match saying
// why, & shows the marked matches' lines, and the next keystroke searches the whole log again
// rather than only the lines of the matches kept.
func TestSearchKeepsFirstMatchesAndSaysSo(t *testing.T) {
	const perLine, lines = 100, logview.MaxMatches/100 + 100 // 260,000 matches of "a"
	row := strings.Repeat("a", perLine)
	var b strings.Builder
	for range lines {
		b.WriteString(row + "\n")
	}
	f := standardFetcher()
	f.consoles[webID] = consoleFor(webID, []byte(b.String()), testNow)
	h := openWeb(t, f)
	h.send(tea.WindowSizeMsg{Width: 60, Height: 15})
	s := &h.m.viewer.search
	h.press("/")
	h.typeText("a")
	if s.total != lines*perLine || len(s.matches) != logview.MaxMatches {
		t.Fatalf("total %d, kept %d; want %d and %d", s.total, len(s.matches), lines*perLine, logview.MaxMatches)
	}
	h.press("enter")
	// The log opens at its end, below every marked match: the search continues at the top.
	if want := "first 250,000 matches marked; continuing at the top"; h.m.toast.text != want {
		t.Errorf("accepting said %q, want %q", h.m.toast.text, want)
	}
	h.mustContain("match 1/260,000 · first 250,000 marked")
	h.press("N")
	if cur, _ := h.m.viewer.lv.CurrentMatch(); cur != logview.MaxMatches-1 {
		t.Fatalf("N from the first match went to %d, want the last marked (%d)", cur, logview.MaxMatches-1)
	}
	if want := "search hit the top, continuing at the last marked match"; h.m.toast.text != want {
		t.Errorf("N said %q, want %q", h.m.toast.text, want)
	}
	h.mustContain("match 250,000/260,000 · first 250,000 marked")
	h.press("n")
	if cur, _ := h.m.viewer.lv.CurrentMatch(); cur != 0 {
		t.Fatalf("n from the last marked match went to %d, want the first", cur)
	}
	if want := "first 250,000 matches marked; continuing at the top"; h.m.toast.text != want {
		t.Errorf("n said %q, want %q", h.m.toast.text, want)
	}
	// Only the lines of marked matches, and their context, are shown.
	h.press("&")
	lastMarked := logview.MaxMatches/perLine - 1
	if n := h.m.viewer.lv.TotalLineCount(); n != lastMarked+1+contextLines {
		t.Errorf("& shows %d lines, want the %d with marked matches and %d of context", n, lastMarked+1, contextLines)
	}
	h.mustContain("(only matching lines)", "first 250,000 marked")
	h.press("&")
	// One more letter: "aa" matches 50 times a line, 130,000 in all, all of them kept; had the
	// search looked only at the lines of the matches kept for "a", it would find 125,000.
	h.press("/")
	h.typeText("aa")
	if s.total != lines*perLine/2 || len(s.matches) != s.total {
		t.Fatalf("aa after a truncated a: total %d, kept %d; want %d, all kept", s.total, len(s.matches), lines*perLine/2)
	}
	if st := h.m.viewer.searchStatus(); !strings.Contains(st, "/130,000") || strings.Contains(st, "marked") {
		t.Errorf("status %q after a complete search", st)
	}
}

// onlyMatching is the only-matching view as whole slices, for tests: the lines with a match plus
// ctx lines either side, with a "--" line between groups that are not adjacent, as grep -C does,
// built by assemble as setViewerLines builds it. lineMap gives each kept line's index in the log.
func onlyMatching(styled, plain []string, ms []logview.Match, ctx int) ([]string, []string, []int) {
	lineMap, own, ownPlain := assemble(len(plain), keepMatching(len(plain), ms, ctx), nil)
	os, op := make([]string, len(lineMap)), make([]string, len(lineMap))
	for i, l := range lineMap {
		if l < 0 {
			os[i], op[i] = own[i], ownPlain[i]
		} else {
			os[i], op[i] = styled[l], plain[l]
		}
	}
	return os, op, lineMap
}
