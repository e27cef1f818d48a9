package fetch

import (
	"context"
	"fmt"
	"sync"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ecs"
)

// Reboot restarts a Running instance (RebootInstance); force is a power-cycle that may lose
// unflushed data. It is never retried, not even after throttling or a timeout: a reboot whose
// answer was lost may already be under way, and a second one would interrupt the boot the
// operator is about to watch. On KindTimeout or KindNetwork the outcome is unknown; check with
// InstanceStatuses.
func (c *Client) Reboot(ctx context.Context, region, instanceID string, force bool) error {
	if region == "" {
		region = c.opts.Region
	}
	if instanceID == "" {
		return &Error{Kind: KindInvalidRequest, Op: "RebootInstance", Region: region, Message: "no instance ID", Hint: "name an instance, e.g. i-bp1..."}
	}
	_, err := do(ctx, c, "RebootInstance", region, write, func(sc *ecs.Client) (struct{}, int, error) {
		req := ecs.CreateRebootInstanceRequest()
		req.InstanceId = instanceID
		req.ForceStop = requests.NewBoolean(force)
		resp, err := sc.RebootInstance(req)
		status, err := decode(resp, err, &wireRequestID{})
		return struct{}{}, status, err
	})
	if err != nil {
		return fmt.Errorf("reboot %s: %w", instanceID, err)
	}
	return nil
}

// statusBatch is DescribeInstanceStatus' largest page, and so the most IDs asked at once.
const statusBatch = 50

// InstanceStatuses reports the current status of the given instances (DescribeInstanceStatus),
// in batches of 50 fetched concurrently. IDs that ECS does not know are absent from the result.
// No IDs means no call and no statuses.
func (c *Client) InstanceStatuses(ctx context.Context, region string, ids []string) ([]InstanceStatus, error) {
	if region == "" {
		region = c.opts.Region
	}
	if len(ids) == 0 {
		return nil, nil
	}
	var batches [][]string
	for start := 0; start < len(ids); start += statusBatch {
		batches = append(batches, ids[start:min(start+statusBatch, len(ids))])
	}
	results := make([][]InstanceStatus, len(batches))
	errs := make([]error, len(batches))
	sem := make(chan struct{}, c.opts.PageConcurrency)
	var wg sync.WaitGroup
	for i, batch := range batches {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			results[i], errs[i] = c.describeStatusBatch(ctx, region, batch)
		}()
	}
	wg.Wait()
	var out []InstanceStatus
	for i := range batches {
		if errs[i] != nil {
			return nil, fmt.Errorf("instance statuses in %s: %w", orDefault(region, "the default region"), errs[i])
		}
		out = append(out, results[i]...)
	}
	return out, nil
}

// describeStatusBatch asks for the statuses of at most statusBatch instances.
func (c *Client) describeStatusBatch(ctx context.Context, region string, ids []string) ([]InstanceStatus, error) {
	return do(ctx, c, "DescribeInstanceStatus", region, read, func(sc *ecs.Client) ([]InstanceStatus, int, error) {
		req := ecs.CreateDescribeInstanceStatusRequest()
		list := append([]string(nil), ids...)
		req.InstanceId = &list
		req.PageSize = requests.NewInteger(statusBatch)
		req.PageNumber = requests.NewInteger(1)
		resp, err := sc.DescribeInstanceStatus(req)
		var w wireStatuses
		status, err := decode(resp, err, &w)
		if err != nil {
			return nil, status, err
		}
		out := make([]InstanceStatus, 0, len(*w.InstanceStatuses.InstanceStatus))
		for _, s := range *w.InstanceStatuses.InstanceStatus {
			out = append(out, InstanceStatus{ID: s.InstanceID, Status: s.Status})
		}
		return out, status, nil
	})
}
