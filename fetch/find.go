package fetch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"regexp"
	"strings"
)

// QueryKind says which DescribeInstances filter Find uses for what the operator typed.
type QueryKind int

// The query kinds. An alert names a host, an address or an ID; each maps to its own filter.
const (
	// QueryID is an instance ID ("i-bp1..."), searched with InstanceIds; when no region has it,
	// the same text is tried as an exact name, since a name may look like an ID.
	QueryID QueryKind = iota + 1
	// QueryIP is an IPv4 address, searched as a private, a public and an elastic IP.
	QueryIP
	// QueryName is an instance name, matched exactly.
	QueryName
	// QueryPattern is an instance name with '*' wildcards, as InstanceName allows.
	QueryPattern
)

// String names the kind for messages ("no instance with name web-1 in 28 regions").
func (k QueryKind) String() string {
	switch k {
	case QueryID:
		return "ID"
	case QueryIP:
		return "IP address"
	case QueryName:
		return "name"
	case QueryPattern:
		return "name pattern"
	}
	return "query"
}

// FindQuery is a parsed Find query.
type FindQuery struct {
	Text string
	Kind QueryKind
}

// Filters are the DescribeInstances parameters the query is sent as, for saying where Find looked.
func (q FindQuery) Filters() []string {
	switch q.Kind {
	case QueryID:
		return []string{"InstanceIds", "InstanceName"}
	case QueryIP:
		return []string{"PrivateIpAddresses", "PublicIpAddresses", "EipAddresses"}
	}
	return []string{"InstanceName"}
}

// maxNameLength is ECS's limit on instance names; longer text cannot be a name.
const maxNameLength = 128

// idPattern is the shape of an instance ID: "i-" and lowercase letters and digits (20 of them
// in practice; older IDs are shorter).
var idPattern = regexp.MustCompile(`^i-[0-9a-z]{2,40}$`)

// ParseFindQuery classifies what the operator typed: an instance ID, an IPv4 address, a name
// with '*' wildcards, or else an exact name. Surrounding spaces are ignored. Empty text, text
// longer than a name can be, text with control characters, and IPv6 addresses (which the
// address filters do not take) are a KindInvalidRequest error.
func ParseFindQuery(s string) (FindQuery, error) {
	s = strings.TrimSpace(s)
	bad := func(format string, a ...any) (FindQuery, error) {
		return FindQuery{}, &Error{Kind: KindInvalidRequest, Op: "DescribeInstances", Message: fmt.Sprintf(format, a...),
			Hint: "give an instance ID (i-...), an IPv4 address, or an instance name (with * as a wildcard)"}
	}
	switch {
	case s == "":
		return bad("nothing to find")
	case len(s) > maxNameLength:
		return bad("%d characters is longer than any instance name, ID or address", len(s))
	case strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }):
		return bad("the query contains control characters")
	case idPattern.MatchString(s):
		return FindQuery{s, QueryID}, nil
	}
	if ip := net.ParseIP(s); ip != nil {
		if ip.To4() == nil {
			return bad("%s is an IPv6 address; ECS finds instances by IPv4 address only", s)
		}
		return FindQuery{ip.To4().String(), QueryIP}, nil
	}
	if strings.Contains(s, "*") {
		return FindQuery{s, QueryPattern}, nil
	}
	return FindQuery{s, QueryName}, nil
}

// RegionError is the failure of one region during Find; the other regions still answer.
type RegionError struct {
	Region string
	Err    error
}

// Error names the region and the failure.
func (e RegionError) Error() string { return e.Region + ": " + e.Err.Error() }

// Unwrap returns the failure, an *Error.
func (e RegionError) Unwrap() error { return e.Err }

// FindResult is everything Find learnt: the candidates with their regions (Instance.RegionID),
// the regions that answered, the ones that failed and why, and the regions where more instances
// matched than one page holds.
type FindResult struct {
	Query      FindQuery
	Candidates []Instance
	Searched   []string
	Failed     []RegionError
	// Truncated lists regions where a pattern matched more than findPageSize instances; only the
	// first findPageSize of each are candidates.
	Truncated []string
}

