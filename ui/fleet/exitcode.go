package fleet

// The exit codes of `bootlog scan`, for monitoring scripts.
const (
	// ExitClean: nothing is critical or warning (stale, none and unknown instances do not count).
	ExitClean = 0
	// ExitAPIFailure: the scan as a whole failed (listing failed, or every console call did).
	ExitAPIFailure = 1
	// ExitUsage: bad flags or arguments.
	ExitUsage = 2
	// ExitProblems: at least one instance is critical or warning.
	ExitProblems = 4
)

// ExitCode is the exit status of a scan that returned sums and err (err from listing the
// instances or from Scan). A scan where calls were made and every one failed is a failure of
// the whole scan (credentials, permissions, the network), not a fleet of unknowns; a scan where
// only some failed reports those as Unknown and exits on what it could judge.
func ExitCode(sums []Summary, err error) int {
	if err != nil {
		return ExitAPIFailure
	}
	failed, fetched, problems := 0, 0, false
	for _, s := range sums {
		switch {
		case s.Fetched:
			fetched++
		case s.Err != "":
			failed++
		}
		problems = problems || s.Health.IsProblem()
	}
	switch {
	case failed > 0 && fetched == 0:
		return ExitAPIFailure
	case problems:
		return ExitProblems
	}
	return ExitClean
}
