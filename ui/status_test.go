package ui

import (
	"errors"
	"strings"
	"testing"

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
