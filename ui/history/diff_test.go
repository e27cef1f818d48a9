package history

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

func lines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// newOnes returns the lines of cur that NewLines marks new.
func newOnes(prev, cur []string) []string {
	var out []string
	for i, n := range NewLines(prev, cur) {
		if n {
			out = append(out, cur[i])
		}
	}
	return out
}

func TestNewLines(t *testing.T) {
	cases := []struct {
		name      string
		prev, cur string
		want      []string
	}{
		{"identical", "a\nb\nc", "a\nb\nc", nil},
		{"append only", "boot\nkernel\nlogin:", "boot\nkernel\nlogin:\nreboot: Restarting system", []string{"reboot: Restarting system"}},
		{"completely new log", "a\nb\nc", "x\ny", []string{"x", "y"}},
		{"first capture", "", "x\ny", []string{"x", "y"}},
		{"empty current", "a", "", nil},
		{"insert in middle", "a\nb\nc\nd", "a\nb\nX\nc\nd", []string{"X"}},
		{"changed line", "a\nb\nc", "a\nB\nc", []string{"B"}},
		{"repeated lines", "x\nx\ny", "x\ny\nx\nx\ny", []string{"y", "x"}},
		{
			"new boot with same early messages",
			"SeaBIOS\n[ 0.0] Linux version 5.15\n[ 1.2] eth0: up\n[ 9.9] Kernel panic - not syncing",
			"SeaBIOS\n[ 0.0] Linux version 5.15\n[ 1.3] eth0: up\n[ 5.0] Started nginx\nlogin:",
			[]string{"[ 1.3] eth0: up", "[ 5.0] Started nginx", "login:"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			prev, cur := lines(c.prev), lines(c.cur)
			got := NewLines(prev, cur)
			if len(got) != len(cur) {
				t.Fatalf("len = %d, want %d", len(got), len(cur))
			}
			if g := newOnes(prev, cur); strings.Join(g, "|") != strings.Join(c.want, "|") {
				t.Errorf("new = %q, want %q", g, c.want)
			}
		})
	}
}

// TestNewLinesIsMinimal checks, on generated edits, that the number of lines marked new equals
// len(cur) minus the LCS length computed by a plain quadratic reference.
func TestNewLinesIsMinimal(t *testing.T) {
	seed := uint32(7)
	rnd := func(n int) int {
		seed = seed*1664525 + 1013904223
		return int(seed>>8) % n
	}
	for iter := 0; iter < 200; iter++ {
		prev := make([]string, rnd(30))
		for i := range prev {
			prev[i] = fmt.Sprint(rnd(6))
		}
		cur := make([]string, rnd(30))
		for i := range cur {
			cur[i] = fmt.Sprint(rnd(6))
		}
		marked := 0
		kept := []string{}
		for i, n := range NewLines(prev, cur) {
			if n {
				marked++
			} else {
				kept = append(kept, cur[i])
			}
		}
		want := len(cur) - refLCS(prev, cur)
		if marked != want {
			t.Fatalf("prev %v cur %v: %d marked new, want %d", prev, cur, marked, want)
		}
		if !isSubsequence(kept, prev) {
			t.Fatalf("prev %v cur %v: kept lines %v are not a subsequence of prev", prev, cur, kept)
		}
	}
}

func refLCS(a, b []string) int {
	t := make([][]int, len(a)+1)
	for i := range t {
		t[i] = make([]int, len(b)+1)
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			if a[i-1] == b[j-1] {
				t[i][j] = t[i-1][j-1] + 1
			} else {
				t[i][j] = max(t[i-1][j], t[i][j-1])
			}
		}
	}
	return t[len(a)][len(b)]
}

func isSubsequence(sub, of []string) bool {
	i := 0
	for _, s := range of {
		if i < len(sub) && sub[i] == s {
			i++
		}
	}
	return i == len(sub)
}

