package logview

// Benchmarks for the "must show" items 1 and 5. Run them with
//
//	go test -run '^$' -bench . -timeout 30m ./ui/logview/
//
// (about two minutes on a 2-core machine, most of it building the 1M-line content and the stock
// viewport's own setup; add -bench 'Scroll/64KB' and the like to run a part). Each BenchmarkScroll case times scroll-by-one frames, ScrollDown(1) and
// View(), of this package ("ns/frame") and of the stock charm.land/bubbles/v2/viewport on the same
// content, size, gutter and highlights in the same run ("stock-ns/frame"), and their ratio
// ("speedup"). The stock frames are timed once per case, outside the benchmark timer, for at most
// about a second or 200 frames (at 1M lines with soft wrap a single stock frame takes seconds).
// BenchmarkMemory10MB reports the viewer's retained heap per byte of a 10 MB log.

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"charm.land/bubbles/v2/viewport"
	"charm.land/lipgloss/v2"
	"github.com/bootlog/bootlog/ui/console"
	"github.com/charmbracelet/x/ansi"
)

// Frame size of the benchmarks: a typical full-screen terminal.
const benchW, benchH = 120, 40

// benchFragments are lines a Linux boot writes to the serial console, weighted towards the plain
// kernel lines that dominate a real log, with colour, CJK and a few lines long enough to wrap.
var benchFragments = []string{
	"[    0.004211] ACPI: RSDP 0x00000000000F0490 000014 (v00 BOCHS )\r\n",
	"[    1.532870] virtio_net virtio0 eth0: renamed from enp0s5\r\n",
	"[    2.118034] EXT4-fs (vda1): mounted filesystem with ordered data mode. Opts: (null)\r\n",
	"[    3.001245] systemd[1]: Detected virtualization kvm.\r\n",
	"[    0.000000] Linux version 5.10.134-16.al8.x86_64 (mockbuild@alinux-build) (gcc (GCC) 10.2.1) #1 SMP Thu Jun 20 2024\r\n",
	"[\x1b[0;32m  OK  \x1b[0m] Started \x1b[0;1;39mJournal Service\x1b[0m.\r\n",
	"[\x1b[0;32m  OK  \x1b[0m] Reached target \x1b[0;1;39mLocal File Systems\x1b[0m.\r\n",
	"[\x1b[0;1;31mFAILED\x1b[0m] Failed to start \x1b[0;1;39mLoad Kernel Modules\x1b[0m.\r\n",
	"         Starting \x1b[0;1;39mNetwork Manager\x1b[0m...\r\n",
	"dracut-initqueue[312]: Scanning devices vda1  for LVM logical volumes\r\n",
	"Cloud-init v. 23.4 running 'init' at Thu, 26 Nov 2026 09:12:01 +0000. Up 8.21 seconds.\r\n",
	"ci-info: |  eth0  | True | 172.16.0.10 | 255.255.255.0 | global | 00:16:3e:0a:0b:0c |\r\n",
	"欢迎使用阿里云弹性计算服务 ECS（Elastic Compute Service）\r\n",
	"\x1b[38;5;208mwarning\x1b[0m: clock skew detected, \x1b[38;2;255;100;0mcorrecting\x1b[0m\r\n",
	"cloud-init[1021]: 2026-11-26 09:12:03,118 - util.py[WARNING]: Failed to fetch metadata from http://100.100.100.200/latest/meta-data/ after 3 attempts: HTTPConnectionPool(host='100.100.100.200', port=80): Max retries exceeded with url: /latest/meta-data/instance-id (Caused by ConnectTimeoutError)\r\n",
	"[   12.882101] audit: type=1400 audit(1732612323.114:2): apparmor=\"STATUS\" operation=\"profile_load\" profile=\"unconfined\" name=\"/usr/lib/snapd/snap-confine\" pid=612 comm=\"apparmor_parser\" 内核审计日志 已加载\r\n",
}

// benchLog builds a deterministic boot log of about size bytes or lines lines, whichever is
// reached first.
func benchLog(size, lines int) []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	var b bytes.Buffer
	for n := 0; b.Len() < size && n < lines; n++ {
		if rng.IntN(3) < 2 {
			b.WriteString(benchFragments[rng.IntN(4)])
		} else {
			b.WriteString(benchFragments[rng.IntN(len(benchFragments))])
		}
	}
	return b.Bytes()
}

// benchContent is one rendered log with its search matches, for both views.
type benchContent struct {
	doc     console.Document
	matches []Match
	// stockContent and stockMatches are the same log and matches as the stock viewport takes
	// them: one string, byte ranges into it.
	stockContent string
	stockMatches [][]int
}

var (
	contentMu    sync.Mutex
	contentCache = map[string]*benchContent{}
	stockMu      sync.Mutex
	stockCache   = map[string]float64{}
)

// benchMaxMatches is the number of highlights in the "hl" cases.
const benchMaxMatches = 100_000

