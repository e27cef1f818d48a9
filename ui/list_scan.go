package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/ui/fleet"
)

// Fleet triage on the instance list: `x` scans the boot health of every instance of the region
// (ui/fleet does the work in a command), the BOOT column shows each verdict, `P` keeps the
// instances whose boot is not ok, `v` cycles a filter by one health, and the `s` cycle sorts by
// health worst first. A second `x` relists the region and rescans only what rebooted since
// (fleet.Rescan), then re-polls the instances still showing the previous boot's log
// (fleet.WaitStale). The list owns the scan's state; the root only routes its messages.

// staleWait is how long a rescan keeps re-polling instances whose log still predates their last
// start: long enough for a slow boot to write its first console lines.
const staleWait = 3 * time.Minute

// scanCacheFresh is how recent a cached console must be for a scan to judge it instead of
// fetching it again (the prefetch and the viewer fill the cache).
const scanCacheFresh = time.Minute

// scanPhase is what a running scan is doing.
type scanPhase int

const (
	phaseScan    scanPhase = iota // the first scan of the region
	phaseRescan                   // a rescan after a fresh listing
	phaseWaiting                  // re-polling the stale instances
)

// String names the phase in the header.
func (p scanPhase) String() string {
	switch p {
	case phaseRescan:
		return "rescanning"
	case phaseWaiting:
		return "waiting for stale logs"
	}
	return "scanning"
}

// listScan is the list's boot-health scan: the summaries of the region's instances, the scan in
// flight (cancel, generation, progress) and the health filters.
type listScan struct {
	// sums holds the latest summary of each scanned instance of the listed region, by ID.
	sums map[string]fleet.Summary
	// gen numbers the scans; a result or progress report of any other is dropped.
	gen     uint64
	running bool
	phase   scanPhase
	cancel  context.CancelFunc
	// progress is the running scan's last report.
	progress fleet.Progress
	// stale is how many instances the waiting phase polls.
	stale int
	// afterLoad asks for a rescan once the listing in flight ends (`x` with summaries).
	afterLoad bool
	// finished says how the last scan ended, for the status bar ("cancelled", "done").
	finished string

	problemsOnly bool
	// only, when set, keeps the instances of one health (v cycles it).
	only *fleet.Health

	// pollBase and waitFor pace the wait for stale logs (fleet.Options.PollBase and the
	// timeout); zero means the fleet default and staleWait. Tests shorten them.
	pollBase, waitFor time.Duration
}

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

// reset forgets the scan (another region is listed).
func (s *listScan) reset() {
	s.stop()
	s.sums = nil
	s.finished = ""
	s.problemsOnly = false
	s.only = nil
	s.afterLoad = false
}

// stop cancels the scan in flight.
func (s *listScan) stop() {
	if s.cancel != nil {
		s.cancel()
		s.cancel = nil
	}
	s.running = false
	s.gen++
}

// scanned reports whether any instance has a summary.
func (s *listScan) scanned() bool { return len(s.sums) > 0 }

// shows reports whether the health filters keep instance id.
func (s *listScan) shows(id string) bool {
	if !s.problemsOnly && s.only == nil {
		return true
	}
	sum, ok := s.sums[id]
	if !ok {
		return false
	}
	if s.problemsOnly && sum.Health == fleet.OK {
		return false
	}
	return s.only == nil || sum.Health == *s.only
}

// rank orders instances by health, worst first; an instance not scanned comes last.
func (s *listScan) rank(id string) int {
	sum, ok := s.sums[id]
	if !ok {
		return len(fleet.Healths())
	}
	return sum.Health.Rank()
}

// bootCell is the BOOT cell of one row.
type bootCell struct {
	text   string
	health fleet.Health
	known  bool
}

// style picks the cell's colour; the glyph and the word carry the meaning without it.
func (c bootCell) style(s Styles) lipgloss.Style {
	if !c.known {
		return s.Dim
	}
	return s.healthStyle(c.health)
}

// cell is the BOOT cell of instance id: the health's glyph and word, "·" when not scanned.
func (s *listScan) cell(id string) bootCell {
	sum, ok := s.sums[id]
	if !ok {
		return bootCell{text: "·"}
	}
	return bootCell{text: sum.Health.Label(), health: sum.Health, known: true}
}

