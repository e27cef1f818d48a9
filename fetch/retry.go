package fetch

import (
	"math/rand/v2"
	"time"
)

// RetryPolicy bounds the retries of read calls (every call except Reboot). A read is retried on
// Throttling (any Throttling* code or HTTP 429), on 5xx answers, on network errors and on a
// timed-out attempt; never on an answer that says the request itself is wrong. Zero fields take
// the defaults: 4 attempts, 200 ms base delay, 3 s maximum delay, 10 s in total.
type RetryPolicy struct {
	// MaxAttempts counts the first request too; 1 disables retries.
	MaxAttempts int
	// BaseDelay is the cap of the first backoff; each retry doubles the cap up to MaxDelay, and
	// the actual delay is drawn uniformly below the cap ("full jitter"), so that many clients
	// throttled at once do not come back in lockstep.
	BaseDelay time.Duration
	MaxDelay  time.Duration
	// MaxTotal bounds the whole call: no retry starts when the time since the first attempt plus
	// the next delay would exceed it. An attempt already running still has its own Timeout.
	MaxTotal time.Duration
}

// withDefaults fills the zero fields.
func (p RetryPolicy) withDefaults() RetryPolicy {
	if p.MaxAttempts <= 0 {
		p.MaxAttempts = 4
	}
	if p.BaseDelay <= 0 {
		p.BaseDelay = 200 * time.Millisecond
	}
	if p.MaxDelay <= 0 {
		p.MaxDelay = 3 * time.Second
	}
	if p.MaxDelay < p.BaseDelay {
		p.MaxDelay = p.BaseDelay
	}
	if p.MaxTotal <= 0 {
		p.MaxTotal = 10 * time.Second
	}
	return p
}

// ceiling is the largest delay allowed before retry number n (1 for the first retry):
// BaseDelay·2^(n-1), capped at MaxDelay.
func (p RetryPolicy) ceiling(n int) time.Duration {
	d := p.BaseDelay
	for i := 1; i < n && d < p.MaxDelay; i++ {
		d *= 2
	}
	return min(d, p.MaxDelay)
}

// backoff draws the delay before retry number n: uniform in [0, ceiling(n)].
func (p RetryPolicy) backoff(n int) time.Duration {
	c := p.ceiling(n)
	if c <= 0 {
		return 0
	}
	return rand.N(c + 1)
}

// retryable reports whether a failed read may be sent again. Each of these kinds says nothing
// was decided by ECS, or that ECS asked us to come back later.
func retryable(k ErrorKind) bool {
	switch k {
	case KindThrottled, KindServerFault, KindNetwork, KindTimeout:
		return true
	}
	return false
}
