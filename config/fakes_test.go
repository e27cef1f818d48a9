package config

// Local fakes of the services credentials-go asks for credentials: a credentials URI, the
// CloudSSO sign-in portal and STS. Each hands out a new STS triple per request and tells the ECS
// emulator to accept it, so a test can list instances with whatever a mode fetched.

import (
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/fetch/emulator"
)

// triple is one set of STS credentials.
type triple struct {
	id, secret, token string
	expires           time.Time
}

// issuer mints triples. ttl is each triple's lifetime: credentials-go refreshes credentials that
// expire within 180 s, so a ttl under that makes every request fetch a new triple.
type issuer struct {
	name   string
	ttl    time.Duration
	accept func(id, secret, token string) // the emulator's AddCredential

	mu     sync.Mutex
	issued []triple
	// callers are the key pairs STS accepts on AssumeRole, by key ID: the source keys of a
	// role, and every triple issued (a role chained on a role signs with the first triple).
	callers map[string]triple
	// ssoTokens are the CloudSSO access tokens the sign-in portal accepts.
	ssoTokens map[string]bool
	// seen records what each request presented: "sso:TOKEN", "sts:KEYID", "oidc:TOKEN".
	seen []string
}

func newIssuer(name string, srv *emulator.Server) *issuer {
	return &issuer{name: name, ttl: time.Hour, accept: srv.AddCredential, callers: map[string]triple{}, ssoTokens: map[string]bool{}}
}

func (is *issuer) issue() triple {
	is.mu.Lock()
	defer is.mu.Unlock()
	n := len(is.issued) + 1
	tr := triple{
		id:      fmt.Sprintf("STS.%s%04d", is.name, n),
		secret:  fmt.Sprintf("%sSecret%04dValue", is.name, n),
		token:   fmt.Sprintf("CAIS%sToken%04d+/=", is.name, n),
		expires: time.Now().Add(is.ttl).UTC(),
	}
	is.issued = append(is.issued, tr)
	is.callers[tr.id] = tr
	is.accept(tr.id, tr.secret, tr.token)
	return tr
}

func (is *issuer) count() int {
	is.mu.Lock()
	defer is.mu.Unlock()
	return len(is.issued)
}

func (is *issuer) saw(what string) bool {
	is.mu.Lock()
	defer is.mu.Unlock()
	return slices.Contains(is.seen, what)
}

func (is *issuer) record(what string) {
	is.mu.Lock()
	is.seen = append(is.seen, what)
	is.mu.Unlock()
}

// expiration is the one time format credentials-go parses.
func (tr triple) expiration() string { return tr.expires.Format("2006-01-02T15:04:05Z") }

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v) //nolint:errcheck // the client sees a short body if this fails
}

// uriServer is a credentials URI: GET answers the triple in the shape the aliyun CLI documents.
func (is *issuer) uriServer(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet {
			writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"Code": "MethodNotAllowed"})
			return
		}
		tr := is.issue()
		writeJSON(w, http.StatusOK, map[string]string{"Code": "Success", "AccessKeyId": tr.id,
			"AccessKeySecret": tr.secret, "SecurityToken": tr.token, "Expiration": tr.expiration()})
	}))
	t.Cleanup(srv.Close)
	return srv
}

// ssoServer is the CloudSSO sign-in portal's credential endpoint: POST /cloud-credentials with a
// bearer access token and the account and access configuration in a JSON body.
func (is *issuer) ssoServer(t *testing.T, account, accessConfig string) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		is.record("sso:" + token)
		is.mu.Lock()
		ok := is.ssoTokens[token]
		is.mu.Unlock()
		var body struct{ AccountId, AccessConfigurationId string }
		if r.Method != http.MethodPost || r.URL.Path != "/cloud-credentials" {
			writeJSON(w, http.StatusNotFound, map[string]string{"ErrorCode": "NotFound"})
			return
		}
		if !ok {
			writeJSON(w, http.StatusUnauthorized, map[string]string{"ErrorCode": "InvalidAccessToken", "ErrorMessage": "access token expired"})
			return
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body.AccountId != account || body.AccessConfigurationId != accessConfig {
			writeJSON(w, http.StatusBadRequest, map[string]string{"ErrorCode": "InvalidParameter"})
			return
		}
		tr := is.issue()
		writeJSON(w, http.StatusOK, map[string]any{"RequestId": "sso-req", "CloudCredential": map[string]string{
			"AccessKeyId": tr.id, "AccessKeySecret": tr.secret, "SecurityToken": tr.token, "Expiration": tr.expiration()}})
	}))
	t.Cleanup(srv.Close)
	return srv
}

