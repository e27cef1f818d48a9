package config

import (
	"bytes"
	"encoding/pem"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"
)

// The External tests run this test binary as their process_command, so a real process is
// started, portably. These variables say what it does then; any of them set makes it act as the
// credential process instead of running tests.
const (
	// externalHelperEnv is printed on stdout (the JSON the process protocol expects).
	externalHelperEnv = "BOOTLOG_TEST_EXTERNAL_OUTPUT"
	// externalFailEnv is printed on stderr, after the output, and the process exits 1.
	externalFailEnv = "BOOTLOG_TEST_EXTERNAL_FAIL"
	// externalCountEnv names a file that gets one line per run, so a test can count runs.
	externalCountEnv = "BOOTLOG_TEST_EXTERNAL_COUNT"
	// externalHangEnv makes the process say so on stderr and then wait forever: a sign-in
	// helper waiting for a browser that never answers.
	externalHangEnv = "BOOTLOG_TEST_EXTERNAL_HANG"
	// externalFloodEnv makes the process print this many bytes of "x" on stdout.
	externalFloodEnv = "BOOTLOG_TEST_EXTERNAL_FLOOD"
)

// externalHelperVars are the variables above, which isolate clears.
var externalHelperVars = []string{externalHelperEnv, externalFailEnv, externalCountEnv, externalHangEnv, externalFloodEnv}

// tlsRootsFile is a PEM file with httptest's TLS certificate, installed as SSL_CERT_FILE before
// any TLS connection is made, so that credentials-go (which speaks HTTPS to STS and cannot be
// given a certificate pool) trusts a fake STS on loopback. "" where SSL_CERT_FILE is not honoured.
var tlsRootsFile string

func TestMain(m *testing.M) {
	for _, v := range externalHelperVars {
		if os.Getenv(v) != "" {
			os.Exit(externalHelper())
		}
	}
	os.Exit(runTests(m))
}

// externalHelper is the test binary acting as an External credential process.
func externalHelper() int {
	if path := os.Getenv(externalCountEnv); path != "" {
		f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 2
		}
		fmt.Fprintln(f, "run")
		f.Close()
	}
	fmt.Print(os.Getenv(externalHelperEnv))
	if n, _ := strconv.Atoi(os.Getenv(externalFloodEnv)); n > 0 {
		os.Stdout.Write(bytes.Repeat([]byte("x"), n)) //nolint:errcheck // the reader may stop early
	}
	if why := os.Getenv(externalHangEnv); why != "" {
		fmt.Fprint(os.Stderr, why)
		time.Sleep(time.Hour) // until killed
	}
	if fail := os.Getenv(externalFailEnv); fail != "" {
		fmt.Fprint(os.Stderr, fail)
		return 1
	}
	return 0
}

func runTests(m *testing.M) int {
	dir, err := os.MkdirTemp("", "bootlog-config-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	if trustsSSLCertFile() {
		// Every httptest TLS server presents the same built-in certificate (for 127.0.0.1), so
		// trusting one trusts them all. crypto/x509 reads SSL_CERT_FILE once, at its first use,
		// which is after this point.
		srv := httptest.NewTLSServer(nil)
		cert := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
		srv.Close()
		path := filepath.Join(dir, "roots.pem")
		if err := os.WriteFile(path, cert, 0o600); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		os.Setenv("SSL_CERT_FILE", path)
		tlsRootsFile = path
	}
	return m.Run()
}

// trustsSSLCertFile reports whether crypto/x509 takes its roots from SSL_CERT_FILE on this
// platform: it does on Linux and the BSDs; macOS and Windows ask the operating system.
func trustsSSLCertFile() bool {
	switch runtime.GOOS {
	case "darwin", "ios", "windows", "android", "plan9", "js", "wasip1":
		return false
	}
	return true
}
