package fleet

import (
	"errors"
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
