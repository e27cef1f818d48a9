package findings

import (
	"strings"
	"testing"
)

// ruleFragment is an excerpt of a real-looking console log and what the default rules must find
// in it.
type ruleFragment struct {
	log string
	// want lists, per finding in order, the 0-based line and the rule name.
	want []wantFinding
}

type wantFinding struct {
	line int
	rule string
	key  string
}

// ruleFragments has at least one fragment per default rule, keyed by rule name.
var ruleFragments = map[string]ruleFragment{
	"trace-trailer": {
		log: `[   88.120004] ---[ end trace 3c5e1f0a9b2d4e67 ]---
[   88.120517] ---[ end Kernel panic - not syncing: Fatal exception ]---`,
		want: nil,
	},
	"kernel-panic": {
		log: `[    2.318224] VFS: Cannot open root device "vda1" or unknown-block(0,0): error -6
[    2.319410] Please append a correct "root=" boot option; here are the available partitions:
[    2.320977] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)
[    2.322006] CPU: 0 PID: 1 Comm: swapper/0 Not tainted 5.14.0-362.8.1.el9_3.x86_64 #1
[    2.331874] ---[ end Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0) ]---`,
		want: []wantFinding{{0, "no-root-fs", ""}, {2, "kernel-panic", ""}},
	},
	"no-root-fs": {
		log: `[    1.904113] List of all partitions:
[    1.904922] No filesystem could mount root, tried:
[    1.905411] VFS: Unable to mount root fs on unknown-block(253,1)`,
		want: []wantFinding{{2, "no-root-fs", ""}},
	},
	"cpu-stall": {
		log: `[  368.116128] watchdog: BUG: soft lockup - CPU#1 stuck for 23s! [kworker/1:2:197]
[  368.117001] Modules linked in: virtio_net net_failover failover
[  421.220133] rcu: INFO: rcu_sched self-detected stall on CPU`,
		want: []wantFinding{{0, "cpu-stall", ""}, {2, "cpu-stall", ""}},
	},
	"kernel-oops": {
		log: `[   87.601234] BUG: kernel NULL pointer dereference, address: 0000000000000008
[   87.601990] #PF: supervisor read access in kernel mode
[   87.602511] Oops: 0000 [#1] PREEMPT SMP NOPTI
[   87.603011] kernel BUG at mm/slub.c:314!
[   87.603511] general protection fault, probably for non-canonical address 0xdead000000000100: 0000 [#2] SMP PTI`,
		want: []wantFinding{{0, "kernel-oops", ""}, {2, "kernel-oops", ""}, {3, "kernel-oops", ""}, {4, "kernel-oops", ""}},
	},
	"hung-task": {
		log: `[  245.331421] INFO: task jbd2/vda1-8:312 blocked for more than 122 seconds.
[  245.332100]       Not tainted 5.15.0-91-generic #101-Ubuntu
[  245.332807] "echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.`,
		want: []wantFinding{{0, "hung-task", "jbd2/vda1-8"}},
	},
	"kernel-warning": {
		log: `[   12.000001] ------------[ cut here ]------------
[   12.000101] WARNING: CPU: 3 PID: 1 at drivers/gpu/drm/drm_atomic.c:1021 drm_atomic_check_only+0x5c/0x7a0`,
		want: []wantFinding{{1, "kernel-warning", ""}},
	},
	"call-trace": {
		log: `[   87.604001] CPU: 1 PID: 2212 Comm: modprobe Tainted: G           OE     5.15.0-91-generic
[   87.604402] Call Trace:
[   87.604512]  <TASK>
[   87.604610]  dump_stack_lvl+0x4a/0x63`,
		want: []wantFinding{{1, "call-trace", ""}},
	},
	"oom-kill": {
		log: `[ 1021.112233] java invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=0
[ 1021.113001]  oom_kill_process.cold+0xb/0x10
[ 1021.114002] oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/system.slice/app.service,task=java,pid=4711,uid=1000
[ 1021.114100] Out of memory: Killed process 4711 (java) total-vm:8123456kB, anon-rss:3912345kB, file-rss:0kB
[ 1301.000100] Memory cgroup out of memory: Killed process 5120 (python3) total-vm:912345kB
[ 1400.000100] Out of memory: Kill process 6001 (mysqld) score 912 or sacrifice child`,
		want: []wantFinding{{2, "oom-kill", "4711"}, {4, "oom-kill", "5120"}, {5, "oom-kill", "6001"}},
	},
	"fsck-failed": {
		log: `/dev/mapper/centos-root contains a file system with errors, check forced.
/dev/mapper/centos-root: Inode 1311 has an invalid extent node (blk 4325, lblk 0)

/dev/mapper/centos-root: UNEXPECTED INCONSISTENCY; RUN fsck MANUALLY.
	(i.e., without -a or -p options)
[   14.551201] systemd-fsck[402]: fsck failed with exit status 4.`,
		want: []wantFinding{{0, "fs-errors", ""}, {3, "fsck-failed", ""}, {5, "fsck-failed", ""}},
	},
	"fs-errors": {
		log: `[   33.120001] EXT4-fs error (device vda1): ext4_lookup:1855: inode #2: comm systemd: deleted inode referenced: 131074
[   34.000001] XFS (vdb1): Corruption detected. Unmount and run xfs_repair
[   34.100001] XFS (vdb1): Mounting V5 Filesystem`,
		want: []wantFinding{{0, "fs-errors", ""}, {1, "fs-errors", ""}},
	},
	"emergency-mode": {
		log: `[   95.201122] systemd[1]: Started Emergency Shell.
[   95.201500] systemd[1]: Reached target Emergency Mode.
You are in emergency mode. After logging in, type "journalctl -xb" to view
system logs, "systemctl reboot" to reboot, "systemctl default" or "exit"
to boot into default mode.
Give root password for maintenance
(or press Control-D to continue):
Give root password for maintenance
(or press Control-D to continue):`,
		want: []wantFinding{{2, "emergency-mode", ""}},
	},
	"emergency-mode/rescue": {
		log: `[   60.000000] systemd[1]: Reached target Rescue Mode.
You are in rescue mode. After logging in, type "journalctl -xb" to view`,
		want: []wantFinding{{1, "emergency-mode", ""}},
	},
	"emergency-mode/locked": {
		log: `[   95.201500] systemd[1]: Reached target Emergency Mode.
Cannot open access to console, the root account is locked.
See sulogin(8) man page for more details.

Press Enter to continue.`,
		want: []wantFinding{{1, "emergency-mode", ""}},
	},
	"dracut-timeout": {
		log: `[  OK  ] Reached target Basic System.
[  134.560191] dracut-initqueue[269]: Warning: dracut-initqueue timeout - starting timeout scripts
[  135.101292] dracut-initqueue[269]: Warning: dracut-initqueue timeout - starting timeout scripts
[  135.620191] dracut-initqueue[269]: Warning: dracut-initqueue timeout - starting timeout scripts`,
		want: []wantFinding{{1, "dracut-timeout", ""}},
	},
	"dracut-no-boot": {
		log: `[  196.361022] dracut-initqueue[269]: Warning: Could not boot.
[  196.402311] dracut-initqueue[269]: Warning: /dev/mapper/rhel-root does not exist
         Starting Setup Virtual Console...
Entering emergency mode. Exit the shell to continue.
[    3.100000] dracut: FATAL: No or empty root= argument
[    3.100100] dracut: Refusing to continue`,
		want: []wantFinding{{0, "dracut-no-boot", ""}, {1, "dracut-no-boot", ""}, {3, "emergency-mode", ""}, {4, "dracut-no-boot", ""}, {5, "dracut-no-boot", ""}},
	},
	"failed-unit": {
		log: `[FAILED] Failed to start nginx.service - A high performance web server and a reverse proxy server.
See 'systemctl status nginx.service' for details.
[   21.441230] systemd[1]: Failed to start nginx.service - A high performance web server and a reverse proxy server.
[FAILED] Failed to mount /data.
[FAILED] Failed to start Network Manager Wait Online.
[FAILED] Failed to start nginx.service - A high performance web server and a reverse proxy server.`,
		want: []wantFinding{
			{0, "failed-unit", "nginx.service - A high performance web server and a reverse proxy server"},
			{3, "failed-unit", "/data"},
			{4, "failed-unit", "Network Manager Wait Online"},
		},
	},
	"dependency-failed": {
		log: `[DEPEND] Dependency failed for Local File Systems.
[DEPEND] Dependency failed for /data.
[DEPEND] Dependency failed for Local File Systems.`,
		want: []wantFinding{{0, "dependency-failed", "Local File Systems"}, {1, "dependency-failed", "/data"}},
	},
	"start-job": {
		log: `[  *** ] A start job is running for /dev/disk/by-uuid/0b1c-4d2e (12s / 1min 30s)
[ ***  ] A start job is running for /dev/disk/by-uuid/0b1c-4d2e (13s / 1min 30s)
[***   ] A start job is running for /dev/disk/by-uuid/0b1c-4d2e (14s / 1min 30s)
[**    ] A start job is running for Wait for Network to be Configured (1min 2s / no limit)
[ TIME ] Timed out waiting for device dev-disk-by\x2duuid-0b1c\x2d4d2e.device - /dev/disk/by-uuid/0b1c-4d2e.`,
		want: []wantFinding{
			{0, "start-job", "/dev/disk/by-uuid/0b1c-4d2e"},
			{3, "start-job", "Wait for Network to be Configured"},
			{4, "device-timeout", `dev-disk-by\x2duuid-0b1c\x2d4d2e.device`},
		},
	},
	"stop-job": {
		log: `[  *** ] A stop job is running for Session 3 of user admin (7s / 1min 30s)
[ ***  ] A stop job is running for Session 3 of user admin (8s / 1min 30s)`,
		want: []wantFinding{{0, "stop-job", "Session 3 of user admin"}},
	},
	"device-timeout": {
		log: `[ TIME ] Timed out waiting for device /dev/vdb1.
[ TIME ] Timed out waiting for device /dev/vdb1.`,
		want: []wantFinding{{0, "device-timeout", "/dev/vdb1"}},
	},
	"cloud-init": {
		log: `[   25.210001] cloud-init[1102]: Cloud-init v. 23.4-7.el9 running 'modules:final' at Thu, 26 Nov 2026 14:03:20 +0000. Up 25.11 seconds.
[   25.311002] cloud-init[1102]: 2026-11-26 14:03:21,345 - util.py[WARNING]: Failed running /var/lib/cloud/instance/scripts/runcmd [1]
[   25.311503] cloud-init[1102]: 2026-11-26 14:03:21,346 - cc_scripts_user.py[WARNING]: Failed to run module scripts-user (scripts in /var/lib/cloud/instance/scripts)
[   25.312004] cloud-init[1102]: 2026-11-26 14:03:21,347 - util.py[ERROR]: Failed to mount /dev/vdb
[   25.312504] cloud-init[1102]: ERROR: Could not find a datasource
ci-info: no authorized SSH keys fingerprints found for user admin.`,
		want: []wantFinding{{2, "cloud-init", "scripts-user"}, {3, "cloud-init", ""}, {4, "cloud-init", ""}},
	},
	"traceback": {
		log: `[   26.001000] cloud-init[1102]: Traceback (most recent call last):
[   26.001100] cloud-init[1102]:   File "/usr/lib/python3/dist-packages/cloudinit/util.py", line 1608, in subp
[   26.001200] cloud-init[1102]: OSError: [Errno 8] Exec format error`,
		want: []wantFinding{{0, "traceback", ""}},
	},
	"no-boot-device": {
		log: `SeaBIOS (version 1.16.0-4.al8)
Booting from Hard Disk...
Boot failed: not a bootable disk

No bootable device.`,
		want: []wantFinding{{2, "no-boot-device", ""}, {4, "no-boot-device", ""}},
	},
	"grub": {
		log: `error: file '/boot/vmlinuz-5.14.0-362.8.1.el9_3.x86_64' not found.
error: you need to load the kernel first.

Press any key to continue...
error: no such partition.
Entering rescue mode...
grub rescue> 
error: file ` + "`" + `/initramfs-3.10.0-1160.119.1.el7.x86_64.img' not found.`,
		want: []wantFinding{{0, "grub", ""}, {1, "grub", ""}, {4, "grub", ""}, {5, "grub", ""}, {6, "grub", ""}, {7, "grub", ""}},
	},
	"io-error": {
		log: `[  512.100001] blk_update_request: I/O error, dev vda, sector 2048 op 0x1:(WRITE) flags 0x800 phys_seg 1 prio class 0
[  512.100101] Buffer I/O error on dev vda1, logical block 0, lost async page write
[  512.100201] print_req_error: I/O error, dev vdb, sector 77 flags 0
[  512.100301] I/O error, dev vdc, sector 999 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 2`,
		want: []wantFinding{{0, "io-error", ""}, {1, "io-error", ""}, {2, "io-error", ""}, {3, "io-error", ""}},
	},
}

