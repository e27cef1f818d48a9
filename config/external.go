package config

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/aliyun/credentials-go/credentials/providers"
)

// The limits of an External credential process. The timeout is credentials-go's and the aliyun
// CLI's default; the refresh margin is theirs too (credentials expiring within it are fetched
// again). The output limits only keep a runaway process from growing bootlog's memory: the
// answer is a few hundred bytes.
const (
	externalTimeout       = 60 * time.Second
	externalRefreshMargin = 180 * time.Second
	externalStdoutLimit   = 1 << 20
	externalStderrLimit   = 4 << 10
	// externalWaitDelay bounds how long bootlog waits for the process's output pipes to close
	// after it exited or was killed: a helper may leave a child (an agent, a browser) holding
	// them open.
	externalWaitDelay = 2 * time.Second
)

// externalProvider serves an aliyun CLI profile in External mode: it runs process_command and
// reads the credentials the process prints on stdout as JSON, the aliyun CLI's protocol:
//
//	{"mode": "AK"|"StsToken", "access_key_id": ..., "access_key_secret": ...,
//	 "sts_token": ..., "expiration": "2006-01-02T15:04:05Z"}
//
// bootlog does not use credentials-go's ExternalCredentialsProvider for this: when the output is
// not JSON it prints the command and the whole output to os.Stdout with fmt.Println
// (providers/external.go, lines 138-139, in credentials-go v1.4.14). That output may hold the
// secret, and it would bypass Redact and land in piped output (`bootlog list --json | jq`) or on
// the TUI's screen. This provider never prints, and its errors quote the process's stderr but
// never its stdout.
//
// Like credentials-go (and unlike its CLI profile provider), it never writes fetched keys back
// into config.json. Credentials with an expiration are kept until externalRefreshMargin before
// it; without one (or with one that does not parse) the process runs at every call, since it
// may hand out short-lived keys without saying so.
type externalProvider struct {
	profile string
	argv    []string
	timeout time.Duration
	now     func() time.Time // the clock the cache is judged by; tests move it

	mu      sync.Mutex // one process at a time: concurrent callers wait for its answer
	cached  *providers.Credentials
	expires time.Time // zero: the cached credentials are not reused
}

// newExternalProvider checks process_command of profile and returns the provider that runs it.
func newExternalProvider(profile, command string) (*externalProvider, error) {
	argv, err := splitProcessCommand(command)
	if err != nil {
		return nil, fmt.Errorf("profile %q: %w", profile, err)
	}
	return &externalProvider{profile: profile, argv: argv, timeout: externalTimeout, now: time.Now}, nil
}

// GetProviderName is credentials-go's name for this mode, which the SDK sends to the server as
// x-acs-credentials-provider.
func (p *externalProvider) GetProviderName() string { return "external" }

// GetCredentials returns the cached credentials while they are valid, and otherwise runs the
// process for new ones.
func (p *externalProvider) GetCredentials() (*providers.Credentials, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cached != nil && !p.expires.IsZero() && p.expires.Sub(p.now()) > externalRefreshMargin {
		cc := *p.cached
		return &cc, nil
	}
	cc, expires, err := p.fetch()
	if err != nil {
		return nil, err
	}
	p.cached, p.expires = cc, expires
	out := *cc
	return &out, nil
}

// externalAnswer is what the process prints.
type externalAnswer struct {
	Mode            string `json:"mode"`
	AccessKeyID     string `json:"access_key_id"`
	AccessKeySecret string `json:"access_key_secret"`
	SecurityToken   string `json:"sts_token"`
	Expiration      string `json:"expiration"`
}

