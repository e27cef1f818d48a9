package fleet

import (
	"strings"

	"github.com/bootlog/bootlog/ui/findings"
)

// Health is the boot health of one instance: findings.Health, so that the scan, the list's BOOT
// column and the viewer speak of the same six values with the same words and glyphs. The zero
// value is Unknown: an instance that has not been scanned.
type Health = findings.Health

// The health values, named as the scan engine uses them.
const (
	// Unknown: not scanned yet, or the console call failed (Summary.Err says why).
	Unknown = findings.HealthUnknown
	// Critical: the boot stopped (kernel panic, oops, emergency or rescue shell, fsck asking for
	// a manual run, dracut giving up, no root or boot device).
	Critical = findings.HealthCritical
	// Warning: the system came up damaged (failed units, OOM kills, I/O errors, cloud-init
	// errors, start jobs that timed out), or the log stops before a login prompt.
	Warning = findings.HealthWarning
	// Stale: the log predates the instance's last start, so it says nothing about this boot.
	Stale = findings.HealthStale
	// None: there is no console output to judge (never started, Windows, empty output).
	None = findings.HealthNone
	// OK: the boot reached a login prompt or the multi-user target with no findings.
	OK = findings.HealthOK
)

// Healths lists every health value, worst first.
func Healths() []Health { return findings.HealthWorstFirst }

// ParseHealth reads a health word as String spells it, ignoring case and surrounding spaces.
func ParseHealth(s string) (Health, error) {
	return findings.ParseHealth(strings.ToLower(strings.TrimSpace(s)))
}
