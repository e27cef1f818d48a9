package fetch

import (
	"context"
	"errors"
	"sync"

	"golang.org/x/time/rate"
)

// limiters hands out one token bucket per region, created on first use. ECS throttles per
// account and API, so every request to a region (first attempts, retries, prefetches, pages)
// draws from that region's one bucket, and a busy UI slows itself down instead of provoking
// Throttling. The buckets are golang.org/x/time/rate limiters: waiters queue in order, and a
// wait abandoned by its context gives its token back, so a cancelled prefetch does not delay the
// calls queued behind it.
type limiters struct {
	mu      sync.Mutex
	rate    float64 // tokens per second
	burst   int
	buckets map[string]*rate.Limiter
}

// get is region's bucket; a new one starts full.
func (l *limiters) get(region string) *rate.Limiter {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[region]
	if !ok {
		if l.buckets == nil {
			l.buckets = map[string]*rate.Limiter{}
		}
		b = rate.NewLimiter(rate.Limit(l.rate), l.burst)
		l.buckets[region] = b
	}
	return b
}

// waitToken blocks until b has a token for one request or ctx ends. rate.Limiter refuses at once,
// with an error of its own, a wait that would outlast ctx's deadline; that is reported as
// context.DeadlineExceeded, which is what the caller would have got by waiting, so the call is
// classified as a timeout rather than an unknown failure.
func waitToken(ctx context.Context, b *rate.Limiter) error {
	err := b.Wait(ctx)
	if err == nil || ctx.Err() != nil {
		return err
	}
	return errors.Join(context.DeadlineExceeded, err)
}
