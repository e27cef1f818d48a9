package ui

import (
	"strings"

	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/ui/console"
)

// What the UI knows about an instance beyond what ECS says of it, and how what ECS says is made
// safe to show. Every string ECS sends can carry terminal escapes (an instance named
// "web\x1b]52;c;…\a" would write the clipboard through the window title), so each one passes
// console.SafeLine once, where it enters ui: the instance list, the region list, the reboot watch's
// statuses, the errors in every command's answer. Nothing downstream sanitises again.

// safeInstance returns in with every string made safe to display.
func safeInstance(in fetch.Instance) fetch.Instance {
	for _, p := range []*string{&in.ID, &in.Name, &in.HostName, &in.Status, &in.Type, &in.RegionID, &in.Zone, &in.OSType, &in.OSName, &in.EIP} {
		*p = console.SafeLine(*p)
	}
	in.PrivateIPs = safeLines(in.PrivateIPs)
	in.PublicIPs = safeLines(in.PublicIPs)
	return in
}

// safeInstances copies a page of instances, each made safe to display; the page itself belongs
// to the client's goroutine.
func safeInstances(batch []fetch.Instance) []fetch.Instance {
	out := make([]fetch.Instance, len(batch))
	for i, in := range batch {
		out[i] = safeInstance(in)
	}
	return out
}

// safeRegions copies the region list, every string made safe to display.
func safeRegions(rs []fetch.Region) []fetch.Region {
	out := make([]fetch.Region, len(rs))
	for i, r := range rs {
		out[i] = fetch.Region{ID: console.SafeLine(r.ID), LocalName: console.SafeLine(r.LocalName),
			Endpoint: console.SafeLine(r.Endpoint), Status: console.SafeLine(r.Status)}
	}
	return out
}

// safeLines returns a copy of ss with every element made safe to display.
func safeLines(ss []string) []string {
	if ss == nil {
		return nil
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = console.SafeLine(s)
	}
	return out
}

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
