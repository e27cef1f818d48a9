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
}

// searchLineSets returns the corpus twice: as console.Render's contiguous lines and as separate
// strings, which the Searcher must copy.
func searchLineSets(t *testing.T) map[string][]string {
	t.Helper()
	doc := console.Render([]byte(strings.Join(searchCorpus, "\r\n")), console.Options{})
	if !slices.Equal(doc.Plain, searchCorpus) {
		t.Fatalf("corpus does not render to itself: %q", doc.Plain)
	}
	if _, ok := contiguous(doc.Plain); !ok {
		t.Fatal("console.Render's plain lines are not contiguous")
	}
	separate := make([]string, len(searchCorpus))
	for i, l := range searchCorpus {
		separate[i] = strings.Clone(l + "#")[:len(l)]
	}
	return map[string][]string{"contiguous": doc.Plain, "separate": separate}
}

func TestSearcherFindMatchesRegexp(t *testing.T) {
	for name, lines := range searchLineSets(t) {
		s := NewSearcher(lines)
		for _, p := range searchPatterns {
			q := Compile(p)
			got, ok := s.Find(context.Background(), q)
			if !ok {
				t.Fatalf("%s %q: not ok", name, p)
			}
			if want := naiveFind(q, lines); !slices.Equal(got, want) {
				t.Errorf("%s %q: got %v, want %v", name, p, got, want)
			}
		}
	}
}

func TestSearcherRefineMatchesFind(t *testing.T) {
	for name, lines := range searchLineSets(t) {
		s := NewSearcher(lines)
		for _, p := range searchPatterns {
			// Type p one rune at a time, refining each time, as the viewer does.
			var prev Query
			var prevMs []Match
			typed := ""
			for _, r := range p {
				typed += string(r)
				q := Compile(typed)
				got, ok := s.Refine(context.Background(), q, prev, prevMs)
				if !ok {
					t.Fatalf("%s %q: not ok", name, typed)
				}
				if want := naiveFind(q, lines); !slices.Equal(got, want) {
					t.Errorf("%s %q after %q: got %v, want %v", name, typed, prev.Pattern, got, want)
				}
				prev, prevMs = q, got
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
		lines := console.Render([]byte(text), console.Options{}).Plain
		if rng.IntN(2) == 0 {
			lines = slices.Clone(lines)
			for i := range lines {
				lines[i] = strings.Clone(lines[i])
			}
		}
		q := Compile(pattern)
		got, ok := NewSearcher(lines).Find(context.Background(), q)
		if want := naiveFind(q, lines); !ok || !slices.Equal(got, want) {
			t.Fatalf("%q in %q: got %v, want %v", pattern, lines, got, want)
		}
	})
}
