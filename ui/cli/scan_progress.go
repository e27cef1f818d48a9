package cli

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/bootlog/bootlog/ui/fleet"
)

// scanProgress is `bootlog scan`'s progress line on a terminal's stderr: done/total, the call
// rate, throttles and the time left, rewritten in place. Piped, it writes nothing.
type scanProgress struct {
	line *progressLine
	now  func() time.Time

	mu       sync.Mutex // update runs on a scan goroutine; waiting and clear on the command's
	last     time.Time
	stale    int // >0 while WaitStale runs: how many instances it waits for
	deadline time.Time
}

// redrawEvery bounds how often the line is redrawn: a terminal gains nothing from a thousand
// rewrites a second, and a slow one (ssh) would fall behind.
const redrawEvery = 100 * time.Millisecond

func newScanProgress(w io.Writer, now func() time.Time) *scanProgress {
	return &scanProgress{line: newProgressLine(w), now: now}
}

// update is the fleet.Options.Progress callback.
func (p *scanProgress) update(pr fleet.Progress) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.line.w == nil {
		return
	}
	now := p.now()
	if pr.Done < pr.Total && now.Sub(p.last) < redrawEvery {
		return
	}
	p.last = now
	var text string
	if p.stale > 0 {
		text = fmt.Sprintf("bootlog: waiting for %d stale instances to write a new log: checked %d/%d this round, %s left",
			p.stale, pr.Done, pr.Total, max(0, p.deadline.Sub(now)).Round(time.Second))
	} else {
		text = fmt.Sprintf("bootlog: scanned %s (%s elapsed)", strings.Join(pr.Figures(), ", "), pr.Elapsed.Round(time.Second))
	}
	p.line.show(text)
}

// waiting switches the line to the stale wait of n instances, for up to d.
func (p *scanProgress) waiting(n int, d time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stale, p.deadline = n, p.now().Add(d)
	if p.line.w != nil {
		p.line.show(fmt.Sprintf("bootlog: waiting up to %s for %d stale instances to write a new log", d, n))
	}
}

// clear erases the line before the results are printed.
func (p *scanProgress) clear() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.line.clear()
}
