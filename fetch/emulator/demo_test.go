package emulator

import (
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// demoByName indexes the demo instances by region and name.
func demoByName(t *testing.T, f *Fixtures) map[string]InstanceFixture {
	t.Helper()
	m := map[string]InstanceFixture{}
	for _, in := range f.Instances {
		key := in.RegionID + "/" + in.InstanceName
		if _, dup := m[key]; dup {
			t.Fatalf("duplicate instance name %s", key)
		}
		m[key] = in
	}
	return m
}

func TestDemoFixturesAreStructurallyValid(t *testing.T) {
	f := DemoFixtures()
	// The demo world must pass the same validation as a --fixtures file.
	if err := f.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	regions := map[string]bool{}
	for _, r := range f.Regions {
		if r.RegionID == "" || r.LocalName == "" {
			t.Errorf("region %+v lacks an ID or name", r)
		}
		if regions[r.RegionID] {
			t.Errorf("duplicate region %s", r.RegionID)
		}
		regions[r.RegionID] = true
	}
	statuses := map[string]bool{"Pending": true, "Starting": true, "Running": true, "Stopping": true, "Stopped": true}
	now := time.Now()
	for _, in := range f.Instances {
		name := in.RegionID + "/" + in.InstanceName
		if !regions[in.RegionID] {
			t.Errorf("%s: unknown region", name)
		}
		if !strings.HasPrefix(in.ZoneID, in.RegionID) {
			t.Errorf("%s: zone %q is not in its region", name, in.ZoneID)
		}
		if !statuses[in.Status] {
			t.Errorf("%s: status %q", name, in.Status)
		}
		if in.OSType != "linux" && in.OSType != "windows" {
			t.Errorf("%s: OS type %q", name, in.OSType)
		}
		if in.OSName == "" || in.InstanceType == "" || in.PrivateIP == "" || in.HostName == "" {
			t.Errorf("%s: missing OS name, type, host name or private IP: %+v", name, in)
		}
		created, err := time.Parse(minuteFormat, in.CreationTime)
		if err != nil {
			t.Errorf("%s: creation time: %v", name, err)
		}
		if created.After(now) {
			t.Errorf("%s: created in the future (%s)", name, in.CreationTime)
		}
		if in.StartTime != "" {
			started, err := time.Parse(minuteFormat, in.StartTime)
			if err != nil {
				t.Errorf("%s: start time: %v", name, err)
			}
			if started.Before(created.Truncate(time.Minute)) || started.After(now) {
				t.Errorf("%s: start time %s outside [creation %s, now]", name, in.StartTime, in.CreationTime)
			}
		} else if in.Status != "Pending" {
			t.Errorf("%s: %s but never started", name, in.Status)
		}
		if c := in.Console; c != nil {
			updated, err := time.Parse(updateFormat, c.LastUpdateTime)
			if err != nil {
				t.Errorf("%s: console update time: %v", name, err)
			}
			if updated.After(now) {
				t.Errorf("%s: console updated in the future (%s)", name, c.LastUpdateTime)
			}
			if c.Base64 != "" || c.File != "" {
				t.Errorf("%s: demo consoles are inline text only", name)
			}
		}
		if in.OSType == "windows" && in.Console != nil {
			t.Errorf("%s: Windows instance with a serial console", name)
		}
		if in.Status == "Pending" && in.Console != nil {
			t.Errorf("%s: never-started instance with console output", name)
		}
		if in.PublicIP != "" && in.EIP != "" {
			t.Errorf("%s: both a public IP and an EIP", name)
		}
	}
}

func TestDemoHasRealPaging(t *testing.T) {
	f := DemoFixtures()
	per := map[string]int{}
	for _, in := range f.Instances {
		per[in.RegionID]++
	}
	if per["cn-hangzhou"] < 260 {
		t.Errorf("cn-hangzhou has %d instances, want at least 260", per["cn-hangzhou"])
	}
	names := map[string]string{}
	for _, r := range f.Regions {
		names[r.RegionID] = r.LocalName
	}
	for id, local := range map[string]string{"cn-hangzhou": "China (Hangzhou)", "cn-shanghai": "China (Shanghai)",
		"cn-beijing": "China (Beijing)", "ap-southeast-1": "Singapore", "eu-central-1": "Frankfurt", "us-west-1": "US"} {
		if !strings.Contains(names[id], local) {
			t.Errorf("region %s named %q, want it to contain %q", id, names[id], local)
		}
		if per[id] == 0 {
			t.Errorf("region %s has no instances", id)
		}
	}
	var stopped, running, public int
	for _, in := range f.Instances {
		switch in.Status {
		case "Stopped":
			stopped++
		case "Running":
			running++
		}
		if in.PublicIP != "" || in.EIP != "" {
			public++
		}
	}
	if running < stopped*5 || stopped == 0 || public == 0 {
		t.Errorf("fleet mix: %d running, %d stopped, %d with public addresses", running, stopped, public)
	}
}

func TestDemoInstanceIDsAreUniqueAndRealLooking(t *testing.T) {
	f := DemoFixtures()
	seen := map[string]bool{}
	for _, in := range f.Instances {
		want := regexp.MustCompile(`^i-` + regionIDPrefix[in.RegionID] + `[a-z0-9]{17}$`)
		if regionIDPrefix[in.RegionID] == "" || !want.MatchString(in.InstanceID) {
			t.Errorf("%s/%s: ID %q does not look like a %s instance ID", in.RegionID, in.InstanceName, in.InstanceID, in.RegionID)
		}
		if seen[in.InstanceID] {
			t.Errorf("duplicate instance ID %s", in.InstanceID)
		}
		seen[in.InstanceID] = true
	}
	if got := demoByName(t, f)["cn-hangzhou/web-prod-01"].InstanceID; !strings.HasPrefix(got, "i-bp1") {
		t.Errorf("web-prod-01 ID %q", got)
	}
}

// text returns an instance's console text, failing when it has none.
func text(t *testing.T, in InstanceFixture) string {
	t.Helper()
	if in.Console == nil || in.Console.Text == "" {
		t.Fatalf("%s has no console text", in.InstanceName)
	}
	return in.Console.Text
}

func TestDemoInterestingCases(t *testing.T) {
	f := DemoFixtures()
	by := demoByName(t, f)
	get := func(t *testing.T, name string) InstanceFixture {
		t.Helper()
		in, ok := by["cn-hangzhou/"+name]
		if !ok {
			t.Fatalf("no instance %s in cn-hangzhou", name)
		}
		return in
	}
	contains := func(t *testing.T, s string, subs ...string) {
		t.Helper()
		for _, sub := range subs {
			if !strings.Contains(s, sub) {
				t.Errorf("log lacks %q", sub)
			}
		}
	}
	cases := []struct {
		name  string
		check func(t *testing.T, in InstanceFixture)
	}{
		{"web-prod-01", func(t *testing.T, in InstanceFixture) {
			s := text(t, in)
			contains(t, s, "Linux version 3.10.0-1160", "[\x1b[32m  OK  \x1b[0m] Started OpenSSH server daemon.", "BIOS-e820:", "ACPI:", "XFS (vda1)")
			if !strings.HasSuffix(s, "web-prod-01 login: ") || !strings.Contains(in.OSName, "CentOS") {
				t.Errorf("CentOS 7 boot does not end at its login prompt: %q", s[len(s)-40:])
			}
		}},
		{"app-prod-03", func(t *testing.T, in InstanceFixture) {
			s := text(t, in)
			contains(t, s, "5.10.134-", "Alibaba Cloud Linux 3", "\x1b[K", "[\x1b[0;32m  OK  \x1b[0m]", "|\b/\b-\b")
			if n := len(regexp.MustCompile(`\r[^\n]`).FindAllString(s, -1)); n < 5 {
				t.Errorf("only %d carriage-return redraws", n)
			}
			if !strings.HasSuffix(s, "app-prod-03 login: ") {
				t.Error("does not end at the login prompt")
			}
		}},
		{"api-gw-2", func(t *testing.T, in InstanceFixture) {
			s := text(t, in)
			contains(t, s, "Cloud-init v. 23.", "running 'init'", "ci-info: +--------+", "ci-info: | Device |",
				"-----BEGIN SSH HOST KEY FINGERPRINTS-----", "The key's randomart image is:", "Ubuntu 22.04")
			if !strings.HasSuffix(s, "api-gw-2 login: ") {
				t.Error("does not end at the login prompt")
			}
		}},
		{"jenkins-agent-2", func(t *testing.T, in InstanceFixture) {
			contains(t, text(t, in), "Traceback (most recent call last):", "cc_scripts_user.py[WARNING]",
				"RuntimeError: Runparts: 1 failures (runcmd)", "[\x1b[0;1;31mFAILED\x1b[0m] Failed to start Execute cloud user/final scripts.")
		}},
		{"fileserver-01", func(t *testing.T, in InstanceFixture) {
			s := text(t, in)
			contains(t, s, "Debian GNU/Linux 12", "/dev/vdb1: UNEXPECTED INCONSISTENCY; RUN fsck MANUALLY.",
				"A start job is running for /dev/disk/by-uuid/", "(1min 30s / no limit)", "\r\x1b[K",
				`You are in emergency mode. After logging in, type "journalctl -xb" to view`, "Dependency failed for")
			if !strings.HasSuffix(s, "Give root password for maintenance\r\n(or press Control-D to continue): ") {
				t.Error("does not end at the maintenance prompt")
			}
		}},
		{"web-prod-04", func(t *testing.T, in InstanceFixture) {
			s := text(t, in)
			contains(t, s, "GNU GRUB", "error: file `/initramfs-", "Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)",
				"Call Trace:", "---[ end Kernel panic - not syncing")
			if strings.Index(s, "GNU GRUB") > strings.Index(s, "Kernel panic") {
				t.Error("GRUB comes after the panic")
			}
		}},
		{"db-master", func(t *testing.T, in InstanceFixture) {
			s := text(t, in)
			contains(t, s, "Out of memory: Killed process", "watchdog: BUG: soft lockup - CPU#", "Oops: 0000 [#1] SMP", "---[ end trace")
			if n := strings.Count(s, "invoked oom-killer"); n < 3 {
				t.Errorf("%d OOM kills, want a storm", n)
			}
		}},
		{"k8s-node-7", func(t *testing.T, in InstanceFixture) {
			s := text(t, in)
			contains(t, s, "dracut-initqueue[243]: Warning: dracut-initqueue timeout - starting timeout scripts", "Entering emergency mode")
			if !strings.HasSuffix(s, "dracut:/# ") {
				t.Error("does not end in the dracut shell")
			}
		}},
		{"legacy-erp-win", func(t *testing.T, in InstanceFixture) {
			if in.OSType != "windows" || in.Console != nil || !strings.Contains(in.OSName, "Windows") {
				t.Errorf("Windows instance: %+v", in)
			}
		}},
		{"staging-api-1", func(t *testing.T, in InstanceFixture) {
			if in.Status != "Stopped" || !strings.HasSuffix(text(t, in), "reboot: Power down\r\n") {
				t.Errorf("stopped instance: status %s, log does not end with the power-off", in.Status)
			}
		}},
		{"gpu-infer-01", func(t *testing.T, in InstanceFixture) {
			if in.Status != "Pending" || in.Console != nil || in.StartTime != "" {
				t.Errorf("never-started instance: %+v", in)
			}
		}},
		{"report-svc-01", func(t *testing.T, in InstanceFixture) {
			c := in.Console
			if in.Status != "Running" || c == nil || c.Text != "" || c.Base64 != "" || c.File != "" || c.LastUpdateTime == "" {
				t.Errorf("empty-console instance: %+v %+v", in, c)
			}
		}},
		{"api-gw-1", func(t *testing.T, in InstanceFixture) {
			want := FaultFixture{Action: "GetInstanceConsoleOutput", Code: "Throttling", HTTPStatus: 429, Times: 2,
				Message: "Request was denied due to request throttling."}
			if in.Fault == nil || *in.Fault != want {
				t.Errorf("fault %+v, want %+v", in.Fault, want)
			}
			text(t, in)
		}},
		{"bastion", func(t *testing.T, in InstanceFixture) {
			contains(t, text(t, in), "欢迎登录", "\t", "堡垒机会话审计服务")
		}},
		{"batch-runner", func(t *testing.T, in InstanceFixture) {
			start, _ := time.Parse(minuteFormat, in.StartTime)
			updated, _ := time.Parse(updateFormat, in.Console.LastUpdateTime)
			if !updated.Before(start) {
				t.Errorf("output updated %s, not before the start %s", in.Console.LastUpdateTime, in.StartTime)
			}
		}},
		{"ci-runner-legacy", func(t *testing.T, in InstanceFixture) {
			contains(t, text(t, in), "\x1b]52;c;", "\x1b]0;", "\x1b[6n", "\x1bc", "\x1b[8A", "\x1b[1;1H", "\x1b[?1049h", "\x1bP+q", "\u202E")
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { c.check(t, get(t, c.name)) })
	}
}

// interesting are the hand-written failure and feature cases whose logs must be full size.
var interesting = []string{"web-prod-01", "app-prod-03", "api-gw-2", "jenkins-agent-2", "fileserver-01", "web-prod-04",
	"db-master", "k8s-node-7", "staging-api-1", "api-gw-1", "bastion", "batch-runner", "ci-runner-legacy"}

var stampRE = regexp.MustCompile(`^\[\s*(\d+)\.(\d{6})\] `)

func TestDemoLogsHaveRealShapeAndSize(t *testing.T) {
	f := DemoFixtures()
	by := demoByName(t, f)
	for _, name := range interesting {
		s := text(t, by["cn-hangzhou/"+name])
		lines := strings.Count(s, "\n")
		if lines < 400 || lines > 1500 || len(s) < 20_000 || len(s) > 200_000 {
			t.Errorf("%s: %d lines, %d bytes; want 400-1500 lines of tens of KB", name, lines, len(s))
		}
	}
	for _, in := range f.Instances {
		if in.Console == nil || in.Console.Text == "" {
			continue
		}
		s, name := in.Console.Text, in.RegionID+"/"+in.InstanceName
		if len(s) < 10_000 || len(s) > 200_000 {
			t.Errorf("%s: %d bytes", name, len(s))
		}
		if !utf8.ValidString(s) {
			t.Errorf("%s: invalid UTF-8", name)
		}
		if strings.Count(s, "\n") != strings.Count(s, "\r\n") {
			t.Errorf("%s: a line ends without CR, unlike a serial console", name)
		}
		if !strings.HasPrefix(s, "[") {
			t.Errorf("%s: does not start with a kernel line: %q", name, s[:40])
		}
		// Kernel timestamps only go forward, except across a reboot.
		prev := -1.0
		for i, l := range strings.Split(s, "\r\n") {
			if strings.HasSuffix(l, "reboot: Restarting system") {
				prev = -1
				continue
			}
			m := stampRE.FindStringSubmatch(l)
			if m == nil {
				continue
			}
			sec, _ := strconv.Atoi(m[1])
			us, _ := strconv.Atoi(m[2])
			ts := float64(sec) + float64(us)/1e6
			if ts < prev {
				t.Errorf("%s line %d: timestamp %.6f after %.6f", name, i+1, ts, prev)
				break
			}
			prev = ts
		}
	}
}

func TestDemoTimesAreRelativeToNow(t *testing.T) {
	now := time.Now().UTC().Truncate(time.Second)
	f := demoFixturesAt(now)
	web := demoByName(t, f)["cn-hangzhou/web-prod-01"]
	updated, err := time.Parse(updateFormat, web.Console.LastUpdateTime)
	if err != nil {
		t.Fatal(err)
	}
	if age := now.Sub(updated); age < 4*time.Minute || age > 8*time.Minute {
		t.Errorf("web-prod-01 updated %v ago, want a few minutes", age)
	}
	later := demoFixturesAt(now.Add(90 * time.Minute))
	for i, in := range f.Instances {
		a, _ := time.Parse(minuteFormat, in.CreationTime)
		b, _ := time.Parse(minuteFormat, later.Instances[i].CreationTime)
		if b.Sub(a) != 90*time.Minute {
			t.Fatalf("%s: creation time moved by %v when now moved by 90m", in.InstanceName, b.Sub(a))
		}
	}
}

// timeless blanks the fields that depend on the current time and masks the digits of the logs,
// whose wall-clock stamps (cloud-init, audit, RTC) follow the boot time.
func timeless(f *Fixtures) *Fixtures {
	zero := func(r rune) rune {
		if r >= '0' && r <= '9' {
			return '0'
		}
		return r
	}
	out := &Fixtures{Regions: f.Regions}
	for _, in := range f.Instances {
		in.CreationTime, in.StartTime = "", ""
		if in.Console != nil {
			c := *in.Console
			c.LastUpdateTime = ""
			c.Text = strings.Map(zero, c.Text)
			in.Console = &c
		}
		out.Instances = append(out.Instances, in)
	}
	return out
}

func TestDemoIsDeterministic(t *testing.T) {
	now := time.Now()
	if a, b := demoFixturesAt(now), demoFixturesAt(now); !reflect.DeepEqual(a, b) {
		t.Fatal("two builds at the same instant differ")
	}
	a, b := DemoFixtures(), DemoFixtures()
	if !reflect.DeepEqual(timeless(a), timeless(b)) {
		t.Fatal("two calls differ in more than their times")
	}
	// The first call's fixtures are the caller's to change; a second call must not see that.
	a.Instances[0].InstanceName = "changed"
	a.Regions[0].LocalName = "changed"
	if c := DemoFixtures(); c.Instances[0].InstanceName == "changed" || c.Regions[0].LocalName == "changed" {
		t.Fatal("DemoFixtures shares state between calls")
	}
}

func BenchmarkDemoFixtures(b *testing.B) {
	var size int
	for b.Loop() {
		f := DemoFixtures()
		size = 0
		for _, in := range f.Instances {
			if in.Console != nil {
				size += len(in.Console.Text)
			}
		}
	}
	b.ReportMetric(float64(size)/1e6, "MB-of-logs")
}

func TestRebootLogIsAFreshBootOfTheInstance(t *testing.T) {
	by := demoByName(t, DemoFixtures())
	boot := time.Date(2026, 11, 26, 10, 4, 0, 0, time.UTC)
	for _, c := range []struct{ name, want string }{
		{"web-prod-04", "CentOS Linux 7 (Core)"}, {"api-gw-2", "Cloud-init v. "},
		{"fileserver-01", "Debian GNU/Linux 12"}, {"db-master", "Alibaba Cloud Linux 3"},
	} {
		in := by["cn-hangzhou/"+c.name]
		s, err := rebootLog(in, boot)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if !strings.Contains(s, c.want) || !strings.HasSuffix(s, in.HostName+" login: ") {
			t.Errorf("%s: reboot log lacks %q or its login prompt", c.name, c.want)
		}
		if strings.Contains(s, "Kernel panic") || strings.Contains(s, "emergency mode") {
			t.Errorf("%s: reboot log is not a clean boot", c.name)
		}
		again, _ := rebootLog(in, boot.Add(time.Minute))
		if again == s {
			t.Errorf("%s: two reboots gave byte-identical output", c.name)
		}
	}
}
