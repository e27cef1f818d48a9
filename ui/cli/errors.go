package cli

import (
	"errors"
	"fmt"
	"slices"
	"strings"

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

// rootArgs is the validator of a command whose arguments can only be subcommands (the root,
// completion): anything positional is a mistyped command.
func rootArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	return &usageError{cmd: cmd, msg: unknownCommand(cmd, "unknown command", args[0])}
}

// unknownCommand says that typed is not a command of parent, with the closest commands cobra
// suggests ("did you mean"), nearest first.
func unknownCommand(parent *cobra.Command, what, typed string) string {
	msg := fmt.Sprintf("%s %q", what, typed)
	s := parent.SuggestionsFor(typed)
	if len(s) == 0 {
		return msg
	}
	slices.SortStableFunc(s, func(a, b string) int { return editDistance(typed, a) - editDistance(typed, b) })
	return msg + fmt.Sprintf("; did you mean %q?", s[0])
}

// editDistance is the Levenshtein distance between a and b, case-insensitive, to rank cobra's
// suggestions (it returns them unordered: `lst` would otherwise suggest get before list).
func editDistance(a, b string) int {
	ra, rb := []rune(strings.ToLower(a)), []rune(strings.ToLower(b))
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}

// asUsageError makes any error of an argument validator a usageError, so cobra's own validators
// (those of the completion commands) report like ours.
func asUsageError(validate cobra.PositionalArgs) cobra.PositionalArgs {
	if validate == nil {
		return nil
	}
	return func(cmd *cobra.Command, args []string) error {
		err := validate(cmd, args)
		var ue *usageError
		if err == nil || errors.As(err, &ue) {
			return err
		}
		return &usageError{cmd: cmd, msg: err.Error()}
	}
}
