package cli

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bootlog/bootlog/fetch/emulator"
)

// The boot-aware viewer and the rescue loop of issue 14, driven through tmux at 120×40 on the demo
// account: go to a line, move between boots, jump from the findings panel, and start a stopped
// instance and watch it come up.

// TestEndToEndBootsAndFindingsPanel (issue 14, "Must show"): on web-prod-04, whose log holds the
// previous boot's shutdown and then a boot that ends in a kernel panic, `:150` goes to line 150,
// `{` and `}` move between the two boots (separator and "boot N of 2" in the status bar), and the
// findings panel's Enter jumps to the finding and closes the panel.
func TestEndToEndBootsAndFindingsPanel(t *testing.T) {
	skipShort(t)
	bin := buildBinary(t)
	target := demoInstance(t, "web-prod-04")
	panicLine := lineOf(t, target.Console.Text, "Kernel panic - not syncing")
	tm := newTmux(t, e2eEnv(t), 120, 40, bin, "--demo", "--instance", target.InstanceID)
	tm.waitFor("last update", 15*time.Second)

	tm.keys(":", "150", "Enter")
	scr := tm.waitFor("line 150/", 5*time.Second)
	if !strings.Contains(scr, "boot 2 of 2") {
		t.Fatalf("line 150 is in the second boot, the status bar does not say so:\n%s", scr)
	}

	// { goes to the start of the boot line 150 is in: its separator is the top row.
	tm.keys("{")
	scr = tm.waitGone("line 150/", 5*time.Second)
	boot2 := viewerLine(t, scr)
	if boot2 >= 150 || !strings.Contains(scr, "──── boot 2 of 2") || !strings.Contains(statusBar(scr), "boot 2 of 2") {
		t.Fatalf("{ from line 150 did not go to the start of boot 2 (at line %d):\n%s", boot2, scr)
	}
	// Again: the previous boot, the shutdown the log starts with.
	tm.keys("{")
	scr = tm.waitFor("boot 1 of 2", 5*time.Second)
	if got := viewerLine(t, scr); got >= boot2 {
		t.Fatalf("{ did not go back to boot 1 (line %d, boot 2 starts at %d):\n%s", got, boot2, scr)
	}
	// } comes back to boot 2's separator.
	tm.keys("}")
	scr = tm.waitFor(fmt.Sprintf("line %d/", boot2), 5*time.Second)
	if !strings.Contains(scr, "──── boot 2 of 2") || !strings.Contains(statusBar(scr), "boot 2 of 2") {
		t.Fatalf("} did not come back to boot 2:\n%s", scr)
	}

	// The findings panel: move to the kernel panic, Enter jumps there and closes the panel.
	tm.keys("!")
	tm.waitFor("Findings ·", 5*time.Second)
	tm.pressUntil("j", "› ✗ critical Kernel panic", 6)
	tm.keys("Enter")
	tm.waitGone("Findings ·", 5*time.Second)
	scr = tm.waitFor(fmt.Sprintf("Kernel panic at line %d", panicLine), 5*time.Second)
	if got := viewerLine(t, scr); got == boot2 || got > panicLine {
		t.Fatalf("the jump left the view at line %d, which does not show line %d:\n%s", got, panicLine, scr)
	}
	if !strings.Contains(scr, "] Kernel panic - not syncing") {
		t.Fatalf("the panic line is not on screen after the jump:\n%s", scr)
	}
	tm.quit()
}

// statusBar is the viewer's status bar: the row with "line N/M".
func statusBar(screen string) string {
	for _, r := range strings.Split(screen, "\n") {
		if statusLineRe.MatchString(r) {
			return r
		}
	}
	return ""
}

// stoppedDemoInstance is the first stopped Linux instance of the demo's large region that has a
// console log: what B offers to start.
func stoppedDemoInstance(t *testing.T) emulator.InstanceFixture {
	t.Helper()
	for _, in := range emulator.DemoFixtures().Instances {
		if in.RegionID == "cn-hangzhou" && in.Status == "Stopped" && in.OSType == "linux" && in.Console != nil {
			return in
		}
	}
	t.Fatal("the demo has no stopped Linux instance with a console log")
	return emulator.InstanceFixture{}
}

// TestEndToEndStartStoppedInstance (issue 14 with issue 12, item 9): on a Stopped instance B
// offers Start, y starts it, and the viewer follows Stopped → Starting → Running to the new boot
// log's end.
func TestEndToEndStartStoppedInstance(t *testing.T) {
	skipShort(t)
	bin := buildBinary(t)
	target := stoppedDemoInstance(t)
	tm := newTmux(t, e2eEnv(t), 120, 40, bin, "--demo", "--instance", target.InstanceID)
	tm.waitFor(target.InstanceName+" · Stopped", 15*time.Second)
	tm.keys("B")
	scr := tm.waitFor("Start "+target.InstanceName+" ("+target.InstanceID+")?", 5*time.Second)
	if strings.Contains(scr, "force reboot") {
		t.Fatalf("a stopped instance is offered a reboot:\n%s", scr)
	}
	tm.keys("y")
	tm.waitFor("start: Stopped → Starting → Running", 60*time.Second)
	scr = tm.waitFor("new boot log at", 30*time.Second)
	if !strings.Contains(scr, target.InstanceName+" · Running") || !strings.Contains(scr, target.InstanceName+" login:") {
		t.Fatalf("the started instance's new boot log is not on screen at its end:\n%s", scr)
	}
	tm.quit()
}
