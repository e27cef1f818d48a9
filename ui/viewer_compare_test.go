package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/ui/history"
)

// goodAndBadBoot returns a boot that reaches the login prompt and the same boot failing to
// mount its root, with kernel times that differ by a few milliseconds as real boots do.
func goodAndBadBoot() (good, bad string) {
	var g, b strings.Builder
	for _, w := range []*strings.Builder{&g, &b} {
		skew := 0.0
		if w == &b {
			skew = 0.003
		}
		fmt.Fprintf(w, "[%12.6f] Linux version 5.15.0-91-generic\n", 0.0)
		for i := 1; i <= 30; i++ {
			fmt.Fprintf(w, "[%12.6f] systemd[1]: Starting unit %d of the boot...\n", float64(i)/100+skew, i)
		}
	}
	g.WriteString("[    1.000000] EXT4-fs (vda1): mounted filesystem with ordered data mode\n")
	g.WriteString("[    2.000000] systemd[1]: Reached target Multi-User System.\n")
	g.WriteString("web-01 login: \n")
	b.WriteString("[    1.003000] VFS: Cannot open root device \"vda1\" or unknown-block(0,0): error -6\n")
	b.WriteString("[    1.103000] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)\n")
	return g.String(), b.String()
}

// goodThenBadFetcher answers web-01's first fetch with the good boot and every later one with
// the bad.
func goodThenBadFetcher() *fakeFetcher {
	good, bad := goodAndBadBoot()
	f := standardFetcher()
	f.console = func(region, id string, n int) (fetch.ConsoleOutput, error) {
		if id != webID {
			return f.consoles[id], nil
		}
		if n == 1 {
			return consoleFor(id, []byte(good), testNow.Add(-time.Hour)), nil
		}
		return consoleFor(id, []byte(bad), testNow.Add(-time.Minute)), nil
	}
	return f
}

func TestCapturesAreKeptWithTheirHealth(t *testing.T) {
	h, dir := historyHarness(t, goodThenBadFetcher())
	h.selectID(webID)
	h.press("enter", "r")
	st, err := history.Open(dir, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := st.List("cn-hangzhou", webID)
	if err != nil || len(cs) != 2 {
		t.Fatalf("captures %v %v", cs, err)
	}
	if cs[0].Health != "critical" || cs[1].Health != "ok" {
		t.Fatalf("healths %q (newest), %q", cs[0].Health, cs[1].Health)
	}
}

func TestCompareWithTheLastGoodBoot(t *testing.T) {
	h, _ := historyHarness(t, goodThenBadFetcher())
	h.selectID(webID)
	h.press("enter", "r")
	if !h.m.keys.Compare.Enabled() {
		t.Fatal("D not offered with a capture history")
	}
	h.press("D")
	c := &h.m.viewer.compare
	if !c.open || c.loading || !c.found || c.err != nil {
		t.Fatalf("compare open=%v loading=%v found=%v err=%v", c.open, c.loading, c.found, c.err)
	}
	// The units are the same despite their timestamps; the mount and the login are gone, the
	// root error and the panic are new.
	if c.lines.removed != 3 || c.lines.added != 2 || c.lines.first != 31 {
		t.Fatalf("removed %d added %d first %d:\n%s", c.lines.removed, c.lines.added, c.lines.first, strings.Join(c.lines.plain, "\n"))
	}
	if got := c.lines.plain[31]; !strings.HasPrefix(got, "- [    1.000000] EXT4-fs (vda1): mounted") {
		t.Fatalf("first difference %q", got)
	}
	// The view opens on the first difference, with a little context above it; the gutter has the
	// log's line numbers for this boot's lines.
	if top := c.lv.TopLine(); top > 28 || 31 >= top+c.lv.Height() {
		t.Fatalf("top %d, height %d: the first difference is off screen", top, c.lv.Height())
	}
	h.mustContain("Compared with the last good boot", "reached the login prompt", "3 lines removed, 2 lines added",
		"   - [    1.000000] EXT4-fs", "32 + [    1.003000] VFS: Cannot open root device")
	// The keys scroll the comparison, not the log; esc goes back to the log.
	logTop := h.m.viewer.lv.TopLine()
	h.press("g")
	if c.lv.TopLine() != 0 || h.m.viewer.lv.TopLine() != logTop {
		t.Fatal("g did not scroll the comparison alone")
	}
	h.press("esc")
	if c.open || h.m.screen != screenConsole {
		t.Fatal("esc did not close the comparison")
	}
}

func TestCompareWithoutAGoodBoot(t *testing.T) {
	f := standardFetcher()
	h, _ := historyHarness(t, f)
	h.selectID(webID)
	h.press("enter", "D")
	c := &h.m.viewer.compare
	if !c.open || c.found {
		t.Fatalf("open=%v found=%v", c.open, c.found)
	}
	h.mustContain("No earlier good boot in the capture history")
	// The good log on screen is not compared with itself.
	h2, _ := historyHarness(t, goodThenBadFetcher())
	h2.selectID(webID)
	h2.press("enter", "D")
	if h2.m.viewer.compare.found {
		t.Fatal("the good log was compared with its own capture")
	}
}

func TestCompareNotOfferedWithoutHistory(t *testing.T) {
	h := openWeb(t, goodThenBadFetcher())
	if h.m.keys.Compare.Enabled() {
		t.Fatal("D offered with capture history off")
	}
}

func TestStaleCompareIsDropped(t *testing.T) {
	h, _ := historyHarness(t, goodThenBadFetcher())
	h.selectID(webID)
	h.press("enter", "r", "D")
	c := &h.m.viewer.compare
	h.send(compareLoadedMsg{seq: c.seq - 1, region: "cn-hangzhou", instanceID: webID})
	if !c.found {
		t.Fatal("an older comparison replaced the current one")
	}
}

func TestGoldenCompare(t *testing.T) {
	h, _ := historyHarness(t, goodThenBadFetcher())
	h.selectID(webID)
	h.press("enter", "r", "D")
	requireScreen(t, h)
}

func TestGoldenCompare60(t *testing.T) {
	h, _ := historyHarness(t, goodThenBadFetcher())
	h.selectID(webID)
	h.press("enter", "r")
	h.send(tea.WindowSizeMsg{Width: 60, Height: 15})
	h.press("D")
	requireScreen(t, h)
}

func TestWheelScrollsTheComparison(t *testing.T) {
	h, _ := historyHarness(t, goodThenBadFetcher())
	h.selectID(webID)
	h.press("enter", "r", "D", "g")
	logTop := h.m.viewer.lv.TopLine()
	h.send(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if h.m.viewer.compare.lv.TopLine() != wheelStep || h.m.viewer.lv.TopLine() != logTop {
		t.Fatalf("wheel: comparison top %d, log top %d→%d", h.m.viewer.compare.lv.TopLine(), logTop, h.m.viewer.lv.TopLine())
	}
}
