package fleet

// The benchmarks run the emulator in a child process (the test binary itself, through
// TestEmulatorProcess), so that the heap the parent measures is the scan's alone: 2,000 fixture
// logs of 64 KB would otherwise put 128 MB of the emulator's own copies into the figure.
//
//	go test -run '^$' -bench 'ScanPaced|ScanMemory' -benchtime 1x ./ui/fleet/
//	go test -run '^$' -bench ScanPaced -benchtime 1x ./ui/fleet/ -fleet.n 300

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/fetch/emulator"
)

var (
	benchN       = flag.Int("fleet.n", 2000, "instances in the benchmark fleet")
	benchLatency = flag.Duration("fleet.latency", 100*time.Millisecond, "emulator latency of BenchmarkScanPaced")
	benchRate    = flag.Float64("fleet.rate", 50, "GetInstanceConsoleOutput calls a second: the emulator's limit and the client's rate")
	benchLogKB   = flag.Int("fleet.logkb", 64, "console log size of BenchmarkScanMemory, in KB")
	benchRegions = flag.Int("fleet.regions", 1, "regions the fleet of BenchmarkScanPaced is spread over, round robin")
)

// emulatorEnv carries the child's configuration: n, regions, log size in bytes, latency, rate
// limit.
const emulatorEnv = "BOOTLOG_FLEET_BENCH_EMULATOR"

// statsPath is where the child reports its counters; no ECS request goes there.
const statsPath = "/__bench_stats"

type benchStats struct {
	Calls, Throttled int
}

// TestEmulatorProcess is the benchmarks' child process, not a test: it serves a fleet on
// loopback, prints its URL, and exits when its standard input closes.
func TestEmulatorProcess(t *testing.T) {
	cfg := os.Getenv(emulatorEnv)
	if cfg == "" {
		t.Skip("the benchmarks' emulator process; runs only when they start it")
	}
	f := strings.Fields(cfg)
	if len(f) != 5 {
		t.Fatalf("%s=%q: want n, regions, log bytes, latency, rate", emulatorEnv, cfg)
	}
	n, err1 := strconv.Atoi(f[0])
	regions, err2 := strconv.Atoi(f[1])
	logBytes, err3 := strconv.Atoi(f[2])
	latency, err4 := time.ParseDuration(f[3])
	rate, err5 := strconv.ParseFloat(f[4], 64)
	if err := errors.Join(err1, err2, err3, err4, err5); err != nil {
		t.Fatalf("%s=%q: %v", emulatorEnv, cfg, err)
	}
	opts := emulator.Options{Fixtures: benchFleet(n, regions, logBytes), Latency: latency}
	if rate > 0 {
		opts.RateLimits = map[string]float64{"GetInstanceConsoleOutput": rate}
	}
	srv, err := emulator.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc(statsPath, func(w http.ResponseWriter, _ *http.Request) {
		json.NewEncoder(w).Encode(benchStats{srv.Calls("GetInstanceConsoleOutput"), srv.Throttled("GetInstanceConsoleOutput")})
	})
	mux.Handle("/", srv.Handler())
	hs := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go hs.Serve(ln)
	fmt.Printf("URL http://%s\n", ln.Addr())
	io.Copy(io.Discard, os.Stdin)
	hs.Close()
}

// benchFleet is n Running instances spread over regions (cn-hangzhou alone, or bench-01 to
// bench-NN), each with the same clean log of about logBytes bytes (the scan's cost does not
// depend on the logs differing).
func benchFleet(n, regions, logBytes int) *emulator.Fixtures {
	var b strings.Builder
	b.WriteString(kernelHead + "\r\n")
	units := []string{"Started Session %d of user root.", "Started Journal Service.", "Mounted /data.",
		"Started OpenSSH server daemon.", "Reached target Network.", "Started Command Scheduler."}
	for i := 0; b.Len() < logBytes-200; i++ {
		if i%3 == 0 {
			fmt.Fprintf(&b, "[%5d.%06d] EXT4-fs (vdb1): mounted filesystem with ordered data mode. Opts: (null)\r\n", 4+i/1000, i%1000*997)
		} else {
			fmt.Fprintf(&b, ok+units[i%len(units)]+"\r\n", i)
		}
	}
	b.WriteString(tail("node"))
	text := b.String()
	fx := &emulator.Fixtures{}
	for _, r := range benchRegionIDs(regions) {
		fx.Regions = append(fx.Regions, emulator.RegionFixture{RegionID: r, LocalName: r})
	}
	for i := range n {
		r := fx.Regions[i%len(fx.Regions)].RegionID
		fx.Instances = append(fx.Instances, emulator.InstanceFixture{
			RegionID: r, InstanceID: fmt.Sprintf("i-bench%05d", i), InstanceName: fmt.Sprintf("node-%05d", i),
			Status: "Running", OSType: "linux", OSName: "Alibaba Cloud Linux 3", InstanceType: "ecs.g7.large", ZoneID: r + "-h",
			PrivateIP: fmt.Sprintf("172.16.%d.%d", i/250, i%250+1), CreationTime: "2026-11-01T08:00Z", StartTime: start,
			Console: &emulator.ConsoleFixture{LastUpdateTime: after, Text: text},
		})
	}
	return fx
}

// benchRegionIDs names the benchmark's regions.
func benchRegionIDs(n int) []string {
	if n <= 1 {
		return []string{"cn-hangzhou"}
	}
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("bench-%02d", i+1)
	}
	return out
}

