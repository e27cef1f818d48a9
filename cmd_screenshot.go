package main

import (
	"context"
	"fmt"
	"io"

	"github.com/bootlog/bootlog/ui/history"
)

func runScreenshot(args []string, env environ, _ io.Reader, stdout, stderr io.Writer) int {
	c := newCommonFlags("screenshot", stderr)
	outFile := c.fs.String("o", "", "write the image to `FILE` (required; created 0600, never overwritten)")
	c.fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: bootlog screenshot INSTANCE_ID -o FILE [flags]\n\nSaves GetInstanceScreenshot (Running instances only; one call per 10 s per instance).")
		c.fs.PrintDefaults()
	}
	pos, code, ok := c.parseExactly(args, 1)
	if !ok {
		return code
	}
	if *outFile == "" {
		return usageError(stderr, "screenshot needs -o FILE")
	}
	s, code := openSession(c, env, stderr)
	if s == nil {
		return code
	}
	defer s.Close()
	if err := s.cfg.RequireRegion(); err != nil {
		return usageError(stderr, "%s", err)
	}
	shot, err := s.client.Screenshot(context.Background(), "", pos[0])
	if err != nil {
		return s.exitFor(err, stderr)
	}
	if err := history.WriteNew(*outFile, shot.Image); err != nil {
		return usageError(stderr, "%s", err)
	}
	format := shot.Format
	if format == "" {
		format = "unrecognised format"
	}
	fmt.Fprintf(stdout, "saved %s (%s, %d bytes)\n", *outFile, format, len(shot.Image))
	return exitOK
}
