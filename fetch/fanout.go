package fetch

import (
	"context"
	"sync"
)

// eachRegion calls do(i, regions[i]) for every region, at most Options.PageConcurrency at once,
// and returns when all are done. A region still waiting for its turn when ctx ends is not asked:
// skipped(i, region, err) records why (a canceled or timed-out error naming DescribeInstances),
// so the caller can name every region that did not answer. Listing every region and finding an
// instance anywhere both fan out this way; each region's calls still go through its own limiter.
func (c *Client) eachRegion(ctx context.Context, regions []string, do func(i int, region string), skipped func(i int, region string, err error)) {
	sem := make(chan struct{}, max(c.opts.PageConcurrency, 1))
	var wg sync.WaitGroup
	for i, region := range regions {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				skipped(i, region, c.contextError("DescribeInstances", region, ctx.Err()))
				return
			}
			defer func() { <-sem }()
			do(i, region)
		}()
	}
	wg.Wait()
}
