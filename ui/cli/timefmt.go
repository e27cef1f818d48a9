package cli

import "time"

// One time convention for everything the CLI prints: RFC 3339 with the zone's offset, so a time
// on the terminal reads the same way as one in JSON, says which zone it is in, and can be pasted
// back into --wait-update. Human output uses the local zone; JSON uses UTC.

// humanTime formats t for a table or a message: RFC 3339 in the local zone, "-" when unknown.
func humanTime(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Local().Format(time.RFC3339)
}

// jsonTime formats t for JSON output: RFC 3339 in UTC, "" when unknown.
func jsonTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
