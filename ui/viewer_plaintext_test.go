package ui

import (
	"strings"
	"testing"
)

// TestPlainTextKeyDropsColoursOnly turns the console's colours off and on with C: the text, the
// line count and the position stay; only the SGR sequences go.
func TestPlainTextKeyDropsColoursOnly(t *testing.T) {
	f := standardFetcher()
	var log strings.Builder
	for range 60 {
		log.WriteString("[\x1b[32m  OK  \x1b[0m] Started sshd.\n")
	}
	f.consoles[webID] = consoleFor(webID, []byte(log.String()), testNow)
	cfg := testConfig()
	cfg.Settings.NoColor = false
	h := newHarness(t, f, cfg, Options{})
	h.selectID(webID)
	h.press("enter")
	colored := h.m.View().Content
	if !strings.Contains(colored, "\x1b[32m") {
		t.Fatalf("expected the log's green in the viewer:\n%q", colored)
	}
	total, bottom := h.m.viewer.lv.TotalLineCount(), h.m.viewer.lv.AtBottom()
	h.press("C")
	plain := h.m.View().Content
	if strings.Contains(plain, "\x1b[32m") || !strings.Contains(plain, "Started sshd.") {
		t.Fatalf("C: colour still there or text lost:\n%q", plain)
	}
	if h.m.viewer.lv.TotalLineCount() != total || h.m.viewer.lv.AtBottom() != bottom {
		t.Fatal("C moved the view or changed the content")
	}
	h.press("C")
	if !strings.Contains(h.m.View().Content, "\x1b[32m") {
		t.Fatal("second C did not bring the colours back")
	}
}
