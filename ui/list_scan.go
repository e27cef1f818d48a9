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
	*env
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

	problemsOnly bool
	// only, when set, keeps the instances of one health (v cycles it).
	only *fleet.Health

	// pollBase and waitFor pace the wait for stale logs (fleet.Options.PollBase and the
	// timeout); zero means the fleet default and staleWait. Tests shorten them.
	pollBase, waitFor time.Duration
}

// reset forgets the scan (another region is listed).
func (s *listScan) reset() {
	s.stop()
	s.sums = nil
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

// tally counts the scanned instances per health, worst first: "✗ 2 critical · ! 3 warning".
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

// onKey handles the scan's keys. handled is false for any other key; refilter asks the list to
// recompute its rows (a health filter changed); request is true for x, which the list serves
// (requestScan) because a rescan relists the region first.
func (s *listScan) onKey(msg tea.KeyPressMsg) (handled, refilter, request bool) {
	k := &s.keys
	switch {
	case key.Matches(msg, k.Scan):
		return true, false, true
	case key.Matches(msg, k.CancelScan):
		if s.cancel != nil {
			// The scan returns what it has; its result message ends it (onResult).
			s.cancel()
		}
		return true, false, false
	case key.Matches(msg, k.Problems):
		s.problemsOnly = !s.problemsOnly
		return true, true, false
	case key.Matches(msg, k.HealthFilter):
		s.only = nextHealth(s.only)
		return true, true, false
	}
	return false, false, false
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

// start scans insts, the listing of region: a full scan the first time, a rescan (with a wait
// for stale logs) when summaries exist. A scan already running is cancelled first.
func (s *listScan) start(region string, insts []fetch.Instance) tea.Cmd {
	s.stop()
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel, s.running = cancel, true
	s.progress = fleet.Progress{Total: len(insts)}
	s.phase = phaseScan
	var prev []fleet.Summary
	if s.scanned() {
		s.phase = phaseRescan
		prev = make([]fleet.Summary, 0, len(s.sums))
		for _, sum := range s.sums {
			prev = append(prev, sum)
		}
	}
	job := scanJob{
		f: s.f, region: region, gen: s.gen, insts: slices.Clone(insts), prev: prev,
		cached: s.cachedConsoles(region), color: !s.noColor, now: s.now,
		pollBase: s.pollBase, waitFor: s.waitFor,
	}
	return job.cmd(ctx)
}

// cachedConsoles copies the region's recent cached logs for a scan to judge without fetching.
func (s *listScan) cachedConsoles(region string) map[string]fetch.ConsoleOutput {
	out := map[string]fetch.ConsoleOutput{}
	now := s.now()
	for _, e := range s.cache.byKey {
		c := e.Value.(*cachedConsole)
		if c.out.InstanceID == "" || now.Sub(c.fetchedAt) > scanCacheFresh {
			continue
		}
		if c.key == cacheKey(region, c.out.InstanceID) {
			out[c.key] = c.out
		}
	}
	return out
}

// current reports whether a scan message belongs to the scan in flight of the listed region.
func (s *listScan) current(region string, gen uint64, listed string) bool {
	return s.running && gen == s.gen && region == listed
}

// onProgress records a progress report of the scan of region (the one listed) and waits for
// the next message.
func (s *listScan) onProgress(msg scanProgressMsg, region string) tea.Cmd {
	if !s.current(msg.region, msg.gen, region) {
		return nil
	}
	s.progress = msg.p
	return msg.next
}

// onResult applies summaries of the scan of region (the one listed); applied is false for a
// message of another scan, which is dropped. The logs worth keeping go to the console cache
// unless it holds a newer one. The command is the wait for the rest, or a toast when the
// operator stopped the scan.
func (s *listScan) onResult(msg scanResultMsg, region string) (applied bool, cmd tea.Cmd) {
	if !s.current(msg.region, msg.gen, region) {
		return false, nil
	}
	s.sums = make(map[string]fleet.Summary, len(msg.sums))
	for _, sum := range msg.sums {
		s.sums[sum.InstanceID] = sum
	}
	for _, c := range msg.consoles {
		s.cache.putUnlessNewer(c.region, c.id, c.out, c.doc, c.fetchedAt)
	}
	if !msg.final {
		s.phase, s.stale = phaseWaiting, msg.stale
		s.progress = fleet.Progress{Total: msg.stale}
		return true, msg.next
	}
	s.running = false
	if s.cancel != nil {
		s.cancel()
		s.cancel = nil
	}
	if msg.err == nil {
		return true, nil
	}
	if s.phase == phaseWaiting {
		return true, s.showToast(fmt.Sprintf("stopped waiting: %d still stale", countHealth(msg.sums, fleet.Stale)), toastWarn)
	}
	return true, s.showToast(fmt.Sprintf("scan stopped: %d of %d judged", s.progress.Done, s.progress.Total), toastWarn)
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
	return fmt.Sprintf("%s %s · esc stops", s.phase, strings.Join(p.Figures(), " · "))
}
