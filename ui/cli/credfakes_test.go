package cli

// What the credential-mode tests need beside package credtest's fakes (a credentials URI, the
// CloudSSO sign-in portal): this test binary as an External credential process, an isolated
// environment, and a witness in front of the ECS emulator. Each fake hands out a fresh STS triple
// and tells the emulator to accept it; the emulator's own key pair is never given to bootlog, so a
// listing can only succeed with what a mode fetched.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bootlog/bootlog/config/credtest"
	"github.com/bootlog/bootlog/fetch/emulator"
)

// credProcessOutputEnv makes the test binary act as an aliyun CLI External credential process:
// it prints the variable's value (the JSON the process protocol expects) and exits 0. The
// External tests run this binary as their process_command, so a real process is started,
// portably, without a shell.
const credProcessOutputEnv = "BOOTLOG_TEST_CLI_CRED_PROCESS_OUTPUT"

// credProcessFailEnv makes that process fail instead: this text on stderr, exit status 1.
const credProcessFailEnv = "BOOTLOG_TEST_CLI_CRED_PROCESS_FAIL"

// TestMain lets the test binary double as the External credential process (see
// credProcessOutputEnv). It must exit before the tests run: a test that calls os.Exit(0) fails.
func TestMain(m *testing.M) {
	if fail := os.Getenv(credProcessFailEnv); fail != "" {
		fmt.Fprint(os.Stderr, fail)
		os.Exit(1)
	}
	if out := os.Getenv(credProcessOutputEnv); out != "" {
		fmt.Print(out)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// credProcessCommand is a process_command that runs this test binary as the credential process;
// -test.run=^$ keeps it from running tests if the helper variables are somehow unset.
func credProcessCommand(t *testing.T) string {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%q -test.run=^$", exe)
}

// credVars are the variables credentials-go or config.Load read. credIsolate blanks them all, so a
// developer's own credentials can neither satisfy a test nor be printed by one.
var credVars = []string{
	"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN",
	"ALIBABACLOUD_ACCESS_KEY_ID", "ALIBABACLOUD_ACCESS_KEY_SECRET", "ALIBABACLOUD_SECURITY_TOKEN",
	"ALICLOUD_ACCESS_KEY_ID", "ALICLOUD_ACCESS_KEY_SECRET", "ALICLOUD_SECURITY_TOKEN",
	"ALIBABA_CLOUD_PROFILE", "ALIBABACLOUD_PROFILE", "ALICLOUD_PROFILE", "ALIBABA_CLOUD_CLI_PROFILE_DISABLED",
	"ALIBABA_CLOUD_CONFIG_FILE", "ALIBABA_CLOUD_CREDENTIALS_FILE", "ALIBABA_CLOUD_CREDENTIALS_URI",
	"ALIBABA_CLOUD_OIDC_TOKEN_FILE", "ALIBABA_CLOUD_OIDC_TOKEN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
	"ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_ROLE_SESSION_NAME", "ALIBABA_CLOUD_STS_REGION",
	"ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED", "ALIBABA_CLOUD_ECS_METADATA", "ALIBABA_CLOUD_IMDSV1_DISABLED",
	"ALIBABA_CLOUD_ECS_ENDPOINT", "ALIBABA_CLOUD_ENDPOINT_TYPE",
	"ALIBABA_CLOUD_REGION_ID", "ALIBABACLOUD_REGION_ID", "ALICLOUD_REGION_ID", "REGION_ID", "REGION",
	"HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy",
	credProcessOutputEnv, credProcessFailEnv,
}

// credIsolate is isolate with every credential variable blanked and the ECS metadata service
// switched off (no test may wait on 100.100.100.200). It returns the test's home.
func credIsolate(t *testing.T) string {
	t.Helper()
	home := isolate(t)
	for _, k := range credVars {
		t.Setenv(k, "")
	}
	t.Setenv("USERPROFILE", home) // os.UserHomeDir on Windows
	t.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
	return home
}

// writeAliyunConfig writes ~/.aliyun/config.json under home with these profiles, current first.
func writeAliyunConfig(t *testing.T, home, current string, profiles ...map[string]any) string {
	t.Helper()
	data, err := json.MarshalIndent(map[string]any{"current": current, "profiles": profiles}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(home, ".aliyun", "config.json")
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// ecsWitness is the ECS emulator behind a handler that records the AccessKeyId and SecurityToken
// of every request before the emulator checks them.
type ecsWitness struct {
	srv *emulator.Server
	url string

	mu   sync.Mutex
	seen []ecsCall
}

// ecsCall is what one ECS request presented.
type ecsCall struct{ action, keyID, token string }

// startCredWorld serves testWorld's instances through a witness and points bootlog's endpoint
// variable at it. The emulator's own key pair is random and never leaves this function, so only
// triples a fake issued (AddCredential) are accepted.
func startCredWorld(t *testing.T) *ecsWitness {
	t.Helper()
	srv, err := emulator.New(emulator.Options{Fixtures: testWorld(),
		AccessKeyID: fmt.Sprintf("LTAIunused%d", time.Now().UnixNano()), AccessKeySecret: fmt.Sprintf("unused-%d", time.Now().UnixNano())})
	if err != nil {
		t.Fatal(err)
	}
	w := &ecsWitness{srv: srv}
	hs := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		w.record(r)
		srv.Handler().ServeHTTP(rw, r)
	}))
	t.Cleanup(hs.Close)
	w.url = hs.URL
	t.Setenv("ALIBABA_CLOUD_ECS_ENDPOINT", hs.URL)
	return w
}

// record notes the request's key ID and token: V1 carries them as parameters (query or form
// body, which is put back for the emulator), V3 in headers.
func (w *ecsWitness) record(r *http.Request) {
	params := r.URL.Query()
	if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct == "application/x-www-form-urlencoded" && r.Body != nil {
		body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		r.Body = io.NopCloser(bytes.NewReader(body))
		if form, err := url.ParseQuery(string(body)); err == nil {
			for k, v := range form {
				params[k] = v
			}
		}
	}
	c := ecsCall{action: params.Get("Action"), keyID: params.Get("AccessKeyId"), token: params.Get("SecurityToken")}
	if c.token == "" {
		c.token = r.Header.Get("x-acs-security-token")
	}
	if c.action == "" {
		c.action = r.Header.Get("x-acs-action")
	}
	w.mu.Lock()
	w.seen = append(w.seen, c)
	w.mu.Unlock()
}

func (w *ecsWitness) calls() []ecsCall {
	w.mu.Lock()
	defer w.mu.Unlock()
	return slices.Clone(w.seen)
}

// requireListedWith checks a `bootlog list` run that should have used exactly the one triple is
// issued: exit 0, every instance of testWorld in the table, no secret or token (nor any of
// extraSecrets) on stdout or stderr, and every ECS request signed with that triple's key and
// carrying its token.
func requireListedWith(t *testing.T, w *ecsWitness, is *credtest.Issuer, code int, out, errOut string, extraSecrets ...string) {
	t.Helper()
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	issued := is.Issued()
	if len(issued) != 1 {
		t.Fatalf("the fake issued %d triples for one listing of an hour-long triple, want 1", len(issued))
	}
	tr := issued[0]
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if !strings.HasPrefix(lines[0], "STATUS") || len(lines) != 1+len(testWorld().Instances) {
		t.Fatalf("table has %d lines, want a header and %d rows:\n%s", len(lines), len(testWorld().Instances), out)
	}
	for i, in := range testWorld().Instances {
		if row := lines[1+i]; !strings.Contains(row, in.InstanceID) || !strings.Contains(row, in.InstanceName) || !strings.Contains(row, in.Status) {
			t.Errorf("row %d = %q, want %s %s %s", i+1, row, in.Status, in.InstanceName, in.InstanceID)
		}
	}
	for name, text := range map[string]string{"stdout": out, "stderr": errOut} {
		for _, s := range append([]string{tr.Secret, tr.Token}, extraSecrets...) {
			if strings.Contains(text, s) {
				t.Errorf("%s contains the secret %q:\n%s", name, s, text)
			}
		}
	}
	calls := w.calls()
	if len(calls) == 0 {
		t.Fatal("the emulator saw no request")
	}
	for _, c := range calls {
		if c.keyID != tr.ID || c.token != tr.Token {
			t.Errorf("ECS request %s carried key %q and token %q, want the fetched %q and %q", c.action, c.keyID, c.token, tr.ID, tr.Token)
		}
	}
	if n := w.srv.Calls("DescribeInstances"); n == 0 {
		t.Errorf("no DescribeInstances passed the emulator's authentication")
	}
}
