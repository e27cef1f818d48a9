package logview

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// numbered returns n plain lines "line 0" .. "line n-1" as both styled and plain.
func numbered(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("line %d", i)
	}
	return out
}

// newView returns a view of the given size over lines used as both styled and plain text.
func newView(w, h int, lines []string) Model {
	m := New()
	m.SetSize(w, h)
	m.SetLines(lines, lines)
	return m
}

// rows returns the rendered rows with SGR stripped and trailing padding removed.
func rows(m Model) []string {
	out := strings.Split(m.View(), "\n")
	for i, r := range out {
		out[i] = strings.TrimRight(ansi.Strip(r), " ")
	}
	return out
}

func TestScrollBounds(t *testing.T) {
	m := newView(20, 10, numbered(100))
	if !m.AtTop() || m.AtBottom() || m.ScrollPercent() != 0 {
		t.Fatalf("fresh view: AtTop=%v AtBottom=%v pct=%v", m.AtTop(), m.AtBottom(), m.ScrollPercent())
	}
	m.ScrollUp(5)
	if m.YOffset() != 0 {
		t.Fatalf("ScrollUp at top moved to %d", m.YOffset())
	}
	m.ScrollDown(1000)
	if m.YOffset() != 90 || m.TopLine() != 90 || !m.AtBottom() || m.ScrollPercent() != 1 {
		t.Fatalf("after ScrollDown(1000): y=%d top=%d bottom=%v pct=%v", m.YOffset(), m.TopLine(), m.AtBottom(), m.ScrollPercent())
	}
	got := rows(m)
	if got[9] != "line 99" || got[0] != "line 90" {
		t.Fatalf("bottom view rows = %q", got)
	}
	m.GotoTop()
	m.PageDown()
	if m.TopLine() != 10 {
		t.Fatalf("PageDown top = %d, want 10", m.TopLine())
	}
	m.HalfPageDown()
	if m.TopLine() != 15 {
		t.Fatalf("HalfPageDown top = %d, want 15", m.TopLine())
	}
	m.HalfPageUp()
	m.PageUp()
	if !m.AtTop() {
		t.Fatalf("PageUp back: y=%d", m.YOffset())
	}
	m.GotoBottom()
	if !m.AtBottom() || m.TopLine() != 90 {
		t.Fatalf("GotoBottom: top=%d", m.TopLine())
	}
	m.GotoLine(40)
	if top := m.TopLine(); 40 < top || 40 >= top+10 {
		t.Fatalf("GotoLine(40) left top at %d", top)
	}
	m.GotoLine(44) // already visible: no move
	if m.TopLine() != 35 {
		t.Fatalf("GotoLine of a visible line moved the view to %d", m.TopLine())
	}
}

func TestShortContentFitsAndIsAtBottom(t *testing.T) {
	m := newView(20, 10, numbered(3))
	if !m.AtTop() || !m.AtBottom() || m.ScrollPercent() != 1 {
		t.Fatalf("short content: top=%v bottom=%v pct=%v", m.AtTop(), m.AtBottom(), m.ScrollPercent())
	}
	m.ScrollDown(3)
	if m.YOffset() != 0 {
		t.Fatalf("short content scrolled to %d", m.YOffset())
	}
	got := rows(m)
	if len(got) != 10 || got[2] != "line 2" || got[3] != "" {
		t.Fatalf("rows = %q", got)
	}
}

func TestWrapCJK(t *testing.T) {
	lines := []string{
		"中中中中中中",                    // 12 cells at width 10: 5 + 1
		"a中中中中中",                    // 1 + 8 fits in 9; the next wide one moves to row 2
		"abcdefghijklmnopqrstuvwxy", // 25 cells: 10 + 10 + 5
		"",
	}
	m := newView(10, 8, lines)
	if m.TotalRowCount() != 2+2+3+1 {
		t.Fatalf("TotalRowCount = %d, want 8", m.TotalRowCount())
	}
	want := []string{"中中中中中", "中", "a中中中中", "中", "abcdefghij", "klmnopqrst", "uvwxy", ""}
	got := rows(m)
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("wrapped rows\n got %q\nwant %q", got, want)
	}
	for i, r := range strings.Split(m.View(), "\n") {
		if w := ansi.StringWidth(r); w != 10 {
			t.Errorf("row %d %q is %d cells wide, want 10", i, r, w)
		}
	}
	m.SetWrap(false)
	if m.TotalRowCount() != 4 {
		t.Fatalf("unwrapped TotalRowCount = %d", m.TotalRowCount())
	}
	got = rows(m)
	if got[0] != "中中中中中" || got[1] != "a中中中中" {
		t.Fatalf("unwrapped rows = %q", got)
	}
}

