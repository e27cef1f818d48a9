package emulator

import (
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ecs"
)

// consoleOf fetches an instance's console output through the SDK.
func consoleOf(t *testing.T, c *ecs.Client, id string) (text, lastUpdate string) {
	t.Helper()
	req := ecs.CreateGetInstanceConsoleOutputRequest()
	req.InstanceId = id
	resp, err := c.GetInstanceConsoleOutput(req)
	if err != nil {
		t.Fatalf("console of %s: %v", id, err)
	}
	b, err := base64.StdEncoding.DecodeString(resp.ConsoleOutput)
	if err != nil {
		t.Fatalf("console of %s: %v", id, err)
	}
	return string(b), resp.LastUpdateTime
}

func startTimeOf(t *testing.T, c *ecs.Client, id string) string {
	t.Helper()
	req := ecs.CreateDescribeInstancesRequest()
	req.InstanceIds = `["` + id + `"]`
	resp, err := c.DescribeInstances(req)
	if err != nil || len(resp.Instances.Instance) != 1 {
		t.Fatalf("describe %s: %v", id, err)
	}
	return resp.Instances.Instance[0].StartTime
}

func TestRebootGivesAFreshBootLogAndNewerTimes(t *testing.T) {
	world := testWorld(0)
	panicky := world.Instances[0]
	panicky.InstanceID, panicky.InstanceName, panicky.HostName = "i-panic", "app-panic", "app-panic"
	panicky.Console = &ConsoleFixture{LastUpdateTime: "2026-11-20T02:04:57Z",
		Text: "[    2.100000] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)\n"}
	world.Instances = append(world.Instances, panicky)
	srv, clock := startServer(t, world, Options{RebootDuration: 6 * time.Second})
	c := defaultClient(t, srv, "cn-hangzhou")

	before, beforeUpdate := consoleOf(t, c, "i-web1")
	beforeStart := startTimeOf(t, c, "i-web1")
	clock.Advance(2 * time.Minute) // so the new StartTime differs at minute precision
	rebootAt := clock.Now()
	req := ecs.CreateRebootInstanceRequest()
	req.InstanceId = "i-web1"
	if _, err := c.RebootInstance(req); err != nil {
		t.Fatal(err)
	}
	// While it reboots, the cached output is still the previous boot's.
	for _, step := range []struct {
		advance time.Duration
		status  string
	}{{0, "Stopping"}, {1999 * time.Millisecond, "Stopping"}, {time.Millisecond, "Starting"}, {3999 * time.Millisecond, "Starting"}} {
		clock.Advance(step.advance)
		if st := statusOf(t, c, "i-web1"); st != step.status {
			t.Fatalf("at %v: %s, want %s", clock.Now().Sub(rebootAt), st, step.status)
		}
		if text, _ := consoleOf(t, c, "i-web1"); text != before {
			t.Fatalf("at %v the output changed before the boot finished", clock.Now().Sub(rebootAt))
		}
	}
	clock.Advance(time.Millisecond)
	if st := statusOf(t, c, "i-web1"); st != "Running" {
		t.Fatalf("after 6 s: %s", st)
	}
	after, afterUpdate := consoleOf(t, c, "i-web1")
	if after == before {
		t.Fatal("the output did not change")
	}
	if !strings.HasSuffix(after, "web-1 login: ") || !strings.Contains(after, "CentOS Linux 7") || len(after) < 5000 {
		t.Fatalf("new output is not a full CentOS boot ending in a login prompt (%d bytes): ...%q", len(after), after[max(0, len(after)-200):])
	}
	wantUpdate := rebootAt.Add(6 * time.Second).In(beijing).Format(lastUpdateLayout)
	if afterUpdate != wantUpdate || afterUpdate <= beforeUpdate {
		t.Fatalf("LastUpdateTime %s (before %s), want %s", afterUpdate, beforeUpdate, wantUpdate)
	}
	afterStart := startTimeOf(t, c, "i-web1")
	if want := rebootAt.Add(2 * time.Second).UTC().Format(minuteLayout); afterStart != want || afterStart == beforeStart {
		t.Fatalf("StartTime %s (before %s), want %s", afterStart, beforeStart, want)
	}

	// A second reboot gives yet another boot.
	clock.Advance(time.Minute)
	if err := srv.Reboot("i-web1"); err != nil {
		t.Fatal(err)
	}
	clock.Advance(6 * time.Second)
	again, againUpdate := consoleOf(t, c, "i-web1")
	if again == after || againUpdate <= afterUpdate {
		t.Fatalf("second reboot: same output or LastUpdateTime %s <= %s", againUpdate, afterUpdate)
	}

	// A reboot is what fixes a panicked instance.
	if err := srv.Reboot("i-panic"); err != nil {
		t.Fatal(err)
	}
	clock.Advance(6 * time.Second)
	fixed, _ := consoleOf(t, c, "i-panic")
	if strings.Contains(fixed, "Kernel panic") || !strings.HasSuffix(fixed, "app-panic login: ") {
		t.Fatalf("after reboot the panicked instance did not boot cleanly: ...%q", fixed[max(0, len(fixed)-200):])
	}
}

