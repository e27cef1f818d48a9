package cli

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bootlog/bootlog/fetch/emulator"
)

// findWorld spreads look-alike instances over four regions: web-1 in two regions, an address
// that is private in one region and elastic in another, and a region (us-west-1) whose
// DescribeInstances always fails.
func findWorld() *emulator.Fixtures {
	fx := &emulator.Fixtures{Regions: []emulator.RegionFixture{
		{RegionID: "cn-hangzhou", LocalName: "China (Hangzhou)"},
		{RegionID: "cn-beijing", LocalName: "China (Beijing)"},
		{RegionID: "eu-central-1", LocalName: "Germany (Frankfurt)"},
		{RegionID: "us-west-1", LocalName: "US (Silicon Valley)"},
	}}
	updated := time.Now().UTC().Add(-time.Hour).Format(time.RFC3339)
	add := func(region, id, name, private, eip string) {
		fx.Instances = append(fx.Instances, emulator.InstanceFixture{
			RegionID: region, InstanceID: id, InstanceName: name, Status: "Running", OSType: "linux", OSName: "Alibaba Cloud Linux 3",
			InstanceType: "ecs.g7.large", ZoneID: region + "-a", PrivateIP: private, EIP: eip,
			CreationTime: "2026-11-20T10:04Z", StartTime: "2026-11-21T08:00Z",
			Console: &emulator.ConsoleFixture{LastUpdateTime: updated, Text: "[    0.000000] Linux version 5.10\r\n" + name + " login: "},
		})
	}
	add("cn-hangzhou", "i-bp1aaaaaaaaaaaaaaaaa", "web-1", "172.16.0.1", "")
	add("cn-hangzhou", "i-bp1bbbbbbbbbbbbbbbbb", "web-2", "172.16.0.2", "118.31.0.2")
	add("cn-beijing", "i-2zeaaaaaaaaaaaaaaaaa", "web-1", "172.20.0.1", "")
	add("cn-beijing", "i-2zebbbbbbbbbbbbbbbbb", "bj-db-1", "172.20.0.9", "")
	add("eu-central-1", "i-gw8aaaaaaaaaaaaaaaaa", "fra-web-1", "10.0.0.1", "")
	add("us-west-1", "i-rj9aaaaaaaaaaaaaaaaa", "usw-web-1", "10.1.0.1", "")
	fx.Instances[len(fx.Instances)-1].Fault = &emulator.FaultFixture{Action: "DescribeInstances", Code: "InternalError", HTTPStatus: 500}
	return fx
}

// TestGetFindsAnywhere: a name, an address or an ID reaches its instance in whichever region it
// is, with no region configured at all.
func TestGetFindsAnywhere(t *testing.T) {
	startFixtures(t, findWorld())
	t.Setenv("ALIBABA_CLOUD_REGION_ID", "")
	for _, tc := range []struct{ arg, login string }{
		{"web-2", "web-2 login:"},
		{"118.31.0.2", "web-2 login:"},
		{"172.20.0.9", "bj-db-1 login:"},
		{"bj-db-*", "bj-db-1 login:"},
		{"i-gw8aaaaaaaaaaaaaaaaa", "fra-web-1 login:"},
	} {
		code, out, errOut := runCmd("get", tc.arg)
		if code != exitOK || !strings.Contains(out, tc.login) {
			t.Errorf("get %s: exit %d, stdout %q, stderr %q", tc.arg, code, out, errOut)
		}
		// The region that failed is named, and did not stop the others.
		if !strings.Contains(errOut, "region us-west-1 could not be searched") {
			t.Errorf("get %s: the failed region is not named: %q", tc.arg, errOut)
		}
	}
	// --region narrows the search: web-1 is then unique.
	code, out, errOut := runCmd("get", "--region", "cn-beijing", "web-1")
	if code != exitOK || !strings.Contains(out, "web-1 login:") || errOut != "" {
		t.Fatalf("--region cn-beijing web-1: exit %d, %q, %q", code, out, errOut)
	}
}

