package fetch

import (
	"testing"
	"time"
)

func TestRetryPolicyDefaults(t *testing.T) {
	p := RetryPolicy{}.withDefaults()
	want := RetryPolicy{MaxAttempts: 4, BaseDelay: 200 * time.Millisecond, MaxDelay: 3 * time.Second, MaxTotal: 10 * time.Second}
	if p != want {
		t.Errorf("defaults = %+v, want %+v", p, want)
	}
	custom := RetryPolicy{MaxAttempts: 2, BaseDelay: time.Second, MaxDelay: time.Millisecond, MaxTotal: time.Minute}.withDefaults()
	if custom.MaxAttempts != 2 || custom.MaxTotal != time.Minute || custom.MaxDelay != time.Second {
		t.Errorf("custom = %+v: kept values must stay, MaxDelay must be raised to BaseDelay", custom)
	}
}

func TestBackoffCeilingDoublesUpToMax(t *testing.T) {
	p := RetryPolicy{BaseDelay: 200 * time.Millisecond, MaxDelay: 3 * time.Second}.withDefaults()
	want := []time.Duration{200 * time.Millisecond, 400 * time.Millisecond, 800 * time.Millisecond, 1600 * time.Millisecond, 3 * time.Second, 3 * time.Second}
	for i, w := range want {
		if got := p.ceiling(i + 1); got != w {
			t.Errorf("ceiling(%d) = %s, want %s", i+1, got, w)
		}
	}
	if got := p.ceiling(1000); got != 3*time.Second {
		t.Errorf("ceiling(1000) = %s: must not overflow past MaxDelay", got)
	}
}

func TestBackoffFullJitter(t *testing.T) {
	p := RetryPolicy{BaseDelay: 100 * time.Millisecond, MaxDelay: time.Second}.withDefaults()
	for n := 1; n <= 6; n++ {
		c := p.ceiling(n)
		var lo, hi bool
		for range 2000 {
			d := p.backoff(n)
			if d < 0 || d > c {
				t.Fatalf("backoff(%d) = %s outside [0, %s]", n, d, c)
			}
			lo = lo || d < c/4
			hi = hi || d > c*3/4
		}
		// Full jitter spreads over the whole range, not just near the ceiling.
		if !lo || !hi {
			t.Errorf("backoff(%d) is not spread over [0, %s] (low %v, high %v)", n, c, lo, hi)
		}
	}
}

func TestRetryable(t *testing.T) {
	yes := []ErrorKind{KindThrottled, KindServerFault, KindNetwork, KindTimeout}
	no := []ErrorKind{KindUnknown, KindCredentialsMissing, KindAuthRejected, KindPermissionDenied, KindNotFound,
		KindUnsupported, KindWrongState, KindMalformedResponse, KindInvalidBase64, KindInvalidRequest, KindCanceled}
	for _, k := range yes {
		if !retryable(k) {
			t.Errorf("%v should be retryable", k)
		}
	}
	for _, k := range no {
		if retryable(k) {
			t.Errorf("%v should not be retryable", k)
		}
	}
}
