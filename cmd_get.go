package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/charmbracelet/x/term"

	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/ui/console"
	"github.com/bootlog/bootlog/ui/history"
)

// getJSON is the --json shape of `bootlog get`.
type getJSON struct {
	InstanceID     string `json:"instanceId"`
	LastUpdateTime string `json:"lastUpdateTime"`
	RequestID      string `json:"requestId"`
	Output         string `json:"output"`
}

func runGet(args []string, env environ, _ io.Reader, stdout, stderr io.Writer) int {
	c := newCommonFlags("get", stderr)
	raw := c.fs.Bool("raw", false, "print the decoded bytes exactly as the VM wrote them, escape sequences included")
	asJSON := c.fs.Bool("json", false, `print {"instanceId","lastUpdateTime","requestId","output"}`)
	outFile := c.fs.String("o", "", "write to `FILE` (created 0600; an existing file is never overwritten)")
	waitSince := c.fs.String("wait-update", "", "wait until the output is newer than `SINCE` (\"now\" = the current output, or an RFC 3339 time), then print it")
	timeout := c.fs.Duration("timeout", 10*time.Minute, "give up --wait-update after this long (exit 3)")
	poll := c.fs.Duration("poll", 5*time.Second, "first --wait-update polling interval; it backs off to 6x")
	c.fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: bootlog get INSTANCE_ID [flags]")
		c.fs.PrintDefaults()
	}
	pos, code, ok := c.parseExactly(args, 1)
	if !ok {
		return code
	}
	if *raw && *asJSON {
		return usageError(stderr, "--raw and --json exclude each other")
	}
	id := pos[0]
	s, code := openSession(c, env, stderr)
	if s == nil {
		return code
	}
	defer s.Close()
	if err := s.cfg.RequireRegion(); err != nil {
		return usageError(stderr, "%s", err)
	}

	var out fetch.ConsoleOutput
	var err error
	if *waitSince != "" {
		out, code = waitForUpdate(s, id, *waitSince, *timeout, *poll, stderr)
		if code != exitOK {
			return code
		}
	} else {
		out, err = s.client.ConsoleOutput(context.Background(), "", id)
		if err != nil {
			return s.exitFor(err, stderr)
		}
	}

	if *outFile != "" {
		var buf bytes.Buffer
		if err := writeConsole(&buf, out, *raw, *asJSON, false); err != nil {
			fmt.Fprintf(stderr, "bootlog: %s\n", err)
			return exitAPI
		}
		if err := history.WriteNew(*outFile, buf.Bytes()); err != nil {
			return usageError(stderr, "%s", err)
		}
	} else if err := writeConsole(stdout, out, *raw, *asJSON, !s.cfg.Settings.NoColor && isTerminal(stdout)); err != nil {
		fmt.Fprintf(stderr, "bootlog: write: %s\n", err)
		return exitAPI
	}
	if len(out.Data) == 0 && !*asJSON {
		fmt.Fprintf(stderr, "bootlog: %s has no console output cached yet (never booted since the cache was cleared, or the image does not send its console to the serial port: console=ttyS0)\n", id)
	}
	return exitOK
}

// writeConsole prints one console output in the requested form. The default is the sanitised text
// from the console renderer: nothing in the log reaches the operator's terminal except colour.
func writeConsole(w io.Writer, out fetch.ConsoleOutput, raw, asJSON, color bool) error {
	switch {
	case raw:
		_, err := w.Write(out.Data)
		return err
	case asJSON:
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(getJSON{
			InstanceID:     out.InstanceID,
			LastUpdateTime: out.LastUpdateRaw,
			RequestID:      out.RequestID,
			Output:         string(out.Data),
		})
	default:
		return console.WriteText(w, out.Data, console.Options{Color: color})
	}
}

// waitForUpdate polls until the console output is newer than since, backing off from poll to six
// times poll, and gives up after timeout with exitTimeout.
func waitForUpdate(s *session, id, since string, timeout, poll time.Duration, stderr io.Writer) (fetch.ConsoleOutput, int) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	var threshold time.Time
	if since != "now" {
		t, err := time.Parse(time.RFC3339, since)
		if err != nil {
			return fetch.ConsoleOutput{}, usageError(stderr, "--wait-update: %q is neither \"now\" nor an RFC 3339 time such as 2026-11-26T14:03:22+08:00", since)
		}
		threshold = t
	}
	interval, first := poll, true
	for {
		out, err := s.client.ConsoleOutput(ctx, "", id)
		switch {
		case err == nil && first && since == "now":
			threshold = out.LastUpdate
		case err == nil && out.LastUpdate.After(threshold):
			return out, exitOK
		case err != nil && ctx.Err() == nil && !retryableWhileWaiting(err):
			return out, s.exitFor(err, stderr)
		}
		first = false
		select {
		case <-ctx.Done():
			fmt.Fprintf(stderr, "bootlog: no console output newer than %s after %s\n", threshold.Format(time.RFC3339), timeout)
			return fetch.ConsoleOutput{}, exitTimeout
		case <-time.After(interval):
		}
		interval = min(interval*3/2, 6*poll)
	}
}

// retryableWhileWaiting keeps polling through errors a reboot causes: the instance is briefly in a
// state without output, the API throttles, the network blips.
func retryableWhileWaiting(err error) bool {
	switch kindOf(err) {
	case fetch.KindWrongState, fetch.KindThrottled, fetch.KindNetwork, fetch.KindTimeout, fetch.KindServerFault:
		return true
	}
	return false
}

// isTerminal reports whether w is a terminal, so piped output is plain text.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

// kindOf returns the fetch error kind of err, or KindUnknown.
func kindOf(err error) fetch.ErrorKind {
	var fe *fetch.Error
	if errors.As(err, &fe) {
		return fe.Kind
	}
	return fetch.KindUnknown
}
