package cli

import (
	"bytes"
	"io"

	"github.com/spf13/cobra"

	"github.com/bootlog/bootlog/ui/console"
)

func newConfigCommand(env environ) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Print the resolved configuration and where each value came from",
		Long: `Prints every resolved setting and where it came from (flag, environment, file, default),
and each credential source in the order the SDK tries them. Secrets only as set/unset; nothing is
sent to ECS. The output fits 80 columns: long values and the credential chain wrap.`,
		Example: `  bootlog config
  bootlog config -p prod --region cn-shanghai
  ALIBABA_CLOUD_REGION_ID=ap-southeast-1 bootlog config`,
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
	}
	o := newOptions(cmd.Flags()).addTarget().addDemo().addZone().addNoColor().addReadOnly()
	registerCompletions(cmd, env)
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		s, err := openSession(cmd, o, env, false)
		if err != nil {
			return err
		}
		defer s.Close()
		// Profile names, paths and environment values come from files and variables the operator
		// may not have written: the whole description is sanitised before it reaches the terminal.
		var buf bytes.Buffer
		if err := s.cfg.Describe(&buf); err != nil {
			return err
		}
		_, err = io.WriteString(cmd.OutOrStdout(), fitConfig(console.SafeText(buf.String()), configWidth))
		return err
	}
	return cmd
}
