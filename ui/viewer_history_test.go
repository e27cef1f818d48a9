package ui

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/ui/history"
)

// historyHarness is a harness with capture history on, in a fresh directory.
func historyHarness(t *testing.T, f *fakeFetcher) (*harness, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "history")
	cfg := testConfig()
	cfg.Settings.HistoryEnabled = true
	cfg.Settings.HistoryMax = 20
	return newHarness(t, f, cfg, Options{HistoryDir: dir, SaveDir: t.TempDir()}), dir
}

// storedCaptures lists what the store holds for an instance, newest first, with the data.
func storedCaptures(t *testing.T, dir, id string) []string {
	t.Helper()
	st, err := history.Open(dir, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := st.List("cn-hangzhou", id)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, c := range cs {
		b, err := st.Load(c)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	return out
}

// plantCapture writes a capture file as the store names it (fetch time, update time, content
// hash), so tests control the times that the store would take from the real clock.
func plantCapture(t *testing.T, dir, id string, fetched, lastUpdate time.Time, data string) {
	t.Helper()
	const layout = "20060102T150405.000000000Z"
	sum := sha256.Sum256([]byte(data))
	lu := "0"
	if !lastUpdate.IsZero() {
		lu = lastUpdate.UTC().Format(layout)
	}
	name := fetched.UTC().Format(layout) + "_" + lu + "_" + hex.EncodeToString(sum[:])[:32] + ".log"
	d := filepath.Join(dir, "cn-hangzhou", id)
	if err := os.MkdirAll(d, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(d, name), []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
}

// ourMarks returns the lines that carry the "+" mark.
func ourMarks(h *harness) []int {
	var out []int
	for i := 0; i < h.m.viewer.lv.TotalLineCount(); i++ {
		if s, ok := h.m.viewer.lv.Marks()[i]; ok && ansi.Strip(s) == newLineMark {
			out = append(out, i)
		}
	}
	return out
}

func TestHistorySavesEachDistinctOutputOnce(t *testing.T) {
	f := standardFetcher()
	t1, t2 := testNow.Add(-10*time.Minute), testNow.Add(-time.Minute)
	f.console = func(region, id string, n int) (fetch.ConsoleOutput, error) {
		if n <= 2 {
			return consoleFor(id, []byte("boot one\nlogin:\n"), t1), nil
		}
		return consoleFor(id, []byte("boot two\nlogin:\n"), t2), nil
	}
	h, dir := historyHarness(t, f)
	h.selectID(webID)
	h.press("enter")
	h.press("r") // the same output again: not stored twice
	if got := storedCaptures(t, dir, webID); len(got) != 1 || got[0] != "boot one\nlogin:\n" {
		t.Fatalf("after two identical fetches: %q", got)
	}
	h.press("r")
	got := storedCaptures(t, dir, webID)
	if len(got) != 2 || got[0] != "boot two\nlogin:\n" || got[1] != "boot one\nlogin:\n" {
		t.Fatalf("after a new output: %q", got)
	}
	// Follow results are kept too.
	f.console = func(region, id string, n int) (fetch.ConsoleOutput, error) {
		return consoleFor(id, []byte("boot three\n"), testNow), nil
	}
	h.press("F")
	h.fireTicks(followTickMsg{})
	if got := storedCaptures(t, dir, webID); len(got) != 3 || got[0] != "boot three\n" {
		t.Fatalf("after a follow poll: %q", got)
	}
	st, _ := history.Open(dir, 0, 0)
	cs, _ := st.List("cn-hangzhou", webID)
	if !cs[1].LastUpdate.Equal(t2) {
		t.Errorf("stored update time %v, want %v", cs[1].LastUpdate, t2)
	}
	if fi, err := os.Stat(cs[0].Path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("capture file mode: %v %v", fi.Mode(), err)
	}
}

func TestHistoryKeepsOpenedPrefetchOnly(t *testing.T) {
	f := standardFetcher()
	h, dir := historyHarness(t, f)
	h.ticks = nil
	h.selectID(dbID)
	h.press("j", "k")
	h.fireTicks(prefetchTickMsg{})
	if got := storedCaptures(t, dir, dbID); len(got) != 0 {
		t.Fatalf("a prefetch nobody opened was stored: %q", got)
	}
	h.press("enter") // shows the prefetched log from the cache
	if got := storedCaptures(t, dir, dbID); len(got) != 1 || got[0] != "db boot\nsecond line\n" {
		t.Fatalf("opened prefetch: %q", got)
	}
}

func TestHistoryOff(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "history")
	cfg := testConfig()
	cfg.Settings.HistoryEnabled = false
	h := newHarness(t, standardFetcher(), cfg, Options{HistoryDir: dir})
	h.selectID(webID)
	h.press("enter", "H")
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatalf("history directory created with history off: %v", err)
	}
	if h.m.keys.History.Enabled() || h.m.viewer.captures.open {
		t.Fatal("H offered or acted with history off")
	}
	// No directory at all is off as well, whatever the setting.
	cfg.Settings.HistoryEnabled = true
	h = newHarness(t, standardFetcher(), cfg, Options{})
	h.selectID(webID)
	h.press("enter")
	if h.m.keys.History.Enabled() || h.m.viewer.hist.store != nil {
		t.Fatal("history on without a directory")
	}
}

func TestHistoryUnavailableDirectorySaysWhy(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o600)
	cfg := testConfig()
	cfg.Settings.HistoryEnabled = true
	h := newHarness(t, standardFetcher(), cfg, Options{HistoryDir: filepath.Join(file, "history")})
	h.selectID(webID)
	h.press("enter", "H")
	h.mustContain("capture history is unavailable", "not a directory")
	h.press("esc")
	if h.m.viewer.captures.open {
		t.Fatal("esc did not close the capture list")
	}
}

