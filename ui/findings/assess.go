package findings

import (
	"regexp"
	"strings"
)

// Assessment is the verdict on one console log: its boots, every finding of every boot, and
// the health of the last boot.
type Assessment struct {
	// Health is HealthCritical, HealthWarning, HealthOK, HealthUnknown (no verdict in the log
	// yet) or HealthNone (an empty log), decided by the last boot alone: a panic two boots ago
	// that a clean boot followed is history, not the current state.
	Health Health
	// Reason says in a few words why: the worst current finding ("Kernel panic at line
	// 1,204"), "reached the login prompt", and so on.
	Reason string
	// LoggedIn reports that the last boot printed a login prompt.
	LoggedIn bool
	// MultiUser reports that the last boot reached systemd's multi-user or graphical target.
	MultiUser bool
	// Boots is the log's boot structure (not anchored to wall-clock time).
	Boots Boots
	// Findings holds the findings of every boot, sorted by line, as Scan returns them.
	Findings []Finding
	// Current is the tail of Findings that lies in the last boot.
	Current []Finding
	// Worst is the first of the most severe current findings, meaningful when Health is
	// HealthCritical or HealthWarning.
	Worst Finding
}

// Assess scans plain with rules and judges the result; see AssessScanned. Findings point into
// rules, as with Scan.
func Assess(plain []string, rules []Rule) Assessment {
	return AssessScanned(plain, Scan(plain, rules), FindBoots(plain))
}

// AssessScanned judges a log whose findings (from Scan) and boots (from FindBoots) the caller
// already has, as the viewer does. Only findings of the last boot count for Health: the worst
// severity among them gives critical or warning; with none (or only info findings) the boot is
// ok when it reached a login prompt or the multi-user target, and unknown otherwise (still
// booting, or hung without a word). A log with no boots (nothing but blank lines) is HealthNone.
func AssessScanned(plain []string, fs []Finding, bs Boots) Assessment {
	a := Assessment{Boots: bs, Findings: fs}
	if bs.Count() == 0 {
		a.Health, a.Reason = HealthNone, "empty console output"
		return a
	}
	last := bs.Boot(bs.Count() - 1)
	i := len(fs)
	for i > 0 && fs[i-1].Line >= last.First {
		i--
	}
	a.Current = fs[i:]
	worst := Info
	for _, f := range a.Current {
		if f.Rule != nil && f.Rule.Severity > worst {
			worst, a.Worst = f.Rule.Severity, f
		}
	}
	end := min(last.End, len(plain))
	for _, l := range plain[last.First:end] {
		a.LoggedIn = a.LoggedIn || isLoginPrompt(l)
		a.MultiUser = a.MultiUser || isMultiUser(l)
	}
	switch {
	case worst == Critical:
		a.Health = HealthCritical
	case worst == Warning:
		a.Health = HealthWarning
	case a.LoggedIn:
		a.Health, a.Reason = HealthOK, "reached the login prompt"
	case a.MultiUser:
		a.Health, a.Reason = HealthOK, "reached the multi-user target"
	default:
		a.Health, a.Reason = HealthUnknown, "no login prompt or multi-user target in the last boot yet"
	}
	if worst >= Warning {
		a.Reason = describe1(a.Worst)
	}
	return a
}

// describe1 names a finding and its 1-based line: "Kernel panic at line 1,204".
func describe1(f Finding) string {
	return f.Rule.Summary + " at line " + Thousands(f.Line+1)
}

// loginPrompt is getty's prompt, "web-1 login: ", possibly followed on the same line by kernel
// messages printed while it waits.
var loginPrompt = regexp.MustCompile(`^\s*[A-Za-z0-9][\w.-]* login:(?:\s|$)`)

func isLoginPrompt(line string) bool {
	// Contains first: the regexp runs only on the rare line that can match.
	return strings.Contains(line, " login:") && loginPrompt.MatchString(line)
}

// isMultiUser reports systemd reaching the target of a finished boot, in the old
// ("Multi-User System") and new ("multi-user.target - Multi-User System") spellings.
func isMultiUser(line string) bool {
	i := strings.Index(line, "Reached target ")
	if i < 0 {
		return false
	}
	rest := line[i+len("Reached target "):]
	for _, t := range []string{"Multi-User System", "multi-user.target", "Graphical Interface", "graphical.target"} {
		if strings.HasPrefix(rest, t) {
			return true
		}
	}
	return false
}
