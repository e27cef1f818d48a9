package emulator

import (
	"fmt"
	"strconv"
)

// boolParam reads a Boolean parameter: absent is def, "true"/"false" (as the SDK sends them) are
// the values, anything else is InvalidParameter.
func (q *request) boolParam(name string, def bool) (bool, *apiError) {
	v, ok := q.params[name]
	if !ok || v == "" {
		return def, nil
	}
	switch v {
	case "true", "True", "TRUE":
		return true, nil
	case "false", "False", "FALSE":
		return false, nil
	}
	return false, invalidParameter(name)
}

// intParam reads an integer parameter in [lo, hi]: absent is def, anything else outside the
// range or not a number is InvalidParameter.
func (q *request) intParam(name string, def, lo, hi int) (int, *apiError) {
	v, ok := q.params[name]
	if !ok || v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, invalidParameter(name)
	}
	return n, nil
}

// listParam reads a repeated parameter sent as Name.1, Name.2, ... up to max items. A gap
// ends the list, as it does for the real service.
func (q *request) listParam(name string, max int) ([]string, *apiError) {
	var out []string
	for i := 1; ; i++ {
		v, ok := q.params[fmt.Sprintf("%s.%d", name, i)]
		if !ok {
			break
		}
		if i > max {
			return nil, invalidParameter(name)
		}
		out = append(out, v)
	}
	return out, nil
}

// instanceParam finds the instance named by the required InstanceId parameter in region.
// An instance of another region does not exist as far as this region's endpoint knows.
// Call with s.mu held.
func (s *Server) instanceParam(q *request, region string) (*instance, *apiError) {
	id := q.param("InstanceId")
	if id == "" {
		return nil, missingParameter("InstanceId")
	}
	in := s.byID[id]
	if in == nil || in.fix.RegionID != region {
		return nil, errInstanceNotFound
	}
	in.settle(s.now())
	return in, nil
}

// instanceActions are the actions about one instance: InstanceId is required, and only that
// instance's injected fault applies to them.
var instanceActions = []string{
	"GetInstanceConsoleOutput", "GetInstanceScreenshot", "RebootInstance", "StartInstance", "DescribeInstanceVncUrl",
}

// boolParams are the Boolean parameters of the instance actions, checked before any fault.
var boolParams = map[string][]string{
	"GetInstanceConsoleOutput": {"RemoveSymbols"},
	"GetInstanceScreenshot":    {"WakeUp"},
	"RebootInstance":           {"ForceStop", "DryRun"},
	"StartInstance":            {"DryRun", "InitLocalDisk"},
}

// checkParams checks what a request says about itself, before any injected fault can answer
// it: a client that leaves out InstanceId gets MissingParameter, as from the real API, not
// another instance's Throttling. Whether the named instance exists, and its state, are checked by
// the action itself.
func checkParams(q *request) *apiError {
	for _, name := range boolParams[q.action] {
		if _, err := q.boolParam(name, false); err != nil {
			return err
		}
	}
	if oneOf(q.action, instanceActions) && q.param("InstanceId") == "" {
		return missingParameter("InstanceId")
	}
	switch q.action {
	case "DescribeRegions":
		return checkDescribeRegions(q)
	case "DescribeInstances":
		_, err := checkDescribeInstances(q)
		return err
	case "DescribeInstanceStatus":
		_, err := checkDescribeInstanceStatus(q)
		return err
	}
	return nil
}
