package ui

import (
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/bootlog/bootlog/config"
	"github.com/bootlog/bootlog/fetch"
)

// evil carries every kind of escape a hostile server or file name could try: OSC 52 (write the
// clipboard), OSC 2 (window title), OSC 8 (a link whose visible text lies), APC (tmux takes it as
// the pane title), DCS, ESC c (reset the terminal), CR (redraw the line), C1 CSI both as U+009B and
// as the raw byte 0x9B, and U+202E (reverse the text after it).
const evil = "x\x1b]52;c;cHduZWQ=\x07\x1b]2;pwned\x07\x1b]8;;https://evil.example/\x07Click to fix\x1b]8;;\x07" +
	"\x1b_tmux\x1b\\\x1bPq#0;2;0;0;0\x1b\\\x1bc\rspoof\u009b31m\x9b31m\u202eevil"

// sgr matches the Select Graphic Rendition sequences bootlog's own styles emit: the only escapes
// allowed on screen.
var sgr = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

// requireSafe fails if the window content or title holds anything but text and SGR.
func requireSafe(t *testing.T, h *harness, where string) {
	t.Helper()
	v := h.m.View()
	for part, s := range map[string]string{"content": v.Content, "title": v.WindowTitle} {
		rest := sgr.ReplaceAllString(s, "")
		if !utf8.ValidString(rest) {
			t.Errorf("%s: %s holds invalid UTF-8 (a raw C1 byte?)", where, part)
		}
		for i, r := range rest {
			switch {
			case r == 0x1b, r == 0x07, r == '\r', r < 0x20 && r != '\n', r == 0x7f:
				t.Errorf("%s: %s holds control %U at byte %d: %q", where, part, r, i, around(rest, i))
			case r >= 0x80 && r <= 0x9f:
				t.Errorf("%s: %s holds C1 %U at byte %d", where, part, r, i)
			case r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
				t.Errorf("%s: %s holds bidi control %U at byte %d", where, part, r, i)
			}
		}
	}
	if strings.Contains(v.WindowTitle, "pwned") && !strings.Contains(v.WindowTitle, "x") {
		t.Errorf("%s: the title was replaced: %q", where, v.WindowTitle)
	}
}

func around(s string, i int) string {
	return s[max(i-20, 0):min(i+20, len(s))]
}

// evilError is an API error whose every string is evil.
func evilError(kind fetch.ErrorKind) *fetch.Error {
	return &fetch.Error{Kind: kind, Op: "Get" + evil, Code: "Code" + evil, Message: "message " + evil,
		Hint: "hint " + evil, RequestID: "req-" + evil, HTTPStatus: 400}
}

// evilFetcher lists instances and regions whose every string is evil.
func evilFetcher() *fakeFetcher {
	f := newFakeFetcher()
	in := fetch.Instance{
		ID: "i-evil" + evil, Name: "web" + evil, HostName: evil, Status: "Running", Type: "ecs." + evil,
		RegionID: "cn-hangzhou", Zone: "zone" + evil, OSType: "linux", OSName: "Ubuntu" + evil,
		PrivateIPs: []string{"10.0.0.1" + evil}, PublicIPs: []string{evil}, EIP: evil,
		StartTime: testNow.Add(-time.Hour),
	}
	odd := in
	odd.ID, odd.Name, odd.Status = "i-odd"+evil, "odd"+evil, "Stop"+evil
	f.pages["cn-hangzhou"] = [][]fetch.Instance{{in, odd}}
	f.regions = []fetch.Region{
		{ID: "cn-hangzhou", LocalName: "华东1" + evil, Status: "available"},
		{ID: "cn-" + evil, LocalName: "\rcn-hangzhou" + evil, Status: "sold" + evil},
	}
	return f
}

func colourConfig() config.Config {
	cfg := testConfig()
	cfg.Settings.NoColor = false
	return cfg
}

func TestServerStringsReachTheScreenSanitised(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	f := evilFetcher()
	f.console = func(region, id string, n int) (fetch.ConsoleOutput, error) {
		if n == 1 {
			return fetch.ConsoleOutput{}, evilError(fetch.KindPermissionDenied)
		}
		return fetch.ConsoleOutput{InstanceID: id, Data: []byte("boot\n"), LastUpdateRaw: "2026" + evil}, nil
	}
	f.statuses = func(ids []string, n int) ([]fetch.InstanceStatus, error) {
		if n == 1 {
			return nil, evilError(fetch.KindThrottled)
		}
		return []fetch.InstanceStatus{{ID: ids[0], Status: "Stopping" + evil}}, nil
	}
	f.screenshot = func(id string, n int) (fetch.Screenshot, error) {
		return fetch.Screenshot{}, evilError(fetch.KindWrongState)
	}
	h := newHarness(t, f, colourConfig(), Options{ProfileLabel: "prof" + evil})
	requireSafe(t, h, "instance list")
	h.press("G")
	requireSafe(t, h, "second row selected")

	// The instance sorted first, "odd…", has a status ECS never sends.
	h.press("g", "enter")
	h.mustContain("permission denied (Codex", "hint x")
	requireSafe(t, h, "console error banner")

	h.press("r")
	h.mustContain("last update 2026x")
	requireSafe(t, h, "unparsed LastUpdateTime")

	h.press("S")
	requireSafe(t, h, "screenshot refused")
	h.press("B", "y")
	h.fireTicks(rebootTickMsg{})
	requireSafe(t, h, "reboot watch throttled toast")
	h.fireTicks(rebootTickMsg{})
	requireSafe(t, h, "reboot timeline")

	h.press("esc", "esc", "R")
	h.mustContain("▸ cn-hangzhou", "cn-x^[]52")
	requireSafe(t, h, "region picker")
}

func TestListAndRegionErrorsSanitised(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	f := evilFetcher()
	f.listErr["cn-hangzhou"] = evilError(fetch.KindServerFault)
	h := newHarness(t, f, colourConfig(), Options{})
	h.mustContain("server fault (Codex")
	requireSafe(t, h, "list error banner")

	f.regionsErr = evilError(fetch.KindAuthRejected)
	h.press("R")
	requireSafe(t, h, "regions error banner")

	f = evilFetcher()
	f.listErr["cn-hangzhou"] = evilError(fetch.KindCredentialsMissing)
	h = newHarness(t, f, colourConfig(), Options{})
	h.mustContain("No Alibaba Cloud credentials found")
	requireSafe(t, h, "first run")
}

func TestFileNameSanitised(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	h := newHarness(t, nil, colourConfig(), Options{File: &FileSource{Name: "boot" + evil + ".log", Data: []byte("boot\n")}})
	h.mustContain("bootlog  bootx")
	requireSafe(t, h, "file view")
	if got := h.m.View().WindowTitle; !strings.HasPrefix(got, "bootlog · boot") {
		t.Errorf("title %q", got)
	}
}

func TestInitialInstanceSanitised(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	f := evilFetcher()
	f.console = func(region, id string, n int) (fetch.ConsoleOutput, error) {
		return fetch.ConsoleOutput{}, evilError(fetch.KindNotFound)
	}
	h := newHarness(t, f, colourConfig(), Options{InitialInstance: "i-" + evil})
	requireSafe(t, h, "--instance")
}
