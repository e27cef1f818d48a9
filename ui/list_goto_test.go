package ui

import (
	"strings"
	"testing"

	"github.com/bootlog/bootlog/fetch"
)

// Go to instance: the prompt, Find across regions, one match, several, none.

func TestGotoOneMatchInAnotherRegionOpensIt(t *testing.T) {
	h := newHarness(t, standardFetcher(), testConfig(), Options{})
	h.press(":")
	if !h.m.list.jump.typing() {
		t.Fatal(": did not open the prompt")
	}
	h.mustContain("go to instance (name, IP or ID)")
	// Keys are text in the prompt: "s" does not sort, "R" does not open the regions.
	h.typeText("sh-api")
	if h.m.list.sortBy != sortByName || h.m.screen != screenList {
		t.Fatal("typing in the prompt triggered list keys")
	}
	h.press("enter")
	if h.m.region != "cn-shanghai" || h.m.screen != screenConsole || h.m.viewer.inst.ID != "i-uf6sh0000000000000001" {
		t.Fatalf("region %s screen %v instance %s", h.m.region, h.m.screen, h.m.viewer.inst.ID)
	}
	if h.f.count("StreamInstances cn-shanghai") != 1 {
		t.Fatalf("the new region was not listed: %v", h.f.Calls())
	}
	// The text went to Find only: not into the filter, not anywhere else.
	if h.m.list.filter.Value() != "" || h.f.count("Find sh-api") != 1 {
		t.Fatalf("filter %q, calls %v", h.m.list.filter.Value(), h.f.Calls())
	}
	h.press("esc")
	if h.m.screen != screenList || h.m.list.jump.active() {
		t.Fatalf("back from the console: screen %v, prompt %v", h.m.screen, h.m.list.jump.phase)
	}
}

func TestGotoByIPInTheSameRegion(t *testing.T) {
	h := newHarness(t, standardFetcher(), testConfig(), Options{})
	h.press(":")
	h.typeText("47.96.9.9")
	h.press("enter")
	if h.m.region != "cn-hangzhou" || h.m.viewer.inst.ID != dbID || h.f.count("StreamInstances cn-hangzhou") != 1 {
		t.Fatalf("region %s instance %s calls %v", h.m.region, h.m.viewer.inst.ID, h.f.Calls())
	}
}

// twoMatches answers Find with web-01 in two regions (names are not unique across regions).
func twoMatches(f *fakeFetcher) {
	f.find = func(q fetch.FindQuery) (fetch.FindResult, error) {
		a := inst(webID, "web-01", "Running")
		b := inst("i-uf6web0000000000000002", "web-01", "Stopped")
		b.RegionID, b.PrivateIPs, b.PublicIPs = "cn-shanghai", []string{"10.0.0.5"}, nil
		return fetch.FindResult{Query: q, Candidates: []fetch.Instance{a, b},
			Searched: []string{"cn-hangzhou", "cn-shanghai"},
			Failed: []fetch.RegionError{{Region: "ap-southeast-1", Err: &fetch.Error{Kind: fetch.KindPermissionDenied,
				Op: "DescribeInstances", Code: "Forbidden.RAM", Message: "not authorized"}}}}, nil
	}
}

func TestGotoSeveralMatchesShowsAPicker(t *testing.T) {
	f := standardFetcher()
	twoMatches(f)
	h := newHarness(t, f, testConfig(), Options{})
	h.press(":")
	h.typeText("web-01")
	h.press("enter")
	if h.m.screen != screenList || h.m.list.jump.phase != gotoResults {
		t.Fatalf("screen %v phase %v", h.m.screen, h.m.list.jump.phase)
	}
	h.mustContain("2 instances match name web-01", "not searched: ap-southeast-1",
		"i-uf6web0000000000000002", "cn-shanghai", "Stopped", "10.0.0.5", "172.16.0.10, 47.96.1.10")
	h.press("j", "enter")
	if h.m.region != "cn-shanghai" || h.m.viewer.inst.ID != "i-uf6web0000000000000002" {
		t.Fatalf("region %s instance %s", h.m.region, h.m.viewer.inst.ID)
	}
}

