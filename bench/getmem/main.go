// Command getmem runs a command and reports its wall time and peak resident memory, for
// BenchmarkGetEndToEnd.
//
// The benchmark cannot read the peak from its own child: Go starts children with vfork, and Linux
// folds the memory high-water mark of the address space a process had before exec into its
// ru_maxrss — for a vfork child, the benchmark's own (tens of megabytes holding the test logs). A
// small process in between makes that inherited floor its own few megabytes, below anything bootlog
// uses.
//
// Usage:
//
//	getmem REPORT_FILE COMMAND [ARG...]
//
// The command gets getmem's environment, stdin, stdout and stderr. REPORT_FILE receives one line,
// "wall_ns=N maxrss_kib=N exit=N". getmem exits with the command's status, or 125 when it could
// not run it.
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"time"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	if len(args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: getmem REPORT_FILE COMMAND [ARG...]")
		return 125
	}
	report, argv := args[0], args[1:]
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		fmt.Fprintf(os.Stderr, "getmem: %v\n", err)
		return 125
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		fmt.Fprintln(os.Stderr, "getmem: no resource usage for the command")
		return 125
	}
	code := cmd.ProcessState.ExitCode()
	// Maxrss is in KiB on Linux.
	line := fmt.Sprintf("wall_ns=%d maxrss_kib=%d exit=%d\n", wall.Nanoseconds(), ru.Maxrss, code)
	if err := os.WriteFile(report, []byte(line), 0o600); err != nil {
		fmt.Fprintf(os.Stderr, "getmem: %v\n", err)
		return 125
	}
	return code
}
