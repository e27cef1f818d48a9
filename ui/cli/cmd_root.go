package cli

import (
	"path/filepath"

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
  # Open one instance's console directly, by ID, name or IP, in whichever region it is
  bootlog -p prod --instance 10.0.3.17`,
		Args:              rootArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
	}
	o := newOptions(cmd.Flags()).addTarget().addECS().addZone().addNoColor().addReadOnly().addViewer()
	cmd.Flags().StringVar(&instance, "instance", "", "open this instance's console directly: "+instanceArgHelp+", looked up in every region unless --region is given")
	cmd.Flags().DurationVar(&o.followInterval, "follow-interval", 0, "how often follow mode polls the console (default 10s, or follow_interval in the settings file)")
	// The default comes from the settings file; "0s" in the help would only mislead.
	cmd.Flags().Lookup("follow-interval").DefValue = ""
	registerCompletions(cmd, env)
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		if _, err := o.colorMode(); err != nil {
			return usagef(cmd, "%s", err)
		}
		s, err := openSession(cmd, o, env, false)
		if err != nil {
			return err
		}
		defer s.Close()
		if instance != "" {
			// Resolved before the TUI starts, so an ambiguous name or a miss is reported on the
			// terminal the operator typed it in, with the same exit status as get.
			t, err := resolveTarget(cmd.Context(), s, o, instance)
			if err != nil {
				return err
			}
			s.cfg.Region, instance = t.region, t.id
		}
		model := ui.New(s.client, s.cfg, ui.Options{
			InitialInstance: instance,
			ProfileLabel:    s.cfg.Profile,
			Demo:            o.demo,
			HistoryDir:      historyDir(env, o.demo),
			// The list records each listing for shell completion, as `bootlog list` does.
			InstanceCachePath: config.InstanceCachePath(env.get, env.homeDir()),
		})
		return runTUI(model, cmd.InOrStdin(), cmd.OutOrStdout())
	}
	return cmd
}

// historyDir is where the TUI keeps capture history. The demo account's captures go to a "demo"
// directory below the real one: the demo's region and instance names look like a real account's,
// and its made-up boots must not mix with, or push out, captures ECS can no longer give back.
func historyDir(env environ, demo bool) string {
	dir := history.DefaultDir(env.get, env.homeDir())
	if dir == "" || !demo {
		return dir
	}
	return filepath.Join(dir, "demo")
}
