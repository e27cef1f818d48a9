package config

import (
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"
)

// secretKey finds the start of a secret-bearing value wherever the SDK or a config file may have
// written it: a signed URL ("&Signature=..&SecurityToken=.."), the string-to-sign echoed by
// SignatureDoesNotMatch ("%26SecurityToken%3D.."), JSON ("access_key_secret": ".."), an ini or
// env assignment (ALIBABA_CLOUD_ACCESS_KEY_SECRET=.., access_key_secret = ..), a Go %+v dump
// (AccessKeySecret:..) and headers (x-acs-security-token: ..). The key must not follow a letter, so
// prose ("signature is not matched") and longer names (SignatureMethod) stay intact.
var secretKey = regexp.MustCompile(`(?i)(?:^|[^a-z])(?:signature|signaturenonce|securitytoken|security_token|security-token|sts_token|ststoken|accesskeysecret|access_key_secret|access-key-secret|bearertoken|bearer_token)(?:\\?"?\s*:\s*\\?"?|\s*=\s*|%3D|%253D)`)

// registeredSecrets holds the literal secrets Load found (env, config.json, credentials file) so
// Redact can remove them even where no key names them, such as a token quoted in an error message.
// It is the package's one global: Redact's callers (the debug log writer, error printers) hold no
// Config, and a secret once seen must stay hidden for the life of the process.
var registeredSecrets struct {
	sync.RWMutex
	list []string // longest first, so a secret containing another is replaced whole
}

// minSecretLen keeps trivially short strings (a test "x", a placeholder) from shredding every text.
const minSecretLen = 6

// registerSecrets adds s and its URL-encoded forms (the SDK puts tokens in query strings, and the
// gateway echoes them encoded twice) to the registry.
func registerSecrets(ss ...string) {
	registeredSecrets.Lock()
	defer registeredSecrets.Unlock()
	seen := map[string]bool{}
	for _, s := range registeredSecrets.list {
		seen[s] = true
	}
	for _, s := range ss {
		if len(s) < minSecretLen {
			continue
		}
		once := url.QueryEscape(s)
		for _, v := range []string{s, once, url.PathEscape(s), url.QueryEscape(once), strings.ReplaceAll(once, "+", "%20")} {
			if !seen[v] {
				seen[v] = true
				registeredSecrets.list = append(registeredSecrets.list, v)
			}
		}
	}
	sort.Slice(registeredSecrets.list, func(i, j int) bool {
		return len(registeredSecrets.list[i]) > len(registeredSecrets.list[j])
	})
}

// Redact removes AccessKeySecret, SecurityToken and Signature values (URL query parameters, JSON
// fields, assignments) and every secret Load registered from any text. Names stay, so the text still
// says what was there: "SecurityToken=REDACTED".
func Redact(s string) string {
	registeredSecrets.RLock()
	for _, sec := range registeredSecrets.list {
		if strings.Contains(s, sec) {
			s = strings.ReplaceAll(s, sec, "REDACTED")
		}
	}
	registeredSecrets.RUnlock()

	locs := secretKey.FindAllStringIndex(s, -1)
	if locs == nil {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	last := 0
	for _, loc := range locs {
		start := loc[1]
		if start < last {
			continue
		}
		end := start + valueLen(s[start:])
		b.WriteString(s[last:start])
		if end > start {
			b.WriteString("REDACTED")
		}
		last = end
	}
	b.WriteString(s[last:])
	return b.String()
}

// valueLen is the length of the value at the start of s. A value ends at '&' or its encodings %26
// and %2526, at whitespace, a quote, bracket, comma or semicolon; it runs through every other
// percent escape so an encoded token ("tok%2520en") is hidden whole.
func valueLen(s string) int {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '&', ' ', '\t', '\r', '\n', '"', '\'', '<', '>', ',', ';', '\\', '}', ']', ')':
			return i
		case '%':
			rest := strings.ToLower(s[i:min(i+5, len(s))])
			if strings.HasPrefix(rest, "%26") || strings.HasPrefix(rest, "%2526") {
				return i
			}
		}
	}
	return len(s)
}
