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
	if _, code, ok := c.parseExactly(args, 0); !ok {
		return code
	}
	s, code := openSession(c, env, stderr)
	if s == nil {
		return code
	}
	defer s.Close()
	if err := s.cfg.Describe(stdout); err != nil {
		fmt.Fprintf(stderr, "bootlog: %s\n", err)
		return exitAPI
	}
	return exitOK
}
