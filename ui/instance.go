package ui

import (
	"strings"

	"github.com/bootlog/bootlog/fetch"
)

// What the UI knows about an instance beyond what ECS says of it.

// consoleUnavailable explains why an instance's console cannot be fetched, or returns "".
func consoleUnavailable(in fetch.Instance) string {
	switch {
	case strings.EqualFold(in.OSType, "windows"):
		return "Windows instances do not write a serial console log: GetInstanceConsoleOutput supports Linux instances only. Use the instance screenshot or a VNC session instead."
	case in.Status == "Pending":
		return "This instance has not started yet, so ECS holds no console output for it. Its log appears after its first start."
	}
	return ""
}
