package fetch

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ecs"
)

// pageSize is DescribeInstances' largest page.
const pageSize = 100

// page is one DescribeInstances page.
type page struct {
	total     int
	instances []Instance
}

// Instances lists every instance of a region ("" for the default region), fetching all pages;
// see StreamInstances for how.
func (c *Client) Instances(ctx context.Context, region string) ([]Instance, error) {
	var all []Instance
	err := c.StreamInstances(ctx, region, func(batch []Instance, _ int) {
		all = append(all, batch...)
	})
	if err != nil {
		return nil, err
	}
	return all, nil
}

// StreamInstances lists every instance of a region ("" for the default region) and hands them
// to onPage one page at a time, so a list can show instances as they arrive. Page 1 (100
// instances) gives TotalCount; the remaining pages are then fetched concurrently, at most
// Options.PageConcurrency at a time: with the default of 20, up to 2,000 instances cost two round
// trips instead of one per 100, and every further 2,000 one more.
//
// onPage is called on the caller's goroutine, never concurrently, and in page order (page k is
// delivered only after pages 1..k-1): the list grows in the API's order and a caller can simply
// append. Once page 1 has arrived, onPage is called at least once, even for an empty region.
// total is the largest TotalCount seen so far. An instance that shifts from one page to the next
// while the pages are fetched (an instance created meanwhile) is delivered once.
//
// On error, pages already delivered stay delivered and the others are abandoned.
func (c *Client) StreamInstances(ctx context.Context, region string, onPage func(batch []Instance, total int)) error {
	if region == "" {
		region = c.opts.Region
	}
	if onPage == nil {
		onPage = func([]Instance, int) {}
	}
	seen := map[string]bool{}
	emit := func(p page, total int) {
		batch := p.instances[:0:0]
		for _, in := range p.instances {
			if !seen[in.ID] {
				seen[in.ID] = true
				batch = append(batch, in)
			}
		}
		onPage(batch, total)
	}
	wrap := func(err error) error {
		return fmt.Errorf("list instances in %s: %w", orDefault(region, "the default region"), err)
	}

	first, err := c.describePage(ctx, region, 1)
	if err != nil {
		return wrap(err)
	}
	total := first.total
	emit(first, total)
	// A short page is the last one, whatever TotalCount claims: ECS fills every page but the
	// last. Trusting TotalCount alone, a server claiming 1,000,000 instances in one-instance
	// pages would be paged for hours.
	if len(first.instances) < pageSize {
		return nil
	}
	pages := min((total+pageSize-1)/pageSize, c.opts.MaxPages)

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type result struct {
		p   page
		err error
	}
	// The dispatcher starts pages in order and queues one result channel per page in that
	// order; the consumer takes them in turn. A slot is freed only when the consumer has taken
	// a page, so at most PageConcurrency pages are in flight or waiting, however large
	// TotalCount claims to be. Result channels are buffered: when the consumer returns early (an
	// error, a short page) it does not drain them, and the abandoned fetches end with the
	// cancelled ctx.
	slots := make(chan struct{}, c.opts.PageConcurrency)
	order := make(chan chan result, c.opts.PageConcurrency)
	go func() {
		defer close(order)
		for n := 2; n <= pages; n++ {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return
			}
			ch := make(chan result, 1)
			order <- ch // never blocks: order has as much room as there are slots
			go func() {
				p, err := c.describePage(ctx, region, n)
				ch <- result{p, err}
			}()
		}
	}()
	for ch := range order {
		r := <-ch
		<-slots
		if r.err != nil {
			return wrap(r.err)
		}
		total = max(total, r.p.total)
		emit(r.p, total)
		if len(r.p.instances) < pageSize {
			return nil
		}
	}
	if err := ctx.Err(); err != nil {
		return wrap(c.contextError("DescribeInstances", region, err))
	}

	// Instances created while paging push TotalCount up; fetch the pages that appeared, one by
	// one (this is rare and small).
	n := pages + 1
	for ; (n-1)*pageSize < total && n <= c.opts.MaxPages; n++ {
		p, err := c.describePage(ctx, region, n)
		if err != nil {
			return wrap(err)
		}
		total = max(total, p.total)
		emit(p, total)
		if len(p.instances) < pageSize {
			return nil
		}
	}
	if (n-1)*pageSize < total {
		return wrap(&Error{
			Kind:    KindMalformedResponse,
			Op:      "DescribeInstances",
			Region:  region,
			Message: fmt.Sprintf("ECS claims %d instances; bootlog stopped after %d full pages (%d instances)", total, c.opts.MaxPages, c.opts.MaxPages*pageSize),
			Hint:    fmt.Sprintf("bootlog lists at most %d instances per region (the TUI shows the ones listed before this error)", c.opts.MaxPages*pageSize),
		})
	}
	return nil
}

