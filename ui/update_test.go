package ui

import (
	"errors"
	"fmt"
	"image/color"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/bootlog/bootlog/fetch"
)

const (
	webID  = "i-bp1webaaaaaaaaaaaaa1"
	dbID   = "i-bp1dbbbbbbbbbbbbbbb2"
	winID  = "i-bp1winccccccccccccc3"
	pendID = "i-bp1newdddddddddddddd4"
)

func TestListLoadsEveryPage(t *testing.T) {
	h := newHarness(t, standardFetcher(), testConfig(), Options{ProfileLabel: "default"})
	if got := h.f.count("StreamInstances cn-hangzhou"); got != 1 {
		t.Fatalf("StreamInstances calls = %d, want 1", got)
	}
	if len(h.m.list.all) != 4 || h.m.list.loading {
		t.Fatalf("list has %d instances, loading=%v; want 4 loaded", len(h.m.list.all), h.m.list.loading)
	}
	if h.m.busy() {
		t.Fatal("busy after the list loaded: the spinner would keep ticking")
	}
	h.mustContain("cn-hangzhou · profile default", "4 instances", "web-01", "db-01", "47.96.9.9 (EIP)", "Windows Server 2022")
}

func TestListPagesAppearAsTheyArrive(t *testing.T) {
	h := newHarness(t, newFakeFetcher(), testConfig(), Options{})
	h.m.list.gen = 7
	h.m.list.loading = true
	h.m.list.loadedCount = 0
	ch := make(chan tea.Msg)
	all := demoInstances()
	h.m.Update(instancesPageMsg{region: "cn-hangzhou", gen: 7, batch: all[:2], total: 4, next: ch})
	if len(h.m.list.all) != 2 || !h.m.list.loading {
		t.Fatalf("after page 1: %d instances, loading=%v", len(h.m.list.all), h.m.list.loading)
	}
	h.mustContain("2 of 4 loaded", "web-01")
	// A page from an older listing (other generation) is ignored.
	h.m.Update(instancesPageMsg{region: "cn-hangzhou", gen: 6, batch: all[2:], total: 4, next: ch})
	if len(h.m.list.all) != 2 {
		t.Fatalf("stale page applied: %d instances", len(h.m.list.all))
	}
	h.m.Update(instancesPageMsg{region: "cn-hangzhou", gen: 7, batch: all[2:], total: 4, next: ch})
	h.m.Update(instancesDoneMsg{region: "cn-hangzhou", gen: 7})
	if len(h.m.list.all) != 4 || h.m.list.loading {
		t.Fatalf("after done: %d instances, loading=%v", len(h.m.list.all), h.m.list.loading)
	}
}

func TestFilterAsYouTypeAndKeysStayInTheBox(t *testing.T) {
	h := newHarness(t, standardFetcher(), testConfig(), Options{})
	h.press("/")
	if !h.m.list.filtering {
		t.Fatal("/ did not focus the filter")
	}
	// "s" would sort and "R" would open the region picker outside the box.
	h.typeText("dbR")
	if h.m.screen != screenList || h.m.list.sortBy != sortByName {
		t.Fatalf("typing triggered actions: screen=%v sort=%v", h.m.screen, h.m.list.sortBy)
	}
	h.press("backspace")
	if got := h.m.list.filter.Value(); got != "db" {
		t.Fatalf("filter = %q", got)
	}
	if len(h.m.list.rows) != 1 {
		t.Fatalf("rows = %d, want 1", len(h.m.list.rows))
	}
	h.press("enter")
	if h.m.list.filtering {
		t.Fatal("enter did not close the filter box")
	}
	h.mustContain("1 of 4 instances", "db-01")
	h.mustNotContain("web-01")
	// By IP.
	h.press("esc")
	h.press("/")
	h.typeText("172.16.0.30")
	if in, _ := h.m.list.selected(); len(h.m.list.rows) != 1 || in.ID != winID {
		t.Fatalf("IP filter: rows=%d selected=%s", len(h.m.list.rows), in.ID)
	}
	h.press("esc")
	if h.m.list.filter.Value() != "" || len(h.m.list.rows) != 4 {
		t.Fatal("esc did not clear the filter")
	}
}

