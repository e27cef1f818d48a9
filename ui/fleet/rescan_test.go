package fleet

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/fetch/emulator"
)

// TestScanDemoRebootWave scans the demo account's Hangzhou region, where a reboot wave went
// through the k8s-node fleet, and checks that triage names exactly the nodes that did not come
// back, and why, beside the demo's hand-written cases.
func TestScanDemoRebootWave(t *testing.T) {
	srv := startEmulator(t, emulator.DemoFixtures(), emulator.Options{})
	c := newClient(t, srv.URL(), nil)
	instances := listAll(t, c, "cn-hangzhou")
	sums, err := New(c, Options{}).Scan(context.Background(), instances)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]Summary{}
	for _, s := range sums {
		byName[s.Name] = s
	}
	want := map[string]struct {
		health Health
		kind   string
	}{
		// The wave: three critical, three warning, two stale, two never started.
		"k8s-node-7": {Critical, "dracut-timeout"}, "k8s-node-13": {Critical, "no-root-fs"}, "k8s-node-22": {Critical, "fsck-failed"},
		"k8s-node-31": {Warning, "failed-unit"}, "k8s-node-38": {Warning, "oom-kill"}, "k8s-node-45": {Warning, "device-timeout"},
		"k8s-node-50": {Stale, ""}, "k8s-node-53": {Stale, ""}, "k8s-node-55": {None, ""}, "k8s-node-56": {None, ""},
		// The hand-written cases.
		"web-prod-01": {OK, ""}, "staging-api-1": {OK, ""}, "web-prod-04": {Critical, "no-root-fs"},
		"fileserver-01": {Critical, "fsck-failed"}, "jenkins-agent-2": {Warning, "cloud-init"},
		"batch-runner": {Stale, ""}, "legacy-erp-win": {None, ""}, "gpu-infer-01": {None, ""}, "report-svc-01": {None, ""},
		"api-gw-1": {OK, ""},
	}
	for name, w := range want {
		s, ok := byName[name]
		if !ok {
			t.Errorf("no %s in the scan", name)
			continue
		}
		// The kind is among the top findings: the first by line may be a stack trace that
		// precedes the OOM kill's own line, or a traceback before cloud-init's summary.
		found := w.kind == ""
		for _, f := range s.Findings {
			found = found || f.Kind == w.kind
		}
		if s.Health != w.health || !found {
			t.Errorf("%s: %v, want %v with a %s finding (err %q, findings %+v)", name, s.Health, w.health, w.kind, s.Err, s.Findings)
		}
	}
	for n := 1; n <= 56; n++ {
		name := fmt.Sprintf("k8s-node-%d", n)
		if _, special := want[name]; !special && byName[name].Health != OK {
			t.Errorf("%s came back clean but scans %v (%+v)", name, byName[name].Health, byName[name].Findings)
		}
	}
	if n := len(Problems(sums)); n < 9 {
		t.Errorf("%d problems in Hangzhou, want the wave's six and the hand-written ones", n)
	}
	if ExitCode(sums, nil) != ExitProblems {
		t.Error("a region with critical instances does not exit 4")
	}
}

// TestRescanAfterReboot is the triage loop: scan, reboot the worst, rescan. The rescan fetches
// only the rebooted instance and the ones whose last answer was stale or unknown, and the
// rebooted one now scans ok.
func TestRescanAfterReboot(t *testing.T) {
	cases := fixtureFleet()
	srv := startEmulator(t, fixtureWorld(cases), emulator.Options{})
	c := newClient(t, srv.URL(), nil)
	s := New(c, Options{})
	first, err := s.Scan(context.Background(), listAll(t, c, "cn-hangzhou", "cn-beijing"))
	if err != nil {
		t.Fatal(err)
	}
	SortWorstFirst(first)
	worst := first[0]
	if worst.Health != Critical {
		t.Fatalf("worst is %v", worst.Health)
	}
	if err := srv.Reboot(worst.InstanceID); err != nil {
		t.Fatal(err)
	}
	fresh := waitRunning(t, c, worst.InstanceID)
	before := srv.Calls("GetInstanceConsoleOutput")
	again, err := s.Rescan(context.Background(), first, fresh)
	if err != nil {
		t.Fatal(err)
	}
	got := byID(again)
	if r := got[worst.InstanceID]; r.Health != OK || !r.ReachedLogin || len(r.Findings) != 0 {
		t.Errorf("rebooted %s rescans %v %+v, want ok", worst.InstanceID, r.Health, r.Findings)
	}
	// Refetched: the rebooted one, the stale one and the two unknown ones; everything else is
	// kept as it was.
	wantFetched := map[string]bool{worst.InstanceID: true, "i-stale": true, "i-unknown-ram": true, "i-unknown-base64": true}
	for _, p := range first {
		r := got[p.InstanceID]
		if refetched := !r.ScannedAt.Equal(p.ScannedAt); refetched != wantFetched[p.InstanceID] {
			t.Errorf("%s refetched %v, want %v", p.InstanceID, refetched, wantFetched[p.InstanceID])
		}
	}
	if n := srv.Calls("GetInstanceConsoleOutput") - before; n != len(wantFetched) {
		t.Errorf("rescan made %d calls, want %d", n, len(wantFetched))
	}
	if len(again) != len(first) {
		t.Errorf("%d summaries after the rescan, want %d", len(again), len(first))
	}
}