func TestGutterWidths(t *testing.T) {
	for _, tc := range []struct {
		n     int
		first string
	}{
		{9, "1 line 0"},
		{10, " 1 line 0"},
		{1000, "   1 line 0"},
	} {
		m := newView(30, 3, numbered(tc.n))
		m.SetLineNumbers(true)
		if got := rows(m)[0]; got != tc.first {
			t.Errorf("%d lines: first row %q, want %q", tc.n, got, tc.first)
		}
	}
	// Continuation rows of a wrapped line get a blank gutter.
	m := newView(8, 3, []string{"abcdefghij"})
	m.SetLineNumbers(true)
	got := rows(m)
	if got[0] != "1 abcdef" || got[1] != "  ghij" {
		t.Fatalf("wrapped gutter rows = %q", got)
	}
	// A view too narrow for the gutter drops it rather than overflow.
	m.SetSize(2, 3)
	if got := rows(m); got[0] != "ab" {
		t.Fatalf("narrow view row = %q", got[0])
	}
}

func TestNumbers(t *testing.T) {
	// A selection of a long log keeps the log's numbers; a line of the owner's own (a separator)
	// gets none, and the gutter is as wide as the largest number shown.
	m := newView(20, 3, []string{"first", "--", "second"})
	m.SetLineNumbers(true)
	m.SetNumbers([]int{8, 0, 1500})
	got := rows(m)
	want := []string{"   8 first", "     --", "1500 second"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("rows with numbers\n got %q\nwant %q", got, want)
	}
	// nil goes back to counting lines.
	m.SetNumbers(nil)
	if got := rows(m); got[0] != "1 first" || got[2] != "3 second" {
		t.Fatalf("after clearing numbers rows = %q", got)
	}
	// A slice shorter than the content numbers nothing past its end.
	m.SetNumbers([]int{4})
	if got := rows(m); got[0] != "4 first" || got[1] != "  --" {
		t.Fatalf("short numbers rows = %q", got)
	}
}

func TestMarks(t *testing.T) {
	m := newView(10, 4, []string{"aa", "bbbbbbbbbbbbbbb", "cc"})
	m.SetMarks(map[int]string{1: "!", 2: "中"})
	got := rows(m)
	want := []string{" aa", "!bbbbbbbbb", " bbbbbb", " cc"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("rows with marks\n got %q\nwant %q", got, want)
	}
	// A wide mark cannot fit its one-cell column: it is blanked, the row keeps its width.
	m.ScrollDown(3)
	for _, r := range strings.Split(m.View(), "\n") {
		if ansi.StringWidth(r) != 10 {
			t.Fatalf("row %q is not 10 cells", r)
		}
	}
	m.SetMarks(nil)
	if got := rows(m); got[0] != "aa" || got[3] != "cc" {
		t.Fatalf("after clearing marks rows = %q", got)
	}
}

// Marks from a function win over the map's, are asked for the lines drawn only, and bring the
// mark column with them.
func TestMarkFunc(t *testing.T) {
	m := newView(10, 3, numbered(1000))
	asked := map[int]bool{}
	m.SetMarkFunc(func(i int) string {
		asked[i] = true
		if i%2 == 1 {
			return "*"
		}
		return ""
	})
	m.SetMarks(map[int]string{1: "!", 2: "+"})
	if got, want := strings.Join(rows(m), "|"), " line 0|*line 1|+line 2"; got != want {
		t.Fatalf("rows %q, want %q", got, want)
	}
	if len(asked) > 3 {
		t.Errorf("the function was asked for %d lines, 3 are drawn", len(asked))
	}
	if m.Mark(1) != "*" || m.Mark(2) != "+" || m.Mark(4) != "" {
		t.Errorf("Mark: %q %q %q", m.Mark(1), m.Mark(2), m.Mark(4))
	}
	m.SetMarks(nil)
	m.SetMarkFunc(nil)
	if got := rows(m); got[0] != "line 0" {
		t.Fatalf("without marks rows = %q", got)
	}
}