func TestRuleFragments(t *testing.T) {
	rules := DefaultRules()
	for name, frag := range ruleFragments {
		t.Run(name, func(t *testing.T) {
			got := Scan(strings.Split(frag.log, "\n"), rules)
			if len(got) != len(frag.want) {
				t.Fatalf("got %d findings %s, want %d", len(got), describe(got), len(frag.want))
			}
			for i, w := range frag.want {
				g := got[i]
				if g.Line != w.line || g.Rule.Name != w.rule || g.Key != w.key {
					t.Errorf("finding %d = line %d rule %s key %q, want line %d rule %s key %q",
						i, g.Line, g.Rule.Name, g.Key, w.line, w.rule, w.key)
				}
			}
		})
	}
}

func TestEveryRuleHasAFragment(t *testing.T) {
	for _, r := range DefaultRules() {
		frag, ok := ruleFragments[r.Name]
		if !ok {
			t.Errorf("rule %s has no fragment in ruleFragments", r.Name)
			continue
		}
		found := false
		for _, w := range frag.want {
			found = found || w.rule == r.Name
		}
		if found == r.Ignore {
			t.Errorf("fragment for %s: a rule reports findings exactly when it is not an Ignore rule", r.Name)
		}
	}
}

func TestRuleTableIsWellFormed(t *testing.T) {
	names := map[string]bool{}
	for _, r := range DefaultRules() {
		if names[r.Name] {
			t.Errorf("duplicate rule name %s", r.Name)
		}
		names[r.Name] = true
		if r.Pattern == nil || (r.Summary == "" && !r.Ignore) || len(r.Needles) == 0 {
			t.Errorf("rule %s lacks a pattern, summary or needles", r.Name)
		}
		for _, n := range r.Needles {
			if len(n) < 2 {
				t.Errorf("rule %s: needle %q shorter than two bytes", r.Name, n)
			}
		}
		if r.Plural != "" && strings.Count(r.Plural, "%d") != 1 {
			t.Errorf("rule %s: plural %q needs exactly one %%d", r.Name, r.Plural)
		}
	}
}