// fetch runs the process once and parses its answer.
func (p *externalProvider) fetch() (*providers.Credentials, time.Time, error) {
	ctx, cancel := context.WithTimeout(context.Background(), p.timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, p.argv[0], p.argv[1:]...)
	// Stdin stays unset (the null device): the TUI owns the terminal, and a process that
	// prompts would wait for an answer nobody can type. The environment is inherited, as the
	// aliyun CLI does.
	cmd.WaitDelay = externalWaitDelay
	stdout := &cappedBuffer{limit: externalStdoutLimit}
	stderr := &tailBuffer{limit: externalStderrLimit}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	err := cmd.Run()
	switch {
	case err != nil && ctx.Err() != nil:
		return nil, time.Time{}, p.fail(fmt.Sprintf("timed out after %s and was stopped", p.timeout), stderr)
	case errors.Is(err, exec.ErrWaitDelay):
		// The process itself exited 0 and only a child kept the pipes open: its answer is
		// complete.
	case err != nil:
		return nil, time.Time{}, p.fail("failed: "+err.Error(), stderr)
	}
	if stdout.overflow {
		return nil, time.Time{}, p.fail(fmt.Sprintf("printed more than %d bytes on stdout, which cannot be credentials", externalStdoutLimit), stderr)
	}
	out := stdout.buf
	if len(strings.TrimSpace(string(out))) == 0 {
		return nil, time.Time{}, p.fail("printed nothing on stdout (credentials are expected there as JSON)", stderr)
	}
	var a externalAnswer
	if err := json.Unmarshal(out, &a); err != nil {
		return nil, time.Time{}, p.fail(describeJSONError(err, len(out)), stderr)
	}
	switch {
	case a.AccessKeyID == "" || a.AccessKeySecret == "":
		return nil, time.Time{}, p.fail("printed JSON without access_key_id or access_key_secret", stderr)
	case a.Mode == "StsToken" && a.SecurityToken == "":
		return nil, time.Time{}, p.fail(`printed mode "StsToken" without sts_token`, stderr)
	}
	// As in credentials-go, any other mode is taken as given and a token is passed on whenever
	// there is one; an expiration that does not parse means "fetch again at every call".
	var expires time.Time
	if a.Expiration != "" {
		if t, err := time.Parse(time.RFC3339, a.Expiration); err == nil {
			expires = t
		}
	}
	// Registered here as well as by the chain: when a role is built over this provider, the
	// chain only sees the role's keys, yet these sign the role's STS requests.
	registerSecrets(a.AccessKeySecret, a.SecurityToken)
	return &providers.Credentials{
		AccessKeyId:     a.AccessKeyID,
		AccessKeySecret: a.AccessKeySecret,
		SecurityToken:   a.SecurityToken,
		ProviderName:    p.GetProviderName(),
	}, expires, nil
}

// fail builds the error of a failed run: the profile, the program (its name only: arguments may
// carry a token), what went wrong and the end of the process's stderr. Never stdout: a process
// that printed something other than JSON may still have printed the secret.
func (p *externalProvider) fail(what string, stderr *tailBuffer) error {
	msg := fmt.Sprintf("profile %q: credential process %q %s", p.profile, filepath.Base(p.argv[0]), what)
	if s := stderr.String(); s != "" {
		msg += "; its stderr: " + s
	}
	return errors.New(msg)
}

// describeJSONError says why the output is not the expected JSON without quoting it:
// encoding/json's own messages quote the offending character, and this output may be a secret.
func describeJSONError(err error, size int) string {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return fmt.Sprintf("printed something that is not JSON on stdout (invalid at byte %d of %d)", syntax.Offset, size)
	case errors.As(err, &typ) && typ.Field != "":
		return fmt.Sprintf("printed JSON whose %q is a %s, not a string", typ.Field, typ.Value)
	default:
		return "printed something on stdout that is not a JSON object"
	}
}

// cappedBuffer keeps the first limit bytes written to it and notes that there were more. It
// accepts and drops the rest, so the process is not blocked on a full pipe until the timeout.
type cappedBuffer struct {
	limit    int
	buf      []byte
	overflow bool
}

func (b *cappedBuffer) Write(p []byte) (int, error) {
	room := b.limit - len(b.buf)
	if len(p) > room {
		b.overflow = true
		b.buf = append(b.buf, p[:max(room, 0)]...)
		return len(p), nil
	}
	b.buf = append(b.buf, p...)
	return len(p), nil
}

// tailBuffer keeps the last limit bytes written to it: a failing process states its reason at the
// end (a traceback's last line, the final error).
type tailBuffer struct {
	limit   int
	buf     []byte
	dropped int
}

func (b *tailBuffer) Write(p []byte) (int, error) {
	n := len(p)
	if len(p) > b.limit {
		b.dropped += len(p) - b.limit
		p = p[len(p)-b.limit:]
	}
	b.buf = append(b.buf, p...)
	if over := len(b.buf) - b.limit; over > 0 {
		b.dropped += over
		b.buf = append(b.buf[:0], b.buf[over:]...)
	}
	return n, nil
}

// String is the kept text without surrounding blank space, saying how much came before it.
func (b *tailBuffer) String() string {
	kept := b.buf
	if b.dropped > 0 {
		// The cut may have split a character: start at the next whole one.
		for len(kept) > 0 && !utf8.RuneStart(kept[0]) {
			kept = kept[1:]
		}
	}
	s := strings.TrimSpace(string(kept))
	if s != "" && b.dropped > 0 {
		s = fmt.Sprintf("[%d earlier bytes omitted] %s", b.dropped, s)
	}
	return s
}