// findPageSize bounds the candidates per region and filter to one page: a finder lists a
// handful of matches, and a pattern such as "*" must not page through 50,000 instances.
const findPageSize = 100

// Find looks for the instance the operator named (see ParseFindQuery) in every region of regions,
// or of DescribeRegions when regions is empty, the regions concurrently (at most
// Options.PageConcurrency at a time, each under its own rate limit). A region that fails is
// recorded in Failed and the others still answer.
//
// The error is non-nil only when nothing could be searched: a bad query, a failed region list,
// or every region failing (then it joins their errors). No candidates and a nil error means the
// instance is in none of Searched.
func (c *Client) Find(ctx context.Context, query string, regions []string) (FindResult, error) {
	q, err := ParseFindQuery(query)
	if err != nil {
		return FindResult{}, err
	}
	res := FindResult{Query: q}
	if len(regions) == 0 {
		rs, err := c.Regions(ctx)
		if err != nil {
			return res, fmt.Errorf("find %s: list regions: %w", q.Text, err)
		}
		for _, r := range rs {
			regions = append(regions, r.ID)
		}
	}
	type answer struct {
		found     []Instance
		truncated bool
		err       error
	}
	answers := make([]answer, len(regions))
	c.eachRegion(ctx, regions, func(i int, region string) {
		a := &answers[i]
		a.found, a.truncated, a.err = c.findInRegion(ctx, region, q)
	}, func(i int, region string, err error) {
		answers[i].err = err
	})

	seen := map[string]bool{}
	var errs []error
	for i, a := range answers {
		if a.err != nil {
			res.Failed = append(res.Failed, RegionError{regions[i], a.err})
			errs = append(errs, RegionError{regions[i], a.err})
			continue
		}
		res.Searched = append(res.Searched, regions[i])
		if a.truncated {
			res.Truncated = append(res.Truncated, regions[i])
		}
		for _, in := range a.found {
			if !seen[in.ID] {
				seen[in.ID] = true
				res.Candidates = append(res.Candidates, in)
			}
		}
	}
	if len(res.Searched) == 0 && len(errs) > 0 {
		return res, fmt.Errorf("find %s: every region failed: %w", q.Text, errors.Join(errs...))
	}
	return res, nil
}

// findInRegion sends the query's filters to one region, one after the other, and stops at the
// first failure. An ID that matches nothing is tried as an exact name.
func (c *Client) findInRegion(ctx context.Context, region string, q FindQuery) (found []Instance, truncated bool, err error) {
	list, _ := json.Marshal([]string{q.Text})
	var filters [][2]string
	switch q.Kind {
	case QueryID:
		filters = [][2]string{{"InstanceIds", string(list)}}
	case QueryIP:
		filters = [][2]string{{"PrivateIpAddresses", string(list)}, {"PublicIpAddresses", string(list)}, {"EipAddresses", string(list)}}
	default:
		filters = [][2]string{{"InstanceName", q.Text}}
	}
	for _, f := range filters {
		p, err := c.describeFiltered(ctx, region, f[0], f[1])
		if err != nil {
			return nil, false, err
		}
		found = append(found, p.instances...)
		truncated = truncated || p.total > len(p.instances)
	}
	if q.Kind == QueryID && len(found) == 0 {
		p, err := c.describeFiltered(ctx, region, "InstanceName", q.Text)
		if err != nil {
			return nil, false, err
		}
		found = p.instances
	}
	return found, truncated, nil
}

// describeFiltered fetches the first page of DescribeInstances with one filter parameter.
func (c *Client) describeFiltered(ctx context.Context, region, param, value string) (page, error) {
	return c.describeInstances(ctx, region, 1, findPageSize, param, value)
}
