package ui

import (
	"testing"

	"github.com/bootlog/bootlog/fetch"
)

// Prefetch and the console cache: what the list fetches while the cursor rests, and how the
// viewer uses it.

func TestPrefetchAfterCursorRests(t *testing.T) {
	f := standardFetcher()
	h := newHarness(t, f, testConfig(), Options{})
	h.ticks = nil
	h.selectID(dbID)
	h.press("j") // onto new-node (Pending: no prefetch)
	h.press("k") // back onto db-01
	h.fireTicks(prefetchTickMsg{})
	if got := f.count("ConsoleOutput"); got != 1 || f.count("ConsoleOutput cn-hangzhou "+dbID) != 1 {
		t.Fatalf("prefetch calls %v", f.Calls())
	}
	if _, ok := h.m.cache.get("cn-hangzhou", dbID); !ok {
		t.Fatal("prefetched console not cached")
	}
	// Enter shows it at once and refreshes behind it.
	_, cmd := h.m.Update(keyMsg("enter"))
	if !h.m.viewer.hasContent() || h.m.viewer.doc.Plain[0] != "db boot" {
		t.Fatal("cached console not shown at once")
	}
	h.drain(cmd)
	if f.count("ConsoleOutput cn-hangzhou "+dbID) != 2 {
		t.Fatalf("no refresh behind the cached log: %v", f.Calls())
	}
}

func TestPrefetchStaleTickAndRightInstance(t *testing.T) {
	f := standardFetcher()
	h := newHarness(t, f, testConfig(), Options{})
	h.ticks = nil
	h.selectID(webID)
	h.press("up") // win-ad → web-01? order: db, new, web, win; up from web is new-node
	h.press("down")
	// Two debounce ticks are pending; only the last (web-01) may fetch.
	h.fireTicks(prefetchTickMsg{})
	if f.count("ConsoleOutput") != 1 || f.count("ConsoleOutput cn-hangzhou "+webID) != 1 {
		t.Fatalf("calls %v", f.Calls())
	}
	// A prefetch answer for db-01 arriving while web-01 is open goes to db-01's cache only.
	h.press("enter")
	h.send(prefetchedMsg{region: "cn-hangzhou", instanceID: dbID, consoleResult: consoleResult{out: consoleFor(dbID, []byte("db!\n"), testNow), doc: renderDoc("db!\n"), fetchedAt: testNow}})
	if h.m.viewer.inst.ID != webID || h.m.viewer.doc.Plain[0] == "db!" {
		t.Fatal("prefetch for db-01 applied to web-01")
	}
	if c, ok := h.m.cache.get("cn-hangzhou", dbID); !ok || c.doc.Plain[0] != "db!" {
		t.Fatal("prefetch not stored under db-01")
	}
}

func TestPrefetchBounded(t *testing.T) {
	f := standardFetcher()
	h := newHarness(t, f, testConfig(), Options{})
	h.m.list.prefetch.inflight["cn-hangzhou/a"] = true
	h.m.list.prefetch.inflight["cn-hangzhou/b"] = true
	h.ticks = nil
	h.selectID(webID)
	h.press("down", "up")
	h.fireTicks(prefetchTickMsg{})
	if f.count("ConsoleOutput") != 0 {
		t.Fatal("a third prefetch started")
	}
}

func TestCacheEvictsLeastRecentlyUsed(t *testing.T) {
	c := newConsoleCache(2)
	c.put("r", "a", fetch.ConsoleOutput{}, renderDoc("a"), testNow)
	c.put("r", "b", fetch.ConsoleOutput{}, renderDoc("b"), testNow)
	c.get("r", "a")
	c.put("r", "c", fetch.ConsoleOutput{}, renderDoc("c"), testNow)
	if _, ok := c.get("r", "b"); ok || c.len() != 2 {
		t.Fatal("b should have been evicted")
	}
	if _, ok := c.get("r", "a"); !ok {
		t.Fatal("a evicted although recently used")
	}
}

func TestOpenWhilePrefetchInFlightUsesIt(t *testing.T) {
	f := standardFetcher()
	h := newHarness(t, f, testConfig(), Options{})
	h.ticks = nil
	h.selectID(webID)
	h.press("down", "up")
	// Start the prefetch but hold its answer.
	tick, _ := h.lastTick(prefetchTickMsg{})
	_, prefetch := h.m.Update(tick)
	if prefetch == nil {
		t.Fatal("no prefetch started")
	}
	h.press("enter")
	if !h.m.viewer.loading || f.count("ConsoleOutput") != 0 {
		t.Fatalf("opening asked again while the prefetch was in flight: %v", f.Calls())
	}
	h.drain(prefetch)
	if !h.m.viewer.hasContent() || h.m.viewer.loading || f.count("ConsoleOutput") != 1 {
		t.Fatalf("prefetch answer not shown: loading=%v calls=%v", h.m.viewer.loading, f.Calls())
	}
	if h.m.busy() {
		t.Fatal("still busy")
	}
}

func TestOpenWhilePrefetchFailsShowsError(t *testing.T) {
	f := standardFetcher()
	f.consoleErr[webID] = &fetch.Error{Kind: fetch.KindNetwork, Message: "connection refused"}
	h := newHarness(t, f, testConfig(), Options{})
	h.ticks = nil
	h.selectID(webID)
	h.press("down", "up")
	tick, _ := h.lastTick(prefetchTickMsg{})
	_, prefetch := h.m.Update(tick)
	h.press("enter")
	h.drain(prefetch)
	if h.m.banner == nil || h.m.viewer.loading {
		t.Fatal("the failed prefetch the viewer waited for left no banner")
	}
	h.mustContain("network error")
}

func TestRevalidateBehindCacheIsQuietWhenUnchanged(t *testing.T) {
	f := standardFetcher()
	h := newHarness(t, f, testConfig(), Options{})
	h.selectID(dbID)
	h.press("down", "up")
	h.fireTicks(prefetchTickMsg{})
	h.press("enter")
	if f.count("ConsoleOutput cn-hangzhou "+dbID) != 2 {
		t.Fatalf("calls %v", f.Calls())
	}
	if h.m.toast.text != "" {
		t.Fatalf("toast %q after an unchanged revalidation", h.m.toast.text)
	}
	h.press("r")
	if h.m.toast.text != "no new output" {
		t.Fatalf("toast %q after r", h.m.toast.text)
	}
}
