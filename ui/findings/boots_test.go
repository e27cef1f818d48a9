package findings

import (
	"strings"
	"testing"
	"time"
)

// Pieces of real-looking ECS console logs, joined by the tests into multi-boot logs.
var (
	// The end of a boot that had been up for 23 days, as the log of a rebooted instance begins.
	prevShutdown = []string{
		"[2000000.101234] systemd[1]: Stopped target Multi-User System.",
		"[  OK  ] Stopped target Multi-User System.",
		"         Stopping nginx.service - A high performance web server...",
		"[  OK  ] Stopped nginx.service - A high performance web server.",
		"[2000001.412300] systemd-shutdown[1]: Syncing filesystems and block devices.",
		"[2000001.902311] systemd-shutdown[1]: Sending SIGTERM to remaining processes...",
		"[2000002.118000] reboot: Restarting system",
	}
	firmware = []string{
		"SeaBIOS (version 1.16.0-4.al8)",
		"",
		"iPXE (http://ipxe.org) 00:03.0 CA00 PCI2.10 PnP PMM+BFF8C8A0+BFECC8A0 CA00",
		"",
		"Booting from Hard Disk...",
	}
	grub = []string{
		"                             GNU GRUB  version 2.02",
		"",
		"      Booting `Alibaba Cloud Linux (5.10.134-16.al8.x86_64) 3 (Soaring Falcon)'",
		"",
		"Loading Linux 5.10.134-16.al8.x86_64 ...",
		"Loading initial ramdisk ...",
	}
	// A boot that reaches the login prompt 25 seconds in.
	kernelBoot = []string{
		"[    0.000000] Linux version 5.10.134-16.al8.x86_64 (mockbuild@x86-01) (gcc 10.2.1) #1 SMP",
		"[    0.000000] Command line: BOOT_IMAGE=(hd0,gpt3)/boot/vmlinuz root=UUID=0b1c ro console=ttyS0,115200n8 panic=10",
		"[    0.912345] rtc_cmos 00:00: RTC can wake from S4",
		"[    2.101000] EXT4-fs (vda3): mounted filesystem with ordered data mode. Opts: (null)",
		"[    4.550000] systemd[1]: Detected virtualization kvm.",
		"[  OK  ] Reached target Multi-User System.",
		"[   25.000000] cloud-init[1102]: Cloud-init v. 23.4 finished. Up 25.00 seconds",
		"",
		"Alibaba Cloud Linux 3 (Soaring Falcon)",
		"Kernel 5.10.134-16.al8.x86_64 on an x86_64",
		"",
		"web-1 login: ",
	}
	// A boot that panics 95 seconds in and reboots through the panic timeout, printing no
	// "reboot:" line.
	panicBoot = []string{
		"[    0.000000] Linux version 5.10.134-16.al8.x86_64 (mockbuild@x86-01) (gcc 10.2.1) #1 SMP",
		"[    1.904113] List of all partitions:",
		"[   95.201122] Kernel panic - not syncing: Attempted to kill init! exitcode=0x00000100",
		"[   95.210000] Rebooting in 10 seconds..",
	}
)