// waitRunning lists both regions until the instance is Running again after its reboot.
func waitRunning(t *testing.T, c *fetch.Client, id string) []fetch.Instance {
	t.Helper()
	for range 200 {
		all := listAll(t, c, "cn-hangzhou", "cn-beijing")
		for _, in := range all {
			if in.ID == id && in.Status == "Running" {
				return all
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("%s is not Running after its reboot", id)
	return nil
}

func TestNeedsScan(t *testing.T) {
	t0 := time.Date(2026, 11, 21, 8, 0, 0, 0, time.UTC)
	prev := Summary{Health: OK, StartTime: t0, LastUpdate: t0.Add(41 * time.Second), ScannedAt: t0.Add(time.Hour)}
	in := fetch.Instance{StartTime: t0}
	tests := []struct {
		name string
		prev *Summary
		in   fetch.Instance
		want bool
	}{
		{"never scanned", nil, in, true},
		{"unchanged", &prev, in, false},
		{"restarted since", &prev, fetch.Instance{StartTime: t0.Add(2 * time.Hour)}, true},
		{"unknown", &Summary{Health: Unknown, ScannedAt: t0}, in, true},
		{"stale", &Summary{Health: Stale, StartTime: t0, ScannedAt: t0}, in, true},
		{"started for the first time", &Summary{Health: None, ScannedAt: t0}, in, true},
		{"still never started", &Summary{Health: None, ScannedAt: t0}, fetch.Instance{}, false},
	}
	for _, tt := range tests {
		if got := NeedsScan(tt.prev, tt.in); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

// updatingFetcher is the real client, plus a test hook: on the instance's nth console call the
// emulator's console is first replaced, as if the machine had just written its new boot log.
type updatingFetcher struct {
	*fetch.Client
	srv   *emulator.Server
	id    string
	nth   int32
	calls atomic.Int32
}

func (f *updatingFetcher) ConsoleOutput(ctx context.Context, region, id string) (fetch.ConsoleOutput, error) {
	if id == f.id && f.calls.Add(1) == f.nth {
		f.srv.SetConsole(id, []byte(crlf(kernelHead, tail("stale"))), time.Date(2026, 11, 21, 8, 1, 0, 0, time.UTC))
	}
	return f.Client.ConsoleOutput(ctx, region, id)
}

// TestWaitStale re-polls the stale instance until its new log arrives; an instance that never
// writes one stays stale once the timeout has passed, and says so.
func TestWaitStale(t *testing.T) {
	var world []fixtureCase
	for _, c := range fixtureFleet() {
		switch c.fix.InstanceID {
		case "i-ok-traps":
			world = append(world, c)
		case "i-stale":
			never := c
			never.fix.InstanceID, never.fix.InstanceName = "i-stale-forever", "stale-forever"
			world = append(world, c, never)
		}
	}
	srv := startEmulator(t, fixtureWorld(world), emulator.Options{})
	c := newClient(t, srv.URL(), nil)
	f := &updatingFetcher{Client: c, srv: srv, id: "i-stale", nth: 3}
	s := New(f, Options{PollBase: 5 * time.Millisecond, PollMax: 20 * time.Millisecond})
	sums, err := s.Scan(context.Background(), listAll(t, c, "cn-hangzhou"))
	if err != nil {
		t.Fatal(err)
	}
	if h := byID(sums)["i-stale"].Health; h != Stale {
		t.Fatalf("i-stale scans %v before waiting", h)
	}
	waited, err := s.WaitStale(context.Background(), sums, 300*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	got := byID(waited)
	if r := got["i-stale"]; r.Health != OK || r.Stale || f.calls.Load() != 3 {
		t.Errorf("i-stale: %v stale %v after %d calls; want ok after 3", r.Health, r.Stale, f.calls.Load())
	}
	if r := got["i-stale-forever"]; r.Health != Stale || !strings.Contains(r.Note, "still stale") {
		t.Errorf("i-stale-forever: %v %q", r.Health, r.Note)
	}
	if r := got["i-ok-traps"]; !r.ScannedAt.Equal(byID(sums)["i-ok-traps"].ScannedAt) {
		t.Error("WaitStale refetched an instance that was not stale")
	}
}

func TestWaitStaleCancelled(t *testing.T) {
	s := New(failing{}, Options{PollBase: time.Hour})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := s.WaitStale(ctx, []Summary{{Health: Stale}}, 2*time.Hour)
	if err != context.Canceled {
		t.Errorf("error %v, want context.Canceled", err)
	}
}

// TestRescanCancelledKeepsPrevious: a rescan cancelled before it fetches anything leaves every
// previous summary as it was, rather than turning them into "not scanned".
func TestRescanCancelledKeepsPrevious(t *testing.T) {
	srv := startEmulator(t, fixtureWorld(fixtureFleet()), emulator.Options{})
	c := newClient(t, srv.URL(), nil)
	s := New(c, Options{})
	instances := listAll(t, c, "cn-hangzhou", "cn-beijing")
	first, err := s.Scan(context.Background(), instances)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	again, err := s.Rescan(ctx, first, instances)
	if err != context.Canceled {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	for i := range first {
		if a, f := again[i], first[i]; a.Health != f.Health || !a.ScannedAt.Equal(f.ScannedAt) || a.Err != f.Err {
			t.Errorf("%s: %v %q after a cancelled rescan, was %v %q", f.InstanceID, a.Health, a.Err, f.Health, f.Err)
		}
	}
}