// startChild starts the emulator process and returns its URL.
func startChild(b *testing.B, n, regions, logBytes int, latency time.Duration, rate float64) string {
	b.Helper()
	exe, err := os.Executable()
	if err != nil {
		b.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^TestEmulatorProcess$")
	cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%d %d %d %s %g", emulatorEnv, n, regions, logBytes, latency, rate))
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		b.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		stdin.Close()
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
		}
	})
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		if url, ok := strings.CutPrefix(sc.Text(), "URL "); ok {
			go io.Copy(io.Discard, stdout)
			return url
		}
	}
	b.Fatalf("the emulator process printed no URL: %v", sc.Err())
	return ""
}

func childStats(b *testing.B, url string) benchStats {
	b.Helper()
	resp, err := http.Get(url + statsPath)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	var s benchStats
	if err := json.NewDecoder(resp.Body).Decode(&s); err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkScanPaced scans -fleet.n instances (2,000) through an emulator with -fleet.latency
// (100 ms) that throttles GetInstanceConsoleOutput beyond -fleet.rate (50/s), with the client's
// rate limiter set to that same rate. The bound is n/rate seconds (40 s); the scan must come
// within 10 % of it while provoking (almost) no Throttling: it paces itself instead of retrying.
//
// With -fleet.regions R the fleet is spread over R regions; the client and the emulator both
// meter each region at -fleet.rate, as ECS does, so the regions are scanned side by side and the
// bound is the largest region's share divided by the rate.
func BenchmarkScanPaced(b *testing.B) {
	n, rate, regions := *benchN, *benchRate, max(1, *benchRegions)
	url := startChild(b, n, regions, 4096, *benchLatency, rate)
	// The client's bucket holds one second's worth of calls, like the emulator's: a larger one
	// (the client's default is 20) would open each region's scan with a burst that a quota of
	// fewer than 20 calls a second refuses.
	c := newClient(b, url, func(o *fetch.Options) { o.RatePerSecond, o.Burst = rate, max(1, int(math.Ceil(rate))) })
	instances := listAll(b, c, benchRegionIDs(regions)...)
	if len(instances) != n {
		b.Fatalf("listed %d instances, want %d", len(instances), n)
	}
	before := childStats(b, url)
	var secs float64
	var sums []Summary
	for b.Loop() {
		began := time.Now()
		var err error
		sums, err = New(c, Options{}).Scan(context.Background(), instances)
		if err != nil {
			b.Fatal(err)
		}
		secs = time.Since(began).Seconds()
	}
	after := childStats(b, url)
	if c := Count(sums); c[OK] != n {
		b.Fatalf("health counts %v, want %d ok", c, n)
	}
	bound := math.Ceil(float64(n)/float64(regions)) / rate
	b.ReportMetric(secs, "s/scan")
	b.ReportMetric(bound, "bound-s")
	b.ReportMetric(secs/bound, "x-bound")
	b.ReportMetric(float64(after.Throttled-before.Throttled), "throttles")
	b.ReportMetric(float64(after.Calls-before.Calls), "calls")
}

// BenchmarkScanMemory lists and scans -fleet.n instances (2,000) with -fleet.logkb (64 KB)
// logs as fast as the emulator answers, and reports the peak heap in use while it runs (sampled
// every 2 ms), the peak of all memory the Go runtime has mapped (heap, stacks, metadata: close
// to the process's resident size), and what the summaries keep per instance afterwards. Target:
// under 150 MB.
func BenchmarkScanMemory(b *testing.B) {
	n := *benchN
	url := startChild(b, n, 1, *benchLogKB*1024, 0, 0)
	var peak, peakTotal, base, retained uint64
	for b.Loop() {
		runtime.GC()
		base = heapInUse()
		stop := sampleHeap(&peak, &peakTotal)
		c := newClient(b, url, nil)
		instances := listAll(b, c, "cn-hangzhou")
		sums, err := New(c, Options{}).Scan(context.Background(), instances)
		stop()
		if err != nil {
			b.Fatal(err)
		}
		if c := Count(sums); c[OK] != n {
			b.Fatalf("health counts %v, want %d ok", c, n)
		}
		instances = nil
		runtime.GC()
		retained = heapInUse() - min(base, heapInUse())
		runtime.KeepAlive(sums)
	}
	b.ReportMetric(float64(peak)/1e6, "peak-heap-MB")
	b.ReportMetric(float64(peakTotal)/1e6, "peak-runtime-MB")
	b.ReportMetric(float64(base)/1e6, "base-heap-MB")
	b.ReportMetric(float64(retained)/float64(n), "retained-B/instance")
}

// heapInUse is the heap's live and not-yet-swept object bytes, read without stopping the world.
func heapInUse() uint64 {
	h, _ := memory()
	return h
}

// memory reads the heap's object bytes and all the memory the runtime has mapped.
func memory() (heap, total uint64) {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/total:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64(), s[1].Value.Uint64()
}

// sampleHeap records the largest heap and total memory into peak and peakTotal until the
// returned stop is called.
func sampleHeap(peak, peakTotal *uint64) (stop func()) {
	var done atomic.Bool
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for !done.Load() {
			h, tot := memory()
			*peak, *peakTotal = max(*peak, h), max(*peakTotal, tot)
			time.Sleep(2 * time.Millisecond)
		}
	}()
	return func() { done.Store(true); wg.Wait() }
}
