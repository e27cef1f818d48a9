package console

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// benchFragments are the kinds of lines a Linux boot writes to the serial console, weighted by
// repetition towards the plain kernel lines that dominate a real log.
var benchFragments = []string{
	"[    0.000000] Linux version 5.10.134-16.al8.x86_64 (mockbuild@alinux-build) (gcc (GCC) 10.2.1) #1 SMP Thu Jun 20 2024\r\n",
	"[    0.004211] ACPI: RSDP 0x00000000000F0490 000014 (v00 BOCHS )\r\n",
	"[    1.532870] virtio_net virtio0 eth0: renamed from enp0s5\r\n",
	"[    2.118034] EXT4-fs (vda1): mounted filesystem with ordered data mode. Opts: (null)\r\n",
	"[    3.001245] systemd[1]: Detected virtualization kvm.\r\n",
	"[\x1b[0;32m  OK  \x1b[0m] Started \x1b[0;1;39mJournal Service\x1b[0m.\r\n",
	"[\x1b[0;32m  OK  \x1b[0m] Reached target \x1b[0;1;39mLocal File Systems\x1b[0m.\r\n",
	"[\x1b[0;1;31mFAILED\x1b[0m] Failed to start \x1b[0;1;39mLoad Kernel Modules\x1b[0m.\r\n",
	"         Starting \x1b[0;1;39mNetwork Manager\x1b[0m...\r\n",
	"dracut-initqueue[312]: Scanning devices vda1  for LVM logical volumes\r\n",
	"Cloud-init v. 23.4 running 'init' at Thu, 26 Nov 2026 09:12:01 +0000. Up 8.21 seconds.\r\n",
	"ci-info: |  eth0  | True | 172.16.0.10 | 255.255.255.0 | global | 00:16:3e:0a:0b:0c |\r\n",
	"ci-info: +--------+------+-------------+---------------+--------+-------------------+\r\n",
	"eth0\tLink encap:Ethernet\tHWaddr 00:16:3E:0A:0B:0C\r\n",
	"欢迎使用阿里云弹性计算服务 ECS（Elastic Compute Service）\r\n",
	"\x1b[38;5;208mwarning\x1b[0m: clock skew detected, \x1b[38;2;255;100;0mcorrecting\x1b[0m\r\n",
	"Downloading packages  10%\rDownloading packages  55%\rDownloading packages 100%\x1b[K\r\n",
	"fsck from util-linux 2.32.1\r/dev/vda1: clean, 61234/2621440 files\r\n",
	"Booting `Alibaba Cloud Linux (5.10.134-16.al8.x86_64) 3 (Soaring Falcon)'\r\n",
}

// benchLog builds a deterministic boot log of about size bytes.
func benchLog(size int) []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	var b bytes.Buffer
	for b.Len() < size {
		// Two thirds plain kernel lines, the rest any fragment.
		if rng.IntN(3) < 2 {
			b.WriteString(benchFragments[rng.IntN(5)])
		} else {
			b.WriteString(benchFragments[rng.IntN(len(benchFragments))])
		}
	}
	return b.Bytes()[:size]
}

// BenchmarkRender measures Render in colour and plain mode next to base64 decoding of the same
// bytes, which is the other per-byte cost of fetching console output. The target is that render is
// at least a third as fast as base64 decoding; the "ratio" sub-benchmark times both in the same
// loop and reports render throughput divided by base64 throughput as render/base64.
func BenchmarkRender(b *testing.B) {
	for _, size := range []int{64 << 10, 10 << 20} {
		data := benchLog(size)
		enc := base64.StdEncoding.EncodeToString(data)
		name := fmt.Sprintf("%dKB", size>>10)
		b.Run(name+"/color", func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				Render(data, Options{Color: true})
			}
		})
		b.Run(name+"/plain", func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				Render(data, Options{})
			}
		})
		b.Run(name+"/base64", func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := base64.StdEncoding.DecodeString(enc); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/ratio", func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			var tRender, tBase64 time.Duration
			for b.Loop() {
				t0 := time.Now()
				Render(data, Options{Color: true})
				t1 := time.Now()
				if _, err := base64.StdEncoding.DecodeString(enc); err != nil {
					b.Fatal(err)
				}
				tRender += t1.Sub(t0)
				tBase64 += time.Since(t1)
			}
			mb := float64(len(data)) * float64(b.N) / 1e6
			b.ReportMetric(mb/tRender.Seconds(), "render-MB/s")
			b.ReportMetric(mb/tBase64.Seconds(), "base64-MB/s")
			b.ReportMetric(tBase64.Seconds()/tRender.Seconds(), "render/base64")
		})
	}
}
