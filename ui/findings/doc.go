// Package findings recognises the console lines an operator looks for when a VM did not come
// back: kernel panics and oopses, OOM kills, fsck and emergency-mode failures, dracut timeouts,
// failed systemd units and hanging start jobs, cloud-init errors, and firmware or GRUB boot
// failures.
//
// The rules live in one table (DefaultRules, in rules.go). Each rule pairs a regular expression
// with literal needles: Scan walks every line once, looks for the needles' first two bytes through
// a 64 KiB lookup table, and runs a rule's regexp only on lines that contain one of its needles.
// Regexps in Go are linear but not cheap, and most console lines match nothing, so the prefilter
// is what keeps a million-line log well under a second (see BenchmarkScan).
//
// The package works on rendered plain lines (console.Document.Plain): no escape sequences, no
// tabs, no controls. Line numbers in a Finding are 0-based indexes into that slice; Summarize
// prints them 1-based, as the viewer's gutter does.
//
// FindBoots splits a log into boots (the previous boot's shutdown, firmware, GRUB, the kernel from
// "[    0.000000]"), and Boots.Anchor dates each boot's kernel timestamps on its own start: the
// last boot from ECS's LastUpdateTime, earlier ones only from a clock line in the log itself,
// and never later than the fetch.
//
// Assess judges a log for the fleet view: the Health of its last boot (critical, warning, ok, or
// unknown while the boot shows no verdict), whether it reached a login prompt, and the findings
// of every boot. Health also has the values only the caller can decide (stale, none, unknown with
// an error), a glyph per value readable without colour, and a worst-first order.
//
// KernelTime and WallClock parse and rewrite the "[   12.345678]" prefix the kernel puts on its
// messages, for showing kernel time as wall-clock time once the boot time is known.
package findings
