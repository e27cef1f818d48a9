package cli

import (
	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"

	"github.com/bootlog/bootlog/config"
	"github.com/bootlog/bootlog/ui"
	"github.com/bootlog/bootlog/ui/history"
)

// newTUICommand is the root command: with no subcommand bootlog opens the TUI.
func newTUICommand(env environ) *cobra.Command {
	var instance string
	cmd := &cobra.Command{
		Use:   "bootlog",
		Short: "Read the boot and serial console output of Alibaba Cloud ECS instances",
		Long: `bootlog reads the boot/serial console output of Alibaba Cloud ECS instances (GetInstanceConsoleOutput).

With no command it opens the TUI: the region's instances, then the console viewer with search,
boot-failure findings, follow and reboot-and-watch. The commands are for scripts.`,
		Example: `  # Browse the instances of the profile's region
  bootlog
  # Try it without an account, against the built-in emulator
  bootlog --demo
  # Open one instance's console directly
  bootlog -p prod --region cn-shanghai --instance i-uf6abcdefghijklmnop`,
		Args:              rootArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
	}
	o := newOptions(cmd.Flags()).addTarget().addECS().addZone().addNoColor().addReadOnly().addViewer()
	cmd.Flags().StringVar(&instance, "instance", "", "open this instance's console directly")
	cmd.Flags().DurationVar(&o.followInterval, "follow-interval", 0, "how often follow mode polls the console (default 10s, or follow_interval in the settings file)")
	// The default comes from the settings file; "0s" in the help would only mislead.
	cmd.Flags().Lookup("follow-interval").DefValue = ""
	registerCompletions(cmd, env)
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		s, err := openSession(cmd, o, env, false)
		if err != nil {
			return err
		}
		defer s.Close()
		model := ui.New(s.client, s.cfg, ui.Options{
			InitialInstance: instance,
			ProfileLabel:    s.cfg.Profile,
			Demo:            o.demo,
			HistoryDir:      history.DefaultDir(env.get, env.homeDir()),
			// The list records each listing for shell completion, as `bootlog list` does.
			InstanceCachePath: config.InstanceCachePath(env.get, env.homeDir()),
		})
		p := tea.NewProgram(model, tea.WithInput(cmd.InOrStdin()), tea.WithOutput(cmd.OutOrStdout()))
		_, err = p.Run()
		return err
	}
	return cmd
}
