package fetch

import (
	"context"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/ecs"
)

// Regions lists the ECS regions (DescribeRegions), with local names in Options.AcceptLanguage.
// The request goes to the client's default region, as every ECS request needs one.
func (c *Client) Regions(ctx context.Context) ([]Region, error) {
	return do(ctx, c, "DescribeRegions", "", read, func(sc *ecs.Client) ([]Region, int, error) {
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
