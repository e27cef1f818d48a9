package config

import (
	"fmt"
	"regexp"
)

// regionEnvVars are the region variables the aliyun CLI reads, in its order.
var regionEnvVars = []string{
	"ALIBABA_CLOUD_REGION_ID",
	"ALIBABACLOUD_REGION_ID",
	"ALICLOUD_REGION_ID",
	"REGION_ID",
	"REGION",
}

// regionPattern is the SDK's own check in NewClientWithOptions; failing early here gives the
// operator the source of the bad value instead of an SDK error at the first request.
var regionPattern = regexp.MustCompile(`^[a-zA-Z0-9_-]+$`)

func validateRegion(r string) error {
	if !regionPattern.MatchString(r) {
		return fmt.Errorf("invalid region ID %q (want e.g. cn-hangzhou)", r)
	}
	return nil
}

// resolveRegion applies the precedence --region > the aliyun CLI's region variables > the chosen
// CLI profile's region_id > the settings file. The CLI itself puts the profile before the
// environment, but bootlog follows its own rule (environment beats files) so that a one-off
// `ALIBABA_CLOUD_REGION_ID=... bootlog` works whatever the profile says.
func resolveRegion(flag string, env func(string) string, prof *cliProfile, profSource Source, file *string, filePath string) (string, Source, error) {
	if flag != "" {
		if err := validateRegion(flag); err != nil {
			return "", "", fmt.Errorf("--region: %w", err)
		}
		return flag, "flag --region", nil
	}
	for _, name := range regionEnvVars {
		if v := env(name); v != "" {
			if err := validateRegion(v); err != nil {
				return "", "", fmt.Errorf("environment variable %s: %w", name, err)
			}
			return v, Source("env " + name), nil
		}
	}
	if prof != nil && prof.RegionID != "" {
		// A bad region_id written by another tool should not stop bootlog; the picker will open.
		if validateRegion(prof.RegionID) == nil {
			return prof.RegionID, Source(fmt.Sprintf("aliyun CLI profile %q region_id (%s)", prof.Name, profSource)), nil
		}
	}
	if file != nil && *file != "" {
		return *file, Source("file " + filePath), nil
	}
	return "", SourceDefault, nil
}

// RegionRequiredError is the usage error of a scripting command (`get`, `list`) run with no region
// configured anywhere; the TUI opens its region picker instead.
type RegionRequiredError struct{}

// Error says every way to set a region.
func (RegionRequiredError) Error() string {
	return "no region configured: pass --region (e.g. --region cn-hangzhou), set ALIBABA_CLOUD_REGION_ID, " +
		"set region_id in your aliyun CLI profile (aliyun configure), or add region = \"cn-hangzhou\" to the bootlog settings file"
}

// RequireRegion returns RegionRequiredError when no region was resolved.
func (c Config) RequireRegion() error {
	if c.Region == "" {
		return RegionRequiredError{}
	}
	return nil
}
