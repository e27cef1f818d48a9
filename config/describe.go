package config

import (
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"
)

// Describe writes every resolved value and where it came from, for `bootlog config`. Secrets appear
// only as set/unset, and the whole output passes through Redact as a second line of defence.
func (c Config) Describe(w io.Writer) error {
	tw := tabwriter.NewWriter(&redactWriter{w: w}, 0, 0, 2, ' ', 0)
	row := func(name, value string, src Source) {
		if src == "" {
			src = SourceDefault
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", name, value, src)
	}
	orNone := func(s, none string) string {
		if s == "" {
			return none
		}
		return s
	}

	fmt.Fprintf(tw, "KEY\tVALUE\tSOURCE\n")
	fileState := "read"
	if !c.SettingsFileFound {
		fileState = "not found, defaults used"
	}
	fmt.Fprintf(tw, "settings file\t%s\t%s\n", c.SettingsFile, fileState)
	row("profile", orNone(c.Profile, "(none)"), c.ProfileSource)
	row("region", orNone(c.Region, "(none: the TUI asks; list, scan and screenshot need --region)"), c.RegionSource)
	row("endpoint", orNone(c.Endpoint, "(public regional endpoint)"), c.EndpointSource)
	row("vpc", strconv.FormatBool(c.VPC), c.VPCSource)

	ok, _ := c.HasCredentials()
	credState := "usable source found locally"
	if !ok {
		credState = "none found locally"
	}
	fmt.Fprintf(tw, "credentials\t%s\t%s\n", orNone(c.CredentialSource, "(none)"), credState)
	for _, ch := range c.CredentialChecks {
		if !ch.Usable {
			continue
		}
		if ch.Fetched {
			// Nothing to show before the first request: the keys do not exist yet.
			fmt.Fprintf(tw, "  access key\t%s\t\n", "fetched at the first request, refreshed before expiry")
			break
		}
		if ch.AccessKeyID != "" {
			fmt.Fprintf(tw, "  access key id\t%s\t\n", ch.AccessKeyID)
		}
		fmt.Fprintf(tw, "  access key secret\t%s\t\n", setUnset(ch.SecretSet))
		fmt.Fprintf(tw, "  security token\t%s\t\n", setUnset(ch.TokenSet))
		break
	}

	s := c.Settings
	src := func(k string) Source { return c.settingSources[k] }
	zone := "(none)"
	if s.TimestampZone != nil {
		zone = s.TimestampZone.String()
	}
	row("follow_interval", s.FollowInterval.String(), src("follow_interval"))
	row("wrap", strconv.FormatBool(s.Wrap), src("wrap"))
	row("line_numbers", strconv.FormatBool(s.LineNumbers), src("line_numbers"))
	row("theme", s.Theme, src("theme"))
	row("color", string(s.Color), src("color"))
	row("no_color", strconv.FormatBool(s.NoColor), src("no_color"))
	row("timestamp_zone", zone, src("timestamp_zone"))
	row("readonly", strconv.FormatBool(s.ReadOnly), src("readonly"))
	row("history", strconv.FormatBool(s.HistoryEnabled), src("history"))
	row("history_max", strconv.Itoa(s.HistoryMax), src("history_max"))
	row("auto_scan", strconv.FormatBool(s.AutoScan), src("auto_scan"))
	row("tmux_graphics", strconv.FormatBool(s.TmuxGraphics), src("tmux_graphics"))
	if err := tw.Flush(); err != nil {
		return err
	}

	if _, err := fmt.Fprintln(w, "\ncredential sources, in the order bootlog tries them:"); err != nil {
		return err
	}
	for _, ch := range c.CredentialChecks {
		mark := "-"
		if ch.Usable {
			mark = "+"
		}
		if _, err := fmt.Fprintf(w, "  %s %s\n", mark, Redact(ch.String())); err != nil {
			return err
		}
	}
	return nil
}

func setUnset(b bool) string {
	if b {
		return "set"
	}
	return "unset"
}

// redactWriter redacts each write. tabwriter writes whole cells, so a secret is never split.
type redactWriter struct{ w io.Writer }

func (r *redactWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(r.w, Redact(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}
