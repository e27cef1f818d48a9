package cli

import (
	"context"
	"fmt"
	"io"
	"sync"

	"github.com/bootlog/bootlog/config"
	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/ui/console"
)

// regionFailure is one region whose DescribeInstances failed during an all-regions listing.
type regionFailure struct {
	region string
	err    error
}

// regionsInFlight bounds the regions listed at once; each region is paced by the client's own
// per-region limiter, so this only bounds goroutines and connections.
const regionsInFlight = 8

// regionsListing is what an all-regions listing got: the instances of the regions that answered
// (in region order), those regions, and the ones that failed.
type regionsListing struct {
	instances []fetch.Instance
	listed    []string
	failed    []regionFailure
}

// listEveryRegion lists the instances of every region DescribeRegions reports, the regions side by
// side; one region's failure does not hide the others. The error is non-nil only when the region
// list itself failed or ctx ended.
func listEveryRegion(ctx context.Context, c *fetch.Client) (regionsListing, error) {
	var l regionsListing
	regions, err := c.Regions(ctx)
	if err != nil {
		return l, err
	}
	lists := make([][]fetch.Instance, len(regions))
	errs := make([]error, len(regions))
	sem := make(chan struct{}, regionsInFlight)
	var wg sync.WaitGroup
	for i, r := range regions {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			lists[i], errs[i] = c.Instances(ctx, r.ID)
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return l, err
	}
	for i, r := range regions {
		if errs[i] != nil {
			l.failed = append(l.failed, regionFailure{r.ID, errs[i]})
			continue
		}
		l.listed = append(l.listed, r.ID)
		l.instances = append(l.instances, lists[i]...)
	}
	return l, nil
}

// reportRegionFailures names each failed region on w, one line each, sanitised: the region ID and
// the message come from the server.
func reportRegionFailures(w io.Writer, failed []regionFailure) {
	for _, f := range failed {
		fmt.Fprintf(w, "bootlog: region %s failed: %s\n", console.SafeLine(f.region), console.SafeLine(config.Redact(f.err.Error())))
	}
}
