package config

import (
	"os"
	"path/filepath"
	"slices"

	"gopkg.in/ini.v1"
)

// CompletionProfiles lists the profile names local files define, for shell completion of
// --profile: the aliyun CLI's config.json (ALIBABA_CLOUD_CONFIG_FILE or ~/.aliyun/config.json), the sections of the credentials file
// (ALIBABA_CLOUD_CREDENTIALS_FILE or ~/.alibabacloud/credentials) and the settings file's
// profile. It reads only local files and ignores any it cannot read.
func CompletionProfiles(env func(string) string, home, settingsFile string) []string {
	var names []string
	if cli, err := readCLIConfig(cliConfigPath(env, home)); err == nil {
		for _, p := range cli.Profiles {
			if p != nil {
				names = append(names, p.Name)
			}
		}
	}
	path := env("ALIBABA_CLOUD_CREDENTIALS_FILE")
	if path == "" {
		path = filepath.Join(home, ".alibabacloud", "credentials")
	}
	if _, err := os.Stat(path); err == nil {
		if f, err := ini.Load(path); err == nil {
			for _, s := range f.Sections() {
				if s.Name() != ini.DefaultSection {
					names = append(names, s.Name())
				}
			}
		}
	}
	if fs := completionSettings(env, home, settingsFile); fs.Profile != nil {
		names = append(names, *fs.Profile)
	}
	return cleanList(names)
}

// CompletionRegions lists the region IDs local files name, for shell completion of --region: each
// aliyun CLI profile's region_id and the settings file's region. Regions seen in listings come
// from the instance cache (LoadInstanceCache).
func CompletionRegions(env func(string) string, home, settingsFile string) []string {
	var regions []string
	if cli, err := readCLIConfig(cliConfigPath(env, home)); err == nil {
		for _, p := range cli.Profiles {
			if p != nil && p.RegionID != "" && validateRegion(p.RegionID) == nil {
				regions = append(regions, p.RegionID)
			}
		}
	}
	if fs := completionSettings(env, home, settingsFile); fs.Region != nil {
		regions = append(regions, *fs.Region)
	}
	return cleanList(regions)
}

// completionSettings reads the settings file named on the command line, or the default one; a bad
// file gives no suggestions rather than an error in the middle of the operator's typing.
func completionSettings(env func(string) string, home, settingsFile string) fileSettings {
	path := settingsFile
	if path == "" {
		path = DefaultSettingsPath(env, home)
	}
	fs, _, err := readSettingsFile(path, settingsFile != "")
	if err != nil {
		return fileSettings{}
	}
	return fs
}

// cleanList sanitises names for a completion menu (cleanName), drops empty ones, sorts and
// removes duplicates.
func cleanList(names []string) []string {
	out := make([]string, 0, len(names))
	for _, n := range names {
		if n = cleanName(n); n != "" {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
