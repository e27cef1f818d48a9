package config

import (
	"encoding/pem"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// externalHelperEnv makes the test binary act as an aliyun CLI External credential process: it
// prints the variable's value (the JSON the process protocol expects) and exits. The External
// tests run this binary as their process_command, so a real process is started, portably.
const externalHelperEnv = "BOOTLOG_TEST_EXTERNAL_OUTPUT"

// externalFailEnv makes that helper process fail instead, with this text on stderr.
const externalFailEnv = "BOOTLOG_TEST_EXTERNAL_FAIL"

// tlsRootsFile is a PEM file with httptest's TLS certificate, installed as SSL_CERT_FILE before
// any TLS connection is made, so that credentials-go (which speaks HTTPS to STS and cannot be
// given a certificate pool) trusts a fake STS on loopback. "" where SSL_CERT_FILE is not honoured.
var tlsRootsFile string

func TestMain(m *testing.M) {
	if fail := os.Getenv(externalFailEnv); fail != "" {
		fmt.Fprint(os.Stderr, fail)
		os.Exit(1)
	}
	if out := os.Getenv(externalHelperEnv); out != "" {
		fmt.Print(out)
		os.Exit(0)
	}
	os.Exit(runTests(m))
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
