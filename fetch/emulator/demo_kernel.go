package emulator

import "fmt"

// kernelEarly writes what the kernel prints from the first line to handing over to the
// initramfs: memory map, ACPI tables, CPU bring-up, PCI enumeration, driver initialisation. The
// order and wording follow a KVM guest on ECS; the family tweaks the lines that differ between
// kernel generations.
func (w *bootWriter) kernelEarly() {
	os, m := w.os, w.m
	old := os.family == famEL7
	w.pace = 0
	w.kf("Linux version %s %s", os.kernel, os.version)
	w.kf("Command line: %s", w.cmdline())
	for i, f := range []string{"x87 floating point registers", "SSE registers", "AVX registers", "MPX bounds registers", "MPX CSR", "AVX-512 opmask", "AVX-512 Hi256", "AVX-512 ZMM_Hi256", "PKRU"} {
		w.kf("x86/fpu: Supporting XSAVE feature 0x%03x: '%s'", 1<<i, f)
	}
	for i, off := range []int{576, 832, 896, 960, 1024, 1536, 2560} {
		w.kf("x86/fpu: xstate_offset[%d]: %4d, xstate_sizes[%d]: %4d", i+2, off, i+2, []int{256, 64, 64, 64, 512, 1024, 8}[i])
	}
	w.kl("x86/fpu: Enabled xstate features 0x2ff, context size is 2568 bytes, using 'compacted' format.")
	if old {
		w.kl("e820: BIOS-provided physical RAM map:")
	} else {
		w.kl("BIOS-provided physical RAM map:")
	}
	lowTop, highTop := w.memTops()
	w.kl("BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable",
		"BIOS-e820: [mem 0x000000000009fc00-0x000000000009ffff] reserved",
		"BIOS-e820: [mem 0x00000000000f0000-0x00000000000fffff] reserved")
	w.kf("BIOS-e820: [mem 0x0000000000100000-0x%016x] usable", lowTop)
	w.kf("BIOS-e820: [mem 0x%016x-0x00000000bfffffff] reserved", lowTop+1)
	w.kl("BIOS-e820: [mem 0x00000000feffc000-0x00000000feffffff] reserved",
		"BIOS-e820: [mem 0x00000000fffc0000-0x00000000ffffffff] reserved")
	if highTop > 0 {
		w.kf("BIOS-e820: [mem 0x0000000100000000-0x%016x] usable", highTop)
	}
	w.kl("NX (Execute Disable) protection: active", "SMBIOS 2.8 present.",
		"DMI: Alibaba Cloud Alibaba Cloud ECS, BIOS 8c24b4c 04/01/2014", "Hypervisor detected: KVM",
		"kvm-clock: Using msrs 4b564d01 and 4b564d00")
	w.kf("kvm-clock: cpu 0, msr %x, primary cpu clock", 0x1a01001+w.rng.IntN(0x1000)*0x1000)
	w.kf("kvm-clock: using sched offset of %d cycles", 4000000000+w.rng.IntN(900000000))
	w.kl("clocksource: kvm-clock: mask: 0xffffffffffffffff max_cycles: 0x1cd42e4dffb, max_idle_ns: 881590591483 ns",
		"tsc: Detected 2899.998 MHz processor",
		"e820: update [mem 0x00000000-0x00000fff] usable ==> reserved",
		"e820: remove [mem 0x000a0000-0x000fffff] usable")
	w.kf("last_pfn = 0x%x max_arch_pfn = 0x400000000", (max(highTop, lowTop)+1)>>12)
	w.kl("x86/PAT: Configuration [0-7]: WB  WC  UC- UC  WB  WP  UC- WT")
	w.kf("last_pfn = 0x%x max_arch_pfn = 0x400000000", (lowTop+1)>>12)
	w.kl("found SMP MP-table at [mem 0x000f5a40-0x000f5a4f]", "Using GB pages for direct mapping")
	if !w.noInitrd {
		w.kf("RAMDISK: [mem 0x%08x-0x%08x]", 0x3593e000, 0x36c96fff)
	}
	w.kl("ACPI: Early table checksum verification disabled",
		"ACPI: RSDP 0x00000000000F5A00 000014 (v00 BOCHS )",
		"ACPI: RSDT 0x00000000BFFE1A4B 000034 (v01 BOCHS  BXPCRSDT 00000001 BXPC 00000001)",
		"ACPI: FACP 0x00000000BFFE18A7 000074 (v01 BOCHS  BXPCFACP 00000001 BXPC 00000001)",
		"ACPI: DSDT 0x00000000BFFE0040 001867 (v01 BOCHS  BXPCDSDT 00000001 BXPC 00000001)",
		"ACPI: FACS 0x00000000BFFE0000 000040",
		"ACPI: APIC 0x00000000BFFE191B 0000B0 (v01 BOCHS  BXPCAPIC 00000001 BXPC 00000001)",
		"ACPI: WAET 0x00000000BFFE1A23 000028 (v01 BOCHS  BXPCWAET 00000001 BXPC 00000001)")
	if !old {
		w.kl("ACPI: Reserving FACP table memory at [mem 0xbffe18a7-0xbffe191a]",
			"ACPI: Reserving DSDT table memory at [mem 0xbffe0040-0xbffe18a6]",
			"ACPI: Reserving FACS table memory at [mem 0xbffe0000-0xbffe003f]",
			"ACPI: Reserving APIC table memory at [mem 0xbffe191b-0xbffe19ca]",
			"ACPI: Reserving WAET table memory at [mem 0xbffe1a23-0xbffe1a4a]")
	}
	w.kl("No NUMA configuration found")
	top := max(highTop, lowTop)
	w.kf("Faking a node at [mem 0x0000000000000000-0x%016x]", top)
	w.kf("NODE_DATA(0) allocated [mem 0x%x-0x%x]", top-0x2afff, top)
	w.kl("Zone ranges:",
		"  DMA      [mem 0x0000000000001000-0x0000000000ffffff]",
		"  DMA32    [mem 0x0000000001000000-0x00000000ffffffff]")
	if highTop > 0 {
		w.kf("  Normal   [mem 0x0000000100000000-0x%016x]", highTop)
	} else {
		w.kl("  Normal   empty")
	}
	w.kl("  Device   empty", "Movable zone start for each node", "Early memory node ranges",
		"  node   0: [mem 0x0000000000001000-0x000000000009efff]")
	w.kf("  node   0: [mem 0x0000000000100000-0x%016x]", lowTop)
	if highTop > 0 {
		w.kf("  node   0: [mem 0x0000000100000000-0x%016x]", highTop)
	}
	w.kf("Initmem setup node 0 [mem 0x0000000000001000-0x%016x]", top)
	w.kl("ACPI: PM-Timer IO Port: 0x608", "ACPI: LAPIC_NMI (acpi_id[0xff] dfl dfl lint[0x1])",
		"IOAPIC[0]: apic_id 0, version 17, address 0xfec00000, GSI 0-23",
		"ACPI: INT_SRC_OVR (bus 0 bus_irq 0 global_irq 2 dfl dfl)",
		"ACPI: INT_SRC_OVR (bus 0 bus_irq 5 global_irq 5 high level)",
		"ACPI: INT_SRC_OVR (bus 0 bus_irq 9 global_irq 9 high level)",
		"ACPI: INT_SRC_OVR (bus 0 bus_irq 10 global_irq 10 high level)",
		"ACPI: INT_SRC_OVR (bus 0 bus_irq 11 global_irq 11 high level)",
		"Using ACPI (MADT) for SMP configuration information")
	w.kf("smpboot: Allowing %d CPUs, 0 hotplug CPUs", m.cpus)
	w.kl("PM: Registered nosave memory: [mem 0x00000000-0x00000fff]",
		"PM: Registered nosave memory: [mem 0x0009f000-0x0009ffff]",
		"PM: Registered nosave memory: [mem 0x000a0000-0x000effff]",
		"PM: Registered nosave memory: [mem 0x000f0000-0x000fffff]",
		"[mem 0xc0000000-0xfeffbfff] available for PCI devices",
		"Booting paravirtualized kernel on KVM",
		"clocksource: refined-jiffies: mask: 0xffffffff max_cycles: 0xffffffff, max_idle_ns: 1910969940391419 ns")
	nrCPUs := 8192
	if old {
		nrCPUs = 5120
	}
	w.kf("setup_percpu: NR_CPUS:%d nr_cpumask_bits:%d nr_cpu_ids:%d nr_node_ids:1", nrCPUs, m.cpus, m.cpus)
	w.kl("percpu: Embedded 55 pages/cpu s188416 r8192 d28672 u262144", "kvm-guest: stealtime: cpu 0, msr 42fc2e080",
		"kvm-guest: PV spinlocks enabled", "PV qspinlock hash table entries: 256 (order: 0, 4096 bytes, linear)")
	pages := m.memMiB * 256 * 96 / 100
	w.kf("Built 1 zonelists, mobility grouping on.  Total pages: %d", pages)
	w.kl("Policy zone: Normal")
	w.kf("Kernel command line: %s", w.cmdline())
	w.kf("Dentry cache hash table entries: %d (order: %d, %d bytes, linear)", pow2(m.memMiB*128), log2(m.memMiB/8), pow2(m.memMiB*128)*8)
	w.kf("Inode-cache hash table entries: %d (order: %d, %d bytes, linear)", pow2(m.memMiB*64), log2(m.memMiB/16), pow2(m.memMiB*64)*8)
	w.kl("mem auto-init: stack:off, heap alloc:off, heap free:off")
	kb := m.memMiB * 1024
	w.kf("Memory: %dK/%dK available (12295K kernel code, 5814K rwdata, 8356K rodata, 2552K init, 5396K bss, %dK reserved, 0K cma-reserved)", kb*97/100, kb+124, kb*3/100)
	w.kf("SLUB: HWalign=64, Order=0-3, MinObjects=0, CPUs=%d, Nodes=1", m.cpus)
	w.kl("ftrace: allocating 41528 entries in 163 pages", "ftrace: allocated 163 pages with 5 groups",
		"rcu: Hierarchical RCU implementation.")
	w.kf("rcu: \tRCU restricting CPUs from NR_CPUS=8192 to nr_cpu_ids=%d.", m.cpus)
	w.kl("\tRude variant of Tasks RCU enabled.", "\tTracing variant of Tasks RCU enabled.",
		"rcu: RCU calculated value of scheduler-enlistment delay is 100 jiffies.")
	w.kf("rcu: Adjusting geometry for rcu_fanout_leaf=16, nr_cpu_ids=%d", m.cpus)
	w.kl("NR_IRQS: 524544, nr_irqs: 488, preallocated irqs: 16")
	if old {
		w.kl("Console: colour VGA+ 80x25", "console [tty0] enabled", "console [ttyS0] enabled")
	} else {
		w.kl("Console: colour VGA+ 80x25", "printk: console [tty0] enabled", "printk: console [ttyS0] enabled")
	}
	w.kl("ACPI: Core revision 20200925",
		"APIC: Switch to symmetric I/O mode setup", "x2apic enabled", "Switched APIC routing to physical x2apic.",
		"..TIMER: vector=0x30 apic1=0 pin1=2 apic2=-1 pin2=-1",
		"clocksource: tsc-early: mask: 0xffffffffffffffff max_cycles: 0x29cd4133323, max_idle_ns: 440795296220 ns")
	w.t, w.pace = 0.001, 0.0006
	w.kl("Calibrating delay loop (skipped) preset value.. 5799.99 BogoMIPS (lpj=2899998)",
		"pid_max: default: 32768 minimum: 301", "LSM: Security Framework initializing", "Yama: becoming mindful.")
	if w.os.family == famUbuntu || w.os.family == famDebian {
		w.kl("AppArmor: AppArmor initialized")
	} else {
		w.kl("SELinux:  Initializing.")
	}
	w.kl("Mount-cache hash table entries: 32768 (order: 6, 262144 bytes, linear)",
		"Mountpoint-cache hash table entries: 32768 (order: 6, 262144 bytes, linear)",
		"x86/cpu: User Mode Instruction Prevention (UMIP) activated",
		"Last level iTLB entries: 4KB 0, 2MB 0, 4MB 0",
		"Last level dTLB entries: 4KB 0, 2MB 0, 4MB 0, 1GB 0",
		"Spectre V1 : Mitigation: usercopy/swapgs barriers and __user pointer sanitization",
		"Spectre V2 : Mitigation: Enhanced IBRS",
		"Spectre V2 : Spectre v2 / SpectreRSB mitigation: Filling RSB on context switch",
		"Speculative Store Bypass: Mitigation: Speculative Store Bypass disabled via prctl and seccomp",
		"Freeing SMP alternatives memory: 36K",
		"smpboot: CPU0: Intel(R) Xeon(R) Platinum 8369B CPU @ 2.90GHz (family: 0x6, model: 0x6a, stepping: 0x6)",
		"Performance Events: Icelake events, full-width counters, Intel PMU driver.",
		"... version:                2", "... bit width:              48", "... generic registers:      8",
		"... value mask:             0000ffffffffffff", "... max period:             00007fffffffffff",
		"... fixed-purpose events:   3", "... event mask:             00000007000000ff",
		"rcu: Hierarchical SRCU implementation.", "NMI watchdog: Perf NMI watchdog permanently disabled",
		"smp: Bringing up secondary CPUs ...", "x86: Booting SMP configuration:")
	cpuList := ""
	for i := 1; i < m.cpus; i++ {
		cpuList += fmt.Sprintf(" #%d", i)
	}
	w.kf(".... node  #0, CPUs:    %s", cpuList)
	w.kf("smp: Brought up 1 node, %d CPUs", m.cpus)
	w.kl("smpboot: Max logical packages: 1")
	w.kf("smpboot: Total of %d processors activated (%.2f BogoMIPS)", m.cpus, 5799.99*float64(m.cpus))
	w.kl("devtmpfs: initialized", "x86/mm: Memory block size: 128MB",
		"clocksource: jiffies: mask: 0xffffffff max_cycles: 0xffffffff, max_idle_ns: 1911260446275000 ns",
		"futex hash table entries: 2048 (order: 5, 131072 bytes, linear)",
		"pinctrl core: initialized pinctrl subsystem", "NET: Registered protocol family 16",
		"DMA: preallocated 2048 KiB GFP_KERNEL pool for atomic allocations",
		"DMA: preallocated 2048 KiB GFP_KERNEL|GFP_DMA pool for atomic allocations",
		"DMA: preallocated 2048 KiB GFP_KERNEL|GFP_DMA32 pool for atomic allocations",
		"audit: initializing netlink subsys (disabled)")
	w.kf("audit: type=2000 audit(%s:1): state=initialized audit_enabled=0 res=1", w.auditTime())
	w.kl("thermal_sys: Registered thermal governor 'fair_share'", "thermal_sys: Registered thermal governor 'step_wise'",
		"thermal_sys: Registered thermal governor 'user_space'", "cpuidle: using governor menu",
		"ACPI: bus type PCI registered", "acpiphp: ACPI Hot Plug PCI Controller Driver version: 0.5",
		"PCI: Using configuration type 1 for base access",
		"HugeTLB registered 1.00 GiB page size, pre-allocated 0 pages",
		"HugeTLB registered 2.00 MiB page size, pre-allocated 0 pages",
		"cryptd: max_cpu_qlen set to 1000",
		"ACPI: Added _OSI(Module Device)", "ACPI: Added _OSI(Processor Device)",
		"ACPI: Added _OSI(3.0 _SCP Extensions)", "ACPI: Added _OSI(Processor Aggregator Device)",
		"ACPI: Added _OSI(Linux-Dell-Video)", "ACPI: 1 ACPI AML tables successfully acquired and loaded",
		"ACPI: Interpreter enabled", "ACPI: (supports S0 S3 S4 S5)", "ACPI: Using IOAPIC for interrupt routing",
		`PCI: Using host bridge windows from ACPI; if necessary, use "pci=nocrs" and report a bug`,
		"ACPI: Enabled 2 GPEs in block 00 to 0F", "ACPI: PCI Root Bridge [PCI0] (domain 0000 [bus 00-ff])",
		"acpi PNP0A03:00: _OSC: OS supports [ExtendedConfig ASPM ClockPM Segments MSI HPX-Type3]",
		"acpi PNP0A03:00: fail to add MMCONFIG information, can't access extended PCI configuration space under this bridge.")
	for s := 3; s <= 31; s++ {
		w.kf("acpiphp: Slot [%d] registered", s)
	}
	w.kl("PCI host bridge to bus 0000:00",
		"pci_bus 0000:00: root bus resource [io  0x0000-0x0cf7 window]",
		"pci_bus 0000:00: root bus resource [io  0x0d00-0xffff window]",
		"pci_bus 0000:00: root bus resource [mem 0x000a0000-0x000bffff window]",
		"pci_bus 0000:00: root bus resource [mem 0xc0000000-0xfebfffff window]",
		"pci_bus 0000:00: root bus resource [bus 00-ff]",
		"pci 0000:00:00.0: [8086:1237] type 00 class 0x060000",
		"pci 0000:00:01.0: [8086:7000] type 00 class 0x060100",
		"pci 0000:00:01.1: [8086:7010] type 00 class 0x010180",
		"pci 0000:00:01.1: reg 0x20: [io  0xc0c0-0xc0cf]",
		"pci 0000:00:01.1: legacy IDE quirk: reg 0x10: [io  0x01f0-0x01f7]",
		"pci 0000:00:01.1: legacy IDE quirk: reg 0x14: [io  0x03f6]",
		"pci 0000:00:01.1: legacy IDE quirk: reg 0x18: [io  0x0170-0x0177]",
		"pci 0000:00:01.1: legacy IDE quirk: reg 0x1c: [io  0x0376]",
		"pci 0000:00:01.2: [8086:7020] type 00 class 0x0c0300",
		"pci 0000:00:01.2: reg 0x20: [io  0xc0a0-0xc0bf]",
		"pci 0000:00:01.3: [8086:7113] type 00 class 0x068000",
		"pci 0000:00:01.3: quirk: [io  0x0600-0x063f] claimed by PIIX4 ACPI",
		"pci 0000:00:01.3: quirk: [io  0x0700-0x070f] claimed by PIIX4 SMB",
		"pci 0000:00:02.0: [1013:00b8] type 00 class 0x030000",
		"pci 0000:00:02.0: reg 0x10: [mem 0xfc000000-0xfdffffff pref]",
		"pci 0000:00:02.0: reg 0x14: [mem 0xfebd0000-0xfebd0fff]",
		"pci 0000:00:02.0: reg 0x30: [mem 0xfebc0000-0xfebcffff pref]")
	slots := []struct {
		dev   string
		class string
	}{{"1af4:1000", "0x020000"}, {"1af4:1001", "0x010000"}}
	if m.dataGiB > 0 {
		slots = append(slots, struct{ dev, class string }{"1af4:1001", "0x010000"})
	}
	slots = append(slots, struct{ dev, class string }{"1af4:1002", "0x00ff00"})
	for i, s := range slots {
		n := i + 3
		w.kf("pci 0000:00:%02x.0: [%s] type 00 class %s", n, s.dev, s.class)
		w.kf("pci 0000:00:%02x.0: reg 0x10: [io  0x%04x-0x%04x]", n, 0xc000+0x40*i, 0xc03f+0x40*i)
		w.kf("pci 0000:00:%02x.0: reg 0x14: [mem 0xfebd%x000-0xfebd%xfff]", n, i+1, i+1)
		w.kf("pci 0000:00:%02x.0: reg 0x20: [mem 0xfe00%x000-0xfe00%xfff 64bit pref]", n, 4*i, 4*i+3)
	}
	w.kl("ACPI: PCI Interrupt Link [LNKA] (IRQs 5 *10 11)", "ACPI: PCI Interrupt Link [LNKB] (IRQs 5 *10 11)",
		"ACPI: PCI Interrupt Link [LNKC] (IRQs 5 10 *11)", "ACPI: PCI Interrupt Link [LNKD] (IRQs 5 10 *11)",
		"ACPI: PCI Interrupt Link [LNKS] (IRQs *9)", "iommu: Default domain type: Translated ",
		"pci 0000:00:02.0: vgaarb: setting as boot VGA device",
		"pci 0000:00:02.0: vgaarb: VGA device added: decodes=io+mem,owns=io+mem,locks=none",
		"pci 0000:00:02.0: vgaarb: bridge control possible", "vgaarb: loaded", "SCSI subsystem initialized",
		"ACPI: bus type USB registered", "usbcore: registered new interface driver usbfs",
		"usbcore: registered new interface driver hub", "usbcore: registered new device driver usb",
		"pps_core: LinuxPPS API ver. 1 registered",
		"pps_core: Software ver. 5.3.6 - Copyright 2005-2007 Rodolfo Giometti <giometti@linux.it>",
		"PTP clock support registered", "EDAC MC: Ver: 3.0.0", "NetLabel: Initializing",
		"NetLabel:  domain hash size = 128", "NetLabel:  protocols = UNLABELED CIPSOv4 CALIPSO",
		"NetLabel:  unlabeled traffic allowed by default", "PCI: Using ACPI for IRQ routing")
	w.pace = 0.004
	w.kl("clocksource: Switched to clocksource kvm-clock", "VFS: Disk quotas dquot_6.6.0",
		"VFS: Dquot-cache hash table entries: 512 (order 0, 4096 bytes)", "pnp: PnP ACPI init",
		"pnp 00:00: Plug and Play ACPI device, IDs PNP0b00 (active)",
		"pnp 00:01: Plug and Play ACPI device, IDs PNP0303 (active)",
		"pnp 00:02: Plug and Play ACPI device, IDs PNP0f13 (active)",
		"pnp 00:03: Plug and Play ACPI device, IDs PNP0700 (active)",
		"pnp 00:04: Plug and Play ACPI device, IDs PNP0501 (active)", "pnp: PnP ACPI: found 5 devices",
		"clocksource: acpi_pm: mask: 0xffffff max_cycles: 0xffffff, max_idle_ns: 2085701024 ns",
		"NET: Registered protocol family 2",
		"IP idents hash table entries: 262144 (order: 9, 2097152 bytes, linear)",
		"tcp_listen_portaddr_hash hash table entries: 8192 (order: 5, 131072 bytes, linear)",
		"TCP established hash table entries: 131072 (order: 8, 1048576 bytes, linear)",
		"TCP bind hash table entries: 65536 (order: 8, 1048576 bytes, linear)",
		"TCP: Hash tables configured (established 131072 bind 65536)",
		"UDP hash table entries: 8192 (order: 6, 262144 bytes, linear)",
		"UDP-Lite hash table entries: 8192 (order: 6, 262144 bytes, linear)",
		"NET: Registered protocol family 1", "NET: Registered protocol family 44",
		"pci 0000:00:01.0: PIIX3: Enabling Passive Release", "pci 0000:00:00.0: Limiting direct PCI/PCI transfers",
		"pci 0000:00:01.0: Activating ISA DMA hang workarounds", "PCI: CLS 0 bytes, default 64")
	if !w.noInitrd {
		w.kl("Trying to unpack rootfs image as initramfs...")
		w.gap(0.15)
		w.kf("Freeing initrd memory: %dK", 19000+w.rng.IntN(12000))
	}
	w.kl("PCI-DMA: Using software bounce buffering for IO (SWIOTLB)",
		"software IO TLB: mapped [mem 0xbbfda000-0xbffda000] (64MB)",
		"clocksource: tsc: mask: 0xffffffffffffffff max_cycles: 0x29cd4133323, max_idle_ns: 440795296220 ns",
		"Initialise system trusted keyrings", "Key type blacklist registered",
		"workingset: timestamp_bits=36 max_order=22 bucket_order=0", "zbud: loaded",
		"integrity: Platform Keyring initialized", "NET: Registered protocol family 38",
		"Key type asymmetric registered", "Asymmetric key parser 'x509' registered",
		"Block layer SCSI generic (bsg) driver version 0.4 loaded (major 247)",
		"io scheduler mq-deadline registered", "io scheduler kyber registered", "io scheduler bfq registered",
		"atomic64_test: passed for x86-64 platform with CX8 and with SSE",
		"shpchp: Standard Hot Plug PCI Controller Driver version: 0.4",
		"input: Power Button as /devices/LNXSYSTM:00/LNXPWRBN:00/input/input0", "ACPI: Power Button [PWRF]",
		`ACPI: \_SB_.LNKC: Enabled at IRQ 11`, `ACPI: \_SB_.LNKD: Enabled at IRQ 10`,
		"Serial: 8250/16550 driver, 4 ports, IRQ sharing enabled",
		"00:04: ttyS0 at I/O 0x3f8 (irq = 4, base_baud = 115200) is a 16550A",
		"Non-volatile memory driver v1.3", "rdac: device handler registered", "hp_sw: device handler registered",
		"emc: device handler registered", "alua: device handler registered", "libphy: Fixed MDIO Bus: probed",
		"ehci_hcd: USB 2.0 'Enhanced' Host Controller (EHCI) Driver", "ehci-pci: EHCI PCI platform driver",
		"ohci_hcd: USB 1.1 'Open' Host Controller (OHCI) Driver", "ohci-pci: OHCI PCI platform driver",
		"uhci_hcd: USB Universal Host Controller Interface driver",
		"uhci_hcd 0000:00:01.2: UHCI Host Controller",
		"uhci_hcd 0000:00:01.2: new USB bus registered, assigned bus number 1",
		"uhci_hcd 0000:00:01.2: detected 2 ports", "uhci_hcd 0000:00:01.2: irq 11, io base 0x0000c0a0")
	w.kf("usb usb1: New USB device found, idVendor=1d6b, idProduct=0001, bcdDevice= %s", os.kernel[:4])
	w.kl("usb usb1: New USB device strings: Mfr=3, Product=2, SerialNumber=1", "usb usb1: Product: UHCI Host Controller")
	w.kf("usb usb1: Manufacturer: Linux %s uhci_hcd", os.kernel)
	w.kl("usb usb1: SerialNumber: 0000:00:01.2", "hub 1-0:1.0: USB hub found", "hub 1-0:1.0: 2 ports detected",
		"usbcore: registered new interface driver usbserial_generic",
		"usbserial: USB Serial support registered for generic",
		"i8042: PNP: PS/2 Controller [PNP0303:KBD,PNP0f13:MOU] at 0x60,0x64 irq 1,12",
		"serio: i8042 KBD port at 0x60,0x64 irq 1", "serio: i8042 AUX port at 0x60,0x64 irq 12",
		"mousedev: PS/2 mouse device common for all mice", "rtc_cmos 00:00: RTC can wake from S4",
		"input: AT Translated Set 2 keyboard as /devices/platform/i8042/serio0/input/input1",
		"rtc_cmos 00:00: registered as rtc0")
	w.kf("rtc_cmos 00:00: setting system clock to %s UTC (%d)", w.wall().UTC().Format("2006-01-02T15:04:05"), w.wall().Unix())
	w.kl("rtc_cmos 00:00: alarms up to one day, y3k, 242 bytes nvram", "intel_pstate: CPU model not supported",
		"hid: raw HID events driver (C) Jiri Kosina", "usbcore: registered new interface driver usbhid",
		"usbhid: USB HID core driver", "drop_monitor: Initializing network drop monitor service",
		"Initializing XFRM netlink socket", "NET: Registered protocol family 10", "Segment Routing with IPv6",
		"NET: Registered protocol family 17", "mpls_gso: MPLS GSO support", "IPI shorthand broadcast: enabled",
		"AVX2 version of gcm_enc/dec engaged.", "AES CTR mode by8 optimization enabled")
	w.kf("sched_clock: Marking stable (%d, %d)->(%d, -%d)", 800000000+w.rng.IntN(90000000), 12000000+w.rng.IntN(900000), 850000000+w.rng.IntN(90000000), 25000000+w.rng.IntN(900000))
	w.kl("registered taskstats version 1", "Loading compiled-in X.509 certificates")
	w.kf("Loaded X.509 cert '%s: %s'", certName(os), hexID(w.rng, 40))
	w.kl("zswap: loaded using pool lzo/zbud", "Key type ._fscrypt registered", "Key type .fscrypt registered",
		"Key type fscrypt-provisioning registered", "Key type big_key registered", "Key type encrypted registered",
		"ima: No TPM chip found, activating TPM-bypass!", "ima: Allocated hash algorithm: sha256",
		"ima: No architecture policies found", "evm: Initialising EVM extended attributes:",
		"evm: security.selinux", "evm: HMAC attrs: 0x1",
		"input: ImExPS/2 Generic Explorer Mouse as /devices/platform/i8042/serio1/input/input3",
		"Freeing unused decrypted memory: 2036K", "Freeing unused kernel image (initmem) memory: 2552K",
		"Write protecting the kernel read-only data: 24576k",
		"Freeing unused kernel image (text/rodata gap) memory: 2040K",
		"Freeing unused kernel image (rodata/data gap) memory: 1884K",
		"x86/mm: Checked W+X mappings: passed, no W+X pages found.")
}