// TestGetAmbiguousListsCandidates: a name two regions share ends with exit 2 and both candidates
// (ID, name, region, status, IPs) on stderr, nothing on stdout; the TUI's --instance does the same.
func TestGetAmbiguousListsCandidates(t *testing.T) {
	startFixtures(t, findWorld())
	for _, args := range [][]string{{"get", "web-1"}, {"--instance", "web-1"}} {
		code, out, errOut := runCmd(args...)
		if code != exitUsage || out != "" {
			t.Fatalf("%v: exit %d, stdout %q", args, code, out)
		}
		for _, want := range []string{"name web-1 matches 2 instances", "ID", "REGION", "IPS",
			"i-bp1aaaaaaaaaaaaaaaaa  web-1  cn-hangzhou  Running  172.16.0.1",
			"i-2zeaaaaaaaaaaaaaaaaa  web-1  cn-beijing   Running  172.20.0.1"} {
			if !strings.Contains(errOut, want) {
				t.Errorf("%v: stderr lacks %q:\n%s", args, want, errOut)
			}
		}
	}
}

// TestGetFindsNothing: exit 1, naming the regions searched, the filters used and the regions that
// could not be searched; the TUI's --instance does the same before any screen is drawn.
func TestGetFindsNothing(t *testing.T) {
	startFixtures(t, findWorld())
	for _, args := range [][]string{{"get", "web-9"}, {"--instance", "10.9.9.9"}} {
		code, out, errOut := runCmd(args...)
		if code != exitAPI || out != "" {
			t.Fatalf("%v: exit %d, stdout %q", args, code, out)
		}
		for _, want := range []string{"not found in 3 regions (searched cn-hangzhou, cn-beijing, eu-central-1 with ", "us-west-1 (server fault)"} {
			if !strings.Contains(errOut, want) {
				t.Errorf("%v: stderr lacks %q:\n%s", args, want, errOut)
			}
		}
	}
	code, _, errOut := runCmd("get", "web\x01")
	if code != exitUsage || !strings.Contains(errOut, "control characters") {
		t.Fatalf("bad query: exit %d, %q", code, errOut)
	}
}

// TestGetIDKeepsTheDirectPath: an ID with a region configured costs no DescribeInstances call;
// an ID that is not in the profile's region is looked up elsewhere, unless --region pinned it.
func TestGetIDKeepsTheDirectPath(t *testing.T) {
	srv := startFixtures(t, findWorld()) // ALIBABA_CLOUD_REGION_ID=cn-hangzhou
	code, out, errOut := runCmd("get", "i-bp1bbbbbbbbbbbbbbbbb")
	if code != exitOK || !strings.Contains(out, "web-2 login:") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if n := srv.Calls("DescribeInstances") + srv.Calls("DescribeRegions"); n != 0 {
		t.Fatalf("the direct path made %d lookup calls", n)
	}
	code, out, errOut = runCmd("get", "i-2zeaaaaaaaaaaaaaaaaa")
	if code != exitOK || !strings.Contains(out, "web-1 login:") {
		t.Fatalf("ID in another region: exit %d, %q", code, errOut)
	}
	code, _, errOut = runCmd("get", "--region", "cn-hangzhou", "i-2zeaaaaaaaaaaaaaaaaa")
	if code != exitAPI || !strings.Contains(errOut, "not found") {
		t.Fatalf("--region pins the region: exit %d, %q", code, errOut)
	}
}

// TestTUIInstanceFindsAnywhere: `bootlog --instance 172.20.0.9` with no region configured opens
// the TUI on bj-db-1's console, read in cn-beijing where the address was found (the request log
// shows the call), then quits on q.
func TestTUIInstanceFindsAnywhere(t *testing.T) {
	startFixtures(t, findWorld())
	t.Setenv("ALIBABA_CLOUD_REGION_ID", "")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	keys, typing := io.Pipe()
	defer keys.Close() // ends the writes still waiting for a reader once the TUI is gone
	debugLog := filepath.Join(t.TempDir(), "debug.log")
	done := make(chan int, 1)
	go func() {
		done <- Run(ctx, []string{"--instance", "172.20.0.9", "--debug", debugLog}, keys, io.Discard, io.Discard)
	}()
	opened := false
	for !opened {
		select {
		case code := <-done:
			t.Fatalf("the TUI ended (exit %d) before reading the console", code)
		case <-ctx.Done():
			t.Fatal("the console was never read")
		case <-time.After(20 * time.Millisecond):
		}
		b, _ := os.ReadFile(debugLog)
		opened = strings.Contains(string(b), "GetInstanceConsoleOutput region=cn-beijing attempt=1 status=200")
	}
	for {
		go func() { _, _ = typing.Write([]byte("q")) }()
		select {
		case code := <-done:
			if code != exitOK {
				t.Fatalf("exit %d", code)
			}
			return
		case <-ctx.Done():
			t.Fatal("q did not quit the TUI")
		case <-time.After(200 * time.Millisecond):
		}
	}
}
