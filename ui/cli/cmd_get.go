package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/ui/console"
	"github.com/bootlog/bootlog/ui/history"
)

// getJSON is the --json shape of `bootlog get`. lastUpdateTime is RFC 3339 in UTC, so that it
// can be fed back to --wait-update, or null when ECS gave no time it could read;
// lastUpdateTimeRaw is LastUpdateTime exactly as the API sent it (zoneless, UTC+8).
type getJSON struct {
	InstanceID        string  `json:"instanceId"`
	Region            string  `json:"region"`
	LastUpdateTime    *string `json:"lastUpdateTime"`
	LastUpdateTimeRaw string  `json:"lastUpdateTimeRaw"`
	RequestID         string  `json:"requestId"`
	Output            string  `json:"output"`
}

// getFlags are the flags only `get` takes.
type getFlags struct {
	raw, asJSON, force bool
	outFile, waitSince string
	timeout, poll      time.Duration
}

func newGetCommand(env environ) *cobra.Command {
	var g getFlags
	cmd := &cobra.Command{
		Use:   "get INSTANCE",
		Short: "Print an instance's console output",
		Long: `Prints the console output ECS cached at the instance's last start, reboot or shutdown.

INSTANCE is an instance ID, a name (exact, or with * as a wildcard) or a private, public or elastic
IPv4 address. An ID with a region configured is read there directly. Anything else is looked up in
the --region given, or in every region at once: one match is used (with its region); several end
with exit 2 and the candidates (ID, name, region, status, IPs) on stderr; none with exit 1, saying
which regions were searched and which could not be. An ID that is not in the configured region is
looked up in every region too, unless --region was given.

By default the text is sanitised as the viewer shows it: only colour reaches a terminal, and
piped output is plain text. --raw prints the decoded bytes exactly as the VM wrote them.`,
		Example: `  bootlog get web-prod-04
  # Reboot elsewhere, then wait for the new boot log and save it
  bootlog get --wait-update now -o boot.log i-bp1abcdefghijklmnop
  bootlog get --json -p prod --region cn-shanghai i-uf6abcdefghijklmnop | jq -r .lastUpdateTime`,
		Args:              oneArg("INSTANCE", "the instance whose console output to print: "+instanceArgHelp),
		ValidArgsFunction: completeInstanceArg(env),
	}
	o := newOptions(cmd.Flags()).addTarget().addECS().addZone().addNoColor()
	f := cmd.Flags()
	f.BoolVar(&g.raw, "raw", false, "print the decoded bytes exactly as the VM wrote them, escape sequences included")
	f.BoolVar(&g.force, "force", false, "with --raw: write to a terminal anyway (its escape sequences will run there)")
	f.BoolVar(&g.asJSON, "json", false, `print {"instanceId","region","lastUpdateTime","lastUpdateTimeRaw","requestId","output"}`)
	f.StringVarP(&g.outFile, "output", "o", "", "write to FILE (created 0600; an existing file is never overwritten)")
	f.StringVar(&g.waitSince, "wait-update", "", `wait until the output is newer than SINCE ("now" = the current output, or an RFC 3339 time), then print it`)
	f.DurationVar(&g.timeout, "timeout", 10*time.Minute, "give up --wait-update after this long (exit 3)")
	f.DurationVar(&g.poll, "poll", 5*time.Second, "first --wait-update polling interval; it backs off to 6x")
	registerCompletions(cmd, env)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		return runGet(cmd, o, &g, env, args[0])
	}
	return cmd
}

