package fetch

import (
	"regexp"
	"strings"
)

// secretKey finds the start of a secret-bearing parameter wherever the SDK may have written it:
//
//   - a request URL in a *url.Error: "&Signature=abc%3D&SecurityToken=tok"
//   - the string-to-sign the gateway echoes in SignatureDoesNotMatch, where the pairs are encoded
//     once more: "%26SecurityToken%3Dtok%2520en%26"
//   - a JSON document, such as the aliyun CLI config the SDK quotes whole when it cannot parse it:
//     "access_key_secret": "abc"
//   - a V3 Authorization header: "Signature=0af3..."
//   - an ini or env assignment, a Go %+v dump or a header: "access_key_secret = abc",
//     "AccessKeySecret:abc", "x-acs-security-token: tok"
//
// The key must not follow a letter, so prose such as "signature is not matched" and longer names
// stay intact while "%26Signature%3D" (preceded by the digit of %26) is caught.
var secretKey = regexp.MustCompile(`(?i)(?:^|[^a-z])(?:signature|signaturenonce|securitytoken|security_token|security-token|sts_token|ststoken|accesskeysecret|access_key_secret|access-key-secret|bearertoken|bearer_token)(?:\\?"?\s*:\s*\\?"?|\s*=\s*|%3D|%253D)`)

// Redact strips the values of Signature, SignatureNonce, SecurityToken, AccessKeySecret and
// BearerToken (and the snake_case spellings of CLI config files) from URLs and free text. The
// parameter names stay, so the text still says what was there. SDK errors carry these values
// verbatim: a *url.Error holds the full signed request URL, and SignatureDoesNotMatch echoes the
// string-to-sign.
func Redact(s string) string {
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

// valueLen is the length of the parameter value at the start of s. A value ends at '&' or its
// encodings %26 (string-to-sign) and %2526, at whitespace, at a quote or bracket, or at a comma or
// semicolon (header lists). It deliberately runs through every other percent escape, so that a
// token such as "tok%2520en" is hidden whole.
func valueLen(s string) int {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
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
