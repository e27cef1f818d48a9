package logview

import (
	"context"
	"regexp"
	"regexp/syntax"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// Searching a million lines has to keep up with typing. The obvious loop, a regexp per line with
// (?i) prepended for smart case, costs a regexp call per line and, case-insensitively, a slow
// fold-aware scan of every byte: seconds at 1M lines. Most searches are a plain word typed in lower
// case, so the Searcher treats that as the common case:
//
//   - A pattern without regexp metacharacters (or one that is not a valid regexp and is therefore
//     searched literally) is scanned for over long runs of text at once (the log's own bytes,
//     where the lines point into them), not line by line, and each hit is mapped to its line
//     through the line starts (find.go says how the scan picks the bytes it looks for).
//   - Case-insensitive literals are scanned for the same way in the same text, comparing ASCII
//     letters in either case: no lower-cased copy, so a first lower-case search costs no
//     more time or memory than a later one.
//   - Only real regular expressions run the regexp engine, line by line; one that starts with a
//     literal (audit\(\d+) runs only on the lines the literal scan finds that literal in.
//   - When a new pattern only extends the previous literal (the operator typed one more letter),
//     only the lines that matched before can match now, so only those are searched (when the
//     previous answer kept every match: see MaxMatches).

// MaxMatches is the most matches a search keeps; it counts every match, but beyond this many it
// keeps no positions. A one-letter pattern, what anyone types first, matches millions of times in
// a big log (3.4 million for "a" in issue 16's 108 MB log): at 24 bytes a match, kept and then
// copied for the view, that was 340 MiB on top of the log. 250,000 keeps 6 MiB, leaves the
// largest real searches of that log complete with room to spare (DENIED and audit: find 105,939
// each), and is far more than anyone steps through with n.
const MaxMatches = 250_000

// Result is a search's answer: every match is counted, the first ones are kept.
type Result struct {
	// Matches are the first min(Total, MaxMatches) matches, sorted by line then start.
	Matches []Match
	// Total is the number of matches, kept or not.
	Total int
}

// Complete reports whether Matches holds every match.
func (r Result) Complete() bool { return len(r.Matches) == r.Total }

// collector builds a Result, keeping the first limit matches. Appending them to one slice left
// four times their size as garbage (a large slice grows by a quarter), 34 MiB allocated for the
// 6 MiB of MaxMatches; so past matchChunk they fill chunks of that size, joined once at the end:
// about twice what is kept.
type collector struct {
	cur   []Match   // the matches after those in full
	full  [][]Match // chunks of matchChunk matches, filled
	kept  int       // matches in full and cur
	total int
	limit int
}

// matchChunk is the size of a collector's chunks: 192 KiB.
const matchChunk = 8192

// add counts m and keeps it if there is room.
func (c *collector) add(m Match) {
	c.total++
	if c.kept >= c.limit {
		return
	}
	c.kept++
	if len(c.cur) == cap(c.cur) && len(c.cur) >= matchChunk {
		c.full = append(c.full, c.cur)
		c.cur = make([]Match, 0, matchChunk)
	}
	c.cur = append(c.cur, m)
}

// result returns what c collected.
func (c *collector) result() Result {
	if len(c.full) == 0 {
		return Result{Matches: c.cur, Total: c.total}
	}
	ms := make([]Match, 0, c.kept)
	for _, ch := range c.full {
		ms = append(ms, ch...)
	}
	return Result{Matches: append(ms, c.cur...), Total: c.total}
}

// scanWindow is how many bytes a search scans between checks of its context. A keystroke cancels
// the search of the one before, and on two cores the superseded search must let go at once: a
// megabyte is well under a millisecond of scanning.
const scanWindow = 1 << 20

// Query is a compiled search pattern with the viewer's rules: smart case (a pattern without
// capitals ignores case) and a pattern that is not a valid regular expression searched literally.
// The zero Query matches nothing.
type Query struct {
	// Pattern is the text the operator typed.
	Pattern string
	// Fold reports a case-insensitive search.
	Fold bool
	// Invalid reports that Pattern is not a valid regular expression and is searched literally.
	Invalid bool

	re *regexp.Regexp
	// lit is the text to find when the pattern is a literal (no metacharacters, or Invalid); it is
	// lower-cased (ASCII) when Fold. Empty for real regular expressions.
	lit string
	// litASCII reports that lit is ASCII, so that a fold in the ASCII-lowered text is exact.
	litASCII bool
	// prefix is, for a regular expression, the literal every match starts with (see
	// literalPrefix); its lit is empty when there is none.
	prefix *Query
}

// Compile compiles pattern with smart case; it never fails. An empty pattern gives a Query that
// matches nothing. Invalid UTF-8 in pattern is searched as U+FFFD, which is what the console
// renderer shows for it (regexp.Compile would reject it, and even its quoted form).
func Compile(pattern string) Query {
	pattern = strings.ToValidUTF8(pattern, "\uFFFD")
	q := Query{Pattern: pattern, Fold: true}
	if pattern == "" {
		return q
	}
	for _, r := range pattern {
		if unicode.IsUpper(r) {
			q.Fold = false
			break
		}
	}
	prefix := ""
	if q.Fold {
		prefix = "(?i)"
	}
	re, err := regexp.Compile(prefix + pattern)
	if err != nil {
		q.Invalid = true
		re = regexp.MustCompile(prefix + regexp.QuoteMeta(pattern))
	}
	q.re = re
	if q.Invalid || regexp.QuoteMeta(pattern) == pattern {
		q.lit = pattern
		q.litASCII = isASCII(pattern)
		if q.Fold {
			q.lit = asciiLower(pattern)
		}
	} else if lit, fold := literalPrefix(prefix + pattern); lit != "" {
		q.prefix = &Query{Fold: fold, lit: lit, litASCII: isASCII(lit)}
	}
	return q
}

// literalPrefix returns the literal that every match of the regular expression expr starts with,
// and whether it ignores case (it is then lower case, ASCII); "" when expr does not start with
// one. Zero-width assertions before
// it (^, \b) are skipped, as they consume nothing.
func literalPrefix(expr string) (lit string, fold bool) {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return "", false
	}
	for {
		switch re.Op {
		case syntax.OpCapture:
			re = re.Sub[0]
		case syntax.OpConcat:
			subs := re.Sub
			for len(subs) > 0 && zeroWidth(subs[0].Op) {
				subs = subs[1:]
			}
			if len(subs) == 0 {
				return "", false
			}
			re = subs[0]
		case syntax.OpLiteral:
			if re.Flags&syntax.FoldCase != 0 {
				// The parser keeps a folded literal in upper case.
				return asciiLower(string(re.Rune)), true
			}
			return string(re.Rune), false
		default:
			return "", false
		}
	}
}

