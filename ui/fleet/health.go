package fleet

import (
	"fmt"
	"strings"
)

// Health is the boot health of one instance. The zero value is Unknown: an instance that has
// not been scanned.
type Health int

// The health values. Their numeric order is not the severity order; use Rank or Worse.
const (
	// Unknown: not scanned yet, or the console call failed (Summary.Err says why).
	Unknown Health = iota
	// Critical: the boot stopped (kernel panic, oops, emergency or rescue shell, fsck asking for
	// a manual run, dracut giving up, no root or boot device).
	Critical
	// Warning: the system came up damaged (failed units, OOM kills, I/O errors, cloud-init
	// errors, start jobs that timed out), or the log stops before a login prompt.
	Warning
	// Stale: the log predates the instance's last start, so it says nothing about this boot.
	Stale
	// None: there is no console output to judge (never started, Windows, empty output).
	None
	// OK: the boot reached a login prompt or the multi-user target with no findings.
	OK
)

// worstFirst is the triage order. Stale ranks above Unknown because after a reboot wave a log
// that was not rewritten is the first sign of a machine that hung before its first console
// line; Unknown only says that the question could not be asked.
var worstFirst = [...]Health{Critical, Warning, Stale, Unknown, None, OK}

// Healths lists every health value, worst first.
func Healths() []Health { return worstFirst[:] }

// Rank is the position of h in the triage order: 0 for Critical, 5 for OK.
func (h Health) Rank() int {
	for i, x := range worstFirst {
		if x == h {
			return i
		}
	}
	return len(worstFirst)
}

// Worse reports whether h comes before o in the triage order.
func (h Health) Worse(o Health) bool { return h.Rank() < o.Rank() }

// IsProblem reports whether h is Critical or Warning, what `bootlog scan` exits 4 for.
func (h Health) IsProblem() bool { return h == Critical || h == Warning }

// String is the lower-case word, as the JSON output and the --health filter spell it.
func (h Health) String() string {
	switch h {
	case Critical:
		return "critical"
	case Warning:
		return "warning"
	case Stale:
		return "stale"
	case None:
		return "none"
	case OK:
		return "ok"
	}
	return "unknown"
}

// Glyph is a one-cell mark for the health. It is never the only carrier of the meaning: Label
// puts the word beside it, so a terminal without colour (or a reader who cannot tell red from
// green) still reads the state.
func (h Health) Glyph() string {
	switch h {
	case Critical:
		return "✖"
	case Warning:
		return "▲"
	case Stale:
		return "◷"
	case None:
		return "–"
	case OK:
		return "✔"
	}
	return "?"
}

// Label is the glyph and the word, "✖ critical", for the BOOT column and the scan table.
func (h Health) Label() string { return h.Glyph() + " " + h.String() }

// ParseHealth reads a health word as String spells it, ignoring case and surrounding spaces.
func ParseHealth(s string) (Health, error) {
	w := strings.ToLower(strings.TrimSpace(s))
	for _, h := range worstFirst {
		if h.String() == w {
			return h, nil
		}
	}
	return Unknown, fmt.Errorf("health %q: want one of critical, warning, stale, unknown, none, ok", s)
}

// MarshalText writes the word, so that JSON carries "critical" rather than a number.
func (h Health) MarshalText() ([]byte, error) { return []byte(h.String()), nil }

// UnmarshalText reads the word back (for a previous scan's JSON).
func (h *Health) UnmarshalText(b []byte) error {
	v, err := ParseHealth(string(b))
	if err != nil {
		return err
	}
	*h = v
	return nil
}
