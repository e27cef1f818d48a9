package config

import (
	"testing"
	"time"
)

func TestParseZone(t *testing.T) {
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		in     string
		offset int // seconds east of UTC at `at`
		name   string
	}{
		{"Asia/Shanghai", 8 * 3600, "Asia/Shanghai"},
		{"UTC", 0, "UTC"},
		{"utc", 0, "UTC"},
		{"+08:00", 8 * 3600, "UTC+8"},
		{"+0800", 8 * 3600, "UTC+8"},
		{"UTC+8", 8 * 3600, "UTC+8"},
		{"GMT-03:30", -(3*3600 + 1800), "UTC-03:30"},
		{"+05:45", 5*3600 + 45*60, "UTC+05:45"},
		{"-00:00", 0, "UTC"},
		{"America/New_York", -5 * 3600, "America/New_York"},
	}
	for _, tt := range tests {
		loc, err := ParseZone(tt.in)
		if err != nil {
			t.Errorf("%q: %v", tt.in, err)
			continue
		}
		name, off := at.In(loc).Zone()
		if off != tt.offset || loc.String() != tt.name {
			t.Errorf("%q: offset %d name %q (zone abbrev %q), want %d %q", tt.in, off, loc.String(), name, tt.offset, tt.name)
		}
	}
	for _, bad := range []string{"", "Mars/Olympus", "+25:00", "+08:75", "+14:30", "8", "UTC+", "../../etc/passwd"} {
		if _, err := ParseZone(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
