package ui

import (
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/bootlog/bootlog/fetch"
)

// The banner, the first-run screen and toasts.

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

func TestFitBannerKeepsRequestID(t *testing.T) {
	err := &fetch.Error{Kind: fetch.KindPermissionDenied, Code: "Forbidden.RAM", Message: strings.Repeat("long message ", 20),
		Hint: "grant ecs:GetInstanceConsoleOutput", RequestID: "REQ-1"}
	for _, w := range []int{60, 80, 100, 200} {
		got := fitBanner("✗ ", err, "r retry", w)
		lines := strings.Split(got, "\n")
		// Wrapped, never cut: every word of the message, the hint and the tail is there.
		flat := strings.Join(strings.Fields(got), " ")
		if !strings.Contains(flat, strings.TrimSpace(strings.Repeat("long message ", 20))) {
			t.Fatalf("width %d cut the message: %q", w, got)
		}
		if !strings.Contains(flat, err.Hint) {
			t.Fatalf("width %d cut the hint: %q", w, got)
		}
		for _, l := range lines {
			if ansi.StringWidth(l) > w {
				t.Fatalf("width %d: %d cells: %q", w, ansi.StringWidth(l), l)
			}
		}
		for _, want := range []string{"RequestId REQ-1", "permission denied (Forbidden.RAM)", "grant ecs:", "r retry", "long message"} {
			if !strings.Contains(flat, want) {
				t.Fatalf("width %d lost %q: %q", w, want, got)
			}
		}
	}
	short := &fetch.Error{Kind: fetch.KindNetwork, Message: "dial tcp: connection refused"}
	if got := fitBanner("✗ ", short, "r retry", 100); got != "✗ network error · dial tcp: connection refused · r retry" {
		t.Fatalf("got %q", got)
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

// TestMalformedBannerAsksForNoMissingRequestID: a gateway's HTML 502 has no RequestId, so the
// banner must not ask the operator to quote one (issue 12, item 12).
func TestMalformedBannerAsksForNoMissingRequestID(t *testing.T) {
	err := &fetch.Error{Kind: fetch.KindServerFault, Message: "HTTP 502: the body is not JSON",
		Hint: "ECS failed internally: retry later; quote the RequestId to Alibaba Cloud support if it persists", HTTPStatus: 502}
	for _, w := range []int{60, 120, 250} {
		got := fitBanner("✗ ", err, "r retry", w)
		if strings.Contains(got, "quote the RequestId") || !strings.Contains(strings.Join(strings.Fields(got), " "), "carried no RequestId") {
			t.Fatalf("width %d: %q", w, got)
		}
	}
	// With a RequestId the hint stays as ECS's classification wrote it.
	err.RequestID = "REQ-9"
	if got := fitBanner("✗ ", err, "r retry", 250); !strings.Contains(got, "quote the RequestId") || !strings.Contains(got, "RequestId REQ-9") {
		t.Fatalf("with a RequestId: %q", got)
	}
}

// TestBannersWrapAtAnyWidth: the end of a long banner (what to do) is on screen at 60 and 120
// columns (issue 12, item 6).
func TestBannersWrapAtAnyWidth(t *testing.T) {
	for _, w := range []int{60, 120} {
		f := standardFetcher()
		f.consoleErr[webID] = &fetch.Error{Kind: fetch.KindAuthRejected, Code: "SignatureDoesNotMatch",
			Message: "Specified signature is not matched with our calculation.",
			Hint:    "the AccessKey secret is wrong for this AccessKey ID: check the key pair in the profile", RequestID: "REQ-W"}
		h := newHarness(t, f, testConfig(), Options{})
		h.send(tea.WindowSizeMsg{Width: w, Height: 30})
		h.selectID(webID)
		h.press("enter")
		flat := strings.Join(strings.Fields(h.screen()), " ")
		for _, want := range []string{"check the key pair in the profile", "RequestId REQ-W", "r retry"} {
			if !strings.Contains(flat, want) {
				t.Fatalf("width %d lost %q:\n%s", w, want, h.screen())
			}
		}
		for _, l := range strings.Split(h.screen(), "\n") {
			if ansi.StringWidth(l) > w {
				t.Fatalf("width %d: a line of %d cells", w, ansi.StringWidth(l))
			}
		}
	}
}

// TestLongToastWraps: a toast wider than the window (a saved path) is shown whole.
func TestLongToastWraps(t *testing.T) {
	h := openWeb(t, standardFetcher())
	h.send(tea.WindowSizeMsg{Width: 60, Height: 15})
	path := "/home/operator/incidents/2026-11-30/" + strings.Repeat("deep/", 8) + "bootlog-web-01.log"
	h.m.showToast("saved "+path, toastInfo)
	if !strings.Contains(strings.ReplaceAll(strings.ReplaceAll(h.screen(), "\n", ""), " ", ""), "saved"+path) {
		t.Fatalf("the path is not whole on screen:\n%s", h.screen())
	}
}

// TestHelpAt60x15ShowsEveryColumnAndScrolls: the full help at 60×15 lays every column out (in
// bands) and scrolls to its last line (issue 12, item 7).
func TestHelpAt60x15ShowsEveryColumnAndScrolls(t *testing.T) {
	h := openWeb(t, standardFetcher())
	h.send(tea.WindowSizeMsg{Width: 60, Height: 15})
	h.press("?")
	var seen strings.Builder
	seen.WriteString(h.screen())
	for range 40 {
		h.press("down")
		seen.WriteString(h.screen())
	}
	// One binding of every column: moving, search and findings, view and ECS, hand-off, program.
	// Keys are padded to their column's widest key, so spaces are collapsed before looking.
	flat := strings.Join(strings.Fields(seen.String()), " ")
	for _, want := range []string{"↓/j", "/ search", "] finding", "w wrap", "B reboot", "V console link", "ctrl+s save", "q quit"} {
		if !strings.Contains(flat, want) {
			t.Errorf("help at 60×15 never shows %q", want)
		}
	}
	if !strings.Contains(h.screen(), "of ") || h.m.helpTop == 0 {
		t.Fatalf("help did not scroll (top %d):\n%s", h.m.helpTop, h.screen())
	}
	for _, l := range strings.Split(h.screen(), "\n") {
		if ansi.StringWidth(l) > 60 {
			t.Fatalf("a help line of %d cells", ansi.StringWidth(l))
		}
	}
	h.press("G")
	bottom := h.m.helpTop
	h.press("down")
	if h.m.helpTop != bottom {
		t.Fatal("scrolled past the end")
	}
	h.press("esc")
	if h.m.showHelp || h.m.helpTop != 0 {
		t.Fatal("esc did not close the help")
	}
}

// TestStatusAndKeysWrapAt60Columns: at 60 columns the status bar and the key line wrap between
// their parts instead of ending in "…" (issue 12, item 6: a search that found nothing said
// "no matches for /F…" and the key line lost "esc back"/"q quit").
func TestStatusAndKeysWrapAt60Columns(t *testing.T) {
	h := openWeb(t, standardFetcher())
	h.send(tea.WindowSizeMsg{Width: 60, Height: 15})
	h.press("/")
	h.typeText("Falling")
	h.press("enter")
	flat := strings.Join(strings.Fields(h.screen()), " ")
	for _, want := range []string{"no matches for /Falling/", "q quit"} {
		if !strings.Contains(flat, want) {
			t.Errorf("screen lacks %q:\n%s", want, h.screen())
		}
	}
	lines := strings.Split(h.screen(), "\n")
	for i, l := range lines {
		if ansi.StringWidth(l) > 60 {
			t.Fatalf("a line of %d cells at 60 columns: %q", ansi.StringWidth(l), l)
		}
		if i >= len(lines)-3 && strings.HasSuffix(ansi.Strip(l), "…") {
			t.Errorf("a footer line cut with …: %q", l)
		}
	}
}
