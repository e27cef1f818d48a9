package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bootlog/bootlog/ui/findings"
)

// twoBootLog is web-prod-04's shape: the tail of a boot that ran for 23 days and was rebooted,
// GRUB, then a new kernel that panics. prev lines of the old boot come first.
func twoBootLog(prev int) string {
	var b strings.Builder
	const uptime = 23 * 86400.0
	for i := range prev {
		fmt.Fprintf(&b, "[%12.6f] systemd[1]: Stopping unit %d...\n", uptime+float64(i)/10, i)
	}
	fmt.Fprintf(&b, "[%12.6f] reboot: Restarting system\n", uptime+float64(prev)/10)
	b.WriteString("GNU GRUB  version 2.02\n")
	b.WriteString("Booting `CentOS Linux (3.10.0-1160.el7.x86_64) 7 (Core)'\n")
	b.WriteString("[    0.000000] Linux version 3.10.0-1160.el7.x86_64 (mockbuild@kbuilder)\n")
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&b, "[%12.6f] systemd[1]: Starting unit %d of the boot...\n", float64(i)/100, i)
	}
	b.WriteString("[    1.345678] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)\n")
	return b.String()
}

// twoBootFetcher serves twoBootLog(60) for web-01, last updated 14 minutes before the test clock.
func twoBootFetcher() *fakeFetcher {
	f := standardFetcher()
	f.consoles[webID] = consoleFor(webID, []byte(twoBootLog(60)), testNow.Add(-14*time.Minute))
	return f
}

func TestBootSeparatorsAreTheViewsOwn(t *testing.T) {
	h := openWeb(t, twoBootFetcher())
	v := &h.m.viewer
	if got := v.nav.boots.Count(); got != 2 {
		t.Fatalf("%d boots", got)
	}
	// The document is the log, line for line: 61 old lines, GRUB's two, the kernel's 42.
	if len(v.doc.Plain) != 105 {
		t.Fatalf("the document has %d lines", len(v.doc.Plain))
	}
	lm := v.search.lineMap
	if len(lm) != 107 || lm[0] != -1 || lm[1] != 0 || lm[62] != -1 || lm[63] != 61 {
		t.Fatalf("line map starts %v, at the second boot %v", lm[:3], lm[60:65])
	}
	h.press("#", "g")
	h.mustContain("──── boot 1 of 2 · began before this log ────", "   1 [1987200.000000] systemd[1]: Stopping unit 0...")
	// Search finds log lines only, with the log's indexes.
	h.press("/")
	h.typeText("boot [12]")
	h.press("enter")
	if ms := v.search.matches; len(ms) != 0 {
		t.Fatalf("the separators matched a search: %v", ms)
	}
	h.press("/")
	h.typeText("Linux version")
	h.press("enter")
	if ms := v.search.matches; len(ms) != 1 || ms[0].Line != 63 {
		t.Fatalf("matches %v", ms)
	}
	h.mustContain(" 64 [    0.000000] Linux version")
}

func TestBootJumpsAndStatus(t *testing.T) {
	h := openWeb(t, twoBootFetcher())
	h.press("g")
	h.mustContain("boot 1 of 2 · ")
	if !h.m.keys.NextBoot.Enabled() || !h.m.keys.PrevBoot.Enabled() {
		t.Fatal("{ and } not offered on a log of two boots")
	}
	h.press("}")
	v := &h.m.viewer
	if top := v.lv.TopLine(); v.search.lineMap[top] != -1 || v.topLogLine() != 61 {
		t.Fatalf("} put shown line %d (log line %d) on top", top, v.topLogLine())
	}
	h.mustContain("line 62/105 · boot 2 of 2", "──── boot 2 of 2 · started 2026-11-26 13:55:20 +00:00 ────")
	h.press("}")
	if h.m.toast.text != "this is the last boot" {
		t.Fatalf("toast %q", h.m.toast.text)
	}
	h.press("{")
	if v.lv.TopLine() != 0 {
		t.Fatalf("{ went to %d", v.lv.TopLine())
	}
	h.mustContain("line 1/105 · boot 1 of 2")
	// Moving by one line from a separator shows the line under it, and the line stays on top.
	h.press("j")
	if v.lv.TopLine() != 1 {
		t.Fatalf("j from the separator: top %d", v.lv.TopLine())
	}
}

func TestOneBootHasNoSeparatorOrBootKeys(t *testing.T) {
	h := openWeb(t, standardFetcher())
	if h.m.viewer.search.lineMap != nil || h.m.keys.NextBoot.Enabled() {
		t.Fatal("a log of one boot got separators or boot keys")
	}
	h.mustNotContain("boot 1 of 1", "────")
}

