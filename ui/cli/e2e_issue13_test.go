package cli

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// tallyCritical is the scan's tally in the list header: "✗ 6 critical · ! 4 warning · …".
var tallyCritical = regexp.MustCompile(`✗ (\d+) critical · .*✓ \d+ ok`)

// cursorCritical is the list row under the cursor when it is a critical instance: its name and ID.
var cursorCritical = regexp.MustCompile(`▸\s+\S+\s+✗ critical\s+(\S+)\s+(i-[0-9a-z]+)`)

// TestEndToEndTriageAfterRebootWave (issue 13, "Must show"): the operator's loop after a reboot
// wave, at 120×40 on the demo account: scan the region, show the problems only, sort by boot
// health, open the worst, reboot it and wait for its new boot log, then rescan: the rebooted
// instance is ok and the tally has one critical fewer.
func TestEndToEndTriageAfterRebootWave(t *testing.T) {
	skipShort(t)
	bin := buildBinary(t)
	tm := newTmux(t, e2eEnv(t), 120, 40, bin, "--demo")
	tm.waitFor("276 instances", 15*time.Second)

	// The scan is paced by the client's rate limit (10 calls/s): about 30 s for 276 instances.
	tm.keys("x")
	tm.waitFor("scanning", 5*time.Second)
	scr, m := tm.waitMatch(tallyCritical, 90*time.Second)
	critical, _ := strconv.Atoi(m[1])
	if critical == 0 {
		t.Fatalf("the reboot wave left nothing critical:\n%s", scr)
	}

	tm.keys("P")
	tm.waitFor("problems only", 5*time.Second)
	tm.pressUntil("s", "sorted by boot health", 6)
	// The sort keeps the cursor on its instance; the worst is now the top row.
	tm.keys("g")
	scr, m = tm.waitMatch(cursorCritical, 5*time.Second)
	name, id := m[1], m[2]
	if strings.Contains(scr, "✓ ok") {
		t.Fatalf("problems only still lists an ok instance:\n%s", scr)
	}

	tm.keys("Enter")
	tm.waitFor(name+" · Running · cn-hangzhou · "+id, 10*time.Second)
	tm.keys("B")
	tm.waitFor("Reboot "+name+" ("+id+")?", 5*time.Second)
	tm.keys("y")
	scr = tm.waitFor("new boot log at", 60*time.Second)
	if !strings.Contains(scr, "reboot: Running → Stopping → Starting → Running") || !strings.Contains(scr, name+" login:") {
		t.Fatalf("the reboot's timeline or the new boot log's end is missing:\n%s", scr)
	}

	// Back to the list and rescan: only what changed since the scan is fetched again.
	tm.keys("Escape")
	tm.waitFor("276 instances", 5*time.Second)
	tm.keys("x")
	// Every instance, then only the rebooted one: its row says ok once the rescan has judged
	// its new boot log.
	tm.keys("P")
	tm.waitGone("problems only", 5*time.Second)
	tm.keys("/", name, "Enter")
	tm.waitMatch(regexp.MustCompile(`✓ ok\s+`+regexp.QuoteMeta(name)+`\s+`+id), 60*time.Second)

	// The rescan ends by waiting for the stale logs, which the demo never updates; esc stops
	// that wait, and the tally counts one critical fewer.
	tm.keys("Escape")
	scr, m = tm.waitMatch(tallyCritical, 15*time.Second)
	if after, _ := strconv.Atoi(m[1]); after != critical-1 {
		t.Fatalf("%d critical after the rescan, want %d:\n%s", after, critical-1, scr)
	}
	tm.quit()
}
