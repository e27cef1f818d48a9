// Package logview is a scrollable, searchable view of a very long log. It keeps the API shape of
// the bubbles v2 viewport, but wraps, highlights and renders only what is visible, so a frame costs
// the same at 1M lines as at 100.
//
// # Why it exists
//
// The stock viewport re-wraps the whole content and scans every highlight for every visible line
// on each frame: seconds per frame at 1M lines with soft wrap. This package measures every line
// once when the content is set (display width and whether it holds wide characters), keeps the
// number of screen rows each line takes in an int32 slice with block prefix sums for row↔line
// mapping, finds a line's matches by binary search, and renders only the rows on screen. Inside a
// very long line it resumes from checkpoints left by earlier frames (cache.go) instead of walking
// from the line's start. bench_test.go measures all of this beside the stock viewport.
//
// # Content contract
//
// SetContent takes the plain lines and a function giving each styled line: styled(i) is one
// self-contained line (SGR sequences only, its style reset at its end) and plain[i] is the same
// text without SGR, byte for byte, as the console package produces them (SetLines takes the styled
// lines as a slice). The view asks for the styled text of the lines it draws only, so the owner
// need not hold a styled copy of a long log. Widths, wrapping and search offsets are computed on plain; the
// styled line is walked in step with it, so a byte offset into plain names the same grapheme in
// both. The renderer still refuses to pass anything but SGR through: other escape sequences and
// control characters in the content are dropped and C1 code points and invalid UTF-8 are shown as
// U+FFFD, so a content bug can never move the operator's cursor.
package logview

import (
	"charm.land/lipgloss/v2"
)

// Match is one search hit: byte offsets [Start, End) into Plain line Line.
type Match struct {
	Line, Start, End int
}

// Model is the log view. The zero value is not usable; call New.
//
// Model is a value type like the bubbles viewport: methods with pointer receivers change it, and
// the owner handles keys and calls them. Copies share the content and index slices, which are never
// mutated in place, only replaced, and the long-line checkpoint cache, which is locked.
type Model struct {
	// HighlightStyle draws search matches; SelectedHighlightStyle draws the current one. Only
	// colours and text attributes are used: a style that adds width (padding, borders) falls back
	// to reverse video so the layout never shifts.
	HighlightStyle, SelectedHighlightStyle lipgloss.Style
	// GutterStyle draws line numbers.
	GutterStyle lipgloss.Style

	width, height int
	// plain holds the lines shown, and styled gives a shown line's styled form (nil shows the
	// plain lines as they are).
	plain  lines
	styled func(int) string

	// meas holds each line's display width and how it can be wrapped (kindASCII, kindNarrow,
	// kindWide). maxWidth is the widest line, for horizontal clamping.
	meas     measures
	maxWidth int

	// lay is the wrap index for the current text width; see layout.go.
	lay layout
	// gen identifies the content for cache; cache holds checkpoints in very long lines.
	gen   uint64
	cache *rowCache

	// yOffset is the first visible screen row, counted over all wrapped rows; xOffset is the
	// first visible cell when wrap is off.
	yOffset, xOffset int

	wrap        bool
	lineNumbers bool
	marks       map[int]string
	// markFunc gives marks computed on demand, which win over marks.
	markFunc func(int) string
	// numbers, when set, gives the number shown in the gutter for each line (0 shows none), so
	// an owner that shows a selection of a log, or lines of its own between the log's, keeps the
	// log's numbering; nil numbers the lines 1, 2, 3.
	numbers func(int) int
	// maxNumber is the largest of numbers, which sizes the gutter.
	maxNumber int

	// matches are sorted by line, then start; current is the selected index or -1.
	matches []Match
	current int
}

// New returns an empty view with soft wrap on and the default highlight styles.
func New() Model {
	m := Model{
		HighlightStyle:         lipgloss.NewStyle().Reverse(true),
		SelectedHighlightStyle: lipgloss.NewStyle().Reverse(true).Bold(true).Underline(true),
		GutterStyle:            lipgloss.NewStyle().Faint(true),
		wrap:                   true,
		current:                -1,
	}
	m.relayout()
	return m
}

// SetSize sets the view's outer size in cells, gutter included. Negative sizes count as zero.
func (m *Model) SetSize(width, height int) {
	width, height = max(width, 0), max(height, 0)
	if width == m.width && height == m.height {
		return
	}
	m.width, m.height = width, height
	m.relayoutKeep(true)
}

// Width returns the width.
func (m Model) Width() int { return m.width }

// Height returns the height.
func (m Model) Height() int { return m.height }

// SetLines replaces the content. styled[i] is self-contained; plain[i] is styled[i] without SGR.
// If the slices differ in length the longer one is cut to the shorter. It clears highlights and
// keeps the scroll offset, clamped to the new content.
func (m *Model) SetLines(styled, plain []string) {
	n := min(len(styled), len(plain))
	styled = styled[:n:n]
	m.SetContent(plain[:n:n], func(i int) string { return styled[i] })
}

// SetContent replaces the content with the lines plain, where styled(i) is line i with its SGR
// styling (self-contained; plain[i] is it without SGR). styled is called only for lines being
// drawn, from View, and must be safe to call from any goroutine that calls View; nil shows plain
// as it is. It clears highlights and keeps the scroll offset, clamped to the new content.
func (m *Model) SetContent(plain []string, styled func(i int) string) {
	m.SetMappedContent(plain, nil, nil, styled)
}

