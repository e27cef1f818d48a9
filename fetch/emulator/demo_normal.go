package emulator

import (
	"fmt"
	"strings"
)

// bootOpts varies a boot between instances and scenarios. Each hook writes into the boot at the
// point where the real system would print it.
type bootOpts struct {
	services  []unit              // extra application services started before multi-user.target
	rcLocal   func(w *bootWriter) // output of rc.local / a custom boot script, after the network is up
	cloudInit func(w *bootWriter) // cloud-init stages (Ubuntu), replaces the plain network start
	beforeTTY func(w *bootWriter) // printed just before the login prompt (banners)
}

// normalBoot writes a complete, successful boot from the first kernel line to the login prompt.
func (w *bootWriter) normalBoot(o bootOpts) {
	w.kernelEarly()
	w.initrd()
	w.initrdFinish()
	w.systemdEarly()
	w.localFS(nil)
	w.systemdLate(o)
	w.login(o)
}

// systemdEarly writes systemd's start on the real root: banner, welcome line, sockets, slices and
// the early mounts and services.
func (w *bootWriter) systemdEarly() {
	os := w.os
	w.pace = 0.004
	if os.family == famEL7 || os.family == famAL3 {
		w.kf("type=1404 audit(%s:2): enforcing=1 old_enforcing=0 auid=4294967295 ses=4294967295", w.auditTime())
		w.kl("SELinux: 2048 avtab hash slots, 112846 rules.", "SELinux: 2048 avtab hash slots, 112846 rules.",
			"SELinux:  8 users, 14 roles, 5045 types, 316 bools, 1 sens, 1024 cats",
			"SELinux:  130 classes, 112846 rules", "SELinux:  Completing initialization.",
			"SELinux:  Setting up existing superblocks.")
		w.kf("type=1403 audit(%s:3): policy loaded auid=4294967295 ses=4294967295", w.auditTime())
		w.kf("systemd[1]: Successfully loaded SELinux policy in %.3fms.", 150+w.rng.Float64()*80)
		w.kf("systemd[1]: Relabelled /dev, /run and /sys/fs/cgroup in %.3fms.", 8+w.rng.Float64()*8)
	}
	w.kf("systemd[1]: %s", os.systemd)
	w.kl("systemd[1]: Detected virtualization kvm.", "systemd[1]: Detected architecture x86-64.")
	w.ll("", fmt.Sprintf("Welcome to \x1b[%sm%s\x1b[0m!", os.welcome, os.pretty), "")
	w.kf("systemd[1]: Set hostname to <%s>.", w.m.host)
	if os.family == famEL7 || os.family == famAL3 {
		w.kl("systemd[1]: Stopped Switch Root.", "systemd[1]: Stopped Journal Service.")
		w.status(os.ok, "Stopped Switch Root.")
		w.status(os.ok, "Stopped Journal Service.")
	}
	w.kf("systemd[1]: Queued start job for default target %s.", w.label(u("multi-user.target", "Multi-User System")))
	w.ok(u("system-getty.slice", w.sliceName("getty")), u("system-serial\\x2dgetty.slice", w.sliceName("serial-getty")),
		u("user.slice", "User and Session Slice"),
		u("systemd-ask-password-console.path", "Dispatch Password Requests to Console Directory Watch"),
		u("systemd-ask-password-wall.path", "Forward Password Requests to Wall Directory Watch"),
		u("proc-sys-fs-binfmt_misc.automount", "Arbitrary Executable File Formats File System Automount Point"),
		u("cryptsetup.target", "Local Encrypted Volumes"), u("remote-fs.target", "Remote File Systems"),
		u("slices.target", w.newer("Slice Units", "Slices")), u("swap.target", "Swaps"),
		u("systemd-initctl.socket", "initctl Compatibility Named Pipe"),
		u("systemd-journald-dev-log.socket", "Journal Socket (/dev/log)"),
		u("systemd-journald.socket", "Journal Socket"), u("systemd-udevd-control.socket", "udev Control Socket"),
		u("systemd-udevd-kernel.socket", "udev Kernel Socket"))
	w.units(u("dev-hugepages.mount", "Huge Pages File System"), u("dev-mqueue.mount", "POSIX Message Queue File System"),
		u("sys-kernel-debug.mount", "Kernel Debug File System"),
		u("kmod-static-nodes.service!", "Create list of static device nodes for the current kernel"),
		u("systemd-modules-load.service!", "Load Kernel Modules"),
		u("systemd-remount-fs.service!", "Remount Root and Kernel File Systems"),
		u("systemd-udev-trigger.service!", w.newer("Coldplug All udev Devices", "udev Coldplug all Devices")))
	if os.rootFS == "ext4" {
		if os.family == famDebian {
			w.kf("EXT4-fs (vda1): re-mounted %s. Quota mode: none.", w.m.rootUUID)
		} else {
			w.kl("EXT4-fs (vda1): re-mounted. Opts: errors=remount-ro")
		}
	}
	w.units(u("systemd-journald.service", "Journal Service"), u("systemd-sysctl.service!", "Apply Kernel Variables"),
		u("sys-fs-fuse-connections.mount", "FUSE Control File System"),
		u("sys-kernel-config.mount", "Kernel Configuration File System"),
		u("systemd-random-seed.service!", "Load/Save Random Seed"),
		u("systemd-tmpfiles-setup-dev.service!", "Create Static Device Nodes in /dev"))
	w.units(u("systemd-journal-flush.service!", "Flush Journal to Persistent Storage"),
		u("systemd-udevd.service", w.newer("Rule-based Manager for Device Events and Files", "udev Kernel Device Manager")))
	w.gap(0.3)
	w.pace = 0.002
	w.kl("input: PC Speaker as /devices/platform/pcspkr/input/input4",
		"piix4_smbus 0000:00:01.3: SMBus Host Controller at 0x700, revision 0",
		"virtio_balloon virtio3: 2 pages reported")
	w.kf("cirrus 0000:00:02.0: vgaarb: deactivate vga console")
	w.kl("Console: switching to colour dummy device 80x25",
		"[drm] Initialized cirrus 2.0.0 2019 for 0000:00:02.0 on minor 0",
		"fbcon: cirrusdrmfb (fb0) is primary device", "Console: switching to colour frame buffer device 128x48",
		"cirrus 0000:00:02.0: [drm] fb0: cirrusdrmfb frame buffer device",
		"ppdev: user-space parallel port driver", "cryptd: max_cpu_qlen set to 1000",
		"AVX2 version of gcm_enc/dec engaged.", "AES CTR mode by8 optimization enabled")
	w.ok(u("dev-ttyS0.device", "/dev/ttyS0"))
}

