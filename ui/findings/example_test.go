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

func ExampleFindBoots() {
	plain := []string{
		"[2000002.118000] reboot: Restarting system",
		"SeaBIOS (version 1.16.0-4.al8)",
		"      Booting `Alibaba Cloud Linux (5.10.134-16.al8.x86_64) 3'",
		"[    0.000000] Linux version 5.10.134-16.al8.x86_64",
		"[   25.000000] cloud-init[1102]: Cloud-init v. 23.4 finished.",
		"web-1 login: ",
	}
	fetched := time.Date(2026, 11, 30, 10, 0, 5, 0, time.UTC)
	lastUpdate := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC) // ECS's LastUpdateTime
	boots := findings.FindBoots(plain).Anchor(plain, lastUpdate, fetched)
	for i := range boots.Count() {
		b := boots.Boot(i)
		kernel := "no kernel start"
		if b.Kernel >= 0 {
			kernel = "kernel at line " + findings.Thousands(b.Kernel+1)
		}
		fmt.Printf("lines %d-%d, %s: %s\n", b.First+1, b.End, kernel, boots.Label(i))
	}
	fmt.Println(boots.Status(4))
	if next, ok := boots.Next(0); ok {
		fmt.Println("} goes to line", next+1)
	}
	_, ok := boots.WallClock(0, plain[0])
	fmt.Println("previous boot dated:", ok)
	s, _ := boots.WallClock(4, plain[4])
	fmt.Println(s)
	a := findings.Assess(plain, findings.DefaultRules())
	fmt.Println(a.Health.Label(), "·", a.Reason)
	// Output:
	// lines 1-1, no kernel start: boot 1 of 2 · began before this log
	// lines 2-6, kernel at line 4: boot 2 of 2 · started 2026-11-30 09:59:35 +00:00
	// boot 2 of 2
	// } goes to line 2
	// previous boot dated: false
	// [2026-11-30 10:00:00.000] cloud-init[1102]: Cloud-init v. 23.4 finished.
	// ✓ ok · reached the login prompt
}
