package findings

import (
	"sort"
	"strconv"
	"strings"
	"time"
)

// Boot is one boot in a console log: the lines from its firmware or GRUB output (when the log
// has it) through its kernel and userspace to whatever comes before the next boot.
type Boot struct {
	// First is the 0-based index of the boot's first line: its firmware or GRUB banner when the
	// log shows one, the first line after the previous boot's "reboot: ..." otherwise, or its
	// kernel start. The boots partition the log, so First of one boot is End of the previous.
	First int
	// Kernel is the line where the kernel starts: the first line of the boot with a kernel
	// timestamp or the "Linux version" banner. It is -1 when the boot never reached the kernel
	// (stuck in firmware or GRUB) or printed nothing the kernel timestamped.
	Kernel int
	// End is one past the boot's last line.
	End int
	// Shutdown is the line where the kernel said it was restarting, powering down or halting
	// ("reboot: Restarting system"), or -1 when the boot ended without saying so (a crash, a
	// forced power cycle, or it is still running).
	Shutdown int
	// Truncated reports that the log begins after this boot had started: it is the first boot
	// and the log shows neither its firmware output nor its kernel start.
	Truncated bool

	// lastT is the kernel time of the boot's last timestamped line and maxT the largest one;
	// hasT reports whether there is any.
	lastT, maxT time.Duration
	hasT        bool
	// start is when the boot's kernel clock read zero, when known.
	start      time.Time
	startKnown bool
}

// Boots is the boot structure of one console log, as FindBoots returns it, optionally anchored
// to wall-clock time by Anchor. The zero value has no boots.
type Boots struct {
	list []Boot
}

// resetTolerance is how far a kernel timestamp must go backwards to mean a new kernel. Messages
// from different CPUs can be printed a little out of order, but never by a second.
const resetTolerance = time.Second

// FindBoots splits a console log, given as plain lines (console.Document.Plain), into boots.
//
// A new boot starts at:
//   - a firmware or boot loader banner (SeaBIOS, iPXE, UEFI BdsDxe, "Booting from Hard Disk",
//     GNU GRUB, "Booting `...'", "Loading Linux", the x86 decompressor) after the previous boot
//     reached its kernel or shut down;
//   - the first non-blank line after "reboot: Restarting system", "reboot: Power down" or
//     "reboot: System halted";
//   - a kernel start not preceded by either: a kernel timestamp that goes backwards by a second or
//     more (the "[    0.000000]" reset), or a second "Linux version" banner.
//
// Lines before the first boundary form the first boot, marked Truncated when they show no start.
// A log with no non-blank line has no boots.
func FindBoots(plain []string) Boots {
	const (
		phaseNone   = iota // nothing but blank lines so far
		phasePre           // firmware or GRUB output of the current boot
		phaseKernel        // the current boot's kernel or userspace
		phaseEnded         // the current boot said it was going down
	)
	var bs Boots
	phase := phaseNone
	sawBanner := false // the current boot printed "Linux version"
	begin := func(first int) {
		if n := len(bs.list); n > 0 {
			bs.list[n-1].End = first
		}
		bs.list = append(bs.list, Boot{First: first, Kernel: -1, Shutdown: -1})
		sawBanner = false
	}
	cur := func() *Boot { return &bs.list[len(bs.list)-1] }
	for i, line := range plain {
		t, hasT := KernelTime(line)
		linux := strings.Contains(line, "Linux version ") && (!hasT || t < resetTolerance)
		switch {
		case isShutdown(line):
			if phase == phaseNone {
				begin(0)
				cur().Truncated = true
			}
			cur().Shutdown = i
			phase = phaseEnded
		case isPreKernel(line):
			switch phase {
			case phaseNone:
				// Only blank lines came before: they belong to this boot.
				begin(0)
			case phaseKernel, phaseEnded:
				begin(i)
			}
			phase = phasePre
		case hasT || linux:
			var c Boot
			if len(bs.list) > 0 {
				c = *cur()
			}
			reset := hasT && c.hasT && t+resetTolerance <= c.maxT
			again := linux && (sawBanner || phase == phaseEnded)
			switch {
			case phase == phaseNone:
				begin(0)
				// A log that starts with a kernel line other than the banner or an early
				// timestamp starts in the middle of a boot.
				cur().Truncated = !linux && (!hasT || t >= resetTolerance)
				phase = phaseKernel
			case phase == phasePre:
				phase = phaseKernel
			case reset || again:
				begin(i)
				phase = phaseKernel
			}
		case strings.TrimSpace(line) == "":
			continue
		default:
			switch phase {
			case phaseNone:
				begin(0)
				cur().Truncated = true
				phase = phaseKernel
			case phaseEnded:
				begin(i)
				phase = phasePre
			}
		}
		if len(bs.list) == 0 {
			continue
		}
		c := cur()
		if linux {
			sawBanner = true
		}
		if (hasT || linux) && c.Kernel < 0 && !c.Truncated {
			c.Kernel = i
		}
		if hasT {
			c.lastT, c.hasT = t, true
			c.maxT = max(c.maxT, t)
		}
	}
	if n := len(bs.list); n > 0 {
		bs.list[n-1].End = len(plain)
	}
	return bs
}

