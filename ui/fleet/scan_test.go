package fleet

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/fetch/emulator"
)

// TestScanFixtureFleet scans every health kind through the real SDK and the emulator and checks
// each summary, the calls made, and the progress reports.
func TestScanFixtureFleet(t *testing.T) {
	cases := fixtureFleet()
	srv := startEmulator(t, fixtureWorld(cases), emulator.Options{})
	c := newClient(t, srv.URL(), nil)
	instances := listAll(t, c, "cn-hangzhou", "cn-beijing")
	if len(instances) != len(cases) {
		t.Fatalf("listed %d instances, want %d", len(instances), len(cases))
	}
	var mu sync.Mutex
	var reports []Progress
	s := New(c, Options{Concurrency: 3, Progress: func(p Progress) {
		mu.Lock()
		reports = append(reports, p)
		mu.Unlock()
	}})
	sums, err := s.Scan(context.Background(), instances)
	if err != nil {
		t.Fatalf("Scan: %v", err)
	}
	for i, sum := range sums {
		if sum.InstanceID != instances[i].ID {
			t.Fatalf("summary %d is %s, want %s: the order changed", i, sum.InstanceID, instances[i].ID)
		}
	}
	got := byID(sums)
	wantCalls := 0
	for _, tc := range cases {
		t.Run(tc.fix.InstanceID, func(t *testing.T) {
			s := got[tc.fix.InstanceID]
			if s.Health != tc.health {
				t.Errorf("health %v, want %v (findings %+v, err %q, note %q)", s.Health, tc.health, s.Findings, s.Err, s.Note)
			}
			kind, line := "", 0
			if len(s.Findings) > 0 {
				kind, line = s.Findings[0].Kind, s.Findings[0].Line
			}
			if tc.health != Stale && (kind != tc.kind || line != tc.line) {
				t.Errorf("first finding %s at line %d, want %s at %d (%+v)", kind, line, tc.kind, tc.line, s.Findings)
			}
			if s.ReachedLogin != tc.login || s.Stale != tc.stale || s.Fetched != tc.fetched {
				t.Errorf("login %v stale %v fetched %v, want %v %v %v", s.ReachedLogin, s.Stale, s.Fetched, tc.login, tc.stale, tc.fetched)
			}
			if (tc.errSub == "") != (s.Err == "") || !strings.Contains(s.Err, tc.errSub) {
				t.Errorf("error %q, want one containing %q", s.Err, tc.errSub)
			}
			if !strings.Contains(s.Note, tc.noteSub) {
				t.Errorf("note %q, want one containing %q", s.Note, tc.noteSub)
			}
			if s.ScannedAt.IsZero() || s.Region != tc.fix.RegionID || s.Name != tc.fix.InstanceName || s.Status != tc.fix.Status {
				t.Errorf("identity %+v", s)
			}
			if tc.fetched && tc.health != None && s.LastUpdate.IsZero() {
				t.Error("no LastUpdate")
			}
		})
		wantCalls += tc.attempts
	}
	// Windows and never-started instances cost no call; the throttled one cost three.
	if n := srv.Calls("GetInstanceConsoleOutput"); n != wantCalls {
		t.Errorf("%d console calls, want %d", n, wantCalls)
	}
	last := reports[len(reports)-1]
	if len(reports) != len(cases) || last.Done != len(cases) || last.Total != len(cases) {
		t.Errorf("%d reports, last %+v; want %d, done = total", len(reports), last, len(cases))
	}
	if want := len(cases) - 2; last.Calls != want || last.Failed != 2 {
		t.Errorf("last report %+v: want %d calls, 2 failed", last, want)
	}
	for i := 1; i < len(reports); i++ {
		if reports[i].Done != reports[i-1].Done+1 {
			t.Fatalf("reports %d and %d: done %d then %d", i-1, i, reports[i-1].Done, reports[i].Done)
		}
	}
}

