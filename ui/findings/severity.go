package findings

// Severity ranks findings; Summarize lists the most severe first.
type Severity int

// The severities, from least to most severe. The order is relied on by Summarize.
const (
	// Info marks lines worth seeing but not a failure by themselves (a stop job during shutdown).
	Info Severity = iota
	// Warning marks failures the system usually survives (a failed unit, an OOM kill).
	Warning
	// Critical marks failures that stop the boot or the kernel (panic, emergency mode, no root).
	Critical
)

// String returns the lower-case name of the severity.
func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Critical:
		return "critical"
	}
	return "unknown"
}
