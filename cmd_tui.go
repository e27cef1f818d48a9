package main

import (
	"fmt"
	"io"

	tea "charm.land/bubbletea/v2"

	"github.com/bootlog/bootlog/ui"
	"github.com/bootlog/bootlog/ui/history"
)

func runTUI(args []string, env environ, stdin io.Reader, stdout, stderr io.Writer) int {
	c := newCommonFlags("bootlog", stderr)
	instance := c.fs.String("instance", "", "open this instance's console directly")
	showVersion := c.fs.Bool("version", false, "print the version and exit")
	follow := c.fs.Duration("follow-interval", 0, "how often f (follow) polls the console (default 10s, or follow_interval in the settings file)")
	wrap := c.fs.Bool("wrap", true, "soft-wrap long console lines (w toggles)")
	lineNumbers := c.fs.Bool("line-numbers", false, "show line numbers (# toggles)")
	c.fs.Usage = func() { printUsage(stderr, c) }
	pos, err := c.parse(args)
	if err != nil {
		return parseFailed(err)
	}
	if *showVersion {
		return runVersion(nil, env, stdin, stdout, stderr)
	}
	if len(pos) != 0 {
		return usageError(stderr, "unknown command %q (see bootlog -h)", pos[0])
	}
	if c.set("follow-interval") {
		c.extra.FollowInterval = follow
	}
	if c.set("wrap") {
		c.extra.Wrap = wrap
	}
	if c.set("line-numbers") {
		c.extra.LineNumbers = lineNumbers
	}
	s, code := openSession(c, env, stderr)
	if s == nil {
		return code
	}
	defer s.Close()
	model := ui.New(s.client, s.cfg, ui.Options{
		InitialInstance: *instance,
		ProfileLabel:    s.cfg.Profile,
		Demo:            c.demo,
		HistoryDir:      history.DefaultDir(env.get, env.homeDir()),
	})
	p := tea.NewProgram(model, tea.WithInput(stdin), tea.WithOutput(stdout))
	if _, err := p.Run(); err != nil {
		fmt.Fprintf(stderr, "bootlog: %s\n", err)
		return exitAPI
	}
	return exitOK
}

// printUsage is `bootlog -h`: the TUI's flags and the subcommands.
func printUsage(w io.Writer, c *commonFlags) {
	fmt.Fprintln(w, "usage: bootlog [flags]            open the TUI")
	fmt.Fprintln(w, "       bootlog COMMAND [flags]    run a scripting command")
	fmt.Fprintln(w, "\ncommands:")
	for _, name := range []string{"get", "list", "view", "screenshot", "emulator", "config", "version"} {
		if sc, ok := subcommands[name]; ok {
			fmt.Fprintf(w, "  %-11s %s\n", name, sc.summary)
		}
	}
	fmt.Fprintln(w, "\nflags:")
	c.fs.PrintDefaults()
}
