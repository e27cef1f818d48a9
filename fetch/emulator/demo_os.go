package emulator

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"net/netip"
	"strings"
)

// osFamily selects the boot flavour: which initramfs, which systemd, which kernel banners.
type osFamily int

const (
	famEL7    osFamily = iota // CentOS 7: kernel 3.10, dracut, systemd 219
	famAL3                    // Alibaba Cloud Linux 3: kernel 5.10, dracut, systemd 239
	famUbuntu                 // Ubuntu 22.04: kernel 5.15, initramfs-tools, systemd 249, cloud-init
	famDebian                 // Debian 12: kernel 6.1, initramfs-tools, systemd 252
)

// osProfile is everything about an image that shows on its serial console.
type osProfile struct {
	family  osFamily
	osName  string // OSName as DescribeInstances reports it (note ECS's double space)
	pretty  string // PRETTY_NAME from os-release
	kernel  string
	version string // the kernel's "Linux version" banner, after the release
	systemd string // systemd's "running in system mode" banner
	// Status tags exactly as that systemd version colours them: systemd 219 used ESC[32m and
	// ESC[1;31m, later versions prefix every colour with "0;".
	ok, failed, depend, timeout string
	welcome                     string // SGR parameters systemd uses for the distribution name
	combined                    bool   // systemd ≥ 251 prints "unit.service - Description"
	finished                    bool   // systemd ≥ 246 says "Finished" for oneshot units
	rootFS                      string
	dracut                      string // dracut version, empty for initramfs-tools
}

var (
	osCentOS7 = &osProfile{
		family:  famEL7,
		osName:  "CentOS  7.9 64 bit",
		pretty:  "CentOS Linux 7 (Core)",
		kernel:  "3.10.0-1160.119.1.el7.x86_64",
		version: "(mockbuild@kbuilder.bsys.centos.org) (gcc version 4.8.5 20150623 (Red Hat 4.8.5-44) (GCC) ) #1 SMP Tue Jun 4 14:43:51 UTC 2024",
		systemd: "systemd 219 running in system mode. (+PAM +AUDIT +SELINUX +IMA -APPARMOR +SMACK +SYSVINIT +UTMP +LIBCRYPTSETUP +GCRYPT +GNUTLS +ACL +XZ +LZ4 -SECCOMP +BLKID +ELFUTILS +KMOD +IDN)",
		ok:      "\x1b[32m  OK  \x1b[0m", failed: "\x1b[1;31mFAILED\x1b[0m",
		depend: "\x1b[1;33mDEPEND\x1b[0m", timeout: "\x1b[1;31m TIME \x1b[0m",
		welcome: "0;31", rootFS: "xfs", dracut: "dracut-033-572.el7",
	}
	osAliyun3 = &osProfile{
		family:  famAL3,
		osName:  "Alibaba Cloud Linux  3.2104 LTS 64 bit",
		pretty:  "Alibaba Cloud Linux 3 (Soaring Falcon)",
		kernel:  "5.10.134-17.2.al8.x86_64",
		version: "(mockbuild@koji.alibaba-inc.com) (gcc (GCC) 10.2.1 20200825 (Alibaba 10.2.1-3.8 2.32), GNU ld version 2.35-12.3.al8) #1 SMP Thu Aug 8 11:58:23 CST 2024",
		systemd: "systemd 239 (239-78.0.4.al8) running in system mode. (+PAM +AUDIT +SELINUX +IMA -APPARMOR +SMACK +SYSVINIT +UTMP +LIBCRYPTSETUP +GCRYPT +GNUTLS +ACL +XZ +LZ4 +SECCOMP +BLKID +ELFUTILS +KMOD +IDN2 -IDN +PCRE2 default-hierarchy=legacy)",
		ok:      "\x1b[0;32m  OK  \x1b[0m", failed: "\x1b[0;1;31mFAILED\x1b[0m",
		depend: "\x1b[0;1;33mDEPEND\x1b[0m", timeout: "\x1b[0;1;31m TIME \x1b[0m",
		welcome: "0;31", rootFS: "ext4", dracut: "dracut-049-218.git20221019.0.1.al8",
	}
	osUbuntu2204 = &osProfile{
		family:  famUbuntu,
		osName:  "Ubuntu  22.04 64 bit",
		pretty:  "Ubuntu 22.04.5 LTS",
		kernel:  "5.15.0-125-generic",
		version: "(buildd@lcy02-amd64-116) (gcc (Ubuntu 11.4.0-1ubuntu1~22.04) 11.4.0, GNU ld (GNU Binutils for Ubuntu) 2.38) #135-Ubuntu SMP Fri Sep 27 13:53:58 UTC 2024 (Ubuntu 5.15.0-125.135-generic 5.15.167)",
		systemd: "systemd 249.11-0ubuntu3.12 running in system mode (+PAM +AUDIT +SELINUX +APPARMOR +IMA +SMACK +SECCOMP +GCRYPT +GNUTLS +OPENSSL +ACL +BLKID +CURL +ELFUTILS +FIDO2 +IDN2 -IDN +IPTC +KMOD +LIBCRYPTSETUP +LIBFDISK +PCRE2 -PWQUALITY -P11KIT -QRENCODE +BZIP2 +LZ4 +XZ +ZLIB +ZSTD -XKBCOMMON +UTMP +SYSVINIT default-hierarchy=unified)",
		ok:      "\x1b[0;32m  OK  \x1b[0m", failed: "\x1b[0;1;31mFAILED\x1b[0m",
		depend: "\x1b[0;1;33mDEPEND\x1b[0m", timeout: "\x1b[0;1;31m TIME \x1b[0m",
		welcome: "1", finished: true, rootFS: "ext4",
	}
	osDebian12 = &osProfile{
		family:  famDebian,
		osName:  "Debian  12.7 64 bit",
		pretty:  "Debian GNU/Linux 12 (bookworm)",
		kernel:  "6.1.0-26-amd64",
		version: "(debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP PREEMPT_DYNAMIC Debian 6.1.112-1 (2024-09-30)",
		systemd: "systemd 252.30-1~deb12u2 running in system mode (+PAM +AUDIT +SELINUX +APPARMOR +IMA +SMACK +SECCOMP +GCRYPT -GNUTLS +OPENSSL +ACL +BLKID +CURL +ELFUTILS +FIDO2 +IDN2 -IDN +IPTC +KMOD +LIBCRYPTSETUP +LIBFDISK +PCRE2 -PWQUALITY +P11KIT +QRENCODE +TPM2 +BZIP2 +LZ4 +XZ +ZLIB +ZSTD -BPF_FRAMEWORK -XKBCOMMON +UTMP +SYSVINIT default-hierarchy=unified)",
		ok:      "\x1b[0;32m  OK  \x1b[0m", failed: "\x1b[0;1;31mFAILED\x1b[0m",
		depend: "\x1b[0;1;33mDEPEND\x1b[0m", timeout: "\x1b[0;1;31m TIME \x1b[0m",
		welcome: "1", combined: true, finished: true, rootFS: "ext4",
	}
)

