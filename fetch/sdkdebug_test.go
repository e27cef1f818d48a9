package fetch_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/bootlog/bootlog/fetch"
)

// sdkDebugChild names the debug log of the child process of TestSDKDebugNeverReachesStdout.
const sdkDebugChild = "BOOTLOG_TEST_SDK_DEBUG_LOG"

// stsToken is the SecurityToken the child signs with; it must appear nowhere.
const stsToken = "CAIS-sts-token-that-must-stay-secret"

// TestSDKDebugNeverReachesStdout runs a few calls with DEBUG=sdk in a child process (the SDK reads
// DEBUG once, when it starts) and checks that the SDK's debug output, with its signed URLs and
// whole bodies, reaches neither stdout nor stderr, and lands redacted in the debug log.
func TestSDKDebugNeverReachesStdout(t *testing.T) {
	if path := os.Getenv(sdkDebugChild); path != "" {
		sdkDebugChildCalls(t, path)
		return
	}
	log := filepath.Join(t.TempDir(), "debug.log")
	cmd := exec.Command(os.Args[0], "-test.run=^TestSDKDebugNeverReachesStdout$", "-test.count=1")
	cmd.Env = append(os.Environ(), "DEBUG=sdk", sdkDebugChild+"="+log)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("child: %v\nstdout:\n%s\nstderr:\n%s", err, stdout.String(), stderr.String())
	}
	debug, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"stdout": stdout.String(), "stderr": stderr.String()} {
		for _, leak := range []string{stsToken, "Signature=", "> POST", "> GET", "ConsoleOutput", "RequestId"} {
			if strings.Contains(out, leak) {
				t.Errorf("the child's %s carries %q:\n%s", name, leak, out)
			}
		}
	}
	text := string(debug)
	if strings.Contains(text, stsToken) {
		t.Errorf("the debug log carries the SecurityToken:\n%s", text)
	}
	// The SDK's lines arrive, redacted and quoted: the request line, and the answer body.
	for _, want := range []string{`sdk "> `, "SecurityToken=REDACTED", `sdk "{\"RequestId\"`} {
		if !strings.Contains(text, want) {
			t.Errorf("the debug log lacks %q:\n%s", want, text)
		}
	}
}

// sdkDebugChildCalls is the child's side: an STS key pair, a debug log, two calls.
func sdkDebugChildCalls(t *testing.T, path string) {
	srv := startEmulator(t, testFixtures(), 0)
	srv.AddCredential("STS.child", "child-secret", stsToken)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c := newClient(t, srv, func(o *fetch.Options) {
		o.Credentials = credentials.NewStaticSTSCredentialsProvider("STS.child", "child-secret", stsToken)
		o.Debug = f
	})
	if _, err := c.Regions(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ConsoleOutput(context.Background(), smallRegion, "i-linux"); err != nil {
		t.Fatal(err)
	}
}
