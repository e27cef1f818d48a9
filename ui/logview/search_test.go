package logview

import (
	"context"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/bootlog/bootlog/ui/console"
)

// naiveFind is the search the Searcher replaces: the regexp, line by line.
func naiveFind(q Query, lines []string) []Match {
	var ms []Match
	if q.IsZero() {
		return nil
	}
	for i, l := range lines {
		for _, loc := range q.Regexp().FindAllStringIndex(l, -1) {
			if loc[1] > loc[0] {
				ms = append(ms, Match{Line: i, Start: loc[0], End: loc[1]})
			}
		}
	}
	return ms
}

// searchCorpus is lines with every case the fast paths must get right: upper and lower case,
// hits at line starts and ends, repeats, CJK, the Kelvin sign and the long s that (?i) folds to
// k and s, and empty lines.
var searchCorpus = []string{
	"Kernel command line: console=ttyS0",
	"kernel COMMAND line",
	"",
	"audit: type=1400 apparmor=\"DENIED\" audit: again",
	"aaaa",
	"欢迎使用阿里云 ECS audit",
	"Kelvin \u212a sign and long \u017f",
	"",
	"line ends with aud",
	"it: starts the next line",
	"x(y [z",
}

var searchPatterns = []string{
	"Kernel command line", "kernel command line", "audit:", "AUDIT", "aa", "a", "ecs", "阿里",
	"k", "s", "kelvin", "line", "aud", "audit", "x(y", "[z", "t: s", `au.it`, `\d+`, "^a", "e$",
	"denied", "DENIED",
	// Regular expressions that start with a literal, which finds their lines first.
	`audit: type=\d+`, `(kern)el\s`, `\bline`, `Kel.in`, `k.lvin`, `^it:`, `(?i)AUDIT\b`, `\b阿里`,
}

// searchSets returns Searchers over the corpus three ways: console.Render's lines (one segment
// per line), RenderShared's with their input named (one segment: the lines point into it, CRLF
// between them) and separately allocated strings; and RenderShared's again with segments limited
// to fewer bytes than the corpus, and than its longest line.
func searchSets(t *testing.T) map[string]func() (*Searcher, []string) {
	t.Helper()
	data := []byte(strings.Join(searchCorpus, "\r\n"))
	rendered := console.Render(data, console.Options{}).Plain
	shared := console.RenderShared(data, console.Options{}).Plain
	separate := make([]string, len(searchCorpus))
	for i, l := range searchCorpus {
		separate[i] = strings.Clone(l + "#")[:len(l)]
	}
	for name, lines := range map[string][]string{"rendered": rendered, "shared": shared} {
		if !slices.Equal(lines, searchCorpus) {
			t.Fatalf("%s: corpus does not render to itself: %q", name, lines)
		}
	}
	s := NewSearcherIn(shared, data)
	s.textOnce.Do(s.buildText)
	if len(s.segs) != 1 {
		t.Fatalf("shared: %d segments, want 1", len(s.segs))
	}
	return map[string]func() (*Searcher, []string){
		"rendered": func() (*Searcher, []string) { return NewSearcher(rendered), rendered },
		"shared":   func() (*Searcher, []string) { return NewSearcherIn(shared, data), shared },
		"separate": func() (*Searcher, []string) { return NewSearcher(separate), separate },
		// Segments cut short, as they are at 4 GiB.
		"shared, short segments": func() (*Searcher, []string) {
			s := NewSearcherIn(shared, data)
			s.segLimit = 60
			return s, shared
		},
		// A line longer than a segment can be: no index, every search by the regexp.
		"shared, line over the limit": func() (*Searcher, []string) {
			s := NewSearcherIn(shared, data)
			s.segLimit = 30
			return s, shared
		},
	}
}

func TestSearcherFindMatchesRegexp(t *testing.T) {
	for name, mk := range searchSets(t) {
		s, lines := mk()
		for _, p := range searchPatterns {
			q := Compile(p)
			got, ok := s.Find(context.Background(), q)
			if !ok {
				t.Fatalf("%s %q: not ok", name, p)
			}
			if want := naiveFind(q, lines); !slices.Equal(got.Matches, want) || got.Total != len(want) {
				t.Errorf("%s %q: got %v (total %d), want %v", name, p, got.Matches, got.Total, want)
			}
		}
	}
}

func TestSearcherRefineMatchesFind(t *testing.T) {
	for name, mk := range searchSets(t) {
		s, lines := mk()
		for _, p := range searchPatterns {
			// Type p one rune at a time, refining each time, as the viewer does.
			var prev Query
			var prevRes Result
			typed := ""
			for _, r := range p {
				typed += string(r)
				q := Compile(typed)
				got, ok := s.Refine(context.Background(), q, prev, prevRes)
				if !ok {
					t.Fatalf("%s %q: not ok", name, typed)
				}
				if want := naiveFind(q, lines); !slices.Equal(got.Matches, want) || got.Total != len(want) {
					t.Errorf("%s %q after %q: got %v (total %d), want %v", name, typed, prev.Pattern, got.Matches, got.Total, want)
				}
				prev, prevRes = q, got
			}
		}
	}
}