// localFS writes the local file system stage. mountData, when not nil, replaces the successful
// check and mount of the data disk.
func (w *bootWriter) localFS(mountData func(w *bootWriter)) {
	w.ok(u("local-fs-pre.target", w.newer("Preparation for Local File Systems", "Local File Systems (Pre)")))
	if w.m.dataGiB > 0 {
		if mountData != nil {
			mountData(w)
			return
		}
		dev := w.dataDevice()
		w.ok(dev)
		w.units(w.dataFsck())
		w.units(u("data.mount", "/data"))
		w.kl("EXT4-fs (vdb1): mounted filesystem with ordered data mode. Opts: (null)")
	}
	w.ok(u("local-fs.target", "Local File Systems"))
}

// dataDevice is the data disk's device unit.
func (w *bootWriter) dataDevice() unit {
	return u("dev-disk-by\\x2duuid-"+strings.ReplaceAll(w.m.dataUUID, "-", "\\x2d")+".device", "/dev/disk/by-uuid/"+w.m.dataUUID)
}

// dataFsck is the data disk's fsck unit.
func (w *bootWriter) dataFsck() unit {
	return u("systemd-fsck@dev-disk-by\\x2duuid-"+strings.ReplaceAll(w.m.dataUUID, "-", "\\x2d")+".service!", "File System Check on /dev/disk/by-uuid/"+w.m.dataUUID)
}

