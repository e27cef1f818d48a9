package findings

import "strings"

// prefilter finds which rules' needles occur in a line in one pass over its bytes.
//
// Why not strings.Contains per needle: with some forty needles that is forty scans of every line,
// most of them for lines that match nothing. Instead, every byte pair of the line is looked up in
// a 64 Ki-entry table indexed by the needles' first two bytes, and only the needles starting with
// that pair are compared. The common case, a pair that starts no needle, costs one load.
type prefilter struct {
	// slot[pair] is 1 + the index into buckets of the needles starting with pair, or 0. Bytes,
	// not wider integers, keep the table at 64 KiB, within the L2 cache of any machine.
	slot    *[1 << 16]uint8
	buckets [][]needle
	// always lists rules without needles, which are candidates for every line.
	always []int
}

type needle struct {
	text string
	rule int
}

func newPrefilter(rules []Rule) *prefilter {
	p := &prefilter{slot: new([1 << 16]uint8)}
	for i, r := range rules {
		usable := len(r.Needles) > 0
		for _, n := range r.Needles {
			if len(n) < 2 {
				// A one-byte needle cannot be indexed by pair; rather than miss matches, run
				// this rule's regexp on every line.
				usable = false
				break
			}
		}
		for _, n := range r.Needles {
			if !usable {
				break
			}
			pair := uint16(n[0])<<8 | uint16(n[1])
			if p.slot[pair] == 0 {
				if len(p.buckets) == 255 {
					// More than 255 distinct needle starts: same fallback.
					usable = false
					break
				}
				p.buckets = append(p.buckets, nil)
				p.slot[pair] = uint8(len(p.buckets))
			}
			b := p.slot[pair] - 1
			p.buckets[b] = append(p.buckets[b], needle{text: n, rule: i})
		}
		if !usable {
			p.always = append(p.always, i)
		}
	}
	return p
}

// candidates marks in cand the rules whose needles occur in line and reports whether any did.
// cand must be all false on entry.
func (p *prefilter) candidates(line string, cand []bool) bool {
	hit := false
	for _, i := range p.always {
		cand[i] = true
		hit = true
	}
	if len(line) < 2 {
		return hit
	}
	// The table is an array indexed by a uint16, so the hot loop has no bounds checks.
	slot := p.slot
	prev := line[0]
	for i := 1; i < len(line); i++ {
		c := line[i]
		s := slot[uint16(prev)<<8|uint16(c)]
		prev = c
		if s == 0 {
			continue
		}
		for _, n := range p.buckets[s-1] {
			if !cand[n.rule] && strings.HasPrefix(line[i-1:], n.text) {
				cand[n.rule] = true
				hit = true
			}
		}
	}
	return hit
}
