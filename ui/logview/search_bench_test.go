package logview

// Search benchmarks on issue 16's log: 108 MB, about a million lines of realistic serial-console
// text (CRLF, colour; bench/benchlog generates it once and caches it under os.TempDir). Run with
//
//	go test -run '^$' -bench Search -benchtime 10x ./ui/logview/
//
// Each case reports the Searcher's time per search ("ms/search"), the number of matches, and the
// line-by-line regexp loop the viewer used before, timed once per case outside the benchmark
// timer ("regexp-loop-ms"). BenchmarkSearchTyping times one keystroke that extends a literal.

import (
	"context"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bootlog/bootlog/bench/benchlog"
	"github.com/bootlog/bootlog/ui/console"
)

// issueLogSize is the size of issue 16's big log.
const issueLogSize = 108_000_000

var (
	issueOnce sync.Once
	issueData []byte
	issueDoc  console.Document
	issueErr  error
)

// issueLog returns the 108 MB log rendered as the file viewer renders it (RenderShared), built once
// per process.
func issueLog(b testing.TB) console.Document {
	b.Helper()
	issueOnce.Do(func() {
		issueData, issueErr = benchlog.Load(issueLogSize)
		if issueErr == nil {
			issueDoc = console.RenderShared(issueData, console.Options{Color: true})
		}
	})
	if issueErr != nil {
		b.Fatal(issueErr)
	}
	return issueDoc
}

// issueSearcher returns a fresh Searcher over the 108 MB log, as the viewer builds it.
func issueSearcher(b testing.TB) (*Searcher, console.Document) {
	doc := issueLog(b)
	return NewSearcherIn(doc.Plain, issueData), doc
}

func BenchmarkSearch(b *testing.B) {
	for _, p := range []string{"Kernel command line", "kernel command line", "DENIED", "denied", "audit:", `audit\(\d+`} {
		b.Run(p, func(b *testing.B) {
			s, doc := issueSearcher(b)
			q := Compile(p)
			// The first search pays for the line index and, for a case-insensitive literal, the
			// folded copy; report that separately.
			t0 := time.Now()
			ms, _ := s.Find(context.Background(), q)
			first := time.Since(t0)
			t0 = time.Now()
			want := naiveFind(q, doc.Plain)
			loop := time.Since(t0)
			if ms.Total != len(want) || !ms.Complete() {
				b.Fatalf("%q: %d matches (%d kept), the regexp loop finds %d", p, ms.Total, len(ms.Matches), len(want))
			}
			b.ResetTimer()
			best := time.Duration(1 << 62)
			for range b.N {
				t0 := time.Now()
				ms, _ = s.Find(context.Background(), q)
				best = min(best, time.Since(t0))
			}
			b.StopTimer()
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/search")
			b.ReportMetric(float64(best.Microseconds())/1000, "min-ms")
			b.ReportMetric(float64(first.Milliseconds()), "first-ms")
			b.ReportMetric(float64(loop.Milliseconds()), "regexp-loop-ms")
			b.ReportMetric(float64(ms.Total), "matches")
		})
	}
}

// BenchmarkSearchFold compares a case-insensitive search with the same search in capitals, the
// two run alternately so that both see the same machine load. "ratio" is the fastest
// case-insensitive search over the fastest case-sensitive one; the target is at most 1.5.
func BenchmarkSearchFold(b *testing.B) {
	for _, c := range []struct{ upper, lower string }{
		{"Kernel command line", "kernel command line"},
		{"DENIED", "denied"},
	} {
		b.Run(c.lower, func(b *testing.B) {
			s, _ := issueSearcher(b)
			qu, ql := Compile(c.upper), Compile(c.lower)
			s.Find(context.Background(), ql) // build the folded copy outside the timing
			bestU, bestL := time.Duration(1<<62), time.Duration(1<<62)
			b.ResetTimer()
			for range b.N {
				t0 := time.Now()
				mu, _ := s.Find(context.Background(), qu)
				t1 := time.Now()
				ml, _ := s.Find(context.Background(), ql)
				bestU, bestL = min(bestU, t1.Sub(t0)), min(bestL, time.Since(t1))
				if mu.Total != ml.Total {
					b.Fatalf("%d matches in capitals, %d in lower case", mu.Total, ml.Total)
				}
			}
			b.ReportMetric(float64(bestU.Microseconds())/1000, "cs-min-ms")
			b.ReportMetric(float64(bestL.Microseconds())/1000, "ci-min-ms")
			b.ReportMetric(float64(bestL)/float64(bestU), "ratio")
		})
	}
}

