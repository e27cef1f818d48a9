package logview

import (
	"context"
	"regexp"
	"sort"
	"strings"
	"sync"
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
//     searched literally) is found with strings.Index over the whole text at once, not line by
//     line, and each hit is mapped to its line by binary search over the line starts.
//   - Case-insensitive literals are found in a lower-cased copy of the text, built the first time
//     one is needed and kept with the Searcher, so folding is paid once per document, not per
//     keystroke.
//   - Only real regular expressions run the regexp engine, line by line.
//   - When a new pattern only extends the previous literal (the operator typed one more letter),
//     only the lines that matched before can match now, so only those are searched.

// searchCheckEvery is how many lines or hits pass between checks of the context, so a superseded
// search stops within a millisecond or so.
const searchCheckEvery = 4096

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
	}
	return q
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

	textOnce sync.Once
	// text holds every line; line i is text[starts[i]:starts[i+1]-sep]. When the lines already lie
	// back to back in one buffer (console.Render's do) text is that buffer and sep is 0; otherwise
	// text is a copy with a "\n" after each line and sep is 1.
	text   string
	starts []int
	sep    int
	// freq and lowerFreq rank bytes by how often they occur in text and lower (see sampleFreq).
	freq, lowerFreq byteFreq

	foldOnce sync.Once
	// lower is text with ASCII letters lower-cased, byte for byte the same length, so every
	// offset into it is an offset into text.
	lower string
	// oddFold reports that the text holds U+212A KELVIN SIGN or U+017F LATIN SMALL LETTER LONG S,
	// the two non-ASCII runes that (?i) matches to ASCII letters (k and s); an ASCII fold misses
	// them, so such texts take the regexp for patterns containing k or s.
	oddFold bool
}

// NewSearcher returns a Searcher over lines. It does no work until the first search.
func NewSearcher(lines []string) *Searcher {
	return &Searcher{lines: lines}
}

// Len returns the number of lines searched.
func (s *Searcher) Len() int { return len(s.lines) }

// Find returns every non-empty match of q, sorted by line then start, as a line-by-line
// FindAllStringIndex with q.Regexp() would. ok is false when ctx ended first.
func (s *Searcher) Find(ctx context.Context, q Query) (ms []Match, ok bool) {
	if q.IsZero() || len(s.lines) == 0 {
		return nil, true
	}
	if s.fastLiteral(q) {
		return s.findLiteral(ctx, q)
	}
	for i, line := range s.lines {
		if i%searchCheckEvery == 0 && ctx.Err() != nil {
			return nil, false
		}
		ms = s.appendRegexp(ms, q, i, line)
	}
	return ms, true
}

// Refine is Find for a pattern typed after prev, whose matches were prevMatches (all of them, as
// Find returned them). When q only narrows prev it searches just the lines in prevMatches;
// otherwise it is Find.
func (s *Searcher) Refine(ctx context.Context, q, prev Query, prevMatches []Match) ([]Match, bool) {
	if q.IsZero() || !q.narrows(prev) {
		return s.Find(ctx, q)
	}
	fast := s.fastLiteral(q)
	var ms []Match
	last := -1
	for k, pm := range prevMatches {
		if k%searchCheckEvery == 0 && ctx.Err() != nil {
			return nil, false
		}
		if pm.Line == last || pm.Line < 0 || pm.Line >= len(s.lines) {
			continue
		}
		last = pm.Line
		if !fast {
			ms = s.appendRegexp(ms, q, pm.Line, s.lines[pm.Line])
			continue
		}
		line := s.lines[pm.Line]
		if q.Fold {
			line = s.lower[s.starts[pm.Line] : s.starts[pm.Line]+len(line)]
		}
		for off := 0; ; {
			j := strings.Index(line[off:], q.lit)
			if j < 0 {
				break
			}
			start := off + j
			ms = append(ms, Match{Line: pm.Line, Start: start, End: start + len(q.lit)})
			off = start + len(q.lit)
		}
	}
	return ms, true
}

// appendRegexp appends line i's matches of q's regexp.
func (s *Searcher) appendRegexp(ms []Match, q Query, i int, line string) []Match {
	for _, loc := range q.re.FindAllStringIndex(line, -1) {
		if loc[1] > loc[0] {
			ms = append(ms, Match{Line: i, Start: loc[0], End: loc[1]})
		}
	}
	return ms
}

