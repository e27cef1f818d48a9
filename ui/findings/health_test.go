package findings

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// healthyBoot is a full boot that reaches the login prompt; withLines inserts lines into it just
// before the prompt, where services report.
func withLines(lines ...string) []string {
	n := len(kernelBoot) - 4
	return cat(firmware, grub, kernelBoot[:n], lines, kernelBoot[n:])
}

func TestAssessHealth(t *testing.T) {
	cases := []struct {
		name   string
		log    []string
		health Health
		reason string
		login  bool
	}{
		{"login prompt", withLines(), HealthOK, "reached the login prompt", true},
		{"multi-user target, no getty on the console", kernelBoot[:7], HealthOK, "reached the multi-user target", false},
		{"new systemd spelling", []string{"[    0.000000] Linux version 6.6", "[  OK  ] Reached target multi-user.target - Multi-User System."}, HealthOK, "reached the multi-user target", false},
		{"still booting", cat(firmware, grub, kernelBoot[:5]), HealthUnknown, "no login prompt or multi-user target in the last boot yet", false},
		{"empty", []string{"", "  "}, HealthNone, "empty console output", false},
		{"stop job only (info)", withLines("[  *** ] A stop job is running for Session 3 of user admin (7s / 1min 30s)"), HealthOK, "reached the login prompt", true},

		{"kernel panic", cat(firmware, grub, panicBoot), HealthCritical, "Kernel panic at line 14", false},
		{"oops", withLines("[   87.602511] Oops: 0000 [#1] PREEMPT SMP NOPTI"), HealthCritical, "Kernel oops at line", true},
		{"emergency shell", cat(firmware, grub, kernelBoot[:5], strings.Split(ruleFragments["emergency-mode"].log, "\n")), HealthCritical, "Emergency mode at line", false},
		{"rescue shell", cat(kernelBoot[:5], strings.Split(ruleFragments["emergency-mode/rescue"].log, "\n")), HealthCritical, "Emergency mode at line 7", false},
		{"fsck asks for a manual run", cat(kernelBoot[:5], []string{"/dev/vda1: UNEXPECTED INCONSISTENCY; RUN fsck MANUALLY."}), HealthCritical, "fsck failed at line 6", false},
		{"dracut gives up", cat(kernelBoot[:3], []string{"[  196.361022] dracut-initqueue[269]: Warning: Could not boot."}), HealthCritical, "dracut could not boot at line 4", false},
		{"no root device", cat(kernelBoot[:3], []string{`[    2.318224] VFS: Cannot open root device "vda1" or unknown-block(0,0): error -6`}), HealthCritical, "Root fs not mounted at line 4", false},

		{"failed unit", withLines("[FAILED] Failed to start nginx.service - nginx."), HealthWarning, "Unit failed at line", true},
		{"OOM kill", withLines("[ 1021.114100] Out of memory: Killed process 4711 (java) total-vm:8123456kB"), HealthWarning, "OOM kill at line", true},
		{"I/O error", withLines("[  512.100001] blk_update_request: I/O error, dev vda, sector 2048 op 0x1:(WRITE)"), HealthWarning, "I/O error at line", true},
		{"cloud-init error", withLines("[   25.312504] cloud-init[1102]: ERROR: Could not find a datasource"), HealthWarning, "cloud-init error at line", true},
		{"start job hangs", withLines("[ ***  ] A start job is running for /dev/disk/by-uuid/0b1c (1min 2s / 1min 30s)"), HealthWarning, "Start job hung at line", true},
		{"critical beats warning", withLines("[FAILED] Failed to start nginx.service - nginx.", "[   95.201122] Kernel panic - not syncing: Fatal exception"), HealthCritical, "Kernel panic at line", true},
	}
	rules := DefaultRules()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := Assess(c.log, rules)
			if a.Health != c.health || !strings.HasPrefix(a.Reason, c.reason) || a.LoggedIn != c.login {
				t.Errorf("Assess = %v %q login=%v, want %v %q login=%v; findings:%s",
					a.Health, a.Reason, a.LoggedIn, c.health, c.reason, c.login, describe(a.Findings))
			}
			if (c.health == HealthCritical || c.health == HealthWarning) && (a.Worst.Rule == nil || a.Worst.Rule.Severity.String() != c.health.String()) {
				t.Errorf("Worst = %+v for %v", a.Worst, c.health)
			}
		})
	}
}

