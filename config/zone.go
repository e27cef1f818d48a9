package config

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	// The zone database is embedded so that "Asia/Shanghai" resolves on hosts without
	// /usr/share/zoneinfo (minimal containers, Windows).
	_ "time/tzdata"
)

// offsetZone matches "+08:00", "-0530", "+8", "UTC+8" and "GMT-03:30".
var offsetZone = regexp.MustCompile(`^(?i:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$`)

// ParseZone turns a timestamp_zone value into a location: an IANA name ("Asia/Shanghai"), "UTC",
// "Local", or a fixed offset ("+08:00", "UTC+8"). Fixed offsets are named "UTC+8" or "UTC+05:30" so
// the UI shows what the operator typed rather than a bare number.
func ParseZone(s string) (*time.Location, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, fmt.Errorf("empty time zone")
	}
	if m := offsetZone.FindStringSubmatch(s); m != nil {
		h, _ := strconv.Atoi(m[2])
		mins := 0
		if m[3] != "" {
			mins, _ = strconv.Atoi(m[3])
		}
		if h > 14 || mins > 59 || (h == 14 && mins > 0) {
			return nil, fmt.Errorf("time zone offset %q out of range (-14:00 to +14:00)", s)
		}
		off := h*3600 + mins*60
		name := fmt.Sprintf("UTC%s%d", m[1], h)
		if mins != 0 {
			name = fmt.Sprintf("UTC%s%02d:%02d", m[1], h, mins)
		}
		if m[1] == "-" {
			off = -off
		}
		if off == 0 {
			return time.UTC, nil
		}
		return time.FixedZone(name, off), nil
	}
	if strings.EqualFold(s, "utc") || strings.EqualFold(s, "gmt") || s == "Z" {
		return time.UTC, nil
	}
	loc, err := time.LoadLocation(s)
	if err != nil {
		return nil, fmt.Errorf("unknown time zone %q (use an IANA name such as Asia/Shanghai, UTC, or an offset such as +08:00)", s)
	}
	return loc, nil
}
