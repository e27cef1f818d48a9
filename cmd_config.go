package main

import (
	"fmt"
	"io"
)

func runConfig(args []string, env environ, _ io.Reader, stdout, stderr io.Writer) int {
	c := newCommonFlags("config", stderr)
	c.fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: bootlog config [flags]\n\nPrints every resolved setting and where it came from; secrets only as set/unset.")
		c.fs.PrintDefaults()
	}
	pos, err := c.parse(args)
	if err != nil {
		return parseFailed(err)
	}
	if len(pos) != 0 {
		return usageError(stderr, "config takes no arguments")
	}
	s, code, err := openSession(c, env, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "bootlog: %s\n", err)
		return code
	}
	defer s.Close()
	if err := s.cfg.Describe(stdout); err != nil {
		fmt.Fprintf(stderr, "bootlog: %s\n", err)
		return exitAPI
	}
	return exitOK
}
