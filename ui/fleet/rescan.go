package fleet

import (
	"context"
	"time"

	"github.com/bootlog/bootlog/fetch"
)

// NeedsScan reports whether an instance must be fetched again, given its previous summary (nil
// when it has none) and what DescribeInstances says of it now: when it was never scanned, when
// the last scan failed or found the log stale, or when the instance started after the log it
// was judged on was written (it rebooted since). Windows and never-started instances cost no
// call either way. StartTime has minute precision, so a restart within the same minute as the
// previous log's last line goes unseen; after a reboot wave that is rare, and WaitStale covers
// the instances caught mid-boot.
func NeedsScan(prev *Summary, in fetch.Instance) bool {
	switch {
	case prev == nil || prev.ScannedAt.IsZero():
		return true
	case prev.Health == Unknown || prev.Health == Stale:
		return true
	case !in.StartTime.Equal(prev.StartTime) && in.StartTime.After(prev.LastUpdate):
		return true
	}
	return false
}

// Rescan brings previous summaries up to date with fresh instance data (a new DescribeInstances
// listing): it fetches only the instances NeedsScan picks, keeps the others' summaries with
// their name and status refreshed, and drops instances that are gone. The result is in the
// order of fresh.
func (s *Scanner) Rescan(ctx context.Context, prev []Summary, fresh []fetch.Instance) ([]Summary, error) {
	byID := make(map[string]*Summary, len(prev))
	for i := range prev {
		byID[prev[i].InstanceID] = &prev[i]
	}
	out := make([]Summary, len(fresh))
	var which []int
	for i, in := range fresh {
		p := byID[in.ID]
		if NeedsScan(p, in) {
			if p != nil {
				out[i] = *p // kept if the rescan is cancelled before it gets there
			}
			which = append(which, i)
			continue
		}
		kept := *p
		n := newSummary(in)
		kept.Name, kept.Status, kept.StartTime = n.Name, n.Status, n.StartTime
		out[i] = kept
	}
	err := s.scanInto(ctx, fresh, which, out)
	return out, err
}

// WaitStale re-polls the instances of sums that are Stale until each has written a log newer
// than its start, or timeout passes, or ctx ends, and returns the summaries updated. Rounds are
// paced by fetch.PollBackoff (Options.PollBase, growing by half each round up to PollMax).
// Instances still stale at the end stay Stale, with a note saying how long they were waited
// for; the error is ctx's when it ended first, nil otherwise. (A throttled call makes its
// instance Unknown, which ends its wait: the client already retried it under its own backoff.)
func (s *Scanner) WaitStale(ctx context.Context, sums []Summary, timeout time.Duration) ([]Summary, error) {
	out := append([]Summary(nil), sums...)
	deadline := s.opts.Now().Add(timeout)
	backoff := fetch.PollBackoff{Base: s.opts.PollBase, Max: s.opts.PollMax, Grow: 1.5}
	insts := make([]fetch.Instance, len(out))
	for i, sum := range out {
		insts[i] = fetch.Instance{ID: sum.InstanceID, Name: sum.Name, RegionID: sum.Region, Status: sum.Status,
			OSType: sum.OSType, StartTime: sum.StartTime}
	}
	for {
		var stale []int
		for i := range out {
			if out[i].Health == Stale {
				stale = append(stale, i)
			}
		}
		if len(stale) == 0 {
			return out, nil
		}
		delay := backoff.Next(nil)
		if s.opts.Now().Add(delay).After(deadline) {
			for _, i := range stale {
				out[i].Note = "still stale after waiting " + timeout.String()
			}
			return out, nil
		}
		if err := fetch.Sleep(ctx, delay); err != nil {
			return out, err
		}
		if err := s.scanInto(ctx, insts, stale, out); err != nil {
			return out, err
		}
	}
}
