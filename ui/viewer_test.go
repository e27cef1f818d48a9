package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/bootlog/bootlog/fetch"
)

// The viewer: opening a console, stale answers, the explanation panes, scrolling.

func TestEnterOpensConsoleAtTheEnd(t *testing.T) {
	h := newHarness(t, standardFetcher(), testConfig(), Options{})
	h.selectID(webID)
	h.press("enter")
	if h.m.screen != screenConsole {
		t.Fatalf("screen = %v", h.m.screen)
	}
	if got := h.f.count("ConsoleOutput cn-hangzhou " + webID); got != 1 {
		t.Fatalf("ConsoleOutput calls = %d (%v)", got, h.f.Calls())
	}
	v := h.m.viewer
	if !v.hasContent() || v.lv.TotalLineCount() != 60 {
		t.Fatalf("viewer lines = %d", v.lv.TotalLineCount())
	}
	if !v.lv.AtBottom() {
		t.Fatal("viewer did not open at the end")
	}
	h.mustContain("web-01", "Running", "last update 14:03:22 +00:00, 6 min ago · fetched 14:09:22 +00:00", "Kernel panic")
	if h.m.busy() {
		t.Fatal("still busy after the console arrived")
	}
}

func TestRawConsoleBytesNeverReachTheScreen(t *testing.T) {
	f := standardFetcher()
	f.consoles[webID] = consoleFor(webID, []byte("ok\x1b[2J\x1b]0;pwned\x07 line\r\nnext\tcol\n"), testNow)
	h := newHarness(t, f, testConfig(), Options{})
	h.selectID(webID)
	h.press("enter")
	for _, l := range h.m.viewer.doc.Lines() {
		if strings.Contains(l, "\x1b[2J") || strings.Contains(l, "\x1b]") || strings.ContainsAny(l, "\r\t\a") {
			t.Fatalf("unsanitised line %q", l)
		}
	}
	if strings.Contains(h.m.View().Content, "\x1b]0;pwned") {
		t.Fatal("OSC reached the view")
	}
}

func TestStaleConsoleResultIsDropped(t *testing.T) {
	h := newHarness(t, standardFetcher(), testConfig(), Options{})
	h.selectID(webID)
	// Open web-01 but hold its answer.
	_, cmdWeb := h.m.Update(keyMsg("enter"))
	webGen := h.m.viewer.gen
	h.m.Update(keyMsg("esc"))
	h.selectID(dbID)
	h.press("enter")
	if h.m.viewer.inst.ID != dbID || !h.m.viewer.have {
		t.Fatal("db-01 not shown")
	}
	// web-01's late answer arrives now.
	h.drain(cmdWeb)
	if h.m.viewer.inst.ID != dbID || strings.Contains(strings.Join(h.m.viewer.doc.Plain, "\n"), "Kernel panic") {
		t.Fatal("web-01's stale answer replaced db-01's console")
	}
	if webGen == h.m.viewer.gen {
		t.Fatal("generation did not change")
	}
	// It is still true data for web-01, so it went to the cache under web-01.
	if _, ok := h.m.cache.get("cn-hangzhou", webID); !ok {
		t.Fatal("late answer not cached under its own instance")
	}
}

func TestRefreshRaceKeepsNewestAnswer(t *testing.T) {
	f := standardFetcher()
	f.console = func(region, id string, n int) (fetch.ConsoleOutput, error) {
		return consoleFor(id, []byte(fmt.Sprintf("answer %d\n", n)), testNow.Add(time.Duration(n)*time.Second)), nil
	}
	h := newHarness(t, f, testConfig(), Options{})
	h.selectID(webID)
	h.press("enter") // answer 1 applied
	_, first := h.m.Update(keyMsg("r"))
	_, second := h.m.Update(keyMsg("r"))
	// The first refresh was superseded by the second; run the second first, then the first.
	h.drain(second)
	shown := h.m.viewer.doc.Plain[0]
	h.drain(first)
	if f.count("ConsoleOutput") != 3 {
		t.Fatalf("calls %v", f.Calls())
	}
	if got := h.m.viewer.doc.Plain[0]; got != shown {
		t.Fatalf("the superseded refresh replaced %q with %q", shown, got)
	}
}

func TestUnavailableConsolesExplainInsteadOfFetching(t *testing.T) {
	for _, tc := range []struct{ id, want string }{
		{winID, "Windows instances"},
		{pendID, "has not started yet"},
	} {
		h := newHarness(t, standardFetcher(), testConfig(), Options{})
		h.selectID(tc.id)
		h.mustContain("▸⊘")
		h.press("enter")
		if h.m.screen != screenConsole || h.f.count("ConsoleOutput") != 0 {
			t.Fatalf("%s: screen=%v calls=%v", tc.id, h.m.screen, h.f.Calls())
		}
		h.mustContain("Console output unavailable", tc.want)
		if h.m.keys.Refresh.Enabled() || h.m.keys.Search.Enabled() {
			t.Fatal("refresh/search offered for an unavailable console")
		}
		h.press("esc")
		if h.m.screen != screenList {
			t.Fatal("esc did not go back")
		}
	}
}

