package emulator

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// The documented V1 test vector (reference §1.2).
func TestSignV1DocumentedVector(t *testing.T) {
	params := map[string]string{
		"AccessKeyId": "testid", "Action": "DescribeRegions", "Format": "XML", "SignatureMethod": "HMAC-SHA1",
		"SignatureNonce": "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf", "SignatureVersion": "1.0",
		"Timestamp": "2016-02-23T12:46:24Z", "Version": "2014-05-26", "Signature": "ignored",
	}
	sts := stringToSignV1("GET", params)
	want := "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26"
	if sts != want {
		t.Fatalf("string to sign\n%s\nwant\n%s", sts, want)
	}
	if got := signV1("testsecret", sts); got != "OLeaidS1JvxuMvnyHOwuJ+uX5qY=" {
		t.Fatalf("signature %s", got)
	}
}

// The SDK's captured V1 string to sign, with the empty SignatureType and an STS token that
// needs encoding (reference §1.2).
func TestSignV1CapturedSDKString(t *testing.T) {
	params := map[string]string{
		"AccessKeyId": "testid", "Action": "GetInstanceConsoleOutput", "Format": "JSON", "InstanceId": "i-abc",
		"RegionId": "cn-beijing", "RemoveSymbols": "true", "SecurityToken": "tok en*~", "SignatureMethod": "HMAC-SHA1",
		"SignatureNonce": "8a55e17f5d26b0046e6462afbf10a9bd", "SignatureType": "", "SignatureVersion": "1.0",
		"Timestamp": "2026-11-26T17:16:35Z", "Version": "2014-05-26",
	}
	want := "POST&%2F&AccessKeyId%3Dtestid%26Action%3DGetInstanceConsoleOutput%26Format%3DJSON%26InstanceId%3Di-abc%26RegionId%3Dcn-beijing%26RemoveSymbols%3Dtrue%26SecurityToken%3Dtok%2520en%252A~%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D8a55e17f5d26b0046e6462afbf10a9bd%26SignatureType%3D%26SignatureVersion%3D1.0%26Timestamp%3D2026-11-26T17%253A16%253A35Z%26Version%3D2014-05-26"
	if got := stringToSignV1("POST", params); got != want {
		t.Fatalf("string to sign\n%s\nwant\n%s", got, want)
	}
}

// The V3 test vector of the reference (§1.5), checked through the same code path requests take.
func TestSignV3ReferenceVector(t *testing.T) {
	r, _ := http.NewRequest("POST", "http://127.0.0.1:33913/?InstanceId=i-abc&RegionId=cn-beijing&RemoveSymbols=true", nil)
	h := map[string]string{
		"x-acs-accesskey-id":         "testid",
		"x-acs-action":               "GetInstanceConsoleOutput",
		"x-acs-content-sha256":       "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
		"x-acs-credentials-provider": "static_sts",
		"x-acs-date":                 "2026-11-26T17:30:07Z",
		"x-acs-security-token":       "tok en*~",
		"x-acs-signature-nonce":      "ea63f7ebb646ed3e0e74c44e348e68f51e8009d315934b18516f53a9bdcac5b3",
		"x-acs-version":              "2014-05-26",
	}
	for k, v := range h {
		r.Header.Set(k, v)
	}
	signed := strings.Split("host;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version", ";")
	canonical := canonicalRequestV3(r, signed, h["x-acs-content-sha256"])
	want := "POST\n/\nInstanceId=i-abc&RegionId=cn-beijing&RemoveSymbols=true\n" +
		"host:127.0.0.1:33913\nx-acs-accesskey-id:testid\nx-acs-action:GetInstanceConsoleOutput\n" +
		"x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n" +
		"x-acs-credentials-provider:static_sts\nx-acs-date:2026-11-26T17:30:07Z\nx-acs-security-token:tok en*~\n" +
		"x-acs-signature-nonce:ea63f7ebb646ed3e0e74c44e348e68f51e8009d315934b18516f53a9bdcac5b3\nx-acs-version:2014-05-26\n\n" +
		strings.Join(signed, ";") + "\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	if canonical != want {
		t.Fatalf("canonical request\n%s\nwant\n%s", canonical, want)
	}
	sts := stringToSignV3(canonical)
	if sts != "ACS3-HMAC-SHA256\n27e07c94153c4ebe977e2d0bd5ed067a16bda77632ef7dc4f3041f739d03ade4" {
		t.Fatalf("string to sign %q", sts)
	}
	if sig := signV3("testsecret", sts); sig != "2b54d3431f2d85d7dcc7141bfecb98219195217e50a1e1b54f3fd568e8ba441d" {
		t.Fatalf("signature %s", sig)
	}
}

