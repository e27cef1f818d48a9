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

// loginPrompt is a getty prompt at the start of a line ("web-1 login: "). Kernel messages that
// arrive later continue on the prompt's line, so nothing is required after it.
var loginPrompt = regexp.MustCompile(`^\S+ login: `)

// multiUser is systemd reaching multi-user.target, in the wording of systemd 219 to 252.
var multiUser = regexp.MustCompile(`Reached target (?:multi-user\.target - )?Multi-User System\b`)

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

// classify judges one rendered log (plain lines) from the findings that rules produced for it:
// Critical if any finding is critical, Warning if any is a warning, OK when the boot reached a
// login prompt or the multi-user target. A log that reached neither, with no finding to say why,
// is a Warning with an incomplete-boot finding on its last line. Info findings (a stop job
// during shutdown) do not count.
func classify(plain []string, fs []findings.Finding) verdict {
	v := verdict{health: OK}
	reachedMultiUser := false
	for _, l := range plain {
		if !v.reachedLogin && loginPrompt.MatchString(l) {
			v.reachedLogin = true
		}
		if !reachedMultiUser && strings.Contains(l, "Multi-User System") && multiUser.MatchString(l) {
			reachedMultiUser = true
		}
	}
	for _, f := range fs {
		if f.Rule == nil || f.Rule.Severity < findings.Warning || successLine.MatchString(f.Text) {
			continue
		}
		v.findings = append(v.findings, f)
		switch {
		case f.Rule.Severity >= findings.Critical:
			v.health = Critical
		case v.health != Critical:
			v.health = Warning
		}
	}
	if len(v.findings) == 0 && !v.reachedLogin && !reachedMultiUser && len(plain) > 0 {
		last := len(plain) - 1
		for last > 0 && strings.TrimSpace(plain[last]) == "" {
			last--
		}
		v.findings = append(v.findings, findings.Finding{Line: last, Rule: &incompleteBoot, Text: plain[last]})
		v.health = Warning
	}
	return v
}