// SetMappedContent is SetContent for a selection of plain with lines of the owner's own among
// them (a log's matching lines with separators, say): shown line i is plain[lineMap[i]], or,
// where lineMap[i] < 0, own[i]; styled(i) is shown line i styled. A nil lineMap shows plain
// whole. The view keeps lineMap and own, not copies, so a selection costs the owner its line
// map and not a second slice of lines.
func (m *Model) SetMappedContent(plain []string, lineMap []int, own map[int]string, styled func(i int) string) {
	m.styled = styled
	m.plain = lines{plain: plain[:len(plain):len(plain)], lineMap: lineMap, own: own}
	m.gen = contentGen.Add(1)
	m.cache = &rowCache{}
	m.meas, m.maxWidth = measureLines(m.plain)
	m.matches, m.current = nil, -1
	m.relayoutKeep(false)
}

// SetWrap turns soft wrap on or off; off enables horizontal panning.
func (m *Model) SetWrap(on bool) {
	if on == m.wrap {
		return
	}
	m.wrap = on
	m.xOffset = 0
	m.relayoutKeep(true)
}

// Wrap reports soft wrap.
func (m Model) Wrap() bool { return m.wrap }

// SetLineNumbers shows or hides the line-number gutter.
func (m *Model) SetLineNumbers(on bool) {
	if on == m.lineNumbers {
		return
	}
	m.lineNumbers = on
	m.relayoutKeep(true)
}

// SetNumbers sets the number shown in the gutter for each line: numbers[i] for line i, none
// where it is 0 or less or missing. nil numbers the lines 1 to n. The slice is kept, not copied.
func (m *Model) SetNumbers(numbers []int) {
	if numbers == nil {
		m.SetNumberFunc(nil, 0)
		return
	}
	top := 0
	for _, n := range numbers {
		top = max(top, n)
	}
	m.SetNumberFunc(func(i int) int {
		if i < len(numbers) {
			return numbers[i]
		}
		return 0
	}, top)
}

// SetNumberFunc is SetNumbers with the numbers computed for the lines drawn: f(i) is line i's
// number, none where it is 0 or less, and top the largest, which sizes the gutter. A nil f numbers
// the lines 1 to n. It spares an owner a slice of a number per line.
func (m *Model) SetNumberFunc(f func(i int) int, top int) {
	before := digits(m.gutterMax())
	m.numbers, m.maxNumber = f, top
	if f == nil {
		m.maxNumber = 0
	}
	if m.lineNumbers && digits(m.gutterMax()) != before {
		m.relayoutKeep(true)
	}
}

// gutterMax is the largest number the gutter shows.
func (m *Model) gutterMax() int {
	if m.numbers != nil {
		return m.maxNumber
	}
	return m.plain.len()
}

// LineNumbers reports the gutter.
func (m Model) LineNumbers() bool { return m.lineNumbers }

// SetMarks sets gutter marks by line index (e.g. "+" for a new line). Each mark is shown in a
// one-cell column on the first row of its line; the column exists while marks is non-empty or a
// mark function is set. The map is kept, not copied.
func (m *Model) SetMarks(marks map[int]string) {
	had := m.hasMarks()
	m.marks = marks
	if had != m.hasMarks() {
		m.relayoutKeep(true)
	}
}

// Marks returns the marks last set with SetMarks.
func (m Model) Marks() map[int]string { return m.marks }

// SetMarkFunc sets marks computed for the lines drawn: f(i) is line i's mark, "" for none, and
// wins over a mark of SetMarks. It suits marks on many lines of a long log, which a map would
// hold at some 50 bytes each (7 MB for 140,000 findings). The mark column exists while f is not
// nil; f is called from View.
func (m *Model) SetMarkFunc(f func(i int) string) {
	had := m.hasMarks()
	m.markFunc = f
	if had != m.hasMarks() {
		m.relayoutKeep(true)
	}
}

// Mark returns the mark shown on line i, "" for none.
func (m Model) Mark(i int) string { return m.markOf(i) }

// markOf is Mark.
func (m *Model) markOf(i int) string {
	if m.markFunc != nil {
		if s := m.markFunc(i); s != "" {
			return s
		}
	}
	return m.marks[i]
}

// hasMarks reports whether the mark column is shown.
func (m *Model) hasMarks() bool { return len(m.marks) > 0 || m.markFunc != nil }

// lines are the plain text of the lines shown: plain itself, or through lineMap the lines it
// selects and, where lineMap is negative, the owner's own (see SetMappedContent).
type lines struct {
	plain   []string
	lineMap []int
	own     map[int]string
}

// len is the number of lines shown.
func (l *lines) len() int {
	if l.lineMap != nil {
		return len(l.lineMap)
	}
	return len(l.plain)
}

// at is shown line i's plain text.
func (l *lines) at(i int) string {
	if l.lineMap == nil {
		return l.plain[i]
	}
	if k := l.lineMap[i]; k >= 0 {
		return l.plain[k]
	}
	return l.own[i]
}
