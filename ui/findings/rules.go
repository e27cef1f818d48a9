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
			Plural:   "%d root fs mount failures",
		},
		{
			Name:     "cpu-stall",
			Severity: Warning,
			Pattern:  regexp.MustCompile(`BUG: soft lockup - CPU#\d+ stuck|rcu_\w+ self-detected stall|rcu_\w+ detected stalls`),
			Needles:  []string{"soft lockup", "self-detected stall", "detected stalls"},
			Summary:  "CPU stall",
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
			Plural:   "%d kernel oopses",
		},
		{
			Name:     "hung-task",
			Severity: Warning,
			Pattern:  regexp.MustCompile(`INFO: task (?P<key>\S+?):\d+ blocked for more than \d+ seconds`),
			Needles:  []string{"blocked for more than"},
			Summary:  "Hung task",
			Plural:   "%d hung-task reports",
		},
		{
			Name:     "kernel-warning",
			Severity: Warning,
			Pattern:  regexp.MustCompile(`WARNING: CPU: \d+ PID: \d+ at `),
			Needles:  []string{"WARNING: CPU:"},
			Summary:  "Kernel warning",
			Plural:   "%d kernel warnings",
		},
		{
			Name:     "call-trace",
			Severity: Warning,
			Pattern:  regexp.MustCompile(`\bCall Trace:`),
			Needles:  []string{"Call Trace:"},
			Summary:  "Call trace",
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
			Plural:   "%d OOM kills",
			Dedupe:   true,
		},
		{
			Name:     "fsck-failed",
			Severity: Critical,
			Pattern:  regexp.MustCompile(`UNEXPECTED INCONSISTENCY; RUN fsck MANUALLY|\bfsck failed\b`),
			Needles:  []string{"UNEXPECTED INCONSISTENCY", "fsck failed"},
			Summary:  "fsck failed",
			Plural:   "%d fsck failures",
		},
		{
			Name:     "fs-errors",
			Severity: Warning,
			Pattern:  regexp.MustCompile(`contains a file system with errors|EXT4-fs error \(device |XFS \([^)]+\): (?:Corruption|Internal error|metadata I/O error)`),
			Needles:  []string{"contains a file system with errors", "EXT4-fs error", "XFS ("},
			Summary:  "File system errors",
			Plural:   "%d file system error reports",
		},
		{
			// The emergency shell repeats its prompt after every failed login; the first
			// message is the one to jump to.
			Name:     "emergency-mode",
			Severity: Critical,
			Pattern:  regexp.MustCompile(`You are in emergency mode|Entering emergency mode|Welcome to emergency mode|Give root password for maintenance|Press Enter for maintenance`),
			Needles:  []string{"emergency mode", "Give root password", "Press Enter for maintenance"},
			Summary:  "Emergency mode",
			Dedupe:   true,
		},
		{
			// dracut prints the timeout once per pass of its main loop, dozens of times.
			Name:     "dracut-timeout",
			Severity: Critical,
			Pattern:  regexp.MustCompile(`dracut-initqueue timeout`),
			Needles:  []string{"dracut-initqueue timeout"},
			Summary:  "dracut-initqueue timeout",
			Dedupe:   true,
		},
		{
			Name:     "dracut-no-boot",
			Severity: Critical,
			Pattern:  regexp.MustCompile(`Warning: (?:Could not boot|/dev/\S+ does not exist)`),
			Needles:  []string{"Could not boot", "does not exist"},
			Summary:  "dracut could not boot",
			Plural:   "%d dracut boot failures",
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
			Plural:   "%d units failed",
			Dedupe:   true,
		},
		{
			Name:     "dependency-failed",
			Severity: Warning,
			Pattern:  regexp.MustCompile(`Dependency failed for (?P<key>.+?)\.?\s*$`),
			Needles:  []string{"Dependency failed for "},
			Summary:  "Dependency failed",
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
			Plural:   "%d start jobs hung",
			Dedupe:   true,
		},
		{
			Name:     "stop-job",
			Severity: Info,
			Pattern:  regexp.MustCompile(`A stop job is running for (?P<key>.+?)(?:\s+\(\d[^)]*\))?\s*$`),
			Needles:  []string{"A stop job is running"},
			Summary:  "Stop job waited",
			Plural:   "%d stop jobs waited",
			Dedupe:   true,
		},
		{
			Name:     "device-timeout",
			Severity: Warning,
			Pattern:  regexp.MustCompile(`Timed out waiting for device (?P<key>\S+?)\.?(?:\s|$)`),
			Needles:  []string{"Timed out waiting for device"},
			Summary:  "Device timed out",
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
			Plural:   "%d cloud-init errors",
		},
		{
			Name:     "traceback",
			Severity: Warning,
			Pattern:  regexp.MustCompile(`Traceback \(most recent call last\)`),
			Needles:  []string{"Traceback (most recent call last)"},
			Summary:  "Python traceback",
			Plural:   "%d Python tracebacks",
		},
		{
			Name:     "no-boot-device",
			Severity: Critical,
			Pattern:  regexp.MustCompile(`No bootable device|Boot failed: (?:not a bootable disk|could not read the boot disk)|Operating System not found|Missing operating system`),
			Needles:  []string{"No bootable device", "Boot failed: ", "Operating System not found", "Missing operating system"},
			Summary:  "No bootable device",
			Plural:   "%d boot device failures",
		},
		{
			// GRUB prints its errors at the start of a line with no prefix; anchoring there keeps
			// "error: " in program output further along a line from counting.
			Name:     "grub",
			Severity: Critical,
			Pattern:  regexp.MustCompile(`^\s*error: (?:file '[^']*' not found|no such partition|unknown filesystem|you need to load the kernel first|no such device|disk '[^']*' not found|attempt to read or write outside of disk|invalid magic number)|grub rescue>|^Entering rescue mode`),
			Needles:  []string{"error: ", "grub rescue>", "Entering rescue mode"},
			Summary:  "GRUB error",
			Plural:   "%d GRUB errors",
		},
		{
			Name:     "io-error",
			Severity: Warning,
			Pattern:  regexp.MustCompile(`blk_update_request: (?:critical \w+ )?I/O error|print_req_error: I/O error|I/O error, dev \S+, sector \d+|Buffer I/O error on dev`),
			Needles:  []string{"I/O error"},
			Summary:  "I/O error",
			Plural:   "%d I/O errors",
		},
	}
}
