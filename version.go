package main

import (
	"fmt"
	"io"
	"runtime/debug"
)

// version reports the module version, or the VCS revision a local build was stamped with.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := info.Main.Version
	var rev, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "-dirty"
			}
		}
	}
	if (v == "" || v == "(devel)") && rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		return "devel+" + rev + dirty
	}
	if v == "" {
		return "(devel)"
	}
	return v
}

func runVersion(_ []string, _ environ, _ io.Reader, stdout, _ io.Writer) int {
	fmt.Fprintf(stdout, "bootlog %s\n", version())
	return exitOK
}
