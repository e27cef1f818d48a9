package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/charmbracelet/x/ansi"

	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/fetch/emulator"
)

// newBootLog is the log web-01 writes after the reboot.
const newBootLog = "[    0.000000] Linux version 6.1.0 (after the reboot)\n[    1.500000] systemd[1]: Reached target Multi-User System.\nweb-01 login: \n"

// rebootingFetcher is standardFetcher whose web-01 goes Stopping, Starting, then Running on the
// first three status polls, and writes newBootLog once it is Running again.
func rebootingFetcher() *fakeFetcher {
	f := standardFetcher()
	seq := []string{"Stopping", "Starting", "Running"}
	f.statuses = func(ids []string, n int) ([]fetch.InstanceStatus, error) {
		return []fetch.InstanceStatus{{ID: ids[0], Status: seq[min(n, len(seq))-1]}}, nil
	}
	old := f.consoles[webID]
	f.console = func(region, id string, n int) (fetch.ConsoleOutput, error) {
		if id == webID && f.count("InstanceStatuses") >= 3 {
			return consoleFor(webID, []byte(newBootLog), testNow.Add(time.Minute)), nil
		}
		if id == webID {
			return old, nil
		}
		return f.consoles[id], nil
	}
	return f
}

func TestRebootDialogNamesInstanceAndCancels(t *testing.T) {
	h := openWeb(t, standardFetcher())
	h.press("B")
	if !h.m.viewer.reboot.confirming {
		t.Fatal("B did not open the confirmation")
	}
	h.mustContain("Reboot web-01 (i-bp1webaaaaaaaaaaaaa1)?", "force reboot", "power-cycle (ForceStop) that may lose data", "n / esc")
	// Scrolling keys do nothing behind the dialog.
	top := h.m.viewer.lv.TopLine()
	h.press("g")
	if h.m.viewer.lv.TopLine() != top || !h.m.viewer.reboot.confirming {
		t.Fatal("a key reached the log behind the dialog")
	}
	h.press("esc")
	if h.m.viewer.reboot.confirming || h.m.screen != screenConsole {
		t.Fatalf("esc: confirming=%v screen=%v", h.m.viewer.reboot.confirming, h.m.screen)
	}
	if n := h.f.count("Reboot"); n != 0 {
		t.Fatalf("cancel still rebooted (%d calls)", n)
	}
	if h.m.toast.text != "reboot cancelled" {
		t.Fatalf("toast %q", h.m.toast.text)
	}
	h.press("B", "n")
	if h.m.viewer.reboot.confirming || h.f.count("Reboot") != 0 {
		t.Fatal("n did not cancel")
	}
}

func TestRebootChoices(t *testing.T) {
	for _, tc := range []struct {
		key  string
		want string
	}{
		{"y", "Reboot cn-hangzhou " + webID + " force=false"},
		{"F", "Reboot cn-hangzhou " + webID + " force=true"},
	} {
		h := openWeb(t, standardFetcher())
		h.press("B", tc.key)
		calls := strings.Join(h.f.Calls(), "\n")
		if !strings.Contains(calls, tc.want) || h.f.count("Reboot") != 1 {
			t.Fatalf("%s: calls\n%s\nwant %q once", tc.key, calls, tc.want)
		}
		if !h.m.viewer.reboot.active || h.m.toast.text != "reboot requested: watching web-01 ("+webID+")" {
			t.Fatalf("%s: active=%v toast %q", tc.key, h.m.viewer.reboot.active, h.m.toast.text)
		}
	}
}