func TestHighlightSelection(t *testing.T) {
	lines := numbered(100)
	m := newView(20, 10, lines)
	m.SetYOffset(50)
	ms := []Match{{10, 0, 4}, {60, 5, 7}, {70, 0, 4}}
	m.SetHighlights(ms)
	if i, n := m.CurrentMatch(); i != 1 || n != 3 {
		t.Fatalf("CurrentMatch = %d/%d, want 1/3", i, n)
	}
	if top := m.TopLine(); 60 < top || 60 >= top+10 {
		t.Fatalf("selected match line 60 not visible, top %d", top)
	}
	m.HighlightNext()
	if i, _ := m.CurrentMatch(); i != 2 {
		t.Fatalf("next = %d", i)
	}
	m.HighlightNext()
	if i, _ := m.CurrentMatch(); i != 0 || m.TopLine() > 10 {
		t.Fatalf("next should wrap to 0 and show line 10: %d, top %d", i, m.TopLine())
	}
	m.HighlightPrevious()
	if i, _ := m.CurrentMatch(); i != 2 {
		t.Fatalf("previous should wrap to 2: %d", i)
	}
	// A match on the top line counts as "at or after the top".
	m.SetYOffset(70)
	m.SetHighlights(ms)
	if i, _ := m.CurrentMatch(); i != 2 {
		t.Fatalf("match on top line: %d", i)
	}
	// Every match above the view: wraps to the first.
	m.GotoBottom()
	m.SetHighlights(ms[:2])
	if i, _ := m.CurrentMatch(); i != 0 || m.TopLine() > 10 {
		t.Fatalf("all above: %d, top %d", i, m.TopLine())
	}
	// Empty clears, unlike the stock viewport.
	m.SetHighlights(nil)
	if i, n := m.CurrentMatch(); i != -1 || n != 0 {
		t.Fatalf("empty SetHighlights left %d/%d", i, n)
	}
	m.HighlightNext()
	if i, _ := m.CurrentMatch(); i != -1 {
		t.Fatalf("HighlightNext without matches selected %d", i)
	}
	// SetLines clears highlights too.
	m.SetHighlights(ms)
	m.SetLines(lines, lines)
	if _, n := m.CurrentMatch(); n != 0 {
		t.Fatalf("SetLines kept %d matches", n)
	}
}

func TestHighlightsInvalidAndUnsorted(t *testing.T) {
	m := newView(20, 5, numbered(10))
	m.SetHighlights([]Match{{5, 0, 4}, {-1, 0, 1}, {2, 0, 4}, {3, 2, 2}, {4, 0, 99}, {99, 0, 1}})
	if got := m.Matches(); len(got) != 2 || got[0].Line != 2 || got[1].Line != 5 {
		t.Fatalf("cleaned matches = %v", got)
	}
}

func TestHighlightsAcrossWrappedRows(t *testing.T) {
	plain := "0123456789abcdefghij"
	styled := "\x1b[32m0123456789abcdefghij\x1b[m"
	m := New()
	m.HighlightStyle = m.HighlightStyle.Reverse(false).Bold(true)
	m.SetSize(10, 3)
	m.SetLines([]string{styled}, []string{plain})
	m.SetHighlights([]Match{{0, 7, 13}})
	on, _ := styleCodes(m.SelectedHighlightStyle, "")
	got := strings.Split(m.View(), "\n")
	if !strings.Contains(got[0], on+"789") || !strings.Contains(got[1], on+"abc") {
		t.Fatalf("highlight not split across rows: %q", got)
	}
	// The text after the match gets the line's own colour back.
	if !strings.Contains(got[1], "\x1b[m\x1b[32mdefghij") {
		t.Fatalf("style not restored after match: %q", got[1])
	}
	// The first row starts green before the match.
	if !strings.HasPrefix(got[0], "\x1b[32m0123456") {
		t.Fatalf("row 0 lost its style: %q", got[0])
	}
	// Non-selected matches use HighlightStyle.
	m.SetHighlights([]Match{{0, 0, 2}, {0, 4, 6}})
	hon, _ := styleCodes(m.HighlightStyle, "")
	if r := m.View(); !strings.Contains(r, on+"01") || !strings.Contains(r, hon+"45") {
		t.Fatalf("selected/unselected styles: %q", r)
	}
}

func TestHighlightCJKByteOffsets(t *testing.T) {
	plain := "错误: 磁盘 vda1 未找到"
	m := newView(40, 2, []string{plain})
	start := strings.Index(plain, "vda1")
	m.SetHighlights([]Match{{0, start, start + 4}})
	on, _ := styleCodes(m.SelectedHighlightStyle, "")
	if v := m.View(); !strings.Contains(v, on+"vda1\x1b[m") {
		t.Fatalf("CJK-offset highlight misplaced: %q", v)
	}
}

