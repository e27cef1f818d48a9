package cli

import (
	"fmt"
	"strings"

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
			// mango starts a paragraph at every line break; the help text's are only line wraps.
			page = page.WithLongDescription(unwrap(cmd.Root().Long))
			page = page.WithSection("Exit status", "0 ok, 1 API or network error, 2 usage error (bad flag or argument, no region, no credentials), 3 get --wait-update timed out, 4 scan found an instance critical or warning, 130 scan interrupted (Ctrl-C).")
			_, err = fmt.Fprint(cmd.OutOrStdout(), page.Build(roff.NewDocument()))
			return err
		},
	}
}

// unwrap joins the lines of each paragraph of s (paragraphs are separated by a blank line).
func unwrap(s string) string {
	paras := strings.Split(s, "\n\n")
	for i, p := range paras {
		paras[i] = strings.Join(strings.Fields(p), " ")
	}
	return strings.Join(paras, "\n")
}
