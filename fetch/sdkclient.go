package fetch

import (
	"context"
	"net/http"
	"sync"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ecs"
)

// A fresh SDK client is built for every attempt rather than one kept per region. The SDK client
// is not safe for concurrent use: every call writes its timeout into the shared http.Client
// (sdk.Client.setTimeout), rewrites the transport's dialer and TLS config, and the default
// credential chain records its last provider without a lock. Concurrent pages on one client are
// data races. Building one costs a few allocations; the expensive parts (the connection pool in
// the *http.Transport, resolved credentials) are shared and safe: the transport is wrapped so the
// SDK never touches it, and the credentials provider is serialized by lockedProvider.
func (c *Client) sdkClient(ctx context.Context, op, region string) (*ecs.Client, error) {
	sc := &ecs.Client{}
	if err := sc.InitWithOptions(region, c.config, c.creds); err != nil {
		return nil, err
	}
	// The same settings ecs.NewClientWithOptions applies, without its unsynchronised lazy
	// initialisation of the package-level map.
	sc.EndpointMap = ecsEndpointMap()
	sc.EndpointType = ecs.GetEndpointType()
	if c.opts.VPC {
		sc.Network = "vpc"
	}
	// A custom Domain wins over every other endpoint source; RegionId still goes in the query,
	// which is how the emulator routes.
	sc.Domain = c.domain
	sc.SetTransport(&ctxTransport{base: c.transport, ctx: ctx, op: op, limit: bodyLimit(op)})
	// Set explicitly: left unset, the first call's per-API default would stick to the client.
	sc.SetReadTimeout(c.opts.Timeout)
	sc.SetConnectTimeout(c.opts.Timeout)
	return sc, nil
}

var (
	endpointMapOnce sync.Once
	endpointMap     map[string]string
)

// ecsEndpointMap is the SDK's region→host table for ECS, initialised once: ecs.GetEndpointMap
// fills a package variable on first use without a lock.
func ecsEndpointMap() map[string]string {
	endpointMapOnce.Do(func() { endpointMap = ecs.GetEndpointMap() })
	return endpointMap
}

// ctxTransport binds the SDK's requests to a context and caps the size of their answers. The
// SDK builds its requests with http.NewRequest and no context, so cancellation is spliced in
// here. The request's own context is kept as the parent, because http.Client implements its
// Timeout through it. The cap is applied here because the SDK reads bodies itself, whole. For the
// same reason a console output is decoded here as it arrives (consolebody.go).
type ctxTransport struct {
	base  http.RoundTripper
	ctx   context.Context
	op    string
	limit int64
}

// RoundTrip sends r, abandoning it when the bound context ends, and caps the answer's body. The
// AfterFunc registration lives until that context ends, which is at the end of the attempt
// (do.go cancels it), so nothing accumulates.
func (t *ctxTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithCancel(r.Context())
	context.AfterFunc(t.ctx, cancel)
	var hold *consoleCapture
	if t.op == "GetInstanceConsoleOutput" {
		ctx, hold = withConsoleCapture(ctx)
	}
	sent := r.WithContext(ctx)
	resp, err := t.base.RoundTrip(sent)
	if err != nil {
		return nil, err
	}
	if resp.ContentLength > t.limit {
		// Declared too large: refused before reading a byte of it.
		resp.Body.Close()
		return nil, &bodyTooLargeError{op: t.op, limit: t.limit}
	}
	resp.Body = newCappedBody(resp.Body, t.op, t.limit)
	if hold != nil && resp.StatusCode >= 200 && resp.StatusCode < 300 {
		// Error answers are small and go to the SDK as they are. For a success the console
		// output is decoded as it streams (consolebody.go); the capture reaches ConsoleOutput
		// through the answer's Request, which is set here rather than trusted to the base
		// transport.
		resp.Body = newConsoleBody(resp.Body, hold, resp.ContentLength, t.limit)
		resp.Request, resp.ContentLength = sent, -1
	}
	return resp, nil
}

// lockedProvider serializes a credentials provider, and marks its failures so that they are
// classified as missing credentials whatever their text.
type lockedProvider struct {
	mu sync.Mutex
	p  credentials.CredentialsProvider
}

// GetCredentials returns the wrapped provider's credentials, one caller at a time.
func (l *lockedProvider) GetCredentials() (*credentials.Credentials, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	cc, err := l.p.GetCredentials()
	if err != nil {
		return nil, &credentialsError{err: err}
	}
	return cc, nil
}

// GetProviderName names the wrapped provider (it goes out in x-acs-credentials-provider).
func (l *lockedProvider) GetProviderName() string { return l.p.GetProviderName() }

// credentialsError is a failure of the credentials provider: no request was sent.
type credentialsError struct{ err error }

func (e *credentialsError) Error() string { return e.err.Error() }
func (e *credentialsError) Unwrap() error { return e.err }