func TestHorizontalPan(t *testing.T) {
	long := strings.Repeat("-", 200) + "TARGET" + strings.Repeat("-", 50)
	m := newView(30, 3, []string{"short", long})
	m.SetWrap(false)
	m.ScrollRight(10)
	if got := rows(m); got[0] != "" || got[1] != strings.Repeat("-", 30) {
		t.Fatalf("panned rows = %q", got)
	}
	m.ScrollRight(10000)
	if m.XOffset() != 256-30 {
		t.Fatalf("XOffset = %d, want %d", m.XOffset(), 256-30)
	}
	m.ScrollLeft(10000)
	if m.XOffset() != 0 {
		t.Fatalf("XOffset after ScrollLeft = %d", m.XOffset())
	}
	m.SetHighlights([]Match{{1, 200, 206}})
	if !strings.Contains(rows(m)[1], "TARGET") {
		t.Fatalf("match not scrolled into view: x=%d %q", m.XOffset(), rows(m)[1])
	}
	// Wrap on ignores panning.
	m.SetWrap(true)
	m.ScrollRight(5)
	if m.XOffset() != 0 {
		t.Fatalf("pan with wrap on: %d", m.XOffset())
	}
}

func TestGotoBottomWithWrap(t *testing.T) {
	lines := numbered(50)
	lines = append(lines, strings.Repeat("x", 97)+"END")
	m := newView(10, 5, lines)
	m.GotoBottom()
	if !m.AtBottom() {
		t.Fatal("not AtBottom after GotoBottom")
	}
	got := rows(m)
	if got[4] != "xxxxxxxEND" {
		t.Fatalf("last row = %q", got[4])
	}
	// Resizing while at the bottom stays at the bottom.
	m.SetSize(7, 5)
	if !m.AtBottom() || !strings.HasSuffix(strings.Join(rows(m), ""), "END") {
		t.Fatalf("resize left the bottom: %q", rows(m))
	}
	// Line numbers change the text width; still at the bottom.
	m.SetLineNumbers(true)
	if !m.AtBottom() || !strings.HasSuffix(strings.Join(rows(m), ""), "END") {
		t.Fatalf("gutter toggle left the bottom: %q", rows(m))
	}
}

func TestSetLinesClampsOffset(t *testing.T) {
	m := newView(20, 10, numbered(100))
	m.SetYOffset(50)
	m.SetLines(numbered(200), numbered(200))
	if m.YOffset() != 50 {
		t.Fatalf("growing content moved offset to %d", m.YOffset())
	}
	m.SetLines(numbered(30), numbered(30))
	if m.YOffset() != 20 || !m.AtBottom() {
		t.Fatalf("shrinking content: offset %d", m.YOffset())
	}
	m.SetLines(nil, nil)
	if m.YOffset() != 0 || m.TopLine() != 0 || len(rows(m)) != 10 {
		t.Fatalf("empty content: offset %d", m.YOffset())
	}
	// Mismatched slices are cut to the shorter.
	m.SetLines(numbered(5), numbered(3))
	if m.TotalLineCount() != 3 {
		t.Fatalf("TotalLineCount = %d", m.TotalLineCount())
	}
}

func TestAnchorOnWrapToggle(t *testing.T) {
	lines := make([]string, 100)
	for i := range lines {
		lines[i] = fmt.Sprintf("%03d %s", i, strings.Repeat("z", 30))
	}
	m := newView(20, 5, lines)
	m.GotoLine(40)
	top := m.TopLine()
	m.SetWrap(false)
	if m.TopLine() != top {
		t.Fatalf("wrap off moved top line %d -> %d", top, m.TopLine())
	}
	m.SetWrap(true)
	if m.TopLine() != top {
		t.Fatalf("wrap on moved top line %d -> %d", top, m.TopLine())
	}
}

// hostile is content that breaks the console package's contract, to show the view still emits
// nothing but text and SGR.
var hostile = []string{
	"tab\there\rcr\x07bell\x1b]0;title\x07osc",
	"\x1b[2Jclear\x1b[Hhome\x1b[?1049h\x1b[31mred\x1b[m",
	"c1 \u009b31m \xff\xfe invalid",
	"emoji 👍🏽 flags 🇨🇳 combining é",
	"\x1b[38;2;255;0;0m中文\x1b[1m粗体\x1b[m mixed",
	"\x1b",
	"\x1b[31",
}

