package ui

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/bootlog/bootlog/fetch"
)

// vncCopy presses V and applies its answer by hand, returning what the answer's command sent.
func vncCopy(t *testing.T, h *harness) []tea.Msg {
	t.Helper()
	msg := exec(pressCmd(h, "V"))
	if _, ok := msg.(vncLoadedMsg); !ok {
		t.Fatalf("V gave %T, want vncLoadedMsg", msg)
	}
	_, cmd := h.m.Update(msg)
	return collectMsgs(cmd)
}

func TestVncLinkShownCopiedAndExpires(t *testing.T) {
	h := openWeb(t, standardFetcher())
	if !h.m.keys.VncLink.Enabled() {
		t.Fatal("V is not offered for a Running Linux instance")
	}
	msgs := vncCopy(t, h)
	var copied string
	for _, m := range msgs {
		if fmt.Sprintf("%T", m) == "tea.setClipboardMsg" {
			copied = fmt.Sprint(m)
		}
	}
	u, err := url.Parse(copied)
	if err != nil || u.Host != "g.alicdn.com" {
		t.Fatalf("copied %q", copied)
	}
	q := u.Query()
	if q.Get("vncUrl") != "wss://cn-hangzhou.vnc.ecs.aliyuncs.com/webviewer/connect?vncProxyToken=abc123" ||
		q.Get("instanceId") != webID || q.Get("isWindows") != "false" {
		t.Fatalf("query %v", q)
	}
	// The whole URL is on screen, wrapped, with the one-time warning.
	flat := strings.ReplaceAll(strings.ReplaceAll(h.screen(), "\n", ""), " ", "")
	if !strings.Contains(flat, strings.ReplaceAll(copied, " ", "")) {
		t.Fatalf("the URL is not whole on screen:\n%s", h.screen())
	}
	h.mustContain("Interactive console of web-01", "Valid once, within 15 seconds of 14:09:22")
	if !strings.Contains(h.m.toast.text, "sent the console link to the clipboard (OSC 52)") {
		t.Fatalf("toast %q", h.m.toast.text)
	}
	if got := strings.Join(h.m.viewer.requestIDs, " "); !strings.Contains(got, "VNC-REQ-1") {
		t.Fatalf("RequestIds %q", got)
	}
	// After 15 s the pane says the link is used up.
	tick, ok := h.lastTick(vncExpiredMsg{})
	if !ok || tick.(vncExpiredMsg).seq != h.m.viewer.vnc.seq {
		// The harness applied the answer by hand: the tick is in the command, not recorded.
		tick = vncExpiredMsg{seq: h.m.viewer.vnc.seq, instanceID: webID}
	}
	h.send(tick)
	h.mustContain("This link has expired", "press V for a new one")
	h.press("esc")
	if h.m.viewer.vnc.open {
		t.Fatal("esc did not close the pane")
	}
	h.mustContain("Starting unit")
}

func TestVncThroughTmuxSaysWhatTmuxNeeds(t *testing.T) {
	h := openWeb(t, standardFetcher())
	h.m.viewer.handoff.tmux = true
	msgs := vncCopy(t, h)
	wrapped := false
	for _, m := range msgs {
		if r, ok := m.(tea.RawMsg); ok && strings.HasPrefix(fmt.Sprint(r.Msg), "\x1bPtmux;\x1b\x1b]52;c;") {
			wrapped = true
		}
	}
	if !wrapped {
		t.Fatalf("no tmux-wrapped OSC 52 in %v", msgs)
	}
	if !strings.Contains(h.m.toast.text, "through tmux: needs set-clipboard on or allow-passthrough on") {
		t.Fatalf("toast %q", h.m.toast.text)
	}
}