// TestNeedlesCoverPatterns checks the prefilter against the regexps: every line of every
// fragment that a rule's regexp matches must contain one of the rule's needles, or the prefilter
// would hide the match.
func TestNeedlesCoverPatterns(t *testing.T) {
	for _, r := range DefaultRules() {
		for _, frag := range ruleFragments {
			for _, line := range strings.Split(frag.log, "\n") {
				if !r.Pattern.MatchString(line) {
					continue
				}
				ok := false
				for _, n := range r.Needles {
					ok = ok || strings.Contains(line, n)
				}
				if !ok {
					t.Errorf("rule %s matches %q but none of its needles occurs in it", r.Name, line)
				}
			}
		}
	}
}

// benignLines look like failures to a careless pattern but are normal boot output.
var benignLines = []string{
	`[  OK  ] Started Failed unit cleanup.`,
	`[  OK  ] Started failed-login-notify.service - Notify about failed logins.`,
	`         Starting systemd-fsck@dev-vda1.service - File System Check on /dev/vda1...`,
	`[  OK  ] Finished systemd-fsck-root.service - File System Check on Root Device.`,
	`[    3.400101] systemd-fsck[301]: /dev/vda1: clean, 61133/2621440 files, 910201/10485504 blocks`,
	`[    0.000000] Linux version 5.15.0-91-generic (buildd@lcy02-amd64-045) (gcc (Ubuntu 11.4.0-1ubuntu1~22.04) 11.4.0)`,
	`[    0.201234] x86/cpu: SGX disabled by BIOS.`,
	`[    0.312345] Spectre V2 : Mitigation: Retpolines`,
	`[    0.500000] ACPI: PM: (supports S0 S5)`,
	`[    1.020304] DEBUG: probing virtio devices`,
	`[    5.100000] systemd[1]: Starting Load Kernel Module dm_mod...`,
	`[   25.210001] cloud-init[1102]: Cloud-init v. 23.4 finished at Thu, 26 Nov 2026 14:03:22 +0000. Datasource DataSourceAliYun. Up 25.12 seconds`,
	`[   25.210002] cloud-init[1102]: ci-info: | eth0 | True | 172.16.0.12 | 255.255.240.0 | global | 00:16:3e:0a:0b:0c |`,
	`[   25.210003] cloud-init[1102]: 2026-11-26 14:03:21,345 - handlers.py[WARNING]: errors: 0`,
	`[   30.000000] audit: type=1130 audit(1764165802.123:95): pid=1 uid=0 msg='unit=systemd-rfkill comm="systemd" res=failed'`,
	`[   31.000000] kernel: oom_reaper: reaped process 4711 (java), now anon-rss:0kB`,
	`Welcome to Alibaba Cloud Elastic Compute Service !`,
	`[  OK  ] Reached target Emergency Mode Disabled.`,
	`web-1 login: `,
	`Ubuntu 22.04.3 LTS web-1 ttyS0`,
	`[   40.000000] app[812]: request failed: upstream error: connection refused`,
	`[   41.000000] nginx[900]: 2026/11/26 14:03:22 [error] 900#900: *1 open() "/usr/share/nginx/html/favicon.ico" failed`,
	`[   42.000000] EXT4-fs (vda1): mounted filesystem with ordered data mode. Quota mode: none.`,
	`[   43.000000] XFS (vdb1): Ending clean mount`,
}

