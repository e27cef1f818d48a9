package ui

import (
	"image/color"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// What the root owns: help, size, quit, idle, colours.

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
