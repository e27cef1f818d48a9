package logview

import (
	"sort"
	"sync"
	"sync/atomic"
)

// Very long lines (a misbehaving image that never writes a newline, a saved log of one huge JSON
// blob) would make every frame walk from the start of the line to its visible part. The walker
// therefore leaves checkpoints in such lines as it goes, and the next frame starts from the last
// checkpoint before its first row.
const (
	// cacheMinLen is the styled length from which a line gets checkpoints; shorter lines are
	// walked from their start in well under the frame budget.
	cacheMinLen = 16 << 10
	// checkpointEvery is the distance in cells (rows × width plus column when wrapped) between
	// checkpoints.
	checkpointEvery = 2048
	// cacheMaxLines bounds the number of lines with checkpoints; the cache starts over when full.
	cacheMaxLines = 64
)

// contentGen numbers contents across all models so a cache entry never outlives its content.
var contentGen atomic.Uint64

// checkpoint is the walker's state before a printable unit: enough to resume from there.
type checkpoint struct {
	i, pos, row, col, abs int
	sgr                   string
}

// checkpoints are one line's checkpoints at one width, in walk order, and the progress at which
// the next one is due.
type checkpoints struct {
	cps  []checkpoint
	next int
}

// cacheKey names a line of a content at a row width (noWrap when not wrapped).
type cacheKey struct {
	gen         uint64
	line, wrapW int
}

// rowCache holds checkpoints and the styled text for long lines. Model copies share it (View has a value receiver),
// so it is locked; the lock is only taken for lines long enough to be cached.
type rowCache struct {
	mu      sync.Mutex
	entries map[cacheKey]*checkpoints
	// styled holds the styled text of long lines, by content and line.
	styled map[[2]uint64]string
}

// styledLine returns line i of content gen styled, from styled the first time. The caller holds
// c.mu.
func (c *rowCache) styledLine(gen uint64, i int, styled func(int) string) string {
	key := [2]uint64{gen, uint64(i)}
	if s, ok := c.styled[key]; ok {
		return s
	}
	if c.styled == nil || len(c.styled) >= cacheMaxLines {
		c.styled = make(map[[2]uint64]string)
	}
	s := styled(i)
	c.styled[key] = s
	return s
}

// lookup returns the checkpoints for key, creating an empty set. The caller holds c.mu.
func (c *rowCache) lookup(key cacheKey) *checkpoints {
	if c.entries == nil || len(c.entries) >= cacheMaxLines {
		c.entries = make(map[cacheKey]*checkpoints)
	}
	cp, ok := c.entries[key]
	if !ok {
		cp = &checkpoints{next: checkpointEvery}
		c.entries[key] = cp
	}
	return cp
}

// before returns the last checkpoint at or before progress abs, if any.
func (c *checkpoints) before(abs int) (checkpoint, bool) {
	k := sort.Search(len(c.cps), func(k int) bool { return c.cps[k].abs > abs })
	if k == 0 {
		return checkpoint{}, false
	}
	return c.cps[k-1], true
}

// record adds a checkpoint if the walk has gone past the last one by the interval.
func (c *checkpoints) record(cp checkpoint) {
	if cp.abs < c.next {
		return
	}
	c.cps = append(c.cps, cp)
	c.next = cp.abs + checkpointEvery
}
