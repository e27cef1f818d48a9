package ui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"
)

// Prefetch: when the list cursor rests on an instance, its console is fetched into the cache, so
// enter shows it at once. The list owns the debounce and the requests in flight; the root stores
// the answers and hands the viewer the one it may be waiting for.

// prefetchDelay is how long the list cursor must rest on an instance before its console is
// fetched: long enough that scrolling through the list fetches nothing.
const prefetchDelay = 150 * time.Millisecond

// maxPrefetch bounds concurrent prefetches, so they never crowd out what the operator asked for.
const maxPrefetch = 2

// prefetchFresh is how recent a cached console must be for the prefetcher to leave it alone.
const prefetchFresh = 30 * time.Second

// schedulePrefetch restarts the debounce for the instance under the cursor. Every cursor move bumps
// the sequence number, so only the tick of the last resting place does anything.
func (l *instanceList) schedulePrefetch() tea.Cmd {
	in, ok := l.selected()
	if !ok || consoleUnavailable(in) != "" {
		return nil
	}
	l.prefetchSeq++
	return l.tick(prefetchDelay, prefetchTickMsg{seq: l.prefetchSeq, region: l.region, instanceID: in.ID})
}

// onPrefetchTick starts a prefetch if the cursor is still there and the console is not fresh.
func (l *instanceList) onPrefetchTick(msg prefetchTickMsg) tea.Cmd {
	if msg.seq != l.prefetchSeq || msg.region != l.region {
		return nil
	}
	in, ok := l.selected()
	if !ok || in.ID != msg.instanceID {
		return nil
	}
	k := cacheKey(msg.region, msg.instanceID)
	if l.inflight[k] || len(l.inflight) >= maxPrefetch {
		return nil
	}
	if c, ok := l.cache.get(msg.region, msg.instanceID); ok && l.now().Sub(c.fetchedAt) < prefetchFresh {
		return nil
	}
	l.inflight[k] = true
	region, id := msg.region, msg.instanceID
	ctx, cancel := context.WithTimeout(context.Background(), fetchTimeout)
	return l.fetchConsoleCmd(ctx, cancel, region, id, func(r consoleResult) tea.Msg {
		return prefetchedMsg{region: region, instanceID: id, consoleResult: r}
	})
}

// prefetching reports whether region/id is being prefetched (the viewer then waits for it).
func (l *instanceList) prefetching(region, id string) bool {
	return l.inflight[cacheKey(region, id)]
}

// prefetchDone forgets a prefetch that answered.
func (l *instanceList) prefetchDone(region, id string) {
	delete(l.inflight, cacheKey(region, id))
}
