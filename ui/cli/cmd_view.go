package cli

import (
	"fmt"
	"io"
	"os"

	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"

	"github.com/bootlog/bootlog/config"
	"github.com/bootlog/bootlog/ui"
)

// maxViewBytes bounds what `bootlog view` reads, so a mistaken `view /dev/zero` fails cleanly
// instead of eating memory; saved consoles are kilobytes, odd ones a few megabytes.
const maxViewBytes = 512 << 20

func newViewCommand(env environ) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "view FILE|-",
		Short: "Open a saved log file (or - for stdin) in the viewer",
		Long: `Opens a saved or piped console log in the viewer (search, findings, wrap) without talking to ECS.

With - the log is read from stdin and keys from the terminal.`,
		Example: `  bootlog view web-1_i-bp1abcdefghijklmnop_20261130T101500Z.log
  bootlog get --raw i-bp1abcdefghijklmnop | bootlog view -
  journalctl -b -1 | bootlog view --line-numbers -`,
		Args: oneArg("FILE", "the log to open, or - to read it from stdin"),
		// Files complete as the shell does by default.
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return nil, cobra.ShellCompDirectiveDefault
		},
	}
	o := newOptions(cmd.Flags()).addConfigFile().addNoColor().addViewer()
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if _, err := o.colorMode(); err != nil {
			return usagef(cmd, "%s", err)
		}
		name, data, err := readViewInput(args[0], cmd.InOrStdin())
		if err != nil {
			return usagef(cmd, "%s", err)
		}
		cfg, err := config.Load(o.configFlags(), env.get, env.homeDir())
		if err != nil {
			return usagef(cmd, "%s", config.Redact(err.Error()))
		}
		model := ui.New(nil, cfg, ui.Options{File: &ui.FileSource{Name: name, Data: data}})
		opts := []tea.ProgramOption{tea.WithOutput(cmd.OutOrStdout())}
		if args[0] == "-" {
			// The log came on stdin, so keys must come from the terminal itself.
			tty, err := os.Open("/dev/tty")
			if err != nil {
				return usagef(cmd, "view -: no terminal to read keys from: %s", err)
			}
			defer tty.Close()
			opts = append(opts, tea.WithInput(tty))
		} else {
			opts = append(opts, tea.WithInput(cmd.InOrStdin()))
		}
		_, err = tea.NewProgram(model, opts...).Run()
		return err
	}
	return cmd
}

// readViewInput reads FILE or stdin ("-"), refusing directories and anything over maxViewBytes.
func readViewInput(arg string, stdin io.Reader) (string, []byte, error) {
	name, r := "stdin", stdin
	if arg != "-" {
		f, err := os.Open(arg)
		if err != nil {
			return "", nil, err
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.IsDir() {
			return "", nil, fmt.Errorf("%s is a directory", arg)
		}
		name, r = arg, f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxViewBytes+1))
	if err != nil {
		return "", nil, fmt.Errorf("read %s: %w", name, err)
	}
	if len(data) > maxViewBytes {
		return "", nil, fmt.Errorf("%s is larger than %d MiB", name, maxViewBytes>>20)
	}
	return name, data, nil
}
