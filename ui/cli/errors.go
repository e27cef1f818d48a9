package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

// usageError is a mistake in how a command was called. It is reported as the problem on one line
// and a pointer to the command's help on the next, and exits with exitUsage; the full usage is
// never dumped, because it would bury the one line that matters.
type usageError struct {
	cmd *cobra.Command
	msg string
}

func (e *usageError) Error() string { return e.msg }

// usagef builds a usageError for cmd.
func usagef(cmd *cobra.Command, format string, a ...any) error {
	return &usageError{cmd: cmd, msg: fmt.Sprintf(format, a...)}
}

// exitError ends a command with a status after the command has already written its message
// (first-run help, an API error with its hint), so the error handler prints nothing more.
type exitError struct{ code int }

func (e *exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// exitWith returns nil for exitOK and an exitError otherwise.
func exitWith(code int) error {
	if code == exitOK {
		return nil
	}
	return &exitError{code: code}
}

// oneArg requires exactly one positional argument, name, and says what it is when it is missing
// ("missing INSTANCE_ID: the instance ..."), which cobra's ExactArgs does not.
func oneArg(name, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		switch {
		case len(args) == 0:
			return usagef(cmd, "missing %s: %s", name, what)
		case len(args) > 1:
			return usagef(cmd, "unexpected argument %q (%s takes one %s)", args[1], cmd.Name(), name)
		}
		return nil
	}
}

// noArgs refuses positional arguments, naming the first one.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef(cmd, "unexpected argument %q (%s takes no arguments)", args[0], cmd.Name())
	}
	return nil
}

// rootArgs is the root's validator: anything positional is a mistyped command, for which cobra
// knows the close matches ("did you mean").
func rootArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	msg := fmt.Sprintf("unknown command %q", args[0])
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		msg += fmt.Sprintf("; did you mean %q?", s[0])
	}
	return &usageError{cmd: cmd, msg: msg}
}
