package logview

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/bootlog/bootlog/ui/console"
)

// TestSearcherKeepsFirstMatches checks the bound on a search's answer on every path (literal,
// folded literal, regexp, regexp after its literal prefix, every way of holding the lines): the
// total counts every match, and exactly the first limit are kept, in order.
func TestSearcherKeepsFirstMatches(t *testing.T) {
	const limit = 3
	for name, mk := range searchSets(t) {
		for _, p := range searchPatterns {
			s, lines := mk()
			s.limit = limit
			q := Compile(p)
			got, ok := s.Find(context.Background(), q)
			if !ok {
				t.Fatalf("%s %q: not ok", name, p)
			}
			want := naiveFind(q, lines)
			if got.Total != len(want) {
				t.Errorf("%s %q: total %d, want %d", name, p, got.Total, len(want))
			}
			if kept := want[:min(limit, len(want))]; !slices.Equal(got.Matches, kept) {
				t.Errorf("%s %q: kept %v, want %v", name, p, got.Matches, kept)
			}
			if got.Complete() != (len(want) <= limit) {
				t.Errorf("%s %q: complete %v with %d of %d kept", name, p, got.Complete(), len(got.Matches), got.Total)
			}
		}
	}
}

// TestSearcherMaxMatches searches a letter that matches more than MaxMatches times: the answer
// keeps exactly MaxMatches positions, the first ones, and counts them all.
func TestSearcherMaxMatches(t *testing.T) {
	const perLine = 100
	lines := make([]string, MaxMatches/perLine+10)
	row := strings.Repeat("a", perLine)
	for i := range lines {
		lines[i] = row
	}
	data := []byte(strings.Join(lines, "\n"))
	for _, s := range []*Searcher{NewSearcher(lines), NewSearcherIn(console.RenderShared(data, console.Options{}).Plain, data)} {
		for _, p := range []string{"a", "A", `a+?`} {
			got, ok := s.Find(context.Background(), Compile(p))
			if !ok {
				t.Fatalf("%q: not ok", p)
			}
			if p == "A" {
				if got.Total != 0 || !got.Complete() {
					t.Errorf("%q: %d matches, want none", p, got.Total)
				}
				continue
			}
			if got.Total != len(lines)*perLine || len(got.Matches) != MaxMatches || got.Complete() {
				t.Fatalf("%q: total %d, kept %d; want %d and %d", p, got.Total, len(got.Matches), len(lines)*perLine, MaxMatches)
			}
			// The matches are kept in chunks joined at the end: every one in its place.
			for k, m := range got.Matches {
				if want := (Match{Line: k / perLine, Start: k % perLine, End: k%perLine + 1}); m != want {
					t.Fatalf("%q: match %d is %v, want %v", p, k, m, want)
				}
			}
		}
	}
}

// TestRefineAfterTruncatedAnswer types one more letter after a search whose answer was cut: the
// lines of the matches not kept are unknown, so Refine must search the whole log again, and
// finds the matches past the last one kept.
func TestRefineAfterTruncatedAnswer(t *testing.T) {
	lines := []string{"a a a", "a", "audit: one", "b", "audit: two"}
	s := NewSearcher(lines)
	s.limit = 3
	prev := Compile("a")
	first, _ := s.Find(context.Background(), prev)
	if first.Complete() || first.Total != 6 {
		t.Fatalf("the first answer: total %d, %d kept, want 6 and 3", first.Total, len(first.Matches))
	}
	q := Compile("audit")
	got, ok := s.Refine(context.Background(), q, prev, first)
	if !ok {
		t.Fatal("not ok")
	}
	want := naiveFind(q, lines)
	if !slices.Equal(got.Matches, want) || got.Total != 2 {
		t.Errorf("refined after a truncated answer: %v (total %d), want %v", got.Matches, got.Total, want)
	}
	// A complete answer is still narrowed: a line it did not match is not searched again, which
	// shows in a stale answer that leaves out a line that does match.
	stale := Result{Matches: []Match{{Line: 2, Start: 0, End: 1}}, Total: 1}
	got, _ = s.Refine(context.Background(), q, prev, stale)
	if got.Total != 1 || got.Matches[0].Line != 2 {
		t.Errorf("refined after a complete answer: %v, want line 2's match alone", got.Matches)
	}
}

// TestSearcherEmptyLineRuns finds sparse hits among runs of empty lines, short (inside one
// segment) and long (ending one, and at the end of the log): empty lines have no offset of
// their own (see Searcher.start), and the hits must still land on the right lines.
func TestSearcherEmptyLineRuns(t *testing.T) {
	var b strings.Builder
	for i := range 40 {
		b.WriteString("hit x one\r\n")
		for range i * i * 5 { // up to 7,605 empty lines: longer than the gap a segment bridges
			b.WriteString("\r\n")
		}
		for range i % 12 {
			b.WriteString("no\r\n")
		}
	}
	data := []byte(b.String())
	lines := console.RenderShared(data, console.Options{}).Plain
	s := NewSearcherIn(lines, data)
	for _, p := range []string{"hit", "x", "one", "no", "o"} {
		q := Compile(p)
		got, ok := s.Find(context.Background(), q)
		if want := naiveFind(q, lines); !ok || !slices.Equal(got.Matches, want) {
			t.Errorf("%q: got %d matches, want %d (first difference at %v)", p, len(got.Matches), len(want), firstDiff(got.Matches, want))
		}
	}
}

// firstDiff returns the first index where a and b differ, or -1.
func firstDiff(a, b []Match) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	if len(a) != len(b) {
		return min(len(a), len(b))
	}
	return -1
}