// zeroWidth reports an assertion that matches no text.
func zeroWidth(op syntax.Op) bool {
	switch op {
	case syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary, syntax.OpEmptyMatch:
		return true
	}
	return false
}

// Regexp returns the compiled expression, with (?i) when Fold; nil for an empty pattern. A literal
// pattern's expression matches exactly what the Searcher finds.
func (q Query) Regexp() *regexp.Regexp { return q.re }

// IsZero reports an empty pattern, which matches nothing.
func (q Query) IsZero() bool { return q.re == nil }

// narrows reports whether every line q matches also matches prev, so that a search for q can be
// limited to the lines where prev matched: both are literals and q contains prev, with prev
// ignoring case if q does.
func (q Query) narrows(prev Query) bool {
	if q.lit == "" || prev.lit == "" || (q.Fold && !prev.Fold) {
		return false
	}
	if prev.Fold {
		return strings.Contains(asciiLower(q.lit), prev.lit)
	}
	return strings.Contains(q.lit, prev.lit)
}

// Searcher finds the matches of a Query in a fixed set of plain lines (the Plain lines of a
// console.Document). It is safe for concurrent use, so a search can run in a command while the
// view keeps rendering; the lines must not change while it is in use.
type Searcher struct {
	lines []string
	// buf is the buffer the lines were cut from, if the caller named it; see NewSearcherIn.
	buf string

	textOnce sync.Once
	// segs cover the lines with as few strings as possible without copying: each is one line,
	// or a run of lines lying in order inside buf, each starting where the previous one ended or
	// a few bytes later (console.RenderShared's lines point into the log, between its line ends).
	// Segment k holds lines [segs[k].lo, segs[k+1].lo), the last one up to the last line. A
	// line's offset in its segment's text is where its string points (see start), so no table of
	// offsets is kept: that was 4 MiB on a million lines, at the process's peak.
	segs []segment
	// sample is about a megabyte of the lines, and freq its byte counts, for ranking the bytes
	// of a literal (see finder).
	sample string
	freq   byteFreq

	foldOnce sync.Once
	// lowerFreq is the byte counts of sample lower-cased, for case-insensitive literals, which
	// are found in the text as it is (see finder).
	lowerFreq byteFreq
	// oddFold reports that the text holds U+212A KELVIN SIGN or U+017F LATIN SMALL LETTER LONG S,
	// the two non-ASCII runes that (?i) matches to ASCII letters (k and s); an ASCII fold misses
	// them, so such texts take the regexp for patterns containing k or s.
	oddFold bool

	// segLimit is maxSegment unless a test sets it lower.
	segLimit int
	// limit is the most matches a search keeps: MaxMatches unless a test sets it lower.
	limit int
	// noIndex reports a line too long for a segment (see buildText): no literal fast path.
	noIndex bool
	// ready is set once the index is built (Prepare, or the first search that needed it).
	ready atomic.Bool

	// turn lets one search run at a time. Keystrokes come faster than searches end, and each
	// starts one: taking turns, a search superseded before its turn never scans at all, and the
	// current one does not share the CPU with the searches it replaced.
	turn chan struct{}
	// window is the bytes scanned between checks of the context (scanWindow unless a test sets
	// it), and onWindow, if set, is called at each check (tests count them).
	window   int
	onWindow func()
}

