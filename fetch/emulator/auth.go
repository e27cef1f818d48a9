package emulator

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"io"
	"mime"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
)

// apiVersion is the only ECS API version the emulator speaks.
const apiVersion = "2014-05-26"

// timestampWindow is how far a request's Timestamp (or x-acs-date) may be from the server's
// clock, either way.
const timestampWindow = 15 * time.Minute

// nonceMemory is how long a used nonce is remembered; longer than twice the timestamp window, so
// that no request still inside the window can replay a forgotten nonce.
const nonceMemory = 31 * time.Minute

// maxBody bounds the request body the emulator reads; ECS requests carry their parameters in
// the query, so anything large is not a real client.
const maxBody = 1 << 20

// request is an authenticated request: the action and its parameters (query and form body,
// the body winning a clash), common parameters included for V1.
type request struct {
	id     string // the RequestId of the answer
	action string
	params map[string]string
}

// param is a parameter's value, "" when absent.
func (q *request) param(name string) string { return q.params[name] }

// readRequest extracts the action and parameters of r without checking anything but the
// transport; it is separate from authenticate so that Calls counts requests that fail
// authentication too.
func readRequest(r *http.Request) (action string, params map[string]string, body []byte, err *apiError) {
	params = map[string]string{}
	q, qerr := url.ParseQuery(r.URL.RawQuery)
	merge(params, q)
	action = params["Action"]
	if isV3(r) {
		action = r.Header.Get("x-acs-action")
	}
	switch {
	case r.Method != http.MethodGet && r.Method != http.MethodPost:
		return action, nil, nil, errMethod
	case qerr != nil:
		return action, nil, nil, invalidCommonParameter("QueryString")
	}
	body, rerr := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if rerr != nil || len(body) > maxBody {
		return action, nil, nil, invalidCommonParameter("Body")
	}
	if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct == "application/x-www-form-urlencoded" && len(body) > 0 {
		form, ferr := url.ParseQuery(string(body))
		if ferr != nil {
			return action, nil, nil, invalidCommonParameter("Body")
		}
		merge(params, form)
		if !isV3(r) {
			action = params["Action"]
		}
	}
	return action, params, body, nil
}

// merge copies the first value of each key of v into dst.
func merge(dst map[string]string, v url.Values) {
	for k, vs := range v {
		if len(vs) > 0 {
			dst[k] = vs[0]
		}
	}
}

func isV3(r *http.Request) bool {
	return strings.HasPrefix(r.Header.Get("Authorization"), "ACS3-")
}

// authenticate checks a request the way the gateway does, in the gateway's order: common
// parameters, signature method, version, action, timestamp, access key, security token,
// signature, nonce.
func (s *Server) authenticate(r *http.Request, action string, params map[string]string, body []byte) (*request, *apiError) {
	if isV3(r) {
		return s.authenticateV3(r, action, params, body)
	}
	for _, name := range []string{"Action", "Version", "AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp"} {
		if _, ok := params[name]; !ok {
			if name == "Signature" && r.Header.Get("Authorization") != "" {
				return nil, errIncompleteSignature("Only signature V1 (Signature parameter) and V3 (ACS3-HMAC-SHA256) are supported.")
			}
			return nil, missingCommonParameter(name)
		}
	}
	if params["SignatureMethod"] != "HMAC-SHA1" {
		return nil, invalidCommonParameter("SignatureMethod")
	}
	if params["SignatureVersion"] != "1.0" {
		return nil, invalidCommonParameter("SignatureVersion")
	}
	if err := checkActionVersion(action, params["Version"]); err != nil {
		return nil, err
	}
	if err := s.checkTimestamp(params["Timestamp"]); err != nil {
		return nil, err
	}
	cred, err := s.credential(params["AccessKeyId"], params["SecurityToken"])
	if err != nil {
		return nil, err
	}
	sts := stringToSignV1(r.Method, params)
	if !hmac.Equal([]byte(signV1(cred.secret, sts)), []byte(params["Signature"])) {
		return nil, errSignatureDoesNotMatch(sts)
	}
	if err := s.useNonce(params["AccessKeyId"], params["SignatureNonce"]); err != nil {
		return nil, err
	}
	return &request{id: newRequestID(), action: action, params: params}, nil
}

