package cli

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// Release builds stamp these with the linker, e.g.
//
//	go build -ldflags "-X github.com/bootlog/bootlog/ui/cli.buildVersion=v1.2.0
//	  -X github.com/bootlog/bootlog/ui/cli.buildCommit=$(git rev-parse HEAD)
//	  -X github.com/bootlog/bootlog/ui/cli.buildDate=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
//
// Unstamped builds fall back to what the Go toolchain recorded (debug.ReadBuildInfo): the module
// version of `go install ...@v1.2.0`, or the VCS revision of a local build.
var (
	buildVersion string
	buildCommit  string
	buildDate    string
)

// version is the version line's text after "bootlog ".
func version() string {
	v, commit, date := buildVersion, buildCommit, buildDate
	info, ok := debug.ReadBuildInfo()
	if v == "" {
		v = moduleVersion(info, ok)
	}
	if commit == "" && ok && buildVersion != "" {
		commit = setting(info, "vcs.revision")
	}
	var extra []string
	if commit != "" {
		extra = append(extra, "commit "+short(commit))
	}
	if date != "" {
		extra = append(extra, "built "+date)
	}
	switch len(extra) {
	case 1:
		v += " (" + extra[0] + ")"
	case 2:
		v += " (" + extra[0] + ", " + extra[1] + ")"
	}
	return v
}

// moduleVersion reports the module version, or the VCS revision a local build was stamped with.
func moduleVersion(info *debug.BuildInfo, ok bool) string {
	if !ok {
		return "unknown"
	}
	v := info.Main.Version
	rev, dirty := setting(info, "vcs.revision"), ""
	if setting(info, "vcs.modified") == "true" {
		dirty = "-dirty"
	}
	if (v == "" || v == "(devel)") && rev != "" {
		return "devel+" + short(rev) + dirty
	}
	if v == "" {
		return "(devel)"
	}
	return v
}

func setting(info *debug.BuildInfo, key string) string {
	for _, s := range info.Settings {
		if s.Key == key {
			return s.Value
		}
	}
	return ""
}

// short is a commit hash cut to the 12 characters git itself shows in most places.
func short(rev string) string {
	if len(rev) > 12 {
		return rev[:12]
	}
	return rev
}

func newVersionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Long:  "Prints the version: the release it was stamped with, the module version of `go install`, or the VCS revision of a local build.",
		Example: `  bootlog version
  bootlog --version`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprintf(cmd.OutOrStdout(), "bootlog %s\n", version())
			return err
		},
	}
}
