package findings

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

func TestScanSortedOnePerLine(t *testing.T) {
	lines := []string{
		"ok",
		"[  100.0] Kernel panic - not syncing: Fatal exception in interrupt", // also "Oops"-free
		"[   99.0] Oops: 0000 [#1] SMP Call Trace:",                          // oops and call trace on one line
		"[FAILED] Failed to start a.service.",
		"",
	}
	got := Scan(lines, DefaultRules())
	if len(got) != 3 {
		t.Fatalf("got %d findings, want 3:%s", len(got), describe(got))
	}
	for i, want := range []struct {
		line int
		rule string
	}{{1, "kernel-panic"}, {2, "kernel-oops"}, {3, "failed-unit"}} {
		if got[i].Line != want.line || got[i].Rule.Name != want.rule || got[i].Text != lines[want.line] {
			t.Errorf("finding %d = %d/%s, want %d/%s", i, got[i].Line, got[i].Rule.Name, want.line, want.rule)
		}
	}
}

func TestScanEmptyInputs(t *testing.T) {
	if got := Scan(nil, DefaultRules()); got != nil {
		t.Errorf("Scan(nil) = %v", got)
	}
	if got := Scan([]string{"Kernel panic - not syncing"}, nil); got != nil {
		t.Errorf("Scan without rules = %v", got)
	}
}

func TestScanRuleWithoutNeedlesStillMatches(t *testing.T) {
	rules := []Rule{
		{Name: "custom", Severity: Info, Pattern: regexp.MustCompile(`^boom$`), Summary: "Boom"},
		{Name: "short", Severity: Info, Pattern: regexp.MustCompile(`x`), Needles: []string{"x"}, Summary: "X"},
		{Name: "nil-pattern", Severity: Info, Needles: []string{"zz"}, Summary: "Z"},
	}
	got := Scan([]string{"a", "boom", "x", "zz"}, rules)
	if len(got) != 2 || got[0].Line != 1 || got[0].Rule != &rules[0] || got[1].Line != 2 || got[1].Rule != &rules[1] {
		t.Fatalf("got %s", describe(got))
	}
}

func TestScanDedupeWithoutKeyKeepsFirst(t *testing.T) {
	rules := []Rule{{Name: "once", Pattern: regexp.MustCompile(`hello`), Needles: []string{"hello"}, Summary: "Hello", Dedupe: true}}
	got := Scan([]string{"x", "hello", "hello again"}, rules)
	if len(got) != 1 || got[0].Line != 1 {
		t.Fatalf("got %s", describe(got))
	}
}

func TestScanDedupedLineDoesNotFallThrough(t *testing.T) {
	// The second [FAILED] line for the same unit is deduplicated; it must not become a finding of
	// a later rule instead.
	rules := DefaultRules()
	rules = append(rules, Rule{Name: "anything-failed", Pattern: regexp.MustCompile(`FAILED`), Needles: []string{"FAILED"}, Summary: "F"})
	got := Scan([]string{"[FAILED] Failed to start a.service.", "[FAILED] Failed to start a.service."}, rules)
	if len(got) != 1 {
		t.Fatalf("got %s", describe(got))
	}
}

func TestSummarize(t *testing.T) {
	var log []string
	for i := 0; i < 1300; i++ {
		log = append(log, fmt.Sprintf("[ %8.6f] filler line %d", float64(i)/10, i))
	}
	log[20] = "[FAILED] Failed to start nginx.service - nginx."
	log[30] = "[   21.441230] systemd[1]: Failed to start nginx.service - nginx." // same unit
	log[40] = "[FAILED] Failed to mount /data."
	log[50] = "[ 1021.114002] oom-kill:constraint=CONSTRAINT_NONE,task=java,pid=1,uid=0"
	log[51] = "[ 1021.114100] Out of memory: Killed process 1 (java)" // same kill
	log[60] = "[ 1022.0] Out of memory: Killed process 2 (java)"
	log[70] = "[ 1023.0] Out of memory: Killed process 3 (java)"
	log[1203] = "[ 1100.0] Kernel panic - not syncing: Fatal exception"
	got := Summarize(Scan(log, DefaultRules()))
	want := "Kernel panic at line 1,204 · 2 units failed · 3 OOM kills"
	if got != want {
		t.Errorf("Summarize = %q, want %q", got, want)
	}
}