func TestBenignLinesAreNotFindings(t *testing.T) {
	if got := Scan(benignLines, DefaultRules()); len(got) != 0 {
		t.Errorf("benign lines produced findings: %s", describe(got))
	}
}

func describe(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("\n  ")
		b.WriteString(f.Rule.Name)
		b.WriteString(": ")
		b.WriteString(f.Text)
	}
	return b.String()
}

// TestEveryRuleExplainsItself runs each default rule on its fragment and checks that the finding
// it produces carries a one-sentence explanation and remedy for the findings panel.
func TestEveryRuleExplainsItself(t *testing.T) {
	rules := DefaultRules()
	for i := range rules {
		r := &rules[i]
		if r.Ignore {
			continue
		}
		t.Run(r.Name, func(t *testing.T) {
			var hit *Finding
			for _, f := range Scan(strings.Split(ruleFragments[r.Name].log, "\n"), rules) {
				if f.Rule == r {
					hit = &f
					break
				}
			}
			if hit == nil {
				t.Fatalf("rule %s does not fire on its fragment", r.Name)
			}
			for what, s := range map[string]string{"explanation": hit.Rule.Explain, "remedy": hit.Rule.Remedy} {
				if s == "" || strings.ContainsAny(s, "\n\t") || !strings.HasSuffix(s, ".") {
					t.Errorf("%s %q: want one non-empty sentence", what, s)
				}
			}
		})
	}
}
