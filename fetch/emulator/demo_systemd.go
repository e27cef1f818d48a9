package emulator

import (
	"fmt"
	"strings"
)

// unit is one systemd unit as its status line names it.
type unit struct {
	name    string // "systemd-journald.service"
	desc    string // "Journal Service"
	oneshot bool   // newer systemd reports these as "Finished"
}

// u builds a unit; a trailing "!" on the name marks a oneshot service.
func u(name, desc string) unit {
	if strings.HasSuffix(name, "!") {
		return unit{name: name[:len(name)-1], desc: desc, oneshot: true}
	}
	return unit{name: name, desc: desc}
}

// label is how the status line names a unit: the description, or "name - description" from
// systemd 251 on.
func (w *bootWriter) label(x unit) string {
	if w.os.combined {
		return x.name + " - " + x.desc
	}
	return x.desc
}

// done is the success sentence systemd prints for a unit of this kind.
func (w *bootWriter) done(x unit) string {
	l := w.label(x)
	switch {
	case strings.HasSuffix(x.name, ".target"):
		return "Reached target " + l + "."
	case strings.HasSuffix(x.name, ".mount"):
		return "Mounted " + l + "."
	case strings.HasSuffix(x.name, ".socket"):
		return "Listening on " + l + "."
	case strings.HasSuffix(x.name, ".slice"):
		return "Created slice " + l + "."
	case strings.HasSuffix(x.name, ".device"):
		return "Found device " + l + "."
	case strings.HasSuffix(x.name, ".swap"):
		return "Activated swap " + l + "."
	case strings.HasSuffix(x.name, ".automount"):
		return "Set up automount " + l + "."
	case x.oneshot && w.os.finished:
		return "Finished " + l + "."
	}
	return "Started " + l + "."
}

// status writes one "[ TAG  ] text" line.
func (w *bootWriter) status(tag, text string) {
	w.settle()
	w.advance()
	w.b.WriteString("[")
	w.b.WriteString(tag)
	w.b.WriteString("] ")
	w.b.WriteString(text)
	w.b.WriteString(crlf)
}

// starting writes systemd's "Starting ..." line for a unit that has a start job worth showing.
func (w *bootWriter) starting(x unit) {
	verb := "Starting"
	if strings.HasSuffix(x.name, ".mount") {
		verb = "Mounting"
	}
	w.lf("         %s %s...", verb, w.label(x))
}

// units starts a batch the way systemd's console shows it: the "Starting" lines of the services
// and mounts first, then the completions in a slightly shuffled order, because jobs finish in
// parallel.
func (w *bootWriter) units(xs ...unit) {
	for _, x := range xs {
		if strings.HasSuffix(x.name, ".service") || strings.HasSuffix(x.name, ".mount") {
			w.starting(x)
		}
	}
	order := make([]unit, len(xs))
	copy(order, xs)
	for i := 1; i < len(order); i++ {
		// Only neighbours swap, and never across a target, so targets still come after their units.
		if w.rng.IntN(3) == 0 && !strings.HasSuffix(order[i].name, ".target") && !strings.HasSuffix(order[i-1].name, ".target") {
			order[i], order[i-1] = order[i-1], order[i]
		}
	}
	for _, x := range order {
		w.t += w.rng.Float64() * 0.05
		w.status(w.os.ok, w.done(x))
	}
}

// ok writes completions without "Starting" lines.
func (w *bootWriter) ok(xs ...unit) {
	for _, x := range xs {
		w.t += w.rng.Float64() * 0.02
		w.status(w.os.ok, w.done(x))
	}
}