func TestRebootTimelineThenNewLogAtTheEnd(t *testing.T) {
	f := rebootingFetcher()
	h := openWeb(t, f)
	h.press("g")
	h.press("B", "y")
	h.mustContain("reboot: Running · waiting for the new boot log · esc stops watching")
	if _, ok := h.lastTick(rebootTickMsg{}); !ok || h.f.count("InstanceStatuses") != 0 {
		t.Fatal("no status poll scheduled after the reboot was accepted")
	}
	h.fireTicks(rebootTickMsg{})
	h.mustContain("reboot: Running → Stopping · waiting")
	if h.m.viewer.inst.Status != "Stopping" {
		t.Fatalf("header status %q", h.m.viewer.inst.Status)
	}
	consoleCalls := f.count("ConsoleOutput")
	h.fireTicks(rebootTickMsg{})
	h.mustContain("reboot: Running → Stopping → Starting · waiting")
	if f.count("ConsoleOutput") != consoleCalls {
		t.Fatal("the console was polled while the instance was not Running")
	}
	h.fireTicks(rebootTickMsg{})
	if f.count("ConsoleOutput") != consoleCalls+1 {
		t.Fatalf("console polls %d, want 1 once Running", f.count("ConsoleOutput")-consoleCalls)
	}
	if h.m.viewer.reboot.active {
		t.Fatal("still watching after the new log arrived")
	}
	h.mustContain("reboot: Running → Stopping → Starting → Running · new boot log at 14:09:22", "after the reboot", "web-01 login:", "new boot log")
	if h.m.toast.text != "new boot log" {
		t.Fatalf("toast %q", h.m.toast.text)
	}
	if !h.m.viewer.lv.AtBottom() {
		t.Fatal("the new log is not shown at its end")
	}
	if !h.m.viewer.out.LastUpdate.Equal(testNow.Add(time.Minute)) {
		t.Fatalf("LastUpdate %v", h.m.viewer.out.LastUpdate)
	}
	if _, ok := h.lastTick(rebootTickMsg{}); ok {
		if h.fireTicks(rebootTickMsg{}); f.count("InstanceStatuses") != 3 {
			t.Fatal("the watch kept polling after it ended")
		}
	}
	if l := h.m.list.all[0]; l.ID != webID || l.Status != "Running" {
		t.Fatalf("list entry %s %s", l.ID, l.Status)
	}
}

func TestRebootIgnoresAnOldLogWhileRunning(t *testing.T) {
	// The status says Running straight away (the reboot has not begun): the log with the old
	// LastUpdateTime must not end the watch.
	f := standardFetcher()
	h := openWeb(t, f)
	h.press("B", "y")
	h.fireTicks(rebootTickMsg{})
	if !h.m.viewer.reboot.active || f.count("ConsoleOutput") != 2 {
		t.Fatalf("active=%v console calls %d", h.m.viewer.reboot.active, f.count("ConsoleOutput"))
	}
	if _, ok := h.lastTick(rebootTickMsg{}); !ok {
		t.Fatal("no next poll after an unchanged log")
	}
}

func TestRebootAnswersOnlyForTheirWatchAndInstance(t *testing.T) {
	h := openWeb(t, standardFetcher())
	h.press("B", "y")
	w := h.m.viewer.reboot.id
	newer := consoleFor(webID, []byte(newBootLog), testNow.Add(time.Hour))
	h.send(rebootConsoleMsg{watch: w + 100, instanceID: webID, consoleResult: consoleResult{out: newer, doc: renderDoc(newBootLog)}})
	h.send(rebootConsoleMsg{watch: w, instanceID: dbID, consoleResult: consoleResult{out: newer, doc: renderDoc(newBootLog)}})
	if !h.m.viewer.reboot.active || strings.Contains(h.screen(), "after the reboot") {
		t.Fatal("an answer for another watch or instance was applied")
	}
	h.send(rebootStatusMsg{watch: w + 100, instanceID: webID, status: "Stopped"})
	if h.m.viewer.inst.Status != "Running" {
		t.Fatal("a stale status answer changed the header")
	}
	// Leaving and reopening the viewer makes the old watch's answers stale too.
	h.press("esc", "esc")
	h.selectID(webID)
	h.press("enter")
	h.send(rebootConsoleMsg{watch: w, instanceID: webID, consoleResult: consoleResult{out: newer, doc: renderDoc(newBootLog)}})
	if strings.Contains(h.screen(), "after the reboot") {
		t.Fatal("an answer of a closed viewer's watch was applied")
	}
}

