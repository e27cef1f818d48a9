package fetch

import (
	"context"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/ecs"
)

// discoveryRegion is where DescribeRegions goes when no region is configured: every regional
// endpoint answers it for the whole account, and cn-hangzhou is ECS's default region. Without it
// an operator with no region set could not even open the region picker.
const discoveryRegion = "cn-hangzhou"

// Regions lists the ECS regions (DescribeRegions), with local names in Options.AcceptLanguage.
// The request goes to the client's default region (as every ECS request needs one), or to
// discoveryRegion when there is none.
func (c *Client) Regions(ctx context.Context) ([]Region, error) {
	region := c.opts.Region
	if region == "" {
		region = discoveryRegion
	}
	return do(ctx, c, "DescribeRegions", region, read, func(sc *ecs.Client) ([]Region, int, error) {
		req := ecs.CreateDescribeRegionsRequest()
		req.AcceptLanguage = c.opts.AcceptLanguage
		resp, err := sc.DescribeRegions(req)
		var w wireRegions
		status, err := decode(resp, err, &w)
		if err != nil {
			return nil, status, err
		}
		out := make([]Region, 0, len(*w.Regions.Region))
		for _, r := range *w.Regions.Region {
			out = append(out, Region{ID: r.RegionID, LocalName: r.LocalName, Endpoint: r.RegionEndpoint, Status: r.Status})
		}
		return out, status, nil
	})
}