// systemdLate writes everything from sysinit.target to multi-user.target.
func (w *bootWriter) systemdLate(o bootOpts) {
	os := w.os
	early := []unit{u("systemd-tmpfiles-setup.service!", "Create Volatile Files and Directories")}
	if os.family == famEL7 || os.family == famAL3 {
		early = append(early, u("auditd.service", "Security Auditing Service"))
	} else {
		early = append(early, u("apparmor.service!", "Load AppArmor profiles"))
	}
	w.units(early...)
	if os.family == famEL7 || os.family == famAL3 {
		w.kf("type=1305 audit(%s:4): audit_pid=%d old=0 auid=4294967295 ses=4294967295 res=1", w.auditTime(), 480+w.rng.IntN(60))
	} else {
		pid := 400 + w.rng.IntN(40)
		for i, p := range []string{"lsb_release", "nvidia_modprobe", "/usr/bin/man", "/usr/lib/snapd/snap-confine", "tcpdump"} {
			w.kf(`audit: type=1400 audit(%s:%d): apparmor="STATUS" operation="profile_load" profile="unconfined" name="%s" pid=%d comm="apparmor_parser"`, w.auditTime(), i+2, p, pid+i)
		}
	}
	w.units(u("systemd-update-utmp.service!", "Record System Boot/Shutdown in UTMP"))
	w.ok(u("sysinit.target", "System Initialization"),
		u("systemd-tmpfiles-clean.timer", "Daily Cleanup of Temporary Directories"))
	if os.family != famEL7 {
		w.ok(u("logrotate.timer", "Daily rotation of log files"), u("fstrim.timer", "Discard unused blocks once a week"))
	}
	w.ok(u("timers.target", w.newer("Timer Units", "Timers")), u("dbus.socket", "D-Bus System Message Bus Socket"),
		u("sockets.target", w.newer("Socket Units", "Sockets")), u("basic.target", "Basic System"))
	w.ok(u("dbus.service", "D-Bus System Message Bus"))
	var svc []unit
	switch os.family {
	case famEL7:
		svc = []unit{u("chronyd.service", "NTP client/server"), u("irqbalance.service", "irqbalance daemon"),
			u("rsyslog.service", "System Logging Service"), u("systemd-logind.service", "Login Service"),
			u("crond.service", "Command Scheduler"), u("gssproxy.service", "GSSAPI Proxy Daemon"),
			u("polkit.service", "Authorization Manager")}
	case famAL3:
		svc = []unit{u("chronyd.service", "NTP client/server"), u("irqbalance.service", "irqbalance daemon"),
			u("rsyslog.service", "System Logging Service"), u("systemd-logind.service", "Login Service"),
			u("crond.service", "Command Scheduler"), u("atd.service", "Deferred execution scheduler"),
			u("polkit.service", "Authorization Manager"), u("sysstat.service!", "Resets System Activity Logs")}
	case famUbuntu:
		svc = []unit{u("chrony.service", "chrony, an NTP client/server"), u("irqbalance.service", "irqbalance daemon"),
			u("rsyslog.service", "System Logging Service"), u("systemd-logind.service", "User Login Management"),
			u("cron.service", "Regular background program processing daemon"),
			u("multipathd.service", "Device-Mapper Multipath Device Controller"),
			u("snapd.seeded.service!", "Wait until snapd is fully seeded"), u("unattended-upgrades.service", "Unattended Upgrades Shutdown")}
	default:
		svc = []unit{u("chrony.service", "chrony, an NTP client/server"), u("rsyslog.service", "System Logging Service"),
			u("systemd-logind.service", "User Login Management"),
			u("cron.service", "Regular background program processing daemon"),
			u("e2scrub_reap.service!", "Remove Stale Online ext4 Metadata Check Snapshots")}
	}
	w.units(svc...)
	if o.cloudInit != nil {
		o.cloudInit(w)
	} else {
		w.network()
	}
	late := []unit{}
	switch os.family {
	case famEL7:
		late = append(late, u("tuned.service", "Dynamic System Tuning Daemon"), u("sshd.service", "OpenSSH server daemon"),
			u("postfix.service", "Postfix Mail Transport Agent"))
	case famAL3:
		late = append(late, u("tuned.service", "Dynamic System Tuning Daemon"), u("sshd.service", "OpenSSH server daemon"))
	default:
		late = append(late, u("ssh.service", "OpenBSD Secure Shell server"))
	}
	late = append(late, u("aliyun.service", "auto run aliyun-service"), u("cloudmonitor.service", "CloudMonitor Agent"))
	late = append(late, o.services...)
	w.units(late...)
	if os.family == famEL7 || os.family == famAL3 {
		w.starting(u("rc-local.service", "/etc/rc.d/rc.local Compatibility"))
		if o.rcLocal != nil {
			o.rcLocal(w)
		}
		w.ok(u("rc-local.service", "/etc/rc.d/rc.local Compatibility"))
	} else if o.rcLocal != nil {
		o.rcLocal(w)
	}
	w.units(u("getty@tty1.service", "Getty on tty1"), u("serial-getty@ttyS0.service", "Serial Getty on ttyS0"))
	w.ok(u("getty.target", "Login Prompts"), u("multi-user.target", "Multi-User System"))
	w.units(u("systemd-update-utmp-runlevel.service!", "Update UTMP about System Runlevel Changes"))
}