func TestEscStopsWatching(t *testing.T) {
	f := rebootingFetcher()
	h := openWeb(t, f)
	h.press("B", "y")
	h.fireTicks(rebootTickMsg{})
	h.press("esc")
	if h.m.viewer.reboot.active || h.m.screen != screenConsole {
		t.Fatalf("esc: active=%v screen=%v", h.m.viewer.reboot.active, h.m.screen)
	}
	if !strings.HasPrefix(h.m.toast.text, "stopped watching the reboot") {
		t.Fatalf("toast %q", h.m.toast.text)
	}
	h.mustNotContain("waiting for the new boot log")
	polls := f.count("InstanceStatuses")
	h.fireTicks(rebootTickMsg{})
	if f.count("InstanceStatuses") != polls {
		t.Fatal("a tick of the stopped watch still polled")
	}
	// The next esc goes back to the list as usual.
	h.press("esc")
	if h.m.screen != screenList {
		t.Fatalf("screen %v", h.m.screen)
	}
}

func TestRebootWatchBacksOffOnThrottling(t *testing.T) {
	f := standardFetcher()
	f.statuses = func(ids []string, n int) ([]fetch.InstanceStatus, error) {
		if n <= 2 {
			return nil, &fetch.Error{Kind: fetch.KindThrottled, Op: "DescribeInstanceStatus", Code: "Throttling"}
		}
		return []fetch.InstanceStatus{{ID: ids[0], Status: "Stopping"}}, nil
	}
	h := openWeb(t, f)
	h.press("B", "y")
	h.fireTicks(rebootTickMsg{})
	if h.m.viewer.reboot.poll.Current() != minRebootThrottledDelay || !strings.Contains(h.m.toast.text, "next check in 10s") {
		t.Fatalf("delay %s toast %q", h.m.viewer.reboot.poll.Current(), h.m.toast.text)
	}
	h.fireTicks(rebootTickMsg{})
	if h.m.viewer.reboot.poll.Current() != 20*time.Second {
		t.Fatalf("second throttle: delay %s", h.m.viewer.reboot.poll.Current())
	}
	h.fireTicks(rebootTickMsg{})
	if h.m.viewer.reboot.poll.Current() != rebootPollInterval {
		t.Fatalf("after success: delay %s", h.m.viewer.reboot.poll.Current())
	}
}

func TestRebootRefusedForStoppedInstance(t *testing.T) {
	f := standardFetcher()
	f.reboot = func(id string, force bool, n int) error {
		return &fetch.Error{Kind: fetch.KindWrongState, Op: "RebootInstance", Code: "IncorrectInstanceStatus",
			Message: "The current status of the resource does not support this operation.", RequestID: "REQ-1"}
	}
	// A Stopped instance is offered Start (viewer_start_test.go); one Starting is still offered
	// a reboot, with the warning, and ECS refuses it.
	f.pages["cn-hangzhou"][0][1].Status = "Starting"
	h := newHarness(t, f, testConfig(), Options{})
	h.selectID(dbID)
	h.press("enter", "B")
	h.mustContain("The instance is Starting: ECS reboots only Running instances.")
	h.press("y")
	if h.m.viewer.reboot.active {
		t.Fatal("still watching a refused reboot")
	}
	h.mustContain("✗ not rebooted: wrong instance state (IncorrectInstanceStatus) · The current status of the", "RequestId REQ-1")
	if got := h.m.banner.Error(); !strings.HasSuffix(got, "does not support this operation. · RequestId REQ-1") {
		t.Fatalf("banner %q", got)
	}
	h.mustNotContain("refresh failed", "reboot: ", "RebootInstance:")
	if _, ok := h.lastTick(rebootTickMsg{}); ok {
		t.Fatal("a refused reboot scheduled polls")
	}
}

