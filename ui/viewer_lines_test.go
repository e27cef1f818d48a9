package ui

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/bootlog/bootlog/ui/logview"
)

// remapMatches walks the matches and the line map together; a map from log line to shown line,
// the obvious way, gives the same answer on random views with separators and hidden lines.
func TestRemapMatchesAgreesWithAMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 200 {
		n := 1 + rng.IntN(60)
		var lineMap []int
		for l := range n {
			if rng.IntN(5) == 0 {
				lineMap = append(lineMap, -1)
			}
			if rng.IntN(3) > 0 {
				lineMap = append(lineMap, l)
			}
		}
		var ms []logview.Match
		for l := range n {
			for k := range rng.IntN(3) {
				ms = append(ms, logview.Match{Line: l, Start: k, End: k + 1})
			}
		}
		shown := map[int]int{}
		for i, l := range lineMap {
			if l >= 0 {
				shown[l] = i
			}
		}
		var want []logview.Match
		for _, mt := range ms {
			if i, ok := shown[mt.Line]; ok {
				want = append(want, logview.Match{Line: i, Start: mt.Start, End: mt.End})
			}
		}
		if got := remapMatches(ms, lineMap); !slices.Equal(got, want) && len(got)+len(want) > 0 {
			t.Fatalf("lineMap %v\nmatches %v\n got %v\nwant %v", lineMap, ms, got, want)
		}
	}
}
