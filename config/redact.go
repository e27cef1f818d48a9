package config

import (
	"net/url"
	"sort"
	"strings"
	"sync"

	"github.com/bootlog/bootlog/fetch"
)

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

// Redact removes every secret Load registered from any text, then the values fetch.Redact finds by
// name (AccessKeySecret, SecurityToken, Signature in URLs, JSON fields, assignments). Names stay, so
// the text still says what was there: "SecurityToken=REDACTED".
func Redact(s string) string {
	registeredSecrets.RLock()
	for _, sec := range registeredSecrets.list {
		if strings.Contains(s, sec) {
			s = strings.ReplaceAll(s, sec, "REDACTED")
		}
	}
	registeredSecrets.RUnlock()

	return fetch.Redact(s)
}
