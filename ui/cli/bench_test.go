package cli

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bootlog/bootlog/fetch/emulator"
)

// BenchmarkGetEndToEnd is issue 5's fourth measure: `bootlog get` as an operator's script runs it,
// a fresh process against the emulator with one round trip of injected latency. It reports the
// whole-process wall time (start-up, credentials, the request, decoding, rendering and printing),
// that time in round trips, and the process's peak resident memory (Linux only: bench/getmem reads
// it from the kernel's rusage). The 10MB case serves a log far
// beyond ECS's 64 KB to show how memory grows with the log: peak RSS per log byte, the Go runtime's
// own few megabytes included.
func BenchmarkGetEndToEnd(b *testing.B) {
	const latency = 200 * time.Millisecond
	dir := b.TempDir()
	bin, getmem := filepath.Join(dir, "bootlog"), filepath.Join(dir, "getmem")
	for _, build := range [][]string{{bin, "github.com/bootlog/bootlog"}, {getmem, "github.com/bootlog/bootlog/bench/getmem"}} {
		if out, err := exec.Command("go", "build", "-o", build[0], build[1]).CombinedOutput(); err != nil {
			b.Fatalf("go build %s: %v\n%s", build[1], err, out)
		}
	}
	fx := emulator.DemoFixtures()
	srv, err := emulator.New(emulator.Options{Fixtures: fx, Latency: latency})
	if err != nil {
		b.Fatal(err)
	}
	if err := srv.Start("127.0.0.1:0"); err != nil {
		b.Fatal(err)
	}
	defer srv.Close()

	// The realistic case is db-master's boot log cut to the last 64 KB, as ECS would return it;
	// the huge ones are that log repeated to 10 and 20 MB on other instances. 20 MB is near
	// the largest log the 32 MiB body cap admits (24 MiB), so a 30 MB case cannot be fetched.
	dbMaster, other, third := benchFixture(b, fx, "db-master"), benchFixture(b, fx, "web-prod-01"), benchFixture(b, fx, "web-prod-02")
	boot := []byte(dbMaster.Console.Text)
	small := tailLines(boot, 64<<10)
	huge := repeatTo(boot, 10<<20)
	huger := repeatTo(boot, 20<<20)
	srv.SetConsole(dbMaster.InstanceID, small, time.Now().Add(-time.Minute))
	srv.SetConsole(other.InstanceID, huge, time.Now().Add(-time.Minute))
	srv.SetConsole(third.InstanceID, huger, time.Now().Add(-time.Minute))

	home := filepath.Join(dir, "home")
	if err := os.MkdirAll(home, 0o700); err != nil {
		b.Fatal(err)
	}
	// Only what the command needs: nothing from the developer's own environment or aliyun
	// profile can change the result.
	env := []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + home,
		"XDG_CONFIG_HOME=" + filepath.Join(home, ".config"),
		"ALIBABA_CLOUD_ACCESS_KEY_ID=" + emulator.DefaultAccessKeyID,
		"ALIBABA_CLOUD_ACCESS_KEY_SECRET=" + emulator.DefaultAccessKeySecret,
	}
	// The --json case prints the output as one JSON string (escaped, so its text is longer than
	// the log); the others print the rendered text, the -o case into a new file.
	cases := []struct {
		name   string
		id     string
		log    []byte
		args   []string
		toFile bool
	}{
		{"64KB", dbMaster.InstanceID, small, nil, false},
		{"10MB", other.InstanceID, huge, nil, false},
		{"20MB", third.InstanceID, huger, nil, false},
		{"10MB-json", other.InstanceID, huge, []string{"--json"}, false},
		{"10MB-file", other.InstanceID, huge, nil, true},
	}
	for _, c := range cases {
		want := lastLine(c.log)
		b.Run(c.name, func(b *testing.B) {
			var total time.Duration
			var peakKiB int64
			report := filepath.Join(dir, "report")
			for i := 0; i < b.N; i++ {
				var stdout tailWriter
				var stderr bytes.Buffer
				// getmem (bench/getmem) runs bootlog and measures it; see there why the benchmark
				// cannot read a child's peak memory itself.
				args := append([]string{report, bin, "get", "--endpoint", srv.URL(), "--region", "cn-hangzhou", c.id}, c.args...)
				outFile := filepath.Join(dir, fmt.Sprintf("get-%s-%d.log", c.name, i))
				if c.toFile {
					args = append(args, "-o", outFile)
				}
				cmd := exec.Command(getmem, args...)
				cmd.Env, cmd.Stdout, cmd.Stderr = env, &stdout, &stderr
				if err := cmd.Run(); err != nil {
					b.Fatalf("bootlog get %s: %v\n%s", c.id, err, stderr.String())
				}
				wall, kib, err := readReport(report)
				if err != nil {
					b.Fatal(err)
				}
				total += wall
				peakKiB = max(peakKiB, kib)
				if c.toFile {
					saved, err := os.ReadFile(outFile)
					if err != nil {
						b.Fatal(err)
					}
					_ = os.Remove(outFile)
					stdout = tailWriter{}
					_, _ = stdout.Write(saved)
				}
				// The output must be the whole log, not an error message or a truncated copy.
				if stdout.n < int64(len(c.log))*9/10 || !bytes.Contains(stdout.tail, []byte(want)) {
					b.Fatalf("bootlog get printed %d bytes ending %q; want about %d ending %q",
						stdout.n, stdout.tail, len(c.log), want)
				}
			}
			per := total / time.Duration(b.N)
			b.ReportMetric(float64(per.Microseconds())/1000, "ms/get")
			b.ReportMetric(float64(per)/float64(latency), "roundtrips/get")
			b.ReportMetric(float64(peakKiB)/1024, "peak-MiB")
			if len(c.log) >= 1<<20 {
				// Below a megabyte the ratio only says how big the Go runtime is.
				b.ReportMetric(float64(peakKiB*1024)/float64(len(c.log)), "rss-per-log-byte")
			}
		})
	}
}

