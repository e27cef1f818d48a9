// Command bootlog reads the boot/serial console output of Alibaba Cloud ECS instances in a terminal
// UI. main only wires the parts: flags, then config, then the fetch client, then the UI or a
// scripting subcommand.
package main

import (
	"io"
	"os"
)

// Exit statuses shared by every subcommand.
const (
	exitOK      = 0
	exitAPI     = 1 // the API or the network failed
	exitUsage   = 2 // bad flags, missing region or credentials
	exitTimeout = 3 // get --wait-update gave up
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run dispatches to a subcommand; with none, it starts the TUI.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	name, rest := "", args
	if len(args) > 0 {
		if _, ok := subcommands[args[0]]; ok {
			name, rest = args[0], args[1:]
		}
	}
	env := environ{get: os.Getenv}
	if name == "" {
		return runTUI(rest, env, stdin, stdout, stderr)
	}
	return subcommands[name].run(rest, env, stdin, stdout, stderr)
}

// subcommand is one `bootlog NAME` entry point.
type subcommand struct {
	summary string
	run     func(args []string, env environ, stdin io.Reader, stdout, stderr io.Writer) int
}

var subcommands map[string]subcommand

func init() {
	// Assigned in init because the help text of each subcommand lists all of them.
	subcommands = map[string]subcommand{
		"get":        {"print an instance's console output", runGet},
		"list":       {"list the instances of a region", runList},
		"view":       {"open a saved log file (or - for stdin) in the viewer", runView},
		"screenshot": {"save an instance screenshot to a file", runScreenshot},
		"emulator":   {"run the ECS OpenAPI emulator", runEmulator},
		"config":     {"print the resolved configuration and where each value came from", runConfig},
		"version":    {"print the version", runVersion},
	}
}
