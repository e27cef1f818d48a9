package cli

import (
	"context"
	"math"
	"runtime/debug"
	"runtime/metrics"
	"testing"
)

func TestViewMemoryBudget(t *testing.T) {
	// Issue 16: 1.5 bytes per log byte plus 20 MiB.
	if got, want := viewMemoryBudget(108_000_000), int64(162_000_000+20<<20); got != want {
		t.Fatalf("budget(108 MB) = %d, want %d", got, want)
	}
}

// A small log gets no limit: the budget there is mostly the binary itself.
func TestSmallLogSetsNoMemoryLimit(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	limitViewMemory(context.Background(), budgetFromBytes-1)
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Fatalf("limit changed from %d to %d for a small log", before, got)
	}
}

// Once the heap is quiet, the limit is the budget, or an eighth above what is kept when the
// budget is smaller than that (here it is: 1 MiB), so that the collector never runs back to back.
func TestLimitWhenLoadedNeverSitsBelowTheLiveHeap(t *testing.T) {
	defer debug.SetMemoryLimit(math.MaxInt64)
	limitWhenLoaded(context.Background(), 1<<20)
	limit := debug.SetMemoryLimit(-1)
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(live)
	kept := int64(live[0].Value.Uint64())
	if limit < kept+kept/10 || limit > 2*kept {
		t.Fatalf("limit %d for a live heap of %d: want about an eighth above it", limit, kept)
	}

	defer debug.SetMemoryLimit(math.MaxInt64)
	limitWhenLoaded(context.Background(), 1<<40)
	if got := debug.SetMemoryLimit(-1); got != 1<<40 {
		t.Fatalf("limit = %d, want the budget when it is above the live heap", got)
	}
}

// A viewer closed while its log is still loading stops watching.
func TestLimitWhenLoadedStopsWithItsContext(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	limitWhenLoaded(ctx, 1<<20)
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Fatalf("limit set to %d after the context ended", got)
	}
}