// loadContent builds (once per process) the content named name.
func loadContent(b *testing.B, name string) *benchContent {
	contentMu.Lock()
	defer contentMu.Unlock()
	if c, ok := contentCache[name]; ok {
		return c
	}
	var data []byte
	switch name {
	case "64KB":
		data = benchLog(64<<10, 1<<62)
	case "10MB":
		data = benchLog(10<<20, 1<<62)
	case "1Mlines":
		data = benchLog(1<<62, 1_000_000)
	default:
		b.Fatalf("unknown content %q", name)
	}
	c := &benchContent{doc: console.Render(data, console.Options{Color: true})}
	// Matches: every word of letters, thinned evenly to benchMaxMatches. A small log has fewer;
	// the "highlights" metric says how many.
	re := regexp.MustCompile(`[A-Za-z]+`)
	var all []Match
	for i, p := range c.doc.Plain {
		for _, loc := range re.FindAllStringIndex(p, -1) {
			all = append(all, Match{i, loc[0], loc[1]})
		}
	}
	if len(all) <= benchMaxMatches {
		c.matches = all
	} else {
		for k := range benchMaxMatches {
			c.matches = append(c.matches, all[k*len(all)/benchMaxMatches])
		}
	}
	// The stock viewport gets the styled lines joined, and each match as a byte range into that
	// string: the line's offset plus the match's position in the styled line.
	var sb strings.Builder
	styled := c.doc.Lines()
	offsets := make([]int, len(styled))
	for i, l := range styled {
		offsets[i] = sb.Len()
		sb.WriteString(l)
		if i < len(styled)-1 {
			sb.WriteByte('\n')
		}
	}
	c.stockContent = sb.String()
	for _, x := range c.matches {
		s := styled[x.Line]
		c.stockMatches = append(c.stockMatches, []int{
			offsets[x.Line] + styledOffset(s, x.Start), offsets[x.Line] + styledOffset(s, x.End),
		})
	}
	contentCache[name] = c
	return c
}

// styledOffset maps a byte offset into the plain text of styled line s to one into s.
func styledOffset(s string, plainOff int) int {
	p := 0
	for i := 0; i < len(s); {
		if s[i] == ansi.ESC {
			n, _ := escapeLen(s[i:])
			i += n
			continue
		}
		if p == plainOff {
			return i
		}
		p++
		i++
	}
	return len(s)
}

// benchStyles are the highlight styles both views draw with.
var (
	benchHL    = lipgloss.NewStyle().Background(lipgloss.Color("#444444"))
	benchHLSel = lipgloss.NewStyle().Background(lipgloss.Color("#ffd700")).Foreground(lipgloss.Color("#000000"))
)

// newBenchView returns this package's view over c, scrolled to the middle.
func newBenchView(c *benchContent, wrap, hl bool) Model {
	m := New()
	m.HighlightStyle, m.SelectedHighlightStyle = benchHL, benchHLSel
	m.SetSize(benchW, benchH)
	m.SetContent(c.doc.Plain, c.doc.Line)
	m.SetWrap(wrap)
	m.SetLineNumbers(true)
	m.SetYOffset(m.TotalRowCount() / 2)
	if hl {
		m.SetHighlights(c.matches)
	}
	return m
}

// newStockView returns the stock viewport over the same content, with a line-number gutter like
// ours, scrolled to the middle.
func newStockView(c *benchContent, wrap, hl bool) viewport.Model {
	vp := viewport.New(viewport.WithWidth(benchW), viewport.WithHeight(benchH))
	vp.HighlightStyle, vp.SelectedHighlightStyle = benchHL, benchHLSel
	vp.SoftWrap = wrap
	numW := digits(c.doc.Len())
	vp.LeftGutterFunc = func(g viewport.GutterContext) string {
		if g.Soft {
			return strings.Repeat(" ", numW+1)
		}
		return fmt.Sprintf("%*d ", numW, g.Index+1)
	}
	vp.SetContent(c.stockContent)
	vp.SetYOffset(c.doc.Len() / 2)
	if hl {
		vp.SetHighlights(c.stockMatches)
	}
	return vp
}

// stockFrame times the stock viewport's scroll-by-one frame once per process and case.
func stockFrame(b *testing.B, key string, c *benchContent, wrap, hl bool) float64 {
	stockMu.Lock()
	defer stockMu.Unlock()
	if ns, ok := stockCache[key]; ok {
		return ns
	}
	vp := newStockView(c, wrap, hl)
	var sink int
	start := time.Now()
	n := 0
	for n < 200 && (n == 0 || time.Since(start) < time.Second) {
		vp.ScrollDown(1)
		sink += len(vp.View())
		n++
	}
	ns := float64(time.Since(start).Nanoseconds()) / float64(n)
	if sink == 0 {
		b.Fatal("stock viewport rendered nothing")
	}
	stockCache[key] = ns
	return ns
}

