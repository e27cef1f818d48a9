// Package credtest fakes, for tests, the services credentials-go asks for credentials: a
// credentials URI and the CloudSSO sign-in portal, each handing out a new STS triple per request
// through an Issuer that tells the ECS emulator to accept it. config's tests (credential modes at
// the config level) and ui/cli's (the same modes as `bootlog list`) share it.
package credtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// Triple is one set of STS credentials.
type Triple struct {
	ID, Secret, Token string
	Expires           time.Time
}

// Expiration is Expires in the one time format credentials-go parses.
func (tr Triple) Expiration() string { return tr.Expires.UTC().Format("2006-01-02T15:04:05Z") }

// Issuer mints triples that the emulator accepts, and records what the fakes were shown.
type Issuer struct {
	name string
	// TTL is each triple's lifetime, an hour unless set before the first request:
	// credentials-go refreshes credentials that expire within 180 s, so a TTL under that makes
	// every request fetch a new triple.
	TTL    time.Duration
	accept func(id, secret, token string)

	mu     sync.Mutex
	issued []Triple
	// callers are the key pairs an STS fake accepts, by key ID: those added, and every triple
	// issued (a role chained on a role signs with the first triple).
	callers map[string]Triple
	// ssoTokens are the CloudSSO access tokens the sign-in portal accepts.
	ssoTokens map[string]bool
	// seen records what each request presented: "sso:TOKEN", and what callers Record.
	seen []string
}

// NewIssuer returns an Issuer whose triples are named after name and passed to accept (the
// emulator's AddCredential) as they are minted.
func NewIssuer(name string, accept func(id, secret, token string)) *Issuer {
	return &Issuer{name: name, TTL: time.Hour, accept: accept, callers: map[string]Triple{}, ssoTokens: map[string]bool{}}
}

// Issue mints a triple, makes the emulator accept it and remembers it as a caller.
func (is *Issuer) Issue() Triple {
	is.mu.Lock()
	defer is.mu.Unlock()
	n := len(is.issued) + 1
	tr := Triple{
		ID:      fmt.Sprintf("STS.%s%04d", is.name, n),
		Secret:  fmt.Sprintf("%sSecret%04dValueXq7", is.name, n),
		Token:   fmt.Sprintf("CAIS%sToken%04d+/=", is.name, n),
		Expires: time.Now().Add(is.TTL).UTC(),
	}
	is.issued = append(is.issued, tr)
	is.callers[tr.ID] = tr
	is.accept(tr.ID, tr.Secret, tr.Token)
	return tr
}

// Count is how many triples were issued.
func (is *Issuer) Count() int {
	is.mu.Lock()
	defer is.mu.Unlock()
	return len(is.issued)
}

// Issued is a copy of the triples issued so far.
func (is *Issuer) Issued() []Triple {
	is.mu.Lock()
	defer is.mu.Unlock()
	return slices.Clone(is.issued)
}

// AddCaller makes tr a key pair an STS fake accepts (a role's source keys).
func (is *Issuer) AddCaller(tr Triple) {
	is.mu.Lock()
	is.callers[tr.ID] = tr
	is.mu.Unlock()
}

// Caller is the accepted key pair with this key ID.
func (is *Issuer) Caller(id string) (Triple, bool) {
	is.mu.Lock()
	defer is.mu.Unlock()
	tr, ok := is.callers[id]
	return tr, ok
}

// AcceptSSOToken makes the sign-in portal accept token, or refuse it again when ok is false.
func (is *Issuer) AcceptSSOToken(token string, ok bool) {
	is.mu.Lock()
	defer is.mu.Unlock()
	if ok {
		is.ssoTokens[token] = true
	} else {
		delete(is.ssoTokens, token)
	}
}

// Saw reports whether a request presented what ("sso:TOKEN", or what was Recorded).
func (is *Issuer) Saw(what string) bool {
	is.mu.Lock()
	defer is.mu.Unlock()
	return slices.Contains(is.seen, what)
}

// Seen is a copy of everything requests presented, for test failure messages.
func (is *Issuer) Seen() []string {
	is.mu.Lock()
	defer is.mu.Unlock()
	return slices.Clone(is.seen)
}

// Record notes what a request presented.
func (is *Issuer) Record(what string) {
	is.mu.Lock()
	is.seen = append(is.seen, what)
	is.mu.Unlock()
}

// WriteJSON answers v as JSON with status.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v) //nolint:errcheck // the client sees a short body if this fails
}

// URIServer is a credentials URI: GET answers a fresh triple in the shape the aliyun CLI
// documents (AccessKeyId, AccessKeySecret, SecurityToken, Expiration).
func (is *Issuer) URIServer(t testing.TB) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet {
			WriteJSON(w, http.StatusMethodNotAllowed, map[string]string{"Code": "MethodNotAllowed"})
			return
		}
		tr := is.Issue()
		WriteJSON(w, http.StatusOK, map[string]string{"Code": "Success", "AccessKeyId": tr.ID,
			"AccessKeySecret": tr.Secret, "SecurityToken": tr.Token, "Expiration": tr.Expiration()})
	}))
	t.Cleanup(srv.Close)
	return srv
}

// SSOServer is the CloudSSO sign-in portal's credential endpoint, which credentials-go finds at
// /cloud-credentials on the host of the profile's cloud_sso_sign_in_url: POST with the profile's
// access_token as a bearer token and the account and access configuration in a JSON body.
func (is *Issuer) SSOServer(t testing.TB, account, accessConfig string) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		is.Record("sso:" + token)
		is.mu.Lock()
		ok := is.ssoTokens[token]
		is.mu.Unlock()
		if r.Method != http.MethodPost || r.URL.Path != "/cloud-credentials" {
			WriteJSON(w, http.StatusNotFound, map[string]string{"ErrorCode": "NotFound"})
			return
		}
		if !ok {
			WriteJSON(w, http.StatusUnauthorized, map[string]string{"ErrorCode": "InvalidAccessToken", "ErrorMessage": "access token expired"})
			return
		}
		var body struct{ AccountId, AccessConfigurationId string }
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body.AccountId != account || body.AccessConfigurationId != accessConfig {
			WriteJSON(w, http.StatusBadRequest, map[string]string{"ErrorCode": "InvalidParameter"})
			return
		}
		tr := is.Issue()
		WriteJSON(w, http.StatusOK, map[string]any{"RequestId": "sso-req", "CloudCredential": map[string]string{
			"AccessKeyId": tr.ID, "AccessKeySecret": tr.Secret, "SecurityToken": tr.Token, "Expiration": tr.Expiration()}})
	}))
	t.Cleanup(srv.Close)
	return srv
}
