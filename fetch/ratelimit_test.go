package fetch

import (
	"context"
	"testing"
	"time"
)

func TestBucketBurstThenRate(t *testing.T) {
	now := time.Unix(0, 0)
	b := newBucket(10, 3)
	b.now = func() time.Time { return now }
	for i := range 3 {
		if d := b.reserve(); d != 0 {
			t.Fatalf("burst token %d waited %s", i, d)
		}
	}
	// Queued callers are spaced one token (100 ms) apart.
	for i, want := range []time.Duration{100 * time.Millisecond, 200 * time.Millisecond, 300 * time.Millisecond} {
		if d := b.reserve(); d != want {
			t.Errorf("queued caller %d waits %s, want %s", i, d, want)
		}
	}
	// After a long idle time the bucket is full again, but never fuller than the burst.
	now = now.Add(time.Hour)
	for i := range 3 {
		if d := b.reserve(); d != 0 {
			t.Fatalf("after idle, token %d waited %s", i, d)
		}
	}
	if d := b.reserve(); d != 100*time.Millisecond {
		t.Errorf("burst exceeded after idle: wait %s", d)
	}
}

func TestBucketCancelReturnsToken(t *testing.T) {
	now := time.Unix(0, 0)
	b := newBucket(1, 1)
	b.now = func() time.Time { return now }
	b.reserve()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := b.wait(ctx); err == nil {
		t.Fatal("wait on a cancelled context succeeded")
	}
	ctx2, cancel2 := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel2()
	if err := b.wait(ctx2); err == nil {
		t.Fatal("wait for a token 1 s away succeeded within 10 ms")
	}
	// The abandoned wait gave its token back: the next caller waits one token, not two.
	if d := b.reserve(); d != time.Second {
		t.Errorf("next caller waits %s, want 1s", d)
	}
}

func TestLimitersPerRegion(t *testing.T) {
	var l limiters
	l.rate, l.burst = 1, 1
	a, b := l.get("cn-hangzhou"), l.get("cn-beijing")
	if a == b || l.get("cn-hangzhou") != a {
		t.Fatal("limiters must give one bucket per region")
	}
	a.reserve()
	if d := b.reserve(); d != 0 {
		t.Errorf("a busy region slowed another one down: %s", d)
	}
}
