package fleet

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/ui/console"
	"github.com/bootlog/bootlog/ui/findings"
)

// ConsoleFetcher is what a scan needs from ECS; *fetch.Client satisfies it. The client's own
// per-region rate limiter paces the calls: the scanner adds no limiter of its own, only a bound
// on the calls in flight.
type ConsoleFetcher interface {
	ConsoleOutput(ctx context.Context, region, instanceID string) (fetch.ConsoleOutput, error)
}

// ThrottleCounter is implemented by a fetcher that counts the Throttling answers it received,
// retried ones included. Without it, Progress.Throttles counts only the calls that failed
// because of throttling.
type ThrottleCounter interface {
	Throttles() int
}

// Options tunes a Scanner. Zero fields take the defaults.
type Options struct {
	// Concurrency bounds the console calls in flight per region; default 8. With the client's
	// default 10 calls a second and a round trip under 0.8 s, 8 keep the bucket busy.
	Concurrency int
	// MaxInFlight bounds the calls in flight across all regions, and with them the logs held
	// in memory at once; default 64.
	MaxInFlight int
	// MaxFindings is how many findings a Summary keeps; default 3.
	MaxFindings int
	// Rules are the findings rules; nil means findings.DefaultRules().
	Rules []findings.Rule
	// Progress, when set, is called after every instance, never concurrently, on a scan
	// goroutine; it must return quickly (send to a channel or a tea.Program).
	Progress func(Progress)
	// PollBase and PollMax pace WaitStale's rounds (fetch.PollBackoff); defaults 5 s and 30 s.
	PollBase, PollMax time.Duration
	// Now is the clock of ScannedAt, rates and deadlines; nil means time.Now.
	Now func() time.Time
}

// Scanner scans instances' console output. It is safe for concurrent use; each scan has its
// own state.
type Scanner struct {
	f    ConsoleFetcher
	opts Options
}

// New returns a Scanner fetching through f.
func New(f ConsoleFetcher, opts Options) *Scanner {
	if opts.Concurrency <= 0 {
		opts.Concurrency = 8
	}
	if opts.MaxInFlight <= 0 {
		opts.MaxInFlight = 64
	}
	if opts.MaxFindings <= 0 {
		opts.MaxFindings = 3
	}
	if opts.Rules == nil {
		opts.Rules = findings.DefaultRules()
	}
	if opts.PollBase <= 0 {
		opts.PollBase = 5 * time.Second
	}
	if opts.PollMax <= 0 {
		opts.PollMax = 30 * time.Second
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Scanner{f: f, opts: opts}
}

// Scan fetches and judges the console output of every instance, the regions side by side and at
// most Options.Concurrency calls per region in flight. Windows and never-started instances cost
// no call. The result has one Summary per instance, in the order given. A failed call makes
// that instance Unknown with its error; the others go on. When ctx ends, the instances not yet
// scanned are Unknown with "not scanned" and the error is ctx's.
func (s *Scanner) Scan(ctx context.Context, instances []fetch.Instance) ([]Summary, error) {
	out := make([]Summary, len(instances))
	idx := make([]int, len(instances))
	for i := range idx {
		idx[i] = i
	}
	err := s.scanInto(ctx, instances, idx, out)
	return out, err
}

// scanInto scans instances[i] into out[i] for every i in which. out[i] is replaced only once
// instance i is scanned: when ctx ends first, an instance that had a summary (a rescan) keeps
// it, and one that had none is Unknown, "not scanned".
func (s *Scanner) scanInto(ctx context.Context, instances []fetch.Instance, which []int, out []Summary) error {
	t := s.newTracker(len(which))
	byRegion := map[string][]int{}
	var regions []string
	for _, i := range which {
		in := instances[i]
		if skip, note := noConsole(in); skip {
			sum := newSummary(in)
			sum.Health, sum.Note, sum.ScannedAt = None, note, s.opts.Now()
			out[i] = sum
			t.done(false, nil)
			continue
		}
		if _, ok := byRegion[in.RegionID]; !ok {
			regions = append(regions, in.RegionID)
		}
		byRegion[in.RegionID] = append(byRegion[in.RegionID], i)
	}

	scanned := make([]bool, len(out)) // written by the worker that owns index i, read after Wait
	inFlight := make(chan struct{}, s.opts.MaxInFlight)
	var wg sync.WaitGroup
	for _, r := range regions {
		queue := make(chan int, len(byRegion[r]))
		for _, i := range byRegion[r] {
			queue <- i
		}
		close(queue)
		for range min(s.opts.Concurrency, len(byRegion[r])) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range queue {
					select {
					case inFlight <- struct{}{}:
					case <-ctx.Done():
						continue // drain: the rest are marked below
					}
					if ctx.Err() != nil {
						<-inFlight
						continue
					}
					// Each worker writes only its own out[i]; no two workers share an index.
					sum, err := s.scanOne(ctx, instances[i], newSummary(instances[i]))
					<-inFlight
					if ctx.Err() == nil || !isCanceled(err) {
						out[i], scanned[i] = sum, true
					}
					t.done(true, err)
				}
			}()
		}
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		for _, i := range which {
			if !scanned[i] && out[i].ScannedAt.IsZero() {
				sum := newSummary(instances[i])
				sum.Health, sum.Err = Unknown, "not scanned: "+err.Error()
				out[i] = sum
			}
		}
		return err
	}
	return nil
}

