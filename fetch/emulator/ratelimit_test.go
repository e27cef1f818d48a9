package emulator

import (
	"strings"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/ecs"
)

func TestParseRateLimit(t *testing.T) {
	good := []struct {
		in     string
		action string
		rate   float64
	}{
		{"GetInstanceConsoleOutput=50/s", "GetInstanceConsoleOutput", 50},
		{"DescribeInstances=5", "DescribeInstances", 5},
		{" RebootInstance=0.5/s ", "RebootInstance", 0.5},
	}
	for _, g := range good {
		action, rate, err := ParseRateLimit(g.in)
		if err != nil || action != g.action || rate != g.rate {
			t.Errorf("ParseRateLimit(%q) = %q, %v, %v; want %q, %v", g.in, action, rate, err, g.action, g.rate)
		}
	}
	bad := []struct{ in, want string }{
		{"", "want ACTION=N/s"},
		{"GetInstanceConsoleOutput", "want ACTION=N/s"},
		{"=50/s", "want ACTION=N/s"},
		{"GetConsole=50/s", `unknown action "GetConsole"`},
		{"DescribeInstances=0/s", "not a rate"},
		{"DescribeInstances=-3/s", "not a rate"},
		{"DescribeInstances=fast", "not a rate"},
		{"DescribeInstances=NaN/s", "not a rate"},
		{"DescribeInstances=50/m", "not a rate"},
		{"DescribeInstances=1e9/s", "not a rate"},
	}
	for _, b := range bad {
		if _, _, err := ParseRateLimit(b.in); err == nil || !strings.Contains(err.Error(), b.want) {
			t.Errorf("ParseRateLimit(%q) error %v, want one containing %q", b.in, err, b.want)
		}
	}
}

func TestNewRejectsBadRateLimits(t *testing.T) {
	for _, limits := range []map[string]float64{{"Nope": 1}, {"DescribeInstances": 0}, {"DescribeInstances": -1}} {
		if _, err := New(Options{Fixtures: testWorld(0), RateLimits: limits}); err == nil {
			t.Errorf("New accepted rate limits %v", limits)
		}
	}
}

// TestSDKRateLimitThrottles runs the real SDK into the limit: the bucket holds one second's
// worth of calls, and the next call is refused with the documented status and body until the
// bucket refills, in that region only. The rates are low enough that the refill cannot happen
// during the test.
func TestSDKRateLimitThrottles(t *testing.T) {
	srv, _ := startServer(t, testWorld(0), Options{RateLimits: map[string]float64{
		"GetInstanceConsoleOutput": 2, "DescribeInstances": 0.01,
	}})
	c := defaultClient(t, srv, "cn-hangzhou")
	for i := range 2 {
		if _, err := c.GetInstanceConsoleOutput(consoleRequest("i-web1")); err != nil {
			t.Fatalf("call %d within the burst: %v", i+1, err)
		}
	}
	_, err := c.GetInstanceConsoleOutput(consoleRequest("i-web1"))
	se := serverError(t, err, 429, "Throttling")
	if se.Message() != "Request was denied due to request throttling." {
		t.Errorf("message %q", se.Message())
	}

	// DescribeInstances falls under the common error table, whose Throttling is a 400.
	if _, err := c.DescribeInstances(ecs.CreateDescribeInstancesRequest()); err != nil {
		t.Fatalf("first DescribeInstances: %v", err)
	}
	_, err = c.DescribeInstances(ecs.CreateDescribeInstancesRequest())
	serverError(t, err, 400, "Throttling")

	// ECS meters each region on its own: Beijing's quota is untouched by Hangzhou's calls.
	if _, err := defaultClient(t, srv, "cn-beijing").GetInstanceConsoleOutput(consoleRequest("i-bj1")); err != nil {
		t.Fatalf("first call in another region: %v", err)
	}

	// Unlimited actions are not affected, and the counts name only refusals of the limit.
	if _, err := c.DescribeRegions(ecs.CreateDescribeRegionsRequest()); err != nil {
		t.Fatalf("DescribeRegions: %v", err)
	}
	if n := srv.Throttled("GetInstanceConsoleOutput"); n != 1 {
		t.Errorf("Throttled(GetInstanceConsoleOutput) = %d, want 1", n)
	}
	if n := srv.Throttled("DescribeInstances"); n != 1 {
		t.Errorf("Throttled(DescribeInstances) = %d, want 1", n)
	}
	if n := srv.Throttled("DescribeRegions"); n != 0 {
		t.Errorf("Throttled(DescribeRegions) = %d, want 0", n)
	}
	if n := srv.Calls("GetInstanceConsoleOutput"); n != 4 {
		t.Errorf("Calls = %d, want 4 (refusals count as calls)", n)
	}
}

// TestSDKRateLimitNeedsValidSignature checks that the limit meters authenticated calls only:
// a request with a wrong secret is rejected for its signature and does not use up the quota.
func TestSDKRateLimitNeedsValidSignature(t *testing.T) {
	srv, _ := startServer(t, testWorld(0), Options{RateLimits: map[string]float64{"GetInstanceConsoleOutput": 0.01}})
	bad := sdkClient(t, srv, "cn-hangzhou", DefaultAccessKeyID, "wrong secret", "")
	_, err := bad.GetInstanceConsoleOutput(consoleRequest("i-web1"))
	serverError(t, err, 400, "SignatureDoesNotMatch")
	if _, err := defaultClient(t, srv, "cn-hangzhou").GetInstanceConsoleOutput(consoleRequest("i-web1")); err != nil {
		t.Fatalf("first signed call: %v", err)
	}
}
