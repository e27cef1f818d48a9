package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"

	"github.com/bootlog/bootlog/config"
	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/fetch/emulator"
)

// environ is the process environment, injectable so tests never read the real one.
type environ struct {
	get  func(string) string
	home string // "" means os.UserHomeDir
}

func (e environ) homeDir() string {
	if e.home != "" {
		return e.home
	}
	h, _ := os.UserHomeDir()
	return h
}

// commonFlags are the flags every command that talks to ECS accepts.
type commonFlags struct {
	fs         *flag.FlagSet
	profile    string
	region     string
	endpoint   string
	configFile string
	debugFile  string
	vpc        bool
	noColor    bool
	readOnly   bool
	demo       bool
	demoListen string
	zone       string
	// extra carries settings only some commands take as flags (the TUI's --wrap, ...).
	extra config.Flags
}

func newCommonFlags(name string, stderr io.Writer) *commonFlags {
	c := &commonFlags{fs: flag.NewFlagSet(name, flag.ContinueOnError)}
	c.fs.SetOutput(stderr)
	c.fs.StringVar(&c.profile, "profile", "", "aliyun CLI profile in ~/.aliyun/config.json (else ALIBABA_CLOUD_PROFILE, else the file's current)")
	c.fs.StringVar(&c.region, "region", "", "region ID, e.g. cn-hangzhou (else ALIBABA_CLOUD_REGION_ID, else the profile's region_id)")
	c.fs.StringVar(&c.endpoint, "endpoint", "", "ECS endpoint URL, e.g. http://127.0.0.1:8080 for the emulator (else ALIBABA_CLOUD_ECS_ENDPOINT)")
	c.fs.StringVar(&c.configFile, "config", "", "settings file (default $XDG_CONFIG_HOME/bootlog/config.toml)")
	c.fs.StringVar(&c.debugFile, "debug", "", "append a request log to `FILE` (secrets redacted)")
	c.fs.BoolVar(&c.vpc, "vpc", false, "use the VPC endpoint ecs-vpc.<region>.aliyuncs.com")
	c.fs.BoolVar(&c.noColor, "no-color", false, "no colour (also NO_COLOR)")
	c.fs.BoolVar(&c.readOnly, "readonly", false, "remove every write action (reboot)")
	c.fs.BoolVar(&c.demo, "demo", false, "run against a built-in emulator with sample instances; no account needed")
	c.fs.StringVar(&c.demoListen, "demo-listen", "127.0.0.1:0", "with --demo: the emulator's address, so the aliyun CLI or a script can reach the same demo account")
	c.fs.StringVar(&c.zone, "timestamp-zone", "", "zone of LastUpdateTime values without one (default UTC+8, as the API reference states)")
	return c
}