func runGet(cmd *cobra.Command, o *options, g *getFlags, env environ, arg string) error {
	stdout, stderr := cmd.OutOrStdout(), cmd.ErrOrStderr()
	switch {
	case g.raw && g.asJSON:
		return usagef(cmd, "--raw and --json exclude each other")
	case g.raw && g.outFile == "" && !g.force && isTerminal(stdout):
		// Raw bytes on a terminal run the log's escapes (clear the screen, set the
		// title, write the clipboard, swallow the shell's next output).
		return usagef(cmd, "--raw would run the log's escape sequences in this terminal: pipe it, use -o FILE, or add --force")
	case g.poll <= 0:
		return usagef(cmd, "--poll must be positive, not %s", g.poll)
	}
	colorMode, err := o.colorMode()
	if err != nil {
		return usagef(cmd, "%s", err)
	}
	var since time.Time
	if g.waitSince != "" && g.waitSince != "now" {
		t, err := time.Parse(time.RFC3339, g.waitSince)
		if err != nil {
			return usagef(cmd, "--wait-update: %q is neither \"now\" nor an RFC 3339 time such as 2026-11-26T14:03:22+08:00", g.waitSince)
		}
		since = t
	}
	s, err := openSession(cmd, o, env, false)
	if err != nil {
		return err
	}
	defer s.Close()

	ctx := cmd.Context()
	t, err := resolveTarget(ctx, s, o, arg)
	if err != nil {
		return err
	}
	var out fetch.ConsoleOutput
	fetchIt := func() {
		if g.waitSince != "" {
			out, err = waitForUpdate(ctx, s, t, g.waitSince == "now", since, g.timeout, g.poll)
		} else {
			out, err = s.client.ConsoleOutput(ctx, t.region, t.id)
		}
	}
	fetchIt()
	if moved, ok, rerr := relocate(ctx, s, o, t, err); rerr != nil {
		return rerr
	} else if ok {
		t = moved
		fetchIt()
	}
	id := t.id
	data := out.Data
	var ee *exitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		return err
	case g.raw && kindOf(err) == fetch.KindInvalidBase64:
		// --raw promises the text as received: print what ECS sent, and say it was not base64.
		data = []byte(out.Raw)
		fmt.Fprintf(stderr, "bootlog: warning: the console output of %s is not valid base64; printing it as received\n", console.SafeLine(id))
	default:
		return s.fail(err)
	}

	if g.outFile != "" {
		// The file is written as the log is rendered, as stdout is: holding the rendered text
		// first cost another copy of the log.
		err := history.CreateNew(g.outFile, func(w io.Writer) error {
			// A file gets colour only when asked for: auto means a terminal, and a file is none.
			return writeConsole(w, out, data, g.raw, g.asJSON, colorMode == "always")
		})
		if err != nil {
			return usagef(cmd, "%s", err)
		}
	} else if err := writeConsole(stdout, out, data, g.raw, g.asJSON, useColor(colorMode, env, s.cfg.Settings.NoColor, stdout)); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	if len(data) == 0 && !g.asJSON {
		fmt.Fprintf(stderr, "bootlog: %s has no console output cached yet (never booted since the cache was cleared, or the image does not send its console to the serial port: console=ttyS0)\n", console.SafeLine(id))
	}
	return nil
}

// writeConsole prints one console output in the requested form. The default is the sanitised text
// from the console renderer: nothing in the log reaches the operator's terminal except colour.
func writeConsole(w io.Writer, out fetch.ConsoleOutput, data []byte, raw, asJSON, color bool) error {
	switch {
	case raw:
		_, err := w.Write(data)
		return err
	case asJSON:
		j := getJSON{
			InstanceID:        out.InstanceID,
			Region:            out.RegionID,
			LastUpdateTimeRaw: out.LastUpdateRaw,
			RequestID:         out.RequestID,
		}
		if t := jsonTime(out.LastUpdate); t != "" {
			j.LastUpdateTime = &t
		}
		return writeGetJSON(w, j, data)
	default:
		return console.WriteText(w, data, console.Options{Color: color})
	}
}

// waitForUpdate polls until the console output is newer than since (with sinceNow, newer than the
// first answer), paced by fetch.PollBackoff from poll up to six times poll, and gives up after
// timeout with exitTimeout. Errors a reboot causes are polled through; others end the wait. When
// stderr is a terminal one line there says what it is waiting for; piped, it stays silent.
func waitForUpdate(ctx context.Context, s *session, t target, sinceNow bool, since time.Time, timeout, poll time.Duration) (fetch.ConsoleOutput, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	backoff := fetch.PollBackoff{Base: poll, Max: 6 * poll, Throttled: 2 * poll, Grow: 1.5}
	progress := newProgressLine(s.stderr)
	defer progress.clear()
	began, first := time.Now(), true
	id := t.id
	for {
		out, err := s.client.ConsoleOutput(ctx, t.region, id)
		switch {
		case err == nil && first && sinceNow:
			since = out.LastUpdate
		case err == nil && out.LastUpdate.After(since):
			return out, nil
		case err != nil && ctx.Err() == nil && !retryableWhileWaiting(err):
			return out, err
		}
		first = false
		delay := backoff.Next(err)
		last := "no newer output yet"
		if err != nil {
			last = kindOf(err).String()
		}
		progress.show(fmt.Sprintf("bootlog: waiting for console output of %s newer than %s: %s, %s elapsed, next check in %s",
			console.SafeLine(id), humanTime(since), last, time.Since(began).Round(time.Second), delay.Round(time.Second)))
		select {
		case <-ctx.Done():
			progress.clear()
			fmt.Fprintf(s.stderr, "bootlog: no console output newer than %s after %s\n", humanTime(since), timeout)
			return fetch.ConsoleOutput{}, exitWith(exitTimeout)
		case <-time.After(delay):
		}
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
