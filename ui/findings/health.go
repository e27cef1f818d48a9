package findings

import "fmt"

// Health is the verdict on one instance's boot, for the fleet view's BOOT column and for
// `bootlog scan`. Assess decides HealthCritical, HealthWarning, HealthOK, HealthUnknown (a log
// that shows no verdict yet) and HealthNone (an empty log); HealthStale, and HealthNone or
// HealthUnknown for other reasons, need instance data and are the caller's to set.
//
// The zero value is HealthUnknown: an instance nobody has scanned.
type Health int

// The health values. Their numeric order means nothing; use Rank or HealthWorstFirst to sort.
const (
	// HealthUnknown means not scanned yet, or the console call failed (the caller keeps the
	// error), or a log that shows neither a failure nor a finished boot.
	HealthUnknown Health = iota
	// HealthNone means there is no console output: never started, Windows, or empty.
	HealthNone
	// HealthOK means the last boot reached a login prompt or the multi-user target and has no
	// warning or critical finding.
	HealthOK
	// HealthStale means the log is older than the instance's last start, so it describes an
	// earlier boot.
	HealthStale
	// HealthWarning means the last boot has a warning finding (failed unit, OOM kill, I/O error,
	// cloud-init error, hung start job) and no critical one.
	HealthWarning
	// HealthCritical means the last boot has a critical finding (panic, oops, emergency or
	// rescue shell, fsck asking for a manual run, dracut giving up, no root device, no
	// bootable disk, GRUB error).
	HealthCritical
)

// HealthWorstFirst lists every health value from the one that most needs the operator to the
// one that needs them least, the order of the "sort by health" key. Stale comes right after the
// failures because after a reboot wave it usually means "did not come back yet"; unknown before
// none because it may hide a failure.
var HealthWorstFirst = []Health{HealthCritical, HealthWarning, HealthStale, HealthUnknown, HealthNone, HealthOK}

// Rank returns the position of h in HealthWorstFirst: 0 for critical, 5 for ok. Sort ascending
// for worst first.
func (h Health) Rank() int {
	for i, v := range HealthWorstFirst {
		if v == h {
			return i
		}
	}
	return len(HealthWorstFirst)
}

// String returns the lower-case word: "critical", "warning", "stale", "unknown", "none", "ok".
func (h Health) String() string {
	switch h {
	case HealthCritical:
		return "critical"
	case HealthWarning:
		return "warning"
	case HealthStale:
		return "stale"
	case HealthNone:
		return "none"
	case HealthOK:
		return "ok"
	}
	return "unknown"
}

// Glyph returns a one-cell mark that tells the values apart without colour (or with the colour
// blindness of the reader): ✗ critical, ! warning, ~ stale, ? unknown, - none, ✓ ok. None of
// them is an emoji or of ambiguous East Asian width, so each is one cell in every terminal.
func (h Health) Glyph() string {
	switch h {
	case HealthCritical:
		return "✗"
	case HealthWarning:
		return "!"
	case HealthStale:
		return "~"
	case HealthNone:
		return "-"
	case HealthOK:
		return "✓"
	}
	return "?"
}

// Label returns the glyph and the word, "✗ critical", for the BOOT column.
func (h Health) Label() string { return h.Glyph() + " " + h.String() }

// MarshalText encodes h as its word, so that JSON output says "health": "critical".
func (h Health) MarshalText() ([]byte, error) { return []byte(h.String()), nil }

// UnmarshalText decodes a word written by MarshalText.
func (h *Health) UnmarshalText(b []byte) error {
	v, err := ParseHealth(string(b))
	if err != nil {
		return err
	}
	*h = v
	return nil
}

// ParseHealth returns the health named by word, as String spells it (for a "filter by health"
// flag or prompt).
func ParseHealth(word string) (Health, error) {
	for _, h := range HealthWorstFirst {
		if h.String() == word {
			return h, nil
		}
	}
	return HealthUnknown, fmt.Errorf("unknown health %q: want one of critical, warning, stale, unknown, none, ok", word)
}

// Worse reports whether h needs the operator before o (comes earlier in HealthWorstFirst).
func (h Health) Worse(o Health) bool { return h.Rank() < o.Rank() }

// IsProblem reports whether h is critical or warning: what `bootlog scan` exits 4 for and what
// the "problems only" view keeps.
func (h Health) IsProblem() bool { return h == HealthCritical || h == HealthWarning }