func TestNewLinesFallsBackBeyondTheBound(t *testing.T) {
	// Two 5000-line middles are 25M cells, over MaxDiffCells: everything between the common
	// prefix and suffix counts as new, even lines that an LCS would have matched.
	var prev, cur []string
	prev = append(prev, "head")
	cur = append(cur, "head")
	for i := 0; i < 5000; i++ {
		prev = append(prev, fmt.Sprint("old ", i))
		cur = append(cur, fmt.Sprint("new ", i))
	}
	cur[2500] = prev[2500] // would be matched by an LCS
	prev = append(prev, "tail")
	cur = append(cur, "tail")
	got := NewLines(prev, cur)
	if got[0] || got[len(got)-1] {
		t.Error("common prefix or suffix marked new")
	}
	for i := 1; i < len(cur)-1; i++ {
		if !got[i] {
			t.Fatalf("line %d not marked new in fallback", i)
		}
	}
}

// BenchmarkNewLinesRewrittenLog diffs two 3000-line logs that share every other line, the
// worst case that still takes the LCS path.
func BenchmarkNewLinesRewrittenLog(b *testing.B) {
	var prev, cur []string
	for i := 0; i < 3000; i++ {
		prev = append(prev, fmt.Sprint("line ", i))
		if i%2 == 0 {
			cur = append(cur, fmt.Sprint("line ", i))
		} else {
			cur = append(cur, fmt.Sprint("changed ", i))
		}
	}
	for b.Loop() {
		NewLines(prev, cur)
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1000, "ms/diff")
}

// checkDiff verifies that d rebuilds old from its Same and Removed lines and cur from its Same
// and Added lines, in order, and that Same lines are equal.
func checkDiff(t *testing.T, old, cur []string, d []DiffLine) {
	t.Helper()
	var o, c []string
	for _, l := range d {
		switch l.Op {
		case Same:
			if old[l.Old] != cur[l.New] {
				t.Fatalf("same line differs: %q vs %q", old[l.Old], cur[l.New])
			}
			o, c = append(o, old[l.Old]), append(c, cur[l.New])
		case Removed:
			o = append(o, old[l.Old])
		case Added:
			c = append(c, cur[l.New])
		}
	}
	if strings.Join(o, "\n") != strings.Join(old, "\n") || strings.Join(c, "\n") != strings.Join(cur, "\n") {
		t.Fatalf("diff does not rebuild its inputs:\nold %q\ngot %q\ncur %q\ngot %q", old, o, cur, c)
	}
}

func TestDiffUnified(t *testing.T) {
	old := []string{"bios", "grub", "kernel", "mount /", "login"}
	cur := []string{"bios", "grub", "kernel", "no root", "panic"}
	d := Diff(old, cur)
	checkDiff(t, old, cur, d)
	var ops []string
	for _, l := range d {
		ops = append(ops, [...]string{" ", "-", "+"}[l.Op])
	}
	if got := strings.Join(ops, ""); got != "   --++" {
		t.Fatalf("ops %q", got)
	}
	// Identical, empty and one-sided inputs.
	for _, tc := range [][2][]string{{old, old}, {nil, nil}, {nil, cur}, {old, nil}, {{"a", "x", "b"}, {"a", "b", "y"}}} {
		checkDiff(t, tc[0], tc[1], Diff(tc[0], tc[1]))
	}
}

func TestDiffRandomRebuilds(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		gen := func() []string {
			out := make([]string, r.IntN(30))
			for i := range out {
				out[i] = string(rune('a' + r.IntN(4)))
			}
			return out
		}
		old, cur := gen(), gen()
		checkDiff(t, old, cur, Diff(old, cur))
	}
}

func TestDiffBeyondTheBoundStaysCorrect(t *testing.T) {
	n := 1 << 13 // n*n is past MaxDiffCells
	old, cur := make([]string, n), make([]string, n)
	for i := range n {
		old[i], cur[i] = "old "+strconv.Itoa(i), "new "+strconv.Itoa(i)
	}
	old[0], cur[0] = "same", "same"
	d := Diff(old, cur)
	checkDiff(t, old, cur, d)
	if d[0].Op != Same || d[1].Op != Removed || d[len(d)-1].Op != Added {
		t.Fatalf("fallback order %v %v %v", d[0], d[1], d[len(d)-1])
	}
}