// isCanceled reports an error that only says the scan was cancelled or ran out of time.
func isCanceled(err error) bool {
	var fe *fetch.Error
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) ||
		(errors.As(err, &fe) && (fe.Kind == fetch.KindCanceled))
}

// noConsole reports instances that have no serial console to read, without asking ECS.
func noConsole(in fetch.Instance) (bool, string) {
	switch {
	case in.OSType == "windows":
		return true, "Windows: no serial console"
	case in.Status == "Pending" || in.StartTime.IsZero():
		return true, "never started"
	}
	return false, ""
}

// scanOne fetches one console output and judges it. The log is dropped on return; only the
// summary survives.
func (s *Scanner) scanOne(ctx context.Context, in fetch.Instance, sum Summary) (Summary, error) {
	out, err := s.f.ConsoleOutput(ctx, in.RegionID, in.ID)
	sum.ScannedAt = s.opts.Now()
	if err != nil {
		var fe *fetch.Error
		if errors.As(err, &fe) && (fe.Kind == fetch.KindUnsupported || fe.Kind == fetch.KindWrongState) {
			// NotSupported (Windows, retired types) and IncorrectInstanceStatus (never booted):
			// ECS answered, and the answer is that there is nothing to read.
			sum.Health, sum.Note, sum.Fetched = None, console.SafeLine(fe.Message), true
			return sum, err
		}
		sum.Health, sum.Err = Unknown, console.SafeLine(err.Error())
		return sum, err
	}
	sum.Fetched = true
	sum.LastUpdate = out.LastUpdate
	sum.Stale = !out.LastUpdate.IsZero() && !in.StartTime.IsZero() && out.LastUpdate.Before(in.StartTime)
	if len(out.Data) == 0 {
		sum.Health, sum.Note = None, "no console output cached"
		if sum.Stale {
			sum.Health = Stale
		}
		return sum, nil
	}
	doc := console.Render(out.Data, console.Options{})
	v := classify(doc.Plain, findings.Scan(doc.Plain, s.opts.Rules))
	sum.Lines = len(doc.Plain)
	sum.Health, sum.ReachedLogin = v.health, v.reachedLogin
	sum.Findings, sum.FindingCount = topFindings(v.findings, s.opts.MaxFindings), len(v.findings)
	if sum.Stale {
		// The findings are kept (they describe the previous boot), but they do not judge this one.
		sum.Health = Stale
	}
	return sum, nil
}
