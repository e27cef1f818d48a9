// Package cli is bootlog's command line: the TUI's entry point (no command) and the scripting
// commands (get, list, view, screenshot, emulator, config), built on cobra and styled by fang.
// It wires flags, config.Load, the fetch client and the TUI; it holds no ECS or UI logic of its own.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/charmbracelet/fang"
	"github.com/spf13/cobra"

	"github.com/bootlog/bootlog/config"
	"github.com/bootlog/bootlog/ui/console"
)

// Exit statuses shared by every command; the README documents them.
const (
	exitOK      = 0
	exitAPI     = 1 // the API or the network failed
	exitUsage   = 2 // bad flags or arguments, missing region or credentials
	exitTimeout = 3 // get --wait-update gave up
	// exitProblems: scan found an instance critical or warning (fleet.ExitProblems).
	exitProblems = 4
	// exitInterrupted: Ctrl-C ended a scan (128 + SIGINT, as shells report it).
	exitInterrupted = 130
)

// Main runs bootlog with the process's arguments and streams and returns the exit status.
func Main() int {
	return Run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
}

// Run runs bootlog with args (without the program name) and returns the exit status. With no
// command it starts the TUI. Tests call it in-process; it reads the environment through os.Getenv.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	env := environ{get: os.Getenv}
	root := newRoot(env, stdin, stdout, stderr)
	root.SetArgs(args)
	err := fang.Execute(ctx, root,
		fang.WithVersion(version()),
		// bootlog's own man command writes to the command's stdout (fang's writes to os.Stdout) and
		// is listed in the help.
		fang.WithoutManpage(),
		// The handler writes to stderr itself rather than to the colour-downsampling writer fang
		// passes, which strips escapes when stderr is not a terminal and so would hide from the
		// tests an escape that reportError failed to sanitise.
		fang.WithErrorHandler(func(io.Writer, fang.Styles, error) {}),
	)
	if err != nil {
		reportError(stderr, err)
	}
	return exitStatus(err)
}

// environ is the process environment as config reads it: variables through get (os.Getenv, which
// tests steer with t.Setenv) and the home directory from $HOME.
type environ struct {
	get func(string) string
}

// homeDir is the user's home directory, or "" when it cannot be determined (config then finds no
// aliyun CLI profile, as on a machine without one).
func (e environ) homeDir() string {
	h, _ := os.UserHomeDir()
	return h
}

// newRoot builds the command tree on the given streams (nil: the process's). The root command is
// the TUI itself, so `bootlog --demo` works.
func newRoot(env environ, stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	root := newTUICommand(env)
	// Before the completion command is added: it captures the root's stdout when created.
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.AddCommand(
		newGetCommand(env),
		newListCommand(env),
		newScanCommand(env),
		newViewCommand(env),
		newScreenshotCommand(env),
		newBundleCommand(env), // trescue: the incident bundle (bundle.go)
		newEmulatorCommand(),
		newConfigCommand(env),
		newVersionCommand(),
		newManCommand(),
	)
	root.SetHelpCommand(newHelpCommand())
	root.SetVersionTemplate("bootlog {{.Version}}\n")
	// Every flag parse error (unknown flag, missing value, bad duration) becomes a short usage
	// error naming the command; subcommands inherit this from the root.
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &usageError{cmd: c, msg: err.Error()}
	})
	root.SilenceErrors, root.SilenceUsage = true, true
	// cobra would add its completion command when executing; adding it now lets it get examples
	// and the same argument errors as every other command.
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			adoptCompletionCommand(c)
		}
	}
	forEach(root, func(c *cobra.Command) {
		// "Did you mean" for typos up to two edits away (cobra's own default, which it applies
		// only to the errors of its legacy argument check, not to SuggestionsFor).
		c.SuggestionsMinimumDistance = 2
		c.Args = asUsageError(c.Args)
	})
	return root
}

// forEach calls fn on c and every command below it.
func forEach(c *cobra.Command, fn func(*cobra.Command)) {
	fn(c)
	for _, sub := range c.Commands() {
		forEach(sub, fn)
	}
}

// exitStatus maps the error a command returned to the process's exit status.
func exitStatus(err error) int {
	var ue *usageError
	var ee *exitError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue):
		return exitUsage
	case errors.As(err, &ee):
		return ee.code
	}
	return exitAPI
}

// reportError prints the error a command ended with: a usage error is one or two plain lines (the problem and
// where to read more), an error already reported prints nothing more, anything else one line.
// Everything is sanitised: error text can quote server messages and file names.
func reportError(w io.Writer, err error) {
	var ue *usageError
	var ee *exitError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(w, "%s: %s\n", ue.cmd.CommandPath(), console.SafeLine(ue.msg))
		fmt.Fprintf(w, "see '%s --help'\n", ue.cmd.CommandPath())
	case errors.As(err, &ee):
	default:
		fmt.Fprintf(w, "bootlog: %s\n", console.SafeLine(config.Redact(err.Error())))
	}
}
