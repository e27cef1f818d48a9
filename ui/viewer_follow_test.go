package ui

import (
	"testing"
	"time"

	"github.com/bootlog/bootlog/fetch"
)

// The viewer's follow mode.

func TestFollowPicksUpNewOutput(t *testing.T) {
	f := standardFetcher()
	last := testNow.Add(-time.Minute)
	data := bootLog(60)
	f.console = func(region, id string, n int) (fetch.ConsoleOutput, error) {
		return consoleFor(id, data, last), nil
	}
	h := openWeb(t, f)
	h.press("F")
	tk, ok := h.lastTick(followTickMsg{})
	if !ok || !h.m.viewer.follow {
		t.Fatal("f scheduled no poll")
	}
	_ = tk
	h.mustContain("follow on")
	calls := f.count("ConsoleOutput")
	// Unchanged output: polled, no toast, next poll scheduled.
	h.toastClear()
	h.fireTicks(followTickMsg{})
	if f.count("ConsoleOutput") != calls+1 || h.m.toast.text != "" {
		t.Fatalf("poll: calls %d→%d toast %q", calls, f.count("ConsoleOutput"), h.m.toast.text)
	}
	h.mustContain("follow on (checked 14:09:22 +00:00)")
	// New boot: new LastUpdate and text.
	last = testNow
	data = []byte("new boot line 1\nnew boot line 2\n")
	h.fireTicks(followTickMsg{})
	if h.m.viewer.doc.Plain[0] != "new boot line 1" || h.m.toast.text != "new console output" {
		t.Fatalf("content %q toast %q", h.m.viewer.doc.Plain[0], h.m.toast.text)
	}
	if !h.m.viewer.lv.AtBottom() {
		t.Fatal("follow left the bottom")
	}
	h.press("F")
	if h.fireTicks(followTickMsg{}) > 0 && f.count("ConsoleOutput") != calls+2 {
		t.Fatal("a poll ran after follow was turned off")
	}
}

func (h *harness) toastClear() { h.m.toast.text = "" }

func TestFollowBacksOffOnErrors(t *testing.T) {
	f := standardFetcher()
	h := openWeb(t, f)
	h.press("F")
	f.consoleErr[webID] = &fetch.Error{Kind: fetch.KindNetwork, Message: "connection reset"}
	h.fireTicks(followTickMsg{})
	if h.m.viewer.followPoll.Current() != 20*time.Second {
		t.Fatalf("after an error: delay %s, want 20s", h.m.viewer.followPoll.Current())
	}
	if h.m.toast.text != "follow: next check in 20s" || h.m.toast.level != toastWarn {
		t.Fatalf("toast %q (%v)", h.m.toast.text, h.m.toast.level)
	}
	f.consoleErr[webID] = &fetch.Error{Kind: fetch.KindThrottled, Code: "Throttling"}
	h.fireTicks(followTickMsg{})
	if h.m.viewer.followPoll.Current() != 40*time.Second {
		t.Fatalf("after throttling: delay %s, want 40s", h.m.viewer.followPoll.Current())
	}
	h.toastClear()
	h.mustContain("backing off 40s")
	delete(f.consoleErr, webID)
	h.fireTicks(followTickMsg{})
	if h.m.viewer.followPoll.Current() != 10*time.Second || h.m.banner != nil {
		t.Fatalf("after success: delay %s banner %v", h.m.viewer.followPoll.Current(), h.m.banner)
	}
}

func TestStaleFollowTickIgnored(t *testing.T) {
	f := standardFetcher()
	h := openWeb(t, f)
	h.press("F")
	old, _ := h.lastTick(followTickMsg{})
	h.press("F", "F") // off and on again: a new chain
	calls := f.count("ConsoleOutput")
	h.send(old)
	if f.count("ConsoleOutput") != calls {
		t.Fatal("a stale follow tick polled")
	}
}

func TestFollowReSearchesLargeNewLog(t *testing.T) {
	f := standardFetcher()
	n := 0
	f.console = func(region, id string, calls int) (fetch.ConsoleOutput, error) {
		n = calls
		return consoleFor(id, bootLog(syncSearchLines+10+calls), testNow.Add(time.Duration(calls)*time.Second)), nil
	}
	h := openWeb(t, f)
	h.press("/")
	h.typeText("panic")
	h.press("enter")
	if len(h.m.viewer.search.matches) != 2 {
		t.Fatalf("matches %d", len(h.m.viewer.search.matches))
	}
	h.press("F")
	h.fireTicks(followTickMsg{})
	if n != 2 || h.m.viewer.search.pending {
		t.Fatalf("calls %d, search pending %v", n, h.m.viewer.search.pending)
	}
	if got := len(h.m.viewer.search.matches); got != 2 || h.m.viewer.search.matches[0].Line != syncSearchLines+10 {
		t.Fatalf("search not re-run on the new log: %d matches %v", got, h.m.viewer.search.matches)
	}
}

// TestFollowAgainHidesTheOldCheck is issue 12 item 13: turning follow on again must not show the
// check time of the previous follow.
func TestFollowAgainHidesTheOldCheck(t *testing.T) {
	now := testNow
	h := newHarness(t, standardFetcher(), testConfig(), Options{Now: func() time.Time { return now }})
	h.selectID(webID)
	h.press("enter", "F")
	h.fireTicks(followTickMsg{})
	h.mustContain("follow on (checked 14:09:22 +00:00)")
	h.press("F")
	now = now.Add(5 * time.Minute)
	h.press("F")
	h.mustContain("follow on")
	h.mustNotContain("checked 14:09:22")
	h.fireTicks(followTickMsg{})
	h.mustContain("follow on (checked 14:14:22 +00:00)")
}

// TestFollowGoesToTheEnd: F, like less +F, shows the end of the log at once.
func TestFollowGoesToTheEnd(t *testing.T) {
	f := standardFetcher()
	f.consoles[webID] = consoleFor(webID, bootLog(300), testNow)
	h := openWeb(t, f)
	h.press("g", "F")
	if !h.m.viewer.lv.AtBottom() || !h.m.viewer.follow {
		t.Fatal("F did not go to the end")
	}
}

// TestLessPagingKeys: f and ctrl+f page down, ctrl+b pages up, as in less (issue 12).
func TestLessPagingKeys(t *testing.T) {
	f := standardFetcher()
	f.consoles[webID] = consoleFor(webID, bootLog(300), testNow)
	h := openWeb(t, f)
	v := &h.m.viewer
	h.press("g", "f")
	page := v.lv.Height()
	if v.lv.TopLine() != page || v.follow {
		t.Fatalf("f: top %d (page %d), follow %v", v.lv.TopLine(), page, v.follow)
	}
	h.press("ctrl+f")
	if v.lv.TopLine() != 2*page {
		t.Fatalf("ctrl+f: top %d", v.lv.TopLine())
	}
	h.press("ctrl+b")
	if v.lv.TopLine() != page {
		t.Fatalf("ctrl+b: top %d", v.lv.TopLine())
	}
}
