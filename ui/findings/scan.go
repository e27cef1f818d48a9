package findings

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode"
	"unsafe"
)

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
	for i := range rules {
		keyIdx[i] = rules[i].keyIndexes()
	}
	var out findingBlocks
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
			// A rule without a key group needs no submatches; MatchString allocates none,
			// where FindStringSubmatchIndex allocates its answer for every match.
			var m []int
			if len(keyIdx[i]) == 0 {
				if !r.Pattern.MatchString(line) {
					continue
				}
			} else if m = r.Pattern.FindStringSubmatchIndex(line); m == nil {
				continue
			}
			if r.Ignore {
				clear(cand[i+1:])
				break
			}
			// A line that repeats a deduplicated rule's key is kept here and dropped when the
			// findings are built (dedupe): either way the line is spoken for.
			at, size := keySpan(line, m, keyIdx[i])
			out.add(n, i, line, at, size)
			clear(cand[i+1:])
			break
		}
	}
	return out.findings(plain, rules)
}

// findingBlocks collects findings as small records in blocks, and builds the one slice of the
// exact size at the end: growing a []Finding by append allocates about four times the result on
// the way, which a log with 134,000 findings turned into 30 MB of garbage, and blocks of whole
// Findings still twice the result.
type findingBlocks struct {
	full [][]hit
	cur  []hit
	n    int
	// long holds the keys whose offsets do not fit a hit, by finding index.
	long map[int]string
}

// hit is a finding before it is built: a third of a Finding's size. A line index always fits 32
// bits: a slice of 2^31 lines would take 32 GB of string headers alone.
type hit struct {
	line, rule int32
	// key is Text[keyAt : keyAt+keyLen].
	keyAt, keyLen int32
}

// add records the finding of rule index r on line n, whose text is text, with the key
// text[at:at+size] (empty when size is 0).
func (b *findingBlocks) add(n, r int, text string, at, size int) {
	h := hit{line: int32(n), rule: int32(r)}
	if size > 0 {
		if at+size <= math.MaxInt32 {
			h.keyAt, h.keyLen = int32(at), int32(size)
		} else {
			if b.long == nil {
				b.long = map[int]string{}
			}
			b.long[b.n] = text[at : at+size]
		}
	}
	if len(b.cur) == cap(b.cur) {
		if b.cur != nil {
			b.full = append(b.full, b.cur)
		}
		b.cur = make([]hit, 0, min(max(2*cap(b.cur), 64), 16<<10))
	}
	b.cur = append(b.cur, h)
	b.n++
}

// findings builds the findings, nil when there are none.
func (b *findingBlocks) findings(plain []string, rules []Rule) []Finding {
	if b.n == 0 {
		return nil
	}
	out := make([]Finding, 0, b.n)
	for _, blk := range append(b.full, b.cur) {
		for _, h := range blk {
			text := plain[h.line]
			f := Finding{Line: int(h.line), Rule: &rules[h.rule], Text: text, Key: text[h.keyAt : h.keyAt+h.keyLen]}
			if k, ok := b.long[len(out)]; ok {
				f.Key = k
			}
			out = append(out, f)
		}
	}
	return dedupe(out)
}

// dedupe drops each finding of a Dedupe rule whose key an earlier finding of that rule has, in
// place. Sorting the candidates costs a few bytes each, where a set of the keys seen, checked as
// the lines were scanned, left 3 MB of garbage on a log with 32,000 failed units.
func dedupe(fs []Finding) []Finding {
	var idx []int32
	for k, f := range fs {
		if f.Rule.Dedupe {
			idx = append(idx, int32(k))
		}
	}
	if len(idx) < 2 {
		return fs
	}
	// A stable sort keeps each key's findings in line order, so the first of a run is the
	// earliest.
	slices.SortStableFunc(idx, func(a, b int32) int {
		fa, fb := &fs[a], &fs[b]
		if fa.Rule != fb.Rule {
			return cmp.Compare(uintptr(unsafe.Pointer(fa.Rule)), uintptr(unsafe.Pointer(fb.Rule)))
		}
		return strings.Compare(fa.Key, fb.Key)
	})
	drop := make([]bool, len(fs))
	dropped := 0
	for k := 1; k < len(idx); k++ {
		a, b := &fs[idx[k-1]], &fs[idx[k]]
		if a.Rule == b.Rule && a.Key == b.Key {
			drop[idx[k]] = true
			dropped++
		}
	}
	if dropped == 0 {
		return fs
	}
	out := fs[:0]
	for k, f := range fs {
		if !drop[k] {
			out = append(out, f)
		}
	}
	clear(fs[len(out):])
	if dropped > len(out)/8 {
		// Many repeats: the slack is worth a copy of the exact size.
		out = slices.Clone(out)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// keySpan returns where in line the first non-empty "key" group of a match lies, with the
// spaces around it trimmed (strings.TrimSpace's rule): its offset and length, 0 and 0 for none.
func keySpan(line string, m []int, idx []int) (at, size int) {
	for _, g := range idx {
		if s, e := m[2*g], m[2*g+1]; s >= 0 && e > s {
			left := strings.TrimLeftFunc(line[s:e], unicode.IsSpace)
			key := strings.TrimRightFunc(left, unicode.IsSpace)
			if key == "" {
				return 0, 0
			}
			return e - len(left), len(key)
		}
	}
	return 0, 0
}
