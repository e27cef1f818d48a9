package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/bootlog/bootlog/fetch"
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

func runList(args []string, env environ, _ io.Reader, stdout, stderr io.Writer) int {
	c := newCommonFlags("list", stderr)
	asJSON := c.fs.Bool("json", false, "print a JSON array")
	allRegions := c.fs.Bool("all-regions", false, "list every region's instances")
	c.fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: bootlog list [flags]")
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
	if !*allRegions {
		if err := s.cfg.RequireRegion(); err != nil {
			return usageError(stderr, "%s", err)
		}
	}
	ctx := context.Background()
	var instances []fetch.Instance
	var err error
	if *allRegions {
		instances, err = s.client.AllRegionsInstances(ctx)
	} else {
		instances, err = s.client.Instances(ctx, "")
	}
	if err != nil {
		return s.exitFor(err, stderr)
	}
	if *asJSON {
		err = writeInstancesJSON(stdout, instances)
	} else {
		err = writeInstancesTable(stdout, instances, *allRegions)
	}
	if err != nil {
		fmt.Fprintf(stderr, "bootlog: write: %s\n", err)
		return exitAPI
	}
	return exitOK
}

func writeInstancesJSON(w io.Writer, instances []fetch.Instance) error {
	rows := make([]listJSON, 0, len(instances))
	for _, in := range instances {
		rows = append(rows, listJSON{
			InstanceID: in.ID, Name: in.Name, Status: in.Status, Type: in.Type,
			Region: in.RegionID, Zone: in.Zone,
			PrivateIPs: nonNil(in.PrivateIPs), PublicIPs: nonNil(in.PublicIPs), EIP: in.EIP,
			OSType: in.OSType, OSName: in.OSName,
			CreationTime: in.CreationTime, StartTime: in.StartTime,
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rows)
}

// nonNil makes an absent address list encode as [] rather than null, so scripts can iterate it.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

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
		row := strings.Join([]string{in.Status, printable(in.Name), in.ID, in.Type, in.Zone,
			dash(strings.Join(in.PrivateIPs, ",")), dash(public), printable(in.OSName)}, "\t")
		if withRegion {
			row = in.RegionID + "\t" + row
		}
		fmt.Fprintln(tw, row)
	}
	return tw.Flush()
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// printable keeps instance names (which the account owner chose) from carrying control characters
// into the operator's terminal.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return '?'
		}
		return r
	}, s)
}
