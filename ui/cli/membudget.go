package cli

import (
	"context"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"time"
)

// The memory budget of `bootlog view` on a big log is issue 16's: 1.5 bytes of resident memory
// per log byte, plus 20 MiB for the program itself. Left to the collector's default goal, the
// peak over a session is about twice the heap found live at the last collection: right after the
// file is read that is twice the log, and once the log is loaded and searched a few times, twice
// what the viewer keeps (about 1.45 bytes per log byte: the log, a string header per line, plain
// copies of the coloured lines, the findings, the search index), so the peak creeps up with every
// search. Once the log is loaded, a soft memory limit (debug.SetMemoryLimit) holds the heap near
// what the viewer keeps instead: at the budget, or, where the viewer keeps more than the budget
// allows, an eighth above what it keeps, so that the collector never runs back to back. The
// limit is set only then because, set from the start, it kept the collector running without
// pause while the log loaded (77 collections in 2 s on the 108 MB log, measured): the live heap
// ends within a few MiB of the budget. The log's bytes, two thirds of the heap, hold no pointers
// and cost the collector nothing to mark, so a collection costs 25-45 ms of CPU on that log
// (GODEBUG=gctrace=1), done beside the program rather than stopping it.
//
// Below budgetFromBytes the budget's 20 MiB is mostly the binary itself (about 24 MiB resident
// before any log), and the default goal costs little, so no limit is set.
const budgetFromBytes = 32 << 20

// settleEvery is how often the heap is checked for the end of loading, and settledBelow the growth
// between two checks under which loading (reading, rendering, the findings scan, the search index)
// is taken to be over.
const (
	settleEvery  = 500 * time.Millisecond
	settledBelow = 1 << 20
)

// viewMemoryBudget is the resident-memory budget for viewing a log of size bytes.
func viewMemoryBudget(size int64) int64 {
	return size*3/2 + 20<<20
}

// limitViewMemory holds `bootlog view` of a log of size bytes near viewMemoryBudget once the log is
// loaded. The runtime's limit counts only the memory the Go runtime maps; the binary's own resident
// pages, counted now, before the log is read, are taken off the budget first. It does nothing for
// small logs, and stops watching when ctx ends.
func limitViewMemory(ctx context.Context, size int64) {
	if size < budgetFromBytes {
		return
	}
	go limitWhenLoaded(ctx, viewMemoryBudget(size)-nonRuntimeResident())
}

// limitWhenLoaded waits until the heap stops growing, collects once to learn what the viewer keeps,
// and sets the limit to budget, or to an eighth above what is kept when that is more.
func limitWhenLoaded(ctx context.Context, budget int64) {
	allocs := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(allocs)
	last := allocs[0].Value.Uint64()
	tick := time.NewTicker(settleEvery)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		metrics.Read(allocs)
		now := allocs[0].Value.Uint64()
		if now-last < settledBelow {
			break
		}
		last = now
	}
	runtime.GC()
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(live)
	kept := int64(live[0].Value.Uint64())
	debug.SetMemoryLimit(max(budget, kept+kept/8))
}

// nonRuntimeResident is the resident memory the Go runtime does not manage, mostly the binary's
// own pages: the process's resident set (/proc/self/statm) less what the runtime has mapped and
// not given back. It is 0 where statm cannot be read, which leaves the whole budget to the runtime.
func nonRuntimeResident() int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0
	}
	pages, err := strconv.ParseInt(f[1], 10, 64)
	if err != nil {
		return 0
	}
	samples := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(samples)
	runtimeResident := int64(samples[0].Value.Uint64()) - int64(samples[1].Value.Uint64())
	return max(0, pages*int64(os.Getpagesize())-runtimeResident)
}
