package logview

import (
	"encoding/binary"
	"math/bits"
	"sort"
	"strings"
	"unsafe"
)

// A literal's first byte is a poor thing to scan for in a log: lower-case letters and spaces make
// up most of the text, so strings.Index stops at almost every word. finder scans for the literal's
// rarest bytes instead, ranked by a sample of the text: one rare byte with the vectorised
// strings.IndexByte when some byte of the literal is rare, else two of its least common bytes at
// once, eight positions per step, which gives few false starts even when every byte is a common
// letter. A case-insensitive literal (lower case, ASCII) is found in the text as it is, without a
// folded copy: when one of its letters is rare in both cases together, the scan runs
// strings.IndexByte for each case side by side (memchr2), so it stays vectorised; otherwise the
// eight-at-a-time scan ORs 0x20 into the bytes it compares with a letter, which maps exactly the
// letter's two cases onto it. Candidates are compared ignoring ASCII case. Either way the cost
// hardly depends on the case of the pattern, which keeps a case-insensitive search close to a
// case-sensitive one.

// rareEnough is the share of the text (1 in rareEnough bytes) below which a single byte is rare
// enough to scan for alone.
const rareEnough = 200

// eitherRareEnough is rareEnough for a letter's two cases together, scanned for side by side. On
// issue 16's log the two-case scan beats the pair scan from about 1 in 100 bytes (x, 1 in 165:
// 25 ms against 45; v, 1 in 71: 47 against 41).
const eitherRareEnough = 120

// finder finds one literal.
type finder struct {
	lit string
	// r1 and r2 are the offsets in lit of its rarest byte and of its next rarest one; pair says
	// whether the scan checks both (r2 is meaningless when it does not). either says that the
	// scan is for both cases of the letter at r1, each with strings.IndexByte.
	r1, r2 int
	pair   bool
	either bool
	// fold matches ASCII letters in either case; lit is then lower case.
	fold bool
	// lower remembers where indexEither's scan for the lower case stopped.
	lower nextByte
}

// nextByte is indexEither's scan for the lower case: the next index of c in a text, remembered
// between calls so that the scan never repeats the text it covered. Calls go through one text (a
// segment, given a window at a time: the same first byte, a length that grows) with positions that
// only grow, so what was found stays true.
type nextByte struct {
	c    byte
	base *byte // the text the rest describes
	// from and at say that c is not in t[from:at); found says that t[at] is c.
	from, at int
	found    bool
}

// next returns the first index >= pos of c in t, or len(t).
func (nb *nextByte) next(t string, pos int) int {
	start := pos
	if b := unsafe.StringData(t); b != nb.base {
		nb.base, nb.from, nb.at, nb.found = b, 0, 0, false
	} else if nb.from <= pos && pos <= nb.at {
		if nb.found && nb.at < len(t) {
			return nb.at
		}
		if !nb.found {
			start = min(nb.at, len(t))
		}
	}
	nb.from = pos
	if j := strings.IndexByte(t[start:], nb.c); j >= 0 {
		nb.at, nb.found = start+j, true
		return nb.at
	}
	nb.at, nb.found = len(t), false
	return len(t)
}

// newFinder prepares a scan for lit (non-empty; lower case when fold) in a text of which sample is
// a sample and freq the byte counts of the sample (folded when fold, so that a letter counts
// both its cases: see foldFreq).
func newFinder(lit, sample string, freq *byteFreq, fold bool) finder {
	f := finder{lit: lit, fold: fold}
	for i := 1; i < len(lit); i++ {
		if freq.n[lit[i]] < freq.n[lit[f.r1]] {
			f.r1 = i
		}
	}
	count, total := uint64(freq.n[lit[f.r1]]), freq.total()
	if !fold || !isLetter(lit[f.r1]) {
		if count*rareEnough <= total || len(lit) == 1 {
			return f
		}
	} else if count*eitherRareEnough <= total {
		f.either = true
		return f
	}
	if len(lit) == 1 {
		// One letter, either case: the pair scan with both bytes the same.
		f.pair, f.r2 = true, 0
		return f
	}
	// Two bytes that are each uncommon can still be common together ("ni" in every "unit"), so
	// the pair is chosen by counting how often each pair of the literal's four least common bytes
	// occurs at its distance in a sample of the text.
	pos := make([]int, len(lit))
	for i := range pos {
		pos[i] = i
	}
	sort.SliceStable(pos, func(a, b int) bool { return freq.n[lit[pos[a]]] < freq.n[lit[pos[b]]] })
	pos = pos[:min(len(pos), 4)]
	best := -1
	for a := range pos {
		for b := a + 1; b < len(pos); b++ {
			i, j := min(pos[a], pos[b]), max(pos[a], pos[b])
			if c := pairCount(sample, lit[i], lit[j], j-i, fold); best < 0 || c < best {
				best, f.r1, f.r2 = c, i, j
			}
		}
	}
	f.pair = true
	return f
}