// fastLiteral reports whether q can be found with strings.Index over the whole (folded) text, and
// prepares the text and, for a case-insensitive q, its folded copy.
func (s *Searcher) fastLiteral(q Query) bool {
	if q.lit == "" || strings.IndexByte(q.lit, '\n') >= 0 {
		return false
	}
	s.textOnce.Do(s.buildText)
	if !q.Fold {
		return true
	}
	if !q.litASCII {
		// strings.ToLower can change a non-ASCII rune's byte length, which would break the
		// offset mapping; such patterns are rare enough for the regexp.
		return false
	}
	s.foldOnce.Do(s.buildFold)
	return !s.oddFold || !strings.ContainsAny(q.lit, "ks")
}

// findLiteral finds q.lit in the whole text and maps each hit to its line.
func (s *Searcher) findLiteral(ctx context.Context, q Query) ([]Match, bool) {
	text, freq := s.text, &s.freq
	if q.Fold {
		text, freq = s.lower, &s.lowerFreq
	}
	n := len(q.lit)
	f := newFinder(q.lit, text, freq)
	var ms []Match
	line := 0
	for pos := 0; pos <= len(text)-n; {
		if len(ms)%searchCheckEvery == 0 && ctx.Err() != nil {
			return nil, false
		}
		at := f.index(text, pos)
		if at < 0 {
			break
		}
		line = s.lineAt(line, at)
		end := s.starts[line+1] - s.sep
		if at+n > end {
			// The hit runs into the next line (possible only where lines are not separated).
			// A later hit starting on this line would too, since every hit is n bytes long.
			pos = s.starts[line+1]
			continue
		}
		start := at - s.starts[line]
		ms = append(ms, Match{Line: line, Start: start, End: start + n})
		pos = at + n
	}
	return ms, true
}

// lineAt returns the line holding byte at, at or after line from. Hits come in order and close
// together, so it steps forward a few lines before falling back to a binary search.
func (s *Searcher) lineAt(from, at int) int {
	for k := 0; k < 8; k++ {
		if s.starts[from+1] > at {
			return from
		}
		from++
	}
	return from + sort.Search(len(s.starts)-1-from, func(k int) bool { return s.starts[from+k+1] > at })
}

// buildText finds or builds the text buffer and line starts.
func (s *Searcher) buildText() {
	s.starts = make([]int, len(s.lines)+1)
	if text, ok := contiguous(s.lines); ok {
		s.text = text
		off := 0
		for i, l := range s.lines {
			s.starts[i] = off
			off += len(l)
		}
		s.starts[len(s.lines)] = off
		sampleFreq(s.text, &s.freq)
		return
	}
	var b strings.Builder
	total := len(s.lines)
	for _, l := range s.lines {
		total += len(l)
	}
	b.Grow(total)
	for i, l := range s.lines {
		s.starts[i] = b.Len()
		b.WriteString(l)
		b.WriteByte('\n')
	}
	s.starts[len(s.lines)] = b.Len()
	s.text, s.sep = b.String(), 1
	sampleFreq(s.text, &s.freq)
}

// contiguous returns the lines as one string without copying when each non-empty line starts where
// the previous one ended in memory, as console.Render's lines do (they are cut from one buffer).
// The result is only read while s.lines is held, which keeps every byte of it alive even in the
// unlikely case that it spans separately allocated strings that happen to lie back to back.
func contiguous(lines []string) (string, bool) {
	var base, next uintptr
	total := 0
	for _, l := range lines {
		if l == "" {
			// An empty substring's pointer is not guaranteed to point into its buffer.
			continue
		}
		p := uintptr(unsafe.Pointer(unsafe.StringData(l)))
		if base == 0 {
			base = p
		} else if p != next {
			return "", false
		}
		next = p + uintptr(len(l))
		total += len(l)
	}
	if base == 0 {
		return "", true
	}
	for _, l := range lines {
		if l != "" {
			return unsafe.String(unsafe.StringData(l), total), true
		}
	}
	return "", true
}

// buildFold builds the ASCII-lower-cased copy of the text.
func (s *Searcher) buildFold() {
	b := make([]byte, len(s.text))
	for i := 0; i < len(s.text); i++ {
		c := s.text[i]
		if c-'A' < 26 {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	s.lower = unsafe.String(unsafe.SliceData(b), len(b))
	sampleFreq(s.lower, &s.lowerFreq)
	sampleFreq(s.lower, &s.lowerFreq)
	s.oddFold = strings.Contains(s.text, "\u212a") || strings.Contains(s.text, "\u017f")
}

// asciiLower lower-cases the ASCII letters of s.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c-'A' < 26 {
			b[i] = c + 'a' - 'A'
		}
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