// runInit is the kernel's last line before the initramfs takes over.
func (w *bootWriter) runInit() {
	if w.os.family == famEL7 {
		w.kl("Freeing unused kernel memory: 1984k freed")
		return
	}
	w.kl("Run /init as init process")
}

// virtioDisks writes the block and network driver lines that appear once the initramfs loads them.
func (w *bootWriter) virtioDisks() {
	m := w.m
	w.pace = 0.01
	w.kl("virtio_net virtio0: virtio_net: mergeable receive buffers enabled")
	w.kf("virtio_blk virtio1: [vda] %d 512-byte logical blocks (%.1f GB/%d GiB)", m.diskGiB*2097152, float64(m.diskGiB)*1.073741824, m.diskGiB)
	if w.os.family != famEL7 {
		w.kl("virtio_blk virtio1: 2/0/0 default/read/poll queues")
	}
	w.kl(" vda: vda1")
	if m.dataGiB > 0 && !w.lateDisk {
		w.kf("virtio_blk virtio2: [vdb] %d 512-byte logical blocks (%.1f GB/%d GiB)", m.dataGiB*2097152, float64(m.dataGiB)*1.073741824, m.dataGiB)
		w.kl(" vdb: vdb1")
	}
}

// mountRoot writes the root file system's mount messages.
func (w *bootWriter) mountRoot() {
	if w.os.rootFS == "xfs" {
		w.kl("SGI XFS with ACLs, security attributes, no debug enabled", "XFS (vda1): Mounting V5 Filesystem")
		w.gap(0.05)
		w.kl("XFS (vda1): Ending clean mount")
		return
	}
	if w.os.family == famDebian {
		w.kf("EXT4-fs (vda1): mounted filesystem %s with ordered data mode. Quota mode: none.", w.m.rootUUID)
		return
	}
	w.kl("EXT4-fs (vda1): mounted filesystem with ordered data mode. Opts: (null)")
}