func TestViewInvariants(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 9))
	pieces := []string{"a", "bc ", "中", "文字", "é", "👍", "\x1b[31m", "\x1b[1;4m", "\x1b[m", "\t", "\u009b", "\xff", "x y z"}
	var styled, plain []string
	for range 300 {
		var b strings.Builder
		for range rng.IntN(40) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		styled = append(styled, b.String())
		plain = append(plain, ansi.Strip(b.String()))
	}
	styled = append(styled, hostile...)
	for _, h := range hostile {
		plain = append(plain, ansi.Strip(h))
	}
	for trial := range 200 {
		m := New()
		m.SetSize(rng.IntN(40), rng.IntN(12))
		m.SetLines(styled, plain)
		m.SetWrap(rng.IntN(2) == 0)
		m.SetLineNumbers(rng.IntN(2) == 0)
		if rng.IntN(2) == 0 {
			m.SetMarks(map[int]string{rng.IntN(len(plain)): "!", rng.IntN(len(plain)): "\x1b[31m*\x1b[m"})
		}
		var ms []Match
		for range rng.IntN(50) {
			l := rng.IntN(len(plain))
			if len(plain[l]) == 0 {
				continue
			}
			s := rng.IntN(len(plain[l]))
			ms = append(ms, Match{l, s, s + 1 + rng.IntN(len(plain[l])-s)})
		}
		m.SetYOffset(rng.IntN(m.TotalRowCount() + 1))
		m.SetHighlights(ms)
		m.ScrollRight(rng.IntN(30))
		v := m.View()
		lines := strings.Split(v, "\n")
		if m.Height() == 0 {
			if v != "" {
				t.Fatalf("trial %d: zero height rendered %q", trial, v)
			}
			continue
		}
		if len(lines) != m.Height() {
			t.Fatalf("trial %d: %d rows, want %d", trial, len(lines), m.Height())
		}
		for _, r := range lines {
			if w := ansi.StringWidth(r); w != m.Width() {
				t.Fatalf("trial %d: row %q is %d cells, want %d", trial, r, w, m.Width())
			}
			checkOnlySGR(t, r)
		}
	}
}

// checkOnlySGR fails if r holds a C0 control other than the ESC of an SGR sequence, DEL, a C1
// control, or invalid UTF-8.
func checkOnlySGR(t *testing.T, r string) {
	t.Helper()
	for i := 0; i < len(r); {
		c := r[i]
		if c == ansi.ESC {
			n, ok := escapeLen(r[i:])
			if !ok {
				t.Fatalf("non-SGR escape in %q at %d", r, i)
			}
			i += n
			continue
		}
		if c < 0x20 || c == 0x7f {
			t.Fatalf("control %#x in %q", c, r)
		}
		if c >= 0x80 {
			n, _, bad := clusterAt(r[i:])
			if bad {
				t.Fatalf("C1 or invalid UTF-8 in %q at %d", r, i)
			}
			i += n
			continue
		}
		i++
	}
}

func TestWrappedRowsReassemble(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	alphabet := []string{"a", "b", "中", "文", "é", "-", "👍"}
	for range 100 {
		var b strings.Builder
		for range 1 + rng.IntN(60) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		line := b.String()
		w := 2 + rng.IntN(15)
		m := newView(w, 100, []string{line})
		got := rows(m)
		if n := m.TotalRowCount(); strings.Join(got[:n], "") != line || got[n-1] == "" {
			t.Fatalf("width %d: rows %q do not reassemble %q (TotalRowCount %d)", w, got, line, n)
		}
		for i := m.TotalRowCount(); i < len(got); i++ {
			if got[i] != "" {
				t.Fatalf("width %d: content below the last row: %q", w, got)
			}
		}
	}
}

func TestSimpleWideAgreesWithGraphemes(t *testing.T) {
	for r := rune(0x3000); r <= 0xffff; r++ {
		if !simpleWide(r) {
			continue
		}
		for _, next := range []string{"", "a", "中", "가", "\u3099", "\u0301", "\ufe0f"} {
			s := string(r) + next
			n, w, bad := clusterAt(s)
			c, cw := ansi.FirstGraphemeCluster(s, ansi.GraphemeWidth)
			if bad || n != len(c) || w != cw {
				t.Fatalf("%U+%q: fast path (%d bytes, %d cells) vs graphemes (%d bytes, %d cells)", r, next, n, w, len(c), cw)
			}
		}
	}
}

