package config

// A local fake of STS, beside the credentials URI and sign-in portal of package credtest: it hands
// out a new STS triple per request through a credtest.Issuer, which tells the ECS emulator to
// accept it, so a test can list instances with whatever a mode fetched.

import (
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/bootlog/bootlog/config/credtest"
	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/fetch/emulator"
)

// stsServer is STS over HTTPS (credentials-go always uses HTTPS for it): AssumeRole signed with a
// known caller, and AssumeRoleWithOIDC with the expected OIDC token.
func stsServer(t *testing.T, is *credtest.Issuer, oidcToken string) *httptest.Server {
	if tlsRootsFile == "" {
		t.Skip("the fake STS needs SSL_CERT_FILE, which crypto/x509 ignores on " + runtime.GOOS)
	}
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			credtest.WriteJSON(w, http.StatusBadRequest, map[string]string{"Code": "InvalidParameter"})
			return
		}
		params := map[string]string{}
		for k, vs := range r.Form {
			params[k] = vs[0]
		}
		switch params["Action"] {
		case "AssumeRole":
			is.Record("sts:" + params["AccessKeyId"])
			caller, ok := is.Caller(params["AccessKeyId"])
			if !ok || caller.Token != params["SecurityToken"] || signV1(caller.Secret, stringToSignV1(r.Method, params)) != params["Signature"] {
				credtest.WriteJSON(w, http.StatusBadRequest, map[string]string{"Code": "SignatureDoesNotMatch"})
				return
			}
		case "AssumeRoleWithOIDC":
			is.Record("oidc:" + params["OIDCToken"])
			if params["OIDCToken"] != oidcToken || params["OIDCProviderArn"] == "" {
				credtest.WriteJSON(w, http.StatusBadRequest, map[string]string{"Code": "InvalidParameter.OIDCToken"})
				return
			}
		default:
			credtest.WriteJSON(w, http.StatusBadRequest, map[string]string{"Code": "InvalidAction"})
			return
		}
		if params["RoleArn"] == "" {
			credtest.WriteJSON(w, http.StatusBadRequest, map[string]string{"Code": "MissingRoleArn"})
			return
		}
		tr := is.Issue()
		credtest.WriteJSON(w, http.StatusOK, map[string]any{"RequestId": "sts-req", "AssumedRoleUser": map[string]string{},
			"Credentials": map[string]string{"AccessKeyId": tr.ID, "AccessKeySecret": tr.Secret, "SecurityToken": tr.Token, "Expiration": tr.Expiration()}})
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
