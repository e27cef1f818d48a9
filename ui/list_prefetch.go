package ui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/bootlog/bootlog/fetch"
)

// Prefetch: when the list cursor rests on an instance, its console is fetched into the cache, so
// enter shows it at once. The list owns the prefetcher (the debounce and the requests in flight);
// the root stores the answers and hands the viewer the one it may be waiting for.

// prefetchDelay is how long the list cursor must rest on an instance before its console is
// fetched: long enough that scrolling through the list fetches nothing.
const prefetchDelay = 150 * time.Millisecond

// maxPrefetch bounds concurrent prefetches, so they never crowd out what the operator asked for.
const maxPrefetch = 2

// prefetchFresh is how recent a cached console must be for the prefetcher to leave it alone.
const prefetchFresh = 30 * time.Second

// prefetcher is the list's prefetch: the debounce of the cursor and the requests in flight.
type prefetcher struct {
	*env
	// seq numbers cursor moves: only the tick of the last resting place prefetches.
	seq uint64
	// inflight holds the cache keys of the prefetches on their way.
	inflight map[string]bool
}

func newPrefetcher(e *env) prefetcher {
	return prefetcher{env: e, inflight: map[string]bool{}}
}

// schedule restarts the debounce for in, the instance under the cursor (ok false: none). Every
// cursor move bumps the sequence number, so only the tick of the last resting place does anything.
func (p *prefetcher) schedule(region string, in fetch.Instance, ok bool) tea.Cmd {
	if !ok || consoleUnavailable(in) != "" {
		return nil
	}
	p.seq++
	return p.tick(prefetchDelay, prefetchTickMsg{seq: p.seq, region: region, instanceID: in.ID})
}

// onTick starts a prefetch if the cursor is still on the instance (selected, in region) and its
// console is not fresh.
func (p *prefetcher) onTick(msg prefetchTickMsg, region string, selected fetch.Instance, ok bool) tea.Cmd {
	if msg.seq != p.seq || msg.region != region || !ok || selected.ID != msg.instanceID {
		return nil
	}
	k := cacheKey(msg.region, msg.instanceID)
	if p.inflight[k] || len(p.inflight) >= maxPrefetch {
		return nil
	}
	if c, ok := p.cache.get(msg.region, msg.instanceID); ok && p.now().Sub(c.fetchedAt) < prefetchFresh {
		return nil
	}
	p.inflight[k] = true
	id := msg.instanceID
	ctx, cancel := context.WithTimeout(context.Background(), fetchTimeout)
	return p.fetchConsoleCmd(ctx, cancel, region, id, func(r consoleResult) tea.Msg {
		return prefetchedMsg{region: region, instanceID: id, consoleResult: r}
	})
}

// running reports whether region/id is being prefetched (the viewer then waits for it).
func (p *prefetcher) running(region, id string) bool {
	return p.inflight[cacheKey(region, id)]
}

// done forgets a prefetch that answered.
func (p *prefetcher) done(region, id string) {
	delete(p.inflight, cacheKey(region, id))
}