func TestGotoEscLeavesThePicker(t *testing.T) {
	f := standardFetcher()
	twoMatches(f)
	h := newHarness(t, f, testConfig(), Options{})
	h.press(":")
	h.typeText("web-01")
	h.press("enter", "esc")
	if h.m.list.jump.active() || h.m.screen != screenList {
		t.Fatal("esc did not leave the picker")
	}
	h.mustContain("db-01", "web-01")
}

func TestGotoNoMatchSaysWhereItLooked(t *testing.T) {
	f := standardFetcher()
	f.find = func(q fetch.FindQuery) (fetch.FindResult, error) {
		return fetch.FindResult{Query: q, Searched: []string{"cn-hangzhou", "cn-shanghai"},
			Failed: []fetch.RegionError{{Region: "ap-southeast-1", Err: &fetch.Error{Kind: fetch.KindNetwork,
				Op: "DescribeInstances", Message: "connection refused"}}}}, nil
	}
	h := newHarness(t, f, testConfig(), Options{})
	h.press(":")
	h.typeText("10.9.9.9")
	h.press("enter")
	h.mustContain("No instance with IP address 10.9.9.9 in 2 region(s)",
		"PrivateIpAddresses,", "EipAddresses", "cn-hangzhou, cn-shanghai",
		"could not be searched", "ap-southeast-1", "connection refused", "esc goes back")
	requireScreen(t, h)
	h.press("esc")
	if h.m.list.jump.active() {
		t.Fatal("esc did not close the answer")
	}
}

func TestGotoEmptyQueryIsAnsweredWithoutACall(t *testing.T) {
	h := newHarness(t, standardFetcher(), testConfig(), Options{})
	h.press(":", "enter")
	if h.f.count("Find") != 0 {
		t.Fatalf("calls %v", h.f.Calls())
	}
	h.mustContain("nothing to find")
}

func TestGotoEscInThePromptCancels(t *testing.T) {
	h := newHarness(t, standardFetcher(), testConfig(), Options{})
	h.press(":")
	h.typeText("web")
	h.press("esc")
	if h.m.list.jump.active() || h.f.count("Find") != 0 {
		t.Fatal("esc in the prompt did not cancel")
	}
}

func TestGotoLateAnswerIsDropped(t *testing.T) {
	h := newHarness(t, standardFetcher(), testConfig(), Options{})
	h.press(":")
	h.typeText("web-01")
	_, cmd := h.m.Update(keyMsg("enter"))
	h.press("esc")
	h.drain(cmd)
	if h.m.screen != screenList || h.m.list.jump.active() {
		t.Fatalf("an answer after esc opened something: screen %v", h.m.screen)
	}
}

func TestGoldenGotoPicker(t *testing.T) {
	f := standardFetcher()
	twoMatches(f)
	h := newHarness(t, f, testConfig(), Options{ProfileLabel: "default"})
	h.press(":")
	h.typeText("web-01")
	h.press("enter")
	requireScreen(t, h)
}

func TestGotoCandidatesAreSanitised(t *testing.T) {
	f := standardFetcher()
	f.find = func(q fetch.FindQuery) (fetch.FindResult, error) {
		a := inst(webID, "evil\x1b]52;c;aGk=\x07", "Running")
		b := inst(dbID, "db", "Running")
		return fetch.FindResult{Query: q, Candidates: []fetch.Instance{a, b}, Searched: []string{"cn-hangzhou"}}, nil
	}
	h := newHarness(t, f, testConfig(), Options{})
	h.press(":")
	h.typeText("x*")
	h.press("enter")
	if strings.Contains(h.m.View().Content, "\x1b]52") {
		t.Fatal("an OSC 52 from an instance name reached the screen")
	}
}