// stsServer is STS over HTTPS (credentials-go always uses HTTPS for it): AssumeRole signed with a
// known caller, and AssumeRoleWithOIDC with the expected OIDC token.
func (is *issuer) stsServer(t *testing.T, oidcToken string) *httptest.Server {
	if tlsRootsFile == "" {
		t.Skip("the fake STS needs SSL_CERT_FILE, which crypto/x509 ignores on " + runtime.GOOS)
	}
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			writeJSON(w, http.StatusBadRequest, map[string]string{"Code": "InvalidParameter"})
			return
		}
		params := map[string]string{}
		for k, vs := range r.Form {
			params[k] = vs[0]
		}
		switch params["Action"] {
		case "AssumeRole":
			is.record("sts:" + params["AccessKeyId"])
			is.mu.Lock()
			caller, ok := is.callers[params["AccessKeyId"]]
			is.mu.Unlock()
			if !ok || caller.token != params["SecurityToken"] || signV1(caller.secret, stringToSignV1(r.Method, params)) != params["Signature"] {
				writeJSON(w, http.StatusBadRequest, map[string]string{"Code": "SignatureDoesNotMatch"})
				return
			}
		case "AssumeRoleWithOIDC":
			is.record("oidc:" + params["OIDCToken"])
			if params["OIDCToken"] != oidcToken || params["OIDCProviderArn"] == "" {
				writeJSON(w, http.StatusBadRequest, map[string]string{"Code": "InvalidParameter.OIDCToken"})
				return
			}
		default:
			writeJSON(w, http.StatusBadRequest, map[string]string{"Code": "InvalidAction"})
			return
		}
		if params["RoleArn"] == "" {
			writeJSON(w, http.StatusBadRequest, map[string]string{"Code": "MissingRoleArn"})
			return
		}
		tr := is.issue()
		writeJSON(w, http.StatusOK, map[string]any{"RequestId": "sts-req", "AssumedRoleUser": map[string]string{},
			"Credentials": map[string]string{"AccessKeyId": tr.id, "AccessKeySecret": tr.secret, "SecurityToken": tr.token, "Expiration": tr.expiration()}})
	}))
	t.Cleanup(srv.Close)
	return srv
}

// stringToSignV1 and signV1 are the RPC signature V1 that STS checks.
func stringToSignV1(method string, params map[string]string) string {
	enc := func(s string) string { return strings.ReplaceAll(url.QueryEscape(s), "+", "%20") }
	keys := make([]string, 0, len(params))
	for k := range params {
		if k != "Signature" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = enc(k) + "=" + enc(params[k])
	}
	return method + "&%2F&" + enc(strings.Join(parts, "&"))
}

func signV1(secret, stringToSign string) string {
	m := hmac.New(sha1.New, []byte(secret+"&"))
	m.Write([]byte(stringToSign))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// e2eRegion holds the emulator's instances.
const e2eRegion = "cn-hangzhou"

var e2eInstanceIDs = []string{"i-e2e0001", "i-e2e0002"}

// startEmulator serves two instances on loopback. Its own key pair is never handed to bootlog:
// every test reaches it only with what a credential mode fetched.
func startEmulator(t *testing.T) *emulator.Server {
	t.Helper()
	fx := &emulator.Fixtures{Regions: []emulator.RegionFixture{{RegionID: e2eRegion, LocalName: "China (Hangzhou)"}}}
	for _, id := range e2eInstanceIDs {
		fx.Instances = append(fx.Instances, emulator.InstanceFixture{
			RegionID: e2eRegion, InstanceID: id, InstanceName: id, Status: "Running", OSType: "linux",
			OSName: "Alibaba Cloud Linux 3", InstanceType: "ecs.g7.large", ZoneID: "cn-hangzhou-h", PrivateIP: "172.16.0.1",
			CreationTime: "2026-11-20T10:04Z", StartTime: "2026-11-21T08:00Z",
		})
	}
	srv, err := emulator.New(emulator.Options{Fixtures: fx})
	if err != nil {
		t.Fatalf("emulator.New: %v", err)
	}
	if err := srv.Start("127.0.0.1:0"); err != nil {
		t.Fatalf("emulator.Start: %v", err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv
}

// newECSClient builds the ECS client the way the CLI does from a Config, aimed at srv.
func newECSClient(t *testing.T, creds credentials.CredentialsProvider, source string, srv *emulator.Server) *fetch.Client {
	t.Helper()
	c, err := fetch.New(fetch.Options{
		Region: e2eRegion, Endpoint: srv.URL(), Credentials: creds, CredentialSource: source,
		Timeout: 10 * time.Second, Retry: fetch.RetryPolicy{MaxAttempts: 1},
	})
	if err != nil {
		t.Fatalf("fetch.New: %v", err)
	}
	return c
}

// listIDs lists the emulator's instances through c.
func listIDs(t *testing.T, c *fetch.Client) []string {
	t.Helper()
	list, err := c.Instances(context.Background(), "")
	if err != nil {
		t.Fatalf("Instances: %v", err)
	}
	var ids []string
	for _, in := range list {
		ids = append(ids, in.ID)
	}
	return ids
}

// requireListed fails unless c lists exactly the emulator's instances.
func requireListed(t *testing.T, c *fetch.Client) {
	t.Helper()
	if got := listIDs(t, c); !slices.Equal(got, e2eInstanceIDs) {
		t.Fatalf("listed %v, want %v", got, e2eInstanceIDs)
	}
}
