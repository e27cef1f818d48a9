package fleet

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/bootlog/bootlog/fetch"
)

// Progress is the state of a running scan, for the TUI header and the CLI's stderr line.
type Progress struct {
	Done, Total int // instances finished (scanned, failed or skipped) and to do
	Calls       int // console calls that returned
	Failed      int // of which failed
	Throttles   int // Throttling answers (see ThrottleCounter)
	Elapsed     time.Duration
	// Rate is calls a second so far; ETA the time left at that rate (0 while unknown).
	Rate float64
	ETA  time.Duration
}

// Figures are p's figures as the TUI's list header and `bootlog scan`'s stderr line both state
// them, in this order: "12/40", "3.2 calls/s" (once known), "1 throttled", "2 failed" (when any)
// and "ETA 8s" (once known). Each joins them in its own way; the words are short because the
// header shares its line with the region and the count.
func (p Progress) Figures() []string {
	out := []string{fmt.Sprintf("%d/%d", p.Done, p.Total)}
	if p.Rate > 0 {
		out = append(out, fmt.Sprintf("%.1f calls/s", p.Rate))
	}
	out = append(out, fmt.Sprintf("%d throttled", p.Throttles))
	if p.Failed > 0 {
		out = append(out, fmt.Sprintf("%d failed", p.Failed))
	}
	if p.ETA > 0 {
		out = append(out, "ETA "+p.ETA.Round(time.Second).String())
	}
	return out
}

// tracker counts a scan's progress and reports it.
type tracker struct {
	s       *Scanner
	mu      sync.Mutex
	p       Progress
	start   time.Time
	thrBase int
	thr     ThrottleCounter
}

func (s *Scanner) newTracker(total int) *tracker {
	t := &tracker{s: s, start: s.opts.Now(), p: Progress{Total: total}}
	if c, ok := s.f.(ThrottleCounter); ok {
		t.thr, t.thrBase = c, c.Throttles()
	}
	return t
}

// done records one finished instance: called is true when a console call was made, err its
// failure.
func (t *tracker) done(called bool, err error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	p := &t.p
	p.Done++
	if called {
		p.Calls++
		if err != nil {
			var fe *fetch.Error
			if !errors.As(err, &fe) || (fe.Kind != fetch.KindUnsupported && fe.Kind != fetch.KindWrongState) {
				p.Failed++
			}
			if t.thr == nil && errors.As(err, &fe) && fe.Kind == fetch.KindThrottled {
				p.Throttles++
			}
		}
	}
	if t.thr != nil {
		p.Throttles = t.thr.Throttles() - t.thrBase
	}
	p.Elapsed = t.s.opts.Now().Sub(t.start)
	if secs := p.Elapsed.Seconds(); secs > 0 && p.Calls > 0 {
		p.Rate = float64(p.Calls) / secs
		p.ETA = time.Duration(float64(p.Total-p.Done) / p.Rate * float64(time.Second))
	}
	if t.s.opts.Progress != nil {
		t.s.opts.Progress(*p)
	}
}