// cmdline is the kernel command line that ECS images ship with.
func (w *bootWriter) cmdline() string {
	os, m := w.os, w.m
	switch os.family {
	case famEL7:
		return fmt.Sprintf("BOOT_IMAGE=/boot/vmlinuz-%s root=UUID=%s ro crashkernel=auto console=tty0 console=ttyS0,115200n8 net.ifnames=0 biosdevname=0 LANG=en_US.UTF-8", os.kernel, m.rootUUID)
	case famAL3:
		return fmt.Sprintf("BOOT_IMAGE=(hd0,gpt3)/boot/vmlinuz-%s root=UUID=%s ro cgroup.memory=nokmem rd.auto=0 net.ifnames=0 console=tty0 console=ttyS0,115200n8 noibrs nvme_core.io_timeout=4294967295 nvme_core.admin_timeout=4294967295", os.kernel, m.rootUUID)
	case famUbuntu:
		return fmt.Sprintf("BOOT_IMAGE=/boot/vmlinuz-%s root=UUID=%s ro net.ifnames=0 console=tty0 console=ttyS0,115200n8 crashkernel=0M-1G:0M,1G-4G:192M,4G-128G:384M,128G-:512M", os.kernel, m.rootUUID)
	default:
		return fmt.Sprintf("BOOT_IMAGE=/boot/vmlinuz-%s root=UUID=%s ro net.ifnames=0 console=tty0 console=ttyS0,115200n8 quiet", os.kernel, m.rootUUID)
	}
}

// memTops returns the last byte of usable memory below 3 GiB and above 4 GiB (0 when none).
func (w *bootWriter) memTops() (low, high int64) {
	total := int64(w.m.memMiB) << 20
	if total <= 3<<30 {
		return total - 0x26001, 0
	}
	return 0xbffd9fff, 1<<32 + total - 3<<30 - 1
}

func certName(os *osProfile) string {
	switch os.family {
	case famEL7:
		return "CentOS Linux kernel signing key"
	case famAL3:
		return "Alibaba Cloud Linux kernel signing key"
	case famUbuntu:
		return "Build time autogenerated kernel key"
	default:
		return "Debian Secure Boot CA"
	}
}

// pow2 rounds n down to a power of two, the way the kernel sizes its hash tables.
func pow2(n int) int {
	p := 1
	for p*2 <= n {
		p *= 2
	}
	return p
}

func log2(n int) int {
	l := 0
	for n > 1 {
		n /= 2
		l++
	}
	return l
}
