package cli

// Local fakes of what credentials-go asks for credentials (a credentials URI, the CloudSSO
// sign-in portal, an External credential process) and a witness in front of the ECS emulator.
// Each fake hands out a fresh STS triple and tells the emulator to accept it; the emulator's own
// key pair is never given to bootlog, so a listing can only succeed with what a mode fetched.

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

// credTriple is one set of STS credentials.
type credTriple struct {
	id, secret, token string
	expires           time.Time
}

// expiration is the one time format credentials-go parses ("2006-01-02T15:04:05Z", UTC).
func (tr credTriple) expiration() string { return tr.expires.UTC().Format("2006-01-02T15:04:05Z") }

// credIssuer mints triples that the emulator accepts, and records what the fakes were shown.
type credIssuer struct {
	name   string
	accept func(id, secret, token string) // the emulator's AddCredential

	mu     sync.Mutex
	issued []credTriple
	// ssoTokens are the CloudSSO access tokens the sign-in portal accepts.
	ssoTokens map[string]bool
	// seen records what each sign-in request presented: "sso:TOKEN".
	seen []string
}

func newCredIssuer(name string, srv *emulator.Server) *credIssuer {
	return &credIssuer{name: name, accept: srv.AddCredential, ssoTokens: map[string]bool{}}
}

// issue mints a triple valid for an hour (well beyond credentials-go's 180 s refresh margin, so one
// command asks once) and makes the emulator accept it.
func (is *credIssuer) issue() credTriple {
	is.mu.Lock()
	defer is.mu.Unlock()
	n := len(is.issued) + 1
	tr := credTriple{
		id:      fmt.Sprintf("STS.%s%04d", is.name, n),
		secret:  fmt.Sprintf("%sSecret%04dValueXq7", is.name, n),
		token:   fmt.Sprintf("CAIS%sToken%04d+/=", is.name, n),
		expires: time.Now().Add(time.Hour),
	}
	is.issued = append(is.issued, tr)
	is.accept(tr.id, tr.secret, tr.token)
	return tr
}

// triples is a copy of what was issued so far.
func (is *credIssuer) triples() []credTriple {
	is.mu.Lock()
	defer is.mu.Unlock()
	return slices.Clone(is.issued)
}

func (is *credIssuer) saw(what string) bool {
	is.mu.Lock()
	defer is.mu.Unlock()
	return slices.Contains(is.seen, what)
}

func (is *credIssuer) record(what string) {
	is.mu.Lock()
	is.seen = append(is.seen, what)
	is.mu.Unlock()
}

func writeCredJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v) //nolint:errcheck // the client sees a short body if this fails
}

// uriServer is a credentials URI: GET answers a fresh triple in the shape the aliyun CLI
// documents (AccessKeyId, AccessKeySecret, SecurityToken, Expiration).
func (is *credIssuer) uriServer(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet {
			writeCredJSON(w, http.StatusMethodNotAllowed, map[string]string{"Code": "MethodNotAllowed"})
			return
		}
		tr := is.issue()
		writeCredJSON(w, http.StatusOK, map[string]string{"Code": "Success", "AccessKeyId": tr.id,
			"AccessKeySecret": tr.secret, "SecurityToken": tr.token, "Expiration": tr.expiration()})
	}))
	t.Cleanup(srv.Close)
	return srv
}

// ssoServer is the CloudSSO sign-in portal's credential endpoint, which credentials-go finds at
// /cloud-credentials on the host of the profile's cloud_sso_sign_in_url: POST with the profile's
// access_token as a bearer token and the account and access configuration in a JSON body.
func (is *credIssuer) ssoServer(t *testing.T, account, accessConfig string) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		is.record("sso:" + token)
		is.mu.Lock()
		ok := is.ssoTokens[token]
		is.mu.Unlock()
		if r.Method != http.MethodPost || r.URL.Path != "/cloud-credentials" {
			writeCredJSON(w, http.StatusNotFound, map[string]string{"ErrorCode": "NotFound"})
			return
		}
		if !ok {
			writeCredJSON(w, http.StatusUnauthorized, map[string]string{"ErrorCode": "InvalidAccessToken", "ErrorMessage": "access token expired"})
			return
		}
		var body struct{ AccountId, AccessConfigurationId string }
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body.AccountId != account || body.AccessConfigurationId != accessConfig {
			writeCredJSON(w, http.StatusBadRequest, map[string]string{"ErrorCode": "InvalidParameter"})
			return
		}
		tr := is.issue()
		writeCredJSON(w, http.StatusOK, map[string]any{"RequestId": "sso-req", "CloudCredential": map[string]string{
			"AccessKeyId": tr.id, "AccessKeySecret": tr.secret, "SecurityToken": tr.token, "Expiration": tr.expiration()}})
	}))
	t.Cleanup(srv.Close)
	return srv
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
func requireListedWith(t *testing.T, w *ecsWitness, is *credIssuer, code int, out, errOut string, extraSecrets ...string) {
	t.Helper()
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	issued := is.triples()
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
		for _, s := range append([]string{tr.secret, tr.token}, extraSecrets...) {
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
		if c.keyID != tr.id || c.token != tr.token {
			t.Errorf("ECS request %s carried key %q and token %q, want the fetched %q and %q", c.action, c.keyID, c.token, tr.id, tr.token)
		}
	}
	if n := w.srv.Calls("DescribeInstances"); n == 0 {
		t.Errorf("no DescribeInstances passed the emulator's authentication")
	}
}
