package findings

import (
	"strings"
	"testing"
	"time"
)

// FuzzScan checks that arbitrary text never panics the scanner or the timestamp parser, that
// findings are sorted and point at the lines they quote, and that WallClock agrees with
// KernelTime.
func FuzzScan(f *testing.F) {
	for _, frag := range ruleFragments {
		f.Add(frag.log)
	}
	for _, l := range benignLines {
		f.Add(l)
	}
	f.Add("<6>[ 1.5] x\n[99999999999.999999999] y\n[\n<")
	rules := DefaultRules()
	boot := time.Date(2026, 11, 26, 14, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, log string) {
		lines := strings.Split(log, "\n")
		fs := Scan(lines, rules)
		for i, fd := range fs {
			if fd.Line < 0 || fd.Line >= len(lines) || fd.Text != lines[fd.Line] {
				t.Fatalf("finding %d points at line %d of %d", i, fd.Line, len(lines))
			}
			if i > 0 && fd.Line <= fs[i-1].Line {
				t.Fatalf("findings not sorted: %d after %d", fd.Line, fs[i-1].Line)
			}
		}
		_ = Summarize(fs)
		for _, l := range lines {
			_, ok := KernelTime(l)
			wc, wok := WallClock(l, boot)
			if ok != wok {
				t.Fatalf("KernelTime ok=%v but WallClock ok=%v for %q", ok, wok, l)
			}
			if wok && !strings.Contains(wc, "[2") {
				t.Fatalf("WallClock(%q) = %q", l, wc)
			}
		}
	})
}
