package cli

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/bootlog/bootlog/config"
	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/ui/console"
	"github.com/bootlog/bootlog/ui/fleet"
)

// scanFlags are the flags only `scan` takes.
type scanFlags struct {
	allRegions, asJSON, problems bool
	waitAfterReboot              time.Duration
}

func newScanCommand(env environ) *cobra.Command {
	var sf scanFlags
	cmd := &cobra.Command{
		Use:   "scan",
		Short: "Judge the boot health of every instance of a region (or of every region)",
		Long: `Reads the console output of every instance of the region (or of every region with --all-regions)
under the client's rate limit, runs the boot-failure rules on each log and prints one row per
instance, worst first: instance, name, region, status, health and the first finding with its line.

Health is one of critical (the boot stopped: panic, emergency shell, fsck, no root device), warning
(it came up damaged: failed units, OOM kills, I/O errors, start jobs that timed out, or no login
prompt), stale (the log predates the instance's last start), unknown (the call failed or was not
made), none (no console: never started, Windows, empty) and ok.

After a reboot wave, --wait-after-reboot re-polls the stale instances until they write a new log or
the duration passes. Progress (done/total, calls a second, throttles, time left) is shown on stderr
only when stderr is a terminal; piped, stderr carries only real messages.

--json prints one array, one object per instance, worst first:
  {"instanceId","name","region","status","health","lastUpdateTime","findings":[{"severity","kind",
  "line","text"}],"error"}
lastUpdateTime is RFC 3339 in UTC or null; error is null unless the instance's call failed.

Exit status, for monitoring scripts: 0 nothing is critical or warning; 4 something is; 1 the scan
as a whole failed (listing failed, every console call failed, or with --all-regions a region could
not be listed and nothing is critical or warning); 2 usage; 130 interrupted (Ctrl-C).`,
		Example: `  # cron: mail the problems of the night's patch wave
  bootlog scan --region cn-hangzhou --problems --wait-after-reboot 10m || mail -s "boot problems" ops@example.com
  # a monitor: alert on exit 4 with the problem records
  bootlog scan --all-regions --problems --json > problems.json; [ $? -eq 4 ] && alert < problems.json
  bootlog scan --json | jq -r '.[] | select(.health=="critical") | .instanceId + " " + .findings[0].kind'`,
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
	}
	o := newOptions(cmd.Flags()).addTarget().addECS()
	f := cmd.Flags()
	f.BoolVar(&sf.allRegions, "all-regions", false, "scan every region's instances")
	f.BoolVar(&sf.asJSON, "json", false, "print a JSON array of health records")
	f.BoolVar(&sf.problems, "problems", false, "keep only instances that are not ok (critical, warning, stale, unknown, none)")
	f.DurationVar(&sf.waitAfterReboot, "wait-after-reboot", 0, "poll stale instances (log older than the last start) again for up to this long, e.g. 10m")
	cmd.Flags().Lookup("wait-after-reboot").DefValue = "" // "0s" would read as a value; zero means no wait
	registerCompletions(cmd, env)
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		return runScan(cmd, o, &sf, env)
	}
	return cmd
}