// describePage fetches one DescribeInstances page.
func (c *Client) describePage(ctx context.Context, region string, number int) (page, error) {
	return c.describeInstances(ctx, region, number, pageSize, "", "")
}

// describeInstances fetches one DescribeInstances page of size instances, narrowed by the filter
// parameter param=value when param is not empty. The listing and find (find.go) both come here.
func (c *Client) describeInstances(ctx context.Context, region string, number, size int, param, value string) (page, error) {
	zone := c.opts.ZonelessLocation
	return do(ctx, c, "DescribeInstances", region, read, func(sc *ecs.Client) (page, int, error) {
		// A CommonRequest rather than ecs.CreateDescribeInstancesRequest: same signing, endpoint
		// and errors, but the SDK leaves the body alone instead of fuzzily decoding every page
		// into its hundred-field Instance struct, which bootlog would then decode again strictly
		// (wire.go). On a small machine that halves the CPU a listing costs, which is most of
		// what a 2,000-instance listing costs beyond its two round trips.
		req := requests.NewCommonRequest()
		req.Method = requests.POST
		req.Product, req.Version, req.ApiName = "Ecs", "2014-05-26", "DescribeInstances"
		req.QueryParams["PageNumber"] = strconv.Itoa(number)
		req.QueryParams["PageSize"] = strconv.Itoa(size)
		if param != "" {
			req.QueryParams[param] = value
		}
		resp, err := sc.ProcessCommonRequest(req)
		var w wireInstances
		status, err := decode(resp, err, &w)
		if err != nil {
			return page{}, status, err
		}
		p := page{total: int(*w.TotalCount), instances: make([]Instance, 0, len(*w.Instances.Instance))}
		for _, in := range *w.Instances.Instance {
			p.instances = append(p.instances, toInstance(in, region, zone))
		}
		return p, status, nil
	})
}

// AllRegionsInstances lists the instances of every region DescribeRegions reports, the regions
// concurrently (at most Options.PageConcurrency at a time), each paged as in StreamInstances. The
// result is in region order, then page order. A region that fails does not hide the others: the
// instances that could be listed are returned together with the joined errors of the regions
// that failed.
func (c *Client) AllRegionsInstances(ctx context.Context) ([]Instance, error) {
	regions, err := c.Regions(ctx)
	if err != nil {
		return nil, fmt.Errorf("list regions: %w", err)
	}
	lists := make([][]Instance, len(regions))
	errs := make([]error, len(regions))
	ids := make([]string, len(regions))
	for i, r := range regions {
		ids[i] = r.ID
	}
	c.eachRegion(ctx, ids, func(i int, region string) {
		lists[i], errs[i] = c.Instances(ctx, region)
	}, func(i int, region string, err error) {
		errs[i] = fmt.Errorf("list instances in %s: %w", region, err)
	})
	var all []Instance
	for _, l := range lists {
		all = append(all, l...)
	}
	return all, errors.Join(errs...)
}

// toInstance maps the wire shape to an Instance. Private addresses live in VpcAttributes for VPC
// instances and in InnerIpAddress for classic-network ones; the primary ENI address is the last
// resort.
func toInstance(w wireInstance, region string, zone *time.Location) Instance {
	in := Instance{
		ID:         w.InstanceID,
		Name:       w.InstanceName,
		HostName:   w.HostName,
		Status:     w.Status,
		Type:       w.InstanceType,
		RegionID:   orDefault(w.RegionID, region),
		Zone:       w.ZoneID,
		OSType:     w.OSType,
		OSName:     w.OSName,
		PrivateIPs: nonEmpty(w.VpcAttributes.PrivateIPAddress.IPAddress),
		PublicIPs:  nonEmpty(w.PublicIP.IPAddress),
		EIP:        w.EipAddress.IPAddress,
	}
	if len(in.PrivateIPs) == 0 {
		in.PrivateIPs = nonEmpty(w.InnerIP.IPAddress)
	}
	if len(in.PrivateIPs) == 0 {
		for _, ni := range w.NetworkInterfaces.NetworkInterface {
			if ni.PrimaryIPAddress != "" {
				in.PrivateIPs = append(in.PrivateIPs, ni.PrimaryIPAddress)
			}
		}
	}
	in.CreationTime, _ = ParseLastUpdate(w.CreationTime, zone)
	in.StartTime, _ = ParseLastUpdate(w.StartTime, zone)
	return in
}

// nonEmpty drops empty strings; nil when nothing is left.
func nonEmpty(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
