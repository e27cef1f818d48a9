package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// The region picker.

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

func TestRegionPickerAlone(t *testing.T) {
	var sent []tea.Msg
	r := newRegionPicker(componentEnv(standardFetcher(), &sent))
	r.setSize(60, 10)
	load := r.open("cn-shanghai")
	if !strings.Contains(r.View(60, 10), "loading regions") {
		t.Fatalf("no loading pane:\n%s", r.View(60, 10))
	}
	msg := load().(regionsLoadedMsg)
	if !r.current(msg.gen) || r.onRegionsLoaded(msg, "cn-shanghai") != nil {
		t.Fatal("answer not applied")
	}
	if row := cursorRow(t, r.View(60, 10), "▸"); !strings.Contains(row, "cn-shanghai") {
		t.Fatalf("cursor not on the current region: %q", row)
	}
	r.onKey(keyMsg("j"))
	if row := cursorRow(t, r.View(60, 10), "▸"); !strings.Contains(row, "ap-southeast-1") {
		t.Fatalf("j did not move down: %q", row)
	}
	r.onKey(keyMsg("enter"))
	if len(sent) != 1 || sent[0] != (switchRegionMsg{region: "ap-southeast-1"}) {
		t.Fatalf("requests %v", sent)
	}
}

func TestRegionPickerFiltersAsYouType(t *testing.T) {
	h := newHarness(t, standardFetcher(), testConfig(), Options{})
	h.press("R", "/")
	// j and k are text in the box, not moves.
	h.typeText("shang")
	if got := len(h.m.regions.rows); got != 1 {
		t.Fatalf("%d regions match \"shang\"", got)
	}
	h.mustNotContain("ap-southeast-1")
	h.press("enter")
	h.mustContain("filter \"shang\": 1 of 3 regions")
	h.press("enter")
	if h.m.region != "cn-shanghai" {
		t.Fatalf("region %s", h.m.region)
	}
	// The local name matches too; esc clears the filter before it goes back.
	h.press("R", "/")
	h.typeText("新加坡")
	h.press("enter", "esc")
	if h.m.screen != screenRegions || h.m.regions.filter.Value() != "" || len(h.m.regions.rows) != 3 {
		t.Fatalf("esc with a filter: screen %v filter %q", h.m.screen, h.m.regions.filter.Value())
	}
	h.press("esc")
	if h.m.screen != screenList {
		t.Fatal("the second esc did not go back")
	}
}

func TestRegionPickerCursorStaysOnScreenWhenShrinking(t *testing.T) {
	h := newHarness(t, standardFetcher(), testConfig(), Options{})
	h.press("R", "G")
	h.send(tea.WindowSizeMsg{Width: 60, Height: 10})
	if !strings.Contains(cursorRow(t, h.screen(), "▸"), "ap-southeast-1") {
		t.Fatalf("cursor off screen:\n%s", h.screen())
	}
}
