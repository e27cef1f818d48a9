package ui

import (
	"context"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/ui/console"
	"github.com/bootlog/bootlog/ui/fleet"
)

// A scan's command: what it needs is copied into a scanJob when the scan starts, and the job's
// goroutine reports through channels that the returned commands read, one message at a time, so
// the model is never touched off the UI goroutine.

// staleWait is how long a rescan keeps re-polling instances whose log still predates their last
// start: long enough for a slow boot to write its first console lines.
const staleWait = 3 * time.Minute

// scanProgressMsg is a running scan's progress report. next waits for the following message.
type scanProgressMsg struct {
	region string
	gen    uint64
	p      fleet.Progress
	next   tea.Cmd
}

// scanResultMsg carries a scan's summaries. A scan that goes on to wait for stale logs sends one
// with final false (and next to wait for the rest); the last one has final true. err is the
// context's when the operator cancelled; the summaries are then those scanned so far.
type scanResultMsg struct {
	region string
	gen    uint64
	sums   []fleet.Summary
	final  bool
	err    error
	// stale is how many instances the wait that follows polls (final false).
	stale int
	// consoles are logs the scan fetched that the cache should keep: the worst instances', the
	// ones the operator is about to open.
	consoles []scannedConsole
	next     tea.Cmd
}

// scannedConsole is a log a scan fetched, rendered for the console cache.
type scannedConsole struct {
	region, id string
	consoleResult
}

// scanKeepBytes bounds the logs a scan holds to hand to the console cache at its end; beyond it
// logs are judged and dropped, as the fleet package does, so a 2,000-instance scan does not keep
// 128 MB of text.
const scanKeepBytes = 8 << 20

// scanCacheFill is how many of the worst instances' logs a scan leaves in the console cache.
const scanCacheFill = 8

// scanJob is everything one scan needs, copied from the model when it starts.
type scanJob struct {
	f      Fetcher
	region string
	gen    uint64
	insts  []fetch.Instance
	// prev are the previous summaries; a rescan when not nil.
	prev   []fleet.Summary
	cached map[string]fetch.ConsoleOutput
	color  bool
	now    func() time.Time
	// pollBase and waitFor pace WaitStale; zero means the defaults.
	pollBase, waitFor time.Duration
}

// cmd starts the scan on its own goroutine and returns the command that delivers its first
// message. The goroutine ends when the scan does (ctx cancelled included); its channels are
// buffered for every message it sends, so it never blocks on a reader that went away.
func (j scanJob) cmd(ctx context.Context) tea.Cmd {
	return func() tea.Msg {
		prog := make(chan fleet.Progress, 1)
		results := make(chan scanResultMsg, 2)
		go j.run(ctx, prog, results)
		return j.wait(prog, results)()
	}
}

// wait delivers the next progress report or result. Progress reports are lossy (the channel
// keeps the latest), results are not. A report waiting when a result arrives goes first: it was
// sent before the result, and a select would otherwise pick between them at random, so a quick
// scan could end without the header ever showing its count.
func (j scanJob) wait(prog chan fleet.Progress, results chan scanResultMsg) tea.Cmd {
	return func() tea.Msg {
		select {
		case p := <-prog:
			return scanProgressMsg{region: j.region, gen: j.gen, p: p, next: j.wait(prog, results)}
		default:
		}
		select {
		case r := <-results:
			if !r.final {
				r.next = j.wait(prog, results)
			}
			return r
		case p := <-prog:
			return scanProgressMsg{region: j.region, gen: j.gen, p: p, next: j.wait(prog, results)}
		}
	}
}

