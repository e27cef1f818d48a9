package findings_test

import (
	"fmt"
	"time"

	"github.com/bootlog/bootlog/ui/findings"
)

func Example() {
	plain := []string{
		"[    0.000000] Linux version 5.15.0-91-generic",
		"[FAILED] Failed to start nginx.service - nginx.",
		"[   21.441230] systemd[1]: Failed to start nginx.service - nginx.",
		"[FAILED] Failed to mount /data.",
		"[   95.201122] Kernel panic - not syncing: Attempted to kill init!",
	}
	rules := findings.DefaultRules() // keep alive: findings point into it
	fs := findings.Scan(plain, rules)
	fmt.Println(findings.Summarize(fs))
	if f, ok := findings.Next(fs, 1); ok {
		fmt.Println("next after line 2:", f.Line+1, f.Rule.Name, f.Rule.Severity)
	}
	boot := time.Date(2026, 11, 26, 14, 0, 0, 0, time.UTC)
	s, _ := findings.WallClock(plain[4], boot)
	fmt.Println(s)
	// Output:
	// Kernel panic at line 5 · 2 units failed
	// next after line 2: 4 failed-unit warning
	// [2026-11-26 14:01:35.201] Kernel panic - not syncing: Attempted to kill init!
}
