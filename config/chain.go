package config

import (
	"errors"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/aliyun/credentials-go/credentials/providers"
)

// credentialChain asks credentials-go's providers for credentials, source by source, and
// implements the V1 SDK's credentials.CredentialsProvider, so the ECS client signs every request
// with whatever credentials-go returns at that moment. credentials-go caches fetched credentials
// and refreshes them before they expire (STS sessions, SSO and OAuth exchanges, the credentials
// URI, ECS roles), as bootlog's own External provider does for a process that gives an
// expiration (external.go), so a long session never has to be restarted for new keys.
//
// The first source that answers is kept: later calls ask it alone, and its failures are
// reported rather than falling through to a different identity in the middle of a session.
// Until one answers, every call walks the whole chain again (credentials-go's own default chain
// sticks to the last provider it tried, even when all failed).
type credentialChain struct {
	mu      sync.Mutex
	links   []*chainLink
	chosen  *chainLink
	checks  []CredentialCheck // what Load saw, for the error when no source is usable
	lastKey string            // secret and token last registered with Redact, joined
}

// chainLink is one source and, once built, its provider.
type chainLink struct {
	source   credentialSource
	provider providers.CredentialsProvider
	stamp    fileStamp // of source.watch when provider was built
}

// fileStamp identifies a version of a file well enough to notice that it was rewritten.
type fileStamp struct {
	exists  bool
	size    int64
	modTime time.Time
}

func stampOf(path string) fileStamp {
	if path == "" {
		return fileStamp{}
	}
	fi, err := os.Stat(path)
	if err != nil {
		return fileStamp{}
	}
	return fileStamp{exists: true, size: fi.Size(), modTime: fi.ModTime()}
}

func newCredentialChain(sources []credentialSource) *credentialChain {
	c := &credentialChain{}
	for _, s := range sources {
		c.checks = append(c.checks, s.check)
		if s.open != nil {
			c.links = append(c.links, &chainLink{source: s})
		}
	}
	return c
}

// addLast appends a source that has no check of its own (the metadata-service role).
func (c *credentialChain) addLast(s *credentialSource) {
	if s != nil && s.open != nil {
		c.links = append(c.links, &chainLink{source: *s})
	}
}

// errNoSource starts the error of a chain where nothing answered; fetch classifies credential
// failures by type, and this text by name when the type is lost.
const errNoSource = "unable to get credentials from any of the providers in the chain"

// GetCredentials returns the current credentials of the chosen source, choosing it on the first
// success. Errors are redacted: credentials-go quotes URLs and response bodies, and the External
// provider a process's stderr.
func (c *credentialChain) GetCredentials() (*credentials.Credentials, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.chosen != nil {
		cc, err := c.chosen.get()
		if err != nil {
			return nil, errors.New(Redact(c.chosen.source.check.Source + ": " + err.Error()))
		}
		return c.adapt(cc), nil
	}
	var failures []string
	for _, l := range c.links {
		cc, err := l.get()
		if err != nil {
			failures = append(failures, l.source.check.Source+": "+err.Error())
			continue
		}
		c.chosen = l
		return c.adapt(cc), nil
	}
	if len(c.links) == 0 {
		for _, ch := range c.checks {
			failures = append(failures, ch.String())
		}
	}
	return nil, errors.New(Redact(errNoSource + ": " + strings.Join(failures, "; ")))
}

// GetProviderName names the chain; each answer carries the name of the provider that gave it
// (static_ak, cli_profile/cloud_sso, ...), which the SDK sends as x-acs-credentials-provider.
func (c *credentialChain) GetProviderName() string { return "bootlog" }

// adapt converts credentials-go's answer to the V1 SDK's type, and registers a new secret and
// token with Redact before anything can print them.
func (c *credentialChain) adapt(cc *providers.Credentials) *credentials.Credentials {
	if key := cc.AccessKeySecret + "\x00" + cc.SecurityToken; key != c.lastKey {
		registerSecrets(cc.AccessKeySecret, cc.SecurityToken)
		c.lastKey = key
	}
	return &credentials.Credentials{
		AccessKeyId:     cc.AccessKeyId,
		AccessKeySecret: cc.AccessKeySecret,
		SecurityToken:   cc.SecurityToken,
		ProviderName:    cc.ProviderName,
	}
}

// get asks the link's provider, building it first if needed. A provider that failed is dropped
// and rebuilt at the next call: credentials-go's file-based providers keep a nil inner provider
// after a failed build and would dereference it on the next call, and a rebuilt provider reads
// the files as they are now. When the watched file changed since the failed provider was built
// (the operator signed in again in another terminal), the new one is asked at once.
func (l *chainLink) get() (*providers.Credentials, error) {
	for attempt := 0; ; attempt++ {
		if l.provider == nil {
			l.stamp = stampOf(l.source.watch)
			p, err := l.source.open()
			if err != nil {
				return nil, err
			}
			l.provider = p
		}
		cc, err := l.provider.GetCredentials()
		if err == nil {
			if cc.ProviderName == "" {
				cc.ProviderName = l.provider.GetProviderName()
			}
			return cc, nil
		}
		l.provider = nil
		if attempt > 0 || l.source.watch == "" || stampOf(l.source.watch) == l.stamp {
			return nil, err
		}
	}
}
