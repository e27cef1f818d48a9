package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/bootlog/bootlog/fetch"
)

const newStartLog = "[    0.000000] Linux version 5.10 (fresh start)\ndb-01 login: \n"

// startingFetcher starts db-01 (Stopped): Starting, then Running with a new log.
func startingFetcher() *fakeFetcher {
	f := standardFetcher()
	seq := []string{"Starting", "Running"}
	f.statuses = func(ids []string, n int) ([]fetch.InstanceStatus, error) {
		return []fetch.InstanceStatus{{ID: ids[0], Status: seq[min(n, len(seq))-1]}}, nil
	}
	old := f.consoles[dbID]
	f.console = func(region, id string, n int) (fetch.ConsoleOutput, error) {
		if id == dbID && f.count("InstanceStatuses") >= 2 {
			return consoleFor(dbID, []byte(newStartLog), testNow.Add(time.Minute)), nil
		}
		if id == dbID {
			return old, nil
		}
		return f.consoles[id], nil
	}
	return f
}

func openDB(t *testing.T, f *fakeFetcher) *harness {
	t.Helper()
	h := newHarness(t, f, testConfig(), Options{})
	h.selectID(dbID)
	h.press("enter")
	return h
}

func TestStoppedInstanceOffersStart(t *testing.T) {
	h := openDB(t, startingFetcher())
	if d := h.m.keys.Reboot.Help().Desc; d != "start" {
		t.Fatalf("B says %q on a Stopped instance", d)
	}
	h.press("?")
	h.mustContain("B start")
	h.press("esc", "B")
	h.mustContain("Start db-01 (i-bp1dbbbbbbbbbbbbbbb2)?", "StartInstance boots the stopped instance", "n / esc")
	h.mustNotContain("force", "ECS reboots only Running")
	// No force start: F does nothing, and the dialog stays.
	h.press("F")
	if !h.m.viewer.reboot.confirming || h.f.count("Start") != 0 || h.f.count("Reboot") != 0 {
		t.Fatal("F acted in the start dialog")
	}
	h.press("y")
	if h.f.count("Start cn-hangzhou "+dbID) != 1 || h.f.count("Reboot") != 0 {
		t.Fatalf("calls %v", h.f.Calls())
	}
	if h.m.toast.text != "start requested: watching db-01 (i-bp1dbbbbbbbbbbbbbbb2)" {
		t.Fatalf("toast %q", h.m.toast.text)
	}
	h.fireTicks(rebootTickMsg{})
	h.mustContain("start: Stopped → Starting · waiting for the new boot log")
	h.fireTicks(rebootTickMsg{})
	if h.m.viewer.reboot.active {
		t.Fatalf("still watching; timeline %v", h.m.viewer.reboot.timeline)
	}
	h.mustContain("start: Stopped → Starting → Running · new boot log at", "fresh start")
	h.mustNotContain("db boot")
	if !h.m.viewer.lv.AtBottom() {
		t.Fatal("the new boot log is not shown at its end")
	}
	if got := h.m.viewer.requestIDs; len(got) == 0 || !strings.Contains(strings.Join(got, " "), "START-REQ-1") {
		t.Fatalf("StartInstance's RequestId not kept: %v", got)
	}
	// Running now: B reboots again.
	if d := h.m.keys.Reboot.Help().Desc; d != "reboot" {
		t.Fatalf("B says %q on a Running instance", d)
	}
}

func TestStartRefused(t *testing.T) {
	f := standardFetcher()
	f.start = func(id string, n int) (string, error) {
		return "", &fetch.Error{Kind: fetch.KindWrongState, Op: "StartInstance", Code: "IncorrectInstanceStatus",
			Message: "The current status of the resource does not support this operation.",
			Hint:    "only a Stopped instance can be started: wait until it has stopped, then start it", RequestID: "REQ-S"}
	}
	h := openDB(t, f)
	h.press("B", "y")
	if h.m.viewer.reboot.active {
		t.Fatal("watching a refused start")
	}
	if got := h.m.banner.Error(); !strings.HasPrefix(got, "not started: wrong instance state (IncorrectInstanceStatus)") ||
		!strings.HasSuffix(got, "RequestId REQ-S") {
		t.Fatalf("banner %q", got)
	}
	if _, ok := h.lastTick(rebootTickMsg{}); ok {
		t.Fatal("a refused start scheduled polls")
	}
}

// TestEnterDoesNotConfirm: only y (and F) act; Enter pressed out of habit leaves the dialog open.
func TestEnterDoesNotConfirm(t *testing.T) {
	for _, open := range []func(*testing.T, *fakeFetcher) *harness{openWeb, openDB} {
		h := open(t, standardFetcher())
		h.press("B", "enter")
		if h.f.count("Reboot") != 0 || h.f.count("Start") != 0 || !h.m.viewer.reboot.confirming {
			t.Fatalf("enter confirmed: %v", h.f.Calls())
		}
		h.press("esc")
		if h.m.viewer.reboot.confirming {
			t.Fatal("esc did not cancel")
		}
	}
}

func TestStartCancelled(t *testing.T) {
	h := openDB(t, standardFetcher())
	h.press("B", "n")
	if h.m.toast.text != "start cancelled" || h.f.count("Start") != 0 {
		t.Fatalf("toast %q calls %v", h.m.toast.text, h.f.Calls())
	}
}

// TestTimelineFitsNarrowWindows: at 60 columns the watch line keeps the key that stops it and
// the time the new log arrived, dropping early statuses first.
func TestTimelineFitsNarrowWindows(t *testing.T) {
	h := openDB(t, startingFetcher())
	h.send(tea.WindowSizeMsg{Width: 60, Height: 15})
	h.press("B", "y")
	h.mustContain("start: Stopped · esc stops watching")
	h.fireTicks(rebootTickMsg{})
	h.fireTicks(rebootTickMsg{})
	h.mustContain("start: Stopped → Starting → Running · log at 14:09:22")
	h.send(tea.WindowSizeMsg{Width: 44, Height: 15})
	h.mustContain("start: … → Running · log at 14:09:22")
}