func runScan(cmd *cobra.Command, o *options, sf *scanFlags, env environ) error {
	switch {
	case sf.allRegions && o.set("region"):
		return usagef(cmd, "--region and --all-regions exclude each other")
	case sf.waitAfterReboot < 0:
		return usagef(cmd, "--wait-after-reboot must not be negative, not %s", sf.waitAfterReboot)
	}
	// Ctrl-C cancels the scan rather than killing the process, so the progress line is erased
	// and the exit status says what happened.
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt)
	defer stop()
	s, err := openSession(cmd, o, env, needRegion(!sf.allRegions))
	if err != nil {
		return err
	}
	defer s.Close()
	stderr := s.stderr

	var instances []fetch.Instance
	var failed []regionFailure
	if sf.allRegions {
		var l regionsListing
		l, err = listEveryRegion(ctx, s.client)
		instances, failed = l.instances, l.failed
	} else {
		instances, err = s.client.Instances(ctx, "")
	}
	if ctx.Err() != nil {
		fmt.Fprintln(stderr, "bootlog: scan interrupted while listing instances")
		return exitWith(exitInterrupted)
	}
	if err != nil {
		return s.fail(err)
	}

	progress := newScanProgress(stderr, time.Now)
	scanner := fleet.New(s.client, fleet.Options{
		Progress: progress.update,
		// A short wait polls more often than the engine's 5 s / 30 s defaults, so that a wait of a
		// minute gets several rounds; a long one keeps the defaults.
		PollBase: min(5*time.Second, sf.waitAfterReboot/10),
		PollMax:  min(30*time.Second, sf.waitAfterReboot/3),
	})
	sums, err := scanner.Scan(ctx, instances)
	if err == nil && sf.waitAfterReboot > 0 && fleet.Count(sums)[fleet.Stale] > 0 {
		progress.waiting(fleet.Count(sums)[fleet.Stale], sf.waitAfterReboot)
		sums, err = scanner.WaitStale(ctx, sums, sf.waitAfterReboot)
	}
	progress.clear()
	if err != nil || ctx.Err() != nil {
		done := 0
		for _, sum := range sums {
			if !sum.ScannedAt.IsZero() {
				done++
			}
		}
		fmt.Fprintf(stderr, "bootlog: scan interrupted: %d of %d instances scanned\n", done, len(sums))
		return exitWith(exitInterrupted)
	}

	reportRegionFailures(stderr, failed)
	code := scanExitCode(sums)
	if code == exitAPI {
		fmt.Fprintf(stderr, "bootlog: every console call failed, e.g. %s\n", console.SafeLine(config.Redact(firstError(sums))))
	}
	if code == exitOK && len(failed) > 0 {
		code = exitAPI
	}
	if len(instances) == 0 {
		fmt.Fprintf(stderr, "bootlog: no instances in %s\n", console.SafeLine(scope(s, sf.allRegions)))
	}

	fleet.SortWorstFirst(sums)
	if sf.problems {
		sums = problemsOnly(sums)
	}
	out := cmd.OutOrStdout()
	if sf.asJSON {
		err = writeJSON(out, fleet.Records(sums))
	} else {
		err = writeScanTable(out, sums)
	}
	if err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return exitWith(code)
}

// scanExitCode maps the engine's verdict on the fleet to bootlog's exit statuses.
func scanExitCode(sums []fleet.Summary) int {
	switch fleet.ExitCode(sums, nil) {
	case fleet.ExitProblems:
		return exitProblems
	case fleet.ExitAPIFailure:
		return exitAPI
	}
	return exitOK
}

// problemsOnly keeps every instance that is not ok: what needs a look, including the stale,
// unknown and console-less ones (fleet.Problems keeps only critical and warning, which is what
// the exit status counts).
func problemsOnly(sums []fleet.Summary) []fleet.Summary {
	var out []fleet.Summary
	for _, s := range sums {
		if s.Health != fleet.OK {
			out = append(out, s)
		}
	}
	return out
}

// scope names what was scanned, for messages.
func scope(s *session, allRegions bool) string {
	if allRegions {
		return "any region"
	}
	return s.cfg.Region
}

// firstError is the error of the first failed summary.
func firstError(sums []fleet.Summary) string {
	for _, s := range sums {
		if s.Err != "" {
			return s.Err
		}
	}
	return ""
}

// writeScanTable prints the health table. The summaries' strings are already display-safe; every
// cell still goes through console.SafeLine, as in `list`, so the table cannot be broken by a TAB
// or an escape whatever the engine keeps.
func writeScanTable(w io.Writer, sums []fleet.Summary) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "INSTANCE\tNAME\tREGION\tSTATUS\tHEALTH\tFINDING")
	for _, s := range sums {
		cells := []string{s.InstanceID, dash(s.Name), s.Region, s.Status, s.Health.Label(), findingCell(s)}
		for i, c := range cells {
			cells[i] = console.SafeLine(c)
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	return tw.Flush()
}

// maxFindingCell bounds the finding text in the table; --json has it whole.
const maxFindingCell = 72

// findingCell is the last column: the first finding with its line, or why there is none.
func findingCell(s fleet.Summary) string {
	switch {
	case s.Health == fleet.Stale:
		cell := fmt.Sprintf("log predates the last start (log %s, started %s)", humanTime(s.LastUpdate), humanTime(s.StartTime))
		if s.Note != "" {
			cell += "; " + s.Note
		}
		return cell
	case len(s.Findings) > 0:
		f := s.Findings[0]
		cell := fmt.Sprintf("line %d: %s", f.Line, f.Summary)
		if f.Text != "" {
			cell += ": " + shortenCell(f.Text, maxFindingCell)
		}
		if s.FindingCount > 1 {
			cell += fmt.Sprintf(" (+%d more)", s.FindingCount-1)
		}
		return cell
	case s.Err != "":
		return s.Err
	case s.Note != "":
		return s.Note
	}
	return "-"
}

// shortenCell cuts s to at most n runes, marking the cut.
func shortenCell(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