// TestTrapsDoNotCount pins what today's findings rules make of the healthy-noise traps: two of
// them fire (fsck-failed on a unit named after a failed fsck, call-trace on a unit named after
// a call trace), and classify discards both because systemd marked the line OK. When the
// findings rules stop firing on them, the first half of this test fails and can go.
func TestTrapsDoNotCount(t *testing.T) {
	cases := fixtureFleet()
	srv := startEmulator(t, fixtureWorld(cases[:1]), emulator.Options{})
	c := newClient(t, srv.URL(), nil)
	out, err := c.ConsoleOutput(context.Background(), "cn-hangzhou", "i-ok-traps")
	if err != nil {
		t.Fatal(err)
	}
	plain := renderPlain(out.Data)
	var fired []string
	for _, f := range scanRules(plain) {
		fired = append(fired, f.Rule.Name)
	}
	if strings.Join(fired, ",") != "fsck-failed,call-trace" {
		t.Errorf("today's rules fire %v on the traps; update this test", fired)
	}
	v := classify(plain, scanRules(plain))
	if v.health != OK || len(v.findings) != 0 || !v.reachedLogin {
		t.Errorf("classify: %v, findings %v, login %v; want ok, none, true", v.health, v.findings, v.reachedLogin)
	}
}

func TestRecordsJSON(t *testing.T) {
	cases := fixtureFleet()
	srv := startEmulator(t, fixtureWorld(cases), emulator.Options{})
	c := newClient(t, srv.URL(), nil)
	sums, err := New(c, Options{}).Scan(context.Background(), listAll(t, c, "cn-hangzhou", "cn-beijing"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(Records(sums))
	if err != nil {
		t.Fatal(err)
	}
	var generic []map[string]any
	if err := json.Unmarshal(b, &generic); err != nil {
		t.Fatal(err)
	}
	keys := "error,findings,health,instanceId,lastUpdateTime,name,region,status"
	for _, r := range generic {
		var ks []string
		for k := range r {
			ks = append(ks, k)
		}
		if got := strings.Join(sorted(ks), ","); got != keys {
			t.Fatalf("record keys %s, want %s", got, keys)
		}
		if _, ok := r["findings"].([]any); !ok {
			t.Errorf("%v: findings is %T, want an array", r["instanceId"], r["findings"])
		}
		if lu, ok := r["lastUpdateTime"].(string); ok {
			if _, err := time.Parse(time.RFC3339, lu); err != nil || !strings.HasSuffix(lu, "Z") {
				t.Errorf("lastUpdateTime %q is not RFC 3339 UTC", lu)
			}
		}
	}
	var recs []Record
	if err := json.Unmarshal(b, &recs); err != nil {
		t.Fatalf("records do not read back: %v", err)
	}
	want := map[string]string{
		"i-crit-panic": `{"instanceId":"i-crit-panic","name":"crit-panic","region":"cn-hangzhou","status":"Running","health":"critical",` +
			`"lastUpdateTime":"2026-11-21T08:00:41Z","findings":[{"severity":"critical","kind":"no-root-fs","line":7,"text":"[    3.412345] VFS: Cannot open root device \"UUID=33b4fd4a\" or unknown-block(0,0): error -6"},` +
			`{"severity":"critical","kind":"kernel-panic","line":8,"text":"[    3.412400] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)"}],"error":null}`,
		"i-none-windows": `{"instanceId":"i-none-windows","name":"none-windows","region":"cn-hangzhou","status":"Running","health":"none","lastUpdateTime":null,"findings":[],"error":null}`,
	}
	for _, r := range recs {
		if w, ok := want[r.InstanceID]; ok {
			got, _ := json.Marshal(r)
			if string(got) != w {
				t.Errorf("record\n%s\nwant\n%s", got, w)
			}
		}
		if r.InstanceID == "i-unknown-ram" && (r.Error == nil || r.Health != Unknown || !strings.Contains(*r.Error, "Forbidden.RAM")) {
			t.Errorf("failed call's record: %+v", r)
		}
	}
}

// TestScanCancelled cancels a scan from its first progress report: nothing more is fetched,
// and the rest is Unknown and says it was not scanned.
func TestScanCancelled(t *testing.T) {
	cases := fixtureFleet()
	srv := startEmulator(t, fixtureWorld(cases), emulator.Options{})
	c := newClient(t, srv.URL(), nil)
	instances := listAll(t, c, "cn-hangzhou", "cn-beijing")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s := New(c, Options{Concurrency: 1, MaxInFlight: 1, Progress: func(p Progress) {
		if p.Calls == 1 {
			cancel()
		}
	}})
	sums, err := s.Scan(ctx, instances)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	notScanned := 0
	for _, s := range sums {
		if strings.HasPrefix(s.Err, "not scanned") {
			notScanned++
			if s.Health != Unknown {
				t.Errorf("%s: not scanned but %v", s.InstanceID, s.Health)
			}
		}
	}
	if calls := srv.Calls("GetInstanceConsoleOutput"); notScanned == 0 || calls > 3 {
		t.Errorf("%d not scanned, %d calls made after cancelling at the first", notScanned, calls)
	}
}

func TestExitCode(t *testing.T) {
	okSum := Summary{Health: OK, Fetched: true}
	tests := []struct {
		name string
		sums []Summary
		err  error
		want int
	}{
		{"clean", []Summary{okSum, {Health: None}, {Health: Stale, Fetched: true}}, nil, ExitClean},
		{"empty fleet", nil, nil, ExitClean},
		{"a warning", []Summary{okSum, {Health: Warning, Fetched: true}}, nil, ExitProblems},
		{"a critical among failures", []Summary{{Health: Critical, Fetched: true}, {Health: Unknown, Err: "x"}}, nil, ExitProblems},
		{"some calls failed", []Summary{okSum, {Health: Unknown, Err: "throttled"}}, nil, ExitClean},
		{"every call failed", []Summary{{Health: Unknown, Err: "Forbidden.RAM"}, {Health: None}}, nil, ExitAPIFailure},
		{"listing failed", nil, errors.New("list instances"), ExitAPIFailure},
	}
	for _, tt := range tests {
		if got := ExitCode(tt.sums, tt.err); got != tt.want {
			t.Errorf("%s: exit %d, want %d", tt.name, got, tt.want)
		}
	}
}

// TestScanPlainError checks that a fetcher error that is not a *fetch.Error still gives
// Unknown, with its text made display-safe.
func TestScanPlainError(t *testing.T) {
	s := New(failing{}, Options{})
	sums, err := s.Scan(context.Background(), []fetch.Instance{{ID: "i-1", RegionID: "cn-hangzhou", Status: "Running", StartTime: time.Now()}})
	if err != nil || sums[0].Health != Unknown || !strings.Contains(sums[0].Err, "boom") {
		t.Fatalf("%+v, %v", sums[0], err)
	}
	if strings.Contains(sums[0].Err, "\x1b") {
		t.Errorf("error %q reached the summary unsanitised", sums[0].Err)
	}
}

type failing struct{}

func (failing) ConsoleOutput(context.Context, string, string) (fetch.ConsoleOutput, error) {
	return fetch.ConsoleOutput{}, errors.New("boom\x1b[2J")
}

// TestScanCountsThrottledFailures: a call that is still throttled after the client's retries
// leaves its instance Unknown, and every Throttling answer, the retried one included, counts in
// Progress.Throttles (fetch.Client is a ThrottleCounter).
func TestScanCountsThrottledFailures(t *testing.T) {
	var world []fixtureCase
	for _, c := range fixtureFleet() {
		if c.fix.InstanceID == "i-ok-throttled" || c.fix.InstanceID == "i-ok-traps" {
			world = append(world, c)
		}
	}
	world[1].fix.Fault = &emulator.FaultFixture{Action: "GetInstanceConsoleOutput", Code: "Throttling", HTTPStatus: 429}
	srv := startEmulator(t, fixtureWorld(world), emulator.Options{})
	c := newClient(t, srv.URL(), func(o *fetch.Options) { o.Retry.MaxAttempts = 2 })
	var last Progress
	sums, err := New(c, Options{Progress: func(p Progress) { last = p }}).Scan(context.Background(), listAll(t, c, "cn-hangzhou", "cn-beijing"))
	if err != nil {
		t.Fatal(err)
	}
	got := byID(sums)
	if s := got["i-ok-throttled"]; s.Health != Unknown || !strings.Contains(s.Err, "Throttling") {
		t.Errorf("always-throttled instance: %v %q", s.Health, s.Err)
	}
	if got["i-ok-traps"].Health != OK || last.Throttles != 2 || last.Failed != 1 || last.Calls != 2 {
		t.Errorf("traps %v, last progress %+v", got["i-ok-traps"].Health, last)
	}
	if ExitCode(sums, nil) != ExitClean {
		t.Error("one throttled instance among healthy ones is not a failed scan")
	}
}