func TestAssessOnlyTheLastBootCounts(t *testing.T) {
	rules := DefaultRules()
	// A panic followed by a clean boot is history.
	log := cat(firmware, grub, panicBoot, firmware, grub, kernelBoot)
	a := Assess(log, rules)
	if a.Health != HealthOK || a.Boots.Count() != 2 {
		t.Fatalf("panic then clean boot: %v (%q), %d boots", a.Health, a.Reason, a.Boots.Count())
	}
	if len(a.Findings) != 1 || a.Findings[0].Rule.Name != "kernel-panic" || len(a.Current) != 0 {
		t.Errorf("findings of every boot must be kept, current ones empty: all%s current%s", describe(a.Findings), describe(a.Current))
	}
	// A clean boot followed by a panic is the current state.
	log = cat(firmware, grub, kernelBoot, firmware, grub, panicBoot)
	a = Assess(log, rules)
	if a.Health != HealthCritical || len(a.Current) != 1 || a.Worst.Line != indexOf(t, log, 0, "Kernel panic") {
		t.Errorf("clean boot then panic: %v %q current%s", a.Health, a.Reason, describe(a.Current))
	}
	// The previous boot's login prompt does not make a boot stuck in GRUB ok.
	log = cat(kernelBoot, []string{"[  300.0] reboot: Restarting system"}, firmware, []string{"Booting from Hard Disk..."})
	if a = Assess(log, rules); a.Health != HealthUnknown || a.LoggedIn {
		t.Errorf("stuck after a good boot: %v login=%v", a.Health, a.LoggedIn)
	}
}

// TestHealthyNoiseIsOK puts lines that name failures but report none into a healthy boot: the
// boot must stay ok with no findings at all.
func TestHealthyNoiseIsOK(t *testing.T) {
	traps := []string{
		"kernel.panic = 10",
		"* Applying /etc/sysctl.d/99-sysctl.conf ...",
		"kernel.hung_task_panic = 0",
		"kernel.softlockup_panic = 0",
		"vm.panic_on_oom = 0",
		"[    3.400101] systemd-fsck[301]: /dev/vda1: clean, 61133/2621440 files, 910201/10485504 blocks",
		"[  OK  ] Finished systemd-fsck-root.service - File System Check on Root Device.",
		"[    4.001000] EXT4-fs (vda1): re-mounted. Opts: errors=remount-ro. Quota mode: none.",
		"[    4.002000] EXT4-fs (vda1): mounted filesystem with ordered data mode. Opts: errors=remount-ro",
		"[  OK  ] Started failure-notify.service - Notify on unit failure.",
		"         Starting failure-notify.service - Notify on unit failure...",
		"[  OK  ] Started oom-kill-notifier.service - Report OOM kills.",
		"[  OK  ] Started emergency-alert.service.",
		"[    0.000000] Command line: BOOT_IMAGE=(hd0,gpt3)/boot/vmlinuz root=UUID=0b1c ro panic=10 oops=panic softlockup_panic=1 nmi_watchdog=panic",
		"[    0.012000] Kernel command line: BOOT_IMAGE=/vmlinuz root=/dev/vda1 panic=1 hung_task_panic=1",
		"[    0.500000] Unknown kernel command line parameters \"panic=10\", will be passed to user space.",
		"[   25.210003] cloud-init[1102]: 2026-11-26 14:03:21,345 - handlers.py[WARNING]: errors: 0",
		"[   25.210004] cloud-init[1102]: Cloud-init v. 23.4 finished at Thu, 26 Nov 2026 14:03:22 +0000. Datasource DataSourceAliYun.",
		"[   30.000000] audit: type=1130 audit(1764165802.123:95): pid=1 uid=0 msg='unit=systemd-rfkill comm=\"systemd\" res=failed'",
		"[    1.020304] DEBUG: probing virtio devices",
		"[  OK  ] Reached target Emergency Mode Disabled.",
	}
	rules := DefaultRules()
	for _, trap := range traps {
		t.Run(trap, func(t *testing.T) {
			a := Assess(withLines(trap), rules)
			if a.Health != HealthOK || len(a.Findings) != 0 {
				t.Errorf("health %v (%q), findings:%s", a.Health, a.Reason, describe(a.Findings))
			}
		})
	}
}