// run scans, then (a rescan) waits for the stale logs, and sends the results.
func (j scanJob) run(ctx context.Context, prog chan fleet.Progress, results chan<- scanResultMsg) {
	sf := &scanFetcher{f: j.f, cached: j.cached, kept: map[string]keptConsole{}, now: j.now}
	sc := fleet.New(sf, fleet.Options{Now: j.now, PollBase: j.pollBase, PollMax: j.pollBase * 6,
		Progress: func(p fleet.Progress) { latest(prog, p) }})
	wait := j.waitFor
	if wait <= 0 {
		wait = staleWait
	}
	var (
		sums []fleet.Summary
		err  error
	)
	if j.prev == nil {
		sums, err = sc.Scan(ctx, j.insts)
	} else {
		sums, err = sc.Rescan(ctx, j.prev, j.insts)
		if stale := countHealth(sums, fleet.Stale); err == nil && stale > 0 {
			results <- scanResultMsg{region: j.region, gen: j.gen, sums: sums, stale: stale}
			sums, err = sc.WaitStale(ctx, sums, wait)
		}
	}
	results <- scanResultMsg{region: j.region, gen: j.gen, sums: sums, final: true, err: safeErr(err),
		consoles: sf.worst(sums, j.color)}
}

// latest puts p in the one-slot channel, replacing a report nobody has read yet. The scanner
// calls Progress from one goroutine at a time, so only the reader competes for the slot.
func latest(ch chan fleet.Progress, p fleet.Progress) {
	for {
		select {
		case ch <- p:
			return
		default:
		}
		select {
		case <-ch:
		default:
		}
	}
}

// countHealth counts the summaries of one health.
func countHealth(sums []fleet.Summary, h fleet.Health) int {
	n := 0
	for _, s := range sums {
		if s.Health == h {
			n++
		}
	}
	return n
}

// keptConsole is a log a scan fetched, with when.
type keptConsole struct {
	out fetch.ConsoleOutput
	at  time.Time
}

// scanFetcher is the scan's ConsoleFetcher: it answers from the console cache's recent logs
// (each once: a re-poll of a stale log must reach ECS) and keeps what it fetches, up to
// scanKeepBytes, for the cache.
type scanFetcher struct {
	f   Fetcher
	now func() time.Time

	mu        sync.Mutex
	cached    map[string]fetch.ConsoleOutput
	kept      map[string]keptConsole
	keptBytes int
}

// ConsoleOutput answers from the cache when it can, and fetches otherwise.
func (s *scanFetcher) ConsoleOutput(ctx context.Context, region, id string) (fetch.ConsoleOutput, error) {
	k := cacheKey(region, id)
	s.mu.Lock()
	if out, ok := s.cached[k]; ok {
		delete(s.cached, k)
		s.mu.Unlock()
		return out, nil
	}
	s.mu.Unlock()
	out, err := s.f.ConsoleOutput(ctx, region, id)
	if err != nil {
		return out, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if old, ok := s.kept[k]; ok {
		s.keptBytes -= len(old.out.Data)
		delete(s.kept, k)
	}
	if s.keptBytes+len(out.Data) <= scanKeepBytes {
		s.kept[k] = keptConsole{out: out, at: s.now()}
		s.keptBytes += len(out.Data)
	}
	return out, nil
}

// worst renders the kept logs of the worst instances (critical, warning, stale), worst first and
// at most scanCacheFill, for the console cache: enter on them then shows the log at once.
func (s *scanFetcher) worst(sums []fleet.Summary, color bool) []scannedConsole {
	order := append([]fleet.Summary(nil), sums...)
	fleet.SortWorstFirst(order)
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []scannedConsole
	for _, sum := range order {
		if len(out) == scanCacheFill || (sum.Health != fleet.Critical && sum.Health != fleet.Warning && sum.Health != fleet.Stale) {
			break
		}
		k, ok := s.kept[cacheKey(sum.Region, sum.InstanceID)]
		if !ok {
			continue
		}
		k.out.LastUpdateRaw = console.SafeLine(k.out.LastUpdateRaw)
		doc := console.Render(k.out.Data, console.Options{Color: color})
		out = append(out, scannedConsole{region: sum.Region, id: sum.InstanceID,
			consoleResult: consoleResult{out: k.out, doc: doc, fetchedAt: k.at}})
	}
	return out
}
