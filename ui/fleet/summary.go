package fleet

import (
	"cmp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/ui/console"
	"github.com/bootlog/bootlog/ui/findings"
)

// Summary is what a scan keeps of one instance: a few hundred bytes however long its log was.
// Strings that came from the server (name, error, finding text) are display-safe.
type Summary struct {
	InstanceID string
	Name       string
	Region     string
	Status     string // as DescribeInstances gave it when the scan started
	OSType     string
	// StartTime is the instance's last start as DescribeInstances gave it (minute precision);
	// zero if it never started.
	StartTime time.Time

	Health Health
	// LastUpdate is the console output's LastUpdateTime; zero when unknown.
	LastUpdate time.Time
	// Stale is true when LastUpdate predates StartTime: the log is from an earlier boot.
	Stale bool
	// ReachedLogin is true when the log shows a login prompt.
	ReachedLogin bool
	// Findings are the most severe findings (at most Options.MaxFindings), worst first, then by
	// line; FindingCount counts them all.
	Findings     []Finding
	FindingCount int
	// Lines is the number of lines of the log judged.
	Lines int
	// Fetched is true when the console call succeeded (even with an empty output).
	Fetched bool
	// Err is why the console call failed (Health Unknown), or "" when it did not.
	Err string
	// Note says why an instance has no health to judge ("Windows: no serial console").
	Note string
	// ScannedAt is when the summary was made; zero when never scanned.
	ScannedAt time.Time
}

// Finding is one finding of a Summary, with the line number (1-based, as the viewer's gutter
// shows it) to jump to.
type Finding struct {
	Severity findings.Severity
	Kind     string // the rule's name, e.g. "kernel-panic"
	Summary  string // the rule's summary, e.g. "Kernel panic"
	Line     int
	Text     string // the line, display-safe, at most maxFindingText bytes
}

// maxFindingText bounds the text kept per finding: enough for the table and the JSON, and a
// hostile 1 MB line costs 240 bytes, not 1 MB.
const maxFindingText = 240

// newSummary starts the summary of an instance, before any call.
func newSummary(in fetch.Instance) Summary {
	return Summary{
		InstanceID: console.SafeLine(in.ID),
		Name:       console.SafeLine(in.Name),
		Region:     console.SafeLine(in.RegionID),
		Status:     console.SafeLine(in.Status),
		OSType:     in.OSType,
		StartTime:  in.StartTime,
	}
}

// topFindings orders findings worst first, then by line, and keeps at most n, each with its
// text shortened and copied: the text is a line of the rendered log, and a substring of it
// would keep the whole log alive.
func topFindings(fs []findings.Finding, n int) []Finding {
	sorted := slices.Clone(fs)
	slices.SortStableFunc(sorted, func(a, b findings.Finding) int {
		if c := cmp.Compare(b.Rule.Severity, a.Rule.Severity); c != 0 {
			return c
		}
		return cmp.Compare(a.Line, b.Line)
	})
	out := make([]Finding, 0, min(n, len(sorted)))
	for _, f := range sorted[:min(n, len(sorted))] {
		out = append(out, Finding{
			Severity: f.Rule.Severity,
			Kind:     f.Rule.Name,
			Summary:  f.Rule.Summary,
			Line:     f.Line + 1,
			Text:     strings.Clone(shorten(strings.TrimSpace(f.Text), maxFindingText)),
		})
	}
	return out
}

// shorten cuts s to at most max bytes on a rune boundary, marking the cut with "…".
func shorten(s string, max int) string {
	if len(s) <= max {
		return s
	}
	cut := max - len("…")
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// Record is one instance in `bootlog scan --json`, the shape monitoring scripts read. Times are
// RFC 3339 in UTC; lastUpdateTime and error are null when there is none (so that jq's
// `select(.error)` works), and findings is an array, empty rather than null.
type Record struct {
	InstanceID     string          `json:"instanceId"`
	Name           string          `json:"name"`
	Region         string          `json:"region"`
	Status         string          `json:"status"`
	Health         Health          `json:"health"`
	LastUpdateTime *string         `json:"lastUpdateTime"`
	Findings       []RecordFinding `json:"findings"`
	Error          *string         `json:"error"`
}

// RecordFinding is one finding in a Record.
type RecordFinding struct {
	Severity string `json:"severity"`
	Kind     string `json:"kind"`
	Line     int    `json:"line"`
	Text     string `json:"text"`
}

// Records converts summaries to the JSON shape, in the same order.
func Records(sums []Summary) []Record {
	out := make([]Record, 0, len(sums))
	for _, s := range sums {
		r := Record{
			InstanceID: s.InstanceID, Name: s.Name, Region: s.Region, Status: s.Status, Health: s.Health,
			Findings: make([]RecordFinding, 0, len(s.Findings)),
		}
		if !s.LastUpdate.IsZero() {
			t := s.LastUpdate.UTC().Format(time.RFC3339)
			r.LastUpdateTime = &t
		}
		if s.Err != "" {
			e := s.Err
			r.Error = &e
		}
		for _, f := range s.Findings {
			r.Findings = append(r.Findings, RecordFinding{Severity: f.Severity.String(), Kind: f.Kind, Line: f.Line, Text: f.Text})
		}
		out = append(out, r)
	}
	return out
}

// SortWorstFirst orders summaries by health, worst first (Healths), keeping the given order
// within one health.
func SortWorstFirst(sums []Summary) {
	slices.SortStableFunc(sums, func(a, b Summary) int { return cmp.Compare(a.Health.Rank(), b.Health.Rank()) })
}

// Problems returns the summaries whose health IsProblem, in order: the "problems only" view.
func Problems(sums []Summary) []Summary {
	var out []Summary
	for _, s := range sums {
		if s.Health.IsProblem() {
			out = append(out, s)
		}
	}
	return out
}

// Count tallies the summaries per health.
func Count(sums []Summary) map[Health]int {
	m := map[Health]int{}
	for _, s := range sums {
		m[s.Health]++
	}
	return m
}
