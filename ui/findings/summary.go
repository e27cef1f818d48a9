package findings

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Summarize returns a one-line summary such as
// "Kernel panic at line 1,204 · 2 units failed · 3 OOM kills": one entry per rule, the most severe
// first and, within a severity, the one whose first finding comes first. A rule found once names
// its line (1-based, with thousands separators); a rule found more often gives its count, which
// for deduplicated rules is the number of distinct units, jobs or processes. It returns "" when
// there are no findings.
func Summarize(fs []Finding) string {
	type group struct {
		rule  *Rule
		first int
		count int
	}
	var groups []*group
	byRule := map[*Rule]*group{}
	for _, f := range fs {
		if f.Rule == nil {
			continue
		}
		g := byRule[f.Rule]
		if g == nil {
			g = &group{rule: f.Rule, first: f.Line}
			byRule[f.Rule] = g
			groups = append(groups, g)
		}
		g.count++
		g.first = min(g.first, f.Line)
	}
	sort.SliceStable(groups, func(i, j int) bool {
		if groups[i].rule.Severity != groups[j].rule.Severity {
			return groups[i].rule.Severity > groups[j].rule.Severity
		}
		return groups[i].first < groups[j].first
	})
	parts := make([]string, 0, len(groups))
	for _, g := range groups {
		switch {
		case g.count == 1:
			parts = append(parts, g.rule.Summary+" at line "+Thousands(g.first+1))
		case g.rule.Plural != "":
			parts = append(parts, fmt.Sprintf(g.rule.Plural, g.count))
		default:
			parts = append(parts, g.rule.Summary+" ×"+strconv.Itoa(g.count))
		}
	}
	return strings.Join(parts, " · ")
}

// Thousands formats n with commas between groups of three digits: 1204 becomes "1,204".
func Thousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