// Windows images have no serial console on ECS; only their names appear in the demo.
const (
	osNameWin2019 = "Windows Server  2019 Datacenter Edition 64bit English Edition"
	osNameWin2022 = "Windows Server  2022 Datacenter Edition 64bit Chinese Edition"
)

// machine is the virtual hardware and identity that a boot log mentions.
type machine struct {
	host      string
	cpus      int
	memMiB    int
	diskGiB   int
	dataGiB   int    // 0: no data disk
	ip        string // IPv4 always (bootIPv4)
	gateway   string
	network   string // the /24 of ip
	mac       string
	rootUUID  string
	dataUUID  string
	machineID string
	seed      uint64
}

// seedOf derives a stable seed from a name, so every instance keeps its own content when other
// instances are added or reordered.
func seedOf(parts ...string) uint64 {
	h := fnv.New64a()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return h.Sum64()
}

// newMachine derives the hardware of an instance from its type and identity.
func newMachine(host, instanceType, ip string, dataGiB int) *machine {
	seed := seedOf("machine", host, ip)
	r := rand.New(rand.NewPCG(seed, 1))
	cpus, mem := typeShape(instanceType)
	addr := bootIPv4(ip, r)
	m := &machine{
		host: host, cpus: cpus, memMiB: mem, diskGiB: pick(r, 40, 40, 50, 100), dataGiB: dataGiB,
		ip: addr.String(), gateway: gatewayFor(addr).String(), network: networkOf(addr).String(),
		mac:      fmt.Sprintf("00:16:3e:%02x:%02x:%02x", r.IntN(256), r.IntN(256), r.IntN(256)),
		rootUUID: uuid(r), dataUUID: uuid(r), machineID: hexID(r, 32), seed: seed,
	}
	return m
}

// bootIPv4 is the address the boot log gives eth0: the fixture's private address when it is
// IPv4, or else (none, or IPv6 only) one drawn from r in 172.16.0.0/12. Every ECS network
// interface has a primary private IPv4 address, and the boot log's DHCP lease and routing tables
// are written for one.
func bootIPv4(ip string, r *rand.Rand) netip.Addr {
	if a, err := netip.ParseAddr(ip); err == nil && a.Unmap().Is4() {
		return a.Unmap()
	}
	return netip.AddrFrom4([4]byte{172, byte(16 + r.IntN(16)), byte(r.IntN(256)), byte(1 + r.IntN(250))})
}

// typeShape returns vCPUs and memory (MiB) of an ECS instance type such as "ecs.g7.2xlarge": the
// size gives the vCPUs, the family letter the memory per vCPU (c 2 GiB, g 4 GiB, r 8 GiB).
func typeShape(t string) (cpus, memMiB int) {
	family, size := "g7", "large"
	if rest, ok := strings.CutPrefix(t, "ecs."); ok {
		if i := strings.LastIndexByte(rest, '.'); i > 0 {
			family, size = rest[:i], rest[i+1:]
		}
	}
	ratio := 4
	switch {
	case strings.HasPrefix(family, "c"), strings.HasPrefix(family, "t"):
		ratio = 2
	case strings.HasPrefix(family, "r"):
		ratio = 8
	}
	cpus = map[string]int{"small": 1, "large": 2, "xlarge": 4, "2xlarge": 8, "4xlarge": 16, "8xlarge": 32}[size]
	if cpus == 0 {
		cpus = 2
	}
	return cpus, cpus * ratio * 1024
}

// gatewayFor returns the vSwitch gateway of a private IPv4 address: ECS puts it at .253 of the /24.
func gatewayFor(a netip.Addr) netip.Addr {
	b := a.As4()
	b[3] = 253
	return netip.AddrFrom4(b)
}

// networkOf is the /24 a private IPv4 address lives in, as the routing table names it.
func networkOf(a netip.Addr) netip.Addr {
	b := a.As4()
	b[3] = 0
	return netip.AddrFrom4(b)
}
