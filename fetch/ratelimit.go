package fetch

import (
	"context"
	"sync"
	"time"
)

// bucket is a token bucket: rate tokens a second, at most burst saved up. ECS throttles per
// account and API, so every request to a region (first attempts, retries, prefetches, pages)
// draws from that region's one bucket and a busy UI slows itself down instead of provoking
// Throttling.
type bucket struct {
	mu     sync.Mutex
	rate   float64 // tokens per second
	burst  float64
	tokens float64
	last   time.Time
	now    func() time.Time
}

func newBucket(rate float64, burst int) *bucket {
	return &bucket{rate: rate, burst: float64(burst), tokens: float64(burst), now: time.Now}
}

// reserve takes one token and returns how long the caller must wait before using it. Tokens may
// go negative: that is a queue of callers, each told to wait its turn, so waiters are served in
// order without a goroutine per bucket.
func (b *bucket) reserve() time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()
	now := b.now()
	if !b.last.IsZero() {
		b.tokens += now.Sub(b.last).Seconds() * b.rate
		if b.tokens > b.burst {
			b.tokens = b.burst
		}
	}
	b.last = now
	b.tokens--
	if b.tokens >= 0 {
		return 0
	}
	return time.Duration(-b.tokens / b.rate * float64(time.Second))
}

// cancel returns a token whose wait was abandoned, so a cancelled prefetch does not delay the
// calls queued behind it.
func (b *bucket) cancel() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.tokens++
	if b.tokens > b.burst {
		b.tokens = b.burst
	}
}

// wait blocks until a token is available or ctx ends.
func (b *bucket) wait(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	d := b.reserve()
	if d <= 0 {
		return nil
	}
	if err := sleep(ctx, d); err != nil {
		b.cancel()
		return err
	}
	return nil
}

// sleep waits for d or until ctx ends, whichever is first.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// limiters hands out one bucket per region, created on first use.
type limiters struct {
	mu      sync.Mutex
	rate    float64
	burst   int
	buckets map[string]*bucket
}

func (l *limiters) get(region string) *bucket {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[region]
	if !ok {
		if l.buckets == nil {
			l.buckets = map[string]*bucket{}
		}
		b = newBucket(l.rate, l.burst)
		l.buckets[region] = b
	}
	return b
}
