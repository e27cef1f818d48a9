package findings

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// Anchor returns a copy of b in which every boot whose start can be known carries it, for
// showing kernel timestamps as wall-clock time (Boots.WallClock) and for Label.
//
//   - The last boot is anchored on lastUpdate, ECS's LastUpdateTime, taken as the time of its
//     last kernel-timestamped line (see EstimateBoot).
//   - Any boot may be anchored by the log itself: the kernel's "rtc_cmos ...: setting system clock
//     to ... (EPOCH)" line, or an audit record's "audit(EPOCH.mmm:n)", together with the kernel
//     timestamp on the same line. Earlier boots have nothing else: ECS says nothing about them.
//   - A start that would date any line of its boot after fetched (when the log was fetched), or
//     after the next boot's start, is dropped: an anchor that contradicts the clock is wrong, and
//     showing no time beats showing an impossible one.
//
// Zero lastUpdate or fetched means unknown; times are given in the zone of lastUpdate, else of
// fetched, else UTC.
func (b Boots) Anchor(plain []string, lastUpdate, fetched time.Time) Boots {
	out := Boots{list: slices.Clone(b.list)}
	loc := time.UTC
	switch {
	case !lastUpdate.IsZero():
		loc = lastUpdate.Location()
	case !fetched.IsZero():
		loc = fetched.Location()
	}
	n := len(out.list)
	for i := range out.list {
		bt := &out.list[i]
		bt.start, bt.startKnown = time.Time{}, false
		if !bt.hasT {
			continue
		}
		start, ok := time.Time{}, false
		if i == n-1 && !lastUpdate.IsZero() {
			start, ok = lastUpdate.Add(-bt.lastT), true
		} else if bt.End <= len(plain) {
			start, ok = clockAnchor(plain[bt.First:bt.End])
			start = start.In(loc)
		}
		if ok && !fetched.IsZero() && start.Add(bt.maxT).After(fetched) {
			ok = false
		}
		bt.start, bt.startKnown = start, ok
	}
	// A boot ends before the next one starts; walk backwards so that each boot is checked
	// against the nearest later boot that kept its start.
	var next *Boot
	for i := n - 1; i >= 0; i-- {
		bt := &out.list[i]
		if !bt.startKnown {
			continue
		}
		if next != nil && bt.start.Add(bt.maxT).After(next.start) {
			bt.start, bt.startKnown = time.Time{}, false
			continue
		}
		next = bt
	}
	return out
}

// clockAnchor finds the first line in a boot that ties its kernel clock to wall-clock time and
// returns the boot's start.
func clockAnchor(lines []string) (time.Time, bool) {
	for _, l := range lines {
		var epoch string
		if i := strings.Index(l, "setting system clock to "); i >= 0 {
			// "... setting system clock to 2026-11-26T14:03:05 UTC (1764165785)"
			if o, c := strings.LastIndexByte(l, '('), strings.LastIndexByte(l, ')'); o > i && c > o {
				epoch = l[o+1 : c]
			}
		} else if i := strings.Index(l, "audit("); i >= 0 {
			// "audit: type=1130 audit(1764165802.123:95): ..."
			rest := l[i+len("audit("):]
			if c := strings.IndexByte(rest, ':'); c > 0 {
				epoch = rest[:c]
			}
		}
		if epoch == "" {
			continue
		}
		t, ok := KernelTime(l)
		if !ok {
			continue
		}
		wall, ok := parseEpoch(epoch)
		if !ok {
			continue
		}
		return wall.Add(-t), true
	}
	return time.Time{}, false
}

// parseEpoch parses "1764165785" or "1764165802.123" as Unix time. It refuses times before 2000
// and past 2200, which no real clock line carries.
func parseEpoch(s string) (time.Time, bool) {
	sec, frac, _ := strings.Cut(s, ".")
	if strings.Trim(sec+frac, "0123456789") != "" {
		return time.Time{}, false
	}
	n, err := strconv.ParseInt(sec, 10, 64)
	if err != nil || n < 946684800 || n > 7258118400 {
		return time.Time{}, false
	}
	var ns int64
	if frac != "" {
		if len(frac) > 9 {
			return time.Time{}, false
		}
		f, err := strconv.ParseInt(frac, 10, 64)
		if err != nil {
			return time.Time{}, false
		}
		for range 9 - len(frac) {
			f *= 10
		}
		ns = f
	}
	return time.Unix(n, ns).UTC(), true
}

// Start returns when the boot's kernel clock read zero, and false when that is unknown (see
// Boots.Anchor).
func (bt Boot) Start() (time.Time, bool) { return bt.start, bt.startKnown }

// WallClock returns text, the content of line n, with its kernel timestamp replaced by the
// wall-clock time in the boot that holds line n (see the package-level WallClock for the
// format). It reports false when the line has no kernel timestamp or its boot's start is unknown;
// the viewer then shows the kernel timestamp as it is.
func (b Boots) WallClock(n int, text string) (string, bool) {
	i := b.BootOf(n)
	if i < 0 || !b.list[i].startKnown {
		return "", false
	}
	return WallClock(text, b.list[i].start)
}
