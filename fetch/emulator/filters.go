package emulator

import (
	"encoding/json"
	"net"
	"strings"
	"time"
)

// maxFilterAddresses is the documented limit of PrivateIpAddresses, PublicIpAddresses and
// EipAddresses: JSON arrays of at most 100 addresses, like InstanceIds.
const maxFilterAddresses = 100

// maxInstanceIDs bounds the instance IDs one request names: the InstanceIds filter of
// DescribeInstances and the InstanceId.N list of DescribeInstanceStatus.
const maxInstanceIDs = 100

// instanceFilter is the AND of DescribeInstances' filters that the emulator understands. A nil
// set means the parameter was absent; an empty one (the client sent "[]") matches nothing, as
// the reference says of InstanceIds.
type instanceFilter struct {
	ids, private, public, eip map[string]bool
	status, name, zone, typ   string
}

// parseInstanceFilter reads the filter parameters of a DescribeInstances request. Malformed
// InstanceIds answer InvalidInstanceIds.Malformed (its documented code); a malformed address
// list answers InvalidParameter naming the parameter, since the reference documents no more
// specific code for those.
func parseInstanceFilter(q *request) (*instanceFilter, *apiError) {
	f := &instanceFilter{}
	var err *apiError
	if f.ids, err = jsonSetParam(q, "InstanceIds", maxInstanceIDs, nil, errInstanceIDsMalformed); err != nil {
		return nil, err
	}
	for _, p := range []struct {
		name string
		dst  *map[string]bool
	}{{"PrivateIpAddresses", &f.private}, {"PublicIpAddresses", &f.public}, {"EipAddresses", &f.eip}} {
		if *p.dst, err = jsonSetParam(q, p.name, maxFilterAddresses, validIP, invalidParameter(p.name)); err != nil {
			return nil, err
		}
	}
	f.status = q.param("Status")
	if f.status != "" && !oneOf(f.status, instanceStatuses) {
		return nil, errStatusNotFound
	}
	f.name = q.param("InstanceName")
	f.zone, f.typ = q.param("ZoneId"), q.param("InstanceType")
	return f, nil
}

// jsonSetParam reads a parameter sent as a JSON array of strings, such as InstanceIds=["i-1"].
// Absent or empty means no filter (nil). More than max items, anything but an array of
// strings, or an item that valid rejects is bad.
func jsonSetParam(q *request, name string, max int, valid func(string) bool, bad *apiError) (map[string]bool, *apiError) {
	raw, ok := q.params[name]
	if !ok || raw == "" {
		return nil, nil
	}
	var list []string
	if err := json.Unmarshal([]byte(raw), &list); err != nil || len(list) > max {
		return nil, bad
	}
	set := make(map[string]bool, len(list))
	for _, v := range list {
		if valid != nil && !valid(v) {
			return nil, bad
		}
		set[v] = true
	}
	return set, nil
}

// validIP accepts the dotted IPv4 addresses ECS hands out (the address filters take IPv4 only;
// IPv6 has its own Ipv6Address.N parameter).
func validIP(s string) bool {
	ip := net.ParseIP(s)
	return ip != nil && ip.To4() != nil
}

// match reports whether the instance passes every filter at now; settle must have run for now.
// Only the primary address of each kind is matched, because that is all a fixture has.
func (f *instanceFilter) match(in *instance, now time.Time) bool {
	switch {
	case f.ids != nil && !f.ids[in.fix.InstanceID],
		f.private != nil && !f.private[in.fix.PrivateIP],
		f.public != nil && !f.public[in.fix.PublicIP],
		f.eip != nil && !f.eip[in.fix.EIP],
		f.status != "" && in.statusAt(now) != f.status,
		f.name != "" && !wildcardMatch(f.name, in.fix.InstanceName),
		f.zone != "" && in.fix.ZoneID != f.zone,
		f.typ != "" && in.fix.InstanceType != f.typ:
		return false
	}
	return true
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
