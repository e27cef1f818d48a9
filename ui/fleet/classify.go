package fleet

import (
	"regexp"
	"strings"

	"github.com/bootlog/bootlog/ui/findings"
)

// This file is the one place that turns a log's findings into a health. It is kept apart so
// that a richer classifier (findings.Health, from the findings package) can replace classify
// without touching the scan engine.

// verdict is what classify concludes from one log.
type verdict struct {
	health Health // Critical, Warning or OK
	// findings are the findings that count, in line order; classify may drop some (see
	// successLine) and add one (incompleteBoot).
	findings []findings.Finding
	// reachedLogin is true when a getty printed its login prompt.
	reachedLogin bool
}

// successLine is a systemd status line marked OK. Whatever it says after the tag, systemd is
// reporting a success, so a rule that matches it is matching a unit's name, not a failure: with
// today's rules "[  OK  ] Started Page on-call when fsck failed." is a critical fsck-failed and
// "[  OK  ] Started Call Trace: collector." a call trace.
var successLine = regexp.MustCompile(`^\[\s*OK\s*\] `)

// incompleteBoot is the finding classify adds when a log stops before a login prompt or the
// multi-user target and no rule explains why: the machine is hung somewhere silent, or still
// booting.
var incompleteBoot = findings.Rule{
	Name:     "incomplete-boot",
	Severity: findings.Warning,
	Summary:  "Boot did not reach a login prompt",
}

// classify judges one rendered log (plain lines) from the findings that rules produced for it,
// through findings.AssessScanned: only the last boot counts (a panic two boots ago that a clean
// boot followed is history), critical or warning from its worst finding, OK when it reached a
// login prompt or the multi-user target. Two fleet-specific rules sit on top: a finding on a line
// systemd marked OK is a unit's name, not a failure, and is dropped; and a last boot that reached
// neither a prompt nor the target with no finding to say why is a Warning with an
// incomplete-boot finding on its last line, because after a reboot wave a machine that went
// silent is exactly the one the operator is looking for. Info findings do not count.
func classify(plain []string, fs []findings.Finding) verdict {
	kept := fs[:0:0]
	for _, f := range fs {
		if f.Rule != nil && successLine.MatchString(f.Text) {
			continue
		}
		kept = append(kept, f)
	}
	a := findings.AssessScanned(plain, kept, findings.FindBoots(plain))
	v := verdict{health: a.Health, reachedLogin: a.LoggedIn}
	for _, f := range a.Current {
		if f.Rule != nil && f.Rule.Severity >= findings.Warning {
			v.findings = append(v.findings, f)
		}
	}
	switch a.Health {
	case findings.HealthOK, findings.HealthCritical, findings.HealthWarning:
	case findings.HealthNone:
		// Nothing but blank lines: no console to judge.
	default:
		last := len(plain) - 1
		for last > 0 && strings.TrimSpace(plain[last]) == "" {
			last--
		}
		v.findings = append(v.findings, findings.Finding{Line: last, Rule: &incompleteBoot, Text: plain[last]})
		v.health = Warning
	}
	return v
}