// BenchmarkSearchTyping times the keystroke that turns "audit" into "audit:" (about 100k matching
// lines before and after) and "kernel comm" into "kernel comma" (one): Refine searches only the
// lines that matched before.
func BenchmarkSearchTyping(b *testing.B) {
	for _, c := range []struct{ before, after string }{{"audit", "audit:"}, {"kernel comm", "kernel comma"}} {
		b.Run(c.after, func(b *testing.B) {
			s, _ := issueSearcher(b)
			prev := Compile(c.before)
			prevMs, _ := s.Find(context.Background(), prev)
			q := Compile(c.after)
			var ms Result
			b.ResetTimer()
			for range b.N {
				ms, _ = s.Refine(context.Background(), q, prev, prevMs)
			}
			b.StopTimer()
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/keystroke")
			b.ReportMetric(float64(ms.Total), "matches")
		})
	}
}

// BenchmarkFinderEitherCommon finds every "kernel" in a megabyte where it is common and "K" never
// appears, with the scan for both cases of k: each hit must cost a few bytes of scanning, not a
// scan ahead to the next capital (which would be the rest of the text, after every hit).
func BenchmarkFinderEitherCommon(b *testing.B) {
	text := strings.Repeat("[    1.000000] kernel: eth0 up\r\n", 1<<20/32)
	f := finder{lit: "kernel", fold: true, either: true}
	hits := 0
	for range b.N {
		hits = 0
		for pos := 0; ; hits++ {
			at := f.index(text, pos)
			if at < 0 {
				break
			}
			pos = at + 1
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(text)), "ns/byte")
	b.ReportMetric(float64(hits), "hits")
}

// BenchmarkSearchIndex builds the Searcher's index of the 108 MB log (what Prepare does in the
// background once the log is open) and reports its time, the memory it keeps ("index-MiB") and
// the memory it allocates on the way ("alloc-MiB"): Prepare runs right after loading, when the
// process is at its peak, so anything it allocates beyond what it keeps raises that peak.
func BenchmarkSearchIndex(b *testing.B) {
	doc := issueLog(b)
	var keep *Searcher
	var held, alloc uint64
	var build time.Duration
	for range b.N {
		var m0, m1 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m0)
		s := NewSearcherIn(doc.Plain, issueData)
		t0 := time.Now()
		s.Prepare()
		build += time.Since(t0)
		runtime.GC()
		runtime.ReadMemStats(&m1)
		held = m1.HeapAlloc - m0.HeapAlloc
		alloc = m1.TotalAlloc - m0.TotalAlloc
		keep = s
	}
	b.ReportMetric(float64(build.Microseconds())/1000/float64(b.N), "ms/build")
	b.ReportMetric(float64(held)/(1<<20), "index-MiB")
	b.ReportMetric(float64(alloc)/(1<<20), "alloc-MiB")
	b.ReportMetric(float64(len(keep.lines)), "lines")
	b.ReportMetric(float64(len(keep.segs)), "segments")
}

// BenchmarkSearchOneLetter searches "a", what anyone types first, on the 108 MB log: some 3.4
// million matches, of which a search keeps MaxMatches. It reports the matches counted and kept
// and the memory one search allocates ("alloc-MiB"), which is bounded by MaxMatches whatever the
// count.
func BenchmarkSearchOneLetter(b *testing.B) {
	s, _ := issueSearcher(b)
	s.Prepare()
	q := Compile("a")
	var r Result
	var alloc uint64
	b.ResetTimer()
	for range b.N {
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		r, _ = s.Find(context.Background(), q)
		runtime.ReadMemStats(&m1)
		alloc = m1.TotalAlloc - m0.TotalAlloc
	}
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/search")
	b.ReportMetric(float64(r.Total), "matches")
	b.ReportMetric(float64(len(r.Matches)), "kept")
	b.ReportMetric(float64(alloc)/(1<<20), "alloc-MiB")
}
