package cli

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/bootlog/bootlog/config"
	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/ui/console"
)

// listJSON is one instance in `bootlog list --json`: the fields the TUI's table shows.
type listJSON struct {
	InstanceID   string    `json:"instanceId"`
	Name         string    `json:"name"`
	Status       string    `json:"status"`
	Type         string    `json:"type"`
	Region       string    `json:"region"`
	Zone         string    `json:"zone"`
	PrivateIPs   []string  `json:"privateIps"`
	PublicIPs    []string  `json:"publicIps"`
	EIP          string    `json:"eip,omitempty"`
	OSType       string    `json:"osType"`
	OSName       string    `json:"osName"`
	CreationTime time.Time `json:"creationTime,omitzero"`
	StartTime    time.Time `json:"startTime,omitzero"`
}

func newListCommand(env environ) *cobra.Command {
	var asJSON, allRegions bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the instances of a region",
		Long: `Lists the region's instances as an aligned table, or as JSON with the fields the TUI shows.

--json prints one array with an object per instance. These fields are stable: they keep their
names, types and meaning in every later release, and new fields may be added, so scripts should
ignore fields they do not know.
  instanceId, name, status, type, region, zone   strings
  privateIps, publicIps                          arrays of strings, [] when there are none
  eip                                            string, left out when there is none
  osType ("linux" or "windows"), osName          strings
  creationTime, startTime                        RFC 3339 in UTC, left out when unknown

With --all-regions the regions are listed side by side; when some fail, the others are still
printed, each failed region is named on stderr, and the exit status is 1.

The listing is also kept in the user cache directory (bootlog/instances.json, 0600) so that shell
completion can offer instance IDs without calling ECS.`,
		Example: `  bootlog list
  bootlog list -p prod --region cn-shanghai --json | jq -r '.[] | select(.status=="Stopped") | .instanceId'
  bootlog list --all-regions`,
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
	}
	o := newOptions(cmd.Flags()).addTarget().addECS()
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array")
	cmd.Flags().BoolVar(&allRegions, "all-regions", false, "list every region's instances")
	registerCompletions(cmd, env)
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		s, err := openSession(cmd, o, env, needRegion(!allRegions))
		if err != nil {
			return err
		}
		defer s.Close()
		var instances []fetch.Instance
		var failed []regionFailure
		cached := []string{s.cfg.Region}
		if allRegions {
			var l regionsListing
			l, err = listEveryRegion(cmd.Context(), s.client)
			instances, failed = l.instances, l.failed
			cached = nil // every region
			if len(failed) > 0 {
				cached = l.listed // the failed regions' cached instances stay as they were
			}
		} else {
			instances, err = s.client.Instances(cmd.Context(), "")
		}
		if err != nil {
			return s.fail(err)
		}
		if len(failed) > 0 && len(instances) == 0 && len(cached) == 0 {
			// Every region failed: there is nothing to print, only why.
			reportRegionFailures(s.stderr, failed)
			return exitWith(exitAPI)
		}
		cacheListing(s, o.demo, cached, instances, env)
		if asJSON {
			err = writeInstancesJSON(cmd.OutOrStdout(), instances)
		} else {
			err = writeInstancesTable(cmd.OutOrStdout(), instances, allRegions)
		}
		if err != nil {
			return fmt.Errorf("write: %w", err)
		}
		// What succeeded is printed; each region that failed is named, and the status says the
		// listing is incomplete.
		reportRegionFailures(s.stderr, failed)
		if len(failed) > 0 {
			return exitWith(exitAPI)
		}
		return nil
	}
	return cmd
}

// cacheListing keeps the listing of regions (nil: every region) for shell completion. Failing to
// write it is only worth a note: the listing itself succeeded.
func cacheListing(s *session, demo bool, regions []string, instances []fetch.Instance, env environ) {
	profile := s.cfg.Profile
	if demo {
		profile = config.DemoCacheProfile
	}
	rows := make([]config.CachedInstance, 0, len(instances))
	for _, in := range instances {
		rows = append(rows, config.CachedInstance{ID: in.ID, Name: in.Name, Region: in.RegionID})
	}
	path := config.InstanceCachePath(env.get, env.homeDir())
	if err := config.SaveInstanceCache(path, profile, regions, rows); err != nil {
		fmt.Fprintf(s.stderr, "bootlog: note: instance cache for completion not written: %s\n", console.SafeLine(err.Error()))
	}
}

func writeInstancesJSON(w io.Writer, instances []fetch.Instance) error {
	rows := make([]listJSON, 0, len(instances))
	for _, in := range instances {
		rows = append(rows, listJSON{
			InstanceID: in.ID, Name: in.Name, Status: in.Status, Type: in.Type,
			Region: in.RegionID, Zone: in.Zone,
			PrivateIPs: nonNil(in.PrivateIPs), PublicIPs: nonNil(in.PublicIPs), EIP: in.EIP,
			OSType: in.OSType, OSName: in.OSName,
			CreationTime: utc(in.CreationTime), StartTime: utc(in.StartTime),
		})
	}
	return writeJSON(w, rows)
}

// utc puts a known time in UTC, so every time in JSON output has the same zone; a zero time
// stays zero (omitzero leaves it out).
func utc(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.UTC()
}

// nonNil makes an absent address list encode as [] rather than null, so scripts can iterate it.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// writeInstancesTable prints the aligned table. Every cell comes from the server, so every cell
// goes through console.SafeLine: an ID carrying ESC c would otherwise reset the terminal, and a
// TAB would break the alignment.
func writeInstancesTable(w io.Writer, instances []fetch.Instance, withRegion bool) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	header := "STATUS\tNAME\tID\tTYPE\tZONE\tPRIVATE IP\tPUBLIC IP\tOS"
	if withRegion {
		header = "REGION\t" + header
	}
	fmt.Fprintln(tw, header)
	for _, in := range instances {
		public := strings.Join(in.PublicIPs, ",")
		if in.EIP != "" {
			public = in.EIP
		}
		cells := []string{in.Status, in.Name, in.ID, in.Type, in.Zone,
			dash(strings.Join(in.PrivateIPs, ",")), dash(public), in.OSName}
		if withRegion {
			cells = append([]string{in.RegionID}, cells...)
		}
		for i, c := range cells {
			cells[i] = console.SafeLine(c)
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	return tw.Flush()
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
