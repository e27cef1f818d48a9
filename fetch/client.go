package fetch

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
)

// Options configures a Client. The zero value talks HTTPS to the regional public endpoints with
// the SDK's default credential chain.
type Options struct {
	// Region is the region of calls made with region "".
	Region string
	// Endpoint overrides the SDK's endpoint resolution: "http://127.0.0.1:8080" (the emulator),
	// "https://host[:port]", or "host[:port]", which means HTTPS. Empty means the regional public
	// endpoint (ecs.<region>.aliyuncs.com and the SDK's aliases) over HTTPS.
	Endpoint string
	// VPC selects the VPC endpoints ecs-vpc.<region>.aliyuncs.com when Endpoint is empty.
	VPC bool
	// Credentials signs every request; nil means credentials.NewDefaultCredentialsProvider().
	Credentials credentials.CredentialsProvider
	// CredentialSource describes where the credentials came from ("aliyun CLI profile dev",
	// "environment"), for the hints of credential and auth errors.
	CredentialSource string
	// Timeout bounds each attempt (connect, send, wait, read); default 15 s.
	Timeout time.Duration
	// Retry bounds the retries of reads; zero fields take the defaults.
	Retry RetryPolicy
	// ZonelessLocation is the zone of LastUpdateTime values that carry none; default UTC+8.
	ZonelessLocation *time.Location
	// RatePerSecond is the refill rate of the per-region token bucket that every request,
	// retries included, draws from; default 10.
	RatePerSecond float64
	// Burst is the size of that bucket; default 20, so that listing 2,000 instances (20 pages)
	// is not held back by the bucket.
	Burst int
	// PageConcurrency bounds the DescribeInstances pages of one region, and the regions of
	// AllRegionsInstances, in flight at once; default 20, so that 2,000 instances take two
	// round trips (page 1, then the other 19 at once) and every further 2,000 one more.
	PageConcurrency int
	// MaxPages bounds the DescribeInstances pages fetched for one region; default 200, that is
	// 20,000 instances, which the default rate limit pages through in about 20 s. A region that
	// claims more stops there with an error (the pages delivered so far stay delivered), rather
	// than paging for minutes on the word of a TotalCount.
	MaxPages int
	// AcceptLanguage is the language of DescribeRegions' LocalName: "en-US" (default), "zh-CN"
	// or "ja".
	AcceptLanguage string
	// Debug, when set, receives one line per request: action, region, attempt, HTTP status,
	// duration, RequestId or error. Secrets are redacted. With DEBUG=sdk in the environment it
	// also receives the SDK's own debug lines (sdkdebug.go), which otherwise are dropped: they
	// never reach standard output.
	Debug io.Writer
}

// Client is bootlog's ECS client. It is safe for concurrent use. Each method takes a context
// first; cancelling it abandons the request at once (the SDK itself has no context support, so
// the HTTP request is bound to the context by the transport and the call runs in a goroutine).
type Client struct {
	opts      Options
	domain    string // host[:port] that overrides endpoint resolution; "" to let the SDK resolve
	config    *sdk.Config
	creds     credentials.CredentialsProvider
	transport *http.Transport
	limits    limiters
	debugMu   sync.Mutex
	// throttles counts every attempt ECS answered with Throttling, retried ones included: the
	// fleet scan shows it so an operator sees a scan pushing against flow control.
	throttles atomic.Int64
}

// Throttles is how many attempts ECS has answered with Throttling since the client was built,
// including those that a retry then got through.
func (c *Client) Throttles() int { return int(c.throttles.Load()) }

// regionPattern is the SDK's own check on region IDs (sdk.Client.InitWithOptions).
var regionPattern = regexp.MustCompile(`^[a-zA-Z0-9_-]+$`)

