package findings

import (
	"testing"
	"time"
)

func TestKernelTime(t *testing.T) {
	cases := []struct {
		line string
		want time.Duration
		ok   bool
	}{
		{"[   12.345678] eth0: link up", 12*time.Second + 345678*time.Microsecond, true},
		{"[    0.000000] Linux version 5.15", 0, true},
		{"[123456.7] x", 123456*time.Second + 700*time.Millisecond, true},
		{"<6>[    1.500000] x", 1500 * time.Millisecond, true},
		{"[1.123456789]", time.Second + 123456789, true},
		{"[1.1234567890]", 0, false},
		{"[  OK  ] Started x", 0, false},
		{"[   12345] x", 0, false},
		{"[   12.] x", 0, false},
		{"[   .5] x", 0, false},
		{"[   12.5 x", 0, false},
		{" [   12.5] leading space", 0, false},
		{"<x>[ 1.0]", 0, false},
		{"<6", 0, false},
		{"[99999999999999999999.0]", 0, false},
		{"", 0, false},
		{"[", 0, false},
	}
	for _, c := range cases {
		got, ok := KernelTime(c.line)
		if ok != c.ok || got != c.want {
			t.Errorf("KernelTime(%q) = %v,%v want %v,%v", c.line, got, ok, c.want, c.ok)
		}
	}
}

func TestWallClock(t *testing.T) {
	boot := time.Date(2026, 11, 26, 14, 3, 10, 0, time.UTC)
	got, ok := WallClock("[   12.345678] eth0: link up", boot)
	if want := "[2026-11-26 14:03:22.345] eth0: link up"; !ok || got != want {
		t.Errorf("WallClock = %q,%v want %q", got, ok, want)
	}
	got, ok = WallClock("<6>[    1.000000] x", boot)
	if want := "<6>[2026-11-26 14:03:11.000] x"; !ok || got != want {
		t.Errorf("WallClock with level = %q,%v want %q", got, ok, want)
	}
	if _, ok := WallClock("[  OK  ] Started x", boot); ok {
		t.Error("WallClock rewrote a line without a kernel timestamp")
	}
	if _, ok := WallClock("[   1.0] x", time.Time{}); ok {
		t.Error("WallClock used a zero boot time")
	}
	// The zone of the boot time is the zone of the output.
	cst := time.FixedZone("CST", 8*3600)
	got, _ = WallClock("[ 0.5] x", boot.In(cst))
	if want := "[2026-11-26 22:03:10.500] x"; got != want {
		t.Errorf("WallClock in UTC+8 = %q want %q", got, want)
	}
}

func TestEstimateBoot(t *testing.T) {
	last := time.Date(2026, 11, 26, 14, 5, 0, 0, time.UTC)
	plain := []string{"[    0.000000] Linux", "[  120.500000] eth0: up", "web-1 login: "}
	boot, ok := EstimateBoot(plain, last)
	if want := last.Add(-120500 * time.Millisecond); !ok || !boot.Equal(want) {
		t.Errorf("EstimateBoot = %v,%v want %v", boot, ok, want)
	}
	if _, ok := EstimateBoot([]string{"no timestamps"}, last); ok {
		t.Error("EstimateBoot without kernel timestamps reported a time")
	}
	if _, ok := EstimateBoot(plain, time.Time{}); ok {
		t.Error("EstimateBoot with zero LastUpdateTime reported a time")
	}
}
