// Package fleet answers the question an operator asks after a reboot wave: which instances did
// not come back, and why. It scans the console output of many instances (Scanner.Scan) under the
// fetch client's rate limiter with bounded concurrency, runs the findings rules on each log, and
// keeps per instance a small Summary — health, the top findings with their line numbers, the
// last update time, whether the log predates the last start — while the log itself is dropped,
// so memory grows with the number of instances, not with the size of their logs.
//
// After a reboot wave, Scanner.Rescan fetches only the instances whose StartTime is newer than
// the log they were judged on, and Scanner.WaitStale re-polls the instances whose log is still
// from the previous boot until they write a new one or a timeout passes.
//
// The package holds no Bubble Tea state: the TUI and `bootlog scan` both drive it, the first
// through its Progress callback, the second through Records (the JSON shape) and ExitCode.
package fleet
