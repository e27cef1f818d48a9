package findings

import (
	"fmt"
	"strings"
	"testing"
)

// bootTemplate is the console output of one Alibaba Cloud Linux boot, from SeaBIOS to the login
// prompt; %s is the kernel timestamp.
var bootTemplate = cat(firmware, grub, []string{
	"[%s] Linux version 5.10.134-16.al8.x86_64 (mockbuild@x86-01) (gcc (GCC) 10.2.1 20200825 (Alibaba 10.2.1-3 2.32)) #1 SMP Thu Nov 14 2026",
	"[%s] Command line: BOOT_IMAGE=(hd0,gpt3)/boot/vmlinuz-5.10.134-16.al8.x86_64 root=UUID=0b1c4d2e ro console=tty0 console=ttyS0,115200n8 panic=10",
	"[%s] x86/fpu: Supporting XSAVE feature 0x001: 'x87 floating point registers'",
	"[%s] BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable",
	"[%s] Hypervisor detected: KVM",
	"[%s] kvm-clock: Using msrs 4b564d01 and 4b564d00",
	"[%s] ACPI: RSDP 0x00000000000F5A10 000014 (v00 BOCHS )",
	"[%s] Memory: 7841236K/8388088K available (12293K kernel code, 2532K rwdata)",
	"[%s] rcu: Hierarchical RCU implementation.",
	"[%s] Spectre V2 : Mitigation: Retpolines",
	"[%s] pci 0000:00:03.0: [1af4:1000] type 00 class 0x020000",
	"[%s] virtio_blk virtio2: [vda] 83886080 512-byte logical blocks (42.9 GB/40.0 GiB)",
	"[%s]  vda: vda1 vda2 vda3",
	"[%s] rtc_cmos 00:00: RTC can wake from S4",
	"[%s] EXT4-fs (vda3): mounted filesystem with ordered data mode. Opts: (null)",
	"[%s] systemd[1]: systemd 239 (239-78.0.3.al8) running in system mode.",
	"[%s] systemd[1]: Detected virtualization kvm.",
	"[  OK  ] Started Journal Service.",
	"         Starting Remount Root and Kernel File Systems...",
	"[  OK  ] Finished systemd-fsck-root.service - File System Check on Root Device.",
	"[%s] systemd-fsck[301]: /dev/vda3: clean, 61133/2621440 files, 910201/10485504 blocks",
	"[%s] EXT4-fs (vda3): re-mounted. Opts: errors=remount-ro",
	"[  OK  ] Reached target Local File Systems.",
	"         Starting Network Manager...",
	"[  OK  ] Started Network Manager.",
	"[%s] cloud-init[1102]: Cloud-init v. 23.4 running 'init' at Thu, 26 Nov 2026 14:03:20 +0000. Up 12.11 seconds.",
	"[%s] cloud-init[1102]: ci-info: ++++++++++++++++++++++++Net device info++++++++++++++++++++++++",
	"[%s] cloud-init[1102]: ci-info: | eth0 | True | 172.16.0.12 | 255.255.240.0 | global | 00:16:3e:0a:0b:0c |",
	"[  OK  ] Started OpenSSH server daemon.",
	"[  OK  ] Reached target Multi-User System.",
	"",
	"Alibaba Cloud Linux 3 (Soaring Falcon)",
	"Kernel 5.10.134-16.al8.x86_64 on an x86_64",
	"",
	"web-1 login: ",
})

// runtimeChatter is what a running instance prints to its console: kernel and journal lines,
// with a finding now and then.
var runtimeChatter = []string{
	"[%s] audit: type=1130 audit(1795701785.123:%d): pid=1 uid=0 auid=4294967295 ses=4294967295 msg='unit=sysstat-collect comm=\"systemd\" res=success'",
	"[%s] IPv4: martian source 172.16.0.255 from 172.16.0.1, on dev eth0",
	"[%s] systemd[1]: Started Session %d of user admin.",
	"[%s] EXT4-fs (vdb1): mounted filesystem with ordered data mode. Opts: errors=remount-ro",
	"[%s] cloud-init[1102]: ci-info: |   0   |   0.0.0.0   | 172.16.0.253 |   0.0.0.0   |    eth0   |   UG  |",
	"[%s] TCP: request_sock_TCP: Possible SYN flooding on port %d. Sending cookies.",
	"[%s] nf_conntrack: nf_conntrack: table full, dropping packet",
	"[%s] systemd[1]: sysstat-collect.service: Succeeded.",
}

var runtimeFindings = []string{
	"[%s] Out of memory: Killed process %d (java) total-vm:8123456kB, anon-rss:3912345kB",
	"[FAILED] Failed to start unit-%d.service - Some Service.",
	"[%s] blk_update_request: I/O error, dev vdb, sector %d op 0x1:(WRITE) flags 0x800",
}

// realisticLog returns about size bytes of console log: boots from the template, each followed by
// runtime chatter with a finding every 2,000 lines, a reboot every 2 MB, and the last boot ending
// at its login prompt.
func realisticLog(size int) []string {
	var out []string
	n, line := 0, 0
	add := func(tmpl string, secs float64) {
		s := strings.Replace(tmpl, "%s", fmt.Sprintf("%12.6f", secs), 1)
		s = strings.Replace(s, "%d", fmt.Sprint(line), 1)
		out = append(out, s)
		n += len(s) + 1
		line++
	}
	for n < size {
		secs := 0.0
		for _, l := range bootTemplate {
			add(l, secs)
			secs += 0.7
		}
		bootEnd := min(size, n+2<<20)
		for n < bootEnd-len(bootTemplate)*60 {
			if line%2000 == 1999 {
				add(runtimeFindings[line/2000%len(runtimeFindings)], secs)
			} else {
				add(runtimeChatter[line%len(runtimeChatter)], secs)
			}
			secs += 3.1
		}
		if n < size-len(bootTemplate)*60 {
			add("[%s] reboot: Restarting system", secs)
		} else {
			break
		}
	}
	return out
}

func TestRealisticLogAssesses(t *testing.T) {
	log := realisticLog(10 << 20)
	a := Assess(log, DefaultRules())
	if a.Boots.Count() != 5 || a.Health != HealthWarning || !a.LoggedIn || len(a.Findings) <= len(a.Current) {
		t.Errorf("10 MB log: %d boots, %v (%q), login %v, %d findings, %d current",
			a.Boots.Count(), a.Health, a.Reason, a.LoggedIn, len(a.Findings), len(a.Current))
	}
	small := realisticLog(64 << 10)
	if a := Assess(small, DefaultRules()); a.Boots.Count() != 1 || a.Health != HealthOK {
		t.Errorf("64 KB log: %d boots, %v (%q) findings%s", a.Boots.Count(), a.Health, a.Reason, describe(a.Findings))
	}
}

// BenchmarkAssess measures Assess (scan, boots, health) on a realistic 64 KB console log (the
// size GetInstanceConsoleOutput usually returns) and on a 10 MB one, in ms per log and MB/s.
func BenchmarkAssess(b *testing.B) {
	for _, c := range []struct {
		name string
		size int
	}{{"64KB", 64 << 10}, {"10MB", 10 << 20}} {
		log := realisticLog(c.size)
		bytes := 0
		for _, l := range log {
			bytes += len(l) + 1
		}
		rules := DefaultRules()
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(bytes))
			for b.Loop() {
				Assess(log, rules)
			}
			perOp := b.Elapsed().Seconds() / float64(b.N)
			b.ReportMetric(perOp*1000, "ms/log")
			b.ReportMetric(float64(len(log))/perOp/1e6, "Mlines/s")
		})
	}
}
