package ui

import (
	"container/list"
	"time"

	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/ui/console"
)

// cacheSize bounds how many consoles are kept in memory, and cacheBytes how much memory they
// may hold together. Real ECS outputs are small (tens of KB), but a server, a proxy or the
// emulator can send far more: five 200 MB consoles once took 1.15 GB. The newest entry is always
// kept, however large, because it is the one on screen; older ones go first.
const (
	cacheSize  = 32
	cacheBytes = 64 << 20
)

// cachedConsole is one instance's last fetched console, rendered.
type cachedConsole struct {
	key       string
	out       fetch.ConsoleOutput
	doc       console.Document
	fetchedAt time.Time
	size      int // estimated bytes held (sizeOf)
}

// consoleCache is a least-recently-used map from region/instance to its last console, bounded by
// entries and by bytes.
type consoleCache struct {
	max      int
	maxBytes int
	bytes    int
	order    *list.List // front is most recent; values are *cachedConsole
	byKey    map[string]*list.Element
}

func newConsoleCache(n int) *consoleCache {
	return &consoleCache{max: n, maxBytes: cacheBytes, order: list.New(), byKey: map[string]*list.Element{}}
}

// sizeOf estimates what an entry keeps alive: the decoded bytes, each rendered plain line with
// its string header, and the styles of the coloured lines. Lines that share memory with the
// decoded bytes are counted twice, which errs on the side of evicting early.
func sizeOf(out fetch.ConsoleOutput, doc console.Document) int {
	// cap, not len: a log of a few MiB decoded from an answer of unknown length keeps the
	// capacity fetch reserved for it (fetch/consolebody.go).
	n := cap(out.Data) + doc.StyleBytes()
	for _, l := range doc.Plain {
		n += len(l) + 16
	}
	return n
}

func cacheKey(region, id string) string { return region + "/" + id }

// get returns the entry and marks it recently used.
func (c *consoleCache) get(region, id string) (*cachedConsole, bool) {
	e, ok := c.byKey[cacheKey(region, id)]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*cachedConsole), true
}

// put stores an entry, evicting the least recently used beyond the bound.
func (c *consoleCache) put(region, id string, out fetch.ConsoleOutput, doc console.Document, at time.Time) {
	k := cacheKey(region, id)
	entry := &cachedConsole{key: k, out: out, doc: doc, fetchedAt: at, size: sizeOf(out, doc)}
	if e, ok := c.byKey[k]; ok {
		c.bytes -= e.Value.(*cachedConsole).size
		e.Value = entry
		c.order.MoveToFront(e)
	} else {
		c.byKey[k] = c.order.PushFront(entry)
	}
	c.bytes += entry.size
	for c.order.Len() > 1 && (c.order.Len() > c.max || c.bytes > c.maxBytes) {
		last := c.order.Back()
		c.order.Remove(last)
		old := last.Value.(*cachedConsole)
		c.bytes -= old.size
		delete(c.byKey, old.key)
	}
}

// putUnlessNewer stores an answer unless the cache already holds one fetched later for the same
// instance: answers can arrive out of order (a scan's, a refresh's), and a late one must not
// replace a newer log.
func (c *consoleCache) putUnlessNewer(region, id string, out fetch.ConsoleOutput, doc console.Document, at time.Time) {
	if e, ok := c.byKey[cacheKey(region, id)]; ok && e.Value.(*cachedConsole).fetchedAt.After(at) {
		c.order.MoveToFront(e) // the instance was still just asked about
		return
	}
	c.put(region, id, out, doc, at)
}

// len is the number of entries.
func (c *consoleCache) len() int { return c.order.Len() }
