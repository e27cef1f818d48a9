package emulator

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"time"
)

// DefaultAccessKeyID is the AccessKeyId the emulator accepts when Options names none.
const DefaultAccessKeyID = "LTAI5tBootlogDemoKey01"

// DefaultAccessKeySecret is the AccessKeySecret that goes with DefaultAccessKeyID.
const DefaultAccessKeySecret = "bootlog-demo-secret"

// defaultRebootDuration is how long a reboot takes when Options leaves it zero: long enough to
// watch the states change in the TUI, short enough for a demo.
const defaultRebootDuration = 6 * time.Second

// defaultReadTimeout and defaultIdleTimeout bound a connection that sends its request slowly or
// not at all. ECS requests are a few KB sent at once; these leave room for a slow link, and a
// connection trickling a byte every few seconds is dropped instead of held open for good.
const (
	defaultReadTimeout = 15 * time.Second
	defaultIdleTimeout = 60 * time.Second
)

// screenshotInterval is the documented minimum time between two GetInstanceScreenshot calls
// for one instance.
const screenshotInterval = 10 * time.Second

// Options configures a Server.
type Options struct {
	// AccessKeyID and AccessKeySecret are the accepted key pair; empty means
	// DefaultAccessKeyID and DefaultAccessKeySecret.
	AccessKeyID, AccessKeySecret string
	// Fixtures is the world the server serves; nil means DemoFixtures(). The server keeps its
	// own copy, so the caller may reuse the value.
	Fixtures *Fixtures
	// Latency is added to every response.
	Latency time.Duration
	// RebootDuration is the time from RebootInstance to Running again (Stopping, then
	// Starting); default 6 s.
	RebootDuration time.Duration
	// Log receives one line per request: action, HTTP status, error code, duration. Nil
	// discards them. A request that fails authentication is logged as "-": its Action is
	// whatever anyone sent. Every string is escaped and cut (logSafe).
	Log io.Writer
	// ReadTimeout bounds receiving one request, headers and body, on a connection Start
	// accepted; default 15 s. A client that trickles its request is disconnected then. It does
	// not bound the answer: Latency and a fault's Delay may be longer.
	ReadTimeout time.Duration
	// IdleTimeout is how long a kept-alive connection may wait for its next request; default
	// 60 s.
	IdleTimeout time.Duration
	// Now is the clock for timestamps, reboots and the screenshot interval; nil means time.Now.
	Now func() time.Time
	// RateLimits caps the calls a second of an action in each region (ratelimit.go,
	// ParseRateLimit), as ECS meters them; a call beyond the cap is answered Throttling. Nil
	// means no limit.
	RateLimits map[string]float64
}

// Server is the emulator. Its methods are safe for concurrent use.
type Server struct {
	opts    Options
	now     func() time.Time
	handler http.Handler

	mu        sync.Mutex
	creds     map[string]credential
	regions   []RegionFixture
	regionSet map[string]bool
	instances []*instance // fixture order, which is the order DescribeInstances answers in
	byID      map[string]*instance
	nonces    nonceStore
	calls     map[string]int
	limiters  map[string]*actionLimiter // set once by New

	logMu sync.Mutex

	httpSrv *http.Server
	ln      net.Listener
}

// credential is one accepted key pair; token, when set, makes it an STS pair whose requests
// must carry that SecurityToken.
type credential struct {
	secret, token string
}