// plantWebHistory stores three captures of web-01: two older boots and, newest, the output the
// fake returns (so opening the console adds none).
func plantWebHistory(t *testing.T, dir string) {
	t.Helper()
	old := "[    0.000000] Linux version 5.15\n[    1.000000] eth0: link up\n[    9.000000] Kernel panic - not syncing\n"
	mid := "[    0.000000] Linux version 5.15\n[    1.100000] eth0: link up\n[    5.000000] Started nginx.service\n[    6.000000] Reached target Multi-User System\n"
	plantCapture(t, dir, webID, testNow.Add(-3*time.Hour), testNow.Add(-3*time.Hour-time.Minute), old)
	plantCapture(t, dir, webID, testNow.Add(-90*time.Minute), testNow.Add(-91*time.Minute), mid)
	plantCapture(t, dir, webID, testNow.Add(-5*time.Minute), testNow.Add(-6*time.Minute), string(bootLog(60)))
}

func TestCaptureListNewestFirst(t *testing.T) {
	f := standardFetcher()
	h, dir := historyHarness(t, f)
	plantWebHistory(t, dir)
	h.selectID(webID)
	h.press("enter", "H")
	c := h.m.viewer.captures
	if !c.open || c.loading || len(c.items) != 3 {
		t.Fatalf("capture list: open %v loading %v items %d", c.open, c.loading, len(c.items))
	}
	for i := 1; i < len(c.items); i++ {
		if !c.items[i].Fetched.Before(c.items[i-1].Fetched) {
			t.Fatalf("items not newest first: %v", c.items)
		}
	}
	h.mustContain("Capture history", "newest first", "14:03:22", "11:09:22 +00:00 (3 h ago)", "12:38:22")
	// Keys while the list is open move the cursor and never scroll the log.
	top := h.m.viewer.lv.TopLine()
	h.press("j", "j", "j")
	if h.m.viewer.captures.cursor != 2 || h.m.viewer.lv.TopLine() != top {
		t.Fatalf("cursor %d, log top %d→%d", h.m.viewer.captures.cursor, top, h.m.viewer.lv.TopLine())
	}
	if got := h.m.ShortHelp(); len(got) == 0 || got[0].Help().Desc != "show capture" {
		t.Fatalf("short help in the list: %v", got[0].Help())
	}
	h.press("H")
	if h.m.viewer.captures.open {
		t.Fatal("H did not close the list")
	}
}

func TestCaptureViewMarksNewLinesAndReturnsToLive(t *testing.T) {
	f := standardFetcher()
	h, dir := historyHarness(t, f)
	plantWebHistory(t, dir)
	h.selectID(webID)
	h.press("enter", "H", "j", "enter")
	v := &h.m.viewer
	if v.captures.open || v.captures.shown == nil {
		t.Fatal("capture not shown")
	}
	if v.doc.Plain[2] != "[    5.000000] Started nginx.service" {
		t.Fatalf("shown log: %q", v.doc.Plain)
	}
	h.mustContain("capture from 12:38:22 +00:00 · not live", "3 lines new since the previous capture")
	// Lines 1-3 differ from the older boot; line 0 and the empty last line do not.
	if got := ourMarks(h); len(got) != 3 || got[0] != 1 || got[1] != 2 || got[2] != 3 {
		t.Fatalf("marked lines %v, want [1 2 3]", got)
	}
	h.press("m")
	if got := ourMarks(h); len(got) != 0 || len(v.lv.Marks()) != 0 {
		t.Fatalf("marks after m: %v", v.lv.Marks())
	}
	h.press("m")
	if len(ourMarks(h)) != 3 {
		t.Fatal("m did not bring the marks back")
	}
	// Refresh returns to the live log and fetches it.
	calls := f.count("ConsoleOutput")
	h.press("r")
	if v.captures.shown != nil || len(v.doc.Plain) < 50 || f.count("ConsoleOutput") != calls+1 {
		t.Fatalf("after r: shown %v, %d lines, calls %d→%d", v.captures.shown, len(v.doc.Plain), calls, f.count("ConsoleOutput"))
	}
	if len(ourMarks(h)) != 0 {
		t.Fatal("marks left on the live log")
	}
	h.mustNotContain("not live")
	h.mustContain("last update 14:03:22")
}