// network writes the distribution's own network start-up and the NIC link messages.
func (w *bootWriter) network() {
	var n []unit
	switch w.os.family {
	case famEL7:
		n = []unit{u("network.service", "LSB: Bring up/down networking")}
	case famAL3:
		n = []unit{u("NetworkManager.service", "Network Manager"), u("NetworkManager-wait-online.service!", "Network Manager Wait Online")}
	case famUbuntu:
		n = []unit{u("systemd-networkd.service", "Network Configuration"), u("systemd-networkd-wait-online.service!", "Wait for Network to be Configured"),
			u("systemd-resolved.service", "Network Name Resolution")}
	default:
		n = []unit{u("networking.service!", "Raise network interfaces")}
	}
	for _, x := range n {
		w.starting(x)
	}
	w.gap(0.4)
	w.linkUp()
	w.ok(n...)
	w.ok(u("network.target", "Network"), u("network-online.target", "Network is Online"))
}

// linkUp writes the kernel's view of eth0 coming up.
func (w *bootWriter) linkUp() {
	if w.os.family == famEL7 {
		w.kl("IPv6: ADDRCONF(NETDEV_UP): eth0: link is not ready")
		return
	}
	w.kl("IPv6: ADDRCONF(NETDEV_CHANGE): eth0: link becomes ready")
}

// login writes the getty banner and the login prompt. The prompt has no line end, as on screen.
func (w *bootWriter) login(o bootOpts) {
	if o.beforeTTY != nil {
		o.beforeTTY(w)
	}
	w.gap(0.5)
	w.raw(crlf)
	switch w.os.family {
	case famEL7, famAL3:
		w.raw(w.os.pretty + crlf + "Kernel " + w.os.kernel + " on an x86_64" + crlf + crlf)
	case famUbuntu:
		w.raw(w.os.pretty + " " + w.m.host + " ttyS0" + crlf + crlf)
	default:
		w.raw("Debian GNU/Linux 12 " + w.m.host + " ttyS0" + crlf + crlf)
	}
	w.raw(w.m.host + " login: ")
}

