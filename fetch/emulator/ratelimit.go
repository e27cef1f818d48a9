package emulator

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"

	"golang.org/x/time/rate"
)

// maxRatePerSecond bounds a --rate-limit value: far above any real ECS quota, and low enough that
// the token bucket's arithmetic stays exact.
const maxRatePerSecond = 1e6

// ParseRateLimit parses one --rate-limit value, "ACTION=N/s" (for example
// "GetInstanceConsoleOutput=50/s"; "/s" may be left out, and N may have a fraction, "0.5/s").
// ACTION must be one of the actions the emulator serves, and N must be positive.
func ParseRateLimit(s string) (action string, perSecond float64, err error) {
	action, value, ok := strings.Cut(strings.TrimSpace(s), "=")
	if !ok || action == "" || value == "" {
		return "", 0, fmt.Errorf("rate limit %q: want ACTION=N/s, e.g. GetInstanceConsoleOutput=50/s", s)
	}
	if !oneOf(action, knownActions) {
		return "", 0, fmt.Errorf("rate limit %q: unknown action %q; the emulator serves %s", s, action, strings.Join(knownActions, ", "))
	}
	num := strings.TrimSuffix(value, "/s")
	n, perr := strconv.ParseFloat(num, 64)
	if perr != nil || math.IsNaN(n) || n <= 0 || n > maxRatePerSecond {
		return "", 0, fmt.Errorf("rate limit %q: %q is not a rate between 0 and %g calls a second, e.g. 50/s", s, value, float64(maxRatePerSecond))
	}
	return action, n, nil
}

// actionLimiter is the flow control of one action: ECS meters every API separately in each
// region of an account, so each region gets its own token bucket at the action's rate. Fields
// other than the configuration are guarded by Server.mu.
type actionLimiter struct {
	perSecond float64
	burst     int
	buckets   map[string]*rate.Limiter // by region, made on first use
	throttled int
}

// newActionLimiters validates Options.RateLimits. A bucket holds one second's worth of calls (at
// least one), so a client that paces itself at the limit is never refused, while one that bursts
// beyond a second's quota is.
func newActionLimiters(limits map[string]float64) (map[string]*actionLimiter, error) {
	out := make(map[string]*actionLimiter, len(limits))
	for action, perSecond := range limits {
		if !oneOf(action, knownActions) {
			return nil, fmt.Errorf("emulator: rate limit for unknown action %q; the emulator serves %s", action, strings.Join(knownActions, ", "))
		}
		if math.IsNaN(perSecond) || perSecond <= 0 || perSecond > maxRatePerSecond {
			return nil, fmt.Errorf("emulator: rate limit for %s is %g calls a second; want more than 0 and at most %g", action, perSecond, float64(maxRatePerSecond))
		}
		out[action] = &actionLimiter{perSecond: perSecond, burst: max(1, int(math.Ceil(perSecond))), buckets: map[string]*rate.Limiter{}}
	}
	return out, nil
}

// throttle takes a token for action in region and returns the Throttling answer when there is
// none. It runs after authentication, because ECS meters flow per account, and before any work.
// The buckets run on the wall clock, not Options.Now: a test clock that stands still would
// otherwise never refill them. (ECS's own windows are often a minute long; a bucket refilled
// every second is the same average rate without the minute-long lockout.)
func (s *Server) throttle(action, region string) *apiError {
	l := s.limiters[action]
	if l == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	b := l.buckets[region]
	if b == nil {
		b = rate.NewLimiter(rate.Limit(l.perSecond), l.burst)
		l.buckets[region] = b
	}
	if b.Allow() {
		return nil
	}
	l.throttled++
	return throttlingFor(action)
}

// throttlingFor is Throttling with the status the reference gives the action: 429 in the
// per-action tables of GetInstanceConsoleOutput and GetInstanceScreenshot, 400 in the common
// error table that covers the others.
func throttlingFor(action string) *apiError {
	switch action {
	case "GetInstanceConsoleOutput", "GetInstanceScreenshot":
		return errThrottling
	}
	e := *errThrottling
	e.status = http.StatusBadRequest
	return &e
}

// Throttled is the number of requests for action, in every region, that the rate limit
// (Options.RateLimits) refused with Throttling. Injected faults do not count.
func (s *Server) Throttled(action string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if l := s.limiters[action]; l != nil {
		return l.throttled
	}
	return 0
}