func checkActionVersion(action, version string) *apiError {
	if version != apiVersion {
		return errInvalidVersion
	}
	if !oneOf(action, knownActions) {
		return errActionNotFound
	}
	return nil
}

// checkTimestamp accepts the SDK's second-precision UTC form and any RFC 3339 time, within the
// window around the server's clock.
func (s *Server) checkTimestamp(ts string) *apiError {
	t, err := time.Parse(time.RFC3339, ts)
	if err != nil {
		return errTimestampFormat
	}
	d := s.now().Sub(t)
	if d > timestampWindow || d < -timestampWindow {
		return errTimestampExpired
	}
	return nil
}

// credential finds the key pair and checks the security token that came with the request.
func (s *Server) credential(accessKeyID, token string) (credential, *apiError) {
	s.mu.Lock()
	c, ok := s.creds[accessKeyID]
	s.mu.Unlock()
	switch {
	case !ok:
		return c, errAccessKeyNotFound
	case c.token == "" && token != "":
		return c, errSecurityTokenMalformed
	case c.token != "" && token == "":
		return c, errMissingSecurityToken
	case c.token != "" && !hmac.Equal([]byte(c.token), []byte(token)):
		return c, errSecurityTokenMismatch
	}
	return c, nil
}

// useNonce records a nonce and rejects one seen before for the same key.
func (s *Server) useNonce(accessKeyID, nonce string) *apiError {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.nonces.use(accessKeyID+"\x00"+nonce, s.now()) {
		return errNonceUsed
	}
	return nil
}

// nonceStore remembers nonces for nonceMemory. Guarded by Server.mu.
type nonceStore struct {
	seen      map[string]time.Time
	lastPrune time.Time
}

// use reports whether key is new, and records it.
func (n *nonceStore) use(key string, now time.Time) bool {
	if now.Sub(n.lastPrune) > time.Minute {
		for k, t := range n.seen {
			if now.Sub(t) > nonceMemory {
				delete(n.seen, k)
			}
		}
		n.lastPrune = now
	}
	if t, ok := n.seen[key]; ok && now.Sub(t) <= nonceMemory {
		return false
	}
	n.seen[key] = now
	return true
}

