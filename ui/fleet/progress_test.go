package fleet

import (
	"strings"
	"testing"
	"time"
)

// TestProgressFigures: the figures the TUI header and the CLI line share, with the rate and the
// time left only once known and the failures only when there are some.
func TestProgressFigures(t *testing.T) {
	for _, tc := range []struct {
		p    Progress
		want string
	}{
		{Progress{Total: 40}, "0/40|0 throttled"},
		{Progress{Done: 12, Total: 40, Throttles: 1, Rate: 3.24, ETA: 8400 * time.Millisecond}, "12/40|3.2 calls/s|1 throttled|ETA 8s"},
		{Progress{Done: 40, Total: 40, Failed: 2, Rate: 5}, "40/40|5.0 calls/s|0 throttled|2 failed"},
	} {
		if got := strings.Join(tc.p.Figures(), "|"); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.p, got, tc.want)
		}
	}
}
