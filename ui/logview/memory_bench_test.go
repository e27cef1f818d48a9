package logview

import (
	"os"
	"runtime"
	"testing"

	"github.com/bootlog/bootlog/bench/benchlog"
	"github.com/bootlog/bootlog/ui/console"
)

// BenchmarkMemory108MB loads issue 16's 108 MB log as `bootlog view` does (the file's bytes, kept;
// console.RenderShared; the view's indexes) and reports the heap it retains per byte of log after a
// GC, the log's own bytes included ("heap-per-log-byte"), and the part beyond the log
// ("extra-per-log-byte"). Issue 16's target for the whole process is at most 1.5 bytes per log
// byte plus 20 MiB; bench/sidebyside measures that peak on the real binary.
func BenchmarkMemory108MB(b *testing.B) {
	path, err := benchlog.Cached(issueLogSize)
	if err != nil {
		b.Fatal(err)
	}
	for range b.N {
		before := heapInUse()
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		doc := console.RenderShared(data, console.Options{Color: true})
		m := New()
		m.SetSize(benchW, benchH)
		m.SetContent(doc.Plain, doc.Line)
		m.GotoBottom()
		_ = m.View()
		after := heapInUse()
		n := float64(len(data))
		b.ReportMetric(float64(after-before)/n, "heap-per-log-byte")
		b.ReportMetric(float64(after-before-int64(len(data)))/n, "extra-per-log-byte")
		b.ReportMetric(float64(len(doc.Plain)), "lines")
		runtime.KeepAlive(&m)
		runtime.KeepAlive(&doc)
		runtime.KeepAlive(data)
	}
}
