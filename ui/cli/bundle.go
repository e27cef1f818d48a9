package cli

import (
	"fmt"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/ui/bundle"
	"github.com/bootlog/bootlog/ui/console"
	"github.com/bootlog/bootlog/ui/findings"
)

// newBundleCommand is `bootlog bundle ID [-o FILE.tar.gz]`: the incident bundle the TUI's X
// writes, from the command line (ui/bundle describes its members).
func newBundleCommand(env environ) *cobra.Command {
	var outFile string
	cmd := &cobra.Command{
		Use:   "bundle INSTANCE_ID [-o FILE.tar.gz]",
		Short: "Write an incident bundle (log, findings, screenshot, RequestIds) to attach to a ticket",
		Long: `Writes one tar.gz with what a ticket about a boot failure needs: the console log as
bootlog shows it (sanitised) and as ECS returned it (raw), the findings as JSON (severity,
kind, line, text, explanation, remedy), a screenshot when the instance is Running, the
instance's details and every RequestId ECS answered with.

The archive is created 0600 and never overwrites a file. Without -o it is named
bootlog-ID-TIME.tar.gz in the current directory. A screenshot that cannot be taken (the
instance is not Running, ECS's 10 s limit) is left out with a note on stderr.`,
		Example: `  bootlog bundle i-bp1abcdefghijklmnop
  bootlog bundle -p prod --region cn-shanghai i-uf6abcdefghijklmnop -o /tmp/erp-incident.tar.gz`,
		Args:              oneArg("INSTANCE_ID", "the instance to bundle, e.g. i-bp1abcdefghijklmnop"),
		ValidArgsFunction: completeInstanceArg(env),
	}
	o := newOptions(cmd.Flags()).addTarget().addECS()
	cmd.Flags().StringVarP(&outFile, "output", "o", "", "write the archive to FILE (created 0600, never overwritten)")
	registerCompletions(cmd, env)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		s, err := openSession(cmd, o, env, true)
		if err != nil {
			return err
		}
		defer s.Close()
		ctx, id, stderr := cmd.Context(), args[0], cmd.ErrOrStderr()
		b := bundle.Bundle{CreatedAt: time.Now(), Instance: bundle.Instance{ID: console.SafeLine(id), Region: console.SafeLine(s.cfg.Region)}}
		windows := false
		if res, err := s.client.Find(ctx, id, []string{s.cfg.Region}); err == nil && len(res.Candidates) == 1 {
			in := res.Candidates[0]
			b.Instance.Name, b.Instance.Status = console.SafeLine(in.Name), console.SafeLine(in.Status)
			b.Instance.OSType, b.Instance.OSName = console.SafeLine(in.OSType), console.SafeLine(in.OSName)
			windows = in.OSType == "windows"
		}
		out, err := s.client.ConsoleOutput(ctx, "", id)
		switch {
		case err != nil && !(windows && kindOf(err) == fetch.KindUnsupported):
			return s.fail(err)
		case err == nil:
			doc := console.Render(out.Data, console.Options{})
			b.Text, b.Raw = doc.Plain, out.Data
			b.Instance.LastUpdate, b.Instance.FetchedAt = out.LastUpdate, time.Now()
			b.Findings = bundle.FromFindings(findings.Scan(doc.Plain, findings.DefaultRules()))
			b.RequestIDs = bundle.AddRequestID(b.RequestIDs, console.SafeLine(out.RequestID), 10)
		}
		if b.Instance.Status == "" || b.Instance.Status == "Running" {
			shot, err := s.client.Screenshot(ctx, "", id)
			if err != nil {
				fmt.Fprintf(stderr, "bootlog: no screenshot in the bundle: %s\n", console.SafeLine(err.Error()))
			} else {
				b.Screenshot = shot.Image
				b.RequestIDs = bundle.AddRequestID(b.RequestIDs, console.SafeLine(shot.RequestID), 10)
			}
		}
		path := outFile
		if path == "" {
			path = bundle.FileName(id, b.CreatedAt)
		}
		if abs, err := filepath.Abs(path); err == nil {
			path = abs
		}
		if err := bundle.Write(path, b); err != nil {
			return usagef(cmd, "%s", console.SafeLine(err.Error()))
		}
		_, err = fmt.Fprintf(cmd.OutOrStdout(), "saved %s (%d log lines, %d findings, screenshot %s)\n",
			console.SafeLine(path), len(b.Text), len(b.Findings), yesNo(b.Screenshot != nil))
		return err
	}
	return cmd
}

func yesNo(b bool) string {
	if b {
		return "included"
	}
	return "not included"
}
