package emulator

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ecs"
)

func startInstance(c *ecs.Client, id string, dryRun bool) error {
	req := ecs.CreateStartInstanceRequest()
	req.InstanceId = id
	if dryRun {
		req.DryRun = requests.NewBoolean(true)
	}
	_, err := c.StartInstance(req)
	return err
}

func TestStartInstanceStartsAStoppedInstance(t *testing.T) {
	srv, clock := startServer(t, testWorld(0), Options{RebootDuration: 6 * time.Second})
	c := defaultClient(t, srv, "cn-hangzhou")
	before, beforeUpdate := consoleOf(t, c, "i-stop1")

	// DryRun checks and starts nothing.
	serverError(t, startInstance(c, "i-stop1", true), http.StatusBadRequest, "DryRunOperation")
	if st := statusOf(t, c, "i-stop1"); st != "Stopped" {
		t.Fatalf("after a dry run: %s", st)
	}

	clock.Advance(2 * time.Minute)
	startAt := clock.Now()
	if err := startInstance(c, "i-stop1", false); err != nil {
		t.Fatal(err)
	}
	// Starting for the boot part of a reboot (4 s of 6), the old log until the boot is over.
	for _, step := range []struct {
		advance time.Duration
		status  string
	}{{0, "Starting"}, {3999 * time.Millisecond, "Starting"}} {
		clock.Advance(step.advance)
		if st := statusOf(t, c, "i-stop1"); st != step.status {
			t.Fatalf("at %v: %s, want %s", clock.Now().Sub(startAt), st, step.status)
		}
		if text, _ := consoleOf(t, c, "i-stop1"); text != before {
			t.Fatalf("at %v the output changed before the boot finished", clock.Now().Sub(startAt))
		}
	}
	// A second start while it boots is refused as the real service refuses it.
	serverError(t, startInstance(c, "i-stop1", false), http.StatusForbidden, "IncorrectInstanceStatus")

	clock.Advance(time.Millisecond)
	if st := statusOf(t, c, "i-stop1"); st != "Running" {
		t.Fatalf("after 4 s: %s", st)
	}
	after, afterUpdate := consoleOf(t, c, "i-stop1")
	if after == before || !strings.HasSuffix(after, "db-stopped login: ") || !strings.Contains(after, "Debian") {
		t.Fatalf("new output is not a Debian boot ending in a login prompt: ...%q", after[max(0, len(after)-200):])
	}
	if want := startAt.Add(4 * time.Second).In(beijing).Format(lastUpdateLayout); afterUpdate != want || afterUpdate <= beforeUpdate {
		t.Fatalf("LastUpdateTime %s (before %s), want %s", afterUpdate, beforeUpdate, want)
	}
	if want := startAt.UTC().Format(minuteLayout); startTimeOf(t, c, "i-stop1") != want {
		t.Fatalf("StartTime %s, want %s", startTimeOf(t, c, "i-stop1"), want)
	}
	// Running now: starting it again is refused.
	serverError(t, startInstance(c, "i-stop1", false), http.StatusForbidden, "IncorrectInstanceStatus")
}

func TestStartInstanceErrors(t *testing.T) {
	srv, _ := startServer(t, testWorld(0), Options{})
	c := defaultClient(t, srv, "cn-hangzhou")
	serverError(t, startInstance(c, "i-web1", false), http.StatusForbidden, "IncorrectInstanceStatus")
	serverError(t, startInstance(c, "i-new1", false), http.StatusForbidden, "IncorrectInstanceStatus")
	serverError(t, startInstance(c, "i-nope", false), http.StatusNotFound, "InvalidInstanceId.NotFound")
	// An instance of another region does not exist at this region's endpoint.
	serverError(t, startInstance(c, "i-bj1", false), http.StatusNotFound, "InvalidInstanceId.NotFound")
	serverError(t, startInstance(c, "", false), http.StatusBadRequest, "MissingParameter")
	if n := srv.Calls("StartInstance"); n != 5 {
		t.Errorf("StartInstance calls = %d, want 5", n)
	}
}

func TestStartInstanceFaultInjected(t *testing.T) {
	srv, _ := startServer(t, testWorld(0), Options{})
	c := defaultClient(t, srv, "cn-hangzhou")
	srv.SetFault("i-stop1", FaultFixture{Action: "StartInstance", Code: "Forbidden.RAM", Times: 1})
	serverError(t, startInstance(c, "i-stop1", false), http.StatusForbidden, "Forbidden.RAM")
	if err := startInstance(c, "i-stop1", false); err != nil {
		t.Fatalf("after the one fault: %v", err)
	}
}

func vncURL(c *ecs.Client, id string) (string, error) {
	req := ecs.CreateDescribeInstanceVncUrlRequest()
	req.InstanceId = id
	resp, err := c.DescribeInstanceVncUrl(req)
	if err != nil {
		return "", err
	}
	return resp.VncUrl, nil
}

func TestDescribeInstanceVncUrl(t *testing.T) {
	srv, _ := startServer(t, testWorld(0), Options{})
	c := defaultClient(t, srv, "cn-hangzhou")
	for _, id := range []string{"i-web1", "i-win1"} {
		first, err := vncURL(c, id)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		u, perr := url.Parse(first)
		if perr != nil || u.Scheme != "wss" || u.Query().Get("vncProxyToken") == "" {
			t.Fatalf("%s: VncUrl %q is not a wss URL with a token", id, first)
		}
		// Every answer is a new one-time address.
		if second, _ := vncURL(c, id); second == first {
			t.Errorf("%s: the same VncUrl twice: %s", id, first)
		}
	}
}

func TestDescribeInstanceVncUrlErrors(t *testing.T) {
	srv, _ := startServer(t, testWorld(0), Options{})
	c := defaultClient(t, srv, "cn-hangzhou")
	for _, id := range []string{"i-stop1", "i-new1"} {
		_, err := vncURL(c, id)
		serverError(t, err, http.StatusForbidden, "IncorrectInstanceStatus")
	}
	_, err := vncURL(c, "i-nope")
	serverError(t, err, http.StatusNotFound, "InvalidInstanceId.NotFound")
	_, err = vncURL(c, "")
	serverError(t, err, http.StatusBadRequest, "MissingParameter")
	// During a reboot there is no screen either.
	if err := srv.Reboot("i-web1"); err != nil {
		t.Fatal(err)
	}
	_, err = vncURL(c, "i-web1")
	serverError(t, err, http.StatusForbidden, "IncorrectInstanceStatus")
}