// TestWallClockAnchorsEachBoot is issue 12 item 1: the previous boot's lines must not be dated
// by the current boot's start (they read 2026-12-23 then); no time shown is later than the fetch.
func TestWallClockAnchorsEachBoot(t *testing.T) {
	h := openWeb(t, twoBootFetcher())
	h.press("t")
	v := &h.m.viewer
	for i, l := range v.doc.Plain {
		if !strings.HasPrefix(l, "[20") {
			continue
		}
		if i < 61 {
			t.Fatalf("line %d of the previous boot dated %q", i+1, l)
		}
		at, err := time.Parse(findings.WallClockLayout, l[1:len(findings.WallClockLayout)+1])
		if err != nil {
			t.Fatal(err)
		}
		if at.After(testNow) {
			t.Fatalf("line %d reads %s, after the fetch at %s", i+1, at, testNow)
		}
	}
	if got := v.doc.Plain[0]; got != "[1987200.000000] systemd[1]: Stopping unit 0..." {
		t.Fatalf("the previous boot's first line reads %q", got)
	}
	if got := v.doc.Plain[104]; !strings.HasPrefix(got, "[2026-11-26 13:55:22.000] Kernel panic") {
		t.Fatalf("the panic reads %q", got)
	}
	if !strings.Contains(h.m.toast.text, "1 of 2 boots: start unknown, kernel times kept") {
		t.Fatalf("toast %q", h.m.toast.text)
	}
}

// TestThreeBootsWithoutGRUB anchors an earlier boot on its own clock line and leaves the one
// with none unknown.
func TestThreeBootsWithoutGRUB(t *testing.T) {
	var b strings.Builder
	// Boot 1 sets its clock: 2026-11-20 08:00:05 UTC is 1795161605.
	b.WriteString("[    0.000000] Linux version 5.15\n")
	b.WriteString("[    5.000000] rtc_cmos 00:00: setting system clock to 2026-11-20T08:00:05 UTC (1795161605)\n")
	b.WriteString("[    9.000000] reboot: Restarting system\n")
	// Boot 2 has no clock line.
	b.WriteString("[    0.000000] Linux version 5.15\n")
	b.WriteString("[    3.000000] systemd[1]: Started something.\n")
	// Boot 3: a timestamp reset with no banner, anchored on LastUpdate.
	b.WriteString("[    0.500000] early line of boot 3\n")
	b.WriteString("[    2.000000] web-01 login: \n")
	f := standardFetcher()
	f.consoles[webID] = consoleFor(webID, []byte(b.String()), testNow.Add(-time.Minute))
	h := openWeb(t, f)
	bs := h.m.viewer.nav.boots
	if bs.Count() != 3 {
		t.Fatalf("%d boots", bs.Count())
	}
	for i, want := range []string{
		"boot 1 of 3 · started 2026-11-20 08:00:00 +00:00",
		"boot 2 of 3 · start time unknown",
		"boot 3 of 3 · started 2026-11-26 14:08:20 +00:00",
	} {
		if got := bs.Label(i); got != want {
			t.Errorf("label %d: %q, want %q", i, got, want)
		}
	}
	h.press("g", "}", "}")
	h.mustContain("boot 3 of 3", "──── boot 3 of 3 · started 2026-11-26 14:08:20 +00:00 ────")
}

func TestGoldenBootSeparator(t *testing.T) {
	h := openWeb(t, twoBootFetcher())
	h.press("#", "g", "}", "k", "k", "k")
	requireScreen(t, h)
}

// TestLargeLogBootsArriveWithTheScan: a log too large to scan on the UI goroutine gets its boots
// (separators, wall-clock times when t is on) when the scan answers.
func TestLargeLogBootsArriveWithTheScan(t *testing.T) {
	f := twoBootFetcher()
	h := openWeb(t, f)
	h.press("t")
	if !h.m.viewer.nav.wallClock {
		t.Fatal("t did not turn wall-clock times on")
	}
	f.consoles[webID] = consoleFor(webID, []byte(twoBootLog(syncSearchLines+100)), testNow.Add(-14*time.Minute))
	h.press("r")
	v := &h.m.viewer
	if v.nav.pending || v.nav.boots.Count() != 2 || v.search.lineMap == nil {
		t.Fatalf("pending %v, %d boots, line map %v", v.nav.pending, v.nav.boots.Count(), v.search.lineMap != nil)
	}
	last := v.doc.Plain[len(v.doc.Plain)-1]
	if !strings.HasPrefix(last, "[2026-11-26 13:55:22.000] Kernel panic") || !v.nav.wallClock {
		t.Fatalf("the last line reads %q", last)
	}
	if strings.HasPrefix(v.doc.Plain[0], "[20") {
		t.Fatalf("the previous boot was dated: %q", v.doc.Plain[0])
	}
}

// TestOnlyMatchingInAMultiBootLog keeps a boot's separator above its matches, and leaving the
// only-matching view keeps the match in sight.
func TestOnlyMatchingInAMultiBootLog(t *testing.T) {
	h := openWeb(t, twoBootFetcher())
	h.press("/")
	h.typeText(`unit (5|30)\b`)
	h.press("enter", "&", "g")
	h.mustContain("──── boot 1 of 2 · began before this log ────", "──── boot 2 of 2 · started")
	v := &h.m.viewer
	h.press("n")
	cur, _ := v.lv.CurrentMatch()
	line := v.search.matches[cur].Line
	h.press("esc")
	if top := v.topLogLine(); line < top || line >= top+v.lv.Height()-2 {
		t.Fatalf("after esc the match on line %d is off screen (top %d)", line+1, top+1)
	}
}
