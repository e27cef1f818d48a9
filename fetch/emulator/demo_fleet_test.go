package emulator

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestDemoRebootWave checks the k8s-node fleet after its reboot wave: every running node
// restarted within the wave's window, and the broken ones carry the evidence a scan must find.
// ui/fleet's tests scan this world through the emulator and check the health of each.
func TestDemoRebootWave(t *testing.T) {
	now := time.Now().UTC().Truncate(time.Second)
	by := demoByName(t, demoFixturesAt(now))
	node := func(n int) InstanceFixture {
		t.Helper()
		in, ok := by[fmt.Sprintf("cn-hangzhou/k8s-node-%d", n)]
		if !ok {
			t.Fatalf("no k8s-node-%d", n)
		}
		return in
	}
	times := func(in InstanceFixture) (start, updated time.Time) {
		t.Helper()
		start, err := time.Parse(minuteFormat, in.StartTime)
		if err != nil {
			t.Fatalf("%s: start time %q", in.InstanceName, in.StartTime)
		}
		if in.Console == nil {
			t.Fatalf("%s: no console", in.InstanceName)
		}
		updated, err = time.Parse(updateFormat, in.Console.LastUpdateTime)
		if err != nil {
			t.Fatalf("%s: update time %q", in.InstanceName, in.Console.LastUpdateTime)
		}
		return start, updated
	}
	for n := 1; n <= 54; n++ {
		if n == 7 {
			continue // an interesting instance, checked with them
		}
		in := node(n)
		start, updated := times(in)
		if age := now.Sub(start); age < time.Minute || age > 43*time.Minute {
			t.Errorf("%s restarted %v ago, outside the wave", in.InstanceName, age)
		}
		stale := updated.Before(start)
		if want := k8sWave.outcome[n] == waveStale; stale != want {
			t.Errorf("%s: output updated %s, started %s: stale %v, want %v", in.InstanceName, updated, start, stale, want)
		}
	}
	evidence := map[int]string{
		13: "Kernel panic - not syncing: VFS: Unable to mount root fs",
		22: "UNEXPECTED INCONSISTENCY; RUN fsck MANUALLY",
		31: "Failed to start containerd container runtime",
		38: "Out of memory: Killed process 1877 (java)",
		45: "Timed out waiting for device /dev/disk/by-uuid/",
	}
	for n, want := range evidence {
		if s := text(t, node(n)); !strings.Contains(s, want) {
			t.Errorf("k8s-node-%d lacks %q", n, want)
		}
	}
	for _, n := range []int{1, 30, 54} {
		s := text(t, node(n))
		if !strings.HasSuffix(s, "k8s-node-"+fmt.Sprint(n)+" login: ") || strings.Contains(s, "FAILED") {
			t.Errorf("k8s-node-%d did not come back clean", n)
		}
	}
	for _, n := range []int{55, 56} {
		if in := node(n); in.Status != "Pending" || in.StartTime != "" || in.Console != nil {
			t.Errorf("k8s-node-%d: %s, started %q, console %v; want a never-started node", n, in.Status, in.StartTime, in.Console)
		}
	}
}
