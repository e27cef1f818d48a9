package ui

import (
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/bootlog/bootlog/config"
	"github.com/bootlog/bootlog/fetch"
)

// Golden screens at 100x30 with the no-colour styles, a fixed clock and UTC. The files hold the
// text a person sees (styling stripped); regenerate with `go test ./ui -update` and read the diff.

func requireScreen(t *testing.T, h *harness) {
	t.Helper()
	golden.RequireEqual(t, []byte(ansi.Strip(h.m.View().Content)))
}

func TestGoldenList(t *testing.T) {
	h := newHarness(t, standardFetcher(), testConfig(), Options{ProfileLabel: "default"})
	h.selectID(webID)
	requireScreen(t, h)
}

func TestGoldenListFiltered(t *testing.T) {
	h := newHarness(t, standardFetcher(), testConfig(), Options{ProfileLabel: "default"})
	h.press("/")
	h.typeText("172.16.0.")
	h.press("enter", "s")
	requireScreen(t, h)
}

func TestGoldenRegions(t *testing.T) {
	cfg := testConfig()
	cfg.Region = ""
	h := newHarness(t, standardFetcher(), cfg, Options{ProfileLabel: "default"})
	requireScreen(t, h)
}

func TestGoldenViewerEnd(t *testing.T) {
	h := openWeb(t, standardFetcher())
	requireScreen(t, h)
}

func TestGoldenViewerPreviousBoot(t *testing.T) {
	f := standardFetcher()
	h := newHarness(t, f, testConfig(), Options{})
	h.selectID(dbID)
	h.press("enter")
	requireScreen(t, h)
}

func TestGoldenSearch(t *testing.T) {
	h := openWeb(t, standardFetcher())
	h.press("/")
	h.typeText("unit 5")
	h.press("enter", "n")
	requireScreen(t, h)
}

func TestGoldenSearchTyping(t *testing.T) {
	h := openWeb(t, standardFetcher())
	h.press("/")
	h.typeText("panic(")
	requireScreen(t, h)
}

func TestGoldenOnlyMatching(t *testing.T) {
	h := openWeb(t, standardFetcher())
	h.press("/")
	h.typeText("unit 1[05]")
	h.press("enter", "&")
	requireScreen(t, h)
}

func TestGoldenErrorBanner(t *testing.T) {
	f := standardFetcher()
	f.consoleErr[webID] = &fetch.Error{Kind: fetch.KindPermissionDenied, Op: "GetInstanceConsoleOutput",
		Code: "Forbidden.RAM", Message: "User not authorized to operate on the specified resource,\nor this API does not support RAM.",
		RequestID: "6A3B2C1D-0000-4E5F-8A9B-0C1D2E3F4A5B", Hint: "grant ecs:GetInstanceConsoleOutput to this RAM user"}
	h := openWeb(t, f)
	requireScreen(t, h)
}

func TestGoldenRefreshFailedBanner(t *testing.T) {
	f := standardFetcher()
	h := openWeb(t, f)
	f.consoleErr[webID] = &fetch.Error{Kind: fetch.KindTimeout, Op: "GetInstanceConsoleOutput", Message: "context deadline exceeded", Hint: "the network or the endpoint is slow; r retries"}
	h.press("r")
	h.toastClear()
	requireScreen(t, h)
}

func TestGoldenEmptyOutput(t *testing.T) {
	f := standardFetcher()
	f.consoles[webID] = consoleFor(webID, nil, testNow.Add(-30*time.Second))
	h := openWeb(t, f)
	requireScreen(t, h)
}

func TestGoldenUnavailable(t *testing.T) {
	h := newHarness(t, standardFetcher(), testConfig(), Options{})
	h.selectID(winID)
	h.press("enter")
	requireScreen(t, h)
}

func TestGoldenFirstRun(t *testing.T) {
	f := standardFetcher()
	f.listErr["cn-hangzhou"] = &fetch.Error{Kind: fetch.KindCredentialsMissing, Op: "DescribeInstances",
		Message: "no credentials: ALIBABA_CLOUD_ACCESS_KEY_ID unset, profile \"default\" not in ~/.aliyun/config.json, no ECS RAM role",
		Hint:    "run `aliyun configure` or set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET"}
	h := newHarness(t, f, testConfig(), Options{ProfileLabel: "default"})
	requireScreen(t, h)
}

func TestGoldenHelp(t *testing.T) {
	h := openWeb(t, standardFetcher())
	h.press("?")
	requireScreen(t, h)
}

func TestGoldenFollow(t *testing.T) {
	h := openWeb(t, standardFetcher())
	h.press("F")
	h.fireTicks(followTickMsg{})
	h.toastClear()
	requireScreen(t, h)
}

// TestGoldenFirstRunSources is the first-run screen when config inspected the credential sources:
// each one, in the SDK's order, with why it did not supply credentials.
func TestGoldenFirstRunSources(t *testing.T) {
	f := standardFetcher()
	f.listErr["cn-hangzhou"] = &fetch.Error{Kind: fetch.KindCredentialsMissing, Op: "DescribeInstances",
		Message: "unable to get credentials from any of the providers in the chain"}
	cfg := testConfig()
	cfg.CredentialChecks = []config.CredentialCheck{
		{Source: "environment variables (ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET)", Detail: "not set"},
		{Source: "aliyun CLI profile (~/.aliyun/config.json)", Detail: "file not found"},
		{Source: "credentials file ~/.alibabacloud/credentials [default]", Detail: "not found"},
	}
	h := newHarness(t, f, cfg, Options{})
	requireScreen(t, h)
}