func TestSelectMatchAndSetTopLine(t *testing.T) {
	m := newView(20, 10, numbered(100))
	ms := []Match{{10, 0, 4}, {60, 5, 7}, {95, 0, 4}}
	m.SetHighlights(ms)
	m.SelectMatch(1)
	if i, _ := m.CurrentMatch(); i != 1 {
		t.Fatalf("SelectMatch(1) -> %d", i)
	}
	if top := m.TopLine(); 60 < top || 60 >= top+10 {
		t.Fatalf("selected line 60 not visible, top %d", top)
	}
	m.SelectMatch(7)
	if i, _ := m.CurrentMatch(); i != 1 {
		t.Fatalf("out-of-range SelectMatch changed selection to %d", i)
	}
	m.SetTopLine(42)
	if m.TopLine() != 42 {
		t.Fatalf("SetTopLine(42) -> %d", m.TopLine())
	}
	m.SetTopLine(99)
	if m.TopLine() != 90 || !m.AtBottom() {
		t.Fatalf("SetTopLine(99) -> %d", m.TopLine())
	}
	// With wrap, the top line is the first row of that line.
	long := make([]string, 50)
	for i := range long {
		long[i] = fmt.Sprintf("%02d %s", i, strings.Repeat("w", 40))
	}
	m = newView(20, 5, long)
	m.SetTopLine(20)
	if m.TopLine() != 20 || !strings.HasPrefix(rows(m)[0], "20 ") {
		t.Fatalf("wrapped SetTopLine: top %d rows %q", m.TopLine(), rows(m))
	}
}

// TestScrolledRowsMatchFullRendering renders every row of some long styled lines once with a view
// tall enough for all of them, then at every scroll offset with a short view, and requires the
// same bytes: starting mid-line (skipping rows, re-emitting the style in effect, entering a
// highlight) must not change what a row looks like.
func TestScrolledRowsMatchFullRendering(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	pieces := []string{"abc", "de ", "\x1b[31m", "\x1b[1;4m", "\x1b[m", "xyz-", "0123456789", "中文", "é"}
	for trial := range 20 {
		var styled, plain []string
		for range 5 {
			var b strings.Builder
			ascii := rng.IntN(2) == 0
			for range 20 + rng.IntN(200) {
				p := pieces[rng.IntN(len(pieces))]
				if ascii && p[0] >= 0x80 {
					continue
				}
				b.WriteString(p)
			}
			styled = append(styled, b.String())
			plain = append(plain, ansi.Strip(b.String()))
		}
		var ms []Match
		for l, p := range plain {
			for s := 0; s+3 < len(p); s += 3 + rng.IntN(20) {
				e := s + 1 + rng.IntN(3)
				// Keep matches on character boundaries, as a regexp would.
				for s > 0 && !utf8RuneStart(p[s]) {
					s--
				}
				for e < len(p) && !utf8RuneStart(p[e]) {
					e++
				}
				if len(ms) > 0 && ms[len(ms)-1].Line == l && ms[len(ms)-1].End > s {
					continue
				}
				ms = append(ms, Match{l, s, e})
			}
		}
		w := 7 + rng.IntN(30)
		full := New()
		full.SetSize(w, 10000)
		full.SetLines(styled, plain)
		full.SetHighlights(ms)
		want := strings.Split(full.View(), "\n")[:full.TotalRowCount()]

		part := New()
		part.SetSize(w, 4)
		part.SetLines(styled, plain)
		part.SetHighlights(ms)
		part.SelectMatch(0)
		for y := 0; y+4 <= part.TotalRowCount(); y++ {
			part.SetYOffset(y)
			got := strings.Split(part.View(), "\n")
			for r := range got {
				if got[r] != want[y+r] {
					t.Fatalf("trial %d width %d offset %d row %d:\n got %q\nwant %q", trial, w, y, r, got[r], want[y+r])
				}
			}
		}
	}
}

// utf8RuneStart reports whether b starts a UTF-8 sequence.
func utf8RuneStart(b byte) bool { return b&0xc0 != 0x80 }

func TestPanMatchesPlainCut(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"abc", "de ", "\x1b[31m", "\x1b[1;4m", "\x1b[m", "xyz-", "0123456789"}
	var styled, plain []string
	for range 20 {
		var b strings.Builder
		for range rng.IntN(80) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		styled = append(styled, b.String())
		plain = append(plain, ansi.Strip(b.String()))
	}
	m := New()
	m.SetSize(17, len(plain))
	m.SetLines(styled, plain)
	m.SetWrap(false)
	for x := 0; x <= m.maxXOffset(); x++ {
		m.SetXOffset(x)
		got := rows(m)
		for i, p := range plain {
			want := strings.TrimRight(p[min(x, len(p)):min(x+17, len(p))], " ")
			if got[i] != want {
				t.Fatalf("x=%d line %d: got %q want %q", x, i, got[i], want)
			}
		}
	}
}