// New builds a server for opts. It validates the fixtures and reads console files; nothing is
// listened on until Start (Handler serves without a listener).
func New(opts Options) (*Server, error) {
	if opts.Fixtures == nil {
		opts.Fixtures = DemoFixtures()
	}
	if err := opts.Fixtures.Validate(); err != nil {
		return nil, fmt.Errorf("emulator fixtures:\n%w", err)
	}
	if opts.AccessKeyID == "" {
		opts.AccessKeyID = DefaultAccessKeyID
	}
	if opts.AccessKeySecret == "" {
		opts.AccessKeySecret = DefaultAccessKeySecret
	}
	if opts.RebootDuration <= 0 {
		opts.RebootDuration = defaultRebootDuration
	}
	if opts.Latency < 0 {
		return nil, fmt.Errorf("emulator: latency %v is negative", opts.Latency)
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	limiters, err := newActionLimiters(opts.RateLimits)
	if err != nil {
		return nil, err
	}
	if opts.ReadTimeout <= 0 {
		opts.ReadTimeout = defaultReadTimeout
	}
	if opts.IdleTimeout <= 0 {
		opts.IdleTimeout = defaultIdleTimeout
	}
	s := &Server{
		opts:      opts,
		now:       opts.Now,
		creds:     map[string]credential{opts.AccessKeyID: {secret: opts.AccessKeySecret}},
		regionSet: map[string]bool{},
		byID:      map[string]*instance{},
		calls:     map[string]int{},
		nonces:    nonceStore{seen: map[string]time.Time{}},
		limiters:  limiters,
	}
	if s.now == nil {
		s.now = time.Now
	}
	s.regions = append(s.regions, opts.Fixtures.Regions...)
	for _, r := range s.regions {
		s.regionSet[r.RegionID] = true
	}
	for i, f := range opts.Fixtures.Instances {
		in, err := newInstance(i, f)
		if err != nil {
			return nil, fmt.Errorf("emulator fixtures: %w", err)
		}
		s.instances = append(s.instances, in)
		s.byID[f.InstanceID] = in
	}
	s.handler = http.HandlerFunc(s.serveHTTP)
	return s, nil
}

// Handler is the server as an http.Handler, for httptest or a caller's own listener.
func (s *Server) Handler() http.Handler { return s.handler }

// Start listens on addr (for example "127.0.0.1:0" for any free port) and serves in the
// background until Close.
func (s *Server) Start(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("emulator: %w", err)
	}
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: min(10*time.Second, s.opts.ReadTimeout),
		ReadTimeout:       s.opts.ReadTimeout,
		IdleTimeout:       s.opts.IdleTimeout,
	}
	s.mu.Lock()
	if s.ln != nil {
		s.mu.Unlock()
		ln.Close()
		return errors.New("emulator: already started")
	}
	s.ln, s.httpSrv = ln, srv
	s.mu.Unlock()
	go srv.Serve(ln) //nolint:errcheck // Serve returns ErrServerClosed after Close.
	return nil
}

// Addr is the listening address as "host:port" (what the SDK's client.Domain takes), or "" before
// Start.
func (s *Server) Addr() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ln == nil {
		return ""
	}
	return s.ln.Addr().String()
}

// URL is the listening address as an http:// URL, or "" before Start.
func (s *Server) URL() string {
	if a := s.Addr(); a != "" {
		return "http://" + a
	}
	return ""
}

// Close stops the listener and ends requests in flight, including ones held by a fault's delay.
func (s *Server) Close() error {
	s.mu.Lock()
	srv := s.httpSrv
	s.httpSrv, s.ln = nil, nil
	s.mu.Unlock()
	if srv == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		return srv.Close()
	}
	return nil
}

// AddCredential accepts one more key pair. With a non-empty securityToken the pair is an STS
// pair: requests signed with it must carry exactly that SecurityToken.
func (s *Server) AddCredential(accessKeyID, secret, securityToken string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.creds[accessKeyID] = credential{secret: secret, token: securityToken}
}

// SetFault replaces the injected fault of an instance (a zero FaultFixture removes it) and
// restarts its Times count. Unknown instances and invalid faults are ignored, since this is a
// test hook and New has already validated the fixtures.
func (s *Server) SetFault(instanceID string, f FaultFixture) {
	s.mu.Lock()
	defer s.mu.Unlock()
	in := s.byID[instanceID]
	if in == nil {
		return
	}
	in.faultUsed = 0
	if f == (FaultFixture{}) || f.validate() != nil {
		in.fault = nil
		return
	}
	in.fault = &f
}

// SetConsole replaces an instance's cached console output and its LastUpdateTime.
func (s *Server) SetConsole(instanceID string, data []byte, lastUpdate time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if in := s.byID[instanceID]; in != nil {
		in.console = append([]byte(nil), data...)
		in.rawBase64 = ""
		in.lastUpdate = lastUpdate
	}
}

// Calls is the number of requests for action that passed authentication, whatever their outcome
// after that. Requests that fail it are not counted: their Action is whatever anyone sent, and
// counting it would let junk requests grow the server's memory.
func (s *Server) Calls(action string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[action]
}

// Reboot makes the same state change as RebootInstance, without a request. It fails for an
// unknown instance, for one that is not Running, and when its new boot log cannot be written.
func (s *Server) Reboot(instanceID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	in := s.byID[instanceID]
	if in == nil {
		return fmt.Errorf("emulator: reboot %s: no such instance", instanceID)
	}
	now := s.now()
	in.settle(now)
	if st := in.statusAt(now); st != "Running" {
		return fmt.Errorf("emulator: reboot %s: instance is %s, not Running", instanceID, st)
	}
	return in.startReboot(now, s.opts.RebootDuration, false)
}
