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
	f.Add(strings.Join(cat(prevShutdown, firmware, grub, panicBoot, kernelBoot), "\n"))
	f.Add("[ 5.0] a\n[ 0.9] rtc: setting system clock to x (1795701785)\n[ 2.0] reboot: Power down\nx\nLinux version 1")
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
		checkBootPartition(t, lines, FindBoots(lines).Anchor(lines, boot.Add(time.Hour), boot.Add(2*time.Hour)), boot.Add(2*time.Hour))
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

// checkBootPartition checks that the boots cover the log in order without gaps or overlaps, that
// every boot's marks are inside it, and that no line is dated after fetched.
func checkBootPartition(t *testing.T, lines []string, bs Boots, fetched time.Time) {
	t.Helper()
	next := 0
	for i := range bs.Count() {
		b := bs.Boot(i)
		if b.First != next || b.End <= b.First {
			t.Fatalf("boot %d spans [%d,%d), want to start at %d", i, b.First, b.End, next)
		}
		for _, m := range []int{b.Kernel, b.Shutdown} {
			if m != -1 && (m < b.First || m >= b.End) {
				t.Fatalf("boot %d [%d,%d) marks line %d", i, b.First, b.End, m)
			}
		}
		next = b.End
	}
	if bs.Count() > 0 && next != len(lines) {
		t.Fatalf("boots end at %d of %d lines", next, len(lines))
	}
	for i, l := range lines {
		wc, ok := bs.WallClock(i, l)
		if !ok {
			continue
		}
		d, _ := KernelTime(l)
		start, _ := bs.Boot(bs.BootOf(i)).Start()
		if start.Add(d).After(fetched) || !strings.HasPrefix(wc, l[:strings.IndexByte(l, '[')]) {
			t.Fatalf("line %d %q dated %v, after %v", i, l, start.Add(d), fetched)
		}
	}
}