func TestCompileSmartCaseAndInvalid(t *testing.T) {
	cases := []struct {
		p             string
		fold, invalid bool
		literal       bool
	}{
		{"kernel", true, false, true},
		{"Kernel", false, false, true},
		{"x(y", true, true, true},
		{`a.c`, true, false, false},
		{"ÉCHEC", false, false, true},
	}
	for _, c := range cases {
		q := Compile(c.p)
		if q.Fold != c.fold || q.Invalid != c.invalid || (q.lit != "") != c.literal {
			t.Errorf("Compile(%q) = fold %v invalid %v lit %q", c.p, q.Fold, q.Invalid, q.lit)
		}
	}
	if !Compile("").IsZero() {
		t.Error("the empty pattern should match nothing")
	}
}

func TestSearcherCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	s := NewSearcher(searchCorpus)
	for _, p := range []string{"a", `a.`} {
		if _, ok := s.Find(ctx, Compile(p)); ok {
			t.Errorf("%q: a cancelled search reported success", p)
		}
	}
}

// FuzzSearcher checks the fast paths against the regexp on arbitrary text and patterns.
func FuzzSearcher(f *testing.F) {
	f.Add("Kernel command line\r\naudit: x\r\n", "audit")
	f.Add("a\u212a\r\nK", "k")
	f.Add("abab\r\nab", "bab")
	f.Fuzz(func(t *testing.T, text, pattern string) {
		rng := rand.New(rand.NewPCG(uint64(len(text)), uint64(len(pattern))))
		data := []byte(text)
		lines := console.Render(data, console.Options{}).Plain
		s := NewSearcher(lines)
		switch rng.IntN(3) {
		case 0:
			lines = console.RenderShared(data, console.Options{}).Plain
			s = NewSearcherIn(lines, data)
		case 1:
			lines = slices.Clone(lines)
			for i := range lines {
				lines[i] = strings.Clone(lines[i])
			}
			s = NewSearcher(lines)
		}
		q := Compile(pattern)
		got, ok := s.Find(context.Background(), q)
		if want := naiveFind(q, lines); !ok || !slices.Equal(got.Matches, want) || got.Total != len(want) {
			t.Fatalf("%q in %q: got %v (total %d), want %v", pattern, lines, got.Matches, got.Total, want)
		}
	})
}

// TestSearcherSegmentLimit checks that segments are cut at the limit, so that every offset fits
// a uint32, and that a line over the limit turns the index off rather than count offsets wrong.
func TestSearcherSegmentLimit(t *testing.T) {
	data := []byte(strings.Join(searchCorpus, "\r\n"))
	shared := console.RenderShared(data, console.Options{}).Plain
	s := NewSearcherIn(shared, data)
	s.segLimit = 60
	s.Prepare()
	if len(s.segs) < 2 || s.noIndex {
		t.Fatalf("%d segments (no index: %v), want the corpus cut in several", len(s.segs), s.noIndex)
	}
	for _, sg := range s.segs {
		if int(sg.n) > s.segLimit {
			t.Errorf("a segment of %d bytes, over the limit of %d", sg.n, s.segLimit)
		}
	}
	s = NewSearcherIn(shared, data)
	s.segLimit = 30
	s.Prepare()
	if !s.noIndex || s.fastLiteral(Compile("audit")) {
		t.Error("a line over the limit should turn the literal fast path off")
	}
}

// TestSearcherPrepare checks what Waits tells the status bar: a literal search waits for the
// index until Prepare has built it, a regular expression never does.
func TestSearcherPrepare(t *testing.T) {
	s := NewSearcher(searchCorpus)
	if !s.Waits(Compile("audit")) || !s.Waits(Compile("Audit")) {
		t.Error("a literal search should wait for an index not built yet")
	}
	if s.Waits(Compile(`au.it`)) {
		t.Error("a regexp search does not use the index")
	}
	s.Prepare()
	if s.Waits(Compile("audit")) {
		t.Error("a literal search should not wait once the index is built")
	}
	got, _ := s.Find(context.Background(), Compile("audit"))
	if want := naiveFind(Compile("audit"), searchCorpus); !slices.Equal(got.Matches, want) {
		t.Errorf("after Prepare: got %v, want %v", got.Matches, want)
	}
}

func TestLiteralPrefix(t *testing.T) {
	for _, c := range []struct {
		expr, lit string
		fold      bool
	}{
		{`audit\(\d+`, "audit(", false},
		{`(?i)audit\(\d+`, "audit(", true},
		{`^(kern)el\s`, "kern", false},
		{`\bline\b`, "line", false},
		{`a|b`, "", false},
		{`\d+x`, "", false},
		{`(a|b)c`, "", false},
		{`x*y`, "", false},
	} {
		lit, fold := literalPrefix(c.expr)
		if lit != c.lit || (lit != "" && fold != c.fold) {
			t.Errorf("literalPrefix(%q) = %q, %v; want %q, %v", c.expr, lit, fold, c.lit, c.fold)
		}
	}
}
