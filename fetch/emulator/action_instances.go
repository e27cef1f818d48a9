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
	maxInstanceIDs    = 100
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

// describeInstances filters the region's instances (AND of every filter given, see filters.go)
// and answers one page, by PageNumber/PageSize or, when NextToken or MaxResults is given, by token.
func (s *Server) describeInstances(q *request, region string) (any, *apiError) {
	filter, err := parseInstanceFilter(q)
	if err != nil {
		return nil, err
	}
	dryRun, err := q.boolParam("DryRun", false)
	if err != nil {
		return nil, err
	}
	tokenMode := q.param("NextToken") != "" || q.param("MaxResults") != ""
	var offset, size, page int
	if tokenMode {
		if size, err = q.intParam("MaxResults", defaultPageSize, 1, maxPageSize); err != nil {
			return nil, err
		}
		if t := q.param("NextToken"); t != "" {
			var ok bool
			if offset, ok = decodeToken(t); !ok {
				return nil, invalidParameter("NextToken")
			}
		}
		page = offset/size + 1
	} else {
		if page, err = q.intParam("PageNumber", 1, 1, 1<<30); err != nil {
			return nil, err
		}
		if size, err = q.intParam("PageSize", defaultPageSize, 1, maxPageSize); err != nil {
			return nil, err
		}
		offset = (page - 1) * size
	}
	if dryRun {
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
		if filter.match(in, now) {
			match = append(match, in)
		}
	}
	out := describeInstancesJSON{RequestID: q.id, TotalCount: len(match), PageNumber: page, PageSize: size}
	out.Instances.Instance = []instanceJSON{}
	for i := offset; i < len(match) && i < offset+size; i++ {
		out.Instances.Instance = append(out.Instances.Instance, match[i].toJSON(now))
	}
	if tokenMode && offset+size < len(match) {
		out.NextToken = encodeToken(offset + size)
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

// wildcardMatch matches InstanceName's fuzzy filter: '*' stands for any run of characters;
// without one the name must match exactly.
func wildcardMatch(pattern, name string) bool {
	parts := strings.Split(pattern, "*")
	if len(parts) == 1 {
		return pattern == name
	}
	if !strings.HasPrefix(name, parts[0]) {
		return false
	}
	name = name[len(parts[0]):]
	last := parts[len(parts)-1]
	for _, p := range parts[1 : len(parts)-1] {
		i := strings.Index(name, p)
		if i < 0 {
			return false
		}
		name = name[i+len(p):]
	}
	return strings.HasSuffix(name, last)
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

// describeInstanceStatus pages through the statuses of the region's instances, optionally only
// those named by InstanceId.N or in ZoneId.
func (s *Server) describeInstanceStatus(q *request, region string) (any, *apiError) {
	list, err := q.listParam("InstanceId", maxInstanceIDs)
	if err != nil {
		return nil, err
	}
	page, err := q.intParam("PageNumber", 1, 1, 1<<30)
	if err != nil {
		return nil, err
	}
	size, err := q.intParam("PageSize", defaultPageSize, 1, maxStatusPageSize)
	if err != nil {
		return nil, err
	}
	var ids map[string]bool
	if len(list) > 0 {
		ids = map[string]bool{}
		for _, id := range list {
			ids[id] = true
		}
	}
	zone := q.param("ZoneId")

	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	var match []instanceStatusJSON
	for _, in := range s.instances {
		if in.fix.RegionID != region || (ids != nil && !ids[in.fix.InstanceID]) || (zone != "" && in.fix.ZoneID != zone) {
			continue
		}
		in.settle(now)
		match = append(match, instanceStatusJSON{in.fix.InstanceID, in.statusAt(now)})
	}
	out := describeInstanceStatusJSON{RequestID: q.id, TotalCount: len(match), PageNumber: page, PageSize: size}
	out.InstanceStatuses.InstanceStatus = []instanceStatusJSON{}
	if from := (page - 1) * size; from < len(match) {
		out.InstanceStatuses.InstanceStatus = match[from:min(from+size, len(match))]
	}
	return out, nil
}
