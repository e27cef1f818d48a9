package ui

import (
	"errors"
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

// A large file shows its end while the whole file is rendered: the last lines are on screen, the
// status bar says the rest is being indexed, and scrolling and search wait for the whole log. The
// whole log then replaces the tail, and a tail that arrives after it changes nothing.
func TestLargeFileShowsItsEndFirst(t *testing.T) {
	data := bootLog(tailFileBytes/40 + 100)
	if len(data) < tailFileBytes {
		t.Fatalf("test log of %d bytes is not large", len(data))
	}
	h := fileHarness(t, "big.log", []byte("placeholder\n"))
	// Start again as `bootlog view` would on the large file, without draining Init, so the two
	// renders can be delivered in either order.
	h.m = New(h.f, testConfig(), Options{File: &FileSource{Name: "big.log", Data: data}, HistoryDir: t.TempDir(), Now: func() time.Time { return testNow }})
	h.m.tick = recordTick
	h.m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	tail, ok := h.m.viewer.loadFileCmd()().(fileTailMsg)
	if !ok {
		t.Fatal("a large file is not loaded end first")
	}
	_, next := h.m.Update(tail)
	h.mustContain("end Kernel panic", "indexing the rest")
	if h.m.viewer.hasContent() || h.m.keys.Search.Enabled() || h.m.keys.Up.Enabled() {
		t.Fatal("scroll or search offered before the whole log is indexed")
	}
	due, ok := next().(scheduledTick)
	if !ok || due.msg != (fileWholeDueMsg{}) {
		t.Fatal("showing the end did not schedule loading the whole file")
	}
	_, load := h.m.Update(due.msg)
	whole, ok := load().(fileLoadedMsg)
	if !ok {
		t.Fatal("the scheduled load did not load the whole file")
	}
	h.send(whole)
	if !h.m.viewer.hasContent() || !h.m.keys.Search.Enabled() || h.m.viewer.tail {
		t.Fatal("the whole log did not replace the tail")
	}
	lines := h.m.viewer.lv.TotalLineCount()
	h.send(tail)
	if h.m.viewer.lv.TotalLineCount() != lines || h.m.viewer.tail {
		t.Fatal("a late tail replaced the whole log")
	}
	if !strings.Contains(h.screen(), "end Kernel panic") || strings.Contains(h.screen(), "indexing the rest") {
		t.Fatalf("screen after load:\n%s", h.screen())
	}
}

// A file that cannot be read in the background says so, instead of spinning for ever.
func TestFileLoadErrorIsShown(t *testing.T) {
	h := fileHarness(t, "placeholder.log", []byte("x\n"))
	src := &FileSource{Name: "gone.log", Tail: []byte("last line\n"), Size: 2 << 20,
		Load: func() ([]byte, error) { return nil, errors.New("read gone.log: input/output error") }}
	h.m = New(h.f, testConfig(), Options{File: src, HistoryDir: t.TempDir(), Now: func() time.Time { return testNow }})
	h.m.tick = recordTick
	h.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	h.drain(h.m.Init())
	h.fireTicks(fileWholeDueMsg{})
	h.mustContain("Could not read the log", "input/output error", "esc quits")
	if h.m.viewer.hasContent() || h.m.viewer.tail {
		t.Fatal("a failed load left content behind")
	}
}

// recordTick is the harness's tick: the tick is recorded, not slept.
func recordTick(d time.Duration, msg tea.Msg) tea.Cmd {
	return func() tea.Msg { return scheduledTick{d: d, msg: msg} }
}