// BenchmarkScroll times scroll-by-one frames at 64 KB, 10 MB and 1M lines, wrap on and off, with
// and without up to 100k highlights, beside the stock viewport (see the file comment).
func BenchmarkScroll(b *testing.B) {
	for _, size := range []string{"64KB", "10MB", "1Mlines"} {
		for _, wrap := range []bool{true, false} {
			for _, hl := range []bool{false, true} {
				name := fmt.Sprintf("%s/wrap=%v/hl=%v", size, wrap, hl)
				b.Run(name, func(b *testing.B) {
					c := loadContent(b, size)
					stock := stockFrame(b, name, c, wrap, hl)
					m := newBenchView(c, wrap, hl)
					mid := m.YOffset()
					var sink int
					b.ReportAllocs()
					b.ResetTimer()
					for range b.N {
						if m.AtBottom() {
							m.SetYOffset(mid)
						}
						m.ScrollDown(1)
						sink += len(m.View())
					}
					b.StopTimer()
					if sink == 0 {
						b.Fatal("rendered nothing")
					}
					ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
					b.ReportMetric(ns, "ns/frame")
					b.ReportMetric(stock, "stock-ns/frame")
					b.ReportMetric(stock/ns, "speedup")
					b.ReportMetric(float64(c.doc.Len()), "lines")
					if hl {
						_, total := m.CurrentMatch()
						b.ReportMetric(float64(total), "highlights")
					}
				})
			}
		}
	}
}

// BenchmarkHugeLine times scroll-by-one frames in the middle of one 8 MB line (a misbehaving
// image that never writes a newline) with colour every few words and a match every ~100 bytes,
// wrapped. There is no stock figure: the stock viewport did not render one frame of this in ten
// minutes (it re-wraps and re-highlights the whole line per frame) and grew to 5 GB.
func BenchmarkHugeLine(b *testing.B) {
	for _, kind := range []string{"ascii", "cjk"} {
		b.Run(kind, func(b *testing.B) {
			payload := "payload bytes without any newline at all"
			if kind == "cjk" {
				payload = "没有换行的数据 payload ï"
			}
			var sb strings.Builder
			for i := 0; sb.Len() < 8<<20; i++ {
				fmt.Fprintf(&sb, "\x1b[32mseg%07d\x1b[m %s ", i, payload)
			}
			styled := sb.String()
			plain := ansi.Strip(styled)
			re := regexp.MustCompile(`seg\d+5 `)
			var ms []Match
			for _, loc := range re.FindAllStringIndex(plain, -1) {
				ms = append(ms, Match{0, loc[0], loc[1]})
			}
			c := &benchContent{doc: console.NewDocument([]string{styled}, []string{plain}), matches: ms}
			m := newBenchView(c, true, true)
			mid := m.YOffset()
			var sink int
			b.ResetTimer()
			for range b.N {
				if m.AtBottom() {
					m.SetYOffset(mid)
				}
				m.ScrollDown(1)
				sink += len(m.View())
			}
			b.StopTimer()
			if sink == 0 {
				b.Fatal("rendered nothing")
			}
			ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
			b.ReportMetric(ns, "ns/frame")
			b.ReportMetric(float64(len(ms)), "highlights")
		})
	}
}

// BenchmarkSetLines times loading content into the view (the one whole-content pass) with wrap
// and line numbers on.
func BenchmarkSetLines(b *testing.B) {
	for _, size := range []string{"10MB", "1Mlines"} {
		b.Run(size, func(b *testing.B) {
			c := loadContent(b, size)
			b.ResetTimer()
			for range b.N {
				m := New()
				m.SetSize(benchW, benchH)
				m.SetLineNumbers(true)
				m.SetContent(c.doc.Plain, c.doc.Line)
				m.GotoBottom()
			}
		})
	}
}

// BenchmarkSetHighlights times handing 100k matches to the view (validation and selection).
func BenchmarkSetHighlights(b *testing.B) {
	c := loadContent(b, "1Mlines")
	m := newBenchView(c, true, false)
	b.ResetTimer()
	for range b.N {
		m.SetHighlights(c.matches)
	}
}

// BenchmarkMemory10MB loads a 10 MB coloured boot log into the view and reports the heap it
// retains per byte of log, after a GC: the rendered styled and plain strings plus the view's
// indexes ("bytes-per-log-byte", target <= 4), and the indexes alone ("index-bytes-per-log-byte").
func BenchmarkMemory10MB(b *testing.B) {
	data := benchLog(10<<20, 1<<62)
	for range b.N {
		before := heapInUse()
		doc := console.Render(data, console.Options{Color: true})
		afterRender := heapInUse()
		m := New()
		m.SetSize(benchW, benchH)
		m.SetLineNumbers(true)
		m.SetContent(doc.Plain, doc.Line)
		m.GotoBottom()
		_ = m.View()
		after := heapInUse()
		b.ReportMetric(float64(after-before)/float64(len(data)), "bytes-per-log-byte")
		b.ReportMetric(float64(after-afterRender)/float64(len(data)), "index-bytes-per-log-byte")
		runtime.KeepAlive(&m)
		runtime.KeepAlive(&doc)
	}
}

// heapInUse returns the heap in use after a full collection.
func heapInUse() int64 {
	var ms runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&ms)
	return int64(ms.HeapInuse)
}