// isShutdown reports whether the kernel announces on line that the machine goes down.
func isShutdown(line string) bool {
	i := strings.Index(line, "reboot: ")
	if i < 0 {
		return false
	}
	rest := line[i+len("reboot: "):]
	return strings.HasPrefix(rest, "Restarting system") || strings.HasPrefix(rest, "Power down") ||
		strings.HasPrefix(rest, "System halted")
}

// preKernelPrefixes start the lines that firmware and boot loaders print before the kernel runs.
// They are matched at the start of the line (after blanks), where these programs print them, so
// that a log message quoting one does not split a boot.
var preKernelPrefixes = []string{
	"SeaBIOS (version ",
	"iPXE (",
	"BdsDxe: ",
	"Booting from Hard Disk",
	"Booting from DVD",
	"Booting from ROM",
	"GNU GRUB ",
	"Welcome to GRUB!",
	"Booting `",
	"Loading Linux ",
	"Probing EDD",
	"Decompressing Linux",
}

// isPreKernel reports whether line is firmware or boot loader output.
func isPreKernel(line string) bool {
	s := strings.TrimLeft(line, " ")
	if s == "" {
		return false
	}
	// One byte comparison first: almost every log line starts with '[' or a letter no prefix
	// starts with, so the loop rarely runs.
	switch s[0] {
	case 'S', 'i', 'B', 'G', 'W', 'L', 'P', 'D':
	default:
		return false
	}
	for _, p := range preKernelPrefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// Count returns the number of boots.
func (b Boots) Count() int { return len(b.list) }

// Boot returns boot i (0-based). It panics when i is out of range, as a slice index would.
func (b Boots) Boot(i int) Boot { return b.list[i] }

// BootOf returns the 0-based index of the boot that holds line, or -1 when there are no boots
// or line is outside the log.
func (b Boots) BootOf(line int) int {
	n := len(b.list)
	if n == 0 || line < 0 || line >= b.list[n-1].End {
		return -1
	}
	return sort.Search(n, func(i int) bool { return b.list[i].End > line })
}

// Next returns the first line of the boot after the one holding line, for the viewer's "}". It
// reports false when line is in the last boot.
func (b Boots) Next(line int) (int, bool) {
	for _, bt := range b.list {
		if bt.First > line {
			return bt.First, true
		}
	}
	return 0, false
}

// Prev returns the first line of the boot holding line when line is past it, or else the first
// line of the boot before, for the viewer's "{". It reports false when line is at or before the
// first boot's first line.
func (b Boots) Prev(line int) (int, bool) {
	for i := len(b.list) - 1; i >= 0; i-- {
		if b.list[i].First < line {
			return b.list[i].First, true
		}
	}
	return 0, false
}

// Status returns "boot 2 of 3" for the boot holding line, or "" when the log has fewer than two
// boots (one boot is not worth a word in the status bar) or line is outside it.
func (b Boots) Status(line int) string {
	i := b.BootOf(line)
	if i < 0 || len(b.list) < 2 {
		return ""
	}
	return "boot " + strconv.Itoa(i+1) + " of " + strconv.Itoa(len(b.list))
}

// BootLabelLayout is how Label prints a boot's start time: to the second, with the UTC offset,
// so that the time cannot be read in the wrong zone.
const BootLabelLayout = "2006-01-02 15:04:05 -07:00"

// Label returns the text of the separator drawn above boot i:
// "boot 2 of 3 · started 2026-11-26 14:03:05 +08:00" when its start time is known (see Anchor),
// "boot 2 of 3 · start time unknown" when not, and "boot 1 of 3 · began before this log" for a
// Truncated first boot. It returns "" for an index out of range.
func (b Boots) Label(i int) string {
	if i < 0 || i >= len(b.list) {
		return ""
	}
	bt := b.list[i]
	s := "boot " + strconv.Itoa(i+1) + " of " + strconv.Itoa(len(b.list)) + " · "
	switch {
	case bt.startKnown:
		return s + "started " + bt.start.Format(BootLabelLayout)
	case bt.Truncated:
		return s + "began before this log"
	}
	return s + "start time unknown"
}