// pairCount counts the places in 16 pieces of 4 KB of sample where c1 is followed by c2 gap
// bytes later; when fold, c1 and c2 are lower case and match either case of an ASCII letter
// (the sample is not lower-cased: a lower-cased copy cost a megabyte for 64 KB compared).
func pairCount(sample string, c1, c2 byte, gap int, fold bool) int {
	const pieces, piece = 16, 4 << 10
	step := max(len(sample)/pieces, piece)
	n := 0
	for off := 0; off < len(sample); off += step {
		p := sample[off:min(off+piece+gap, len(sample))]
		for k := 0; k+gap < len(p); k++ {
			a, b := p[k], p[k+gap]
			if fold {
				a, b = lowerByte(a), lowerByte(b)
			}
			if a == c1 && b == c2 {
				n++
			}
		}
	}
	return n
}

// lowerByte lower-cases an ASCII letter.
func lowerByte(c byte) byte {
	if c-'A' < 26 {
		return c + 'a' - 'A'
	}
	return c
}

// index returns the first index >= pos of the literal in text, or -1.
func (f *finder) index(text string, pos int) int {
	n := len(f.lit)
	last := len(text) - n // the last index the literal can start at
	if pos > last {
		return -1
	}
	if f.either {
		return f.indexEither(text, pos)
	}
	if !f.pair {
		c := f.lit[f.r1]
		for pos <= last {
			j := strings.IndexByte(text[pos+f.r1:last+f.r1+1], c)
			if j < 0 {
				return -1
			}
			at := pos + j
			if f.equal(text[at : at+n]) {
				return at
			}
			pos = at + 1
		}
		return -1
	}
	// Eight candidate starts per step: x and y hold the bytes at offsets r1 and r2 of each
	// candidate, XORed with the wanted byte, so a candidate whose both bytes match shows as a zero
	// byte in x|y. The classic zero-byte test flags every zero byte (and, after one, possibly a
	// few others, which the comparison rejects).
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	b := unsafe.Slice(unsafe.StringData(text), len(text))
	c1 := lo * uint64(f.lit[f.r1])
	c2 := lo * uint64(f.lit[f.r2])
	// m1 and m2 fold a letter's upper case onto its lower case (see the comment at the top).
	var m1, m2 uint64
	if f.fold && isLetter(f.lit[f.r1]) {
		m1 = lo * 0x20
	}
	if f.fold && isLetter(f.lit[f.r2]) {
		m2 = lo * 0x20
	}
	// xy is x|y for the 8 starts at p. The parentheses matter: Go gives | and ^ the same
	// precedence, so without them a^b | c^d is ((a^b)|c)^d, which flags far more false starts.
	xy := func(w1, w2 []byte) uint64 {
		return ((binary.LittleEndian.Uint64(w1) | m1) ^ c1) | ((binary.LittleEndian.Uint64(w2) | m2) ^ c2)
	}
	// zero flags the zero bytes of z in their top bits, once masked with hi (left to the caller,
	// so that four words share one mask).
	zero := func(z uint64) uint64 { return (z - lo) &^ z }
	// check verifies the flagged candidates of the 8 starts at base.
	check := func(base int, t uint64) int {
		for t &= hi; t != 0; t &= t - 1 {
			at := base + bits.TrailingZeros64(t)/8
			if f.equal(text[at : at+n]) {
				return at
			}
		}
		return -1
	}
	// The main loop takes 32 starts per step and only looks closer when one of the four words has
	// a flag, which keeps the common case to loads, XORs and one branch.
	b1, b2 := b[f.r1:], b[f.r2:]
	for ; pos+31 <= last; pos += 32 {
		w1, w2 := b1[pos:pos+32], b2[pos:pos+32]
		t0 := zero(xy(w1[0:], w2[0:]))
		t1 := zero(xy(w1[8:], w2[8:]))
		t2 := zero(xy(w1[16:], w2[16:]))
		t3 := zero(xy(w1[24:], w2[24:]))
		if (t0|t1|t2|t3)&hi == 0 {
			continue
		}
		for k, t := range [4]uint64{t0, t1, t2, t3} {
			if at := check(pos+8*k, t); at >= 0 {
				return at
			}
		}
	}
	for ; pos+7 <= last; pos += 8 {
		if at := check(pos, zero(xy(b1[pos:], b2[pos:]))); at >= 0 {
			return at
		}
	}
	for ; pos <= last; pos++ {
		if f.equal(text[pos : pos+n]) {
			return pos
		}
	}
	return -1
}