// parse parses flags and positional arguments in any order (`get i-abc --json` and
// `get --json i-abc` both work), which the flag package alone does not allow.
func (c *commonFlags) parse(args []string) ([]string, error) {
	var positional []string
	for {
		if err := c.fs.Parse(args); err != nil {
			return nil, err
		}
		args = c.fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// parseExactly parses args and requires exactly n positional arguments. When it returns ok false
// it has printed why, and code is the exit status.
func (c *commonFlags) parseExactly(args []string, n int) (pos []string, code int, ok bool) {
	pos, err := c.parse(args)
	if err != nil {
		return nil, parseFailed(err), false
	}
	if len(pos) != n {
		c.fs.Usage()
		return nil, exitUsage, false
	}
	return pos, exitOK, true
}

// set reports whether the named flag was given on the command line.
func (c *commonFlags) set(name string) bool {
	found := false
	c.fs.Visit(func(f *flag.Flag) {
		if f.Name == name {
			found = true
		}
	})
	return found
}

// configFlags turns the parsed flags into config.Flags, leaving unset ones nil so the settings file
// and environment can supply them.
func (c *commonFlags) configFlags() config.Flags {
	f := c.extra
	f.Profile, f.Region, f.Endpoint = c.profile, c.region, c.endpoint
	f.SettingsFile, f.TimestampZone = c.configFile, c.zone
	if c.set("vpc") {
		f.VPC = &c.vpc
	}
	if c.set("no-color") {
		f.NoColor = &c.noColor
	}
	if c.set("readonly") {
		f.ReadOnly = &c.readOnly
	}
	return f
}

// session is a resolved configuration with a client ready to talk to ECS (or to the in-process
// demo emulator).
type session struct {
	cfg    config.Config
	client *fetch.Client
	closer []func()
}

func (s *session) Close() {
	for i := len(s.closer) - 1; i >= 0; i-- {
		s.closer[i]()
	}
}

// demoRegion is where the demo data keeps its large fleet.
const demoRegion = "cn-hangzhou"

// openSession resolves the configuration and builds the client. On failure it prints why and
// returns a nil session with the exit status.
func openSession(c *commonFlags, env environ, stderr io.Writer) (*session, int) {
	s, code, err := newSession(c, env)
	if err != nil {
		fmt.Fprintf(stderr, "bootlog: %s\n", config.Redact(err.Error()))
		return nil, code
	}
	return s, exitOK
}

func newSession(c *commonFlags, env environ) (*session, int, error) {
	cfg, err := config.Load(c.configFlags(), env.get, env.homeDir())
	if err != nil {
		return nil, exitUsage, err
	}
	s := &session{cfg: cfg}
	if c.demo {
		srv, err := emulator.New(emulator.Options{Fixtures: emulator.DemoFixtures()})
		if err != nil {
			return nil, exitAPI, fmt.Errorf("start demo emulator: %w", err)
		}
		if err := srv.Start(c.demoListen); err != nil {
			return nil, exitAPI, fmt.Errorf("start demo emulator: %w", err)
		}
		s.closer = append(s.closer, func() { srv.Close() })
		s.cfg.Endpoint, s.cfg.EndpointSource = srv.URL(), "demo emulator"
		s.cfg.Credentials = credentials.NewStaticAKCredentialsProvider(emulator.DefaultAccessKeyID, emulator.DefaultAccessKeySecret)
		s.cfg.CredentialSource = "demo emulator key pair"
		s.cfg.Profile, s.cfg.ProfileSource = "demo", "demo"
		if !c.set("region") {
			s.cfg.Region, s.cfg.RegionSource = demoRegion, "demo"
		}
	}
	opts := fetch.Options{
		Region:           s.cfg.Region,
		Endpoint:         s.cfg.Endpoint,
		VPC:              s.cfg.VPC,
		Credentials:      s.cfg.Credentials,
		CredentialSource: s.cfg.CredentialSource,
		ZonelessLocation: s.cfg.Settings.TimestampZone,
	}
	if c.debugFile != "" {
		f, err := openDebugLog(c.debugFile)
		if err != nil {
			s.Close()
			return nil, exitUsage, err
		}
		s.closer = append(s.closer, func() { f.Close() })
		opts.Debug = redactingWriter{f}
	}
	client, err := fetch.New(opts)
	if err != nil {
		s.Close()
		return nil, exitUsage, err
	}
	s.client = client
	return s, exitOK, nil
}

// openDebugLog appends to the debug log, owner-only because it names instances and request IDs.
func openDebugLog(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open debug log: %w", err)
	}
	return f, nil
}

// redactingWriter passes every write through config.Redact: a second line of defence in case an
// SDK message carries a secret that fetch did not know about.
type redactingWriter struct{ w io.Writer }

func (r redactingWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(r.w, config.Redact(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// exitFor maps an error from fetch to the exit status and writes the operator's message. With no
// credentials at all it prints the first-run help (what was tried and how to fix it), as the TUI
// does full-pane.
func (s *session) exitFor(err error, stderr io.Writer) int {
	var fe *fetch.Error
	if !errors.As(err, &fe) {
		fmt.Fprintf(stderr, "bootlog: %s\n", config.Redact(err.Error()))
		return exitAPI
	}
	if fe.Kind == fetch.KindCredentialsMissing {
		_, tried := s.cfg.HasCredentials()
		fmt.Fprint(stderr, config.NoCredentialsHelp(tried))
		return exitUsage
	}
	fmt.Fprintf(stderr, "bootlog: %s\n", config.Redact(fe.Error()))
	if fe.Hint != "" {
		fmt.Fprintf(stderr, "hint: %s\n", fe.Hint)
	}
	return exitAPI
}

// parseFailed is the exit status after a flag parse error, which the flag package has already
// printed with the usage; -h exits 0.
func parseFailed(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	return exitUsage
}

// usageError prints a usage problem and returns exitUsage.
func usageError(stderr io.Writer, format string, args ...any) int {
	fmt.Fprintf(stderr, "bootlog: "+format+"\n", args...)
	return exitUsage
}
