package fetch

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestPollBackoff(t *testing.T) {
	throttled := &Error{Kind: KindThrottled}
	failed := errors.New("connection reset")
	p := PollBackoff{Base: 10 * time.Second, Max: 5 * time.Minute, Throttled: 30 * time.Second}
	steps := []struct {
		err  error
		want time.Duration
	}{
		{nil, 10 * time.Second},
		{failed, 20 * time.Second},
		{failed, 40 * time.Second},
		{nil, 10 * time.Second},
		{throttled, 30 * time.Second},
		{throttled, time.Minute},
		{failed, 2 * time.Minute},
		{failed, 4 * time.Minute},
		{failed, 5 * time.Minute},
		{nil, 10 * time.Second},
	}
	for i, s := range steps {
		if got := p.Next(s.err); got != s.want {
			t.Fatalf("step %d (err %v): delay %s, want %s", i, s.err, got, s.want)
		}
	}
	p.Reset()
	if got := p.Current(); got != 10*time.Second {
		t.Errorf("after Reset, Current = %s, want Base", got)
	}
}

func TestPollBackoffGrowsWhileNothingChanges(t *testing.T) {
	p := PollBackoff{Base: 4 * time.Second, Max: 24 * time.Second, Grow: 1.5}
	var got []time.Duration
	for range 6 {
		got = append(got, p.Next(nil))
	}
	want := []time.Duration{4 * time.Second, 6 * time.Second, 9 * time.Second, 13500 * time.Millisecond, 20250 * time.Millisecond, 24 * time.Second}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("delays %v, want %v", got, want)
		}
	}
}

// TestSleep: a wait ends early with the context's error when the context ends, and a wait of
// nothing reports only whether the context has ended.
func TestSleep(t *testing.T) {
	if err := Sleep(context.Background(), 0); err != nil {
		t.Errorf("zero wait: %v", err)
	}
	if err := Sleep(context.Background(), time.Nanosecond); err != nil {
		t.Errorf("short wait: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Sleep(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled wait: %v", err)
	}
	if err := Sleep(ctx, 0); !errors.Is(err, context.Canceled) {
		t.Errorf("zero wait on an ended context: %v", err)
	}
}
