package findings

import (
	"strings"
	"time"
)

// WallClockLayout is how WallClock prints a kernel timestamp: millisecond precision, no zone
// (the zone is that of the boot time passed in).
const WallClockLayout = "2006-01-02 15:04:05.000"

// maxKernelSeconds bounds the seconds field so that the conversion to time.Duration cannot
// overflow (about 292 years); a larger value is not a kernel timestamp.
const maxKernelSeconds = 1 << 32

// KernelTime parses the "[   12.345678]" prefix the kernel puts on its console messages and
// returns the time since boot. An optional syslog level ("<6>") may precede the bracket, as with
// printk to some consoles. It reports false when the line does not start with such a prefix.
func KernelTime(line string) (time.Duration, bool) {
	d, _, _, ok := parseKernelTime(line)
	return d, ok
}

// WallClock returns line with its kernel timestamp replaced by the wall-clock time boot+offset,
// kept inside the brackets: "[   12.345678] eth0: link up" becomes
// "[2026-11-26 14:03:22.345] eth0: link up" (see WallClockLayout). It reports false, and returns
// "", when the line has no kernel timestamp or boot is the zero time. Note that the result is
// longer than the input, so byte offsets into the original line (search matches) do not apply
// to it.
func WallClock(line string, boot time.Time) (string, bool) {
	if boot.IsZero() {
		return "", false
	}
	d, open, end, ok := parseKernelTime(line)
	if !ok {
		return "", false
	}
	return line[:open] + "[" + boot.Add(d).Format(WallClockLayout) + "]" + line[end:], true
}

// parseKernelTime parses the prefix and returns the offset, the index of '[' and the index just
// after ']'.
func parseKernelTime(line string) (d time.Duration, open, end int, ok bool) {
	i := 0
	if strings.HasPrefix(line, "<") {
		j := 1
		for j < len(line) && j < 4 && isDigit(line[j]) {
			j++
		}
		if j == 1 || j >= len(line) || line[j] != '>' {
			return 0, 0, 0, false
		}
		i = j + 1
	}
	if i >= len(line) || line[i] != '[' {
		return 0, 0, 0, false
	}
	open = i
	i++
	for i < len(line) && line[i] == ' ' {
		i++
	}
	var sec int64
	digits := 0
	for i < len(line) && isDigit(line[i]) {
		sec = sec*10 + int64(line[i]-'0')
		digits++
		i++
		if sec > maxKernelSeconds {
			return 0, 0, 0, false
		}
	}
	if digits == 0 || i >= len(line) || line[i] != '.' {
		return 0, 0, 0, false
	}
	i++
	var frac int64
	scale := int64(time.Second)
	fd := 0
	for i < len(line) && isDigit(line[i]) {
		fd++
		if fd > 9 {
			return 0, 0, 0, false
		}
		scale /= 10
		frac += int64(line[i]-'0') * scale
		i++
	}
	if fd == 0 || i >= len(line) || line[i] != ']' {
		return 0, 0, 0, false
	}
	return time.Duration(sec)*time.Second + time.Duration(frac), open, i + 1, true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// EstimateBoot estimates the boot time from the last kernel-timestamped line in plain and the
// wall-clock time of that line, for which ECS's LastUpdateTime is the best available source
// (the 2024 API documentation describes it as the time of the last kernel log entry). It reports
// false when no line has a kernel timestamp or last is zero. The estimate is only as precise as
// LastUpdateTime, which ECS reports to the second or the minute.
func EstimateBoot(plain []string, last time.Time) (time.Time, bool) {
	if last.IsZero() {
		return time.Time{}, false
	}
	for i := len(plain) - 1; i >= 0; i-- {
		if d, ok := KernelTime(plain[i]); ok {
			return last.Add(-d), true
		}
	}
	return time.Time{}, false
}
