package ui

import (
	"container/list"
	"time"

	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/ui/console"
)

// cacheSize bounds how many consoles are kept in memory; ECS caps one output at 64 KB of base64,
// so this is a few megabytes at most.
const cacheSize = 32

// cachedConsole is one instance's last fetched console, rendered.
type cachedConsole struct {
	key       string
	out       fetch.ConsoleOutput
	doc       console.Document
	fetchedAt time.Time
}

// consoleCache is a least-recently-used map from region/instance to its last console.
type consoleCache struct {
	max   int
	order *list.List // front is most recent; values are *cachedConsole
	byKey map[string]*list.Element
}

func newConsoleCache(n int) *consoleCache {
	return &consoleCache{max: n, order: list.New(), byKey: map[string]*list.Element{}}
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
	if e, ok := c.byKey[k]; ok {
		e.Value = &cachedConsole{key: k, out: out, doc: doc, fetchedAt: at}
		c.order.MoveToFront(e)
		return
	}
	c.byKey[k] = c.order.PushFront(&cachedConsole{key: k, out: out, doc: doc, fetchedAt: at})
	for c.order.Len() > c.max {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.byKey, last.Value.(*cachedConsole).key)
	}
}

// len is the number of entries.
func (c *consoleCache) len() int { return c.order.Len() }
