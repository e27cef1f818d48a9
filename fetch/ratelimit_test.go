package fetch

import (
	"context"
	"errors"
	"testing"
	"time"
)

// delayAt reserves one token of region's bucket at now and returns how long its holder waits.
func delayAt(l *limiters, region string, now time.Time) time.Duration {
	return l.get(region).ReserveN(now, 1).DelayFrom(now)
}

func TestBucketBurstThenRate(t *testing.T) {
	l := &limiters{rate: 10, burst: 3}
	now := time.Unix(1e9, 0)
	for i := range 3 {
		if d := delayAt(l, "r", now); d != 0 {
			t.Fatalf("burst token %d waited %s", i, d)
		}
	}
	// Queued callers are spaced one token (100 ms) apart.
	for i, want := range []time.Duration{100 * time.Millisecond, 200 * time.Millisecond, 300 * time.Millisecond} {
		if d := delayAt(l, "r", now); d != want {
			t.Errorf("queued caller %d waits %s, want %s", i, d, want)
		}
	}
	// After a long idle time the bucket is full again, but never fuller than the burst.
	now = now.Add(time.Hour)
	for i := range 3 {
		if d := delayAt(l, "r", now); d != 0 {
			t.Fatalf("after idle, token %d waited %s", i, d)
		}
	}
	if d := delayAt(l, "r", now); d != 100*time.Millisecond {
		t.Errorf("burst exceeded after idle: wait %s", d)
	}
}

// TestBucketCancelReturnsToken abandons a wait that already holds a reservation: its token goes
// back, so the next caller waits one token, not two.
func TestBucketCancelReturnsToken(t *testing.T) {
	l := &limiters{rate: 1, burst: 1}
	b := l.get("r")
	if !b.Allow() {
		t.Fatal("a new bucket is not full")
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- waitToken(ctx, b) }()
	// The waiter has reserved the next token once the bucket is a whole token in debt.
	for b.Tokens() > -0.5 {
		time.Sleep(time.Millisecond)
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("abandoned wait returned %v, want context.Canceled", err)
	}
	if tok := b.Tokens(); tok < -0.5 {
		t.Errorf("the abandoned wait kept its token: %.2f tokens left", tok)
	}
	if err := waitToken(ctx, b); !errors.Is(err, context.Canceled) {
		t.Errorf("wait on a cancelled context returned %v", err)
	}
}

// TestBucketWaitPastDeadlineIsATimeout: rate.Limiter refuses a wait that would outlast the
// context's deadline with an error of its own; it must read as the deadline passing.
func TestBucketWaitPastDeadlineIsATimeout(t *testing.T) {
	l := &limiters{rate: 0.001, burst: 1}
	b := l.get("r")
	b.Allow()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	err := waitToken(ctx, b)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("wait for a token 1,000 s away under a 1 min deadline: %v, want DeadlineExceeded", err)
	}
	c, _ := New(Options{Region: "r"})
	if e := c.contextError("Op", "r", err); e.Kind != KindTimeout {
		t.Errorf("classified as %s, want a timeout", e.Kind)
	}
}

func TestLimitersPerRegion(t *testing.T) {
	l := &limiters{rate: 1, burst: 1}
	a, b := l.get("cn-hangzhou"), l.get("cn-beijing")
	if a == b || l.get("cn-hangzhou") != a {
		t.Fatal("limiters must give one bucket per region")
	}
	now := time.Now()
	a.ReserveN(now, 1)
	if d := b.ReserveN(now, 1).DelayFrom(now); d != 0 {
		t.Errorf("a busy region slowed another one down: %s", d)
	}
}