func TestFailedRefreshKeepsLastGoodLog(t *testing.T) {
	f := standardFetcher()
	h := newHarness(t, f, testConfig(), Options{})
	h.selectID(webID)
	h.press("enter")
	f.consoleErr[webID] = &fetch.Error{Kind: fetch.KindThrottled, Code: "Throttling.User", Message: "Request was denied due to user flow control."}
	h.press("r")
	if !h.m.viewer.hasContent() {
		t.Fatal("log dropped on a failed refresh")
	}
	h.mustContain("refresh failed; showing the log fetched just now", "throttled (Throttling.User)", "Kernel panic")
}

func TestEmptyOutputExplains(t *testing.T) {
	f := standardFetcher()
	f.consoles[webID] = consoleFor(webID, nil, time.Time{})
	h := newHarness(t, f, testConfig(), Options{})
	h.selectID(webID)
	h.press("enter")
	h.mustContain("No console output yet", "console=ttyS0", "last update unknown")
	if h.m.keys.Search.Enabled() {
		t.Fatal("search offered on an empty log")
	}
}

func TestPreviousBootWarning(t *testing.T) {
	f := standardFetcher()
	h := newHarness(t, f, testConfig(), Options{})
	h.selectID(dbID) // its log is 3 h old, the instance started 2 h ago
	h.press("enter")
	h.mustContain("⚠ from a previous boot: the instance started 12:09:22")
	h.press("esc")
	h.selectID(webID)
	h.press("enter")
	h.mustNotContain("previous boot")
}

func openWeb(t *testing.T, f *fakeFetcher) *harness {
	t.Helper()
	h := newHarness(t, f, testConfig(), Options{})
	h.selectID(webID)
	h.press("enter")
	return h
}

func TestWrapLineNumbersPan(t *testing.T) {
	h := openWeb(t, standardFetcher())
	v := &h.m.viewer
	if v.lv.Wrap() || !h.m.keys.Left.Enabled() {
		t.Fatal("config says wrap off; ←/→ should pan")
	}
	h.press("w")
	if !v.lv.Wrap() || h.m.keys.Left.Enabled() {
		t.Fatal("w did not turn wrap on / pan still offered")
	}
	h.press("#")
	if !v.lv.LineNumbers() {
		t.Fatal("# did not turn line numbers on")
	}
	// Settings carry over to the next console.
	h.press("esc")
	h.selectID(dbID)
	h.press("enter")
	if !h.m.viewer.lv.Wrap() || !h.m.viewer.lv.LineNumbers() {
		t.Fatal("view settings lost between consoles")
	}
}

func TestScrollKeysMoveTheView(t *testing.T) {
	f := standardFetcher()
	f.consoles[webID] = consoleFor(webID, bootLog(500), testNow)
	h := openWeb(t, f)
	v := &h.m.viewer
	bottom := v.lv.TopLine()
	h.press("g")
	if v.lv.TopLine() != 0 || !v.lv.AtTop() {
		t.Fatalf("g: top=%d", v.lv.TopLine())
	}
	h.press("j", "j")
	if v.lv.TopLine() != 2 {
		t.Fatalf("jj: top=%d", v.lv.TopLine())
	}
	h.press("k")
	h.press("pgdown")
	if v.lv.TopLine() <= 1 {
		t.Fatalf("pgdown: top=%d", v.lv.TopLine())
	}
	h.send(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	h.press("G")
	if v.lv.TopLine() != bottom || !v.lv.AtBottom() {
		t.Fatalf("G: top=%d want %d", v.lv.TopLine(), bottom)
	}
}

func TestPanWhenNotWrapped(t *testing.T) {
	f := standardFetcher()
	f.consoles[webID] = consoleFor(webID, []byte(strings.Repeat("x", 300)+"\n"), testNow)
	h := openWeb(t, f)
	h.press("right")
	if h.m.viewer.lv.XOffset() == 0 {
		t.Fatal("→ did not pan")
	}
	h.press("left")
	if h.m.viewer.lv.XOffset() != 0 {
		t.Fatal("← did not pan back")
	}
}

func TestInitialInstanceOpensDirectly(t *testing.T) {
	f := standardFetcher()
	h := newHarness(t, f, testConfig(), Options{InitialInstance: dbID})
	if h.m.screen != screenConsole || h.m.viewer.inst.ID != dbID || !h.m.viewer.hasContent() {
		t.Fatalf("screen=%v inst=%s", h.m.screen, h.m.viewer.inst.ID)
	}
	// The list arrived too and filled in the details.
	if h.m.viewer.inst.Name != "db-01" {
		t.Fatalf("name %q", h.m.viewer.inst.Name)
	}
}