// segment is a run of lines, from line lo, whose text spans one stretch of memory of n bytes at
// p. It is 16 bytes, against 32 for a string and two ints: a log with colour has a segment
// every few lines, as its coloured lines are rendered into strings of their own.
type segment struct {
	p  *byte
	n  uint32
	lo uint32
}

// text returns the segment's text.
func (sg segment) text() string { return unsafe.String(sg.p, int(sg.n)) }

// maxSegment is the most bytes of one segment, so that offsets in it fit a uint32.
const maxSegment = 1<<32 - 1

// maxGap is the most bytes between two lines of one segment: a CRLF line end.
const maxGap = 2

// NewSearcher returns a Searcher over lines. It does no work until the first search.
func NewSearcher(lines []string) *Searcher {
	return &Searcher{lines: lines, turn: make(chan struct{}, 1), window: scanWindow, segLimit: maxSegment, limit: MaxMatches}
}

// NewSearcherIn is NewSearcher for lines of which many are substrings of buf, as the lines of
// console.RenderShared(data) are of data: runs of those lines are searched in buf in one pass
// each, which is several times faster than line by line. buf must not change while the Searcher
// is in use.
func NewSearcherIn(lines []string, buf []byte) *Searcher {
	s := NewSearcher(lines)
	s.buf = unsafe.String(unsafe.SliceData(buf), len(buf))
	return s
}

// Prepare builds what a literal search needs: the line index and the sample, and for a search
// that ignores case the check for the two non-ASCII runes that fold to ASCII letters. Some 40 ms
// on a million lines (BenchmarkSearchIndex), so the viewer calls it in a command once the whole
// log is there, and the first search does not pay for it. Searches that come before it ends wait for it;
// calling it again does nothing.
func (s *Searcher) Prepare() {
	s.textOnce.Do(s.buildText)
	s.foldOnce.Do(s.buildFold)
	s.ready.Store(true)
}

// Waits reports whether a search for q would first wait for the index to be built (see Prepare):
// only literal searches use it.
func (s *Searcher) Waits(q Query) bool {
	return q.lit != "" && len(s.lines) > 0 && !s.ready.Load()
}

// Len returns the number of lines searched.
func (s *Searcher) Len() int { return len(s.lines) }

// Find counts every non-empty match of q and keeps the first MaxMatches, sorted by line then
// start, as a line-by-line FindAllStringIndex with q.Regexp() would list them. ok is false when
// ctx ended first.
func (s *Searcher) Find(ctx context.Context, q Query) (r Result, ok bool) {
	if q.IsZero() || len(s.lines) == 0 {
		return Result{}, true
	}
	if !s.waitTurn(ctx) {
		return Result{}, false
	}
	defer s.endTurn()
	return s.find(ctx, q)
}

