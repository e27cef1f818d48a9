package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// fileHarness opens data as `bootlog view` does. The model gets a fake that records calls, so any
// call at all fails the tests below; config has no region, as for an operator who never set one.
func fileHarness(t *testing.T, name string, data []byte) *harness {
	t.Helper()
	cfg := testConfig()
	cfg.Region = ""
	cfg.Settings.HistoryEnabled = true
	return newHarness(t, newFakeFetcher(), cfg, Options{
		File:       &FileSource{Name: name, Data: data},
		HistoryDir: t.TempDir(),
	})
}

func TestFileViewNeverFetches(t *testing.T) {
	h := fileHarness(t, "boot.log", bootLog(30))
	if h.m.screen != screenConsole || !h.m.viewer.hasContent() || len(h.m.viewer.doc.Plain) != 30 {
		t.Fatalf("screen %v, %d lines", h.m.screen, len(h.m.viewer.doc.Plain))
	}
	if !h.m.viewer.lv.AtBottom() {
		t.Error("file not opened at its end")
	}
	// Keys that would fetch, reboot or switch region do nothing; none is offered.
	h.press("r", "f", "F", "R", "H", "ctrl+r", "c", "B", "S")
	if calls := h.f.Calls(); len(calls) != 0 {
		t.Fatalf("fetcher called in the file view: %v", calls)
	}
	k := h.m.keys
	for name, b := range map[string]bool{
		"refresh": k.Refresh.Enabled(), "follow": k.Follow.Enabled(), "region": k.Region.Enabled(),
		"reload": k.Reload.Enabled(), "history": k.History.Enabled(), "save": k.Save.Enabled(),
		"CLI command": k.CopyCommand.Enabled(), "reboot": k.Reboot.Enabled(), "screenshot": k.Screenshot.Enabled(),
	} {
		if b {
			t.Errorf("%s offered in the file view", name)
		}
	}
	if !k.Search.Enabled() || !k.CopyAll.Enabled() || !k.Pager.Enabled() {
		t.Error("search, copy or pager not offered in the file view")
	}
	if h.m.viewer.follow || h.m.viewer.loading {
		t.Fatal("follow or loading in the file view")
	}
	// Search works, and esc clears it before it quits.
	h.press("/")
	h.typeText("panic")
	h.press("enter", "esc")
	if h.quit || h.m.viewer.search.re != nil {
		t.Fatalf("first esc: quit %v, search %v", h.quit, h.m.viewer.search.re)
	}
	if got := k.Back.Help().Desc; got != "quit" {
		t.Errorf("esc help says %q", got)
	}
	h.press("esc")
	if !h.quit {
		t.Fatal("esc did not quit the file view")
	}
	if calls := h.f.Calls(); len(calls) != 0 {
		t.Fatalf("fetcher called in the file view: %v", calls)
	}
}

func TestFileViewWithNilFetcher(t *testing.T) {
	// main passes no Fetcher at all.
	cfg := testConfig()
	h := &harness{t: t, f: newFakeFetcher()}
	h.m = New(nil, cfg, Options{File: &FileSource{Name: "stdin", Data: []byte("one\ntwo\n")}, Now: func() time.Time { return testNow }})
	h.m.tick = func(d time.Duration, msg tea.Msg) tea.Cmd {
		return func() tea.Msg { return scheduledTick{d: d, msg: msg} }
	}
	h.send(tea.WindowSizeMsg{Width: 80, Height: 20})
	h.drain(h.m.Init())
	h.press("r", "f", "g", "G", "y", "Y")
	h.mustContain("stdin", "two", "2 lines")
	if got := h.m.View().WindowTitle; got != "bootlog · stdin" {
		t.Errorf("window title %q", got)
	}
}

func TestFileViewEmpty(t *testing.T) {
	h := fileHarness(t, "empty.log", nil)
	h.mustContain("The log is empty", "empty.log holds no text", "esc quits")
	h.mustNotContain("console=ttyS0", "r refresh")
}

func TestFileViewHelpHasNoLiveKeys(t *testing.T) {
	h := fileHarness(t, "boot.log", bootLog(30))
	short := h.m.help.ShortHelpView(h.m.ShortHelp())
	for _, no := range []string{"refresh", "follow", "history"} {
		if strings.Contains(short, no) {
			t.Errorf("short help offers %s: %s", no, short)
		}
	}
	h.press("?")
	h.mustNotContain("refresh", "follow", "history", "copy CLI", "ctrl+s")
	h.mustContain("pager", "copy all", "esc quit")
}

func TestGoldenFileView(t *testing.T) {
	h := fileHarness(t, "saved/web-01_i-bp1webaaaaaaaaaaaaa1_20261126-140322.log", bootLog(60))
	requireScreen(t, h)
}