// percentEncode is the RFC 3986 encoding both signatures use: space as %20, '*' as %2A, '~'
// kept. Go's QueryEscape already escapes '*' and keeps '~'; only its '+' for space differs.
func percentEncode(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

// stringToSignV1 builds signature V1's string-to-sign from every parameter but Signature,
// empty ones included: the SDK always sends and signs "SignatureType=".
func stringToSignV1(method string, params map[string]string) string {
	keys := make([]string, 0, len(params))
	for k := range params {
		if k != "Signature" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = percentEncode(k) + "=" + percentEncode(params[k])
	}
	return method + "&%2F&" + percentEncode(strings.Join(parts, "&"))
}

// signV1 is base64(HMAC-SHA1(secret + "&", stringToSign)).
func signV1(secret, stringToSign string) string {
	m := hmac.New(sha1.New, []byte(secret+"&"))
	m.Write([]byte(stringToSign))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// v3RequiredHeaders must all be signed in a V3 request (the V3 documentation's list).
var v3RequiredHeaders = []string{"host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce", "x-acs-version"}

// v3Authorization is the parsed Authorization header of a V3 request.
type v3Authorization struct {
	algorithm, accessKeyID, signature string
	signedHeaders                     []string
}

func parseV3Authorization(h string) (v3Authorization, bool) {
	var a v3Authorization
	alg, rest, ok := strings.Cut(h, " ")
	if !ok {
		return a, false
	}
	a.algorithm = alg
	for _, part := range strings.Split(rest, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return a, false
		}
		switch k {
		case "Credential":
			a.accessKeyID = v
		case "SignedHeaders":
			a.signedHeaders = strings.Split(v, ";")
		case "Signature":
			a.signature = v
		}
	}
	return a, a.accessKeyID != "" && a.signature != "" && len(a.signedHeaders) > 0
}

// authenticateV3 checks an ACS3-HMAC-SHA256 request. The action and version come from the
// x-acs-* headers and the query carries only business parameters.
func (s *Server) authenticateV3(r *http.Request, action string, params map[string]string, body []byte) (*request, *apiError) {
	auth, ok := parseV3Authorization(r.Header.Get("Authorization"))
	if !ok {
		return nil, errIncompleteSignature("The Authorization header is malformed.")
	}
	if auth.algorithm != "ACS3-HMAC-SHA256" {
		return nil, errIncompleteSignature("Only the ACS3-HMAC-SHA256 algorithm is supported.")
	}
	for _, h := range []string{"x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"} {
		if r.Header.Get(h) == "" {
			return nil, missingCommonParameter(h)
		}
	}
	if err := checkActionVersion(action, r.Header.Get("x-acs-version")); err != nil {
		return nil, err
	}
	if err := s.checkTimestamp(r.Header.Get("x-acs-date")); err != nil {
		return nil, err
	}
	cred, err := s.credential(auth.accessKeyID, r.Header.Get("x-acs-security-token"))
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(body)
	if hex.EncodeToString(sum[:]) != strings.ToLower(r.Header.Get("x-acs-content-sha256")) {
		return nil, errIncompleteSignature("The x-acs-content-sha256 header does not match the request body.")
	}
	signed := map[string]bool{}
	for _, h := range auth.signedHeaders {
		signed[strings.ToLower(h)] = true
	}
	for _, h := range v3RequiredHeaders {
		if !signed[h] {
			return nil, errIncompleteSignature("SignedHeaders must include " + h + ".")
		}
	}
	canonical := canonicalRequestV3(r, auth.signedHeaders, hex.EncodeToString(sum[:]))
	sts := stringToSignV3(canonical)
	if !hmac.Equal([]byte(signV3(cred.secret, sts)), []byte(strings.ToLower(auth.signature))) {
		return nil, errSignatureDoesNotMatch(sts)
	}
	if err := s.useNonce(auth.accessKeyID, r.Header.Get("x-acs-signature-nonce")); err != nil {
		return nil, err
	}
	return &request{id: newRequestID(), action: action, params: params}, nil
}

// canonicalRequestV3 builds the V3 canonical request. The query is rebuilt from the decoded
// parameters, never copied raw: clients send "web%20*" but sign "web%20%2A".
func canonicalRequestV3(r *http.Request, signedHeaders []string, payloadHash string) string {
	path := r.URL.Path
	if path == "" {
		path = "/"
	}
	uri := strings.ReplaceAll(percentEncode(path), "%2F", "/")

	q := r.URL.Query()
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var query []string
	for _, k := range keys {
		vs := append([]string(nil), q[k]...)
		sort.Strings(vs)
		for _, v := range vs {
			query = append(query, percentEncode(k)+"="+percentEncode(v))
		}
	}

	names := make([]string, len(signedHeaders))
	for i, h := range signedHeaders {
		names[i] = strings.ToLower(strings.TrimSpace(h))
	}
	sort.Strings(names)
	var headers strings.Builder
	for _, h := range names {
		var vals []string
		if h == "host" {
			// net/http moves Host out of r.Header.
			vals = []string{r.Host}
		} else {
			for _, v := range r.Header.Values(h) {
				vals = append(vals, strings.TrimSpace(v))
			}
			sort.Strings(vals)
		}
		headers.WriteString(h + ":" + strings.Join(vals, ",") + "\n")
	}
	return strings.Join([]string{r.Method, uri, strings.Join(query, "&"), headers.String(), strings.Join(names, ";"), payloadHash}, "\n")
}

// stringToSignV3 is "ACS3-HMAC-SHA256\n" + hex(SHA-256(canonical request)).
func stringToSignV3(canonical string) string {
	sum := sha256.Sum256([]byte(canonical))
	return "ACS3-HMAC-SHA256\n" + hex.EncodeToString(sum[:])
}

// signV3 is hex(HMAC-SHA256(secret, stringToSign)); unlike V1 the key has no trailing '&'.
func signV3(secret, stringToSign string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(stringToSign))
	return hex.EncodeToString(m.Sum(nil))
}
