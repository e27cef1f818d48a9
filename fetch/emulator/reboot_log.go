package emulator

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// failureMarkers end the part of an old boot log that a fresh boot repeats: whatever went
// wrong last time (a panic, an emergency shell, a hung initramfs) is assumed to be what the
// reboot was for, and the new boot gets past it.
var failureMarkers = []string{
	"Kernel panic", "---[ end ", "BUG: ", "Oops", "Call Trace", "emergency mode", "Emergency",
	"Give root password", "dracut-initqueue[", "Out of memory", "soft lockup", "fsck failed",
	"Dependency failed", "Failed to start", "FAILED",
}

var (
	kernelStamp   = regexp.MustCompile(`\[\s*(\d+)\.(\d{6})\]`)
	linuxVersion  = regexp.MustCompile(`Linux version (\S+)`)
	loginPromptRe = regexp.MustCompile(`(?m)^.*login: ?$`)
)

// freshBootLog is the console output of the boot after a reboot, derived from the previous one
// so that it looks like the same machine: the old log up to its last login prompt or its first
// sign of failure, with the kernel's timestamps re-timed (no two boots take exactly as long),
// ending in a login prompt. An empty old log gives a short generated one.
func freshBootLog(old []byte, f InstanceFixture, boots int, bootTime time.Duration) []byte {
	nl := "\n"
	if bytes.Contains(old, []byte("\r\n")) {
		nl = "\r\n"
	}
	host := f.HostName
	if host == "" {
		host = f.InstanceName
	}
	kver := kernelVersion(old, f.OSName)
	body := old
	if len(bytes.TrimSpace(body)) == 0 {
		body = minimalKernelLog(f, kver, bootTime, nl)
	}
	cut := len(body)
	for _, m := range failureMarkers {
		if i := bytes.Index(body, []byte(m)); i >= 0 && i < cut {
			cut = i
		}
	}
	if locs := loginPromptRe.FindAllIndex(body[:cut], -1); len(locs) > 0 {
		cut = locs[len(locs)-1][0]
	}
	// Cut at a line start, so that no half line survives.
	if i := bytes.LastIndexByte(body[:cut], '\n'); i >= 0 {
		cut = i + 1
	} else {
		cut = 0
	}
	factor := 0.965 + 0.01*float64(boots%7)
	kept := kernelStamp.ReplaceAllFunc(body[:cut], func(m []byte) []byte {
		sub := kernelStamp.FindSubmatch(m)
		sec, _ := strconv.ParseInt(string(sub[1]), 10, 64)
		usec, _ := strconv.ParseInt(string(sub[2]), 10, 64)
		t := int64(float64(sec*1_000_000+usec) * factor)
		return fmt.Appendf(nil, "[%5d.%06d]", t/1_000_000, t%1_000_000)
	})
	var b bytes.Buffer
	b.Write(kept)
	b.WriteString(nl)
	if strings.Contains(f.OSName, "Ubuntu") || strings.Contains(f.OSName, "Debian") {
		fmt.Fprintf(&b, "%s %s ttyS0%s%s%s login: ", f.OSName, host, nl, nl, host)
	} else {
		fmt.Fprintf(&b, "%s%sKernel %s on an x86_64%s%s%s login: ", f.OSName, nl, kver, nl, nl, host)
	}
	return b.Bytes()
}

// kernelVersion is the version the old log booted, else a typical one for the OS.
func kernelVersion(old []byte, osName string) string {
	if m := linuxVersion.FindSubmatch(old); m != nil {
		return string(m[1])
	}
	switch {
	case strings.Contains(osName, "CentOS"):
		return "3.10.0-1160.119.1.el7.x86_64"
	case strings.Contains(osName, "Ubuntu"):
		return "5.15.0-91-generic"
	case strings.Contains(osName, "Debian"):
		return "6.1.0-18-amd64"
	}
	return "5.10.134-16.al8.x86_64"
}

// minimalKernelLog is a short but well-formed boot for an instance that had no output before.
func minimalKernelLog(f InstanceFixture, kver string, bootTime time.Duration, nl string) []byte {
	host := f.HostName
	if host == "" {
		host = f.InstanceName
	}
	end := bootTime.Seconds()
	if end <= 0 {
		end = 4
	}
	lines := []struct {
		at   float64
		text string
	}{
		{0, "Linux version " + kver + " (mockbuild@alibaba-cloud) (gcc version 10.2.1) #1 SMP"},
		{0, "Command line: BOOT_IMAGE=/boot/vmlinuz-" + kver + " root=UUID=" + shortID("root", f.InstanceID) + " ro console=tty0 console=ttyS0,115200n8"},
		{0, "Hypervisor detected: KVM"},
		{0.01, "x86/fpu: Supporting XSAVE feature 0x001: 'x87 floating point registers'"},
		{0.2, "Serial: 8250/16550 driver, 4 ports, IRQ sharing enabled"},
		{0.3, "virtio_blk virtio2: [vda] 83886080 512-byte logical blocks (42.9 GB/40.0 GiB)"},
		{end * 0.4, "EXT4-fs (vda1): mounted filesystem with ordered data mode. Opts: (null)"},
		{end * 0.5, "systemd[1]: Detected virtualization kvm."},
		{end * 0.5, "systemd[1]: Detected architecture x86-64."},
		{end * 0.6, "systemd[1]: Set hostname to <" + host + ">."},
		{end * 0.9, "IPv6: ADDRCONF(NETDEV_CHANGE): eth0: link becomes ready"},
	}
	var b bytes.Buffer
	for _, l := range lines {
		us := int64(l.at * 1e6)
		fmt.Fprintf(&b, "[%5d.%06d] %s%s", us/1_000_000, us%1_000_000, l.text, nl)
	}
	return b.Bytes()
}