// find is Find during the caller's turn.
func (s *Searcher) find(ctx context.Context, q Query) (Result, bool) {
	c := collector{limit: s.limit}
	if s.fastLiteral(q) {
		n := len(q.lit)
		ok := s.scanLiteral(ctx, q, func(line, start int) bool {
			c.add(Match{Line: line, Start: start, End: start + n})
			return false
		})
		if !ok {
			return Result{}, false
		}
		return c.result(), true
	}
	if q.prefix != nil && s.fastLiteral(*q.prefix) {
		// Every match starts with the prefix, so only the lines that hold it can match: the
		// literal scan finds them, and the regexp runs on those alone.
		ok := s.scanLiteral(ctx, *q.prefix, func(line, _ int) bool {
			s.addRegexp(&c, q, line, s.lines[line])
			return true
		})
		if !ok {
			return Result{}, false
		}
		return c.result(), true
	}
	p := s.pacer(ctx)
	for i, line := range s.lines {
		if !p.spend(len(line) + 1) {
			return Result{}, false
		}
		s.addRegexp(&c, q, i, line)
	}
	return c.result(), true
}

// waitTurn waits for the searches before this one to end, and reports false, without waiting
// on, if ctx ends first.
func (s *Searcher) waitTurn(ctx context.Context) bool {
	select {
	case s.turn <- struct{}{}:
	case <-ctx.Done():
		return false
	}
	if ctx.Err() != nil {
		// Both were ready and select took the turn: a search cancelled while it waited does
		// not start.
		s.endTurn()
		return false
	}
	return true
}

// endTurn lets the next search run.
func (s *Searcher) endTurn() { <-s.turn }

// pacer returns the context check of one search.
func (s *Searcher) pacer(ctx context.Context) pacer {
	return pacer{ctx: ctx, window: s.window, hook: s.onWindow}
}

// pacer checks a search's context once per window of bytes scanned.
type pacer struct {
	ctx    context.Context
	window int
	left   int // bytes left before the next check
	hook   func()
}

// spend records n bytes about to be scanned and reports whether the search may go on: false
// once the context has ended. The first call checks.
func (p *pacer) spend(n int) bool {
	p.left -= n
	if p.left >= 0 {
		return true
	}
	p.left = p.window
	if p.hook != nil {
		p.hook()
	}
	return p.ctx.Err() == nil
}

// Refine is Find for a pattern typed after prev, whose answer was prevResult (as Find or Refine
// returned it). When q only narrows prev and prevResult is complete it searches just the lines
// of prevResult's matches; otherwise it is Find, since the lines of the matches not kept are not
// known.
func (s *Searcher) Refine(ctx context.Context, q, prev Query, prevResult Result) (Result, bool) {
	if q.IsZero() || len(s.lines) == 0 {
		return Result{}, true
	}
	if !s.waitTurn(ctx) {
		return Result{}, false
	}
	defer s.endTurn()
	if !q.narrows(prev) || !prevResult.Complete() {
		return s.find(ctx, q)
	}
	prevMatches := prevResult.Matches
	// The lines are scanned with the same finder as a whole-text search, which compares either
	// case without a lower-cased copy; where that is not exact (see fastLiteral), the regexp.
	fast := s.fastLiteral(q)
	var f finder
	if fast {
		f = s.newFinder(q)
	}
	n := len(q.lit)
	// The answer is at most the previous one, which was complete, so it is complete too.
	c := collector{cur: make([]Match, 0, len(prevMatches)), limit: s.limit}
	last := -1
	p := s.pacer(ctx)
	for _, pm := range prevMatches {
		if pm.Line == last || pm.Line < 0 || pm.Line >= len(s.lines) {
			continue
		}
		last = pm.Line
		line := s.lines[pm.Line]
		if !p.spend(len(line) + 1) {
			return Result{}, false
		}
		if !fast {
			s.addRegexp(&c, q, pm.Line, line)
			continue
		}
		for off := 0; ; {
			at := f.index(line, off)
			if at < 0 {
				break
			}
			c.add(Match{Line: pm.Line, Start: at, End: at + n})
			off = at + n
		}
	}
	return c.result(), true
}

// addRegexp adds line i's matches of q's regexp to c.
func (s *Searcher) addRegexp(c *collector, q Query, i int, line string) {
	for _, loc := range q.re.FindAllStringIndex(line, -1) {
		if loc[1] > loc[0] {
			c.add(Match{Line: i, Start: loc[0], End: loc[1]})
		}
	}
}