func TestSortToggle(t *testing.T) {
	h := newHarness(t, standardFetcher(), testConfig(), Options{})
	names := func() []string {
		var out []string
		for _, r := range h.m.list.rows {
			out = append(out, h.m.list.all[r].Name)
		}
		return out
	}
	if got := strings.Join(names(), ","); got != "db-01,new-node,web-01,win-ad" {
		t.Fatalf("by name: %s", got)
	}
	h.press("s")
	if got := strings.Join(names(), ","); got != "web-01,win-ad,new-node,db-01" {
		t.Fatalf("by status: %s", got)
	}
	h.press("s")
	if h.m.list.sortBy != sortByName {
		t.Fatal("s did not toggle back")
	}
}

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
	h.mustContain("web-01", "Running", "last update 14:03:22, 6 min ago", "Kernel panic")
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
	for _, l := range h.m.viewer.doc.Lines {
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

func TestRegionPickerSwitchesRegion(t *testing.T) {
	h := newHarness(t, standardFetcher(), testConfig(), Options{})
	h.press("R")
	if h.m.screen != screenRegions || h.f.count("Regions") != 1 {
		t.Fatalf("screen=%v regions calls=%d", h.m.screen, h.f.count("Regions"))
	}
	h.mustContain("cn-shanghai", "华东2（上海）")
	h.press("j", "enter")
	if h.m.region != "cn-shanghai" || h.m.screen != screenList {
		t.Fatalf("region=%s screen=%v", h.m.region, h.m.screen)
	}
	if h.f.count("StreamInstances cn-shanghai") != 1 || len(h.m.list.all) != 1 {
		t.Fatalf("calls %v, %d instances", h.f.Calls(), len(h.m.list.all))
	}
	h.mustContain("sh-api", "cn-shanghai")
	// The picker is cached; Esc goes back without choosing.
	h.press("R", "esc")
	if h.f.count("Regions") != 1 || h.m.screen != screenList {
		t.Fatal("regions reloaded or esc did not go back")
	}
}

func TestNoRegionStartsInPicker(t *testing.T) {
	cfg := testConfig()
	cfg.Region = ""
	h := newHarness(t, standardFetcher(), cfg, Options{})
	if h.m.screen != screenRegions || h.f.count("StreamInstances") != 0 {
		t.Fatalf("screen=%v calls=%v", h.m.screen, h.f.Calls())
	}
	if h.m.keys.Back.Enabled() {
		t.Fatal("esc offered with no region to go back to")
	}
	h.press("enter")
	if h.m.region != "cn-hangzhou" || len(h.m.list.all) != 4 {
		t.Fatalf("region=%s instances=%d", h.m.region, len(h.m.list.all))
	}
}

func TestCtrlRReloads(t *testing.T) {
	f := standardFetcher()
	h := newHarness(t, f, testConfig(), Options{})
	f.pages["cn-hangzhou"] = [][]fetch.Instance{{inst("i-bp1onlyone00000000009", "only", "Running")}}
	h.press("ctrl+r")
	if f.count("StreamInstances cn-hangzhou") != 2 || len(h.m.list.all) != 1 {
		t.Fatalf("calls=%v instances=%d", f.Calls(), len(h.m.list.all))
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

func TestErrorKindsShowInBanner(t *testing.T) {
	kinds := []fetch.ErrorKind{
		fetch.KindUnknown, fetch.KindAuthRejected, fetch.KindPermissionDenied, fetch.KindNotFound,
		fetch.KindUnsupported, fetch.KindWrongState, fetch.KindThrottled, fetch.KindNetwork,
		fetch.KindTimeout, fetch.KindServerFault, fetch.KindMalformedResponse, fetch.KindInvalidBase64,
		fetch.KindInvalidRequest, fetch.KindCanceled,
	}
	for _, k := range kinds {
		f := standardFetcher()
		f.consoleErr[webID] = &fetch.Error{Kind: k, Op: "GetInstanceConsoleOutput", Code: "Some.Code",
			Message: "first\nsecond", RequestID: "REQ-42", Hint: "do the thing"}
		h := newHarness(t, f, testConfig(), Options{})
		h.selectID(webID)
		h.press("enter")
		if h.m.banner == nil {
			t.Fatalf("%v: no banner", k)
		}
		b := ansiStripBanner(h)
		for _, want := range []string{k.String(), "Some.Code", "first second", "do the thing", "RequestId REQ-42"} {
			if !strings.Contains(b, want) {
				t.Fatalf("%v: banner %q lacks %q", k, b, want)
			}
		}
		if strings.Contains(b, "\n") {
			t.Fatalf("banner spans lines: %q", b)
		}
		// r retries, and a success clears the banner.
		delete(f.consoleErr, webID)
		h.press("r")
		if h.m.banner != nil || !h.m.viewer.hasContent() {
			t.Fatalf("%v: retry did not recover", k)
		}
	}
}

func ansiStripBanner(h *harness) string {
	lines := strings.Split(h.screen(), "\n")
	for _, l := range lines {
		if strings.HasPrefix(l, "✗") {
			return l
		}
	}
	return ""
}

func TestBannerTruncatesToWidth(t *testing.T) {
	f := standardFetcher()
	f.listErr["cn-hangzhou"] = &fetch.Error{Kind: fetch.KindNetwork, Op: "DescribeInstances", Message: strings.Repeat("very long ", 40)}
	h := newHarness(t, f, testConfig(), Options{})
	for _, l := range strings.Split(h.screen(), "\n") {
		if w := len([]rune(l)); w > 100 {
			t.Fatalf("line of %d cells: %q", w, l)
		}
	}
	h.mustContain("✗ network error")
}

func TestPlainErrorInBanner(t *testing.T) {
	f := standardFetcher()
	f.consoleErr[webID] = errors.New("boom\nbang")
	h := newHarness(t, f, testConfig(), Options{})
	h.selectID(webID)
	h.press("enter")
	h.mustContain("✗ error · boom bang · r retry")
}

func TestCredentialsMissingShowsFirstRun(t *testing.T) {
	f := standardFetcher()
	f.listErr["cn-hangzhou"] = &fetch.Error{Kind: fetch.KindCredentialsMissing, Op: "DescribeInstances",
		Message: "no credentials in env, profile \"default\" or instance RAM role", Hint: "run aliyun configure"}
	h := newHarness(t, f, testConfig(), Options{})
	if h.m.screen != screenFirstRun {
		t.Fatalf("screen = %v", h.m.screen)
	}
	h.mustContain("No Alibaba Cloud credentials found", "aliyun configure", "ALIBABA_CLOUD_ACCESS_KEY_ID", "bootlog --demo", "instance RAM role")
	h.press("j")
	if h.quit {
		t.Fatal("j quit")
	}
	h.press("q")
	if !h.quit {
		t.Fatal("q did not quit")
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

func TestSearchSmartCaseAndCounter(t *testing.T) {
	h := openWeb(t, standardFetcher())
	h.press("/")
	h.typeText("kernel")
	if !h.m.viewer.search.typing {
		t.Fatal("search box lost focus")
	}
	if n := len(h.m.viewer.search.matches); n != 2 {
		t.Fatalf("lower-case pattern: %d matches, want 2 (smart case)", n)
	}
	h.press("enter")
	h.typeText("") // nothing
	h.press("/")
	h.typeText("Kernel p")
	if n := len(h.m.viewer.search.matches); n != 2 {
		t.Fatalf("Kernel p: %d", n)
	}
	h.press("backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace")
	h.typeText("KERNEL")
	if n := len(h.m.viewer.search.matches); n != 0 {
		t.Fatalf("upper-case pattern matched case-insensitively: %d", n)
	}
	h.press("esc")
	if h.m.viewer.search.re != nil || h.m.screen != screenConsole {
		t.Fatal("esc in the box did not just clear the search")
	}
}

func TestSearchKeysNeverTriggerActions(t *testing.T) {
	f := standardFetcher()
	h := openWeb(t, f)
	calls := f.count("ConsoleOutput")
	wrap := h.m.viewer.lv.Wrap()
	h.press("/")
	h.typeText("rfwq#&Gn?")
	if f.count("ConsoleOutput") != calls || h.m.viewer.follow || h.m.viewer.lv.Wrap() != wrap || h.quit || h.m.showHelp {
		t.Fatal("keys typed into the search box acted")
	}
	if got := h.m.viewer.search.input.Value(); got != "rfwq#&Gn?" {
		t.Fatalf("box = %q", got)
	}
}

func TestInvalidRegexpSearchesLiterally(t *testing.T) {
	f := standardFetcher()
	f.consoles[webID] = consoleFor(webID, []byte("a\nfoo(bar\nb\n"), testNow)
	h := openWeb(t, f)
	h.press("/")
	h.typeText("foo(")
	if len(h.m.viewer.search.matches) != 1 || h.m.viewer.search.notice == "" {
		t.Fatalf("matches=%d notice=%q", len(h.m.viewer.search.matches), h.m.viewer.search.notice)
	}
	h.mustContain("invalid regexp, searched literally")
}

func TestSearchNextPrevAndEscClears(t *testing.T) {
	h := openWeb(t, standardFetcher())
	h.press("/")
	h.typeText("unit")
	h.press("enter")
	if !h.m.keys.NextMatch.Enabled() {
		t.Fatal("n disabled with matches")
	}
	if n := len(h.m.viewer.search.matches); n != 58 {
		t.Fatalf("matches = %d", n)
	}
	before, _ := h.m.viewer.lv.CurrentMatch()
	h.press("n")
	after, _ := h.m.viewer.lv.CurrentMatch()
	h.press("N")
	back, _ := h.m.viewer.lv.CurrentMatch()
	if back != before {
		t.Fatalf("n then N: %d → %d → %d", before, after, back)
	}
	if !strings.Contains(h.m.viewer.searchStatus(), "58") {
		t.Fatalf("status %q", h.m.viewer.searchStatus())
	}
	h.press("esc")
	if h.m.viewer.search.re != nil || h.m.screen != screenConsole {
		t.Fatal("first esc should clear the search and stay")
	}
	if _, total := h.m.viewer.lv.CurrentMatch(); total != 0 {
		t.Fatalf("highlights left: %d", total)
	}
	h.press("esc")
	if h.m.screen != screenList {
		t.Fatal("second esc should go back")
	}
}

func TestOnlyMatchingLinesToggle(t *testing.T) {
	h := openWeb(t, standardFetcher())
	h.press("/")
	h.typeText("panic")
	h.press("enter", "&")
	v := &h.m.viewer
	// Matches on lines 59 and 60 (index 58, 59) with 2 lines of context: 57..60.
	if got := v.lv.TotalLineCount(); got != 4 {
		t.Fatalf("only-matching view has %d lines: %v", got, v.search.lineMap)
	}
	if _, total := v.lv.CurrentMatch(); total != 2 {
		t.Fatalf("highlights in filtered view: %d", total)
	}
	h.press("&")
	if got := v.lv.TotalLineCount(); got != 60 || v.search.lineMap != nil {
		t.Fatalf("back to all: %d lines", got)
	}
}

func TestOnlyMatchingSeparators(t *testing.T) {
	plain := []string{"a", "x", "b", "c", "d", "e", "f", "x", "g"}
	_, op, lm := onlyMatching(plain, plain, matchesOf("x", plain), 1)
	if got := strings.Join(op, ","); got != "a,x,b,--,f,x,g" {
		t.Fatalf("got %s", got)
	}
	if lm[3] != -1 || lm[4] != 6 {
		t.Fatalf("lineMap %v", lm)
	}
}

func TestLargeLogSearchRunsOffThreadAndLatestWins(t *testing.T) {
	f := standardFetcher()
	f.consoles[webID] = consoleFor(webID, bootLog(syncSearchLines+100), testNow)
	h := openWeb(t, f)
	h.press("/")
	// Hold the first keystroke's search, then type another.
	_, first := h.m.Update(keyMsg("p"))
	if !h.m.viewer.search.pending {
		t.Fatal("large-log search ran on the UI goroutine")
	}
	h.typeText("anic")
	h.drain(first) // cancelled or stale: ignored
	if n := len(h.m.viewer.search.matches); n != 2 || h.m.viewer.search.query != "panic" {
		t.Fatalf("matches=%d query=%q", n, h.m.viewer.search.query)
	}
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

func TestFollowPicksUpNewOutput(t *testing.T) {
	f := standardFetcher()
	last := testNow.Add(-time.Minute)
	data := bootLog(60)
	f.console = func(region, id string, n int) (fetch.ConsoleOutput, error) {
		return consoleFor(id, data, last), nil
	}
	h := openWeb(t, f)
	h.press("f")
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
	h.mustContain("follow on (checked 14:09:22)")
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
	h.press("f")
	if h.fireTicks(followTickMsg{}) > 0 && f.count("ConsoleOutput") != calls+2 {
		t.Fatal("a poll ran after follow was turned off")
	}
}

func (h *harness) toastClear() { h.m.toast.text = "" }

func TestFollowBacksOffOnErrors(t *testing.T) {
	f := standardFetcher()
	h := openWeb(t, f)
	h.press("f")
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
	h.press("f")
	old, _ := h.lastTick(followTickMsg{})
	h.press("f", "f") // off and on again: a new chain
	calls := f.count("ConsoleOutput")
	h.send(old)
	if f.count("ConsoleOutput") != calls {
		t.Fatal("a stale follow tick polled")
	}
}

func TestPrefetchAfterCursorRests(t *testing.T) {
	f := standardFetcher()
	h := newHarness(t, f, testConfig(), Options{})
	h.ticks = nil
	h.selectID(dbID)
	h.press("j") // onto new-node (Pending: no prefetch)
	h.press("k") // back onto db-01
	h.fireTicks(prefetchTickMsg{})
	if got := f.count("ConsoleOutput"); got != 1 || f.count("ConsoleOutput cn-hangzhou "+dbID) != 1 {
		t.Fatalf("prefetch calls %v", f.Calls())
	}
	if _, ok := h.m.cache.get("cn-hangzhou", dbID); !ok {
		t.Fatal("prefetched console not cached")
	}
	// Enter shows it at once and refreshes behind it.
	_, cmd := h.m.Update(keyMsg("enter"))
	if !h.m.viewer.hasContent() || h.m.viewer.doc.Plain[0] != "db boot" {
		t.Fatal("cached console not shown at once")
	}
	h.drain(cmd)
	if f.count("ConsoleOutput cn-hangzhou "+dbID) != 2 {
		t.Fatalf("no refresh behind the cached log: %v", f.Calls())
	}
}

func TestPrefetchStaleTickAndRightInstance(t *testing.T) {
	f := standardFetcher()
	h := newHarness(t, f, testConfig(), Options{})
	h.ticks = nil
	h.selectID(webID)
	h.press("up") // win-ad → web-01? order: db, new, web, win; up from web is new-node
	h.press("down")
	// Two debounce ticks are pending; only the last (web-01) may fetch.
	h.fireTicks(prefetchTickMsg{})
	if f.count("ConsoleOutput") != 1 || f.count("ConsoleOutput cn-hangzhou "+webID) != 1 {
		t.Fatalf("calls %v", f.Calls())
	}
	// A prefetch answer for db-01 arriving while web-01 is open goes to db-01's cache only.
	h.press("enter")
	h.send(prefetchedMsg{region: "cn-hangzhou", instanceID: dbID, consoleResult: consoleResult{out: consoleFor(dbID, []byte("db!\n"), testNow), doc: renderDoc("db!\n"), fetchedAt: testNow}})
	if h.m.viewer.inst.ID != webID || h.m.viewer.doc.Plain[0] == "db!" {
		t.Fatal("prefetch for db-01 applied to web-01")
	}
	if c, ok := h.m.cache.get("cn-hangzhou", dbID); !ok || c.doc.Plain[0] != "db!" {
		t.Fatal("prefetch not stored under db-01")
	}
}

func TestPrefetchBounded(t *testing.T) {
	f := standardFetcher()
	h := newHarness(t, f, testConfig(), Options{})
	h.m.list.prefetch.inflight["cn-hangzhou/a"] = true
	h.m.list.prefetch.inflight["cn-hangzhou/b"] = true
	h.ticks = nil
	h.selectID(webID)
	h.press("down", "up")
	h.fireTicks(prefetchTickMsg{})
	if f.count("ConsoleOutput") != 0 {
		t.Fatal("a third prefetch started")
	}
}

func TestCacheEvictsLeastRecentlyUsed(t *testing.T) {
	c := newConsoleCache(2)
	c.put("r", "a", fetch.ConsoleOutput{}, renderDoc("a"), testNow)
	c.put("r", "b", fetch.ConsoleOutput{}, renderDoc("b"), testNow)
	c.get("r", "a")
	c.put("r", "c", fetch.ConsoleOutput{}, renderDoc("c"), testNow)
	if _, ok := c.get("r", "b"); ok || c.len() != 2 {
		t.Fatal("b should have been evicted")
	}
	if _, ok := c.get("r", "a"); !ok {
		t.Fatal("a evicted although recently used")
	}
}

func TestToastExpiresOnlyItsOwn(t *testing.T) {
	h := openWeb(t, standardFetcher())
	h.ticks = nil
	h.press("w")
	first, _ := h.lastTick(toastExpiredMsg{})
	h.press("w")
	second, _ := h.lastTick(toastExpiredMsg{})
	h.send(first)
	if h.m.toast.text == "" {
		t.Fatal("an old toast's timer removed the new toast")
	}
	h.send(second)
	if h.m.toast.text != "" {
		t.Fatal("toast did not expire")
	}
}

func TestHelpNeverLies(t *testing.T) {
	h := newHarness(t, standardFetcher(), testConfig(), Options{})
	if h.m.keys.NextMatch.Enabled() || h.m.keys.Refresh.Enabled() {
		t.Fatal("viewer keys enabled on the list")
	}
	h.press("?")
	if !h.m.showHelp {
		t.Fatal("? did not show help")
	}
	h.mustContain("open", "sort", "region")
	h.mustNotContain("next")
	h.press("esc")
	if h.m.showHelp || h.m.screen != screenList {
		t.Fatal("esc did not close help")
	}
	h.selectID(webID)
	h.press("enter", "?")
	h.mustContain("search", "follow", "line numbers")
	h.mustNotContain("next") // no search yet
	h.press("?")
	empty := newHarness(t, newFakeFetcher(), testConfig(), Options{})
	if empty.m.keys.Open.Enabled() {
		t.Fatal("enter offered on an empty list")
	}
}

func TestResizeAndTooSmall(t *testing.T) {
	h := openWeb(t, standardFetcher())
	h.send(tea.WindowSizeMsg{Width: 30, Height: 8})
	h.mustContain("terminal too small: 30x8")
	h.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	if got := h.m.viewer.lv.Height(); got != h.m.bodyHeight || got <= 0 {
		t.Fatalf("viewer height %d body %d", got, h.m.bodyHeight)
	}
	lines := strings.Split(h.m.View().Content, "\n")
	if len(lines) != 40 {
		t.Logf("header %d banner %d footer %d body %d", lipgloss.Height(h.m.headerView()), lipgloss.Height(h.m.bannerView()), lipgloss.Height(h.m.footerView()), h.m.bodyHeight)
		t.Logf("%q", h.m.View().Content)
		t.Fatalf("rendered %d lines for a 40-line window", len(lines))
	}
}

func TestQuitAndCtrlC(t *testing.T) {
	h := newHarness(t, standardFetcher(), testConfig(), Options{})
	h.press("q")
	if !h.quit {
		t.Fatal("q did not quit")
	}
	h2 := openWeb(t, standardFetcher())
	h2.press("/")
	h2.press("ctrl+c")
	if !h2.quit {
		t.Fatal("ctrl+c in the search box did not quit")
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

func TestIdleSchedulesNothing(t *testing.T) {
	h := openWeb(t, standardFetcher())
	_, cmd := h.m.Update(spinnerTick(h))
	if cmd != nil {
		if msg := exec(cmd); msg != nil {
			t.Fatalf("idle model scheduled %T", msg)
		}
	}
	if h.m.spinning {
		t.Fatal("spinner still marked as turning")
	}
}

func TestNoColorHasNoColour(t *testing.T) {
	h := openWeb(t, standardFetcher())
	c := h.m.View().Content
	if strings.Contains(c, "38;") || strings.Contains(c, "48;") {
		t.Fatal("colour escape in a no-colour view")
	}
}

func TestColourStylesUseColour(t *testing.T) {
	cfg := testConfig()
	cfg.Settings.NoColor = false
	t.Setenv("NO_COLOR", "")
	h := newHarness(t, standardFetcher(), cfg, Options{})
	h.m.noColor = false
	h.m.setStyles(true)
	if !strings.Contains(h.m.View().Content, "38;") {
		t.Fatal("coloured styles rendered no colour")
	}
}

func TestBackgroundColourPicksPalette(t *testing.T) {
	cfg := testConfig()
	cfg.Settings.NoColor = false
	cfg.Settings.Theme = "auto"
	t.Setenv("NO_COLOR", "")
	h := newHarness(t, standardFetcher(), cfg, Options{})
	if len(h.requests) == 0 || h.requests[0] != "tea.backgroundColorMsg" {
		t.Fatalf("Init did not ask for the background colour: %v", h.requests)
	}
	dark := h.m.View().Content
	h.send(tea.BackgroundColorMsg{Color: color.White})
	light := h.m.View().Content
	if dark == light {
		t.Fatal("a light background did not change the palette")
	}
	if !strings.Contains(light, "38;") {
		t.Fatal("light palette has no colour")
	}
}

func TestNoColorEnvironment(t *testing.T) {
	cfg := testConfig()
	cfg.Settings.NoColor = false
	t.Setenv("NO_COLOR", "1")
	h := newHarness(t, standardFetcher(), cfg, Options{})
	if !h.m.noColor {
		t.Fatal("NO_COLOR ignored")
	}
	h.selectID(webID)
	h.press("enter")
	if c := h.m.View().Content; strings.Contains(c, "38;") || strings.Contains(c, "48;") {
		t.Fatal("colour escape with NO_COLOR set")
	}
}

func TestFitBannerKeepsRequestID(t *testing.T) {
	err := &fetch.Error{Kind: fetch.KindPermissionDenied, Code: "Forbidden.RAM", Message: strings.Repeat("long message ", 20),
		Hint: "grant ecs:GetInstanceConsoleOutput", RequestID: "REQ-1"}
	for _, w := range []int{60, 80, 100, 200} {
		got := fitBanner("✗ ", err, "r retry", w)
		lines := strings.Split(got, "\n")
		// At most three lines: the hint gets a line of its own rather than being cut.
		if len(lines) > 3 {
			t.Fatalf("width %d: %d lines", w, len(lines))
		}
		if !strings.Contains(got, err.Hint) {
			t.Fatalf("width %d cut the hint: %q", w, got)
		}
		for _, l := range lines {
			if ansi.StringWidth(l) > w {
				t.Fatalf("width %d: %d cells: %q", w, ansi.StringWidth(l), l)
			}
		}
		for _, want := range []string{"RequestId REQ-1", "permission denied (Forbidden.RAM)", "grant ecs:", "r retry", "long message"} {
			if !strings.Contains(got, want) {
				t.Fatalf("width %d lost %q: %q", w, want, got)
			}
		}
	}
	short := &fetch.Error{Kind: fetch.KindNetwork, Message: "dial tcp: connection refused"}
	if got := fitBanner("✗ ", short, "r retry", 100); got != "✗ network error · dial tcp: connection refused · r retry" {
		t.Fatalf("got %q", got)
	}
}

func TestReloadKeepsCursorOnSameInstance(t *testing.T) {
	f := standardFetcher()
	h := newHarness(t, f, testConfig(), Options{})
	h.selectID(webID)
	h.press("ctrl+r")
	if in, _ := h.m.list.selected(); in.ID != webID {
		t.Fatalf("cursor moved to %s after reload", in.ID)
	}
}

func TestFilterBoxArrowsMoveCursor(t *testing.T) {
	h := newHarness(t, standardFetcher(), testConfig(), Options{})
	h.press("/")
	h.typeText("k")
	if h.m.list.filter.Value() != "k" {
		t.Fatal("k was not typed into the filter")
	}
	h.press("backspace", "down")
	if h.m.list.cursor != 1 {
		t.Fatalf("down in the filter box: cursor %d", h.m.list.cursor)
	}
	h.press("up")
	if h.m.list.cursor != 0 {
		t.Fatalf("up in the filter box: cursor %d", h.m.list.cursor)
	}
}

func TestOpenWhilePrefetchInFlightUsesIt(t *testing.T) {
	f := standardFetcher()
	h := newHarness(t, f, testConfig(), Options{})
	h.ticks = nil
	h.selectID(webID)
	h.press("down", "up")
	// Start the prefetch but hold its answer.
	tick, _ := h.lastTick(prefetchTickMsg{})
	_, prefetch := h.m.Update(tick)
	if prefetch == nil {
		t.Fatal("no prefetch started")
	}
	h.press("enter")
	if !h.m.viewer.loading || f.count("ConsoleOutput") != 0 {
		t.Fatalf("opening asked again while the prefetch was in flight: %v", f.Calls())
	}
	h.drain(prefetch)
	if !h.m.viewer.hasContent() || h.m.viewer.loading || f.count("ConsoleOutput") != 1 {
		t.Fatalf("prefetch answer not shown: loading=%v calls=%v", h.m.viewer.loading, f.Calls())
	}
	if h.m.busy() {
		t.Fatal("still busy")
	}
}

func TestOpenWhilePrefetchFailsShowsError(t *testing.T) {
	f := standardFetcher()
	f.consoleErr[webID] = &fetch.Error{Kind: fetch.KindNetwork, Message: "connection refused"}
	h := newHarness(t, f, testConfig(), Options{})
	h.ticks = nil
	h.selectID(webID)
	h.press("down", "up")
	tick, _ := h.lastTick(prefetchTickMsg{})
	_, prefetch := h.m.Update(tick)
	h.press("enter")
	h.drain(prefetch)
	if h.m.banner == nil || h.m.viewer.loading {
		t.Fatal("the failed prefetch the viewer waited for left no banner")
	}
	h.mustContain("network error")
}

func TestMouseWheelMovesListCursor(t *testing.T) {
	h := newHarness(t, standardFetcher(), testConfig(), Options{})
	h.send(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if h.m.list.cursor != 1 {
		t.Fatalf("cursor %d", h.m.list.cursor)
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

func TestCursorStaysOnTopWhilePagesArrive(t *testing.T) {
	f := standardFetcher()
	all := demoInstances()
	// Page one holds web-01 only; later pages bring instances that sort before it.
	f.pages["cn-hangzhou"] = [][]fetch.Instance{{all[0]}, all[1:]}
	h := newHarness(t, f, testConfig(), Options{})
	if h.m.list.cursor != 0 {
		t.Fatalf("cursor %d, want the first row", h.m.list.cursor)
	}
}

func TestRevalidateBehindCacheIsQuietWhenUnchanged(t *testing.T) {
	f := standardFetcher()
	h := newHarness(t, f, testConfig(), Options{})
	h.selectID(dbID)
	h.press("down", "up")
	h.fireTicks(prefetchTickMsg{})
	h.press("enter")
	if f.count("ConsoleOutput cn-hangzhou "+dbID) != 2 {
		t.Fatalf("calls %v", f.Calls())
	}
	if h.m.toast.text != "" {
		t.Fatalf("toast %q after an unchanged revalidation", h.m.toast.text)
	}
	h.press("r")
	if h.m.toast.text != "no new output" {
		t.Fatalf("toast %q after r", h.m.toast.text)
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
	h.press("f")
	h.fireTicks(followTickMsg{})
	if n != 2 || h.m.viewer.search.pending {
		t.Fatalf("calls %d, search pending %v", n, h.m.viewer.search.pending)
	}
	if got := len(h.m.viewer.search.matches); got != 2 || h.m.viewer.search.matches[0].Line != syncSearchLines+10 {
		t.Fatalf("search not re-run on the new log: %d matches %v", got, h.m.viewer.search.matches)
	}
}

func TestPasteIntoSearchAndFilter(t *testing.T) {
	h := openWeb(t, standardFetcher())
	h.press("/")
	h.send(tea.PasteMsg{Content: "Kernel panic"})
	if h.m.viewer.search.query != "Kernel panic" || len(h.m.viewer.search.matches) != 2 {
		t.Fatalf("paste: query %q, %d matches", h.m.viewer.search.query, len(h.m.viewer.search.matches))
	}
	h.press("esc", "esc", "/")
	h.send(tea.PasteMsg{Content: "db-"})
	if len(h.m.list.rows) != 1 {
		t.Fatalf("pasted filter: %d rows", len(h.m.list.rows))
	}
}

func TestInitialInstanceWithoutRegionOpensAfterPicking(t *testing.T) {
	cfg := testConfig()
	cfg.Region = ""
	h := newHarness(t, standardFetcher(), cfg, Options{InitialInstance: webID})
	if h.m.screen != screenRegions {
		t.Fatalf("screen %v", h.m.screen)
	}
	h.press("enter")
	if h.m.screen != screenConsole || h.m.viewer.inst.ID != webID || !h.m.viewer.hasContent() {
		t.Fatalf("screen %v instance %q", h.m.screen, h.m.viewer.inst.ID)
	}
	if h.m.viewer.inst.Name != "web-01" {
		t.Fatalf("details not filled in from the list: %+v", h.m.viewer.inst)
	}
	if got := h.m.View().WindowTitle; got != "bootlog · web-01" {
		t.Fatalf("window title %q", got)
	}
}
