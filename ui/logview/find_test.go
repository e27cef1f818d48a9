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
		if text[i:i+len(lit)] == lit || (fold && asciiLower(text[i:i+len(lit)]) == lit) {
			return i
		}
	}
	return -1
}

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
				// As the search calls it: windows of the text that grow, from positions
				// that grow; then from anywhere, in any order.
				for pos, end := 0, 0; pos <= len(text); pos += rng.IntN(4) {
					end = min(max(end, pos)+rng.IntN(16), len(text))
					if got, want := f.index(text[:end], pos), naiveIndex(text[:end], lit, pos, fold); got != want {
						t.Fatalf("%+v in %q from %d: got %d, want %d", f, text[:end], pos, got, want)
					}
				}
				for range 20 {
					end := rng.IntN(len(text) + 1)
					pos := rng.IntN(end + 1)
					if got, want := f.index(text[:end], pos), naiveIndex(text[:end], lit, pos, fold); got != want {
						t.Fatalf("%+v in %q from %d: got %d, want %d", f, text[:end], pos, got, want)
					}
				}
			}
		}
	}
}

// TestFinderEitherResumes walks every hit of long texts where one case of the scanned letter is
// rare or absent, in windows that grow as the search gives them, so that the lower-case scan runs
// far ahead of the hits returned and must resume where it stopped.
func TestFinderEitherResumes(t *testing.T) {
	const span = 16 << 10
	rng := rand.New(rand.NewPCG(3, 4))
	for _, rare := range []string{"", "K", "k"} {
		b := make([]byte, 5*span+123)
		for i := range b {
			b[i] = " x.\n"[rng.IntN(4)]
			if rng.IntN(3000) == 0 && rare != "" {
				b[i] = rare[0]
			}
		}
		for range 100 {
			copy(b[rng.IntN(len(b)-3):], []string{"kab", "KaB", "kAb", "Kab"}[rng.IntN(4)])
		}
		text := string(b)
		f := finder{lit: "kab", fold: true, either: true}
		hits := 0
		for pos, end := 0, 0; pos <= len(text); {
			end = min(end+rng.IntN(3*span), len(text))
			got, want := f.index(text[:end], pos), naiveIndex(text[:end], "kab", pos, true)
			if got != want {
				t.Fatalf("rare %q: from %d to %d: got %d, want %d", rare, pos, end, got, want)
			}
			if got >= 0 {
				hits++
				pos = got + 1
			} else if end == len(text) {
				break
			} else {
				pos = max(pos, end-2)
			}
		}
		if hits < 90 {
			t.Errorf("rare %q: %d hits of about 100", rare, hits)
		}
	}
}

// TestFoldedSampleCounts checks that case-insensitive literals rank their bytes as they did with
// a lower-cased copy of the sample: foldFreq gives that copy's byte counts, and pairCount with
// fold the pairs counted in it.
func TestFoldedSampleCounts(t *testing.T) {
	sample := takeSample(searchCorpus) + strings.Repeat("Kernel UNIT unit [ 1.0] Ni nI\n", 2000)
	lower := asciiLower(sample)
	var freq, folded, want byteFreq
	sampleFreq(sample, &freq)
	foldFreq(&freq, &folded)
	sampleFreq(lower, &want)
	if folded != want {
		t.Errorf("folded counts differ from the lower-cased sample's")
	}
	for _, p := range []struct {
		c1, c2 byte
		gap    int
	}{{'n', 'i', 1}, {'k', 'l', 5}, {'u', 't', 3}, {'[', '1', 2}, {'e', 'e', 3}} {
		if got, want := pairCount(sample, p.c1, p.c2, p.gap, true), pairCount(lower, p.c1, p.c2, p.gap, false); got != want || want == 0 {
			t.Errorf("pair %q %q at %d: %d folded, %d in the lower-cased sample", p.c1, p.c2, p.gap, got, want)
		}
	}
}