// New validates opts and builds a Client. Nothing is sent and no credentials are resolved until
// the first call, so a missing credential shows up as a KindCredentialsMissing error from that
// call. The only errors here are bad options (KindInvalidRequest).
func New(opts Options) (*Client, error) {
	if opts.Region != "" && !regionPattern.MatchString(opts.Region) {
		return nil, optionError("region %q is not a region ID such as cn-hangzhou", opts.Region)
	}
	scheme, domain, err := parseEndpoint(opts.Endpoint)
	if err != nil {
		return nil, err
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 15 * time.Second
	}
	opts.Retry = opts.Retry.withDefaults()
	if opts.ZonelessLocation == nil {
		opts.ZonelessLocation = chinaStandardTime
	}
	if opts.RatePerSecond <= 0 {
		opts.RatePerSecond = 10
	}
	if opts.Burst <= 0 {
		opts.Burst = 20
	}
	if opts.PageConcurrency <= 0 {
		opts.PageConcurrency = 20
	}
	if opts.MaxPages <= 0 {
		opts.MaxPages = 200
	}
	if opts.AcceptLanguage == "" {
		opts.AcceptLanguage = "en-US"
	}
	if opts.CredentialSource == "" {
		opts.CredentialSource = "the default credential chain"
	}
	creds := opts.Credentials
	if creds == nil {
		creds = credentials.NewDefaultCredentialsProvider()
	}

	// AutoRetry stays off: the SDK would retry writes too, would not retry Throttling, and
	// would hide transport errors behind SDK.TimeoutError. Retries are ours (do.go).
	cfg := sdk.NewConfig().WithScheme(scheme).WithAutoRetry(false).WithMaxRetryTime(0).WithTimeout(opts.Timeout)
	cfg.UserAgent = "bootlog"

	c := &Client{
		opts:   opts,
		domain: domain,
		config: cfg,
		creds:  &lockedProvider{p: creds},
		limits: limiters{rate: opts.RatePerSecond, burst: opts.Burst},
	}
	c.transport = &http.Transport{
		// ProxyFromEnvironment never proxies loopback addresses, which is what the SDK's own
		// proxy handling gets wrong (it would send 127.0.0.1 to HTTP_PROXY unless NO_PROXY
		// matched). The SDK's handling is bypassed because this transport is wrapped.
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: min(opts.Timeout, 5*time.Second), KeepAlive: 30 * time.Second}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   max(2*opts.PageConcurrency, 8),
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   min(opts.Timeout, 10*time.Second),
		ExpectContinueTimeout: time.Second,
	}
	if opts.Debug != nil {
		sdkDebugClient.Store(c)
	}
	return c, nil
}

// Region is the region used by calls made with region "".
func (c *Client) Region() string { return c.opts.Region }

// parseEndpoint turns Options.Endpoint into the SDK's scheme ("HTTP"/"HTTPS") and the host[:port]
// for sdk.Client.Domain. An empty endpoint leaves resolution to the SDK over HTTPS: the SDK's own
// default scheme is plain HTTP, even to the real cloud.
func parseEndpoint(endpoint string) (scheme, domain string, err error) {
	endpoint = strings.TrimSpace(endpoint)
	if endpoint == "" {
		return "HTTPS", "", nil
	}
	raw := endpoint
	if !strings.Contains(raw, "://") {
		raw = "https://" + raw
	}
	u, perr := url.Parse(raw)
	if perr != nil {
		return "", "", optionError("endpoint %q is not a URL: %v", endpoint, perr)
	}
	switch strings.ToLower(u.Scheme) {
	case "http":
		scheme = "HTTP"
	case "https":
		scheme = "HTTPS"
	default:
		return "", "", optionError("endpoint %q: scheme must be http or https", endpoint)
	}
	if u.Host == "" || u.Hostname() == "" {
		return "", "", optionError("endpoint %q has no host", endpoint)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" || (u.Path != "" && u.Path != "/") {
		return "", "", optionError("endpoint %q: give only scheme, host and port (ECS RPC calls go to /)", endpoint)
	}
	if p := u.Port(); p != "" {
		if _, perr := net.LookupPort("tcp", p); perr != nil {
			return "", "", optionError("endpoint %q: bad port %q", endpoint, p)
		}
	}
	return scheme, u.Host, nil
}

// optionError is the error of New for a bad option.
func optionError(format string, args ...any) *Error {
	return &Error{
		Kind:    KindInvalidRequest,
		Op:      "New",
		Message: fmt.Sprintf(format, args...),
		Hint:    "fix the option (--region, --endpoint) and try again",
	}
}

// debugf writes one line to Options.Debug, redacted.
func (c *Client) debugf(format string, args ...any) {
	if c.opts.Debug == nil {
		return
	}
	line := Redact(fmt.Sprintf(format, args...))
	c.debugMu.Lock()
	defer c.debugMu.Unlock()
	fmt.Fprintf(c.opts.Debug, "%s %s\n", time.Now().UTC().Format("15:04:05.000"), line)
}
