package emulator

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// bootWriter accumulates one serial-console transcript. The kernel clock only moves forward, so
// printk timestamps increase the way they do on a real console; systemd lines carry no timestamp
// but still advance the clock, which keeps interleaved kernel lines plausible.
type bootWriter struct {
	b    strings.Builder
	t    float64 // kernel clock, seconds since boot
	pace float64 // largest random step between two consecutive lines
	rng  *rand.Rand
	os   *osProfile
	m    *machine
	boot time.Time // wall-clock time of the boot, for cloud-init and syslog-style stamps
	// noInitrd boots the kernel without an initramfs, as GRUB does when the image file is missing.
	noInitrd bool
	// ephemeral is set while systemd's last status line is a transient one ("A start job is
	// running ..."). systemd erases it with "\r" ESC[K before its next line; kernel messages do not,
	// so they land on the same line after it, as on a real console.
	ephemeral bool
	// lateDisk keeps the data disk out of the early driver messages: it is attached late.
	lateDisk bool
}

func newBootWriter(os *osProfile, m *machine, boot time.Time) *bootWriter {
	return &bootWriter{pace: 0.00002, rng: rand.New(rand.NewPCG(m.seed, 0x5eed)), os: os, m: m, boot: boot}
}

// Serial consoles end lines with CRLF: the 8250 console driver and the tty's onlcr flag both turn
// "\n" into "\r\n", so that is what ECS caches.
const crlf = "\r\n"

// stamp renders the printk prefix for the current clock: "[%5lu.%06lu] ".
func (w *bootWriter) stamp() string {
	us := int64(w.t*1e6 + 0.5)
	return fmt.Sprintf("[%5d.%06d] ", us/1e6, us%1e6)
}

func (w *bootWriter) advance() { w.t += w.rng.Float64() * w.pace }

// gap moves the clock forward by d seconds plus up to 20% jitter.
func (w *bootWriter) gap(d float64) { w.t += d * (1 + 0.2*w.rng.Float64()) }

// kf writes one timestamped kernel line.
func (w *bootWriter) kf(format string, a ...any) {
	w.advance()
	w.b.WriteString(w.stamp())
	fmt.Fprintf(&w.b, format, a...)
	w.b.WriteString(crlf)
}

// kl writes timestamped kernel lines given literally, one per element.
func (w *bootWriter) kl(lines ...string) {
	for _, l := range lines {
		w.advance()
		w.b.WriteString(w.stamp())
		w.b.WriteString(l)
		w.b.WriteString(crlf)
	}
}

// settle erases a transient systemd status line before systemd or a program writes again.
func (w *bootWriter) settle() {
	if w.ephemeral {
		w.b.WriteString("\r\x1b[K")
		w.ephemeral = false
	}
}

// lf writes one untimestamped line (systemd status, getty, program output).
func (w *bootWriter) lf(format string, a ...any) {
	w.settle()
	w.advance()
	fmt.Fprintf(&w.b, format, a...)
	w.b.WriteString(crlf)
}

// ll writes untimestamped lines given literally.
func (w *bootWriter) ll(lines ...string) {
	w.settle()
	for _, l := range lines {
		w.advance()
		w.b.WriteString(l)
		w.b.WriteString(crlf)
	}
}

// raw writes bytes as they are, without a line ending (progress redraws, prompts).
func (w *bootWriter) raw(s string) { w.b.WriteString(s) }

// wall is the wall-clock time that corresponds to the current kernel clock.
func (w *bootWriter) wall() time.Time {
	return w.boot.Add(time.Duration(w.t * float64(time.Second)))
}

// auditTime is the "seconds.millis" wall-clock stamp of an audit record at the current clock.
func (w *bootWriter) auditTime() string {
	ms := w.wall().UnixMilli()
	return fmt.Sprintf("%d.%03d", ms/1000, ms%1000)
}

func (w *bootWriter) String() string { return w.b.String() }

// pick returns one element of xs chosen by the writer's generator.
func pick[T any](r *rand.Rand, xs ...T) T { return xs[r.IntN(len(xs))] }

// hexID returns n lowercase hex digits, for UUIDs, machine IDs and fingerprints.
func hexID(r *rand.Rand, n int) string {
	const digits = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = digits[r.IntN(16)]
	}
	return string(b)
}

// uuid returns a random-looking RFC 4122 version 4 UUID.
func uuid(r *rand.Rand) string {
	h := hexID(r, 32)
	return h[0:8] + "-" + h[8:12] + "-4" + h[13:16] + "-" + pick(r, "8", "9", "a", "b") + h[17:20] + "-" + h[20:32]
}

// b64 returns n characters of the base64 alphabet, for SHA256 fingerprints and key blobs.
func b64(r *rand.Rand, n int) string {
	const alpha = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	b := make([]byte, n)
	for i := range b {
		b[i] = alpha[r.IntN(len(alpha))]
	}
	return string(b)
}