// fastLiteral reports whether q can be found with strings.Index over the whole (folded) text, and
// prepares the text and, for a case-insensitive q, its folded copy.
func (s *Searcher) fastLiteral(q Query) bool {
	if q.lit == "" || strings.ContainsAny(q.lit, "\r\n") {
		// No plain line holds a line end, and the bytes between lines of a segment are line
		// ends, so these are left to the regexp, which finds nothing.
		return false
	}
	if !q.Fold {
		s.textOnce.Do(s.buildText)
		return !s.noIndex
	}
	if !q.litASCII {
		// Non-ASCII letters fold in ways an ASCII comparison does not know; such patterns
		// are rare enough for the regexp.
		return false
	}
	s.Prepare()
	return !s.noIndex && (!s.oddFold || !strings.ContainsAny(q.lit, "ks"))
}

// scanLiteral finds q.lit in each segment's text and maps each hit to its line: it calls hit for
// each match of q.lit, in order, as a line-by-line search lists them; when hit
// returns true the scan goes on at the next line. It reports false when ctx ended first.
func (s *Searcher) scanLiteral(ctx context.Context, q Query, hit func(line, start int) (nextLine bool)) bool {
	n := len(q.lit)
	f := s.newFinder(q)
	p := s.pacer(ctx)
	for k, sg := range s.segs {
		text := sg.text()
		line, hi := int(sg.lo), s.segEnd(k)
		last := len(text) - n // the last index a hit can start at
		// The text is scanned a window at a time (hits starting in [pos, wend)), so that a
		// cancelled search stops within a window: one index call can otherwise cover a whole
		// segment, which is the whole log when it has no colour.
		wend := 0
		for pos := 0; pos <= last; {
			if pos >= wend {
				wend = min(pos+max(p.window, 1), last+1)
				if !p.spend(wend - pos) {
					return false
				}
			}
			at := f.index(text[:wend+n-1], pos)
			if at < 0 {
				pos = wend
				continue
			}
			line = s.lineAt(sg, line, hi, at)
			start := s.start(sg, line)
			if at+n > start+len(s.lines[line]) {
				// The hit runs past the line's end, into the line end or the next line. A later
				// hit starting on this line would too, since every hit is n bytes long.
				if line+1 >= hi {
					break
				}
				pos = s.start(sg, line+1)
				continue
			}
			if hit(line, at-start) {
				if line+1 >= hi {
					break
				}
				pos = s.start(sg, line+1)
				continue
			}
			pos = at + n
		}
	}
	return true
}

// newFinder returns the finder of literal q, whose index must be built (see fastLiteral).
func (s *Searcher) newFinder(q Query) finder {
	if q.Fold {
		return newFinder(q.lit, s.sample, &s.lowerFreq, true)
	}
	return newFinder(q.lit, s.sample, &s.freq, false)
}

// segEnd returns the line after segment k's last.
func (s *Searcher) segEnd(k int) int {
	if k+1 < len(s.segs) {
		return int(s.segs[k+1].lo)
	}
	return len(s.lines)
}

// start returns the offset of line i, one of segment sg's, in the segment's text. A line that is
// not empty points into that text. An empty line's string need not point anywhere (an empty
// substring keeps its buffer's address), so its offset is where the line before it ends, which
// keeps offsets in line order; a segment starts with a line that is not empty, and its runs of
// empty lines are short (cutSegments), so the walk back is too.
func (s *Searcher) start(sg segment, i int) int {
	base := uintptr(unsafe.Pointer(sg.p))
	if l := s.lines[i]; l != "" {
		return int(uintptr(unsafe.Pointer(unsafe.StringData(l))) - base)
	}
	for j := i - 1; j >= int(sg.lo); j-- {
		if l := s.lines[j]; l != "" {
			return int(uintptr(unsafe.Pointer(unsafe.StringData(l)))-base) + len(l)
		}
	}
	return 0
}

// lineAt returns the last line in [from, hi), lines of segment sg, that starts at or before at
// (from does). Hits come in order and close together, so it steps forward a few lines, then
// gallops (probing 1, 2, 4, ... lines further) and searches the last stride by halves. Galloping
// keeps the probes within twice the distance to the answer: a probe into a run of empty lines
// walks back over it (see start), and a segment can end in a long run of them, which a binary
// search over the whole segment would walk at every hit.
func (s *Searcher) lineAt(sg segment, from, hi, at int) int {
	for k := 0; k < 8; k++ {
		if from+1 >= hi || s.start(sg, from+1) > at {
			return from
		}
		from++
	}
	step := 1
	for from+step < hi && s.start(sg, from+step) <= at {
		from += step
		step *= 2
	}
	// The answer is in [from, up): from starts at or before at, up after it or is hi.
	up := min(from+step, hi)
	return from + sort.Search(up-1-from, func(k int) bool { return s.start(sg, from+k+1) > at })
}