// detail is the selected instance's verdict for the status bar: its first finding with its
// line, or why it has none.
func (s *listScan) detail(id string) string {
	sum, ok := s.sums[id]
	if !ok {
		return ""
	}
	out := sum.Health.Label()
	switch {
	case len(sum.Findings) > 0:
		f := sum.Findings[0]
		out += fmt.Sprintf(": line %d %s", f.Line, f.Summary)
		if sum.FindingCount > 1 {
			out += fmt.Sprintf(" (+%d)", sum.FindingCount-1)
		}
	case sum.Err != "":
		out += ": " + sum.Err
	case sum.Note != "":
		out += ": " + sum.Note
	case sum.Stale:
		out += ": log predates the last start"
	case sum.ReachedLogin:
		out += ": reached a login prompt"
	}
	return out
}

// filterLabel names the health filters for the status bar, "" when none applies.
func (s *listScan) filterLabel() string {
	var parts []string
	if s.problemsOnly {
		parts = append(parts, "problems only")
	}
	if s.only != nil {
		parts = append(parts, "boot "+s.only.String())
	}
	return strings.Join(parts, ", ")
}

// emptyReason says why no row is shown although instances are listed.
func (s *listScan) emptyReason() string {
	if s.problemsOnly || s.only != nil {
		return "nothing matches the filters (P and v turn the health filters off)"
	}
	return "nothing matches the filter"
}

// tally counts the scanned instances per health, worst first: "✖ 2 critical · ▲ 3 warning".
func (s *listScan) tally() string {
	count := map[fleet.Health]int{}
	for _, sum := range s.sums {
		count[sum.Health]++
	}
	var parts []string
	for _, h := range fleet.Healths() {
		if n := count[h]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d %s", h.Glyph(), n, h))
		}
	}
	return strings.Join(parts, " · ")
}

// enableKeys switches on the scan's bindings: x when there is something to scan and no scan
// runs, esc while one runs, the health filters once something was scanned.
func (s *listScan) enableKeys(k *KeyMap, listed bool) {
	if s.running {
		enable(&k.CancelScan)
	} else if listed {
		enable(&k.Scan)
	}
	if s.scanned() {
		enable(&k.Problems, &k.HealthFilter)
	}
}

// onScanKey handles the scan's keys; ok is false for any other key.
func (l *instanceList) onScanKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k, s := &l.keys, &l.scan
	switch {
	case key.Matches(msg, k.Scan):
		return l.requestScan(), true
	case key.Matches(msg, k.CancelScan):
		if s.cancel != nil {
			// The scan returns what it has; its result message ends it (onScanResult).
			s.cancel()
		}
		return nil, true
	case key.Matches(msg, k.Problems):
		s.problemsOnly = !s.problemsOnly
		l.rebuild()
		return l.schedulePrefetch(), true
	case key.Matches(msg, k.HealthFilter):
		s.only = nextHealth(s.only)
		l.rebuild()
		return l.schedulePrefetch(), true
	}
	return nil, false
}

// nextHealth is v's cycle: every health worst first, then none again.
func nextHealth(h *fleet.Health) *fleet.Health {
	all := fleet.Healths()
	if h == nil {
		return &all[0]
	}
	i := slices.Index(all, *h)
	if i < 0 || i+1 >= len(all) {
		return nil
	}
	return &all[i+1]
}

// requestScan is `x`: the first scan judges the instances listed; later ones relist the region
// first, because only a fresh StartTime tells which instances rebooted since.
func (l *instanceList) requestScan() tea.Cmd {
	if !l.scan.scanned() {
		return l.startScan()
	}
	l.scan.afterLoad = true
	l.banner = nil
	return l.load(l.region)
}

// scanAfterListing is called when a listing ends: it starts the scan asked for by `x`, or the
// automatic one (auto_scan in the settings file).
func (l *instanceList) scanAfterListing() tea.Cmd {
	if !l.scan.afterLoad && !l.cfg.Settings.AutoScan {
		return nil
	}
	l.scan.afterLoad = false
	if len(l.all) == 0 || l.fileMode() {
		return nil
	}
	return l.startScan()
}

