package ui

import "testing"

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
