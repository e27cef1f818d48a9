package fetch

import (
	"context"
	"errors"
	"time"
)

// PollBackoff paces a call that is repeated until something changes: the viewer's follow mode,
// the reboot watch and `bootlog get --wait-update`. It is plain data (no timer, no goroutine) so
// the TUI can turn a delay into a tea.Tick and the CLI into a time.After.
//
// After a success the delay is Base, or grows by Grow each time (a long wait asks less often);
// after a failure it doubles; after Throttling it is at least Throttled, because ECS asked to slow
// down and retrying sooner only earns another refusal. It never exceeds Max.
type PollBackoff struct {
	Base      time.Duration
	Max       time.Duration
	Throttled time.Duration
	// Grow multiplies the delay after each success; 0 or 1 keeps Base.
	Grow float64

	delay time.Duration
}

// Next returns the delay before the next call, given the outcome of the last one.
func (p *PollBackoff) Next(err error) time.Duration {
	prev := p.delay
	if prev <= 0 {
		prev = p.Base
	}
	switch {
	case err == nil && p.Grow > 1 && p.delay > 0:
		p.delay = time.Duration(float64(prev) * p.Grow)
	case err == nil:
		p.delay = p.Base
	case isThrottled(err):
		p.delay = max(prev*2, p.Throttled)
	default:
		p.delay = prev * 2
	}
	if p.Max > 0 {
		p.delay = min(p.delay, p.Max)
	}
	return p.delay
}

// Current is the delay Next last returned (Base before the first call).
func (p *PollBackoff) Current() time.Duration {
	if p.delay <= 0 {
		return p.Base
	}
	return p.delay
}

// Reset starts again from Base, as when follow is turned on anew.
func (p *PollBackoff) Reset() { p.delay = 0 }

func isThrottled(err error) bool {
	var fe *Error
	return errors.As(err, &fe) && fe.Kind == KindThrottled
}

// Sleep waits for d or until ctx ends, whichever is first, and then reports ctx's error, if any:
// the wait between a retry's attempts (do.go) and between the rounds of a fleet rescan.
func Sleep(ctx context.Context, d time.Duration) error {
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
