package cli

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/bootlog/bootlog/fetch/emulator"
)

func newEmulatorCommand() *cobra.Command {
	var (
		listen, akID, akSecret, fixtures string
		latency                          time.Duration
	)
	cmd := &cobra.Command{
		Use:   "emulator",
		Short: "Run the ECS OpenAPI emulator",
		Long: `Serves the ECS OpenAPI (RPC, 2014-05-26) on loopback for bootlog, the aliyun CLI and the SDKs,
with the demo fleet or a fixture file, until interrupted.`,
		Example: `  bootlog emulator
  bootlog emulator --listen 127.0.0.1:9000 --fixtures fleet.json --latency 100ms
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
	_ = cmd.MarkFlagFilename("fixtures", "json")
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
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
			Fixtures: world, Latency: latency, Log: cmd.ErrOrStderr(),
		})
		if err != nil {
			return usagef(cmd, "%s", err)
		}
		if err := srv.Start(listen); err != nil {
			return err
		}
		defer srv.Close()
		out := cmd.OutOrStdout()
		fmt.Fprintf(out, "ECS emulator listening on %s\n", srv.URL())
		fmt.Fprintf(out, "  bootlog --endpoint %s   (with ALIBABA_CLOUD_ACCESS_KEY_ID=%s and ALIBABA_CLOUD_ACCESS_KEY_SECRET=<the secret>)\n", srv.URL(), akID)
		// Only this command turns SIGINT into a clean stop; elsewhere ^C ends bootlog at once.
		ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		<-ctx.Done()
		return nil
	}
	return cmd
}