// TestLongLineCheckpoints renders long lines (which get checkpoints) at offsets in random order,
// wrapped and panned, and requires the same bytes as a view without the cache.
func TestLongLineCheckpoints(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	pieces := []string{"abc ", "\x1b[31m", "\x1b[1;4m", "\x1b[m", "0123456789", "中文", "é", "\x1b[38;5;208m"}
	var styled, plain []string
	for l := range 3 {
		var b strings.Builder
		for b.Len() < cacheMinLen*(l+1) {
			p := pieces[rng.IntN(len(pieces))]
			if l == 1 && p[0] >= 0x80 {
				continue // one line of ASCII only, for the arithmetic skip
			}
			b.WriteString(p)
		}
		styled = append(styled, b.String())
		plain = append(plain, ansi.Strip(b.String()))
	}
	var ms []Match
	for l, p := range plain {
		for s := 0; s+8 < len(p); s += 50 + rng.IntN(400) {
			e := s + 1 + rng.IntN(6)
			for s > 0 && !utf8RuneStart(p[s]) {
				s--
			}
			for e < len(p) && !utf8RuneStart(p[e]) {
				e++
			}
			if len(ms) > 0 && ms[len(ms)-1].Line == l && ms[len(ms)-1].End > s {
				continue
			}
			ms = append(ms, Match{l, s, e})
		}
	}
	for _, wrap := range []bool{true, false} {
		cached, plainView := New(), New()
		for _, m := range []*Model{&cached, &plainView} {
			m.SetSize(40, 6)
			m.SetLines(styled, plain)
			m.SetWrap(wrap)
			m.SetLineNumbers(true)
			m.SetHighlights(ms)
		}
		plainView.cache = nil
		for range 300 {
			if wrap {
				y := rng.IntN(cached.TotalRowCount())
				cached.SetYOffset(y)
				plainView.SetYOffset(y)
			} else {
				x := rng.IntN(cached.maxXOffset() + 1)
				cached.SetXOffset(x)
				plainView.SetXOffset(x)
			}
			if got, want := cached.View(), plainView.View(); got != want {
				t.Fatalf("wrap=%v y=%d x=%d:\n got %q\nwant %q", wrap, cached.YOffset(), cached.XOffset(), got, want)
			}
		}
		if len(cached.cache.entries) == 0 {
			t.Fatal("no checkpoints were recorded")
		}
	}
}

func TestBadInputDoesNotPanic(t *testing.T) {
	var zero Model
	zero.SetSize(10, 3)
	if got := strings.Split(zero.View(), "\n"); len(got) != 3 {
		t.Fatalf("zero Model rendered %d rows", len(got))
	}
	zero.SetLines([]string{"a"}, []string{"a"})
	zero.ScrollDown(1)
	zero.HighlightNext()
	if rows(zero)[0] != "a" {
		t.Fatalf("zero Model row = %q", rows(zero)[0])
	}

	m := New()
	m.SetSize(-5, -5)
	if m.Width() != 0 || m.Height() != 0 || m.View() != "" {
		t.Fatalf("negative size: %dx%d %q", m.Width(), m.Height(), m.View())
	}
	m.SetSize(1, 2)
	m.SetLines(nil, []string{"x"})
	m.GotoLine(-5)
	m.GotoLine(1 << 40)
	m.SetTopLine(-1)
	m.ScrollDown(-3)
	m.SelectMatch(-1)
	m.SetMarks(map[int]string{-1: "!", 99: "\x00"})
	m.SetLines([]string{"中", "\x1b[31m"}, []string{"中", ""})
	m.SetLineNumbers(true)
	m.SetHighlights([]Match{{0, 0, 3}, {0, 1, 2}, {1, 0, 0}, {5, 0, 1}})
	for _, r := range strings.Split(m.View(), "\n") {
		if ansi.StringWidth(r) != 1 {
			t.Fatalf("1-cell view row %q", r)
		}
		checkOnlySGR(t, r)
	}
}

