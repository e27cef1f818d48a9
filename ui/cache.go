package ui

import (
	"container/list"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/ui/console"
)

// cacheSize bounds how many consoles are kept in memory; ECS caps one output at 64 KB of base64,
// so this is a few megabytes at most.
const cacheSize = 32

// prefetchDelay is how long the list cursor must rest on an instance before its console is
// fetched: long enough that scrolling through the list fetches nothing.
const prefetchDelay = 150 * time.Millisecond

// maxPrefetch bounds concurrent prefetches, so they never crowd out what the operator asked for.
const maxPrefetch = 2

// prefetchFresh is how recent a cached console must be for the prefetcher to leave it alone.
const prefetchFresh = 30 * time.Second

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

// prefetchState tracks the debounce and the prefetches in flight.
type prefetchState struct {
	seq      uint64
	inflight map[string]bool // cache keys being fetched
}

// schedulePrefetch restarts the debounce for the instance under the cursor. Every cursor move bumps
// the sequence number, so only the tick of the last resting place does anything.
func (m *Model) schedulePrefetch() tea.Cmd {
	if m.screen != screenList {
		return nil
	}
	in, ok := m.list.selected()
	if !ok || consoleUnavailable(in) != "" {
		return nil
	}
	m.prefetch.seq++
	return m.tick(prefetchDelay, prefetchTickMsg{seq: m.prefetch.seq, region: m.region, instanceID: in.ID})
}

// onPrefetchTick starts a prefetch if the cursor is still there and the console is not fresh.
func (m *Model) onPrefetchTick(msg prefetchTickMsg) tea.Cmd {
	if msg.seq != m.prefetch.seq || msg.region != m.region || m.screen != screenList {
		return nil
	}
	in, ok := m.list.selected()
	if !ok || in.ID != msg.instanceID {
		return nil
	}
	k := cacheKey(msg.region, msg.instanceID)
	if m.prefetch.inflight[k] || len(m.prefetch.inflight) >= maxPrefetch {
		return nil
	}
	if c, ok := m.cache.get(msg.region, msg.instanceID); ok && m.now().Sub(c.fetchedAt) < prefetchFresh {
		return nil
	}
	m.prefetch.inflight[k] = true
	return m.prefetchCmd(msg.region, msg.instanceID)
}

// onPrefetched stores a prefetched console under its own instance. If the viewer has since opened
// that same instance and is still waiting for its first answer, it shows this one meanwhile.
func (m *Model) onPrefetched(msg prefetchedMsg) tea.Cmd {
	delete(m.prefetch.inflight, cacheKey(msg.region, msg.instanceID))
	v := &m.viewer
	mine := m.screen == screenConsole && v.region == msg.region && v.inst.ID == msg.instanceID
	if msg.err != nil {
		if mine && v.awaitPrefetch {
			// The operator opened this console and is waiting for exactly this answer.
			v.loading, v.awaitPrefetch = false, false
			m.setError(msg.err)
			return m.scheduleFollow(msg.err)
		}
		// Otherwise a failed prefetch says nothing the operator asked about; opening the console
		// fetches again and reports the error there.
		return nil
	}
	m.cache.put(msg.region, msg.instanceID, msg.out, msg.doc, msg.fetchedAt)
	if !mine || v.have {
		return nil
	}
	cmd := m.applyConsole(msg.out, msg.doc, msg.fetchedAt, true)
	if v.awaitPrefetch {
		v.loading, v.awaitPrefetch = false, false
		v.lastCheck = msg.fetchedAt
		m.banner = nil
		return tea.Batch(cmd, m.scheduleFollow(nil))
	}
	return cmd
}