func TestCaptureViewFollowAndEscReturnToLive(t *testing.T) {
	f := standardFetcher()
	h, dir := historyHarness(t, f)
	plantWebHistory(t, dir)
	h.selectID(webID)
	h.press("enter", "F")
	// Choosing a capture stops follow and orphans its polls.
	h.press("H", "G", "enter")
	v := &h.m.viewer
	if v.captures.shown == nil || v.follow {
		t.Fatalf("capture shown %v, follow %v", v.captures.shown != nil, v.follow)
	}
	if !strings.Contains(h.m.toast.text, "follow off") {
		t.Errorf("toast %q does not say follow stopped", h.m.toast.text)
	}
	h.mustContain("the oldest capture kept")
	if h.m.keys.NewMarks.Enabled() {
		t.Error("m offered for the oldest capture, which has nothing to compare with")
	}
	calls := f.count("ConsoleOutput")
	h.fireTicks(followTickMsg{})
	if f.count("ConsoleOutput") != calls || v.captures.shown == nil {
		t.Fatal("a follow tick polled while a capture was shown")
	}
	h.press("F")
	if v.captures.shown != nil || !v.follow {
		t.Fatal("F did not return to live and follow")
	}
	h.press("H", "j", "enter")
	if v.captures.shown == nil {
		t.Fatal("capture not shown again")
	}
	h.press("esc")
	if v.captures.shown != nil || h.m.screen != screenConsole {
		t.Fatalf("esc: shown %v, screen %v", v.captures.shown != nil, h.m.screen)
	}
	h.mustContain("last update 14:03:22")
}

func TestCaptureAnswersForAnotherInstanceAreDropped(t *testing.T) {
	f := standardFetcher()
	h, dir := historyHarness(t, f)
	plantWebHistory(t, dir)
	h.selectID(webID)
	h.press("enter")
	var listed tea.Msg
	for _, msg := range collectMsgs(pressCmd(h, "H")) {
		if _, ok := msg.(capturesListedMsg); ok {
			listed = msg
		}
	}
	if listed == nil {
		t.Fatal("H did not list the captures")
	}
	h.press("esc", "esc") // close the list, back to the instances
	h.selectID(dbID)
	h.press("enter")
	h.send(listed)
	if h.m.viewer.captures.open || len(h.m.viewer.captures.items) != 0 {
		t.Fatal("web-01's capture list applied to db-01")
	}
}

func TestCaptureMarksFollowOnlyMatchingView(t *testing.T) {
	f := standardFetcher()
	h, dir := historyHarness(t, f)
	var old, mid []string
	for i := 0; i < 20; i++ {
		old = append(old, fmt.Sprint("line ", i))
		mid = append(mid, fmt.Sprint("line ", i))
	}
	mid[5], mid[15] = "changed 5", "changed 15"
	plantCapture(t, dir, webID, testNow.Add(-3*time.Hour), time.Time{}, strings.Join(old, "\n"))
	plantCapture(t, dir, webID, testNow.Add(-2*time.Hour), time.Time{}, strings.Join(mid, "\n"))
	h.selectID(webID)
	h.press("enter", "H", "j", "enter", "/") // the newest capture is the live log, kept on opening
	h.typeText("changed 15")
	h.press("enter", "&")
	v := &h.m.viewer
	// Lines 13-17 are shown; of them only log line 15 (shown line 2) is new.
	if lm := v.search.lineMap; len(lm) != 5 || lm[0] != 13 {
		t.Fatalf("line map %v", lm)
	}
	if got := ourMarks(h); len(got) != 1 || got[0] != 2 {
		t.Fatalf("marks %v, want [2]", got)
	}
	h.press("&")
	if got := ourMarks(h); len(got) != 2 || got[0] != 5 || got[1] != 15 {
		t.Fatalf("marks after leaving only-matching: %v, want [5 15]", got)
	}
}

func TestCaptureMarksKeepOtherMarks(t *testing.T) {
	f := standardFetcher()
	h, dir := historyHarness(t, f)
	plantWebHistory(t, dir)
	h.selectID(webID)
	h.press("enter", "H", "j", "enter")
	// Another feature's mark on a new line wins; the "+" marks go, the other stays.
	other := map[int]string{}
	for k, s := range h.m.viewer.lv.Marks() {
		other[k] = s
	}
	other[2] = "!"
	h.m.viewer.lv.SetMarks(other)
	h.press("m")
	if got := h.m.viewer.lv.Marks(); len(got) != 1 || got[2] != "!" {
		t.Fatalf("marks after hiding ours: %v", got)
	}
	h.press("m")
	if got := ourMarks(h); len(got) != 2 || h.m.viewer.lv.Marks()[2] != "!" {
		t.Fatalf("marks after showing ours: %v", h.m.viewer.lv.Marks())
	}
}

func TestGoldenCaptureList(t *testing.T) {
	h, dir := historyHarness(t, standardFetcher())
	plantWebHistory(t, dir)
	h.selectID(webID)
	h.press("enter", "H", "j")
	requireScreen(t, h)
}

func TestGoldenCaptureView(t *testing.T) {
	h, dir := historyHarness(t, standardFetcher())
	plantWebHistory(t, dir)
	h.selectID(webID)
	h.press("enter", "H", "j", "enter")
	h.toastClear()
	requireScreen(t, h)
}
