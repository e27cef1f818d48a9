package cli

import (
	"fmt"
	"maps"
	"os"
	"os/signal"
	"slices"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/bootlog/bootlog/fetch/emulator"
)

func newEmulatorCommand() *cobra.Command {
	var (
		listen, akID, akSecret, fixtures string
		securityToken                    string
		latency                          time.Duration
		rateLimits                       []string
	)
	cmd := &cobra.Command{
		Use:   "emulator",
		Short: "Run the ECS OpenAPI emulator",
		Long: `Serves the ECS OpenAPI (RPC, 2014-05-26) on loopback for bootlog, the aliyun CLI and the SDKs,
with the demo fleet or a fixture file, until interrupted.

--rate-limit ACTION=N/s caps an action's calls a second in each region, as ECS's flow control
does: a call beyond it is answered Throttling (HTTP 429 for the console and screenshot calls, 400
for the others, as the API reference gives them), so scans and retries can be tested
against throttling. It may be given once per action.

--security-token TOKEN makes the accepted key pair an STS pair: every request must carry exactly
that SecurityToken, as with credentials from AssumeRole, CloudSSO or a credentials URI, so
STS-based credential setups can be tried end to end.`,
		Example: `  bootlog emulator
  bootlog emulator --listen 127.0.0.1:9000 --fixtures fleet.json --latency 100ms --rate-limit GetInstanceConsoleOutput=10/s
  # then, in another shell (the key pair the emulator prints)
  bootlog --endpoint http://127.0.0.1:8080`,
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
	}
	f := cmd.Flags()
	f.StringVar(&listen, "listen", "127.0.0.1:8080", "address to listen on (loopback unless you say otherwise)")
	f.StringVar(&akID, "access-key-id", emulator.DefaultAccessKeyID, "accepted AccessKeyId")
	f.StringVar(&akSecret, "access-key-secret", emulator.DefaultAccessKeySecret, "accepted AccessKeySecret")
	f.StringVar(&fixtures, "fixtures", "", "fixture FILE (JSON; default: the built-in demo data)")
	f.DurationVar(&latency, "latency", 0, "added to every response, e.g. 100ms")
	f.StringVar(&securityToken, "security-token", "", "make the key pair an STS pair: requests must carry exactly this SecurityToken")
	f.StringArrayVar(&rateLimits, "rate-limit", nil, "cap ACTION at N calls a second per region, e.g. GetInstanceConsoleOutput=50/s (repeatable, once per action)")
	_ = cmd.MarkFlagFilename("fixtures", "json")
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		limits, err := parseRateLimits(rateLimits)
		if err != nil {
			return usagef(cmd, "--rate-limit: %s", err)
		}
		world := emulator.DemoFixtures()
		if fixtures != "" {
			fx, err := emulator.LoadFixtures(fixtures)
			if err != nil {
				return usagef(cmd, "%s", err)
			}
			world = fx
		}
		srv, err := emulator.New(emulator.Options{
			AccessKeyID: akID, AccessKeySecret: akSecret,
			Fixtures: world, Latency: latency, Log: cmd.ErrOrStderr(), RateLimits: limits,
		})
		if err != nil {
			return usagef(cmd, "%s", err)
		}
		if securityToken != "" {
			// Replaces the plain pair: the same AccessKeyId now needs the token.
			srv.AddCredential(akID, akSecret, securityToken)
		}
		if err := srv.Start(listen); err != nil {
			return err
		}
		defer srv.Close()
		out := cmd.OutOrStdout()
		fmt.Fprintf(out, "ECS emulator listening on %s\n", srv.URL())
		for _, a := range slices.Sorted(maps.Keys(limits)) {
			fmt.Fprintf(out, "  %s limited to %g calls/s per region\n", a, limits[a])
		}
		if securityToken != "" {
			fmt.Fprintf(out, "  bootlog --endpoint %s   (with ALIBABA_CLOUD_ACCESS_KEY_ID=%s, ALIBABA_CLOUD_ACCESS_KEY_SECRET=<the secret> and ALIBABA_CLOUD_SECURITY_TOKEN=<the token>)\n", srv.URL(), akID)
		} else {
			fmt.Fprintf(out, "  bootlog --endpoint %s   (with ALIBABA_CLOUD_ACCESS_KEY_ID=%s and ALIBABA_CLOUD_ACCESS_KEY_SECRET=<the secret>)\n", srv.URL(), akID)
		}
		// Only this command turns SIGINT into a clean stop; elsewhere ^C ends bootlog at once.
		ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		<-ctx.Done()
		return nil
	}
	return cmd
}

// parseRateLimits reads the --rate-limit values into Options.RateLimits; naming one action twice
// is a mistake (which one was meant?), not a silent override.
func parseRateLimits(values []string) (map[string]float64, error) {
	if len(values) == 0 {
		return nil, nil
	}
	limits := make(map[string]float64, len(values))
	for _, v := range values {
		action, perSecond, err := emulator.ParseRateLimit(v)
		if err != nil {
			return nil, err
		}
		if _, dup := limits[action]; dup {
			return nil, fmt.Errorf("%s is limited twice; give each action once", action)
		}
		limits[action] = perSecond
	}
	return limits, nil
}
