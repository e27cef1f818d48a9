package findings

import "strings"

// Finding is one line that a rule matched.
type Finding struct {
	// Line is the 0-based index of the line in the slice given to Scan.
	Line int
	// Rule points into the rules slice given to Scan.
	Rule *Rule
	// Text is the matched line.
	Text string
	// Key identifies what the line is about (unit, job, PID) when the rule has a key group, and
	// is empty otherwise.
	Key string
}

// Scan returns the findings in plain, sorted by line, at most one per line (from the first rule
// in table order that matches). plain holds rendered plain lines without escape sequences, such
// as console.Document.Plain. Findings refer to rules by pointer into the rules slice, so keep
// that slice alive and unmodified while the findings are in use.
func Scan(plain []string, rules []Rule) []Finding {
	if len(rules) == 0 || len(plain) == 0 {
		return nil
	}
	pf := newPrefilter(rules)
	keyIdx := make([][]int, len(rules))
	seen := make([]map[string]bool, len(rules))
	for i := range rules {
		keyIdx[i] = rules[i].keyIndexes()
		if rules[i].Dedupe {
			seen[i] = map[string]bool{}
		}
	}
	var out []Finding
	cand := make([]bool, len(rules))
	for n, line := range plain {
		if !pf.candidates(line, cand) {
			continue
		}
		for i := range rules {
			if !cand[i] {
				continue
			}
			cand[i] = false
			r := &rules[i]
			if r.Pattern == nil {
				continue
			}
			m := r.Pattern.FindStringSubmatchIndex(line)
			if m == nil {
				continue
			}
			if r.Ignore {
				clear(cand[i+1:])
				break
			}
			key := keyOf(line, m, keyIdx[i])
			if r.Dedupe {
				if seen[i][key] {
					// Clear the remaining candidates: this line is spoken for.
					clear(cand[i+1:])
					break
				}
				seen[i][key] = true
			}
			out = append(out, Finding{Line: n, Rule: r, Text: line, Key: key})
			clear(cand[i+1:])
			break
		}
	}
	return out
}

// keyOf returns the first non-empty "key" group of a match.
func keyOf(line string, m []int, idx []int) string {
	for _, g := range idx {
		if s, e := m[2*g], m[2*g+1]; s >= 0 && e > s {
			return strings.TrimSpace(line[s:e])
		}
	}
	return ""
}
