package ui

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/ui/fleet"
)

// Fleet triage on the list: the scan, its progress and cancellation, the BOOT column, the health
// filters and sort, the rescan after a reboot wave and the automatic scan.

const okID = "i-bp1okeeeeeeeeeeeeeee5"

// okLog is a boot that reached its login prompt.
func okLog() []byte {
	return []byte("[    0.000000] Linux version 6.1.0\n[    3.100000] systemd[1]: Reached target Multi-User System.\n\nweb-02 login: \n")
}

// fleetFetcher is standardFetcher plus web-02, whose boot is fine: web-01 panics (critical),
// db-01's log predates its start (stale), win-ad and new-node have no console (none).
func fleetFetcher() *fakeFetcher {
	f := standardFetcher()
	ok := inst(okID, "web-02", "Running")
	ok.PrivateIPs = []string{"172.16.0.50"}
	f.pages["cn-hangzhou"] = append(f.pages["cn-hangzhou"], []fetch.Instance{ok})
	f.consoles[okID] = consoleFor(okID, okLog(), testNow.Add(-time.Minute))
	return f
}

// rowNames lists the visible rows' names in order.
func rowNames(h *harness) string {
	var out []string
	for _, r := range h.m.list.rows {
		out = append(out, h.m.list.all[r].Name)
	}
	return strings.Join(out, ",")
}

func TestScanFillsTheBootColumn(t *testing.T) {
	h := newHarness(t, fleetFetcher(), testConfig(), Options{})
	h.mustNotContain("BOOT")
	h.press("x")
	if h.m.list.scan.running {
		t.Fatal("scan still running after its result")
	}
	want := map[string]fleet.Health{webID: fleet.Critical, dbID: fleet.Stale, winID: fleet.None, pendID: fleet.None, okID: fleet.OK}
	for id, hl := range want {
		if got := h.m.list.scan.sums[id].Health; got != hl {
			t.Errorf("%s: health %v, want %v", id, got, hl)
		}
	}
	// Windows and never-started instances cost no call.
	if n := h.f.count("ConsoleOutput"); n != 3 {
		t.Fatalf("%d console calls, want 3: %v", n, h.f.Calls())
	}
	h.mustContain("BOOT", "✗ critical", "~ stale", "- none", "✓ ok", "✗ 1 critical · ~ 1 stale · - 2 none · ✓ 1 ok")
}

func TestScanShowsTheFirstFindingOfTheSelection(t *testing.T) {
	h := newHarness(t, fleetFetcher(), testConfig(), Options{})
	h.press("x")
	h.selectID(webID)
	h.mustContain("✗ critical: line 59 Kernel panic")
}

func TestScanReusesACachedConsole(t *testing.T) {
	h := newHarness(t, fleetFetcher(), testConfig(), Options{})
	h.selectID(webID)
	h.press("enter", "esc")
	if n := h.f.count("ConsoleOutput cn-hangzhou " + webID); n != 1 {
		t.Fatalf("opening web-01 made %d calls", n)
	}
	h.press("x")
	if n := h.f.count("ConsoleOutput cn-hangzhou " + webID); n != 1 {
		t.Fatalf("the scan fetched web-01 again (%d calls) instead of judging the cached log", n)
	}
	if got := h.m.list.scan.sums[webID].Health; got != fleet.Critical {
		t.Fatalf("web-01 judged %v from the cache", got)
	}
}

func TestScanFillsTheCacheWithTheWorstLogs(t *testing.T) {
	h := newHarness(t, fleetFetcher(), testConfig(), Options{})
	h.press("x")
	if _, ok := h.m.cache.get("cn-hangzhou", webID); !ok {
		t.Fatal("the critical instance's log is not cached")
	}
	if _, ok := h.m.cache.get("cn-hangzhou", okID); ok {
		t.Fatal("a healthy instance's log was cached")
	}
	// Enter shows the cached log at once, before the revalidation (held here) answers.
	h.selectID(webID)
	h.f.blockCh = make(chan struct{})
	_, cmd := h.m.Update(keyMsg("enter"))
	h.mustContain("Kernel panic")
	close(h.f.blockCh)
	h.drain(cmd)
}

