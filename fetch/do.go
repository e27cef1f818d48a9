package fetch

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/ecs"
)

// attemptFunc sends one request with sc and checks the answer. It builds a fresh SDK request
// every time, because the SDK writes the signature, nonce and endpoint into the request it sends.
// It returns its result rather than writing to captured variables: an attempt abandoned on
// timeout keeps running in its goroutine, and must not race with the next attempt. The HTTP
// status it saw (0 for none) goes to the debug log.
type attemptFunc[T any] func(sc *ecs.Client) (result T, status int, err error)

// callMode says whether a failed call may be sent again.
type callMode int

const (
	// read calls are retried on throttling and transient faults.
	read callMode = iota
	// write calls are sent exactly once.
	write
)

// do runs one API call: region defaulting, the region's rate limit, the per-attempt timeout,
// and for reads the retries. Every error it returns is an *Error.
func do[T any](ctx context.Context, c *Client, op, region string, mode callMode, fn attemptFunc[T]) (T, error) {
	var zero T
	if region == "" {
		region = c.opts.Region
	}
	if region == "" {
		return zero, &Error{Kind: KindInvalidRequest, Op: op, Message: "no region",
			Hint: "pass --region (e.g. cn-hangzhou), set ALIBABA_CLOUD_REGION_ID, or set region_id in the aliyun CLI profile"}
	}
	if !regionPattern.MatchString(region) {
		return zero, &Error{Kind: KindInvalidRequest, Op: op, Message: fmt.Sprintf("%q is not a region ID", region),
			Hint: "region IDs look like cn-hangzhou or eu-central-1"}
	}
	policy := c.opts.Retry
	if mode == write {
		policy.MaxAttempts = 1
	}
	limit := c.limits.get(region)
	start := time.Now()
	for n := 1; ; n++ {
		if err := waitToken(ctx, limit); err != nil {
			e := c.contextError(op, region, err)
			e.Attempts = n - 1
			return zero, e
		}
		v, err := attempt(ctx, c, op, region, n, fn)
		if err == nil {
			return v, nil
		}
		if ctx.Err() != nil {
			e := c.contextError(op, region, ctx.Err())
			e.Attempts = n
			return zero, e
		}
		e := c.classify(op, region, err)
		e.Attempts = n
		if e.Kind == KindThrottled {
			c.throttles.Add(1)
		}
		if n >= policy.MaxAttempts || !retryable(e.Kind) {
			return zero, e
		}
		delay := policy.backoff(n)
		if time.Since(start)+delay > policy.MaxTotal {
			return zero, e
		}
		c.debugf("%s region=%s retry %d in %s after %s", op, region, n, delay.Round(time.Millisecond), e.Kind)
		if err := Sleep(ctx, delay); err != nil {
			e := c.contextError(op, region, err)
			e.Attempts = n
			return zero, e
		}
	}
}

// attempt sends one request, bounded by Options.Timeout and by ctx. The SDK call runs in its own
// goroutine because some of its work ignores contexts entirely (credential providers that fetch
// STS tokens or query the instance metadata service); when ctx ends first, the caller gets its
// answer at once and the goroutine finishes on its own, its HTTP request already aborted by
// ctxTransport.
func attempt[T any](ctx context.Context, c *Client, op, region string, n int, fn attemptFunc[T]) (v T, err error) {
	actx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	began := time.Now()
	status := 0
	defer func() {
		outcome := "ok"
		if err != nil {
			outcome = "error: " + c.classify(op, region, err).Error()
		}
		c.debugf("%s region=%s attempt=%d status=%d duration=%s %s", op, region, n, status, time.Since(began).Round(time.Millisecond), outcome)
	}()

	sc, err := c.sdkClient(actx, op, region)
	if err != nil {
		return v, err
	}
	type result struct {
		v      T
		status int
		err    error
	}
	done := make(chan result, 1)
	go func() {
		// The SDK panics on some malformed error bodies (a RequestId that is not a string);
		// bad input must give an error, not take the program down.
		defer func() {
			if p := recover(); p != nil {
				done <- result{err: &Error{Kind: KindMalformedResponse, Message: fmt.Sprintf("the SDK could not read the answer: %v", p)}}
			}
		}()
		rv, s, e := fn(sc)
		done <- result{rv, s, e}
	}()
	select {
	case r := <-done:
		status = r.status
		return r.v, r.err
	case <-actx.Done():
		if errors.Is(actx.Err(), context.DeadlineExceeded) && ctx.Err() == nil {
			return v, context.DeadlineExceeded
		}
		return v, actx.Err()
	}
}