// shutdown writes a clean power-off after the system has been up for uptime seconds.
func (w *bootWriter) shutdown(uptime float64) {
	w.t = uptime
	w.raw(crlf)
	w.pace = 0.01
	stop := []string{"Session 14 of user root", "Command Scheduler", "OpenSSH server daemon", "Login Prompts",
		"Serial Getty on ttyS0", "Getty on tty1", "auto run aliyun-service", "CloudMonitor Agent",
		"Timers", "System Logging Service", "NTP client/server", "irqbalance daemon", "Login Service"}
	for _, s := range stop {
		w.lf("         Stopping %s...", s)
	}
	for _, s := range stop {
		w.t += w.rng.Float64() * 0.08
		w.status(w.os.ok, "Stopped "+s+".")
	}
	w.ll(fmt.Sprintf("[%s] Removed slice %s.", w.os.ok, w.sliceName("getty")))
	w.ok(u("shutdown.target", "Shutdown"), u("umount.target", "Unmount All Filesystems"))
	for _, s := range []string{"Network", "Basic System", "Slices", "Paths", "Sockets", "Remote File Systems"} {
		w.status(w.os.ok, "Stopped target "+s+".")
	}
	w.lf("         Stopping %s...", w.newer("Network Configuration", "LSB: Bring up/down networking"))
	w.status(w.os.ok, "Stopped "+w.newer("Network Configuration", "LSB: Bring up/down networking")+".")
	if w.m.dataGiB > 0 {
		w.ll("         Unmounting /data...")
		w.kl("EXT4-fs (vdb1): unmounting filesystem.")
		w.status(w.os.ok, "Unmounted /data.")
	}
	for _, s := range []string{"Create Volatile Files and Directories", "Load/Save Random Seed", "Apply Kernel Variables",
		"Load Kernel Modules", "Remount Root and Kernel File Systems", "Create Static Device Nodes in /dev"} {
		w.status(w.os.ok, "Stopped "+s+".")
	}
	w.ok(u("final.target", w.newer("Late Shutdown Services", "Final Step")), u("poweroff.target", "Power-Off"))
	w.gap(0.3)
	w.kl("systemd-shutdown[1]: Syncing filesystems and block devices.",
		"systemd-shutdown[1]: Sending SIGTERM to remaining processes...",
		"systemd-journald[388]: Received SIGTERM from PID 1 (systemd-shutdown).",
		"systemd-shutdown[1]: Sending SIGKILL to remaining processes...",
		"systemd-shutdown[1]: Unmounting file systems.")
	opts := "errors=remount-ro"
	if w.os.rootFS == "xfs" {
		opts = "seclabel,attr2,inode64,noquota"
	}
	w.kf("systemd-shutdown[1]: Remounting '/' read-only in with options '%s'.", opts)
	w.kl("systemd-shutdown[1]: All filesystems unmounted.", "systemd-shutdown[1]: Deactivating swaps.",
		"systemd-shutdown[1]: All swaps deactivated.", "systemd-shutdown[1]: Detaching loop devices.",
		"systemd-shutdown[1]: All loop devices detached.", "systemd-shutdown[1]: Detaching DM devices.",
		"systemd-shutdown[1]: All DM devices detached.", "systemd-shutdown[1]: All filesystems, swaps, loop devices and DM devices detached.",
		"systemd-shutdown[1]: Syncing filesystems and block devices.",
		"systemd-shutdown[1]: Powering off.", "ACPI: Preparing to enter system sleep state S5", "reboot: Power down")
}

// newer picks the wording of systemd ≥ 246 or that of older versions.
func (w *bootWriter) newer(newText, oldText string) string {
	if w.os.family == famEL7 || w.os.family == famAL3 {
		return oldText
	}
	return newText
}

// sliceName names a template slice the way the running systemd does.
func (w *bootWriter) sliceName(tmpl string) string {
	if w.os.family == famEL7 || w.os.family == famAL3 {
		return "system-" + strings.ReplaceAll(tmpl, "-", "\\x2d") + ".slice"
	}
	return "Slice /system/" + tmpl
}