func TestProblemsOnlyHealthFilterAndSort(t *testing.T) {
	h := newHarness(t, fleetFetcher(), testConfig(), Options{})
	// Before a scan the health keys do nothing and are not offered.
	h.press("P", "v")
	if h.m.list.scan.problemsOnly || h.m.list.scan.only != nil {
		t.Fatal("health filters applied before any scan")
	}
	h.mustNotContain("P problems")
	h.press("x", "P")
	if got := rowNames(h); got != "db-01,new-node,web-01,win-ad" {
		t.Fatalf("problems only: %s", got)
	}
	h.mustContain("problems only", "P problems")
	h.press("P", "v")
	if got := rowNames(h); got != "web-01" {
		t.Fatalf("v once (critical): %s", got)
	}
	h.mustContain("boot critical")
	h.press("v")
	h.mustContain("nothing matches the filters")
	for range len(fleet.Healths()) - 1 {
		h.press("v")
	}
	if h.m.list.scan.only != nil || len(h.m.list.rows) != 5 {
		t.Fatalf("v did not cycle back to every health: %v, %d rows", h.m.list.scan.only, len(h.m.list.rows))
	}
	h.press("s", "s")
	if h.m.list.sortBy != sortByHealth {
		t.Fatalf("sort %v", h.m.list.sortBy)
	}
	if got := rowNames(h); got != "web-01,db-01,new-node,win-ad,web-02" {
		t.Fatalf("worst first: %s", got)
	}
	h.press("S")
	if got := rowNames(h); got != "web-02,new-node,win-ad,db-01,web-01" {
		t.Fatalf("reversed: %s", got)
	}
}

func TestSortByStartTimeNewestFirst(t *testing.T) {
	f := standardFetcher()
	all := demoInstances()
	for i := range all {
		all[i].StartTime = testNow.Add(-time.Duration(i) * time.Hour)
	}
	f.pages["cn-hangzhou"] = [][]fetch.Instance{all}
	h := newHarness(t, f, testConfig(), Options{})
	h.press("s", "s", "s")
	if got := rowNames(h); got != "web-01,db-01,win-ad,new-node" {
		t.Fatalf("by start time: %s", got)
	}
	h.mustContain("sorted by start time")
}

func TestScanProgressInTheHeader(t *testing.T) {
	f := fleetFetcher()
	f.blockCh = make(chan struct{})
	h := newHarness(t, f, testConfig(), Options{})
	// The scan is started but its command not run: its progress is delivered by hand.
	_, cmd := h.m.Update(keyMsg("x"))
	gen := h.m.list.scan.gen
	p := fleet.Progress{Done: 2, Total: 5, Calls: 2, Throttles: 1, Rate: 2.5, ETA: 1200 * time.Millisecond}
	h.m.Update(scanProgressMsg{region: "cn-hangzhou", gen: gen, p: p})
	h.mustContain("scanning 2/5 · 2.5 calls/s · 1 throttled · ETA 1s · esc stops")
	// A report of an older scan is dropped.
	h.m.Update(scanProgressMsg{region: "cn-hangzhou", gen: gen - 1, p: fleet.Progress{Done: 4, Total: 5}})
	h.mustContain("scanning 2/5")
	requireScreen(t, h)
	h.press("esc")
	close(f.blockCh)
	h.drain(cmd)
}

func TestEscStopsTheScanAndKeepsWhatItHas(t *testing.T) {
	f := fleetFetcher()
	f.blockCh = make(chan struct{})
	h := newHarness(t, f, testConfig(), Options{})
	_, cmd := h.m.Update(keyMsg("x"))
	if !h.m.list.scan.running || !h.m.keys.CancelScan.Enabled() || h.m.keys.Scan.Enabled() {
		t.Fatal("while scanning, esc should stop and x be off")
	}
	h.press("esc")
	h.drain(cmd)
	if h.m.list.scan.running {
		t.Fatal("still running after esc")
	}
	if h.m.toast.text == "" || !strings.Contains(h.m.toast.text, "scan stopped") {
		t.Fatalf("toast %q", h.m.toast.text)
	}
	// Instances without a console were judged without a call; the rest are not scanned.
	if got := h.m.list.scan.sums[winID].Health; got != fleet.None {
		t.Fatalf("win-ad %v", got)
	}
	if s := h.m.list.scan.sums[webID]; s.Health != fleet.Unknown || !strings.Contains(s.Err, "not scanned") {
		t.Fatalf("web-01 %+v", s)
	}
}

func TestAStaleScanResultIsDropped(t *testing.T) {
	h := newHarness(t, fleetFetcher(), testConfig(), Options{})
	h.press("x")
	gen := h.m.list.scan.gen
	h.m.Update(scanResultMsg{region: "cn-hangzhou", gen: gen, final: true,
		sums: []fleet.Summary{{InstanceID: webID, Health: fleet.OK}}})
	if got := h.m.list.scan.sums[webID].Health; got != fleet.Critical {
		t.Fatalf("a result of a finished scan was applied: %v", got)
	}
	// Another region's scan is dropped too.
	h.m.list.scan.running = true
	h.m.Update(scanResultMsg{region: "cn-shanghai", gen: gen, final: true})
	if len(h.m.list.scan.sums) != 5 {
		t.Fatal("another region's result replaced the summaries")
	}
}

