// Package benchlog generates the realistic serial-console logs that bootlog's speed is measured on:
// the benchmarks in ui/logview and ui/console and the side-by-side script bench/sidebyside all use
// the same text, so their figures describe the same log.
//
// A log is a Linux boot as a VM's serial port records it: CRLF line ends, kernel lines with
// timestamps, systemd status lines in colour, cloud-init chatter, a little CJK, and every tenth line
// or so an AppArmor audit record. Two lines are placed for search benchmarks: "Kernel command line"
// occurs exactly once, and "audit:" (with apparmor="DENIED") on about one line in ten. Lines average
// about 108 bytes, so 108 MB is about one million lines, as in issue 16. The output is deterministic:
// the same size always gives the same bytes.
package benchlog

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// version names the generator in cached file names; bump it whenever the text changes so that a
// stale cached log is never measured.
const version = 1

// fragments are printf templates for the common lines; %d is a counter, %s a short word.
var fragments = []string{
	"ACPI: RSDP 0x00000000000F0490 000014 (v00 BOCHS ) table %d loaded",
	"virtio_net virtio0 eth%d: renamed from enp0s5, link up at 25000 Mbps",
	"EXT4-fs (vda%d): mounted filesystem with ordered data mode. Opts: (null).",
	"systemd[1]: Detected virtualization kvm; unit %d of the boot.",
	"blk_update_request: I/O error, dev vdb, sector %d op 0x0:(READ) flags 0x80700",
	"dracut-initqueue[312]: Scanning devices vda%d for LVM logical volumes",
	"Cloud-init v. 23.4 running 'modules:config' at Thu, 26 Nov 2026 09:12:%02d +0000.",
	"ci-info: |  eth0  | True | 172.16.0.%d | 255.255.255.0 | global | 00:16:3e:0a:0b:0c |",
}

// styled are lines with colour, as systemd and agents print them.
var styled = []string{
	"[\x1b[0;32m  OK  \x1b[0m] Started \x1b[0;1;39mJournal Service %d\x1b[0m and its socket units for the system.",
	"[\x1b[0;32m  OK  \x1b[0m] Reached target \x1b[0;1;39mLocal File Systems\x1b[0m (%d units mounted, all clean).",
	"[\x1b[0;1;31mFAILED\x1b[0m] Failed to start \x1b[0;1;39mLoad Kernel Modules\x1b[0m; see 'systemctl status' (%d).",
	"\x1b[38;5;208mwarning\x1b[0m: clock skew of %d ms detected against 100.100.3.1, \x1b[38;2;255;100;0mcorrecting\x1b[0m now",
}

// cjk is a line of Chinese text, as Alibaba Cloud images print it.
const cjk = "欢迎使用阿里云弹性计算服务 ECS（Elastic Compute Service）第 %d 次启动"

// audit is the AppArmor denial record placed on about one line in ten.
const audit = "audit: type=1400 audit(1732612323.%03d:%d): apparmor=\"DENIED\" operation=\"open\" " +
	"profile=\"snap.lxd.daemon\" name=\"/proc/%d/mounts\" pid=%d comm=\"lxd\""

// kernelCmdline is the one line a search for "Kernel command line" must find.
const kernelCmdline = "Kernel command line: BOOT_IMAGE=/boot/vmlinuz-5.10.134-16.al8.x86_64 " +
	"root=UUID=8b3c51b4-1a5b-4a2e-9c2a-1e1f6d2c4a7e ro console=tty0 console=ttyS0,115200n8 net.ifnames=0"

// Write writes a log of at least size bytes (it stops after the line that reaches size) to w.
func Write(w io.Writer, size int64) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	rng := rand.New(rand.NewPCG(16, 108))
	var n int64
	for i := 0; n < size; i++ {
		ts := float64(i) * 0.000731
		var body string
		switch r := rng.IntN(100); {
		case i == 100:
			body = kernelCmdline
		case r < 10:
			body = fmt.Sprintf(audit, i%1000, i, 1000+i%30000, 1000+i%30000)
		case r < 22:
			body = fmt.Sprintf(styled[rng.IntN(len(styled))], i)
		case r < 23:
			body = fmt.Sprintf(cjk, i)
		default:
			body = fmt.Sprintf(fragments[rng.IntN(len(fragments))], i%256)
		}
		k, err := fmt.Fprintf(bw, "[%12.6f] %s\r\n", ts, body)
		if err != nil {
			return err
		}
		n += int64(k)
	}
	return bw.Flush()
}

// Cached returns the path of a generated log of size bytes under os.TempDir, writing it the first
// time. Generating 326 MB takes seconds; the file is reused by later runs.
func Cached(size int64) (string, error) {
	path := filepath.Join(os.TempDir(), fmt.Sprintf("bootlog-bench-v%d-%d.log", version, size))
	if st, err := os.Stat(path); err == nil && st.Size() >= size {
		return path, nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*")
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name()) // after a successful rename this fails harmlessly
	if err := Write(tmp, size); err != nil {
		tmp.Close()
		return "", err
	}
	if err := tmp.Close(); err != nil {
		return "", err
	}
	return path, os.Rename(tmp.Name(), path)
}

// Load returns the bytes of a cached log of size bytes (see Cached).
func Load(size int64) ([]byte, error) {
	path, err := Cached(size)
	if err != nil {
		return nil, err
	}
	return os.ReadFile(path)
}

// ParseSize reads a log size as the bench commands take it: "64K", "108M", "1G" (powers of
// 1000) or a plain byte count.
func ParseSize(s string) (int64, error) {
	mult := int64(1)
	switch {
	case strings.HasSuffix(s, "K"):
		mult, s = 1000, strings.TrimSuffix(s, "K")
	case strings.HasSuffix(s, "M"):
		mult, s = 1000*1000, strings.TrimSuffix(s, "M")
	case strings.HasSuffix(s, "G"):
		mult, s = 1000*1000*1000, strings.TrimSuffix(s, "G")
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("bad size %q: want a positive byte count such as 65536 or 108M", s)
	}
	return n * mult, nil
}
