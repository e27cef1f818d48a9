package cli

import (
	"bufio"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/bootlog/bootlog/fetch/emulator"
)

// lockedBuffer is a strings.Builder safe for the emulator's log writes and the test's reads.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// runEmulatorCommand runs `bootlog emulator --listen 127.0.0.1:0 ARGS...` in-process until the
// test ends, reads its banner up to the first line containing ready, points bootlog at it (its
// default key pair, cn-hangzhou) through the environment and returns the emulator's log. The
// command must exit cleanly at the end.
func runEmulatorCommand(t *testing.T, ready string, args ...string) *lockedBuffer {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	outR, outW := io.Pipe()
	emuLog := &lockedBuffer{}
	done := make(chan int, 1)
	go func() {
		done <- Run(ctx, append([]string{"emulator", "--listen", "127.0.0.1:0"}, args...),
			strings.NewReader(""), outW, emuLog)
		outW.Close()
	}()
	t.Cleanup(func() {
		cancel()
		if code := <-done; code != exitOK {
			t.Errorf("emulator exit %d: %s", code, emuLog.String())
		}
	})
	var url string
	lines := bufio.NewScanner(outR)
	for lines.Scan() {
		l := lines.Text()
		if u, ok := strings.CutPrefix(l, "ECS emulator listening on "); ok {
			url = u
		}
		if strings.Contains(l, ready) {
			break
		}
	}
	if url == "" {
		t.Fatalf("no URL, or no %q, in the banner; log %s", ready, emuLog.String())
	}
	go func() { _, _ = io.Copy(io.Discard, outR) }()
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", emulator.DefaultAccessKeyID)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", emulator.DefaultAccessKeySecret)
	t.Setenv("ALIBABA_CLOUD_ECS_ENDPOINT", url)
	t.Setenv("ALIBABA_CLOUD_REGION_ID", "cn-hangzhou")
	return emuLog
}

// TestEmulatorRateLimitThrottlesGet runs `bootlog emulator --rate-limit` in-process at one
// console call every five seconds. A first get takes the region's one token; a second, right
// after, is answered Throttling on every attempt (the client's retries span under 1.5 s, the
// bucket refills in 5 s), and ends with exit 1 and the throttling hint; the emulator's log shows
// the Throttling answers.
func TestEmulatorRateLimitThrottlesGet(t *testing.T) {
	isolate(t)
	emuLog := runEmulatorCommand(t, "GetInstanceConsoleOutput limited to 0.2 calls/s per region",
		"--rate-limit", "GetInstanceConsoleOutput=0.2/s")

	if code, out, errOut := runCmd("get", "web-prod-01"); code != exitOK || !strings.Contains(out, "login:") {
		t.Fatalf("first get: exit %d, %q", code, errOut)
	}
	debugLog := filepath.Join(t.TempDir(), "debug.log")
	code, out, errOut := runCmd("get", "--debug", debugLog, "web-prod-01")
	if code != exitAPI || out != "" || !strings.Contains(errOut, "throttled (Throttling)") || !strings.Contains(errOut, "hint: ECS is throttling") {
		t.Fatalf("second get: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	logged, _ := os.ReadFile(debugLog)
	if n := strings.Count(string(logged), "Throttling"); n < 2 {
		t.Fatalf("the client did not retry the throttled call (%d Throttling lines):\n%s", n, logged)
	}
	if !strings.Contains(emuLog.String(), "Throttling") {
		t.Fatalf("the emulator log shows no Throttling:\n%s", emuLog.String())
	}
}

func TestEmulatorRateLimitUsage(t *testing.T) {
	isolate(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--rate-limit", "GetInstanceConsoleOutput=5/s", "--rate-limit", "GetInstanceConsoleOutput=9/s"}, "limited twice"},
		{[]string{"--rate-limit", "GetInstanceConsoleOutput"}, "want ACTION=N/s"},
		{[]string{"--rate-limit", "Frobnicate=5/s"}, "unknown action"},
		{[]string{"--rate-limit", "DescribeInstances=0/s"}, "not a rate"},
	} {
		code, out, errOut := runCmd(append([]string{"emulator", "--listen", "127.0.0.1:0"}, tc.args...)...)
		if code != exitUsage || out != "" || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", tc.args, code, out, errOut)
		}
	}
}

// TestEmulatorSecurityTokenMakesAnSTSPair runs `bootlog emulator --security-token` in-process:
// a client with the key pair but no token is refused, and the same pair with the token lists.
func TestEmulatorSecurityTokenMakesAnSTSPair(t *testing.T) {
	isolate(t)
	runEmulatorCommand(t, "ALIBABA_CLOUD_SECURITY_TOKEN", "--security-token", "sts-token-for-tests")

	if code, out, errOut := runCmd("list"); code != exitAPI || out != "" || !strings.Contains(errOut, "SecurityToken") {
		t.Fatalf("without the token: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	t.Setenv("ALIBABA_CLOUD_SECURITY_TOKEN", "sts-token-for-tests")
	if code, out, errOut := runCmd("list"); code != exitOK || !strings.Contains(out, "web-prod-01") {
		t.Fatalf("with the token: exit %d, stderr %q", code, errOut)
	}
}