func TestVncStoppedAndRefused(t *testing.T) {
	h := openDB(t, standardFetcher())
	h.press("V")
	if h.f.count("VncURL") != 0 || h.m.viewer.vnc.open {
		t.Fatal("V asked ECS for a Stopped instance")
	}
	if h.m.toast.text != "no console link: db-01 (i-bp1dbbbbbbbbbbbbbbb2) is Stopped; B starts it" {
		t.Fatalf("toast %q", h.m.toast.text)
	}

	f := standardFetcher()
	f.vnc = func(id string, n int) (fetch.VncConsole, error) {
		return fetch.VncConsole{}, &fetch.Error{Kind: fetch.KindWrongState, Op: "DescribeInstanceVncUrl", Code: "IncorrectInstanceStatus",
			Message: "The current status of the resource does not support this operation.", RequestID: "REQ-V",
			Hint: "the interactive console needs a Running instance: start it (B) and wait until it runs"}
	}
	h = openWeb(t, f)
	h.press("V")
	if h.m.viewer.vnc.open {
		t.Fatal("the pane stayed open after a refusal")
	}
	flat := strings.Join(strings.Fields(h.screen()), " ")
	for _, want := range []string{"✗ no console link: wrong instance state (IncorrectInstanceStatus)", "start it (B)", "RequestId REQ-V"} {
		if !strings.Contains(flat, want) {
			t.Fatalf("screen lacks %q:\n%s", want, h.screen())
		}
	}
}

func TestEmergencyPromptSuggestsConsole(t *testing.T) {
	f := standardFetcher()
	f.consoles[webID] = consoleFor(webID, []byte("[  OK  ] Reached target Local File Systems.\n"+
		"You are in emergency mode. After logging in, type \"journalctl -xb\" to view\n"+
		"system logs, \"systemctl reboot\" to reboot, \"systemctl default\" or \"exit\"\n"+
		"to boot into default mode.\nGive root password for maintenance\n(or press Control-D to continue): "), testNow.Add(-time.Minute))
	h := openWeb(t, f)
	h.mustContain("⚠ waiting at an emergency prompt: V opens the console")
	// A log that booted normally suggests nothing.
	h2 := openWeb(t, standardFetcher())
	h2.mustNotContain("emergency prompt")
}

func TestWindowsOffersScreenshotAndConsole(t *testing.T) {
	f := screenshotFetcher(t)
	h := newHarness(t, f, testConfig(), Options{})
	h.selectID(winID)
	h.press("enter")
	h.mustContain("Console output unavailable", "S screenshot · V console link · esc back")
	if !h.m.keys.Screenshot.Enabled() || !h.m.keys.VncLink.Enabled() {
		t.Fatal("S and V are not offered for a Windows instance")
	}
	h.press("S")
	if h.f.count("Screenshot cn-hangzhou "+winID) != 1 || !h.m.viewer.shot.open {
		t.Fatalf("S on Windows: calls %v", h.f.Calls())
	}
	h.mustContain("Screenshot of win-ad")
	h.press("esc", "V")
	if h.f.count("VncURL cn-hangzhou "+winID) != 1 {
		t.Fatalf("V on Windows: calls %v", h.f.Calls())
	}
	if !strings.Contains(h.m.viewer.vnc.url, "isWindows=true") {
		t.Fatalf("Windows console URL %q", h.m.viewer.vnc.url)
	}
}

func TestEmptyOutputOffersScreenshotAndReboot(t *testing.T) {
	f := standardFetcher()
	f.consoles[webID] = consoleFor(webID, nil, testNow.Add(-time.Minute))
	h := openWeb(t, f)
	h.mustContain("S screenshot · B reboot · esc back")
}

// TestVncPaneAt60x15: in a 60×15 window the link, its warning and the keys are all on screen.
func TestVncPaneAt60x15(t *testing.T) {
	h := openWeb(t, standardFetcher())
	h.send(tea.WindowSizeMsg{Width: 60, Height: 15})
	h.press("V")
	flat := strings.ReplaceAll(strings.ReplaceAll(h.screen(), "\n", ""), " ", "")
	if !strings.Contains(flat, strings.ReplaceAll(h.m.viewer.vnc.url, " ", "")) {
		t.Fatalf("the URL is not whole on screen:\n%s", h.screen())
	}
	words := strings.Join(strings.Fields(h.screen()), " ")
	for _, want := range []string{"Valid once, within 15 seconds", "V new link · esc close"} {
		if !strings.Contains(words, want) {
			t.Fatalf("60×15 pane lacks %q:\n%s", want, h.screen())
		}
	}
	requireScreen(t, h)
}
