package cli

import (
	"strings"

	"github.com/spf13/cobra"
)

// newHelpCommand replaces cobra's help command, which answers an unknown topic with the whole
// usage and exit 0; this one gives the short usage error with a suggestion, like a mistyped command.
func newHelpCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "help [command]",
		Short: "Help about any command",
		Long:  "Prints the help of bootlog or of one of its commands, the same as --help.",
		Example: `  bootlog help get
  bootlog help completion bash`,
		ValidArgsFunction: func(c *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			cmd, rest, err := c.Root().Find(args)
			if err != nil || len(rest) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var out []cobra.Completion
			for _, sub := range cmd.Commands() {
				if sub.IsAvailableCommand() && strings.HasPrefix(sub.Name(), toComplete) {
					out = append(out, cobra.CompletionWithDesc(sub.Name(), sub.Short))
				}
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(c *cobra.Command, args []string) error {
			cmd, rest, err := c.Root().Find(args)
			if err != nil || len(rest) > 0 {
				parent, unknown := c.Root(), args[len(args)-1]
				if err == nil {
					parent, unknown = cmd, rest[0]
				}
				return usagef(c, "%s", unknownCommand(parent, "no help topic", unknown))
			}
			// As cobra's own help command does: the flags --help would show are added on execution.
			cmd.InitDefaultHelpFlag()
			cmd.InitDefaultVersionFlag()
			return cmd.Help()
		},
	}
}