// readReport reads getmem's report: the command's wall time and peak RSS in KiB.
func readReport(path string) (wall time.Duration, kib int64, err error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, 0, err
	}
	var ns int64
	var code int
	if _, err := fmt.Sscanf(string(data), "wall_ns=%d maxrss_kib=%d exit=%d", &ns, &kib, &code); err != nil {
		return 0, 0, fmt.Errorf("getmem report %q: %w", data, err)
	}
	if code != 0 || ns <= 0 || kib <= 0 {
		return 0, 0, fmt.Errorf("getmem report %q: no successful run", data)
	}
	return time.Duration(ns), kib, nil
}

// benchFixture finds a demo instance by name.
func benchFixture(b *testing.B, fx *emulator.Fixtures, name string) emulator.InstanceFixture {
	b.Helper()
	for _, in := range fx.Instances {
		if in.InstanceName == name && in.Console != nil && in.Console.Text != "" {
			return in
		}
	}
	b.Fatalf("no demo instance %q with a text console", name)
	return emulator.InstanceFixture{}
}

// tailLines is the last whole lines of log that fit in n bytes.
func tailLines(log []byte, n int) []byte {
	if len(log) <= n {
		return log
	}
	t := log[len(log)-n:]
	if i := bytes.IndexByte(t, '\n'); i >= 0 {
		t = t[i+1:]
	}
	return t
}

// repeatTo repeats log until it is at least n bytes, ending with a line found nowhere else, so a
// truncated copy cannot pass for the whole.
func repeatTo(log []byte, n int) []byte {
	var buf bytes.Buffer
	buf.Grow(n + len(log))
	for buf.Len() < n {
		buf.Write(log)
	}
	fmt.Fprintf(&buf, "bench: end of the %d-byte log\n", buf.Len())
	return buf.Bytes()
}

// lastLine is the last non-blank line of log, without its carriage return.
func lastLine(log []byte) string {
	lines := strings.Split(strings.ReplaceAll(string(log), "\r", ""), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if s := strings.TrimSpace(lines[i]); s != "" {
			return s
		}
	}
	return ""
}

// tailWriter counts what is written and keeps the last 4 KB, so checking a 10 MB output costs
// the benchmark process almost nothing.
type tailWriter struct {
	n    int64
	tail []byte
}

func (w *tailWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	w.tail = append(w.tail, p...)
	if len(w.tail) > 4096 {
		w.tail = append(w.tail[:0], w.tail[len(w.tail)-4096:]...)
	}
	return len(p), nil
}
