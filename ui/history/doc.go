// Package history keeps every console output bootlog fetches, because ECS keeps only the output
// of the last boot: once an instance reboots, the log of the boot that failed is gone unless
// someone saved it.
//
// A Store lays captures out as root/region/instance/NAME.log, one file per distinct output, with
// directories 0700 and files 0600 (console output can contain secrets that scripts echoed).
// Identical consecutive fetches are stored once, writes are atomic, and the oldest captures are
// pruned beyond a count and a byte bound per instance.
//
// NewLines compares two captures line by line so the viewer can mark what is new, and SaveFile
// writes a log for hand-off under a descriptive name without ever overwriting a file.
package history
