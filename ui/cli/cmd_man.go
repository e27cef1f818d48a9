package cli

import (
	"fmt"

	mcobra "github.com/muesli/mango-cobra"
	"github.com/muesli/roff"
	"github.com/spf13/cobra"
)

// newManCommand prints bootlog(1) in roff, generated from the command tree, so the page lists the
// same commands, flags and descriptions as --help.
func newManCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "man",
		Short: "Print the bootlog(1) man page",
		Long:  "Prints the man page (roff) generated from the commands and flags, for man(1) or a package's man1 directory.",
		Example: `  bootlog man | man -l -
  bootlog man > /usr/local/share/man/man1/bootlog.1`,
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, _ []string) error {
			page, err := mcobra.NewManPage(1, cmd.Root())
			if err != nil {
				return err
			}
			page = page.WithSection("Exit status", "0 ok, 1 API or network error, 2 usage error (bad flag or argument, no region, no credentials), 3 get --wait-update timed out.")
			_, err = fmt.Fprint(cmd.OutOrStdout(), page.Build(roff.NewDocument()))
			return err
		},
	}
}
