package logview

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// naiveIndex is finder.index done the slow way: the first i >= pos where lit is at i, ignoring
// ASCII case if fold.
func naiveIndex(text, lit string, pos int, fold bool) int {
	for i := pos; i+len(lit) <= len(text); i++ {
		if text[i:i+len(lit)] == lit || (fold && strings.EqualFold(asciiLowerBytes(text[i:i+len(lit)]), lit)) {
			return i
		}
	}
	return -1
}

// asciiLowerBytes lower-cases ASCII letters only, leaving other bytes (even invalid UTF-8) as
// they are, so that EqualFold compares exactly what an ASCII fold compares.
func asciiLowerBytes(s string) string { return string(appendLower(nil, s)) }

// TestFinderScansAgreeWithNaive runs every kind of scan the finder has (one byte, either case of
// one letter, a pair of bytes eight starts at a time) with every choice of scanned bytes, on random
// texts of a few letters in both cases, punctuation and the bytes next to the letters' cases
// ('@', '[', '`', '{'), and compares each answer with the naive search's.
func TestFinderScansAgreeWithNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const alphabet = "aAbBkK:@[`{ \r\n"
	rnd := func(n int, from string) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = from[rng.IntN(len(from))]
		}
		return string(b)
	}
	for range 1000 {
		text := rnd(rng.IntN(120), alphabet)
		for _, fold := range []bool{false, true} {
			lit := rnd(1+rng.IntN(4), "aAbk:@[")
			if fold {
				lit = asciiLower(lit)
			}
			var finders []finder
			for r1 := range len(lit) {
				f := finder{lit: lit, r1: r1, fold: fold}
				if !fold || !isLetter(lit[r1]) {
					finders = append(finders, f)
				} else {
					e := f
					e.either = true
					finders = append(finders, e)
				}
				for r2 := range len(lit) {
					p := f
					p.pair, p.r2 = true, r2
					finders = append(finders, p)
				}
			}
			for _, f := range finders {
				for pos := 0; pos <= len(text); pos++ {
					if got, want := f.index(text, pos), naiveIndex(text, lit, pos, fold); got != want {
						t.Fatalf("%+v in %q from %d: got %d, want %d", f, text, pos, got, want)
					}
				}
			}
		}
	}
}