func TestForceStopShortensStopping(t *testing.T) {
	srv, clock := startServer(t, testWorld(0), Options{RebootDuration: 6 * time.Second})
	c := defaultClient(t, srv, "cn-hangzhou")
	for _, force := range []bool{false, true} {
		req := ecs.CreateRebootInstanceRequest()
		req.InstanceId = "i-web1"
		req.ForceStop = requests.NewBoolean(force)
		if _, err := c.RebootInstance(req); err != nil {
			t.Fatal(err)
		}
		clock.Advance(1500 * time.Millisecond)
		want := "Stopping"
		if force {
			want = "Starting"
		}
		if st := statusOf(t, c, "i-web1"); st != want {
			t.Fatalf("ForceStop=%v after 1.5 s: %s, want %s", force, st, want)
		}
		clock.Advance(5 * time.Second)
	}
}

func TestRebootHookAndOtherInstances(t *testing.T) {
	srv, clock := startServer(t, testWorld(0), Options{})
	c := defaultClient(t, srv, "cn-hangzhou")
	if err := srv.Reboot("i-nope"); err == nil {
		t.Error("reboot of an unknown instance succeeded")
	}
	if err := srv.Reboot("i-stop1"); err == nil || !strings.Contains(err.Error(), "Stopped") {
		t.Errorf("reboot of a stopped instance: %v", err)
	}
	if err := srv.Reboot("i-win1"); err != nil {
		t.Fatal(err)
	}
	if err := srv.Reboot("i-win1"); err == nil {
		t.Error("reboot during a reboot succeeded")
	}
	if st := statusOf(t, c, "i-win1"); st != "Stopping" {
		t.Fatalf("windows: %s", st)
	}
	// The default reboot takes 6 s; DescribeInstanceStatus sees the same lazy states.
	clock.Advance(5 * time.Second)
	st := ecs.CreateDescribeInstanceStatusRequest()
	st.InstanceId = &[]string{"i-win1"}
	resp, err := c.DescribeInstanceStatus(st)
	if err != nil || resp.InstanceStatuses.InstanceStatus[0].Status != "Starting" {
		t.Fatalf("DescribeInstanceStatus: %+v %v", resp, err)
	}
	clock.Advance(time.Second)
	if got := statusOf(t, c, "i-win1"); got != "Running" {
		t.Fatalf("windows after 6 s: %s", got)
	}
	// Windows still has no serial console output after a reboot.
	req := ecs.CreateGetInstanceConsoleOutputRequest()
	req.InstanceId = "i-win1"
	_, err = c.GetInstanceConsoleOutput(req)
	serverError(t, err, 405, "NotSupported")
}