func cat(parts ...[]string) []string {
	var out []string
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// indexOf returns the index of the first line of log at or after from that contains s.
func indexOf(t *testing.T, log []string, from int, s string) int {
	t.Helper()
	for i := from; i < len(log); i++ {
		if strings.Contains(log[i], s) {
			return i
		}
	}
	t.Fatalf("no line contains %q", s)
	return -1
}

type wantBoot struct {
	first, kernel, end, shutdown int
	truncated                    bool
}

func checkBoots(t *testing.T, log []string, want []wantBoot) Boots {
	t.Helper()
	bs := FindBoots(log)
	if bs.Count() != len(want) {
		for i := range bs.Count() {
			t.Logf("boot %d: %+v", i, bs.Boot(i))
		}
		t.Fatalf("%d boots, want %d", bs.Count(), len(want))
	}
	for i, w := range want {
		b := bs.Boot(i)
		if b.First != w.first || b.Kernel != w.kernel || b.End != w.end || b.Shutdown != w.shutdown || b.Truncated != w.truncated {
			t.Errorf("boot %d = first %d kernel %d end %d shutdown %d truncated %v, want %+v",
				i, b.First, b.Kernel, b.End, b.Shutdown, b.Truncated, w)
		}
	}
	return bs
}

func TestFindBootsPreviousShutdownThenBoot(t *testing.T) {
	t.Run("with firmware and GRUB", func(t *testing.T) {
		log := cat(prevShutdown, firmware, grub, kernelBoot)
		seabios := indexOf(t, log, 0, "SeaBIOS")
		checkBoots(t, log, []wantBoot{
			{first: 0, kernel: -1, end: seabios, shutdown: len(prevShutdown) - 1, truncated: true},
			{first: seabios, kernel: indexOf(t, log, 0, "Linux version"), end: len(log), shutdown: -1},
		})
	})
	t.Run("kernel right after the shutdown", func(t *testing.T) {
		log := cat(prevShutdown, []string{""}, kernelBoot)
		k := indexOf(t, log, 0, "Linux version")
		checkBoots(t, log, []wantBoot{
			{first: 0, kernel: -1, end: k, shutdown: len(prevShutdown) - 1, truncated: true},
			{first: k, kernel: k, end: len(log), shutdown: -1},
		})
	})
	t.Run("GRUB only, after untimestamped shutdown lines", func(t *testing.T) {
		// systemd's status lines have no kernel timestamp; the boot ends where GRUB begins.
		log := cat([]string{"[  OK  ] Stopped target Multi-User System.", "[  OK  ] Reached target Power-Off."}, grub, kernelBoot)
		g := indexOf(t, log, 0, "GNU GRUB")
		checkBoots(t, log, []wantBoot{
			{first: 0, kernel: -1, end: g, shutdown: -1, truncated: true},
			{first: g, kernel: indexOf(t, log, 0, "Linux version"), end: len(log), shutdown: -1},
		})
	})
}

func TestFindBootsThreeBoots(t *testing.T) {
	// Boot 1 panics and the panic timeout resets the VM without firmware output on the
	// console: only the timestamp reset and the second banner tell. Boot 2 shuts down cleanly,
	// boot 3 comes up through SeaBIOS and GRUB.
	boot2 := cat(kernelBoot[:5], []string{"[  310.000000] reboot: Power down"})
	log := cat(firmware, grub, panicBoot, boot2, []string{"", ""}, firmware, grub, kernelBoot)
	k1 := indexOf(t, log, 0, "Linux version")
	k2 := indexOf(t, log, k1+1, "Linux version")
	off := indexOf(t, log, 0, "Power down")
	s3 := indexOf(t, log, off, "SeaBIOS")
	bs := checkBoots(t, log, []wantBoot{
		{first: 0, kernel: k1, end: k2, shutdown: -1},
		{first: k2, kernel: k2, end: s3, shutdown: off},
		{first: s3, kernel: indexOf(t, log, s3, "Linux version"), end: len(log), shutdown: -1},
	})

	for line, want := range map[int]int{0: 0, k1: 0, k2 - 1: 0, k2: 1, off + 1: 1, s3: 2, len(log) - 1: 2, len(log): -1, -1: -1} {
		if got := bs.BootOf(line); got != want {
			t.Errorf("BootOf(%d) = %d, want %d", line, got, want)
		}
	}
	if got := bs.Status(k2); got != "boot 2 of 3" {
		t.Errorf("Status = %q", got)
	}
	// "}" from anywhere in a boot goes to the next boot's first line; "{" goes to the start of
	// the current boot, or to the previous one from a boot's first line.
	nexts := []struct {
		from, want int
		ok         bool
	}{{0, k2, true}, {k2, s3, true}, {s3 + 3, 0, false}}
	for _, c := range nexts {
		if got, ok := bs.Next(c.from); got != c.want || ok != c.ok {
			t.Errorf("Next(%d) = %d,%v want %d,%v", c.from, got, ok, c.want, c.ok)
		}
	}
	prevs := []struct {
		from, want int
		ok         bool
	}{{s3 + 3, s3, true}, {s3, k2, true}, {k2, 0, true}, {3, 0, true}, {0, 0, false}}
	for _, c := range prevs {
		if got, ok := bs.Prev(c.from); got != c.want || ok != c.ok {
			t.Errorf("Prev(%d) = %d,%v want %d,%v", c.from, got, ok, c.want, c.ok)
		}
	}
}

func TestFindBootsStuckInGRUB(t *testing.T) {
	stuck := []string{
		"error: file '/boot/vmlinuz-5.10.134-16.al8.x86_64' not found.",
		"error: you need to load the kernel first.",
		"grub rescue> ",
	}
	log := cat(prevShutdown, firmware, stuck)
	s := indexOf(t, log, 0, "SeaBIOS")
	checkBoots(t, log, []wantBoot{
		{first: 0, kernel: -1, end: s, shutdown: len(prevShutdown) - 1, truncated: true},
		{first: s, kernel: -1, end: len(log), shutdown: -1},
	})
}

func TestFindBootsAfterShutdownUnknownOutput(t *testing.T) {
	// After "reboot:", the first non-blank line starts the next boot even when it is not a
	// known banner (a boot loader bootlog does not know).
	log := cat(prevShutdown, []string{"", "Custom loader 1.0", "[    0.000000] Linux version 6.6.0"})
	checkBoots(t, log, []wantBoot{
		{first: 0, kernel: -1, end: len(prevShutdown) + 1, shutdown: len(prevShutdown) - 1, truncated: true},
		{first: len(prevShutdown) + 1, kernel: len(prevShutdown) + 2, end: len(log), shutdown: -1},
	})
}

func TestFindBootsQuietKernel(t *testing.T) {
	// With "quiet" the kernel prints only warnings: the first timestamped line is the boot's
	// kernel start, and it is not a truncated boot.
	log := cat(firmware, grub, []string{"[    1.532100] ACPI Warning: something odd", "[  OK  ] Reached target Multi-User System.", "web-1 login: "})
	checkBoots(t, log, []wantBoot{{first: 0, kernel: len(firmware) + len(grub), end: len(log), shutdown: -1}})
}

func TestFindBootsArm64BannerOrder(t *testing.T) {
	// arm64 prints "Booting Linux on physical CPU" before the banner, both at 0.000000: one boot.
	log := []string{
		"[    0.000000] Booting Linux on physical CPU 0x0000000000 [0x413fd0c1]",
		"[    0.000000] Linux version 5.10.134-16.al8.aarch64",
		"[    3.000000] systemd[1]: Started Journal Service.",
	}
	checkBoots(t, log, []wantBoot{{first: 0, kernel: 0, end: 3, shutdown: -1}})
}

func TestFindBootsEdgeCases(t *testing.T) {
	for _, log := range [][]string{nil, {}, {"", "   "}} {
		bs := FindBoots(log)
		if bs.Count() != 0 || bs.BootOf(0) != -1 || bs.Label(0) != "" || bs.Status(0) != "" {
			t.Errorf("FindBoots(%q) = %d boots", log, bs.Count())
		}
		if _, ok := bs.Next(0); ok {
			t.Error("Next on no boots")
		}
		if _, ok := bs.Prev(5); ok {
			t.Error("Prev on no boots")
		}
	}
	// One ordinary boot: no status word, a label without a start.
	bs := checkBoots(t, kernelBoot, []wantBoot{{first: 0, kernel: 0, end: len(kernelBoot), shutdown: -1}})
	if bs.Status(3) != "" {
		t.Errorf("Status with one boot = %q", bs.Status(3))
	}
	if got := bs.Label(0); got != "boot 1 of 1 · start time unknown" {
		t.Errorf("Label = %q", got)
	}
	// Log starting mid-boot.
	bs = checkBoots(t, kernelBoot[3:], []wantBoot{{first: 0, kernel: -1, end: len(kernelBoot) - 3, shutdown: -1, truncated: true}})
	if got := bs.Label(0); got != "boot 1 of 1 · began before this log" {
		t.Errorf("Label = %q", got)
	}
	// A "Linux version" line in the boot's own output does not start another boot unless a
	// banner was already seen.
	checkBoots(t, []string{"[    0.000000] Linux version 5.10", "[    9.0] x", "[   10.0] Linux version 5.10 again, not at zero"},
		[]wantBoot{{first: 0, kernel: 0, end: 3, shutdown: -1}})
}

// wallTimes returns the wall-clock time shown for every line of log that gets one.
func wallTimes(t *testing.T, bs Boots, log []string, loc *time.Location) map[int]time.Time {
	t.Helper()
	out := map[int]time.Time{}
	for i, l := range log {
		wc, ok := bs.WallClock(i, l)
		if !ok {
			continue
		}
		ts := wc[strings.IndexByte(wc, '[')+1 : strings.IndexByte(wc, ']')]
		at, err := time.ParseInLocation(WallClockLayout, ts, loc)
		if err != nil {
			t.Fatalf("line %d: %q: %v", i, wc, err)
		}
		out[i] = at
	}
	return out
}

func TestAnchorEachBootOnItsOwnStart(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	fetched := time.Date(2026, 11, 30, 10, 0, 0, 0, cst)
	lastUpdate := fetched.Add(-5 * time.Second)
	logs := map[string][]string{
		"two boots with GRUB":    cat(prevShutdown, firmware, grub, kernelBoot),
		"two boots without GRUB": cat(prevShutdown, kernelBoot),
		"three boots":            cat(firmware, grub, panicBoot, kernelBoot[:5], []string{"[  310.0] reboot: Power down"}, firmware, grub, kernelBoot),
		"one boot":               kernelBoot,
	}
	for name, log := range logs {
		t.Run(name, func(t *testing.T) {
			bs := FindBoots(log).Anchor(log, lastUpdate, fetched)
			times := wallTimes(t, bs, log, cst)
			last := bs.Boot(bs.Count() - 1)
			for i, at := range times {
				if at.After(fetched) {
					t.Errorf("line %d dated %v, after the fetch at %v", i, at, fetched)
				}
				if i < last.First {
					t.Errorf("line %d of an earlier boot dated %v, though its start is unknown", i, at)
				}
			}
			// The last boot's last timestamped line (25 s) is LastUpdateTime.
			want := lastUpdate.Add(-25 * time.Second)
			if s, ok := last.Start(); !ok || !s.Equal(want) {
				t.Errorf("last boot start = %v,%v want %v", s, ok, want)
			}
			if at := times[indexOf(t, log, last.First, "cloud-init")]; !at.Equal(lastUpdate) {
				t.Errorf("last kernel line dated %v, want %v", at, lastUpdate)
			}
			if bs.Count() > 1 {
				wantLabel := "boot " + itoa(bs.Count()) + " of " + itoa(bs.Count()) + " · started 2026-11-30 09:59:30 +08:00"
				if got := bs.Label(bs.Count() - 1); got != wantLabel {
					t.Errorf("Label = %q, want %q", got, wantLabel)
				}
			}
		})
	}
}

func itoa(n int) string { return Thousands(n) }

func TestAnchorNeverAfterFetch(t *testing.T) {
	log := cat(prevShutdown, firmware, grub, kernelBoot)
	fetched := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)
	// LastUpdateTime ahead of the local clock (skew): the last boot would end after the fetch,
	// so no time is shown rather than a future one.
	bs := FindBoots(log).Anchor(log, fetched.Add(3*time.Second), fetched)
	if n := len(wallTimes(t, bs, log, time.UTC)); n != 0 {
		t.Errorf("%d lines dated although LastUpdateTime is after the fetch", n)
	}
	if got := bs.Label(1); got != "boot 2 of 2 · start time unknown" {
		t.Errorf("Label = %q", got)
	}
	// No LastUpdateTime (a file): nothing to anchor on.
	bs = FindBoots(log).Anchor(log, time.Time{}, time.Time{})
	if n := len(wallTimes(t, bs, log, time.UTC)); n != 0 {
		t.Errorf("%d lines dated without any anchor", n)
	}
}

