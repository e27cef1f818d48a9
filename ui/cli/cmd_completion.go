package cli

import (
	"github.com/spf13/cobra"
)

// adoptCompletionCommand gives cobra's completion command what every bootlog command has:
// examples, and a usage error naming the problem for a missing or mistyped shell (cobra's own
// prints its help and exits 0).
func adoptCompletionCommand(c *cobra.Command) {
	c.Long = `Prints the completion script for bash, zsh, fish or PowerShell. Completion offers commands, flags,
--profile names and --region IDs from the aliyun CLI's config and bootlog's settings file, and
instance IDs (described by their names) from the last 'bootlog list', cached on disk. It never
calls ECS.`
	c.Example = `  source <(bootlog completion bash)
  bootlog completion zsh > "${fpath[1]}/_bootlog"
  bootlog completion fish > ~/.config/fish/completions/bootlog.fish`
	c.Args = rootArgs
	c.RunE = func(cmd *cobra.Command, _ []string) error {
		return usagef(cmd, "missing SHELL: one of bash, zsh, fish, powershell")
	}
}
