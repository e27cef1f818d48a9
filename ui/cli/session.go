package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/spf13/cobra"

	"github.com/bootlog/bootlog/config"
	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/fetch/emulator"
	"github.com/bootlog/bootlog/ui/console"
)

// session is a resolved configuration with a client ready to talk to ECS (or to the in-process
// demo emulator). Close releases the emulator and the debug log.
type session struct {
	cfg    config.Config
	client *fetch.Client
	stderr io.Writer
	closer []func()
}

// Close releases what the session opened, in reverse order.
func (s *session) Close() {
	for i := len(s.closer) - 1; i >= 0; i-- {
		s.closer[i]()
	}
}

// demoRegion is where the demo data keeps its large fleet.
const demoRegion = "cn-hangzhou"

// needRegion says whether a command cannot run without a region (get, screenshot, list of one
// region); the TUI can, because it opens the region picker.
type needRegion bool

// openSession is the one way a command reaches ECS: it resolves the configuration from the flags
// and environment, starts the demo emulator for --demo, opens the --debug log and builds the
// client. A failure comes back as the error the command returns (a usage error for bad settings
// or a missing region).
func openSession(cmd *cobra.Command, o *options, env environ, region needRegion) (*session, error) {
	cfg, err := config.Load(o.configFlags(), env.get, env.homeDir())
	if err != nil {
		return nil, usagef(cmd, "%s", config.Redact(err.Error()))
	}
	s := &session{cfg: cfg, stderr: cmd.ErrOrStderr()}
	if o.demo {
		if err := s.startDemo(o); err != nil {
			s.Close()
			return nil, err
		}
	}
	if region && s.cfg.RequireRegion() != nil {
		s.Close()
		return nil, usagef(cmd, "%s", s.cfg.RequireRegion())
	}
	opts := fetch.Options{
		Region:           s.cfg.Region,
		Endpoint:         s.cfg.Endpoint,
		VPC:              s.cfg.VPC,
		Credentials:      s.cfg.Credentials,
		CredentialSource: s.cfg.CredentialSource,
		ZonelessLocation: s.cfg.Settings.TimestampZone,
	}
	if o.debugFile != "" {
		f, err := openDebugLog(o.debugFile)
		if err != nil {
			s.Close()
			return nil, usagef(cmd, "%s", err)
		}
		s.closer = append(s.closer, func() { f.Close() })
		opts.Debug = sanitisingWriter{f}
	}
	client, err := fetch.New(opts)
	if err != nil {
		s.Close()
		return nil, usagef(cmd, "%s", config.Redact(err.Error()))
	}
	s.client = client
	return s, nil
}

// startDemo starts the in-process emulator with the demo fleet and points the session at it.
func (s *session) startDemo(o *options) error {
	srv, err := emulator.New(emulator.Options{Fixtures: emulator.DemoFixtures()})
	listen := o.demoListen
	if listen == "" {
		listen = "127.0.0.1:0" // commands without --demo-listen: loopback, any free port
	}
	if err == nil {
		err = srv.Start(listen)
	}
	if err != nil {
		return fmt.Errorf("start demo emulator: %w", err)
	}
	s.closer = append(s.closer, func() { srv.Close() })
	s.cfg.Endpoint, s.cfg.EndpointSource = srv.URL(), "demo emulator"
	s.cfg.Credentials = credentials.NewStaticAKCredentialsProvider(emulator.DefaultAccessKeyID, emulator.DefaultAccessKeySecret)
	s.cfg.CredentialSource = "demo emulator key pair"
	s.cfg.Profile, s.cfg.ProfileSource = "demo", "demo"
	if !o.set("region") {
		s.cfg.Region, s.cfg.RegionSource = demoRegion, "demo"
	}
	return nil
}

// fail reports an error from fetch on stderr and returns the error that ends the command with
// the matching status. With no credentials at all it prints the first-run help (what was tried
// and how to fix it), as the TUI does full-pane. Every part of the message can come from the
// server (code, message, a non-JSON body), so all of it is sanitised.
func (s *session) fail(err error) error {
	var fe *fetch.Error
	if !errors.As(err, &fe) {
		fmt.Fprintf(s.stderr, "bootlog: %s\n", console.SafeLine(config.Redact(err.Error())))
		return exitWith(exitAPI)
	}
	if fe.Kind == fetch.KindCredentialsMissing {
		if found, tried := s.cfg.HasCredentials(); !found {
			fmt.Fprint(s.stderr, console.SafeText(config.NoCredentialsHelp(tried)))
			return exitWith(exitUsage)
		}
		// A source was configured but fetching from it failed (a credential process that
		// exited non-zero, a sign-in portal that refused the token): its reason is what the
		// operator must fix, and the first-run help would wrongly say nothing was found. The
		// reason can span lines (a process's stderr), so line breaks are kept.
		fmt.Fprintf(s.stderr, "bootlog: %s\n", strings.TrimRight(console.SafeText(config.Redact(fe.Error())), "\n"))
		if fe.Hint != "" {
			fmt.Fprintf(s.stderr, "hint: %s\n", console.SafeText(config.Redact(fe.Hint)))
		}
		return exitWith(exitUsage)
	}
	fmt.Fprintf(s.stderr, "bootlog: %s\n", console.SafeLine(config.Redact(fe.Error())))
	if fe.Hint != "" {
		fmt.Fprintf(s.stderr, "hint: %s\n", console.SafeText(config.Redact(fe.Hint)))
	}
	return exitWith(exitAPI)
}

// kindOf returns the fetch error kind of err, or KindUnknown.
func kindOf(err error) fetch.ErrorKind {
	var fe *fetch.Error
	if errors.As(err, &fe) {
		return fe.Kind
	}
	return fetch.KindUnknown
}
