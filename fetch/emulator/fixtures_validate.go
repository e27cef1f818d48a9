package emulator

import (
	"errors"
	"fmt"
	"net/netip"
	"regexp"
	"strings"
	"time"
)

// Instance states and OS types the fixtures accept, in the order the messages list them.
var (
	instanceStatuses = []string{"Pending", "Starting", "Running", "Stopping", "Stopped"}
	osTypes          = []string{"linux", "windows"}
	regionStatuses   = []string{"available", "soldOut"}
)

// knownActions are the actions the emulator serves; a fault may name any of them.
var knownActions = []string{
	"DescribeRegions", "DescribeInstances", "DescribeInstanceStatus",
	"GetInstanceConsoleOutput", "GetInstanceScreenshot", "RebootInstance",
	"StartInstance", "DescribeInstanceVncUrl",
}

// regionIDPattern is the SDK's own check on region IDs; a fixture region the SDK could not even
// address would be useless.
var regionIDPattern = regexp.MustCompile(`^[a-zA-Z0-9_-]+$`)

// minuteLayout is the minute-precision UTC form DescribeInstances answers times in.
const minuteLayout = "2006-01-02T15:04Z"

// parseFixtureTime accepts the two forms fixtures use: RFC 3339 and DescribeInstances' own
// minute-precision form.
func parseFixtureTime(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(minuteLayout, s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%q is not an RFC 3339 time such as 2026-11-20T10:04:57Z", s)
}

// Validate checks the whole world and returns every problem found, one per line, each naming
// its field the way it is spelled in the JSON file (instances[3].status). Validate does not
// open console files; LoadFixtures and New do.
func (f *Fixtures) Validate() error {
	if f == nil {
		return errors.New("fixtures: nil")
	}
	var errs []error
	bad := func(field, format string, a ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", field, fmt.Sprintf(format, a...)))
	}
	if len(f.Regions) == 0 {
		bad("regions", "at least one region is required")
	}
	regions := map[string]bool{}
	for i, r := range f.Regions {
		p := fmt.Sprintf("regions[%d]", i)
		switch {
		case r.RegionID == "":
			bad(p+".regionId", "is empty")
		case !regionIDPattern.MatchString(r.RegionID):
			bad(p+".regionId", "%q is not a region ID such as cn-hangzhou", r.RegionID)
		case regions[r.RegionID]:
			bad(p+".regionId", "%q appears twice", r.RegionID)
		}
		regions[r.RegionID] = true
		if r.Status != "" && !oneOf(r.Status, regionStatuses) {
			bad(p+".status", "%q is not one of %s", r.Status, strings.Join(regionStatuses, ", "))
		}
	}
	ids := map[string]bool{}
	for i, in := range f.Instances {
		p := fmt.Sprintf("instances[%d]", i)
		if !regions[in.RegionID] {
			if in.RegionID == "" {
				bad(p+".regionId", "is empty")
			} else {
				bad(p+".regionId", "%q is not one of the regions", in.RegionID)
			}
		}
		switch {
		case in.InstanceID == "":
			bad(p+".instanceId", "is empty")
		case strings.ContainsAny(in.InstanceID, " \t\r\n\"[],"):
			bad(p+".instanceId", "%q contains a space, quote, comma or bracket", in.InstanceID)
		case ids[in.InstanceID]:
			bad(p+".instanceId", "%q appears twice", in.InstanceID)
		}
		ids[in.InstanceID] = true
		if !oneOf(in.Status, instanceStatuses) {
			bad(p+".status", "%q is not one of %s", in.Status, strings.Join(instanceStatuses, ", "))
		}
		if !oneOf(in.OSType, osTypes) {
			bad(p+".osType", "%q is not one of %s", in.OSType, strings.Join(osTypes, ", "))
		}
		for _, a := range []struct{ name, v string }{{"privateIp", in.PrivateIP}, {"publicIp", in.PublicIP}, {"eip", in.EIP}} {
			if a.v == "" {
				continue
			}
			if _, err := netip.ParseAddr(a.v); err != nil {
				bad(p+"."+a.name, "%q is not an IP address", a.v)
			}
		}
		for _, t := range []struct{ name, v string }{{"creationTime", in.CreationTime}, {"startTime", in.StartTime}} {
			if t.v == "" {
				continue
			}
			if _, err := parseFixtureTime(t.v); err != nil {
				bad(p+"."+t.name, "%v", err)
			}
		}
		if c := in.Console; c != nil {
			set := 0
			for _, v := range []string{c.Text, c.Base64, c.File} {
				if v != "" {
					set++
				}
			}
			if set > 1 {
				bad(p+".console", "give only one of text, base64 and file")
			}
			if c.LastUpdateTime != "" {
				if _, err := parseFixtureTime(c.LastUpdateTime); err != nil {
					bad(p+".console.lastUpdateTime", "%v", err)
				}
			}
		}
		if ft := in.Fault; ft != nil {
			if err := ft.validate(); err != nil {
				bad(p+".fault"+err.field, "%s", err.msg)
			}
		}
	}
	return errors.Join(errs...)
}

// fieldError is a validation problem of one field below the value being validated.
type fieldError struct{ field, msg string }

// validate checks one fault; SetFault uses it too.
func (f *FaultFixture) validate() *fieldError {
	if !oneOf(f.Action, knownActions) {
		return &fieldError{".action", fmt.Sprintf("%q is not one of %s", f.Action, strings.Join(knownActions, ", "))}
	}
	if f.HTTPStatus != 0 && (f.HTTPStatus < 200 || f.HTTPStatus > 599) {
		return &fieldError{".httpStatus", fmt.Sprintf("%d is not an HTTP status between 200 and 599", f.HTTPStatus)}
	}
	if f.Times < 0 {
		return &fieldError{".times", fmt.Sprintf("%d is negative (0 means every call)", f.Times)}
	}
	if f.Delay != "" {
		d, err := time.ParseDuration(f.Delay)
		if err != nil || d < 0 {
			return &fieldError{".delay", fmt.Sprintf("%q is not a duration such as 30s", f.Delay)}
		}
	}
	if f.Code == "" && f.Body == "" && f.Delay == "" {
		return &fieldError{"", "give at least one of code, body and delay"}
	}
	return nil
}

func oneOf(s string, set []string) bool {
	for _, v := range set {
		if s == v {
			return true
		}
	}
	return false
}