// startScan starts scanning the listed instances: a full scan the first time, a rescan (with a
// wait for stale logs) when summaries exist. A scan already running is cancelled first.
func (l *instanceList) startScan() tea.Cmd {
	s := &l.scan
	s.stop()
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel, s.running, s.finished = cancel, true, ""
	s.progress = fleet.Progress{Total: len(l.all)}
	s.phase = phaseScan
	var prev []fleet.Summary
	if s.scanned() {
		s.phase = phaseRescan
		prev = make([]fleet.Summary, 0, len(s.sums))
		for _, sum := range s.sums {
			prev = append(prev, sum)
		}
	}
	l.rebuild() // the BOOT column appears
	job := scanJob{
		f: l.f, region: l.region, gen: s.gen, insts: slices.Clone(l.all), prev: prev,
		cached: l.cachedConsoles(), color: !l.noColor, now: l.now,
		pollBase: s.pollBase, waitFor: s.waitFor,
	}
	return job.cmd(ctx)
}

// cachedConsoles copies the region's recent cached logs for a scan to judge without fetching.
func (l *instanceList) cachedConsoles() map[string]fetch.ConsoleOutput {
	out := map[string]fetch.ConsoleOutput{}
	now := l.now()
	for _, e := range l.cache.byKey {
		c := e.Value.(*cachedConsole)
		if c.out.InstanceID == "" || now.Sub(c.fetchedAt) > scanCacheFresh {
			continue
		}
		if c.key == cacheKey(l.region, c.out.InstanceID) {
			out[c.key] = c.out
		}
	}
	return out
}

// current reports whether a scan message belongs to the scan in flight of the listed region.
func (s *listScan) current(region string, gen uint64, listed string) bool {
	return s.running && gen == s.gen && region == listed
}

// onScanProgress records a progress report and waits for the next message.
func (l *instanceList) onScanProgress(msg scanProgressMsg) tea.Cmd {
	if !l.scan.current(msg.region, msg.gen, l.region) {
		return nil
	}
	l.scan.progress = msg.p
	return msg.next
}

// onScanResult applies summaries: every instance's BOOT cell, the order and the filters. The
// logs worth keeping go to the console cache unless it holds a newer one. It returns a toast
// when the scan ended, and the wait for the rest otherwise.
func (l *instanceList) onScanResult(msg scanResultMsg) tea.Cmd {
	s := &l.scan
	if !s.current(msg.region, msg.gen, l.region) {
		return nil
	}
	s.sums = make(map[string]fleet.Summary, len(msg.sums))
	for _, sum := range msg.sums {
		s.sums[sum.InstanceID] = sum
	}
	for _, c := range msg.consoles {
		if old, ok := l.cache.get(c.region, c.id); !ok || !old.fetchedAt.After(c.fetchedAt) {
			l.cache.put(c.region, c.id, c.out, c.doc, c.fetchedAt)
		}
	}
	l.rebuild()
	if !msg.final {
		s.phase, s.stale = phaseWaiting, msg.stale
		s.progress = fleet.Progress{Total: msg.stale}
		return msg.next
	}
	s.running = false
	if s.cancel != nil {
		s.cancel()
		s.cancel = nil
	}
	if msg.err != nil {
		s.finished = "scan stopped"
		return l.showToast(fmt.Sprintf("scan stopped: %d of %d judged", s.progress.Done, s.progress.Total), toastWarn)
	}
	s.finished = "scanned " + l.clock(l.now())
	return l.schedulePrefetch()
}

// headerView is the scan's part of the list header: progress while it runs, the tally after.
func (s *listScan) headerView() string {
	if !s.running {
		return s.tally()
	}
	p := s.progress
	if s.phase == phaseWaiting {
		wait := staleWait
		if s.waitFor > 0 {
			wait = s.waitFor
		}
		return fmt.Sprintf("%s: %d instances, %d/%d checked this round · up to %s · esc stops", s.phase, s.stale, p.Done, p.Total, wait)
	}
	parts := []string{fmt.Sprintf("%s %d/%d", s.phase, p.Done, p.Total)}
	if p.Rate > 0 {
		parts = append(parts, fmt.Sprintf("%.1f/s", p.Rate))
	}
	parts = append(parts, fmt.Sprintf("%d throttled", p.Throttles))
	if p.ETA > 0 {
		parts = append(parts, "ETA "+p.ETA.Round(time.Second).String())
	}
	if p.Failed > 0 {
		parts = append(parts, fmt.Sprintf("%d failed", p.Failed))
	}
	return strings.Join(parts, " · ") + " · esc stops"
}