var nonceSeq atomic.Int64

// v1Request builds a V1-signed request the way any client could, for raw net/http tests.
// Extra entries in params override the common ones; an entry with value "-" removes one.
func v1Request(t *testing.T, srv *Server, method, secret string, params map[string]string, inBody bool) *http.Request {
	t.Helper()
	p := map[string]string{
		"AccessKeyId": DefaultAccessKeyID, "Format": "JSON", "RegionId": "cn-hangzhou",
		"SignatureMethod": "HMAC-SHA1", "SignatureVersion": "1.0", "SignatureType": "",
		"SignatureNonce": fmt.Sprintf("nonce-%d-%d", time.Now().UnixNano(), nonceSeq.Add(1)),
		"Timestamp":      time.Now().UTC().Format("2006-01-02T15:04:05Z"), "Version": "2014-05-26",
	}
	for k, v := range params {
		if v == "-" {
			delete(p, k)
		} else {
			p[k] = v
		}
	}
	if _, ok := params["Signature"]; !ok {
		p["Signature"] = signV1(secret, stringToSignV1(method, p))
	}
	v := url.Values{}
	for k, val := range p {
		v.Set(k, val)
	}
	var r *http.Request
	if inBody {
		r, _ = http.NewRequest(method, srv.URL()+"/", strings.NewReader(v.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	} else {
		r, _ = http.NewRequest(method, srv.URL()+"/?"+v.Encode(), nil)
	}
	return r
}

// errorBody is the decoded error body, every field checked to be a string.
type errorBody struct {
	RequestID, HostID, Code, Message, Recommend string
}

// do sends r and returns the status and the body decoded into a map of raw values.
func do(t *testing.T, r *http.Request) (int, map[string]any) {
	t.Helper()
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if ct := resp.Header.Get("Content-Type"); ct != "application/json;charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("body %q: %v", b, err)
	}
	return resp.StatusCode, m
}

// wantError checks an error answer's status, code and body shape: five string fields.
func wantError(t *testing.T, r *http.Request, status int, code string) errorBody {
	t.Helper()
	got, m := do(t, r)
	var e errorBody
	for _, f := range []struct {
		name string
		dst  *string
	}{{"RequestId", &e.RequestID}, {"HostId", &e.HostID}, {"Code", &e.Code}, {"Message", &e.Message}, {"Recommend", &e.Recommend}} {
		s, ok := m[f.name].(string)
		if !ok || s == "" {
			t.Errorf("%s = %#v, want a non-empty string", f.name, m[f.name])
		}
		*f.dst = s
	}
	if got != status || e.Code != code {
		t.Fatalf("got %d %s (%s), want %d %s", got, e.Code, e.Message, status, code)
	}
	return e
}

func TestRawGETAndPOSTFormAreAccepted(t *testing.T) {
	srv, _ := startServer(t, testWorld(0), Options{})
	for _, tc := range []struct {
		method string
		inBody bool
	}{{"GET", false}, {"POST", false}, {"POST", true}} {
		r := v1Request(t, srv, tc.method, DefaultAccessKeySecret, map[string]string{"Action": "DescribeRegions"}, tc.inBody)
		status, m := do(t, r)
		if status != 200 || m["Regions"] == nil {
			t.Fatalf("%s (body %v): %d %v", tc.method, tc.inBody, status, m)
		}
	}
	// A form body's parameters are signed like query ones; the body wins a clash.
	r := v1Request(t, srv, "POST", DefaultAccessKeySecret, map[string]string{"Action": "DescribeInstances", "InstanceName": "web-1"}, true)
	r.URL.RawQuery = "InstanceName=db-stopped"
	status, m := do(t, r)
	if status != 200 || fmt.Sprint(m["TotalCount"]) != "1" {
		t.Fatalf("POST with query and body: %d %v", status, m)
	}
	inst := m["Instances"].(map[string]any)["Instance"].([]any)[0].(map[string]any)
	if inst["InstanceName"] != "web-1" {
		t.Fatalf("body did not win: %v", inst["InstanceName"])
	}
	if _, ok := inst["EipAddress"].(map[string]any)["IpAddress"].(string); !ok {
		t.Errorf("EipAddress.IpAddress is not a string")
	}
	if _, ok := inst["PublicIpAddress"].(map[string]any)["IpAddress"].([]any); !ok {
		t.Errorf("PublicIpAddress.IpAddress is not an array")
	}
}

func TestRawGatewayErrors(t *testing.T) {
	srv, _ := startServer(t, testWorld(0), Options{})
	action := map[string]string{"Action": "DescribeRegions"}
	with := func(extra map[string]string) map[string]string {
		m := map[string]string{"Action": "DescribeRegions"}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	old := time.Now().Add(-16 * time.Minute).UTC().Format("2006-01-02T15:04:05Z")
	future := time.Now().Add(16 * time.Minute).UTC().Format("2006-01-02T15:04:05Z")
	tests := []struct {
		name   string
		method string
		params map[string]string
		status int
		code   string
	}{
		{"unknown action", "GET", with(map[string]string{"Action": "DescribeEverything"}), 404, "InvalidAction.NotFound"},
		{"wrong version", "GET", with(map[string]string{"Version": "2016-03-14"}), 400, "InvalidVersion"},
		{"no action", "GET", with(map[string]string{"Action": "-"}), 400, "MissingParameter"},
		{"no timestamp", "GET", with(map[string]string{"Timestamp": "-"}), 400, "MissingParameter"},
		{"no signature", "GET", with(map[string]string{"Signature": "-"}), 400, "MissingParameter"},
		{"bad timestamp", "GET", with(map[string]string{"Timestamp": "yesterday"}), 400, "InvalidTimeStamp.Format"},
		{"old timestamp", "GET", with(map[string]string{"Timestamp": old}), 400, "InvalidTimeStamp.Expired"},
		{"future timestamp", "GET", with(map[string]string{"Timestamp": future}), 400, "InvalidTimeStamp.Expired"},
		{"signature method", "GET", with(map[string]string{"SignatureMethod": "HMAC-SHA256"}), 400, "InvalidParameter"},
		{"signature version", "GET", with(map[string]string{"SignatureVersion": "2.0"}), 400, "InvalidParameter"},
		{"unknown key", "GET", with(map[string]string{"AccessKeyId": "LTAInobody"}), 404, "InvalidAccessKeyId.NotFound"},
		{"bad signature", "GET", with(map[string]string{"Signature": "AAAA"}), 400, "SignatureDoesNotMatch"},
		{"no region", "GET", map[string]string{"Action": "DescribeInstances", "RegionId": "-"}, 400, "MissingParameter"},
		{"unknown region", "GET", map[string]string{"Action": "DescribeInstances", "RegionId": "mars-1"}, 404, "InvalidRegionId.NotFound"},
		{"method", "PUT", action, 403, "UnsupportedHTTPMethod"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantError(t, v1Request(t, srv, tt.method, DefaultAccessKeySecret, tt.params, false), tt.status, tt.code)
		})
	}
	// A GET signed as if it were a POST: the echoed string to sign shows the GET.
	r := v1Request(t, srv, "POST", DefaultAccessKeySecret, action, false)
	r.Method = "GET"
	e := wantError(t, r, 400, "SignatureDoesNotMatch")
	if !strings.HasPrefix(e.Message, "Specified signature is not matched with our calculation. server string to sign is:GET&%2F&AccessKeyId%3D") {
		t.Errorf("message %q", e.Message)
	}
	if !strings.Contains(e.Recommend, "SignatureDoesNotMatch") {
		t.Errorf("Recommend %q", e.Recommend)
	}
}

func TestRawNonceReuseIsRejected(t *testing.T) {
	srv, clock := startServer(t, testWorld(0), Options{})
	p := map[string]string{"Action": "DescribeRegions", "SignatureNonce": "once-only"}
	if status, m := do(t, v1Request(t, srv, "GET", DefaultAccessKeySecret, p, false)); status != 200 {
		t.Fatalf("first use: %d %v", status, m)
	}
	wantError(t, v1Request(t, srv, "GET", DefaultAccessKeySecret, p, false), 400, "SignatureNonceUsed")
	// A request that fails its signature check does not burn a nonce.
	p2 := map[string]string{"Action": "DescribeRegions", "SignatureNonce": "after-bad"}
	wantError(t, v1Request(t, srv, "GET", "wrong", p2, false), 400, "SignatureDoesNotMatch")
	if status, _ := do(t, v1Request(t, srv, "GET", DefaultAccessKeySecret, p2, false)); status != 200 {
		t.Fatalf("nonce was burnt by a rejected request: %d", status)
	}
	// Nonces are remembered for longer than the timestamp window, then forgotten. (The
	// request's own timestamp moves with the clock here, or it would be expired.)
	clock.Advance(32 * time.Minute)
	p["Timestamp"] = clock.Now().UTC().Format("2006-01-02T15:04:05Z")
	if status, m := do(t, v1Request(t, srv, "GET", DefaultAccessKeySecret, p, false)); status != 200 {
		t.Fatalf("after 32 min: %d %v", status, m)
	}
}

// TestCallsCountsAuthenticatedRequests: a request counts once its signature holds, whatever
// its outcome after that; requests that fail authentication are not counted, so that junk
// Action names cost nothing that lasts.
func TestCallsCountsAuthenticatedRequests(t *testing.T) {
	srv, _ := startServer(t, testWorld(0), Options{})
	do(t, v1Request(t, srv, "GET", DefaultAccessKeySecret, map[string]string{"Action": "DescribeRegions"}, false))
	do(t, v1Request(t, srv, "GET", "wrong", map[string]string{"Action": "DescribeRegions"}, false))
	do(t, v1Request(t, srv, "GET", DefaultAccessKeySecret, map[string]string{"Action": "NoSuchAction"}, false))
	wantError(t, v1Request(t, srv, "GET", DefaultAccessKeySecret, map[string]string{"Action": "DescribeInstances", "RegionId": "mars-1"}, false), 404, "InvalidRegionId.NotFound")
	if n := srv.Calls("DescribeRegions"); n != 1 {
		t.Errorf("Calls(DescribeRegions) = %d, want 1 (the wrongly signed one does not count)", n)
	}
	if n := srv.Calls("NoSuchAction"); n != 0 {
		t.Errorf("Calls(NoSuchAction) = %d, want 0", n)
	}
	if n := srv.Calls("DescribeInstances"); n != 1 {
		t.Errorf("Calls(DescribeInstances) = %d, want 1 (signed, then refused)", n)
	}
}

// v3Request signs a request with ACS3-HMAC-SHA256 from first principles (independently of
// canonicalRequestV3), the way the V3 documentation describes it.
func v3Request(t *testing.T, srv *Server, id, secret, token, action string, query url.Values, body string) *http.Request {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	// Encode the query as a client would, '+' for spaces; the signature uses %20.
	r, _ := http.NewRequest("POST", srv.URL()+"/?"+query.Encode(), rd)
	sum := sha256.Sum256([]byte(body))
	h := map[string]string{
		"host":                  srv.Addr(),
		"x-acs-action":          action,
		"x-acs-version":         "2014-05-26",
		"x-acs-date":            time.Now().UTC().Format("2006-01-02T15:04:05Z"),
		"x-acs-signature-nonce": fmt.Sprintf("v3-%d-%d", time.Now().UnixNano(), nonceSeq.Add(1)),
		"x-acs-content-sha256":  hex.EncodeToString(sum[:]),
	}
	if body != "" {
		h["content-type"] = "application/x-www-form-urlencoded"
	}
	if token != "" {
		h["x-acs-security-token"] = token
		h["x-acs-accesskey-id"] = id
	}
	names := make([]string, 0, len(h))
	for k := range h {
		names = append(names, k)
	}
	slices.Sort(names)
	var canon strings.Builder
	canon.WriteString("POST\n/\n")
	keys := make([]string, 0, len(query))
	for k := range query {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for i, k := range keys {
		if i > 0 {
			canon.WriteByte('&')
		}
		canon.WriteString(k + "=" + strings.NewReplacer("+", "%20", "*", "%2A", "%7E", "~").Replace(url.QueryEscape(query.Get(k))))
	}
	canon.WriteByte('\n')
	for _, k := range names {
		canon.WriteString(k + ":" + h[k] + "\n")
		if k != "host" {
			r.Header.Set(k, h[k])
		}
	}
	canon.WriteString("\n" + strings.Join(names, ";") + "\n" + h["x-acs-content-sha256"])
	cs := sha256.Sum256([]byte(canon.String()))
	sts := "ACS3-HMAC-SHA256\n" + hex.EncodeToString(cs[:])
	r.Header.Set("Authorization", "ACS3-HMAC-SHA256 Credential="+id+",SignedHeaders="+strings.Join(names, ";")+",Signature="+signV3(secret, sts))
	return r
}

func TestV3SignedRequests(t *testing.T) {
	srv, _ := startServer(t, testWorld(0), Options{})
	q := url.Values{"RegionId": {"cn-hangzhou"}, "InstanceName": {"web *"}}
	status, m := do(t, v3Request(t, srv, DefaultAccessKeyID, DefaultAccessKeySecret, "", "DescribeInstances", q, ""))
	if status != 200 || fmt.Sprint(m["TotalCount"]) != "0" {
		t.Fatalf("V3 DescribeInstances: %d %v", status, m)
	}
	q = url.Values{"RegionId": {"cn-hangzhou"}, "InstanceId": {"i-web1"}, "RemoveSymbols": {"true"}}
	status, m = do(t, v3Request(t, srv, DefaultAccessKeyID, DefaultAccessKeySecret, "", "GetInstanceConsoleOutput", q, ""))
	if status != 200 || m["InstanceId"] != "i-web1" || m["ConsoleOutput"] == "" {
		t.Fatalf("V3 GetInstanceConsoleOutput: %d %v", status, m)
	}
	// Business parameters in a signed form body.
	status, m = do(t, v3Request(t, srv, DefaultAccessKeyID, DefaultAccessKeySecret, "", "DescribeInstances",
		url.Values{"RegionId": {"cn-hangzhou"}}, "InstanceName=web-1"))
	if status != 200 || fmt.Sprint(m["TotalCount"]) != "1" {
		t.Fatalf("V3 with body: %d %v", status, m)
	}
	// STS.
	srv.AddCredential("STS.v3", "v3-secret", "tok en*~")
	status, m = do(t, v3Request(t, srv, "STS.v3", "v3-secret", "tok en*~", "DescribeRegions", url.Values{"RegionId": {"cn-hangzhou"}}, ""))
	if status != 200 {
		t.Fatalf("V3 STS: %d %v", status, m)
	}
	wantError(t, v3Request(t, srv, "STS.v3", "v3-secret", "", "DescribeRegions", url.Values{"RegionId": {"cn-hangzhou"}}, ""), 400, "MissingSecurityToken")

	e := wantError(t, v3Request(t, srv, DefaultAccessKeyID, "wrong", "", "DescribeRegions", url.Values{"RegionId": {"cn-hangzhou"}}, ""), 400, "SignatureDoesNotMatch")
	if !strings.Contains(e.Message, "server string to sign is:ACS3-HMAC-SHA256\n") {
		t.Errorf("message %q", e.Message)
	}
	wantError(t, v3Request(t, srv, DefaultAccessKeyID, DefaultAccessKeySecret, "", "Nope", url.Values{"RegionId": {"cn-hangzhou"}}, ""), 404, "InvalidAction.NotFound")

	// Tampering after signing: the body hash, a signed header, the query.
	r := v3Request(t, srv, DefaultAccessKeyID, DefaultAccessKeySecret, "", "DescribeInstances", url.Values{"RegionId": {"cn-hangzhou"}}, "InstanceName=web-1")
	r.Body = io.NopCloser(strings.NewReader("InstanceName=web-2"))
	r.ContentLength = int64(len("InstanceName=web-2"))
	wantError(t, r, 400, "IncompleteSignature")
	r = v3Request(t, srv, DefaultAccessKeyID, DefaultAccessKeySecret, "", "DescribeInstances", url.Values{"RegionId": {"cn-hangzhou"}}, "")
	r.URL.RawQuery += "&InstanceName=x"
	wantError(t, r, 400, "SignatureDoesNotMatch")
	r = v3Request(t, srv, DefaultAccessKeyID, DefaultAccessKeySecret, "", "DescribeInstances", url.Values{"RegionId": {"cn-hangzhou"}}, "")
	r.Header.Set("x-acs-version", "2016-01-01")
	wantError(t, r, 400, "InvalidVersion")
	// Replaying a V3 request.
	r = v3Request(t, srv, DefaultAccessKeyID, DefaultAccessKeySecret, "", "DescribeRegions", url.Values{"RegionId": {"cn-hangzhou"}}, "")
	r2 := r.Clone(r.Context())
	if status, _ := do(t, r); status != 200 {
		t.Fatalf("first: %d", status)
	}
	wantError(t, r2, 400, "SignatureNonceUsed")
	// The six documented headers must be signed.
	r = v3Request(t, srv, DefaultAccessKeyID, DefaultAccessKeySecret, "", "DescribeRegions", url.Values{"RegionId": {"cn-hangzhou"}}, "")
	r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "host;", "", 1))
	wantError(t, r, 400, "IncompleteSignature")
	r.Header.Set("Authorization", "ACS3-HMAC-SM3 Credential=x,SignedHeaders=host,Signature=00")
	wantError(t, r, 400, "IncompleteSignature")
}