func TestLoginPromptAndTarget(t *testing.T) {
	for l, want := range map[string]bool{
		"web-1 login: ": true, "iZbp1f0a2b3c4d5e6f7g8hZ login:": true, "localhost login: [   30.100000] random: crng init done": true,
		"web-1 login: root": true, "login: ": false, "Ubuntu 22.04.3 LTS web-1 ttyS0": false, "[  OK  ] Started Login Service.": false,
		"failed to parse login: bad": false,
	} {
		if got := isLoginPrompt(l); got != want {
			t.Errorf("isLoginPrompt(%q) = %v", l, got)
		}
	}
	for l, want := range map[string]bool{
		"[  OK  ] Reached target Multi-User System.": true, "[  OK  ] Reached target graphical.target - Graphical Interface.": true,
		"[  OK  ] Reached target Basic System.": false, "[  OK  ] Reached target Emergency Mode.": false,
	} {
		if got := isMultiUser(l); got != want {
			t.Errorf("isMultiUser(%q) = %v", l, got)
		}
	}
}

func TestHealthWords(t *testing.T) {
	seen := map[string]bool{}
	for i, h := range HealthWorstFirst {
		if h.Rank() != i {
			t.Errorf("%v.Rank() = %d, want %d", h, h.Rank(), i)
		}
		if ansi.StringWidth(h.Glyph()) != 1 || seen[h.Glyph()] || seen[h.String()] {
			t.Errorf("%v: glyph %q must be one cell and unique, word unique", h, h.Glyph())
		}
		seen[h.Glyph()], seen[h.String()] = true, true
		if h.Label() != h.Glyph()+" "+h.String() {
			t.Errorf("Label = %q", h.Label())
		}
		back, err := ParseHealth(h.String())
		if err != nil || back != h {
			t.Errorf("ParseHealth(%q) = %v, %v", h.String(), back, err)
		}
	}
	if len(seen) != 12 {
		t.Errorf("want six distinct glyphs and words, got %d", len(seen))
	}
	if got := fmt.Sprint(HealthWorstFirst); got != "[critical warning stale unknown none ok]" {
		t.Errorf("worst first = %s", got)
	}
	var zero Health
	if zero != HealthUnknown || Health(99).String() != "unknown" || Health(99).Rank() != len(HealthWorstFirst) {
		t.Error("the zero value and out-of-range values must read as unknown")
	}
	if _, err := ParseHealth("broken"); err == nil || !strings.Contains(err.Error(), "critical, warning") {
		t.Errorf("ParseHealth(broken) error = %v", err)
	}
	// JSON uses the words, both ways.
	b, err := json.Marshal(map[string]Health{"health": HealthCritical})
	if err != nil || string(b) != `{"health":"critical"}` {
		t.Errorf("json = %s, %v", b, err)
	}
	var back map[string]Health
	if err := json.Unmarshal([]byte(`{"health":"stale"}`), &back); err != nil || back["health"] != HealthStale {
		t.Errorf("json back = %v, %v", back, err)
	}
	if err := json.Unmarshal([]byte(`{"health":"meh"}`), &back); err == nil {
		t.Error("json accepted an unknown word")
	}
	// Sorting by Rank puts the worst first.
	hs := []Health{HealthOK, HealthNone, HealthCritical, HealthStale, HealthUnknown, HealthWarning}
	slices.SortFunc(hs, func(a, b Health) int { return a.Rank() - b.Rank() })
	if !slices.Equal(hs, HealthWorstFirst) {
		t.Errorf("sorted = %v", hs)
	}
}