// indexEither is index for a finder that scans for the two cases of a rare letter, each with
// strings.IndexByte, so the scan stays vectorised (memchr2). The lower case, the more common one
// in logs, is scanned for first, and the upper case only up to the lower case's hit, so that the
// upper-case scan never runs ahead of the candidate returned: a scan ahead to a rare capital
// would be repeated after every hit. The lower-case scan may run ahead (its hit is the next
// candidate but one, when a capital comes first); it remembers where it stopped (nextByte). The
// two scans go through the same stretch of text, so the second reads it from the cache.
func (f *finder) indexEither(text string, pos int) int {
	n := len(f.lit)
	// t holds the bytes that can be the literal's r1-th byte: t[i] starts a candidate at i.
	t := text[f.r1 : len(text)-n+f.r1+1]
	f.lower.c = f.lit[f.r1]
	upper := f.lower.c - ('a' - 'A')
	// Most candidates differ from the literal in the byte after the scanned one (or before it,
	// at the literal's end), which is checked inline before the whole comparison.
	k := f.r1 + 1
	if k == n {
		k = f.r1 - 1
	}
	var ck, mk byte
	if k >= 0 {
		ck = f.lit[k]
		if isLetter(ck) {
			mk = 0x20
		}
	}
	match := func(at int) bool { return (k < 0 || text[at+k]|mk == ck) && f.equal(text[at:at+n]) }
	for pos < len(t) {
		nl := f.lower.next(t, pos)
		for u := pos; u < nl; {
			j := strings.IndexByte(t[u:nl], upper)
			if j < 0 {
				break
			}
			at := u + j
			if match(at) {
				return at
			}
			u = at + 1
		}
		if nl == len(t) {
			return -1
		}
		if match(nl) {
			return nl
		}
		pos = nl + 1
	}
	return -1
}

// equal reports whether s (as long as the literal) is the literal, ignoring ASCII case if fold.
func (f finder) equal(s string) bool {
	if !f.fold {
		return s == f.lit
	}
	for i := 0; i < len(s); i++ {
		if lowerByte(s[i]) != f.lit[i] {
			return false
		}
	}
	return true
}

// isLetter reports an ASCII letter.
func isLetter(c byte) bool { return (c|0x20)-'a' < 26 }

// byteFreq counts each byte value in a sample of a text.
type byteFreq struct{ n [256]uint32 }

// sampleFreq counts the bytes of a sample of the text (see takeSample).
func sampleFreq(sample string, freq *byteFreq) {
	for i := 0; i < len(sample); i++ {
		freq.n[sample[i]]++
	}
}

// foldFreq sets out to the counts of freq's sample lower-cased (ASCII), without lower-casing it:
// each capital counts as its small letter.
func foldFreq(freq, out *byteFreq) {
	*out = *freq
	for c := 'A'; c <= 'Z'; c++ {
		out.n[c+'a'-'A'] += out.n[c]
		out.n[c] = 0
	}
}

// total is the sample's size.
func (f *byteFreq) total() uint64 {
	var t uint64
	for _, c := range f.n {
		t += uint64(c)
	}
	return t
}