func TestReadOnlyRemovesReboot(t *testing.T) {
	cfg := testConfig()
	cfg.Settings.ReadOnly = true
	h := newHarness(t, standardFetcher(), cfg, Options{})
	h.selectID(webID)
	h.press("enter")
	if h.m.keys.Reboot.Enabled() {
		t.Fatal("reboot key enabled with --readonly")
	}
	h.press("B")
	if h.m.viewer.reboot.confirming || h.f.count("Reboot") != 0 {
		t.Fatal("B acted with --readonly")
	}
	h.press("?")
	h.mustContain("screenshot")
	h.mustNotContain("reboot")
	// Without --readonly the same help offers it.
	h2 := openWeb(t, standardFetcher())
	h2.press("?")
	h2.mustContain("B reboot")
}

// TestRebootAgainstEmulator runs reboot-and-watch through the real client against the emulator:
// the refusal for a stopped instance, then a reboot whose new log replaces the old one.
func TestRebootAgainstEmulator(t *testing.T) {
	const region = "cn-hangzhou"
	fx := &emulator.Fixtures{Regions: []emulator.RegionFixture{{RegionID: region, LocalName: "China (Hangzhou)"}}}
	add := func(id, status string) {
		fx.Instances = append(fx.Instances, emulator.InstanceFixture{
			RegionID: region, InstanceID: id, InstanceName: id, HostName: id, Status: status, OSType: "linux",
			OSName: "Alibaba Cloud Linux 3", InstanceType: "ecs.g7.large", ZoneID: "cn-hangzhou-h",
			CreationTime: "2026-11-20T10:04Z", StartTime: "2026-11-21T08:00Z",
			Console: &emulator.ConsoleFixture{LastUpdateTime: "2026-11-21T08:00:30Z", Text: "[    1.000000] old boot of " + id + "\n"},
		})
	}
	add("i-running", "Running")
	add("i-stopped", "Stopped")
	srv, err := emulator.New(emulator.Options{Fixtures: fx, RebootDuration: 300 * time.Millisecond})
	if err != nil {
		t.Fatalf("emulator.New: %v", err)
	}
	if err := srv.Start("127.0.0.1:0"); err != nil {
		t.Fatalf("emulator.Start: %v", err)
	}
	t.Cleanup(func() { srv.Close() })
	client, err := fetch.New(fetch.Options{
		Region: region, Endpoint: srv.URL(), Timeout: 5 * time.Second,
		Credentials: credentials.NewStaticAKCredentialsProvider(emulator.DefaultAccessKeyID, emulator.DefaultAccessKeySecret),
	})
	if err != nil {
		t.Fatalf("fetch.New: %v", err)
	}

	h := realHarness(t, client)
	open := func(id string) {
		t.Helper()
		for i, r := range h.m.list.rows {
			if h.m.list.all[r].ID == id {
				h.m.list.cursor = i
			}
		}
		h.press("enter")
		h.mustContain("old boot of " + id)
	}

	open("i-stopped")
	srv.SetFault("i-stopped", emulator.FaultFixture{Action: "StartInstance", Code: "Forbidden.RAM", Times: 1})
	h.press("B", "y")
	h.mustContain("✗ not started:", "Forbidden.RAM")
	if h.m.viewer.reboot.active {
		t.Fatal("watching a refused start")
	}
	// The fault was for one call: the second start goes through, and its boot log arrives.
	h.press("B", "y")
	waitWatch(t, h)
	if tl := h.m.viewer.reboot.timeline; len(tl) < 2 || tl[0] != "Stopped" || tl[len(tl)-1] != "Running" {
		t.Fatalf("start timeline %v", tl)
	}
	h.mustContain("start: Stopped", "new boot log at")
	h.mustNotContain("old boot of i-stopped")
	if n := srv.Calls("StartInstance"); n != 2 {
		t.Fatalf("StartInstance calls %d, want 2 (one refused, one done)", n)
	}

	h.press("esc")
	open("i-running")
	before := h.m.viewer.out.LastUpdate
	h.press("B", "y")
	waitWatch(t, h)
	if !h.m.viewer.out.LastUpdate.After(before) {
		t.Fatalf("LastUpdate %v, not after %v", h.m.viewer.out.LastUpdate, before)
	}
	if h.m.toast.text != "new boot log" || !h.m.viewer.lv.AtBottom() {
		t.Fatalf("toast %q, at bottom %v", h.m.toast.text, h.m.viewer.lv.AtBottom())
	}
	if tl := h.m.viewer.reboot.timeline; len(tl) < 2 || tl[0] != "Running" || tl[len(tl)-1] != "Running" {
		t.Fatalf("timeline %v", tl)
	}
	if h.screen() == "" || strings.Contains(h.screen(), "old boot of i-running") {
		t.Fatalf("the old log is still shown:\n%s", h.screen())
	}
	if n := srv.Calls("RebootInstance"); n != 1 {
		t.Fatalf("RebootInstance calls %d, want 1", n)
	}
}