func TestAnchorFromTheLogsOwnClock(t *testing.T) {
	// The first boot carries the RTC line (14:03:05 UTC at 0.9 s) and the second an audit
	// record: both can be dated without LastUpdateTime.
	boot1 := []string{
		"[    0.000000] Linux version 5.10.134",
		"[    0.900000] rtc_cmos 00:00: setting system clock to 2026-11-26T14:03:05 UTC (1795701785)",
		"[  100.000000] reboot: Restarting system",
	}
	boot2 := []string{
		"[    0.000000] Linux version 5.10.134",
		"[   30.500000] audit: type=1130 audit(1795796000.250:95): pid=1 uid=0 msg='unit=sshd'",
		"[   40.000000] systemd[1]: Startup finished.",
	}
	log := cat(boot1, boot2)
	fetched := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)
	bs := FindBoots(log).Anchor(log, time.Time{}, fetched)
	s1, ok1 := bs.Boot(0).Start()
	if want := time.Unix(1795701785, 0).Add(-900 * time.Millisecond); !ok1 || !s1.Equal(want) {
		t.Errorf("boot 1 start = %v,%v want %v", s1, ok1, want)
	}
	s2, ok2 := bs.Boot(1).Start()
	if want := time.Unix(1795796000, 250e6).Add(-30500 * time.Millisecond); !ok2 || !s2.Equal(want) {
		t.Errorf("boot 2 start = %v,%v want %v", s2, ok2, want)
	}
	if wc, _ := bs.WallClock(2, log[2]); wc != "[2026-11-26 14:04:44.100] reboot: Restarting system" {
		t.Errorf("WallClock = %q", wc)
	}
	// With LastUpdateTime, the last boot follows ECS; the first keeps its own clock.
	lu := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	bs = FindBoots(log).Anchor(log, lu, fetched)
	if s, _ := bs.Boot(1).Start(); !s.Equal(lu.Add(-40 * time.Second)) {
		t.Errorf("last boot start = %v", s)
	}
	if _, ok := bs.Boot(0).Start(); !ok {
		t.Error("first boot lost its own anchor")
	}
	// An in-log clock that would put the first boot after the second's start is dropped.
	bad := cat([]string{boot1[0], "[    0.900000] rtc_cmos 00:00: setting system clock to 2027-01-01T00:00:00 UTC (1798761600)", boot1[2]}, boot2)
	bs = FindBoots(bad).Anchor(bad, lu, time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC))
	if _, ok := bs.Boot(0).Start(); ok {
		t.Error("a first boot dated after the second kept its start")
	}
}

func TestParseEpoch(t *testing.T) {
	for s, ok := range map[string]bool{"1764165785": true, "1764165802.123": true, "1764165802.1234567891": false,
		"12": false, "99999999999": false, "": false, "+1764165785": false, "17641657x5": false, "1764165785.-1": false} {
		if _, got := parseEpoch(s); got != ok {
			t.Errorf("parseEpoch(%q) ok = %v, want %v", s, got, ok)
		}
	}
}