// buildText finds the segments and line starts, and takes the sample. It runs right after a big
// log is loaded, when the process is at its peak, so it allocates exactly what it keeps: a first
// pass counts the segments (appending to a growing slice left about four times their size as
// garbage: 42 MiB allocated for 4 MiB kept on issue 16's 108 MB log), the second fills them in.
func (s *Searcher) buildText() {
	n, ok := s.cutSegments(nil)
	if !ok {
		// A line of more than 4 GiB does not fit a segment: every search takes the regexp,
		// line by line, rather than count offsets wrong.
		s.noIndex = true
		return
	}
	s.segs = make([]segment, n)
	s.cutSegments(s.segs)
	s.sample = takeSample(s.lines)
	sampleFreq(s.sample, &s.freq)
}

// cutSegments cuts the lines into segments and returns how many there are; ok is false when a
// line is too long for one. With segs nil it only counts; otherwise segs has room for every
// segment, and they are filled in.
func (s *Searcher) cutSegments(segs []segment) (n int, ok bool) {
	fill := segs != nil
	var cur segment
	var base, end uintptr // the current segment's address and the address after its last line
	var curInBuf bool     // the current segment lies in buf
	// Only lines inside buf join a segment: they are known to lie in one allocation, so the
	// segment's string does too.
	b0 := uintptr(unsafe.Pointer(unsafe.StringData(s.buf)))
	b1 := b0 + uintptr(len(s.buf))
	flush := func() {
		if cur.p != nil {
			if fill {
				cur.n = uint32(end - base)
				segs[n] = cur
			}
			n++
		}
	}
	gap := uintptr(maxGap) // the largest gap allowed before the next line
	for i, l := range s.lines {
		if l == "" {
			// An empty substring's pointer is not guaranteed to point into its buffer; the
			// line cannot match anyway, and joins the current segment (see start). Its line
			// end widens the gap before the next line.
			gap = min(gap+maxGap, 4<<10)
			continue
		}
		p := uintptr(unsafe.Pointer(unsafe.StringData(l)))
		inBuf := len(s.buf) > 0 && p >= b0 && p+uintptr(len(l)) <= b1
		joins := inBuf && curInBuf && p >= end && p <= end+gap && p+uintptr(len(l))-base <= uintptr(s.segLimit)
		gap = maxGap
		if joins {
			end = p + uintptr(len(l))
			continue
		}
		flush()
		if len(l) > s.segLimit {
			return 0, false
		}
		base, end, curInBuf = p, p+uintptr(len(l)), inBuf
		cur = segment{p: unsafe.StringData(l), lo: uint32(i)}
	}
	flush()
	return n, true
}

// takeSample joins up to 64 runs of about 16 KB of lines, evenly spaced through lines, into one
// string of exactly its size (a first pass measures it).
func takeSample(lines []string) string {
	const pieces, piece = 64, 16 << 10
	step := max(len(lines)/pieces, 1)
	runs := func(line func(string)) {
		for i := 0; i < len(lines); i += step {
			for j, n := i, 0; j < len(lines) && n < piece; j++ {
				line(lines[j])
				n += len(lines[j]) + 1
			}
		}
	}
	size := 0
	runs(func(l string) { size += len(l) + 1 })
	var b strings.Builder
	b.Grow(size)
	runs(func(l string) {
		b.WriteString(l)
		b.WriteByte('\n')
	})
	return b.String()
}

// buildFold prepares case-insensitive searches: the sample's byte counts lower-cased and whether
// the text holds either of the two non-ASCII runes that fold to ASCII letters. It allocates
// nothing.
func (s *Searcher) buildFold() {
	for _, sg := range s.segs {
		if t := sg.text(); strings.Contains(t, "\u212a") || strings.Contains(t, "\u017f") {
			s.oddFold = true
			break
		}
	}
	foldFreq(&s.freq, &s.lowerFreq)
}

// asciiLower lower-cases the ASCII letters of s (a pattern: strings.ToLower would fold
// non-ASCII letters too, which the byte-wise comparison of a folded literal does not).
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		b[i] = lowerByte(c)
	}
	return string(b)
}

// isASCII reports whether s is all ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
