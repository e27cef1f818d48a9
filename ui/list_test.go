package ui

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/charmbracelet/x/ansi"

	"github.com/bootlog/bootlog/config"
	"github.com/bootlog/bootlog/fetch"
)

// The instance list: paging, filter, sort, reload and the cursor.

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
	// Problem states first: Stopped, then Pending; Running last.
	h.press("s")
	if got := strings.Join(names(), ","); got != "db-01,new-node,web-01,win-ad" {
		t.Fatalf("by status: %s", got)
	}
	h.press("S")
	// Ties (web-01 and win-ad are both Running) keep the name order.
	if got := strings.Join(names(), ","); got != "web-01,win-ad,new-node,db-01" {
		t.Fatalf("by status reversed: %s", got)
	}
	h.mustContain("sorted by status (reversed)")
	h.press("S", "s", "s", "s")
	if h.m.list.sortBy != sortByName {
		t.Fatalf("s cycles name, status, health, start time: at %v after four", h.m.list.sortBy)
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

func TestMouseWheelMovesListCursor(t *testing.T) {
	h := newHarness(t, standardFetcher(), testConfig(), Options{})
	h.send(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if h.m.list.cursor != 1 {
		t.Fatalf("cursor %d", h.m.list.cursor)
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

func TestInstanceListAlone(t *testing.T) {
	var sent []tea.Msg
	l := newInstanceList(componentEnv(standardFetcher(), &sent))
	l.setSize(100, 10)
	// Run the listing: each page's command delivers the next page or the end.
	for msg := l.load("cn-hangzhou")(); msg != nil; {
		switch m := msg.(type) {
		case instancesPageMsg:
			msg = l.onInstancesPage(m)()
		case instancesDoneMsg:
			if err := l.onInstancesDone(m); err != nil {
				t.Fatal(err)
			}
			msg = nil
		}
	}
	view := ansi.Strip(l.View(100, 10))
	for _, name := range []string{"web-01", "db-01", "win-ad", "new-node"} {
		if !strings.Contains(view, name) {
			t.Fatalf("%s not listed:\n%s", name, view)
		}
	}
	l.onKey(keyMsg("/"))
	for _, r := range "db" {
		l.onFilterKey(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	l.onFilterKey(keyMsg("enter"))
	view = ansi.Strip(l.View(100, 10))
	if strings.Contains(view, "web-01") || !strings.Contains(view, "db-01") {
		t.Fatalf("filter \"db\" shows:\n%s", view)
	}
	l.onKey(keyMsg("enter"))
	if len(sent) != 1 {
		t.Fatalf("requests %v", sent)
	}
	if open, ok := sent[0].(openInstanceMsg); !ok || open.inst.ID != dbID {
		t.Fatalf("request %#v", sent[0])
	}
}

// bigFleet is n instances named node-0000… in pages of 100, as DescribeInstances pages them.
func bigFleet(n int) *fakeFetcher {
	f := standardFetcher()
	var pages [][]fetch.Instance
	for i := 0; i < n; i += 100 {
		var p []fetch.Instance
		for j := i; j < min(i+100, n); j++ {
			p = append(p, inst(fmt.Sprintf("i-bp1node%013d", j), fmt.Sprintf("node-%04d", j), "Running"))
		}
		pages = append(pages, p)
	}
	f.pages["cn-hangzhou"] = pages
	return f
}

func TestReloadKeepsASelectionBeyondTheFirstPage(t *testing.T) {
	h := newHarness(t, bigFleet(2000), testConfig(), Options{})
	h.selectID("i-bp1node0000000000150")
	h.press("ctrl+r")
	if in, _ := h.m.list.selected(); in.Name != "node-0150" {
		t.Fatalf("after ctrl+r the cursor is on %s, want node-0150", in.Name)
	}
	if !strings.Contains(cursorRow(t, h.screen(), "▸"), "node-0150") {
		t.Fatal("node-0150 is not the row on screen with the cursor")
	}
}

func TestMovingDuringAReloadWins(t *testing.T) {
	f := bigFleet(300)
	h := newHarness(t, f, testConfig(), Options{})
	h.selectID("i-bp1node0000000000250")
	// The reload's first page arrives; the operator moves before the rest does.
	_, cmd := h.m.Update(keyMsg("ctrl+r"))
	// tea.Batch of one command is that command; of several, a BatchMsg.
	var page instancesPageMsg
	switch msg := cmd().(type) {
	case instancesPageMsg:
		page = msg
	case tea.BatchMsg:
		for _, c := range msg {
			if c == nil {
				continue
			}
			if p, ok := exec(c).(instancesPageMsg); ok {
				page = p
			}
		}
	}
	if page.next == nil {
		t.Fatal("ctrl+r delivered no page")
	}
	_, next := h.m.Update(page)
	h.press("g")
	h.drain(next)
	if in, _ := h.m.list.selected(); in.Name != "node-0000" {
		t.Fatalf("cursor on %s: the reload pulled it back after the operator moved", in.Name)
	}
}

func TestShrinkingKeepsTheCursorOnScreen(t *testing.T) {
	h := newHarness(t, bigFleet(2000), testConfig(), Options{})
	h.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	h.press("G")
	h.send(tea.WindowSizeMsg{Width: 60, Height: 15})
	if !strings.Contains(cursorRow(t, h.screen(), "▸"), "node-1999") {
		t.Fatalf("the cursor row is not node-1999:\n%s", h.screen())
	}
	h.press("enter")
	if h.m.viewer.inst.Name != "node-1999" {
		t.Fatalf("enter opened %s", h.m.viewer.inst.Name)
	}
}

func TestFilterMatchesStatusZoneTypeAndOS(t *testing.T) {
	f := standardFetcher()
	all := demoInstances()
	all[0].Zone, all[0].Type = "cn-hangzhou-k", "ecs.c7.xlarge"
	f.pages["cn-hangzhou"] = [][]fetch.Instance{all}
	h := newHarness(t, f, testConfig(), Options{})
	for q, want := range map[string]string{
		"/stopped": "db-01", "/hangzhou-k": "web-01", "/c7.x": "web-01", "/windows": "win-ad", "/pend": "new-node",
	} {
		h.press("/")
		h.typeText(q[1:])
		h.press("enter")
		if got := rowNames(h); got != want {
			t.Errorf("%s finds %q, want %q", q, got, want)
		}
		h.press("esc")
	}
}

func TestColumnsStayPutWhateverTheFilter(t *testing.T) {
	h := newHarness(t, standardFetcher(), testConfig(), Options{})
	header := func() string { return strings.Split(h.screen(), "\n")[1] }
	before := header()
	// db-01 alone has the widest PUBLIC IP ("47.96.9.9 (EIP)") and win-ad the widest OS.
	h.press("/")
	h.typeText("new-node")
	h.press("enter")
	if after := header(); after != before {
		t.Fatalf("the columns moved with the filter:\n%s\n%s", before, after)
	}
}

func TestUnavailableMarkHasALegend(t *testing.T) {
	h := newHarness(t, standardFetcher(), testConfig(), Options{})
	h.mustContain("⊘ no serial console")
	h.press("/")
	h.typeText("web-01")
	h.press("enter")
	// No ⊘ row on screen, no legend.
	h.mustNotContain("⊘")
}

func TestListingIsCachedForCompletion(t *testing.T) {
	for _, demo := range []bool{false, true} {
		path := filepath.Join(t.TempDir(), "instances.json")
		newHarness(t, standardFetcher(), testConfig(), Options{InstanceCachePath: path, Demo: demo})
		got, err := config.LoadInstanceCache(path)
		if err != nil {
			t.Fatal(err)
		}
		profile := "default"
		if demo {
			profile = config.DemoCacheProfile
		}
		if len(got) != 4 || got[0].Profile != profile || got[0].Region != "cn-hangzhou" {
			t.Fatalf("demo=%v: cache %+v", demo, got)
		}
	}
}

func TestACompletionCacheFailureIsANote(t *testing.T) {
	// A directory where the file should be: the write fails, the list is still there.
	path := t.TempDir()
	h := newHarness(t, standardFetcher(), testConfig(), Options{InstanceCachePath: path})
	if !strings.Contains(h.m.toast.text, "completion cache not written") || h.m.banner != nil {
		t.Fatalf("toast %q banner %v", h.m.toast.text, h.m.banner)
	}
	h.mustContain("web-01")
}
