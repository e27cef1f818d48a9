package fleet

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"

	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/fetch/emulator"
	"github.com/bootlog/bootlog/ui/console"
	"github.com/bootlog/bootlog/ui/findings"
)

// crlf joins lines the way a serial console ends them.
func crlf(lines ...string) string { return strings.Join(lines, "\r\n") }

const (
	ok    = "[\x1b[0;32m  OK  \x1b[0m] "
	fail  = "[\x1b[0;1;31mFAILED\x1b[0m] "
	start = "2026-11-21T08:00Z"
	after = "2026-11-21T08:00:41Z" // the boot's log, written after start
)

// kernelHead is the start of every fixture log, with two of the healthy-noise traps: the root
// file system's errors=remount-ro option and a clean fsck.
var kernelHead = crlf(
	"[    0.000000] Linux version 5.10.134-17.2.al8.x86_64 (mockbuild@koji.alibaba-inc.com) #1 SMP",
	"[    0.000000] Command line: BOOT_IMAGE=(hd0,gpt2)/vmlinuz root=UUID=33b4fd4a ro console=ttyS0,115200n8",
	"[    1.843210] EXT4-fs (vda1): mounted filesystem with ordered data mode. Opts: (null)",
	"[    2.987654] EXT4-fs (vda1): re-mounted. Opts: errors=remount-ro",
	"[    3.100231] systemd-fsck[312]: /dev/vdb1: clean, 11/6553600 files, 557659/26214144 blocks",
	ok+"Started File System Check on /dev/disk/by-uuid/5f1c.",
)

// tail is a clean end of boot: the multi-user target and the login prompt of host.
func tail(host string) string {
	return crlf(ok+"Reached target Multi-User System.", "", "Alibaba Cloud Linux 3 (Soaring Falcon)",
		"Kernel 5.10.134-17.2.al8.x86_64 on an x86_64", "", host+" login: ")
}

// fixtureCase is one instance of the fixture fleet and the summary a scan must give it.
type fixtureCase struct {
	fix      emulator.InstanceFixture
	health   Health
	kind     string // first finding's rule, "" for none
	line     int    // first finding's line, 1-based
	login    bool
	stale    bool
	errSub   string // substring of Summary.Err
	noteSub  string // substring of Summary.Note
	fetched  bool
	attempts int // console calls the emulator sees for it
}

// fixtureFleet has every health kind, every reason for none and unknown, and the healthy-noise
// traps: sysctl's kernel.panic = 10, a clean systemd-fsck, errors=remount-ro, and units named
// after failures.
func fixtureFleet() []fixtureCase {
	inst := func(region, id, status, osType, console string, started, updated string) emulator.InstanceFixture {
		f := emulator.InstanceFixture{
			RegionID: region, InstanceID: id, InstanceName: strings.TrimPrefix(id, "i-"), Status: status, OSType: osType,
			OSName: "Alibaba Cloud Linux 3", InstanceType: "ecs.g7.large", ZoneID: region + "-h", PrivateIP: "172.16.0.1",
			CreationTime: "2026-11-01T08:00Z", StartTime: started,
		}
		if updated != "" {
			f.Console = &emulator.ConsoleFixture{LastUpdateTime: updated, Text: console}
		}
		return f
	}
	const hz, bj = "cn-hangzhou", "cn-beijing"
	traps := crlf(kernelHead,
		"* Applying /etc/sysctl.d/99-bootlog.conf ...",
		"kernel.panic = 10",
		"kernel.panic_on_oops = 1",
		"vm.panic_on_oom = 0",
		ok+"Started Page on-call when fsck failed.",
		ok+"Started OOM kill alerts (oom-kill-alert.service).",
		ok+"Started Call Trace: collector.",
		ok+"Started failure-notify@nginx.service.",
		tail("ok-traps"))
	cases := []fixtureCase{
		{fix: inst(hz, "i-ok-traps", "Running", "linux", traps, start, after), health: OK, login: true, fetched: true, attempts: 1},
		{fix: inst(hz, "i-ok-multiuser", "Running", "linux", crlf(kernelHead, ok+"Reached target Multi-User System.", ""), start, after),
			health: OK, fetched: true, attempts: 1},
		{fix: inst(hz, "i-ok-stopped", "Stopped", "linux", crlf(kernelHead, tail("ok-stopped"), "", "[ 9000.120000] reboot: Power down", ""), start, after),
			health: OK, login: true, fetched: true, attempts: 1},
		{fix: inst(hz, "i-crit-panic", "Running", "linux", crlf(kernelHead,
			"[    3.412345] VFS: Cannot open root device \"UUID=33b4fd4a\" or unknown-block(0,0): error -6",
			"[    3.412400] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)",
			"[    3.412500] ---[ end Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0) ]---"), start, after),
			health: Critical, kind: "no-root-fs", line: 7, fetched: true, attempts: 1},
		{fix: inst(bj, "i-crit-emergency", "Running", "linux", crlf(kernelHead,
			"/dev/vdb1: UNEXPECTED INCONSISTENCY; RUN fsck MANUALLY.",
			fail+"Failed to start File System Check on /dev/disk/by-uuid/5f1c.",
			"You are in emergency mode. After logging in, type \"journalctl -xb\" to view",
			"Give root password for maintenance", "(or press Control-D to continue): "), start, after),
			health: Critical, kind: "fsck-failed", line: 7, fetched: true, attempts: 1},
		{fix: inst(hz, "i-warn-unit", "Running", "linux", crlf(kernelHead,
			fail+"Failed to start containerd container runtime.",
			"See 'systemctl status containerd.service' for details.", tail("warn-unit")), start, after),
			health: Warning, kind: "failed-unit", line: 7, login: true, fetched: true, attempts: 1},
		{fix: inst(bj, "i-warn-oom", "Running", "linux", crlf(kernelHead, tail("warn-oom")+
			"[  240.100000] Out of memory: Killed process 1877 (java) total-vm:9000kB, anon-rss:8000kB", ""), start, after),
			health: Warning, kind: "oom-kill", line: 12, login: true, fetched: true, attempts: 1},
		{fix: inst(hz, "i-warn-incomplete", "Running", "linux", crlf(kernelHead, "         Starting Network Manager...", ""), start, after),
			health: Warning, kind: "incomplete-boot", line: 7, fetched: true, attempts: 1},
		{fix: inst(hz, "i-stale", "Running", "linux", crlf(kernelHead, tail("stale")), start, "2026-11-20T10:04:57Z"),
			health: Stale, login: true, stale: true, fetched: true, attempts: 1},
		{fix: inst(hz, "i-none-windows", "Running", "windows", "", start, ""), health: None, noteSub: "Windows"},
		{fix: inst(hz, "i-none-pending", "Pending", "linux", "", "", ""), health: None, noteSub: "never started"},
		{fix: inst(bj, "i-none-empty", "Running", "linux", "", start, after), health: None, noteSub: "no console output", fetched: true, attempts: 1},
		{fix: inst(hz, "i-unknown-ram", "Running", "linux", traps, start, after), health: Unknown, errSub: "Forbidden.RAM", attempts: 1},
		{fix: inst(bj, "i-unknown-base64", "Running", "linux", "", start, after), health: Unknown, errSub: "base64", attempts: 1},
		{fix: inst(bj, "i-ok-throttled", "Running", "linux", crlf(kernelHead, tail("ok-throttled")), start, after),
			health: OK, login: true, fetched: true, attempts: 3},
	}
	for i := range cases {
		switch cases[i].fix.InstanceID {
		case "i-unknown-ram":
			cases[i].fix.Fault = &emulator.FaultFixture{Action: "GetInstanceConsoleOutput", Code: "Forbidden.RAM"}
		case "i-unknown-base64":
			cases[i].fix.Console.Base64 = "!!not base64!!"
		case "i-ok-throttled":
			cases[i].fix.Fault = &emulator.FaultFixture{Action: "GetInstanceConsoleOutput", Code: "Throttling", HTTPStatus: 429, Times: 2}
		}
	}
	return cases
}

