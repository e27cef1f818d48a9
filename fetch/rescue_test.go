package fetch_test

import (
	"context"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/fetch/emulator"
)

func TestStartStoppedInstance(t *testing.T) {
	clock := &testClock{t: time.Now()} // the signature check reads this clock too
	srv, err := emulator.New(emulator.Options{Fixtures: testFixtures(), RebootDuration: 3 * time.Second, Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	c := newClient(t, srv, nil)
	before, err := c.ConsoleOutput(context.Background(), smallRegion, "i-stopped")
	if err != nil {
		t.Fatal(err)
	}
	req, err := c.Start(context.Background(), smallRegion, "i-stopped")
	if err != nil || req == "" {
		t.Fatalf("Start: %q, %v", req, err)
	}
	st, err := c.InstanceStatuses(context.Background(), smallRegion, []string{"i-stopped"})
	if err != nil || len(st) != 1 || (st[0].Status != "Starting" && st[0].Status != "Running") {
		t.Fatalf("after start: %+v, %v; want Starting", st, err)
	}
	if during, _ := c.ConsoleOutput(context.Background(), smallRegion, "i-stopped"); string(during.Data) != string(before.Data) {
		t.Fatal("the log changed before the boot was over")
	}
	// The emulator's start takes two thirds of its reboot duration.
	clock.advance(2 * time.Second)
	after, err := c.ConsoleOutput(context.Background(), smallRegion, "i-stopped")
	if err != nil {
		t.Fatal(err)
	}
	if !after.LastUpdate.After(before.LastUpdate) || string(after.Data) == string(before.Data) {
		t.Fatalf("no new boot log after the start: LastUpdate %v (before %v)", after.LastUpdate, before.LastUpdate)
	}
}

func TestStartRefusedAndNeverRetried(t *testing.T) {
	srv := startEmulator(t, testFixtures(), 0)
	c := newClient(t, srv, nil)
	_, err := c.Start(context.Background(), smallRegion, "i-linux")
	fe := asError(t, err)
	if fe.Kind != fetch.KindWrongState || fe.Code != "IncorrectInstanceStatus" || fe.RequestID == "" || fe.Op != "StartInstance" {
		t.Errorf("start of a Running instance: %+v", fe)
	}
	if !strings.Contains(fe.Hint, "Stopped") {
		t.Errorf("hint %q does not say only a Stopped instance starts", fe.Hint)
	}
	_, err = c.Start(context.Background(), smallRegion, "i-nope")
	if fe := asError(t, err); fe.Kind != fetch.KindNotFound {
		t.Errorf("start of an unknown instance: %+v", fe)
	}
	srv.SetFault("i-stopped", emulator.FaultFixture{Action: "StartInstance", Code: "Throttling", HTTPStatus: 429, Times: 1})
	_, err = c.Start(context.Background(), smallRegion, "i-stopped")
	if fe := asError(t, err); fe.Kind != fetch.KindThrottled || fe.Attempts != 1 {
		t.Errorf("throttled start: %+v", fe)
	}
	if n := srv.Calls("StartInstance"); n != 3 {
		t.Errorf("StartInstance calls = %d, want 3 (one per Start)", n)
	}
	if _, err := c.Start(context.Background(), smallRegion, ""); asError(t, err).Kind != fetch.KindInvalidRequest {
		t.Errorf("no ID: %v", err)
	}
}

func TestVncURL(t *testing.T) {
	srv := startEmulator(t, testFixtures(), 0)
	c := newClient(t, srv, nil)
	vnc, err := c.VncURL(context.Background(), smallRegion, "i-linux")
	if err != nil {
		t.Fatal(err)
	}
	if vnc.URL == "" || vnc.RequestID == "" || vnc.InstanceID != "i-linux" {
		t.Fatalf("VncURL: %+v", vnc)
	}
	web, err := url.Parse(fetch.WebConsoleURL(vnc.URL, "i-linux", false))
	if err != nil {
		t.Fatal(err)
	}
	q := web.Query()
	if web.Scheme != "https" || web.Host != "g.alicdn.com" || q.Get("vncUrl") != vnc.URL || q.Get("instanceId") != "i-linux" || q.Get("isWindows") != "false" {
		t.Errorf("web console URL %s does not carry the VNC address, the ID and isWindows", web)
	}
	if w, _ := url.Parse(fetch.WebConsoleURL(vnc.URL, "i-windows", true)); w.Query().Get("isWindows") != "true" {
		t.Errorf("Windows: %s", w)
	}

	for _, tc := range []struct {
		id   string
		kind fetch.ErrorKind
	}{{"i-stopped", fetch.KindWrongState}, {"i-pending", fetch.KindWrongState}, {"i-nope", fetch.KindNotFound}} {
		_, err := c.VncURL(context.Background(), smallRegion, tc.id)
		if fe := asError(t, err); fe.Kind != tc.kind || fe.RequestID == "" || fe.Op != "DescribeInstanceVncUrl" {
			t.Errorf("%s: %+v, want %v", tc.id, fe, tc.kind)
		}
	}
	_, err = c.VncURL(context.Background(), smallRegion, "i-stopped")
	if fe := asError(t, err); !strings.Contains(fe.Hint, "Running") {
		t.Errorf("stopped: hint %q", fe.Hint)
	}
}

func TestVncURLMalformedAnswer(t *testing.T) {
	srv := startEmulator(t, testFixtures(), 0)
	c := newClient(t, srv, nil)
	srv.SetFault("i-linux", emulator.FaultFixture{Action: "DescribeInstanceVncUrl", Body: `{"RequestId":"ABC"}`, Times: 1})
	_, err := c.VncURL(context.Background(), smallRegion, "i-linux")
	if fe := asError(t, err); fe.Kind != fetch.KindMalformedResponse {
		t.Errorf("answer without VncUrl: %+v", fe)
	}
}

// testClock is a clock the test moves by hand.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}
