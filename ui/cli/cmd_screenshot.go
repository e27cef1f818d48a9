package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/bootlog/bootlog/ui/console"
	"github.com/bootlog/bootlog/ui/history"
)

func newScreenshotCommand(env environ) *cobra.Command {
	var outFile string
	cmd := &cobra.Command{
		Use:   "screenshot INSTANCE_ID -o FILE",
		Short: "Save an instance screenshot to a file",
		Long: `Saves GetInstanceScreenshot (PNG or JPEG) to a new file.

Running instances only; ECS allows one call per 10 s per instance.`,
		Example: `  bootlog screenshot i-bp1abcdefghijklmnop -o screen.png
  bootlog screenshot -p prod --region cn-shanghai i-uf6abcdefghijklmnop -o /tmp/erp.jpg`,
		Args:              oneArg("INSTANCE_ID", "the running instance to take a screenshot of, e.g. i-bp1abcdefghijklmnop"),
		ValidArgsFunction: completeInstanceArg(env),
	}
	o := newOptions(cmd.Flags()).addTarget().addECS()
	cmd.Flags().StringVarP(&outFile, "output", "o", "", "write the image to FILE (required; created 0600, never overwritten)")
	registerCompletions(cmd, env)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if outFile == "" {
			return usagef(cmd, "missing -o FILE: where to save the image")
		}
		s, err := openSession(cmd, o, env, true)
		if err != nil {
			return err
		}
		defer s.Close()
		shot, err := s.client.Screenshot(cmd.Context(), "", args[0])
		if err != nil {
			return s.fail(err)
		}
		if err := history.WriteNew(outFile, shot.Image); err != nil {
			return usagef(cmd, "%s", err)
		}
		format := shot.Format
		if format == "" {
			format = "unrecognised format"
		}
		_, err = fmt.Fprintf(cmd.OutOrStdout(), "saved %s (%s, %d bytes)\n", console.SafeLine(outFile), format, len(shot.Image))
		return err
	}
	return cmd
}