func TestMissingRegionIDMessage(t *testing.T) {
	srv, _ := startServer(t, testWorld(0), Options{})
	e := wantError(t, v1Request(t, srv, "GET", DefaultAccessKeySecret, map[string]string{"Action": "DescribeInstances", "RegionId": "-"}, false), 400, "MissingParameter")
	if e.Message != "The input parameter RegionId that is mandatory for processing this request is not supplied." {
		t.Fatalf("message %q", e.Message)
	}
}

func BenchmarkDescribeInstancesPage(b *testing.B) {
	srv, err := New(Options{Fixtures: testWorld(250)})
	if err != nil {
		b.Fatal(err)
	}
	h := srv.Handler()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		p := map[string]string{
			"Action": "DescribeInstances", "AccessKeyId": DefaultAccessKeyID, "RegionId": "cn-hangzhou",
			"SignatureMethod": "HMAC-SHA1", "SignatureVersion": "1.0", "SignatureNonce": fmt.Sprint("bench-", i),
			"Timestamp": time.Now().UTC().Format(time.RFC3339), "Version": "2014-05-26", "PageSize": "100",
		}
		p["Signature"] = signV1(DefaultAccessKeySecret, stringToSignV1("GET", p))
		v := url.Values{}
		for k, val := range p {
			v.Set(k, val)
		}
		r := httptest.NewRequest("GET", "/?"+v.Encode(), nil)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != 200 {
			b.Fatalf("%d %s", w.Code, w.Body)
		}
		b.ReportMetric(float64(w.Body.Len())/1024, "KiB/page")
	}
}