// ASCII lines keep no width, other lines theirs in 16 bits, and the widths that do not fit are
// kept aside. Lines of either kind, either side of that limit and of 32-line words keep their
// exact widths and kinds, and wrap to the rows their width gives.
func TestMeasuresAroundThePackingLimit(t *testing.T) {
	var plain []string
	for _, w := range []int{0, 1, longWidth - 1, longWidth, longWidth + 1, 70000, 3, 40} {
		plain = append(plain, strings.Repeat("a", w), strings.Repeat("中", w/2)+strings.Repeat("é", w%2))
	}
	for i := range 70 {
		plain = append(plain, strings.Repeat("b", i))
		if i%3 == 0 {
			plain = append(plain, strings.Repeat("é", i))
		}
	}
	ms, maxW := measureLines(lines{plain: plain})
	if maxW != 70000 {
		t.Errorf("max width %d, want 70000", maxW)
	}
	nonASCII := 0
	for _, p := range plain {
		if _, k := measure(p); k != kindASCII {
			nonASCII++
		}
	}
	if len(ms.widths) != nonASCII {
		t.Errorf("%d widths kept for %d non-ASCII lines", len(ms.widths), nonASCII)
	}
	for i, p := range plain {
		w, k := measure(p)
		if ms.width(i) != w || ms.kind(i) != k {
			t.Errorf("line %d: width %d kind %d, want %d %d", i, ms.width(i), ms.kind(i), w, k)
		}
	}
	m := newView(101, 5, plain)
	total := 0
	for i, p := range plain {
		rows := 0
		walkCells(p, 101, func(_, row, _, _ int) bool { rows = row + 1; return true })
		total += max(rows, 1)
		if got := m.lineRows(i); got != max(rows, 1) {
			t.Errorf("line %d: %d rows, want %d", i, got, max(rows, 1))
		}
	}
	if m.TotalRowCount() != total {
		t.Errorf("%d rows in all, want %d", m.TotalRowCount(), total)
	}
}

// A mapped content draws exactly what the same lines handed over as slices draw, at every offset,
// wrapped or not, with highlights, marks and numbers.
func TestMappedContentMatchesSlices(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	words := []string{"boot ", "中文 ", "\x1b[31mred\x1b[m ", "é ", "0123456789 ", "x"}
	var styled, plain []string
	for range 300 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(words[rng.IntN(len(words))])
		}
		styled = append(styled, b.String())
		plain = append(plain, ansi.Strip(b.String()))
	}
	var lineMap []int
	own, ownStyled := map[int]string{}, map[int]string{}
	for l := range plain {
		if rng.IntN(10) == 0 {
			own[len(lineMap)], ownStyled[len(lineMap)] = "── boot ──", "\x1b[1m── boot ──\x1b[m"
			lineMap = append(lineMap, -1)
		}
		if rng.IntN(3) > 0 {
			lineMap = append(lineMap, l)
		}
	}
	var ss, sp []string
	for i, l := range lineMap {
		if l < 0 {
			ss, sp = append(ss, ownStyled[i]), append(sp, own[i])
		} else {
			ss, sp = append(ss, styled[l]), append(sp, plain[l])
		}
	}
	var ms []Match
	for i, p := range sp {
		if k := strings.Index(p, "boot"); k >= 0 {
			ms = append(ms, Match{i, k, k + 4})
		}
	}
	for _, wrap := range []bool{true, false} {
		mapped, sliced := New(), New()
		mapped.SetMappedContent(plain, lineMap, own, func(i int) string {
			if l := lineMap[i]; l >= 0 {
				return styled[l]
			}
			return ownStyled[i]
		})
		sliced.SetLines(ss, sp)
		for _, m := range []*Model{&mapped, &sliced} {
			m.SetSize(30, 7)
			m.SetWrap(wrap)
			m.SetLineNumbers(true)
			m.SetHighlights(ms)
		}
		if mapped.TotalLineCount() != len(lineMap) || mapped.TotalRowCount() != sliced.TotalRowCount() {
			t.Fatalf("wrap=%v: %d lines %d rows, want %d %d", wrap, mapped.TotalLineCount(), mapped.TotalRowCount(), len(lineMap), sliced.TotalRowCount())
		}
		for range 100 {
			y := rng.IntN(max(sliced.TotalRowCount(), 1))
			mapped.SetYOffset(y)
			sliced.SetYOffset(y)
			if got, want := mapped.View(), sliced.View(); got != want {
				t.Fatalf("wrap=%v y=%d:\n got %q\nwant %q", wrap, y, got, want)
			}
		}
	}
}
