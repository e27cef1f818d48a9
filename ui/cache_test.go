package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/ui/console"
)

// bigConsole is a console whose decoded bytes are n long, rendered as the viewer would.
func bigConsole(n int) (fetch.ConsoleOutput, console.Document) {
	data := []byte(strings.Repeat(strings.Repeat("x", 99)+"\n", n/100))
	return fetch.ConsoleOutput{Data: data}, console.Render(data, console.Options{})
}

// TestCacheIsBoundedByBytes: consoles far larger than ECS sends evict older ones by size, not
// only by count (issue 11: five 200 MB consoles once held 1.15 GB), and the newest one is kept
// even when it alone is over the bound, because it is on screen.
func TestCacheIsBoundedByBytes(t *testing.T) {
	c := newConsoleCache(32)
	c.maxBytes = 10 << 20
	at := time.Now()
	for i, id := range []string{"i-1", "i-2", "i-3", "i-4", "i-5"} {
		out, doc := bigConsole(3 << 20)
		c.put("r", id, out, doc, at.Add(time.Duration(i)))
		if c.bytes > c.maxBytes {
			t.Fatalf("after %s: %d bytes held, bound %d", id, c.bytes, c.maxBytes)
		}
	}
	if _, ok := c.get("r", "i-1"); ok {
		t.Error("the oldest console survived a cache over its byte bound")
	}
	if _, ok := c.get("r", "i-5"); !ok {
		t.Error("the newest console was evicted")
	}
	out, doc := bigConsole(30 << 20)
	c.put("r", "i-huge", out, doc, at)
	if _, ok := c.get("r", "i-huge"); !ok || c.len() != 1 {
		t.Errorf("a console over the bound on its own: kept %v, %d entries (want it alone)", ok, c.len())
	}
	// Replacing an entry accounts for the old size, so the total never drifts.
	small, sdoc := bigConsole(1000)
	c.put("r", "i-huge", small, sdoc, at)
	if want := sizeOf(small, sdoc); c.bytes != want {
		t.Errorf("after replacing: %d bytes held, want %d", c.bytes, want)
	}
}

// TestCacheKeepsTheNewerAnswer: an answer that arrives after a newer one for the same instance
// (a scan's behind a refresh's) does not replace it.
func TestCacheKeepsTheNewerAnswer(t *testing.T) {
	c := newConsoleCache(32)
	at := time.Now()
	newer, ndoc := bigConsole(1000)
	c.put("r", "i-1", newer, ndoc, at)
	older, odoc := bigConsole(2000)
	c.putUnlessNewer("r", "i-1", older, odoc, at.Add(-time.Minute))
	if got, _ := c.get("r", "i-1"); len(got.out.Data) != len(newer.Data) {
		t.Fatal("a late, older answer replaced the newer one")
	}
	c.putUnlessNewer("r", "i-1", older, odoc, at.Add(time.Minute))
	if got, _ := c.get("r", "i-1"); len(got.out.Data) != len(older.Data) {
		t.Fatal("a newer answer was not stored")
	}
}
