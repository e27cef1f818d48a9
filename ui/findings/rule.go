package findings

import "regexp"

// Rule recognises one kind of failure. Rules are plain values so that callers can extend or
// replace DefaultRules without touching this package.
type Rule struct {
	// Name is a stable identifier ("kernel-panic"), for settings and tests.
	Name string
	// Severity orders the summary and can style gutter marks.
	Severity Severity
	// Pattern is matched against a plain line. When it has capture groups named "key", the first
	// non-empty one identifies what the line is about (a unit, a job, a PID), see Dedupe.
	Pattern *regexp.Regexp
	// Needles are literal substrings of which a line must contain at least one before Pattern is
	// tried. Each needle must be at least two bytes long. A rule without needles runs its regexp
	// on every line, which is correct but slow; every default rule has needles.
	Needles []string
	// Summary names one occurrence in the summary line: "Kernel panic" becomes
	// "Kernel panic at line 1,204".
	Summary string
	// Explain says in one sentence what the finding means, for the findings panel.
	Explain string
	// Remedy is one sentence with the usual next step for this kind of failure.
	Remedy string
	// Plural is a fmt format with one %d for two or more occurrences: "%d units failed". When
	// empty, Summarize prints "Summary ×N".
	Plural string
	// Dedupe keeps only the first line per key as a finding, so that a start job redrawn a
	// hundred times, or a unit reported both by its [FAILED] status line and by systemd's journal
	// line, counts once. A deduplicated rule without a key group reports only its first match.
	Dedupe bool
	// Ignore marks lines that repeat a finding rather than report one, such as the
	// "---[ end Kernel panic - not syncing: ..." trailer of every panic: the line is spoken for,
	// no later rule sees it, and it produces no finding.
	Ignore bool
}

// keyIndexes returns the submatch indexes of the groups named "key".
func (r *Rule) keyIndexes() []int {
	if r.Pattern == nil {
		return nil
	}
	var idx []int
	for i, n := range r.Pattern.SubexpNames() {
		if n == "key" {
			idx = append(idx, i)
		}
	}
	return idx
}