// failUnit writes a failed start the way systemd reports it.
func (w *bootWriter) failUnit(x unit) {
	w.status(w.os.failed, "Failed to start "+w.label(x)+".")
	name := x.name
	if w.os.combined && strings.Contains(name, `\`) {
		// systemd ≥ 250 quotes names that need escaping, doubling the backslashes for the shell.
		name = `"` + strings.ReplaceAll(name, `\`, `\\`) + `"`
	}
	w.lf("See 'systemctl status %s' for details.", name)
}

// dependFail writes a "Dependency failed" line.
func (w *bootWriter) dependFail(x unit) {
	w.status(w.os.depend, "Dependency failed for "+w.label(x)+".")
}

// cylon renders systemd's moving three-star indicator at position p (0-5) in the colours of
// this systemd version.
func (w *bootWriter) cylon(p int) string {
	red, bright, normal := "\x1b[0;31m", "\x1b[0;1;31m", "\x1b[0m"
	if w.os.family == famEL7 {
		red, bright = "\x1b[31m", "\x1b[1;31m"
	}
	cells := []string{" ", " ", " ", " ", " ", " "}
	for i, c := range []string{red + "*" + normal, bright + "*" + normal, red + "*" + normal} {
		if j := p - 1 + i; j >= 0 && j < 6 {
			cells[j] = c
		}
	}
	return "[" + strings.Join(cells, "") + "]"
}

// startJob writes a "A start job is running" line redrawn in place with "\r" and ESC[K once per
// second from `from` to `to` seconds, the way systemd 219 animates ephemeral status lines. The
// last state stays on screen until systemd's next line erases it (see settle).
func (w *bootWriter) startJob(what string, from, to int, limit string) {
	for s := from; s <= to; s++ {
		w.jobFrame(what, s, limit)
	}
}

// jobFrame draws one frame of a start job's ephemeral status line at s seconds.
func (w *bootWriter) jobFrame(what string, s int, limit string) {
	w.t += 1
	w.raw("\r\x1b[K" + w.cylon(s%6) + " A start job is running for " + what + " (" + humanSecs(s) + " / " + limit + ")")
	w.ephemeral = true
}

// humanSecs formats seconds the way systemd's format_timespan does at second precision.
func humanSecs(s int) string {
	if s < 60 {
		return fmt.Sprintf("%ds", s)
	}
	if s%60 == 0 {
		return fmt.Sprintf("%dmin", s/60)
	}
	return fmt.Sprintf("%dmin %ds", s/60, s%60)
}

// initrd writes the initramfs stage up to the switch to the real root.
func (w *bootWriter) initrd() {
	w.runInit()
	if w.os.dracut == "" {
		w.initramfsTools()
		return
	}
	w.pace = 0.003
	w.kf("systemd[1]: %s", w.os.systemd)
	w.kl("systemd[1]: Detected virtualization kvm.", "systemd[1]: Detected architecture x86-64.",
		"systemd[1]: Running in initial RAM disk.")
	w.ll("", fmt.Sprintf("Welcome to \x1b[%sm%s %s (Initramfs)\x1b[0m!", w.os.welcome, w.os.pretty, w.os.dracut), "")
	w.kf("systemd[1]: Set hostname to <%s>.", w.m.host)
	w.kl("random: systemd: uninitialized urandom read (16 bytes read)")
	w.ok(u("local-fs.target", "Local File Systems"), u("swap.target", "Swap"),
		u("timers.target", "Timers"), u("slices.target", "Slices"))
	w.ok(u("systemd-journald.socket", "Journal Socket"), u("systemd-udevd-kernel.socket", "udev Kernel Socket"),
		u("systemd-udevd-control.socket", "udev Control Socket"), u("sockets.target", "Sockets"))
	w.units(u("systemd-journald.service", "Journal Service"), u("dracut-cmdline.service!", "dracut cmdline hook"),
		u("systemd-sysctl.service!", "Apply Kernel Variables"), u("dracut-pre-udev.service!", "dracut pre-udev hook"))
	w.units(u("systemd-udevd.service", "udev Kernel Device Manager"), u("systemd-udev-trigger.service!", "udev Coldplug all Devices"))
	w.starting(u("dracut-initqueue.service", "dracut initqueue hook"))
	w.starting(u("plymouth-start.service", "Show Plymouth Boot Screen"))
	w.gap(0.2)
	w.virtioDisks()
	w.kl("scsi host0: ata_piix", "scsi host1: ata_piix",
		"ata1: PATA max MWDMA2 cmd 0x1f0 ctl 0x3f6 bmdma 0xc0c0 irq 14",
		"ata2: PATA max MWDMA2 cmd 0x170 ctl 0x376 bmdma 0xc0c8 irq 15")
	w.ok(u("plymouth-start.service", "Show Plymouth Boot Screen"), u("systemd-ask-password-plymouth.path", "Forward Password Requests to Plymouth Directory Watch"),
		u("paths.target", "Paths"))
}

// initrdFinish writes the rest of a successful dracut stage, from finding the root device to
// switching root.
func (w *bootWriter) initrdFinish() {
	if w.os.dracut == "" {
		return
	}
	root := u("dev-disk-by\\x2duuid-"+strings.ReplaceAll(w.m.rootUUID, "-", "\\x2d")+".device", "/dev/disk/by-uuid/"+w.m.rootUUID)
	w.ok(root, u("initrd-root-device.target", "Initrd Root Device"))
	w.ok(u("dracut-initqueue.service", "dracut initqueue hook"), u("remote-fs-pre.target", "Remote File Systems (Pre)"),
		u("remote-fs.target", "Remote File Systems"))
	w.units(u("systemd-fsck-root.service!", "File System Check on /dev/disk/by-uuid/"+w.m.rootUUID))
	w.units(u("sysroot.mount", "/sysroot"))
	w.mountRoot()
	w.ok(u("initrd-root-fs.target", "Initrd Root File System"))
	w.units(u("initrd-parse-etc.service!", "Reload Configuration from the Real Root"))
	w.ok(u("initrd-fs.target", "Initrd File Systems"), u("initrd.target", "Initrd Default Target"))
	w.units(u("dracut-pre-pivot.service!", "dracut pre-pivot and cleanup hook"))
	w.starting(u("initrd-cleanup.service", "Cleaning Up and Shutting Down Daemons"))
	for _, s := range []string{"Timers", "dracut pre-pivot and cleanup hook", "Initrd Default Target", "Remote File Systems",
		"dracut initqueue hook", "udev Coldplug all Devices", "Apply Kernel Variables", "dracut pre-udev hook",
		"dracut cmdline hook", "udev Kernel Device Manager"} {
		w.status(w.os.ok, "Stopped "+s+".")
	}
	w.ok(u("initrd-cleanup.service", "Cleaning Up and Shutting Down Daemons"))
	w.units(u("initrd-switch-root.service", "Switch Root"))
	w.ok(u("initrd-switch-root.target", "Switch Root"))
	w.gap(0.1)
	w.kl("systemd-journald[105]: Received SIGTERM from PID 1 (systemd).")
}

// initramfsTools writes Debian's and Ubuntu's initramfs, which reports progress in plain text.
func (w *bootWriter) initramfsTools() {
	w.pace = 0.01
	w.ll("Loading, please wait...")
	w.lf("Starting version %s", strings.Fields(w.os.systemd)[1])
	w.virtioDisks()
	w.ll("Begin: Loading essential drivers ... done.", "Begin: Running /scripts/init-premount ... done.")
	w.raw("Begin: Mounting root file system ... Begin: Running /scripts/local-top ... done." + crlf)
	w.ll("Begin: Running /scripts/local-premount ... done.")
	utilLinux := "2.37.2"
	if w.os.family == famDebian {
		utilLinux = "2.38.1"
	}
	w.raw("Begin: Will now check root file system ... fsck from util-linux " + utilLinux + crlf)
	w.ll("[/usr/sbin/fsck.ext4 (1) -- /dev/vda1] fsck.ext4 -a -C0 /dev/vda1 ")
	blocks := w.m.diskGiB * 262144
	w.lf("/dev/vda1: clean, %d/%d files, %d/%d blocks", 90000+w.rng.IntN(90000), blocks/4, blocks/5+w.rng.IntN(blocks/4), blocks-2048)
	w.ll("done.")
	w.gap(0.05)
	w.mountRoot()
	w.ll("done.", "Begin: Running /scripts/local-bottom ... done.", "Begin: Running /scripts/init-bottom ... done.")
}
