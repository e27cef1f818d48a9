package emulator

import (
	"encoding/base64"
	"strconv"
	"strings"
)

// maxPageSize is DescribeInstances' limit for PageSize and MaxResults; maxStatusPageSize is
// DescribeInstanceStatus' limit for PageSize.
const (
	maxPageSize       = 100
	maxStatusPageSize = 50
	defaultPageSize   = 10
)

type describeInstancesJSON struct {
	RequestID  string `json:"RequestId"`
	TotalCount int    `json:"TotalCount"`
	PageNumber int    `json:"PageNumber"`
	PageSize   int    `json:"PageSize"`
	NextToken  string `json:"NextToken"`
	Instances  struct {
		Instance []instanceJSON `json:"Instance"`
	} `json:"Instances"`
}

// describeInstancesArgs is what a DescribeInstances request asks for: the filters, DryRun, and
// one page by PageNumber/PageSize or, in token mode (NextToken or MaxResults given), by token.
type describeInstancesArgs struct {
	filter             *instanceFilter
	dryRun, tokenMode  bool
	offset, size, page int
}

// checkDescribeInstances reads DescribeInstances' parameters; a bad one is InvalidParameter (or
// the specific code the real API uses). checkParams calls it before any fault, and the action
// again for the values.
func checkDescribeInstances(q *request) (describeInstancesArgs, *apiError) {
	var a describeInstancesArgs
	var err *apiError
	if a.filter, err = parseInstanceFilter(q); err != nil {
		return a, err
	}
	if a.dryRun, err = q.boolParam("DryRun", false); err != nil {
		return a, err
	}
	a.tokenMode = q.param("NextToken") != "" || q.param("MaxResults") != ""
	if a.tokenMode {
		if a.size, err = q.intParam("MaxResults", defaultPageSize, 1, maxPageSize); err != nil {
			return a, err
		}
		if t := q.param("NextToken"); t != "" {
			var ok bool
			if a.offset, ok = decodeToken(t); !ok {
				return a, invalidParameter("NextToken")
			}
		}
		a.page = a.offset/a.size + 1
		return a, nil
	}
	if a.page, err = q.intParam("PageNumber", 1, 1, 1<<30); err != nil {
		return a, err
	}
	if a.size, err = q.intParam("PageSize", defaultPageSize, 1, maxPageSize); err != nil {
		return a, err
	}
	a.offset = (a.page - 1) * a.size
	return a, nil
}

// describeInstances filters the region's instances (AND of every filter given, see filters.go)
// and answers one page, by PageNumber/PageSize or, when NextToken or MaxResults is given, by token.
func (s *Server) describeInstances(q *request, region string) (any, *apiError) {
	a, err := checkDescribeInstances(q)
	if err != nil {
		return nil, err
	}
	if a.dryRun {
		return nil, errDryRun
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	var match []*instance
	for _, in := range s.instances {
		if in.fix.RegionID != region {
			continue
		}
		in.settle(now)
		if a.filter.match(in, now) {
			match = append(match, in)
		}
	}
	out := describeInstancesJSON{RequestID: q.id, TotalCount: len(match), PageNumber: a.page, PageSize: a.size}
	out.Instances.Instance = []instanceJSON{}
	for i := a.offset; i < len(match) && i < a.offset+a.size; i++ {
		out.Instances.Instance = append(out.Instances.Instance, match[i].toJSON(now))
	}
	if a.tokenMode && a.offset+a.size < len(match) {
		out.NextToken = encodeToken(a.offset + a.size)
	}
	return out, nil
}

// A NextToken is opaque to clients; the emulator's is the offset of the next item behind a
// prefix, base64url-encoded, so that a made-up token is recognisably invalid.
const tokenPrefix = "bootlog-emulator:"

func encodeToken(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte(tokenPrefix + strconv.Itoa(offset)))
}

func decodeToken(t string) (int, bool) {
	b, err := base64.RawURLEncoding.DecodeString(t)
	if err != nil || !strings.HasPrefix(string(b), tokenPrefix) {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimPrefix(string(b), tokenPrefix))
	return n, err == nil && n >= 0
}

type instanceStatusJSON struct {
	InstanceID string `json:"InstanceId"`
	Status     string `json:"Status"`
}

type describeInstanceStatusJSON struct {
	RequestID        string `json:"RequestId"`
	TotalCount       int    `json:"TotalCount"`
	PageNumber       int    `json:"PageNumber"`
	PageSize         int    `json:"PageSize"`
	InstanceStatuses struct {
		InstanceStatus []instanceStatusJSON `json:"InstanceStatus"`
	} `json:"InstanceStatuses"`
}

// describeStatusArgs is what a DescribeInstanceStatus request asks for: the instances named by
// InstanceId.N (nil for all), the zone ("" for all) and the page.
type describeStatusArgs struct {
	ids        map[string]bool
	zone       string
	page, size int
}

// checkDescribeInstanceStatus reads DescribeInstanceStatus' parameters; checkParams calls it
// before any fault, and the action again for the values.
func checkDescribeInstanceStatus(q *request) (describeStatusArgs, *apiError) {
	a := describeStatusArgs{zone: q.param("ZoneId")}
	list, err := q.listParam("InstanceId", maxInstanceIDs)
	if err != nil {
		return a, err
	}
	if a.page, err = q.intParam("PageNumber", 1, 1, 1<<30); err != nil {
		return a, err
	}
	if a.size, err = q.intParam("PageSize", defaultPageSize, 1, maxStatusPageSize); err != nil {
		return a, err
	}
	if len(list) > 0 {
		a.ids = make(map[string]bool, len(list))
		for _, id := range list {
			a.ids[id] = true
		}
	}
	return a, nil
}

// describeInstanceStatus pages through the statuses of the region's instances, optionally only
// those named by InstanceId.N or in ZoneId.
func (s *Server) describeInstanceStatus(q *request, region string) (any, *apiError) {
	a, err := checkDescribeInstanceStatus(q)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	var match []instanceStatusJSON
	for _, in := range s.instances {
		if in.fix.RegionID != region || (a.ids != nil && !a.ids[in.fix.InstanceID]) || (a.zone != "" && in.fix.ZoneID != a.zone) {
			continue
		}
		in.settle(now)
		match = append(match, instanceStatusJSON{in.fix.InstanceID, in.statusAt(now)})
	}
	out := describeInstanceStatusJSON{RequestID: q.id, TotalCount: len(match), PageNumber: a.page, PageSize: a.size}
	out.InstanceStatuses.InstanceStatus = []instanceStatusJSON{}
	if from := (a.page - 1) * a.size; from < len(match) {
		out.InstanceStatuses.InstanceStatus = match[from:min(from+a.size, len(match))]
	}
	return out, nil
}