func TestRescanFetchesOnlyWhatRebootedAndWaitsForStaleLogs(t *testing.T) {
	f := fleetFetcher()
	h := newHarness(t, f, testConfig(), Options{})
	h.m.list.scan.pollBase, h.m.list.scan.waitFor = time.Millisecond, time.Hour
	h.press("x")
	before := len(h.f.Calls())

	// The reboot wave: web-01 restarts and boots fine; db-01 is still on its old log for one
	// more poll, then writes its new boot.
	newStart := testNow.Add(-30 * time.Second)
	for _, p := range f.pages["cn-hangzhou"] {
		for i := range p {
			if p[i].ID == webID || p[i].ID == dbID {
				p[i].StartTime = newStart
			}
		}
	}
	f.consoles[webID] = consoleFor(webID, okLog(), testNow)
	dbPolls := 0
	f.console = func(region, id string, n int) (fetch.ConsoleOutput, error) {
		if id == dbID {
			dbPolls++
			if dbPolls < 2 {
				return consoleFor(dbID, []byte("old boot\n"), testNow.Add(-3*time.Hour)), nil
			}
			return consoleFor(dbID, okLog(), testNow), nil
		}
		if out, ok := f.consoles[id]; ok {
			return out, nil
		}
		return fetch.ConsoleOutput{}, errors.New("unexpected call for " + id)
	}
	h.press("x")
	if n := h.f.count("StreamInstances cn-hangzhou"); n != 2 {
		t.Fatalf("the rescan did not relist first: %d listings", n)
	}
	calls := h.f.Calls()[before:]
	for _, c := range calls {
		if strings.HasPrefix(c, "ConsoleOutput") && !strings.Contains(c, webID) && !strings.Contains(c, dbID) {
			t.Fatalf("rescan fetched an instance that did not reboot: %v", calls)
		}
	}
	if dbPolls != 2 {
		t.Fatalf("db-01 polled %d times, want 2 (rescan, then one wait round)", dbPolls)
	}
	for _, id := range []string{webID, dbID, okID} {
		if got := h.m.list.scan.sums[id].Health; got != fleet.OK {
			t.Errorf("%s: %v after the rescan", id, got)
		}
	}
	if h.m.list.scan.running {
		t.Fatal("still running")
	}
}

func TestAutoScanAfterEachListing(t *testing.T) {
	cfg := testConfig()
	cfg.Settings.AutoScan = true
	h := newHarness(t, fleetFetcher(), cfg, Options{})
	if got := h.m.list.scan.sums[webID].Health; got != fleet.Critical {
		t.Fatalf("no automatic scan: %v", got)
	}
	h.press("ctrl+r")
	if n := h.f.count("ConsoleOutput cn-hangzhou " + webID); n != 1 {
		// After the reload only what needs it is fetched again: web-01 did not restart.
		t.Fatalf("web-01 fetched %d times", n)
	}
}

func TestSwitchingRegionForgetsTheScan(t *testing.T) {
	h := newHarness(t, fleetFetcher(), testConfig(), Options{})
	h.press("x", "P")
	h.press("R", "j", "enter")
	if h.m.list.scan.scanned() || h.m.list.scan.problemsOnly {
		t.Fatal("the scan of cn-hangzhou survived the switch")
	}
	h.mustNotContain("BOOT")
}

func TestOpenFromScannedListWorksAsBefore(t *testing.T) {
	h := newHarness(t, fleetFetcher(), testConfig(), Options{})
	h.press("x", "P")
	h.selectID(webID)
	h.press("enter")
	if h.m.screen != screenConsole || h.m.viewer.inst.ID != webID {
		t.Fatalf("screen %v on %s", h.m.screen, h.m.viewer.inst.ID)
	}
	h.mustContain("Kernel panic")
}

func TestGoldenListScanned(t *testing.T) {
	h := newHarness(t, fleetFetcher(), testConfig(), Options{ProfileLabel: "default"})
	h.press("x", "s", "s")
	h.selectID(webID)
	requireScreen(t, h)
}

func TestScanJobDeliversProgressThenResult(t *testing.T) {
	f := fleetFetcher()
	job := scanJob{f: f, region: "cn-hangzhou", gen: 3, insts: demoInstances(), now: func() time.Time { return testNow }}
	var progress int
	for msg := job.cmd(context.Background())(); msg != nil; {
		switch m := msg.(type) {
		case scanProgressMsg:
			if m.gen != 3 || m.region != "cn-hangzhou" {
				t.Fatalf("progress without its provenance: %+v", m)
			}
			progress++
			msg = m.next()
		case scanResultMsg:
			if !m.final || len(m.sums) != 4 || m.gen != 3 {
				t.Fatalf("result %+v", m)
			}
			msg = nil
		default:
			t.Fatalf("unexpected %T", msg)
		}
	}
	if progress == 0 {
		t.Fatal("no progress report")
	}
}