// waitWatch fires the watch's ticks until the new boot log arrives (the emulator's boot takes
// real time) or 15 s have passed.
func waitWatch(t *testing.T, h *harness) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for h.m.viewer.reboot.active && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
		h.fireTicks(rebootTickMsg{})
	}
	if h.m.viewer.reboot.active {
		t.Fatalf("no new boot log within 15 s; timeline %v", h.m.viewer.reboot.timeline)
	}
}

// realHarness drives a Model over a real Fetcher (the emulator), with the harness's synchronous
// drain and recorded ticks.
func realHarness(t *testing.T, f Fetcher) *harness {
	t.Helper()
	h := &harness{t: t}
	h.m = New(f, testConfig(), Options{})
	h.m.loc = time.UTC
	h.m.tick = func(d time.Duration, msg tea.Msg) tea.Cmd {
		return func() tea.Msg { return scheduledTick{d: d, msg: msg} }
	}
	h.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	h.drain(h.m.Init())
	if len(h.m.list.all) == 0 {
		t.Fatalf("no instances listed:\n%s", h.screen())
	}
	return h
}

func TestGoldenRebootDialog(t *testing.T) {
	h := openWeb(t, standardFetcher())
	h.press("B")
	requireScreen(t, h)
}

func TestGoldenRebootWatching(t *testing.T) {
	h := openWeb(t, rebootingFetcher())
	h.press("B", "F")
	h.fireTicks(rebootTickMsg{})
	h.fireTicks(rebootTickMsg{})
	h.toastClear()
	requireScreen(t, h)
}

// TestRebootDialogAt60x15: the confirmation keeps both borders and every choice, whole, in a
// 60×15 window (issue 12, item 7).
func TestRebootDialogAt60x15(t *testing.T) {
	h := openWeb(t, standardFetcher())
	h.send(tea.WindowSizeMsg{Width: 60, Height: 15})
	h.press("B")
	screen := ansi.Strip(h.m.View().Content)
	flat := strings.Join(strings.Fields(strings.NewReplacer("│", " ", "┌", " ", "┐", " ", "└", " ", "┘", " ", "─", " ").Replace(screen)), " ")
	for _, want := range []string{"Reboot web-01 (i-bp1webaaaaaaaaaaaaa1)?", "y reboot: RebootInstance shuts the OS down cleanly and starts it again",
		"F force reboot: a power-cycle (ForceStop) that may lose data not yet written to disk", "n / esc cancel"} {
		if !strings.Contains(flat, want) {
			t.Fatalf("60×15 dialog lacks %q:\n%s", want, screen)
		}
	}
	var top, bottom, sides int
	for _, l := range strings.Split(screen, "\n") {
		if ansi.StringWidth(l) > 60 {
			t.Fatalf("a line of %d cells:\n%s", ansi.StringWidth(l), screen)
		}
		switch t := strings.TrimSpace(l); {
		case strings.HasPrefix(t, "┌") && strings.HasSuffix(t, "┐"):
			top++
		case strings.HasPrefix(t, "└") && strings.HasSuffix(t, "┘"):
			bottom++
		case strings.HasPrefix(t, "│") && strings.HasSuffix(t, "│"):
			sides++
		}
	}
	if top != 1 || bottom != 1 || sides < 5 {
		t.Fatalf("borders: top %d bottom %d sides %d:\n%s", top, bottom, sides, screen)
	}
	requireScreen(t, h)
}
