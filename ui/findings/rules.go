package findings

import "regexp"

// DefaultRules returns the built-in rule table, a fresh copy on every call so that callers may
// modify it. Order matters: a line becomes at most one finding, from the first rule that matches
// it, so specific rules (a soft lockup, which the kernel prints as "BUG: soft lockup") come before
// general ones ("BUG:").
//
// To add a rule, append an entry here and a fragment of a real-looking log to ruleFragments in
// rules_test.go; TestEveryRuleHasAFragment insists on the latter.
func DefaultRules() []Rule {
	return []Rule{
		{
			// The kernel closes a panic or an oops with a "---[ end ... ]---" line that repeats
			// its reason ("Unable to mount root fs"); it is not a second failure.
			Name:    "trace-trailer",
			Pattern: regexp.MustCompile(`---\[ end (?:Kernel panic|trace)`),
			Needles: []string{"---[ end "},
			Ignore:  true,
		},
		{
			Name:     "kernel-panic",
			Severity: Critical,
			Pattern:  regexp.MustCompile(`Kernel panic - not syncing`),
			Needles:  []string{"Kernel panic"},
			Summary:  "Kernel panic",
			Explain:  "The kernel hit an error it cannot recover from and stopped; the reason follows \"not syncing:\".",
			Remedy:   "Read the lines above the panic for its cause; if it follows a kernel update, pick the previous kernel in the GRUB menu over the VNC console, then fix or remove the new one.",
			Plural:   "%d kernel panics",
		},
		{
			// The kernel says this just before it panics when root= names a device it has no
			// driver for, which is the most common cause of that panic after a kernel update.
			Name:     "no-root-fs",
			Severity: Critical,
			Pattern:  regexp.MustCompile(`Unable to mount root fs|VFS: Cannot open root device`),
			Needles:  []string{"Unable to mount root fs", "Cannot open root device"},
			Summary:  "Root fs not mounted",
			Explain:  "The kernel could not mount the root file system named by root=: the device is missing, or its driver or file system is not in the initramfs.",
			Remedy:   "Check root= (or its UUID) on the kernel command line against blkid, and that the initramfs has the disk drivers (dracut -f --add-drivers \"virtio_blk virtio_pci nvme\"); boot the previous kernel meanwhile.",
			Plural:   "%d root fs mount failures",
		},
		{
			Name:     "cpu-stall",
			Severity: Warning,
			Pattern:  regexp.MustCompile(`BUG: soft lockup - CPU#\d+ stuck|rcu_\w+ self-detected stall|rcu_\w+ detected stalls`),
			Needles:  []string{"soft lockup", "self-detected stall", "detected stalls"},
			Summary:  "CPU stall",
			Explain:  "A CPU ran kernel code without scheduling for tens of seconds (soft lockup or RCU stall): an overloaded host, a stuck driver or a kernel bug.",
			Remedy:   "Check steal time, CPU credits and the instance's system events in the ECS console; if the trace points at the same place each time, update the kernel.",
			Plural:   "%d CPU stalls",
		},
		{
			// "BUG: " must follow the start of the line, a space, ']' or ':' so that words such
			// as "DEBUG: " in application output do not count.
			Name:     "kernel-oops",
			Severity: Critical,
			Pattern:  regexp.MustCompile(`\bOops(?::| -|\s*\[#\d+\])|(?:^|[\s\]:])BUG: |kernel BUG at |general protection fault[:,]`),
			Needles:  []string{"Oops", "BUG: ", "BUG at ", "general protection fault"},
			Summary:  "Kernel oops",
			Explain:  "The kernel detected a bug (NULL dereference, BUG(), protection fault) and killed the task it was running; the system may go on in a bad state.",
			Remedy:   "Note the module and function in the trace that follows, update or roll back the kernel or the out-of-tree module named there, and reboot.",
			Plural:   "%d kernel oopses",
		},
		{
			Name:     "hung-task",
			Severity: Warning,
			Pattern:  regexp.MustCompile(`INFO: task (?P<key>\S+?):\d+ blocked for more than \d+ seconds`),
			Needles:  []string{"blocked for more than"},
			Summary:  "Hung task",
			Explain:  "A task waited more than two minutes without being able to run, usually for disk I/O.",
			Remedy:   "Look for I/O errors and check the disk's performance limits (cloud disk category, burst credits); the task named (jbd2, xfsaild) tells which file system waited.",
			Plural:   "%d hung-task reports",
		},
		{
			Name:     "kernel-warning",
			Severity: Warning,
			Pattern:  regexp.MustCompile(`WARNING: CPU: \d+ PID: \d+ at `),
			Needles:  []string{"WARNING: CPU:"},
			Summary:  "Kernel warning",
			Explain:  "The kernel met an unexpected condition (WARN_ON) and carried on.",
			Remedy:   "Usually harmless on its own; note the function named, and look for a kernel update if it repeats.",
			Plural:   "%d kernel warnings",
		},
		{
			Name:     "call-trace",
			Severity: Warning,
			Pattern:  regexp.MustCompile(`\bCall Trace:`),
			Needles:  []string{"Call Trace:"},
			Summary:  "Call trace",
			Explain:  "A kernel stack trace, printed with an oops, a warning, a hung task or a stall.",
			Remedy:   "Read the message just above the trace: it says what happened, the trace says where.",
			Plural:   "%d call traces",
		},
		{
			// One OOM kill prints an "oom-kill:" line and then "Out of memory: Killed process";
			// both carry the PID, which is the key, so the kill counts once.
			Name:     "oom-kill",
			Severity: Warning,
			Pattern:  regexp.MustCompile(`oom-kill:.*\bpid=(?P<key>\d+)|[Oo]ut of memory: Kill(?:ed)? process (?P<key>\d+)`),
			Needles:  []string{"oom-kill:", "of memory: Kill"},
			Summary:  "OOM kill",
			Explain:  "The kernel ran out of memory and killed the process with the highest OOM score.",
			Remedy:   "Find what grew (the killed process and its memory are on the line), then limit it, add swap, or move to an instance type with more memory.",
			Plural:   "%d OOM kills",
			Dedupe:   true,
		},
		{
			Name:     "fsck-failed",
			Severity: Critical,
			Pattern:  regexp.MustCompile(`UNEXPECTED INCONSISTENCY; RUN fsck MANUALLY|\bfsck failed\b`),
			Needles:  []string{"UNEXPECTED INCONSISTENCY", "fsck failed"},
			Summary:  "fsck failed",
			Explain:  "fsck found errors it will not repair without a person (UNEXPECTED INCONSISTENCY), so the boot stops.",
			Remedy:   "Run fsck on the device by hand from the emergency shell over the VNC console, or boot a rescue system (attach the disk to a helper instance); add nofail to data disks in /etc/fstab so that one bad disk does not block the boot.",
			Plural:   "%d fsck failures",
		},
		{
			Name:     "fs-errors",
			Severity: Warning,
			Pattern:  regexp.MustCompile(`contains a file system with errors|EXT4-fs error \(device |XFS \([^)]+\): (?:Corruption|Internal error|metadata I/O error)`),
			Needles:  []string{"contains a file system with errors", "EXT4-fs error", "XFS ("},
			Summary:  "File system errors",
			Explain:  "The file system driver found corruption on disk.",
			Remedy:   "Snapshot the disk first, then unmount it and run fsck (ext4) or xfs_repair (XFS).",
			Plural:   "%d file system error reports",
		},
		{
			// The emergency shell repeats its prompt after every failed login; the first
			// message is the one to jump to.
			Name:     "emergency-mode",
			Severity: Critical,
			// The rescue shell (systemd's rescue.target) waits the same way. "root account is
			// locked" is what sulogin says instead of the prompt on cloud images without a root
			// password, which leaves only the VNC console and GRUB.
			Pattern: regexp.MustCompile(`You are in (?:emergency|rescue) mode|Entering emergency mode|Welcome to emergency mode|Give root password for maintenance|Press Enter for maintenance|Cannot open access to console, the root account is locked`),
			Needles: []string{"emergency mode", "rescue mode", "Give root password", "Press Enter for maintenance", "root account is locked"},
			Summary: "Emergency mode",
			Explain: "systemd gave up on something the boot needs (usually a mount in /etc/fstab) and opened the emergency or rescue shell, which waits for the root password.",
			Remedy:  "Log in on the VNC console (the serial log cannot be typed into), run journalctl -xb to find the failed unit, fix /etc/fstab (nofail for data disks) and reboot; if root is locked, add rd.break to the kernel command line in GRUB.",
			Dedupe:  true,
		},
		{
			// dracut prints the timeout once per pass of its main loop, dozens of times.
			Name:     "dracut-timeout",
			Severity: Critical,
			Pattern:  regexp.MustCompile(`dracut-initqueue timeout`),
			Needles:  []string{"dracut-initqueue timeout"},
			Summary:  "dracut-initqueue timeout",
			Explain:  "The initramfs waited for the root device and it did not appear.",
			Remedy:   "Check root= and rd.lvm.lv= against the disk (a UUID changes when a disk is replaced or cloned) and that the initramfs has the disk drivers; rebuild it with dracut -f.",
			Dedupe:   true,
		},
		{
			Name:     "dracut-no-boot",
			Severity: Critical,
			// die() in dracut-lib.sh prints "FATAL: ..." and "Refusing to continue" when it
			// gives up (no root= argument, a failed hook).
			Pattern: regexp.MustCompile(`Warning: (?:Could not boot|/dev/\S+ does not exist)|dracut(?:-\w+)?(?:\[\d+\])?: (?:FATAL: |Refusing to continue)`),
			Needles: []string{"Could not boot", "does not exist", "FATAL: ", "Refusing to continue"},
			Summary: "dracut could not boot",
			Explain: "dracut gave up: the root device does not exist, so it drops to its emergency shell.",
			Remedy:  "On the VNC console read /run/initramfs/rdsosreport.txt, then fix root= or the missing drivers as for a dracut timeout and rebuild the initramfs with dracut -f.",
			Plural:  "%d dracut boot failures",
		},
		{
			// The status line ("[FAILED] Failed to start X.") and systemd's own log line
			// ("systemd[1]: Failed to start X.") name the unit the same way, so the key (X)
			// makes them one failure.
			Name:     "failed-unit",
			Severity: Warning,
			Pattern:  regexp.MustCompile(`\[\s*FAILED\s*\] Failed to (?:start|mount|activate|listen on|set up) (?P<key>.+?)\.?\s*$|systemd\[\d+\]: Failed to (?:start|mount) (?P<key>.+?)\.?\s*$`),
			Needles:  []string{"FAILED", "Failed to start ", "Failed to mount "},
			Summary:  "Unit failed",
			Explain:  "A systemd unit failed to start or mount; the boot went on without it.",
			Remedy:   "Run journalctl -b -u UNIT to see why; a failed mount of a data disk wants the right UUID or nofail in /etc/fstab.",
			Plural:   "%d units failed",
			Dedupe:   true,
		},
		{
			Name:     "dependency-failed",
			Severity: Warning,
			Pattern:  regexp.MustCompile(`Dependency failed for (?P<key>.+?)\.?\s*$`),
			Needles:  []string{"Dependency failed for "},
			Summary:  "Dependency failed",
			Explain:  "A unit was not started because a unit it requires failed.",
			Remedy:   "Fix the failed unit it depends on, reported just above; this line is the consequence.",
			Plural:   "%d dependencies failed",
			Dedupe:   true,
		},
		{
			// systemd redraws "A start job is running for X (1min 3s / 1min 30s)" every second
			// with a new time; the job name without the time is the key.
			Name:     "start-job",
			Severity: Warning,
			Pattern:  regexp.MustCompile(`A start job is running for (?P<key>.+?)(?:\s+\(\d[^)]*\))?\s*$`),
			Needles:  []string{"A start job is running"},
			Summary:  "Start job hung",
			Explain:  "systemd is waiting for a unit, often a disk from /etc/fstab or the network, and gives up after its timeout (90 s by default).",
			Remedy:   "Check the unit named: a missing disk wants its /etc/fstab entry fixed or nofail, a network wait the VPC and DHCP settings.",
			Plural:   "%d start jobs hung",
			Dedupe:   true,
		},
		{
			Name:     "stop-job",
			Severity: Info,
			Pattern:  regexp.MustCompile(`A stop job is running for (?P<key>.+?)(?:\s+\(\d[^)]*\))?\s*$`),
			Needles:  []string{"A stop job is running"},
			Summary:  "Stop job waited",
			Explain:  "systemd waited for a unit to stop during shutdown.",
			Remedy:   "Harmless but slow: find why the service ignores SIGTERM, or lower its TimeoutStopSec.",
			Plural:   "%d stop jobs waited",
			Dedupe:   true,
		},
		{
			Name:     "device-timeout",
			Severity: Warning,
			Pattern:  regexp.MustCompile(`Timed out waiting for device (?P<key>\S+?)\.?(?:\s|$)`),
			Needles:  []string{"Timed out waiting for device"},
			Summary:  "Device timed out",
			Explain:  "A device named in /etc/fstab or by a unit never appeared, usually a detached or renamed disk.",
			Remedy:   "Compare the device or UUID with lsblk and blkid; use UUID= rather than /dev/vdX names, and nofail for data disks.",
			Plural:   "%d devices timed out",
			Dedupe:   true,
		},
		{
			// cloud-init logs "... - util.py[WARNING]: ..." and "[ERROR]" variants to the
			// console; only errors and failed modules are failures. The needles are the error
			// words, not "cloud-init": cloud-init prints dozens of harmless lines per boot, and
			// running this regexp (with its ".*") on each of them dominated the scan time.
			Name:     "cloud-init",
			Severity: Warning,
			Pattern:  regexp.MustCompile(`cloud-init(?:\[\d+\])?:.*(?:\[(?:ERROR|CRITICAL)\]|\bERROR\b)|Failed to run module (?P<key>\S+)`),
			Needles:  []string{"ERROR", "CRITICAL", "Failed to run module"},
			Summary:  "cloud-init error",
			Explain:  "cloud-init failed a module or found no datasource, so user data, SSH keys, host name or network settings may not be applied.",
			Remedy:   "Read /var/log/cloud-init.log on the instance; check the user data script and that the metadata service at 100.100.100.200 answers.",
			Plural:   "%d cloud-init errors",
		},
		{
			Name:     "traceback",
			Severity: Warning,
			Pattern:  regexp.MustCompile(`Traceback \(most recent call last\)`),
			Needles:  []string{"Traceback (most recent call last)"},
			Summary:  "Python traceback",
			Explain:  "A Python program (often cloud-init or an agent) died with an exception.",
			Remedy:   "The traceback's last line names the error; see that program's own log for the rest.",
			Plural:   "%d Python tracebacks",
		},
		{
			Name:     "no-boot-device",
			Severity: Critical,
			Pattern:  regexp.MustCompile(`No bootable device|Boot failed: (?:not a bootable disk|could not read the boot disk)|Operating System not found|Missing operating system`),
			Needles:  []string{"No bootable device", "Boot failed: ", "Operating System not found", "Missing operating system"},
			Summary:  "No bootable device",
			Explain:  "The firmware found no bootable disk: the system disk has no boot loader, or is not attached as the boot disk.",
			Remedy:   "Check that the system disk is attached; reinstall GRUB from a helper instance with the disk attached, or restore the disk from a snapshot.",
			Plural:   "%d boot device failures",
		},
		{
			// GRUB prints its errors at the start of a line with no prefix; anchoring there keeps
			// "error: " in program output further along a line from counting. GRUB 2.02 and
			// older quote names `like this', later versions 'like this'.
			Name:     "grub",
			Severity: Critical,
			Pattern:  regexp.MustCompile(`^\s*error: (?:file [\x60'][^']*' not found|no such partition|unknown filesystem|you need to load the kernel first|no such device|disk [\x60'][^']*' not found|attempt to read or write outside of disk|invalid magic number)|grub rescue>|^Entering rescue mode`),
			Needles:  []string{"error: ", "grub rescue>", "Entering rescue mode"},
			Summary:  "GRUB error",
			Explain:  "GRUB could not find or load the kernel, its configuration or its partition, and stopped at a prompt.",
			Remedy:   "On the VNC console pick another kernel in the GRUB menu, then regenerate grub.cfg (grub2-mkconfig) and check that /boot is not full and the kernel file exists.",
			Plural:   "%d GRUB errors",
		},
		{
			Name:     "io-error",
			Severity: Warning,
			Pattern:  regexp.MustCompile(`blk_update_request: (?:critical \w+ )?I/O error|print_req_error: I/O error|I/O error, dev \S+, sector \d+|Buffer I/O error on dev`),
			Needles:  []string{"I/O error"},
			Summary:  "I/O error",
			Explain:  "The block layer failed to read or write a disk sector.",
			Remedy:   "Check the cloud disk's status and events in the ECS console (a detached disk or an exhausted throughput limit shows the same); snapshot before any repair.",
			Plural:   "%d I/O errors",
		},
	}
}