func fixtureWorld(cases []fixtureCase) *emulator.Fixtures {
	fx := &emulator.Fixtures{Regions: []emulator.RegionFixture{
		{RegionID: "cn-hangzhou", LocalName: "China (Hangzhou)"}, {RegionID: "cn-beijing", LocalName: "China (Beijing)"},
	}}
	for _, c := range cases {
		fx.Instances = append(fx.Instances, c.fix)
	}
	return fx
}

// startEmulator serves fx on a loopback port for the test; reboots take 30 ms.
func startEmulator(t testing.TB, fx *emulator.Fixtures, opts emulator.Options) *emulator.Server {
	t.Helper()
	opts.Fixtures = fx
	if opts.RebootDuration == 0 {
		opts.RebootDuration = 30 * time.Millisecond
	}
	srv, err := emulator.New(opts)
	if err != nil {
		t.Fatalf("emulator.New: %v", err)
	}
	if err := srv.Start("127.0.0.1:0"); err != nil {
		t.Fatalf("emulator.Start: %v", err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv
}

// newClient is the real fetch client for the emulator at url; opts adjusts its options. The
// tests' client is not rate limited unless they say so.
func newClient(t testing.TB, url string, opts func(*fetch.Options)) *fetch.Client {
	t.Helper()
	o := fetch.Options{
		Region: "cn-hangzhou", Endpoint: url,
		Credentials:   credentials.NewStaticAKCredentialsProvider(emulator.DefaultAccessKeyID, emulator.DefaultAccessKeySecret),
		Timeout:       10 * time.Second,
		Retry:         fetch.RetryPolicy{BaseDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond},
		RatePerSecond: 10000, Burst: 10000,
	}
	if opts != nil {
		opts(&o)
	}
	c, err := fetch.New(o)
	if err != nil {
		t.Fatalf("fetch.New: %v", err)
	}
	return c
}

// listAll lists the instances of the regions, in order.
func listAll(t testing.TB, c *fetch.Client, regions ...string) []fetch.Instance {
	t.Helper()
	var all []fetch.Instance
	for _, r := range regions {
		ins, err := c.Instances(context.Background(), r)
		if err != nil {
			t.Fatalf("list %s: %v", r, err)
		}
		all = append(all, ins...)
	}
	return all
}

// byID indexes summaries by instance ID.
func byID(sums []Summary) map[string]Summary {
	m := make(map[string]Summary, len(sums))
	for _, s := range sums {
		m[s.InstanceID] = s
	}
	return m
}

func sorted(ss []string) []string {
	out := append([]string(nil), ss...)
	slices.Sort(out)
	return out
}

func renderPlain(data []byte) []string { return console.Render(data, console.Options{}).Plain }

func scanRules(plain []string) []findings.Finding {
	return findings.Scan(plain, findings.DefaultRules())
}

func utf8Valid(s string) bool { return utf8.ValidString(s) }