func TestSummarizeOrderAndFallbacks(t *testing.T) {
	info := &Rule{Name: "i", Severity: Info, Summary: "Info thing"}
	warnA := &Rule{Name: "a", Severity: Warning, Summary: "A", Plural: "%d As"}
	warnB := &Rule{Name: "b", Severity: Warning, Summary: "B"}
	fs := []Finding{
		{Line: 0, Rule: info},
		{Line: 5, Rule: warnB}, {Line: 6, Rule: warnB},
		{Line: 9, Rule: warnA},
		{Line: 10, Rule: nil},
	}
	got := Summarize(fs)
	want := "B ×2 · A at line 10 · Info thing at line 1"
	if got != want {
		t.Errorf("Summarize = %q, want %q", got, want)
	}
	if s := Summarize(nil); s != "" {
		t.Errorf("Summarize(nil) = %q", s)
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 1204: "1,204", 1234567: "1,234,567", -1234: "-1,234"} {
		if got := Thousands(n); got != want {
			t.Errorf("Thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestNextPrev(t *testing.T) {
	fs := []Finding{{Line: 10}, {Line: 20}, {Line: 30}}
	cases := []struct {
		from       int
		next, prev int
	}{
		{0, 10, 30},
		{10, 20, 30},
		{15, 20, 10},
		{20, 30, 10},
		{30, 10, 20},
		{99, 10, 30},
	}
	for _, c := range cases {
		if f, ok := Next(fs, c.from); !ok || f.Line != c.next {
			t.Errorf("Next(%d) = %d,%v want %d", c.from, f.Line, ok, c.next)
		}
		if f, ok := Prev(fs, c.from); !ok || f.Line != c.prev {
			t.Errorf("Prev(%d) = %d,%v want %d", c.from, f.Line, ok, c.prev)
		}
	}
	if _, ok := Next(nil, 0); ok {
		t.Error("Next(nil) reported a finding")
	}
	if _, ok := Prev(nil, 0); ok {
		t.Error("Prev(nil) reported a finding")
	}
}

// syntheticLog builds n lines of ordinary boot chatter with a failure every 1000 lines.
func syntheticLog(n int) []string {
	chatter := []string{
		"[   %d.123456] systemd[1]: Started Journal Service.",
		"[   %d.223456] EXT4-fs (vda1): re-mounted. Opts: errors=remount-ro. Quota mode: none.",
		"[  OK  ] Finished systemd-sysctl.service - Apply Kernel Variables. %d",
		"[   %d.323456] virtio_net virtio0 eth0: renamed from eth0; link is up, 1000Mbps, full duplex",
		"         Starting systemd-udevd.service - Rule-based Manager for Device Events and Files... %d",
		"[   %d.423456] cloud-init[1102]: ci-info: |   0   |   0.0.0.0   | 172.16.0.253 |   0.0.0.0   |    eth0   |   UG  |",
	}
	failures := []string{
		"[FAILED] Failed to start unit-%d.service - Some Service.",
		"[ %d.1] Out of memory: Killed process %d (java)",
		"[   %d.5] blk_update_request: I/O error, dev vda, sector %d op 0x1:(WRITE)",
	}
	out := make([]string, n)
	for i := range out {
		if i%1000 == 999 {
			f := failures[(i/1000)%len(failures)]
			out[i] = strings.ReplaceAll(f, "%d", fmt.Sprint(i))
			continue
		}
		out[i] = strings.ReplaceAll(chatter[i%len(chatter)], "%d", fmt.Sprint(i))
	}
	return out
}

func TestScanSyntheticLog(t *testing.T) {
	log := syntheticLog(30000)
	got := Scan(log, DefaultRules())
	if len(got) != 30 {
		t.Fatalf("got %d findings, want 30 (one per 1000 lines)", len(got))
	}
	for i, f := range got {
		if f.Line != i*1000+999 {
			t.Errorf("finding %d at line %d", i, f.Line)
		}
	}
}

// BenchmarkScan scans a one-million-line log; the target is well under a second per scan,
// reported as ms/scan.
func BenchmarkScan(b *testing.B) {
	log := syntheticLog(1_000_000)
	rules := DefaultRules()
	b.ResetTimer()
	for b.Loop() {
		Scan(log, rules)
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/scan")
}

// Two deduplicating rules with keys, their lines interleaved: each keeps the first line of each
// key, the findings stay in line order, and a repeated line is claimed by neither rule again.
func TestScanDedupeKeepsFirstOfEachKeyInOrder(t *testing.T) {
	rules := []Rule{
		{Name: "a", Pattern: regexp.MustCompile(`A (?P<key>\w+)`), Needles: []string{"A "}, Summary: "A", Dedupe: true},
		{Name: "b", Pattern: regexp.MustCompile(`B (?P<key>\w+)`), Needles: []string{"B "}, Summary: "B", Dedupe: true},
		{Name: "any", Pattern: regexp.MustCompile(`x`), Needles: []string{"x"}, Summary: "X"},
	}
	plain := []string{"A one", "B one", "A two x", "A one x", "B one", "B two", "A two", "B one", "A three"}
	var got []string
	for _, f := range Scan(plain, rules) {
		got = append(got, fmt.Sprintf("%d:%s:%s", f.Line, f.Rule.Name, f.Key))
	}
	want := "[0:a:one 1:b:one 2:a:two 5:b:two 8:a:three]"
	if fmt.Sprint(got) != want {
		t.Fatalf("findings %v, want %s", got, want)
	}
}
